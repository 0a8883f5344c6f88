import { FLAT_TABLES, INDICATOR_TABLES, type Discrepancy, type TableId } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { moneyGroupsBroken } from '../parse/numbers.js';
import { budgetTree } from './budget.js';
import { matchBudgetRows } from './cross-table.js';
import { evidenceOf, num, type Rule, type RuleContext } from './types.js';

/**
 * Shapes every report has, which a misread breaks: row labels run 1, 2, 3 (2.5: 1, 1.1, 1.2, 2, …);
 * the same indicators in 2.1, 2.3 and 2.4; each 2.4 row's kegiatan in 2.5; percent band bounds in
 * 0–100; money printed in digit groups of three. A broken shape is extraction doubt (rule X1,
 * `uncertain`), never a finding about the document, and every rule resting on that table turns
 * `uncertain` too: its numbers may not be the document's.
 */
export interface StructureBreak {
  table: TableId;
  /** the row concerned, `-` for the table as a whole */
  row: string;
  /** the field concerned, `no` for the row labels, `-` for a missing row or table */
  field: string;
  /** message key under `X1.` */
  what:
    | 'labels'
    | 'missingRow'
    | 'missingKegiatan'
    | 'bandBound'
    | 'bandSpan'
    | 'bandUnread'
    | 'bandLabel'
    | 'moneyGroups'
    | 'unread';
  stated: string | number | null;
  /** the cell, when one cell is broken: re-read it before reporting */
  cell?: Field;
  /** evidence when there is no cell */
  at?: ExtractedRow;
  /** a broken row label: the labels that would keep the numbering in step there */
  expected?: string[];
}

const isTotal = (no: string) => /^(jumlah|total|sub\s*total)/i.test(no);

/**
 * Every broken shape of the extracted tables; `unread`: tables whose caption was seen but whose grid
 * was not read. `acrossTables`: whether the tables must agree with each other (same indicators, each
 * 2.4 kegiatan in 2.5), a premise of the LKj only: an LKIP's capaian table may list a subset of its
 * Perjanjian Kinerja, and that is no misreading.
 */
export function structureBreaks(
  tables: ExtractedTables,
  unread: readonly TableId[] = [],
  acrossTables = true,
): StructureBreak[] {
  return [
    ...unread.map((table): StructureBreak => ({ table, row: '-', field: '-', what: 'unread', stated: null })),
    ...FLAT_TABLES.flatMap((t) => flatLabels(t, tables[t])),
    ...hierarchicalLabels(tables['2.5']),
    ...(acrossTables ? [...sameIndicators(tables), ...kegiatanIn25(tables)] : []),
    ...bandBounds(tables['2.2']),
    ...moneyGroups(tables),
  ];
}

/** Flat tables number their rows 1, 2, 3… (a total row aside): the first label out of step is a break. */
function flatLabels(table: TableId, rows: readonly ExtractedRow[]): StructureBreak[] {
  const numbered = rows.filter((r) => !isTotal(r.no));
  const bad = numbered.findIndex((r, i) => r.no !== String(i + 1));
  if (bad < 0) return [];
  const r = numbered[bad]!;
  return [{ table, row: r.no, field: 'no', what: 'labels', stated: r.no, at: r, expected: [String(bad + 1)] }];
}

/**
 * 2.5 numbers programs 1, 2, 3 and each program's kegiatan p.1, p.2, …; a JUMLAH row ends it.
 * Deeper levels (1.1.1) follow their parent the same way.
 */
function hierarchicalLabels(rows: readonly ExtractedRow[]): StructureBreak[] {
  // budget codes (4.01.05.1.01: zero-padded parts) name accounts, they do not count rows
  if (rows.some((r) => r.no.split('.').some((p) => /^0\d/.test(p)))) return [];
  const counters: number[] = [];
  for (const r of rows) {
    if (isTotal(r.no)) continue;
    const parts = r.no.split('.');
    if (!parts.every((p) => /^\d{1,2}$/.test(p)))
      return [{ table: '2.5', row: r.no, field: 'no', what: 'labels', stated: r.no, at: r }];
    const depth = parts.length - 1;
    // a table of kegiatan alone may open at `1.1`: its program row is implied
    const opens = !counters.length && Number(parts[depth]) === 1;
    const ok =
      opens ||
      (depth <= counters.length &&
        parts.slice(0, depth).every((p, i) => Number(p) === counters[i]) &&
        Number(parts[depth]) === (counters[depth] ?? 0) + 1);
    if (!ok)
      return [
        { table: '2.5', row: r.no, field: 'no', what: 'labels', stated: r.no, at: r, expected: nextLabels(counters) },
      ];
    if (opens) {
      counters.splice(0, counters.length, ...parts.map(Number));
      continue;
    }
    counters.length = depth;
    counters[depth] = Number(parts[depth]);
  }
  return [];
}

/** After the labels counted so far (`1`, `1.2` → [1, 2]): the next kegiatan, the next program, or a first sub-row. */
function nextLabels(counters: readonly number[]): string[] {
  if (!counters.length) return ['1'];
  const out = counters.map((_, d) => [...counters.slice(0, d), counters[d]! + 1].join('.'));
  return [...out, `${counters.join('.')}.1`];
}

/** 2.1, 2.3 and 2.4 list the same indicators: a table with fewer rows than another lost some. */
function sameIndicators(tables: ExtractedTables): StructureBreak[] {
  const ids = INDICATOR_TABLES.filter((t) => tables[t].length);
  const count = (t: TableId) => tables[t].filter((r) => !isTotal(r.no)).length;
  const most = Math.max(0, ...ids.map(count));
  return ids
    .filter((t) => count(t) < most)
    .map((t): StructureBreak => {
      const have = new Set(tables[t].map((r) => r.no));
      const lost = Array.from({ length: most }, (_, i) => String(i + 1)).find((n) => !have.has(n)) ?? '-';
      return { table: t, row: lost, field: '-', what: 'missingRow', stated: null };
    });
}

/** Each 2.4 row's kegiatan appears in 2.5: more 2.4 rows than 2.5 has kegiatan, or one left unpaired, means 2.5 lost some. */
function kegiatanIn25(tables: ExtractedTables): StructureBreak[] {
  const t24 = tables['2.4'],
    t25 = tables['2.5'];
  if (!t24.length || !t25.length) return [];
  const tree = budgetTree(t25);
  const kegiatan = tree.programs.flatMap((p) => p.kegiatan).length + tree.loose.length || tree.programs.length;
  const paired = new Set(matchBudgetRows(t24, t25).map(([a]) => a));
  const lost = t24.find((r) => !paired.has(r));
  if (kegiatan >= t24.length && !lost) return [];
  return [{ table: '2.5', row: '-', field: '-', what: 'missingKegiatan', stated: lost?.no ?? null, at: lost }];
}

/** A band name OCR garbled: characters no kategori is written with (`3ailk` for `Baik`, `<urang`). */
const garbledName = (f: Field) => f.conf < 100 && /[0-9<>|{}[\]~^_=\\@#$&*]/.test(String(f.value));

/**
 * A percent band bound lies in 0–100 (`715` read for `75` cannot be one), and every band of a
 * scale has at least one bound: a band whose interval gave none (`≤ 50%` read `= 50%`) was misread.
 * Every band has a name too: a band read without one (its kriteria cell garbled on a phone photo),
 * or with one OCR garbled past a word (`3ailk`), cannot judge the narrative's kategori (R8 named
 * the band “”, and called a clean report's `Baik` wrong against `Sangat Baik / 3ailk`).
 */
function bandBounds(rows: readonly ExtractedRow[]): StructureBreak[] {
  const out: StructureBreak[] = [];
  for (const r of rows) {
    const bounds = (['min', 'max'] as const).map((field) => {
      const f = r.fields[field];
      return { field, f, v: f && typeof f.value === 'number' ? f.value : null };
    });
    for (const { field, f, v } of bounds)
      if (v !== null && (v < 0 || v > 100))
        out.push({ table: '2.2', row: r.no, field, what: 'bandBound', stated: v, cell: f });
    const label = r.fields.kriteria;
    const named = typeof label?.value === 'string' && label.value.trim() && !garbledName(label);
    if (rows.length >= 2 && bounds.some((b) => b.v !== null) && !named)
      out.push({
        table: '2.2',
        row: r.no,
        field: 'kriteria',
        what: 'bandLabel',
        stated: label?.raw ?? '',
        cell: label?.raw ? label : undefined,
        at: r,
      });
    const interval = r.fields.min;
    if (rows.length >= 2 && bounds.every((b) => b.v === null)) {
      out.push({
        table: '2.2',
        row: r.no,
        field: 'min',
        what: 'bandUnread',
        stated: interval?.raw ?? '',
        cell: interval?.raw ? interval : undefined,
        at: r,
      });
    }
  }
  // a scale's bands share out 0–100: a band whose interval holds two others whole was misread
  // (`> 90% - 100%` read `1 – 90`); a boundary put off by the author overlaps one band, not two
  const spans = rows.flatMap((r) => {
    const [lo, hi] = [num(r.fields.min), num(r.fields.max)];
    return lo !== null && hi !== null && lo < hi ? [{ r, lo, hi }] : [];
  });
  for (const s of spans) {
    const held = spans.filter((o) => o !== s && o.lo >= s.lo && o.hi <= s.hi).length;
    if (held >= 2)
      out.push({
        table: '2.2',
        row: s.r.no,
        field: 'min',
        what: 'bandSpan',
        stated: `${s.lo}–${s.hi}`,
        cell: s.r.fields.min,
      });
  }
  return out;
}

function moneyGroups(tables: ExtractedTables): StructureBreak[] {
  const out: StructureBreak[] = [];
  for (const t of ['2.4', '2.5'] as const)
    for (const r of tables[t])
      for (const [field, f] of Object.entries(r.fields)) {
        if (f.kind === 'money' && f.raw && moneyGroupsBroken(f.raw))
          out.push({ table: t, row: r.no, field, what: 'moneyGroups', stated: f.raw, cell: f });
      }
  return out;
}

/** The tables each rule's finding rests on (R6 and the narrative rules read several). */
export function restingOn(d: Pick<Discrepancy, 'rule' | 'table' | 'row'>): TableId[] {
  switch (d.rule) {
    case 'R1':
      return [d.table as TableId];
    case 'R2':
      return ['2.4'];
    case 'R3':
    case 'R4':
    case 'R5':
      return ['2.5'];
    case 'R6':
      return ['2.1', '2.3', '2.4', '2.5'];
    case 'R7':
      return d.row === 'serapanAnggaran' ? ['2.4', '2.5'] : ['2.3', '2.4'];
    case 'R8':
      return ['2.2', '2.3', '2.4'];
    case 'R9':
      return ['2.2'];
    default:
      return [];
  }
}

/** X1 findings for the breaks left after re-reading. */
export function structureFindings(breaks: readonly StructureBreak[], ctx: Pick<RuleContext, 'msg'>): Discrepancy[] {
  return breaks.map((b) => ({
    rule: 'X1',
    severity: 'uncertain',
    table: b.table,
    row: b.row,
    field: b.field,
    stated: b.stated,
    expected: null,
    message: ctx.msg(`X1.${b.what}`, { table: b.table, row: b.row, field: b.field, stated: b.stated ?? '' }),
    evidence: evidenceOf(b.cell ?? b.at),
  }));
}

/** Findings of rules resting on a table with a broken shape become `uncertain`. */
export function doubtOnBrokenTables(found: readonly Discrepancy[], breaks: readonly StructureBreak[]): Discrepancy[] {
  const broken = new Set(breaks.map((b) => b.table));
  if (!broken.size) return [...found];
  return found.map((d) =>
    d.severity !== 'uncertain' && restingOn(d).some((t) => broken.has(t)) ? { ...d, severity: 'uncertain' } : d,
  );
}

/**
 * T1 for each table a kecamatan LKj (or a document of no known kind holding some of them) lacks.
 * An LKIP, a Perjanjian Kinerja or a realisasi form is not expected to hold all five: what it
 * lacks is listed in `missingTables`, not warned about. A table whose caption was seen but whose
 * grid was not read is X1, not T1; one whose columns could not be read as its role is T2.
 */
export const ruleT1: Rule = (input, ctx) => {
  const kind = input.kind;
  if (!(kind === undefined || kind === 'lkj' || kind === 'other')) return [];
  // a table whose columns could not be read as its role is said to be so (T2): no T1 beside it
  const refused = new Set((input.notes?.unread ?? []).map((u) => u.table));
  return (input.missing ?? [])
    .filter((t) => !input.unread?.includes(t) && !refused.has(t))
    .map((table) => ({
      rule: 'T1',
      severity: 'warning',
      table,
      row: '-',
      field: '-',
      stated: null,
      expected: null,
      message: ctx.msg('T1', { table }),
      evidence: { page: null, bbox: null },
    }));
};
