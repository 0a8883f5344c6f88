import type { TableId } from '../model/contract.js';

/** Field names per table as the contract spells them, plus 2.2's raw `interval` column. */
export type ColumnField =
  | 'no' | 'sasaran' | 'indikator' | 'target' | 'realisasi' | 'capaian'
  | 'interval' | 'kriteria' | 'pagu' | 'realisasiAnggaran' | 'capaianAnggaran' | 'uraian';

function tokens(label: string): string[] {
  return label.toLowerCase().replace(/[^a-z0-9%]+/g, ' ').trim().split(/\s+/).filter(Boolean);
}

const has = (t: string[], ...words: string[]) => words.some((w) => t.includes(w) || t.some((x) => x.startsWith(w) && w.length >= 4));

/**
 * Map each column's header label (the texts of all header cells above it, top to bottom) to a
 * field of the table. Unknown columns (Ket, Keterangan) map to null and are ignored.
 */
export function mapColumns(table: TableId, labels: readonly string[]): (ColumnField | null)[] {
  const mapped = table === '2.4' ? map24(labels, mapByLabel(table, labels)) : mapByLabel(table, labels);
  return inferByOrder(table, labels, mapped);
}

/** Each table's columns in their usual order; Ket/Keterangan may follow. */
const CANONICAL: Record<TableId, ColumnField[]> = {
  '2.1': ['no', 'sasaran', 'indikator', 'target'],
  '2.2': ['no', 'interval', 'kriteria'],
  '2.3': ['no', 'sasaran', 'indikator', 'target', 'realisasi', 'capaian'],
  '2.4': ['no', 'sasaran', 'indikator', 'pagu', 'realisasiAnggaran', 'capaianAnggaran', 'target', 'realisasi', 'capaian'],
  '2.5': ['no', 'uraian', 'pagu', 'realisasi', 'capaian'],
};

const isKet = (label: string) => has(tokens(label), 'ket', 'keterangan');

/**
 * A header word OCR garbled (`Realisasi` read as `Daalicaci`) leaves its column unmapped: when the
 * mapped neighbours on both sides leave room for exactly one field of the table's usual order,
 * and that field is not used elsewhere, the column is that field.
 */
function inferByOrder(table: TableId, labels: readonly string[], cols: (ColumnField | null)[]): (ColumnField | null)[] {
  const order = CANONICAL[table];
  const out = [...cols];
  for (let i = 0; i < out.length; i++) {
    if (out[i] || isKet(labels[i] ?? '')) continue;
    const prev = out.slice(0, i).reverse().find((f) => f && order.includes(f));
    const next = out.slice(i + 1).find((f) => f && order.includes(f));
    const from = prev ? order.indexOf(prev) + 1 : 0;
    const to = next ? order.indexOf(next) : order.length;
    const room = order.slice(from, to).filter((f) => !out.includes(f));
    const gapCols = out.slice(prev ? out.indexOf(prev) + 1 : 0, next ? out.indexOf(next, i) : out.length).filter((f, j, arr) => !f).length;
    if (room.length === 1 && gapCols === 1) out[i] = room[0]!;
  }
  return out;
}

function mapByLabel(table: TableId, labels: readonly string[]): (ColumnField | null)[] {
  return labels.map((label, i) => {
    const t = tokens(label);
    if (i === 0 && (t.length === 0 || has(t, 'no', 'nomor'))) return 'no';
    if (has(t, 'ket', 'keterangan')) return null;
    switch (table) {
      case '2.1':
        if (has(t, 'target')) return 'target';
        if (has(t, 'indikator')) return 'indikator';
        if (has(t, 'sasaran', 'tujuan')) return 'sasaran';
        return null;
      case '2.2':
        if (has(t, 'kriteria', 'predikat', 'kategori', 'peringkat', 'keterangan')) return 'kriteria';
        if (has(t, 'interval', 'nilai', 'rentang', 'skor', 'skala', 'range')) return 'interval';
        return null;
      case '2.3':
        if (has(t, 'capaian')) return 'capaian';
        if (has(t, 'realisasi')) return 'realisasi';
        if (has(t, 'target')) return 'target';
        if (has(t, 'indikator')) return 'indikator';
        if (has(t, 'sasaran', 'kegiatan')) return 'sasaran';
        return null;
      case '2.4':
        return null; // needs the column's neighbours: see map24
      case '2.5':
        if (has(t, 'capaian') || (t.includes('%') && !has(t, 'rp'))) return 'capaian';
        if (has(t, 'realisasi')) return 'realisasi';
        if (has(t, 'pagu', 'anggaran')) return 'pagu';
        if (has(t, 'program', 'kegiatan', 'uraian')) return 'uraian';
        return null;
    }
  });
}

/** 2.4's two-level header: Anggaran{Pagu, Realisasi, Capaian} / Kinerja{T, R, Capaian}. */
function map24(labels: readonly string[], base: (ColumnField | null)[]): (ColumnField | null)[] {
  let seenPagu = false;
  let seenKinerjaTarget = false;
  return labels.map((label, i) => {
    if (base[i] === 'no') return 'no';
    const t = tokens(label);
    if (has(t, 'ket', 'keterangan')) return null;
    if (has(t, 'indikator')) return 'indikator';
    if (has(t, 'sasaran', 'kegiatan', 'program')) return 'sasaran';
    const anggaran = has(t, 'anggaran', 'keuangan');
    const kinerja = t.includes('kinerja') || t.includes('fisik');
    if (has(t, 'pagu')) { seenPagu = true; return 'pagu'; }
    const isT = t.includes('t') || has(t, 'target');
    const isR = t.includes('r') || has(t, 'realisasi');
    const isC = has(t, 'capaian') || t.includes('%');
    if (anggaran && !kinerja) {
      if (isR) return 'realisasiAnggaran';
      if (isC) return 'capaianAnggaran';
    }
    if (kinerja && !anggaran) {
      if (isT) { seenKinerjaTarget = true; return 'target'; }
      if (isR) return 'realisasi';
      if (isC) return 'capaian';
    }
    // no group header: budget columns come first, right after Pagu
    if (isT) { seenKinerjaTarget = true; return 'target'; }
    if (isR) return seenPagu && !seenKinerjaTarget ? 'realisasiAnggaran' : 'realisasi';
    if (isC) return seenPagu && !seenKinerjaTarget ? 'capaianAnggaran' : 'capaian';
    return null;
  });
}

/** Table type guessed from its header alone, for grids without a caption. */
export function classifyHeader(labels: readonly string[]): TableId | null {
  const t = tokens(labels.join(' '));
  if (has(t, 'interval', 'kriteria', 'predikat')) return '2.2';
  const pagu = has(t, 'pagu', 'anggaran');
  if (pagu && has(t, 'indikator')) return '2.4';
  if (pagu || has(t, 'program')) return '2.5';
  if (has(t, 'realisasi') && has(t, 'indikator')) return '2.3';
  if (has(t, 'target') && has(t, 'indikator')) return '2.1';
  return null;
}

/** Fields a table must have mapped for its header to be believable. */
export const REQUIRED_FIELDS: Record<TableId, ColumnField[]> = {
  '2.1': ['no', 'target'],
  '2.2': ['no', 'interval', 'kriteria'],
  '2.3': ['no', 'target', 'realisasi', 'capaian'],
  '2.4': ['no', 'pagu', 'realisasiAnggaran', 'capaianAnggaran'],
  '2.5': ['no', 'uraian', 'pagu', 'realisasi', 'capaian'],
};
