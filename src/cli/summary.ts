import { styleText } from 'node:util';
import type { Discrepancy, Report, TableId } from '../model/contract.js';
import type { Lang } from '../verify/index.js';

type Style = Extract<Parameters<typeof styleText>[0], string>;

const T = {
  id: {
    clean: 'BERSIH', flagged: 'DITANDAI', failed: 'GAGAL', pages: 'halaman', signed: 'ditandatangani',
    signatories: 'Penandatangan', discrepancies: 'Temuan', none: 'Tidak ada temuan: angka dan narasi konsisten.',
    stated: 'tertulis', expected: 'seharusnya', page: 'hlm.', rows: 'baris', missing: 'tidak ditemukan', nipBad: 'NIP tidak valid',
    mode: { text: 'lapisan teks', ocr: 'OCR', mixed: 'campuran' },
    digital: 'Tanda tangan elektronik', integrity: { valid: 'utuh', invalid: 'TIDAK UTUH' }, trust: { trusted: 'tepercaya', untrusted: 'tidak tepercaya', unknown: 'kepercayaan tidak diketahui' },
    modified: 'diubah sesudah ditandatangani', qr: 'Kode QR', footer: 'Catatan kaki BSrE di halaman',
  },
  en: {
    clean: 'CLEAN', flagged: 'FLAGGED', failed: 'FAILED', pages: 'pages', signed: 'signed',
    signatories: 'Signatories', discrepancies: 'Discrepancies', none: 'No discrepancies: numbers and narrative agree.',
    stated: 'stated', expected: 'expected', page: 'p.', rows: 'rows', missing: 'not found', nipBad: 'invalid NIP',
    mode: { text: 'text layer', ocr: 'OCR', mixed: 'mixed' },
    digital: 'Digital signatures', integrity: { valid: 'intact', invalid: 'NOT INTACT' }, trust: { trusted: 'trusted', untrusted: 'untrusted', unknown: 'trust unknown' },
    modified: 'changed after signing', qr: 'QR code', footer: 'BSrE footer on pages',
  },
} as const;

const SEVERITY_STYLE: Record<Discrepancy['severity'], Style> = { error: 'red', warning: 'yellow', uncertain: 'magenta' };

/** A readable summary of one report for the terminal: meta, the tables, discrepancies highlighted. */
export function formatSummary(r: Report, lang: Lang, color: boolean): string {
  const t = T[lang];
  const c = (style: Style | Style[], s: string) => (color ? styleText(style, s) : s);
  const out: string[] = [];
  const statusStyle: Style = r.status === 'clean' ? 'green' : r.status === 'flagged' ? 'yellow' : 'red';
  out.push(`${c('bold', r.source.file)}  ${c(['bold', statusStyle], t[r.status])}  (${r.source.pages} ${t.pages}, ${t.mode[r.source.mode]})`);
  if (r.status === 'failed') {
    out.push(`  ${c('red', r.error?.message ?? '')}`);
    return out.join('\n');
  }
  const m = r.report;
  const roman = ['', 'I', 'II', 'III', 'IV'];
  const period = m.period
    ? `${m.period.kind === 'tahunan' ? 'Tahunan' : `${m.period.kind[0]!.toUpperCase()}${m.period.kind.slice(1)} ${roman[m.period.number ?? 0] ?? m.period.number ?? ''}`} ${m.period.year ?? ''}`.trim()
    : '?';
  out.push(`  ${[m.unit, m.kecamatan && `Kecamatan ${m.kecamatan}`, m.kabupaten && `Kabupaten ${m.kabupaten}`, period, m.signedAt && `${t.signed} ${m.signedAt}`].filter(Boolean).join(' · ')}`);
  if (m.signatories.length) {
    out.push(`  ${t.signatories}: ${m.signatories.map((s) => `${s.name}${s.title ? ` (${s.title})` : ''} NIP ${s.nip ?? '?'}${s.nipValid === false ? ' ' + c('red', `[${t.nipBad}]`) : ''}`).join('; ')}`);
  }
  if (r.signatures.length) {
    out.push(`  ${t.digital}:`);
    for (const s of r.signatures) {
      const who = `${s.signer.name ?? '?'}${s.signer.nip ? ` NIP ${s.signer.nip}` : ''}`;
      const state = [c(s.integrity === 'valid' ? 'green' : 'red', t.integrity[s.integrity]), t.trust[s.trust], s.modifiedAfterSigning ? c('red', t.modified) : null].filter(Boolean).join(', ');
      out.push(`    ${s.field}: ${who}${s.signedAt ? ` · ${s.signedAt}` : ''} — ${state}`);
    }
  }
  if (r.signatureMarks.footer) out.push(`  ${t.footer} ${r.signatureMarks.footer.pages.join(', ')}`);
  for (const q of r.signatureMarks.qrCodes) out.push(`  ${t.qr} (${t.page} ${q.page}): ${q.text}`);
  const flagged = new Set(r.discrepancies.map((d) => `${d.table}|${d.row}|${d.field}`));
  for (const id of Object.keys(r.tables) as TableId[]) {
    const rows = r.tables[id] as Record<string, unknown>[];
    out.push('', c('bold', `Tabel ${id}`) + (rows.length ? ` (${rows.length} ${t.rows})` : ` — ${c('yellow', t.missing)}`));
    if (rows.length) out.push(...renderTable(id, rows, flagged, c));
  }
  out.push('', c('bold', `${t.discrepancies} (${r.discrepancies.length})`));
  if (!r.discrepancies.length) out.push(`  ${c('green', t.none)}`);
  for (const d of r.discrepancies) {
    const where = d.table === 'narrative' ? `narasi ${d.row}` : d.table === 'signature' ? `${d.row} ${d.field}` : `Tabel ${d.table} ${d.row} ${d.field}`;
    const nums = d.stated !== null || d.expected !== null ? ` [${t.stated} ${show(d.stated)}, ${t.expected} ${show(d.expected)}]` : '';
    const page = d.evidence.page ? ` (${t.page} ${d.evidence.page})` : '';
    out.push(`  ${c(SEVERITY_STYLE[d.severity], `${d.severity.toUpperCase()} ${d.rule}`)} ${where}${nums}${page}`);
    out.push(`      ${d.message}`);
  }
  return out.join('\n');
}

function show(v: unknown): string {
  return v === null || v === undefined ? '—' : String(v);
}

function renderTable(id: TableId, rows: Record<string, unknown>[], flagged: Set<string>,
  c: (s: Style | Style[], x: string) => string): string[] {
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '–' : String(v);
    return s.length > 34 ? s.slice(0, 33) + '…' : s;
  };
  const widths = cols.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals: string[], marks?: boolean[]) => '  ' + vals.map((v, i) => {
    const padded = v.padEnd(widths[i]!);
    return marks?.[i] ? c(['red', 'bold'], padded) : padded;
  }).join('  ');
  return [
    c('dim', line(cols)),
    ...rows.map((r) => line(cols.map((k) => cell(r[k])), cols.map((k) => flagged.has(`${id}|${String(r.no)}|${k}`)))),
  ];
}
