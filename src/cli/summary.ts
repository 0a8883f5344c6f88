import { styleText } from 'node:util';
import type { Discrepancy, Report, ReportMeta, TableId } from '../model/contract.js';
import type { Lang } from '../verify/index.js';

type Style = Extract<Parameters<typeof styleText>[0], string>;

export const SUMMARY_WORDS = {
  id: {
    clean: 'BERSIH',
    flagged: 'DITANDAI',
    failed: 'GAGAL',
    pages: 'halaman',
    signed: 'ditandatangani',
    signatories: 'Penanda tangan',
    discrepancies: 'Temuan',
    none: 'Tidak ada temuan: angka dan narasi konsisten.',
    stated: 'tertulis',
    expected: 'seharusnya',
    page: 'hlm.',
    rows: 'baris',
    missing: 'tidak ditemukan',
    nipBad: 'NIP tidak valid',
    mode: { text: 'lapisan teks', ocr: 'OCR', mixed: 'campuran' },
    digital: 'Tanda tangan elektronik',
    integrity: { valid: 'utuh', invalid: 'TIDAK UTUH' },
    trust: { trusted: 'tepercaya', untrusted: 'tidak tepercaya', unknown: 'kepercayaan tidak diketahui' },
    modified: 'diubah sesudah ditandatangani',
    qr: 'Kode QR',
    footer: 'Catatan kaki BSrE di halaman',
    severity: { error: 'KESALAHAN', uncertain: 'PERLU DICEK', warning: 'PERINGATAN' },
    narrative: 'narasi',
    period: { tribulan: 'Tribulan', semester: 'Semester', tahunan: 'Tahunan' },
    claims: {
      capaianKinerja: 'capaian kinerja',
      serapanAnggaran: 'serapan anggaran',
      kategori: 'kategori',
      kesimpulan: 'kesimpulan',
    },
  },
  en: {
    clean: 'CLEAN',
    flagged: 'FLAGGED',
    failed: 'FAILED',
    pages: 'pages',
    signed: 'signed',
    signatories: 'Signatories',
    discrepancies: 'Findings',
    none: 'No findings: numbers and narrative agree.',
    stated: 'stated',
    expected: 'expected',
    page: 'p.',
    rows: 'rows',
    missing: 'not found',
    nipBad: 'invalid NIP',
    mode: { text: 'text layer', ocr: 'OCR', mixed: 'mixed' },
    digital: 'Digital signatures',
    integrity: { valid: 'intact', invalid: 'NOT INTACT' },
    trust: { trusted: 'trusted', untrusted: 'untrusted', unknown: 'trust unknown' },
    modified: 'changed after signing',
    qr: 'QR code',
    footer: 'BSrE footer on pages',
    severity: { error: 'ERROR', uncertain: 'CHECK', warning: 'WARNING' },
    narrative: 'narrative',
    period: { tribulan: 'Quarter', semester: 'Semester', tahunan: 'Annual' },
    claims: {
      capaianKinerja: 'capaian kinerja',
      serapanAnggaran: 'serapan anggaran',
      kategori: 'kategori',
      kesimpulan: 'kesimpulan',
    },
  },
} as const;

/** Column names as the report prints them (the contract's keys are camelCase), in both languages. */
const COLUMN_LABELS: Record<string, string> = {
  no: 'No',
  sasaran: 'Sasaran',
  indikator: 'Indikator',
  target: 'Target',
  realisasi: 'Realisasi',
  capaian: 'Capaian (%)',
  pagu: 'Pagu (Rp)',
  realisasiAnggaran: 'Realisasi anggaran (Rp)',
  capaianAnggaran: 'Capaian anggaran (%)',
  min: 'Min (%)',
  max: 'Maks (%)',
  kriteria: 'Kriteria',
  uraian: 'Uraian',
};
const columnLabel = (table: string, field: string) =>
  table === '2.5' && field === 'realisasi' ? 'Realisasi (Rp)' : (COLUMN_LABELS[field] ?? field);

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** `Tribulan II 2024`, `Semester I 2023`, `Tahunan 2021` (as the reports and the web app write them). */
export function formatPeriod(p: ReportMeta['period'], lang: Lang): string {
  if (!p) return '?';
  const kind = SUMMARY_WORDS[lang].period[p.kind];
  const n = p.kind === 'tahunan' || p.number === null ? null : (ROMAN[p.number] ?? String(p.number));
  return [kind, n, p.year].filter((x) => x !== null && x !== undefined).join(' ');
}

const SEVERITY_STYLE: Record<Discrepancy['severity'], Style> = {
  error: 'red',
  warning: 'yellow',
  uncertain: 'magenta',
};

/** A readable summary of one report for the terminal: meta, the tables, discrepancies highlighted. */
export function formatSummary(r: Report, lang: Lang, color: boolean): string {
  const t = SUMMARY_WORDS[lang];
  const c = (style: Style | Style[], s: string) => (color ? styleText(style, s) : s);
  const out: string[] = [];
  const statusStyle: Style = r.status === 'clean' ? 'green' : r.status === 'flagged' ? 'yellow' : 'red';
  // a document that could not be read has no pages or mode worth showing
  const read = r.status === 'failed' ? '' : `  (${r.source.pages} ${t.pages}, ${t.mode[r.source.mode]})`;
  out.push(`${c('bold', r.source.file)}  ${c(['bold', statusStyle], t[r.status])}${read}`);
  if (r.status === 'failed') {
    out.push(`  ${c('red', r.error?.message ?? '')}`);
    return out.join('\n');
  }
  const m = r.report;
  const period = formatPeriod(m.period, lang);
  out.push(
    `  ${[m.unit, m.kecamatan && `Kecamatan ${m.kecamatan}`, m.kabupaten && `Kabupaten ${m.kabupaten}`, period, m.signedAt && `${t.signed} ${m.signedAt}`].filter(Boolean).join(' · ')}`,
  );
  if (m.signatories.length) {
    out.push(
      `  ${t.signatories}: ${m.signatories.map((s) => `${s.name}${s.title ? ` (${s.title})` : ''} NIP ${s.nip ?? '?'}${s.nipValid === false ? ` ${c('red', `[${t.nipBad}]`)}` : ''}`).join('; ')}`,
    );
  }
  if (r.signatures.length) {
    out.push(`  ${t.digital}:`);
    for (const s of r.signatures) {
      const who = `${s.signer.name ?? '?'}${s.signer.nip ? ` NIP ${s.signer.nip}` : ''}`;
      const state = [
        c(s.integrity === 'valid' ? 'green' : 'red', t.integrity[s.integrity]),
        t.trust[s.trust],
        s.modifiedAfterSigning ? c('red', t.modified) : null,
      ]
        .filter(Boolean)
        .join(', ');
      out.push(`    ${s.field}: ${who}${s.signedAt ? ` · ${s.signedAt}` : ''} — ${state}`);
    }
  }
  if (r.signatureMarks.footer) out.push(`  ${t.footer} ${r.signatureMarks.footer.pages.join(', ')}`);
  for (const q of r.signatureMarks.qrCodes) out.push(`  ${t.qr} (${t.page} ${q.page}): ${q.text}`);
  const flagged = new Set(r.discrepancies.map((d) => `${d.table}|${d.row}|${d.field}`));
  for (const id of Object.keys(r.tables) as TableId[]) {
    const rows = r.tables[id] as Record<string, unknown>[];
    out.push(
      '',
      c('bold', `Tabel ${id}`) + (rows.length ? ` (${rows.length} ${t.rows})` : ` — ${c('yellow', t.missing)}`),
    );
    if (rows.length) out.push(...renderTable(id, rows, flagged, c));
  }
  out.push('', c('bold', `${t.discrepancies} (${r.discrepancies.length})`));
  if (!r.discrepancies.length) out.push(`  ${c('green', t.none)}`);
  for (const d of r.discrepancies) {
    const where =
      d.table === 'narrative'
        ? `${t.narrative} ${t.claims[d.row as keyof typeof t.claims] ?? d.row}`
        : d.table === 'meta'
          ? `${t.signatories} ${d.row}`
          : d.table === 'signature'
            ? `${d.row} ${d.field}`
            : `Tabel ${d.table} ${d.row} ${columnLabel(d.table, d.field)}`;
    const nums =
      d.stated !== null || d.expected !== null
        ? ` [${t.stated} ${show(d.stated)}, ${t.expected} ${show(d.expected)}]`
        : '';
    const page = d.evidence.page ? ` (${t.page} ${d.evidence.page})` : '';
    out.push(`  ${c(SEVERITY_STYLE[d.severity], `${t.severity[d.severity]} ${d.rule}`)} ${where}${nums}${page}`);
    out.push(`      ${d.message}`);
  }
  return out.join('\n');
}

function show(v: unknown): string {
  return v === null || v === undefined ? '—' : String(v);
}

function renderTable(
  id: TableId,
  rows: Record<string, unknown>[],
  flagged: Set<string>,
  c: (s: Style | Style[], x: string) => string,
): string[] {
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '–' : String(v);
    return s.length > 34 ? `${s.slice(0, 33)}…` : s;
  };
  const heads = cols.map((k) => columnLabel(id, k));
  const widths = cols.map((k, i) => Math.max(heads[i]!.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (vals: string[], marks?: boolean[]) => {
    const padded = vals.map((v, i) => (marks?.[i] ? c(['red', 'bold'], v.padEnd(widths[i]!)) : v.padEnd(widths[i]!)));
    return `  ${padded.join('  ')}`;
  };
  return [
    c('dim', line(heads)),
    ...rows.map((r) =>
      line(
        cols.map((k) => cell(r[k])),
        cols.map((k) => flagged.has(`${id}|${String(r.no)}|${k}`)),
      ),
    ),
  ];
}
