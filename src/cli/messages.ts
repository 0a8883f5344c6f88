/**
 * What the `lkj` command says to a person, in Bahasa Indonesia (default) or English: `--lang`,
 * else `LKJ_LANG`. Terms follow docs/glossary.md. The log (src/settings/log.ts: JSON lines on stderr,
 * the long-running commands' requests and jobs) stays English: it is for whoever runs the machine.
 */
import { Option } from 'commander';
import { loadSettings, type Env } from '../settings/settings.js';
import type { Lang } from '../verify/index.js';

export const CLI_MESSAGES = {
  extractBar: {
    id: 'ekstrak [{bar}] {done}/{files} berkas | {file} {pages}',
    en: 'extract [{bar}] {done}/{files} files | {file} {pages}',
  },
  barPage: { id: 'hlm. {done}/{total}', en: 'page {done}/{total}' },
  extractTotals: {
    id: '{files} berkas: {clean} bersih, {flagged} ditandai, {failed} gagal',
    en: '{files} files: {clean} clean, {flagged} flagged, {failed} failed',
  },
  folderOfReports: {
    id: '{dir} berisi laporan-laporan, bukan gambar halaman satu laporan: `lkj extract` membaca sebuah folder sebagai halaman-halaman satu laporan. Untuk memproses setiap laporan di folder itu: `lkj run {dir}` (atau sebutkan berkasnya: `lkj extract {dir}/*.pdf`).',
    en: '{dir} holds reports, not the page images of one report: `lkj extract` reads a folder as the pages of one report. To process every report in it: `lkj run {dir}` (or name the files: `lkj extract {dir}/*.pdf`).',
  },
  contractBroken: {
    id: 'kesalahan internal: laporan untuk {file} melanggar kontrak keluaran: {detail}',
    en: 'internal error: report for {file} breaks the output contract: {detail}',
  },
  ingestBar: { id: 'rekam [{bar}] {value} berkas | {file}', en: 'ingest [{bar}] {value} files | {file}' },
  ingestTotals: {
    id: '{queued} diantrekan, {duplicates} duplikat, {rejected} ditolak',
    en: '{queued} queued, {duplicates} duplicate, {rejected} rejected',
  },
  ingestEmbeddedHint: {
    id: 'mode tertanam: `lkj worker` (atau `lkj run`) memprosesnya',
    en: 'embedded mode: `lkj worker` (or `lkj run`) processes them',
  },
  ingestHolderHint: {
    id: '`lkj {command}` yang sedang berjalan (pid {pid}) memprosesnya',
    en: 'the running `lkj {command}` (pid {pid}) processes them',
  },
  queueWarning: {
    id: 'Redis tidak menerima tugasnya ({detail}); dokumennya sudah tercatat dan sebuah worker akan mengantrekannya saat Redis kembali',
    en: 'Redis did not take the jobs ({detail}); the documents are recorded and a worker will queue them when Redis is back',
  },
  mode_embedded: { id: 'tertanam', en: 'embedded' },
  mode_distributed: { id: 'terdistribusi', en: 'distributed' },
  statusDocuments: {
    id: 'dokumen: {total} total, {pending} menunggu, {clean} bersih, {flagged} ditandai, {failed} gagal',
    en: 'documents: {total} total, {pending} pending, {clean} clean, {flagged} flagged, {failed} failed',
  },
  statusThroughput: {
    id: 'laju: {done} selesai dalam {minutes} menit terakhir ({rate}/menit)',
    en: 'throughput: {done} finished in the last {minutes} min ({rate}/min)',
  },
  statusQueue: { id: 'antrean: {detail}', en: 'queue: {detail}' },
  statusQueueEmpty: { id: 'kosong', en: 'empty' },
  statusRedisDown: { id: 'antrean: Redis tidak terjangkau', en: 'queue: Redis unreachable' },
  statusFailures: { id: 'kegagalan terakhir:', en: 'recent failures:' },
  noDocument: { id: 'tidak ada dokumen tersimpan yang cocok dengan {key}', en: 'no stored document matches {key}' },
  noVersion: { id: '{file} tidak punya versi {version}', en: '{file} has no version {version}' },
  noReportYet: { id: '{file}: {status}, belum ada laporan', en: '{file}: {status}, no report yet' },
  auditAnchorFormat: {
    id: '--anchor harus berbentuk <seq>:<hex sha256>, seperti yang dicetak verify; yang diberikan "{anchor}"',
    en: '--anchor must be <seq>:<sha256 hex>, as verify prints it; got "{anchor}"',
  },
  auditRow: { id: 'baris {id} (seq {seq}): {problem}', en: 'row {id} (seq {seq}): {problem}' },
  auditIntact: { id: 'utuh: {rows} baris{head}', en: 'intact: {rows} rows{head}' },
  auditTampered: { id: 'DIUBAH: {rows} baris{head}', en: 'TAMPERED: {rows} rows{head}' },
  auditHead: { id: '; kepala {head}', en: '; head {head}' },
  audit_unchained: {
    id: 'tidak ada dalam rantai (ditulis saat pemicu rantai dimatikan)',
    en: 'not in the chain (written with the chain trigger disabled)',
  },
  audit_missing: {
    id: 'baris {from}–{to} dari rantai hilang (dihapus)',
    en: 'rows {from}–{to} of the chain are missing (deleted)',
  },
  audit_brokenLink: {
    id: 'tidak menyambung ke baris sebelumnya (prev_hash berbeda: baris sebelumnya diubah atau dihapus)',
    en: 'does not follow the previous row (prev_hash differs: a row before it was changed or removed)',
  },
  audit_changed: {
    id: 'isinya tidak cocok dengan hash-nya (baris ini diubah)',
    en: 'its content does not match its hash (the row was changed)',
  },
  audit_notAnchor: {
    id: 'hash-nya bukan hash jangkar {hash}: riwayat sampai baris ini ditulis ulang',
    en: "its hash is not the anchor's {hash}: the history up to it was rewritten",
  },
  audit_anchorGone: {
    id: 'baris jangkar sudah tidak ada (log dipotong)',
    en: "the anchor's row is gone (the log was cut back)",
  },
  docStatus_queued: { id: 'dalam antrean', en: 'queued' },
  docStatus_processing: { id: 'sedang diproses', en: 'processing' },
  docStatus_clean: { id: 'bersih', en: 'clean' },
  docStatus_flagged: { id: 'ditandai', en: 'flagged' },
  docStatus_failed: { id: 'gagal', en: 'failed' },
  notAFolder: { id: '--inbox {dir} bukan folder', en: '--inbox {dir} is not a folder' },
  reprocessChoose: {
    id: 'reprocess: pilih --failed, --all, atau keduanya',
    en: 'reprocess: choose --failed, --all, or both',
  },
  reverified: {
    id: '{n} diverifikasi ulang: {changed} berubah (versi baru), {unchanged} tidak berubah, {skipped} tanpa analisis tersimpan, {invalid} dengan analisis tersimpan yang tidak valid',
    en: 're-verified {n}: {changed} changed (new version), {unchanged} unchanged, {skipped} without a stored analysis, {invalid} with an invalid stored analysis',
  },
  invalidAnalysis: {
    id: 'dokumen {id} ({file}), versi {version}: analisis tersimpan tidak valid ({problems}); dokumen lain tetap diverifikasi ulang',
    en: 'document {id} ({file}), version {version}: the stored analysis is not valid ({problems}); the other documents are re-verified',
  },
  failedQueued: { id: '{n} dokumen gagal diantrekan lagi', en: '{n} failed document(s) queued again' },
  failedProcessed: {
    id: '{n} dokumen gagal diproses lagi: {clean} bersih, {flagged} ditandai, {failed} gagal',
    en: '{n} failed document(s) processed again: {clean} clean, {flagged} flagged, {failed} failed',
  },
  runBar: { id: 'proses [{bar}] {value}/{total} | {file} {pages}', en: 'run [{bar}] {value}/{total} | {file} {pages}' },
  reverifyBar: { id: 'verifikasi ulang [{bar}] {value}/{total}', en: 'reverify [{bar}] {value}/{total}' },
  runTotals: {
    id: '{n} diproses dalam {seconds} dtk{resumed}: {clean} bersih, {flagged} ditandai, {failed} gagal; {duplicates} duplikat, {rejected} ditolak',
    en: '{n} processed in {seconds} s{resumed}: {clean} clean, {flagged} flagged, {failed} failed; {duplicates} duplicate, {rejected} rejected',
  },
  runResumed: {
    id: ' ({n} di antaranya ditinggalkan belum selesai oleh proses sebelumnya)',
    en: ' ({n} left unfinished by an earlier run)',
  },
  positiveInt: {
    id: '{name} harus bilangan bulat positif, bukan "{value}"',
    en: '{name} must be a positive integer, got "{value}"',
  },
  badPort: { id: 'port tidak valid: {port}', en: 'bad port {port}' },
  badUsername: {
    id: 'nama pengguna "{name}" tidak valid: huruf, angka, titik, tanda hubung atau garis bawah; paling panjang 64',
    en: 'bad username "{name}": letters, digits, dot, dash or underscore; at most 64',
  },
  userExists: { id: 'pengguna {name} sudah ada', en: 'user {name} already exists' },
  userCreated: { id: 'pengguna {name} ({role}) dibuat', en: 'user {name} ({role}) created' },
  passwordShown: {
    id: 'kata sandi: {password}\n(hanya ditampilkan sekali: simpan sekarang)',
    en: 'password: {password}\n(shown once: keep it now)',
  },
  noUser: {
    id: 'tidak ada pengguna {name} (`lkj user add {name} --role …`)',
    en: 'no user {name} (`lkj user add {name} --role …`)',
  },
  tokenCreated: {
    id: 'token {id} untuk {name} (hanya ditampilkan sekali: simpan sekarang)',
    en: 'token {id} for {name} (shown once: keep it now)',
  },
  tokenActive: { id: 'aktif', en: 'active' },
  tokenRevokedState: { id: 'dicabut', en: 'revoked' },
  tokenLastUsed: { id: 'terakhir dipakai {when}', en: 'last used {when}' },
  tokenNeverUsed: { id: 'belum pernah', en: 'never' },
  disabled: { id: 'nonaktif', en: 'disabled' },
  noActiveToken: { id: 'tidak ada token aktif {id}', en: 'no active token {id}' },
  tokenRevoked: { id: 'token {id} dicabut', en: 'token {id} revoked' },
  serveAddress: {
    id: 'lkj {mode} ({where}): {url}  (dokumentasi API: {url}/docs)',
    en: 'lkj {mode} ({where}): {url}  (API docs: {url}/docs)',
  },
  firstAdmin: {
    id: 'Mulai pertama: akun admin dibuat. Hanya ditampilkan sekali, simpan sekarang:\n  nama pengguna: {username}\n  kata sandi: {password}',
    en: 'First start: an admin account was created. Shown once, keep it now:\n  username: {username}\n  password: {password}',
  },
  samplesQueued: {
    id: '{n} laporan contoh dari fixtures/corpus diantrekan untuk diproses',
    en: '{n} sample report(s) from fixtures/corpus queued for processing',
  },
  folderBusy: {
    id: 'basis data tertanam di {dir} sedang dibuka oleh proses lkj lain (pid {pid}, `lkj {command}`): hentikan dulu, atau gunakan DATABASE_URL (PostgreSQL) untuk beberapa proses',
    en: 'the embedded database in {dir} is open in another lkj process (pid {pid}, `lkj {command}`): stop it first, or use DATABASE_URL (PostgreSQL) for several processes',
  },
  folderBusyProcessing: {
    id: '`lkj {command}` (pid {pid}) sedang memakai {dir} dan memproses dokumen: rekam berkas dengan `lkj ingest`, proses itu yang akan memprosesnya',
    en: '`lkj {command}` (pid {pid}) is using {dir} and processes documents: record files with `lkj ingest` and it processes them',
  },
  redisWithoutDatabase: {
    id: 'REDIS_URL diisi tanpa DATABASE_URL: worker di beberapa mesin memerlukan satu PostgreSQL (basis data tertanam melayani satu proses)',
    en: 'REDIS_URL is set without DATABASE_URL: workers on several machines need one PostgreSQL (the embedded database serves one process)',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type CliKey = keyof typeof CLI_MESSAGES;

/** An error whose message is already worded for the reader. */
export class CliError extends Error {}

/** The language of this run: `--lang`, else LKJ_LANG, else Bahasa Indonesia. */
export function cliLang(argv: readonly string[] = process.argv, env?: Env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = i < 0 ? loadSettings(env).lang : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return given === 'en' ? 'en' : 'id';
}

export function say(lang: Lang, key: CliKey, vars: Record<string, string | number> = {}): string {
  return CLI_MESSAGES[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** `--lang id|en`, defaulting to LKJ_LANG, else Bahasa Indonesia. */
export const langOption = () =>
  new Option('--lang <lang>', 'language of messages (default: LKJ_LANG, else id)')
    .choices(['id', 'en'])
    .default(cliLang([]));
