/** How values are written for the reader: Indonesian number style, periods, ages. */
import { currentLang, t, type Key } from './i18n';
import type { Cell, DocumentSummary, Severity } from './types';

const locale = () => (currentLang() === 'id' ? 'id-ID' : 'en-GB');

/** Money fields are rupiah (no decimals); others are counts or percentages. */
const MONEY = new Set(['pagu', 'realisasiAnggaran']);
const PERCENT = new Set(['capaian', 'capaianAnggaran', 'min', 'max']);

export function num(v: number, maxDecimals = 2): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: maxDecimals }).format(v);
}

/** A table cell or a finding's stated/expected value, by field. */
export function cell(v: Cell | undefined, field = '', table = ''): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (MONEY.has(field) || (table === '2.5' && field === 'realisasi')) return num(v, 0);
  if (PERCENT.has(field) || table === 'narrative') return `${num(v)}%`;
  return num(v);
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** `Tribulan II 2024`, `Semester I 2023`, `Tahunan 2021`: as the reports (and `lkj extract`) write them. */
export function period(p: { kind: string; number: number | null; year: number | null } | null): string {
  if (!p) return '—';
  const kind = p.kind === 'tribulan' || p.kind === 'semester' || p.kind === 'tahunan' ? t(p.kind) : p.kind;
  const n = p.kind === 'tahunan' || p.number === null ? null : (ROMAN[p.number] ?? String(p.number));
  return [kind, n, p.year].filter((x) => x !== null && x !== undefined).join(' ');
}

export function age(iso: string, now = Date.now()): string {
  const min = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  if (min < 1) return t('justNow');
  if (min < 60) return t('minutesAgo', { n: min });
  if (min < 48 * 60) return t('hoursAgo', { n: Math.round(min / 60) });
  return t('daysAgo', { n: Math.round(min / 1440) });
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export const SEVERITIES: Severity[] = ['error', 'uncertain', 'warning'];

/** The most severe kind of finding a document has, for its badge. */
export function worst(d: DocumentSummary['discrepancies']): Severity | null {
  return SEVERITIES.find((s) => d[s] > 0) ?? null;
}

/** Column names as the report prints them (the contract's keys are camelCase). */
const FIELD_LABELS: Record<string, string> = {
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

export function fieldLabel(field: string, table = ''): string {
  if (table === '2.5' && field === 'realisasi') return 'Realisasi (Rp)';
  return FIELD_LABELS[field] ?? field;
}

/** A claim's kind as a reader names it (the contract's keys are camelCase). */
export function claimLabel(kind: string): string {
  return CLAIM_KINDS.has(kind) ? t(`claim_${kind}` as Key) : kind;
}
const CLAIM_KINDS = new Set(['capaianKinerja', 'serapanAnggaran', 'kategori', 'kesimpulan']);

/** `Tabel 2.5 · JUMLAH · Realisasi (Rp)`, `Narasi · Capaian kinerja`, `Penanda tangan · NAME · tanda tangan` */
export function where(f: { table: string; row: string; field: string }): string {
  if (f.table === 'narrative') return `${t('narrative')} · ${claimLabel(f.row)}`;
  if (f.table === 'meta') return `${t('signatory')} · ${f.row} · ${f.field === 'signature' ? t('signature') : f.field}`;
  if (f.table === 'signature') return `${t('sigTitle')} · ${f.row} · ${f.field}`;
  return `Tabel ${f.table} · ${f.row} · ${fieldLabel(f.field, f.table)}`;
}

/** Why a report version exists (stored as a key: ingest, force, reprocess, correction). */
export function versionReason(reason: string): string {
  return ['ingest', 'force', 'reprocess', 'correction'].includes(reason) ? t(`reason_${reason}` as Key) : reason;
}
