import { TABLE_FIELDS, byTable, type TableId } from '../model/contract.js';
import { editDistance } from '../parse/edit-distance.js';

import {
  DEFAULT_SYNONYMS,
  EXTRA_COLUMNS,
  OTHER_COLUMNS,
  hasAny,
  hasPhrase,
  tokens,
  type FieldName,
  type SynonymTable,
} from './synonyms.js';

/**
 * What a column holds: a field of the table (2.2's raw `interval` included), `other` for a column
 * understood and not kept (another year, the Renstra target, `Sisa`), or `extra:<header>` for a
 * text column kept by its printed header (`Sumber Data`, `Formula`).
 */
export type ColumnField = FieldName | 'other' | `extra:${string}`;

export interface MapOptions {
  /** a profile's header words, tried before the defaults */
  synonyms?: SynonymTable;
  /** the report's year: in a table printing several years side by side, its columns are taken */
  year?: number | null;
}

const has = (t: string[], ...words: string[]) => hasAny(t, words);

/**
 * Map each column's header label (the texts of all header cells above it, top to bottom) to a
 * field of the table. Several columns of one field (two years side by side) keep the report
 * year's; columns nobody understands stay null.
 */
export function mapColumns(table: TableId, labels: readonly string[], opts: MapOptions = {}): (ColumnField | null)[] {
  return mapColumnsDetailed(table, labels, opts).columns;
}

/** mapColumns, and which columns were placed by their neighbours rather than their own header. */
export function mapColumnsDetailed(
  table: TableId,
  labels: readonly string[],
  opts: MapOptions = {},
): { columns: (ColumnField | null)[]; inferred: number[] } {
  const base = mapByLabel(table, labels, opts);
  const mapped = table === '2.4' ? map24(labels, base) : base;
  const withExtras = mapped.map((f, i) => f ?? extraColumn(labels[i] ?? ''));
  const ordered = inferByOrder(table, labels, withExtras);
  const inferred = ordered.flatMap((f, i) => (f && !withExtras[i] ? [i] : []));
  return { columns: resolveDuplicates(labels, ordered, opts.year ?? null), inferred };
}

function extraColumn(label: string): ColumnField | null {
  const t = tokens(label);
  return EXTRA_COLUMNS.some((p) => hasPhrase(t, p)) ? `extra:${label.replace(/\s+/g, ' ').trim()}` : null;
}

/**
 * Each table's columns in their usual order, as the SAKIP template prints them: `No`, then the
 * contract's fields, which follow the printed order (2.2 prints one interval column for its `min`
 * and `max`); Ket/Keterangan may follow.
 */
export const CANONICAL: Readonly<Record<TableId, readonly ColumnField[]>> = byTable(
  (id) =>
    [
      'no',
      ...(TABLE_FIELDS[id] as readonly string[]).flatMap((f) => (f === 'min' ? ['interval'] : f === 'max' ? [] : [f])),
    ] as ColumnField[],
);

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
    const prev = out
      .slice(0, i)
      .reverse()
      .find((f) => f && order.includes(f));
    const next = out.slice(i + 1).find((f) => f && order.includes(f));
    const from = prev ? order.indexOf(prev) + 1 : 0;
    const to = next ? order.indexOf(next) : order.length;
    const room = order.slice(from, to).filter((f) => !out.includes(f));
    const gapCols = out
      .slice(prev ? out.indexOf(prev) + 1 : 0, next ? out.indexOf(next, i) : out.length)
      .filter((f) => !f).length;
    if (room.length === 1 && gapCols === 1) out[i] = room[0]!;
  }
  return out;
}

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
const yearsIn = (label: string) => [...label.matchAll(YEAR)].map((m) => Number(m[0]));

/**
 * Several columns holding one field (`Target 2022 | Target 2023`): the column of the report's year,
 * else the latest year printed, and the others are `other`. Without years the first is kept and
 * the others stay unmapped (the header did not say which is meant).
 */
function resolveDuplicates(
  labels: readonly string[],
  cols: (ColumnField | null)[],
  year: number | null,
): (ColumnField | null)[] {
  const out = [...cols];
  const seen = new Set<string>();
  for (const f of cols) {
    if (!f || f === 'other' || f.startsWith('extra:') || seen.has(f)) continue;
    seen.add(f);
    const idx = cols.flatMap((g, i) => (g === f ? [i] : []));
    if (idx.length < 2) continue;
    const years = idx.map((i) => yearsIn(labels[i] ?? ''));
    let keep = idx[0]!;
    if (!years.some((ys) => ys.length)) {
      for (const i of idx.slice(1)) out[i] = null;
      continue;
    }
    const ofYear = year === null ? -1 : years.findIndex((ys) => ys.includes(year));
    if (ofYear >= 0) keep = idx[ofYear]!;
    else {
      const latest = Math.max(...years.flat());
      keep = idx[years.findIndex((ys) => ys.includes(latest))]!;
    }
    for (const i of idx) if (i !== keep) out[i] = 'other';
  }
  return out;
}

function mapByLabel(table: TableId, labels: readonly string[], opts: MapOptions): (ColumnField | null)[] {
  return labels.map((label, i) => {
    const t = tokens(label);
    if (i === 0 && (t.length === 0 || has(t, 'no', 'nomor', 'kode'))) return 'no';
    for (const [field, phrases] of Object.entries(opts.synonyms?.[table] ?? {}) as [FieldName, string[]][]) {
      if (hasAny(t, phrases)) return field;
    }
    if (OTHER_COLUMNS.some((p) => hasPhrase(t, p))) return 'other';
    if (table === '2.4') return null; // needs the column's neighbours: see map24
    if (table === '2.5' && t.includes('%') && !has(t, 'rp', 'realisasi', 'pagu', 'anggaran')) return 'capaian';
    // `%` alone is a capaian column; `Target (%)` is a target
    if (table === '2.3' && t.length === 1 && t[0] === '%') return 'capaian';
    for (const [field, phrases] of DEFAULT_SYNONYMS[table])
      if (
        hasAny(
          t,
          phrases.filter((p) => p !== '%'),
        )
      )
        return field;
    return nearSynonym(table, t);
  });
}

/**
 * The one field whose single-word synonym a header word is a letter or two off (`Targeit`,
 * `flealisasi`, `Caonaian` on a 240 DPI scan): one letter in a word of six, two in a longer one.
 * Shorter synonyms are too easily another word.
 */
function nearSynonym(table: TableId, t: readonly string[]): ColumnField | null {
  const close = (w: string, p: string) =>
    p.length >= 6 && Math.abs(w.length - p.length) <= 2 && editDistance(w, p) <= (p.length >= 7 ? 2 : 1);
  const fields = DEFAULT_SYNONYMS[table].filter(([, phrases]) =>
    phrases.some((p) => !p.includes(' ') && withJoined(t).some((w) => close(w, p))),
  );
  return fields.length === 1 ? fields[0]![0] : null;
}

/** 2.4's two-level header: Anggaran{Pagu, Realisasi, Capaian} / Kinerja{T, R, Capaian}. */
function map24(labels: readonly string[], base: (ColumnField | null)[]): (ColumnField | null)[] {
  return fillGroups(labels, map24Labels(labels, base));
}

/** The fields under each 2.4 group label, left to right. */
const GROUPS_24: readonly { word: string; fields: readonly ColumnField[] }[] = [
  { word: 'anggaran', fields: ['pagu', 'realisasiAnggaran', 'capaianAnggaran'] },
  { word: 'kinerja', fields: ['target', 'realisasi', 'capaian'] },
];

/**
 * A group label read (`Kinerja`) over exactly its three columns, whose short sub-labels OCR
 * garbled (`T` read `1`, `R` read `RR`): the columns not understood are the group's fields in
 * their order, when every column that was understood sits at its own field's place.
 */
function fillGroups(labels: readonly string[], cols: (ColumnField | null)[]): (ColumnField | null)[] {
  const out = [...cols];
  for (const g of GROUPS_24) {
    // the columns under the group word (`Indikator Kinerja` is not one: it maps elsewhere)
    const other = GROUPS_24.find((o) => o !== g)!;
    const idx = labels.flatMap((l, i) => {
      const t = tokens(l);
      const under = t.includes(g.word) || nearWord(t, g.word);
      const both = t.includes(other.word) || nearWord(t, other.word);
      return under && !both && (out[i] === null || g.fields.includes(out[i]!)) ? [i] : [];
    });
    if (idx.length !== g.fields.length || idx.some((i, k) => k > 0 && i !== idx[k - 1]! + 1)) continue;
    // a field claimed twice under the group (`T` read `r` beside `R`: two realisasi) is a garbled
    // sub-label: the group's order decides, as for sub-labels not understood
    const held = idx.map((i) => out[i]).filter((f): f is ColumnField => f !== null);
    const twice = held.some((f, k) => held.indexOf(f) !== k);
    if (!twice && !idx.every((i, k) => out[i] === null || out[i] === g.fields[k])) continue;
    if (g.fields.some((f) => out.some((c, i) => c === f && !idx.includes(i)))) continue;
    idx.forEach((i, k) => {
      out[i] = g.fields[k]!;
    });
  }
  return out;
}

function map24Labels(labels: readonly string[], base: (ColumnField | null)[]): (ColumnField | null)[] {
  let seenPagu = false;
  let seenKinerjaTarget = false;
  return labels.map((label, i) => {
    if (base[i]) return base[i]!;
    const t = tokens(label);
    if (has(t, 'ket', 'keterangan', 'catatan')) return 'keterangan';
    if (has(t, 'satuan', 'sat')) return 'satuan';
    if (has(t, 'indikator')) return 'indikator';
    if (has(t, 'sasaran', 'kegiatan', 'program')) return 'sasaran';
    // the group words are long and OCR slips in them (`Kineria`): one letter off is still the word
    const anggaran = has(t, 'anggaran', 'keuangan') || nearWord(t, 'anggaran');
    const kinerja = t.includes('kinerja') || t.includes('fisik') || t.includes('output') || nearWord(t, 'kinerja');
    if (has(t, 'pagu', 'alokasi')) {
      seenPagu = true;
      return 'pagu';
    }
    const isT = t.includes('t') || has(t, 'target');
    const isR = t.includes('r') || has(t, 'realisasi');
    const isC = has(t, 'capaian') || t.includes('%');
    if (anggaran && !kinerja) {
      if (isR) return 'realisasiAnggaran';
      if (isC) return 'capaianAnggaran';
      if (!isT && !seenPagu) {
        seenPagu = true;
        return 'pagu';
      } // `Anggaran (Rp)` over a budget column
    }
    if (kinerja && !anggaran) {
      if (isT) {
        seenKinerjaTarget = true;
        return 'target';
      }
      if (isR) return 'realisasi';
      if (isC) return 'capaian';
    }
    // no group header: budget columns come first, right after Pagu
    if (isT) {
      seenKinerjaTarget = true;
      return 'target';
    }
    if (isR) return seenPagu && !seenKinerjaTarget ? 'realisasiAnggaran' : 'realisasi';
    if (isC) return seenPagu && !seenKinerjaTarget ? 'capaianAnggaran' : 'capaian';
    return null;
  });
}

/** A header word one letter off `word` (a long word: short ones are too easily another). */
const nearWord = (t: readonly string[], word: string) =>
  withJoined(t).some((w) => Math.abs(w.length - word.length) <= 1 && editDistance(w, word) <= 1);

/** Header words, and each two neighbours joined: OCR splits a word where a letter faded (`Kiner a`, `Rea isasi`). */
const withJoined = (t: readonly string[]) => [...t, ...t.slice(1).map((w, i) => t[i] + w)];

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
/** Fields whose cells hold a figure (a count, a percentage, rupiah). */
export const FIGURE_FIELDS: ReadonlySet<ColumnField> = new Set<ColumnField>([
  'target',
  'realisasi',
  'capaian',
  'pagu',
  'realisasiAnggaran',
  'capaianAnggaran',
]);

export const REQUIRED_FIELDS: Record<TableId, ColumnField[]> = {
  '2.1': ['no', 'target'],
  '2.2': ['no', 'interval', 'kriteria'],
  '2.3': ['no', 'target', 'realisasi', 'capaian'],
  '2.4': ['no', 'pagu', 'realisasiAnggaran', 'capaianAnggaran'],
  '2.5': ['no', 'uraian', 'pagu', 'realisasi', 'capaian'],
};
