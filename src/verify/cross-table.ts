import type { Discrepancy, TableId } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { budgetTree } from './budget.js';
import { fmtMoney, fmtNum } from './format.js';
import { similarity } from './similarity.js';
import { moneyAgrees, sameNumber } from './tolerance.js';
import { evidenceOf, num, text, type Rule, type RuleContext } from './types.js';

/** Rows of two indicator tables are the same indicator: same label, unless the texts say otherwise. */
function matchIndicators(a: readonly ExtractedRow[], b: readonly ExtractedRow[]): [ExtractedRow, ExtractedRow][] {
  const label = (r: ExtractedRow) => `${text(r.fields.sasaran) ?? ''} ${text(r.fields.indikator) ?? ''}`;
  const pairs: [ExtractedRow, ExtractedRow][] = [];
  const used = new Set<ExtractedRow>();
  for (const ra of a) {
    const same = b.find((rb) => rb.no === ra.no && !used.has(rb));
    const best = [...b]
      .filter((rb) => !used.has(rb))
      .sort((x, y) => similarity(label(ra), label(y)) - similarity(label(ra), label(x)))[0];
    let pick = same;
    // a row whose texts clearly belong to another row follows its texts
    if (
      same &&
      best &&
      best !== same &&
      similarity(label(ra), label(best)) >= 0.8 &&
      similarity(label(ra), label(same)) < 0.4
    )
      pick = best;
    if (!pick) continue;
    used.add(pick);
    pairs.push([ra, pick]);
  }
  return pairs;
}

const FIELD_LABEL: Record<string, { id: string; en: string }> = {
  target: { id: 'Target', en: 'Target' },
  realisasi: { id: 'Realisasi', en: 'Realisasi' },
  pagu: { id: 'Pagu', en: 'Pagu' },
  realisasiAnggaran: { id: 'Realisasi anggaran', en: 'Budget realisasi' },
};

function flag(
  ctx: RuleContext,
  table: TableId,
  row: ExtractedRow,
  field: string,
  other: TableId,
  otherRow: ExtractedRow,
  otherField: string,
  money: boolean,
): Discrepancy {
  const f = row.fields[field]!;
  const o = otherRow.fields[otherField]!;
  const show = (v: number) => (money ? fmtMoney(v, ctx.opts.lang) : fmtNum(v, ctx.opts.lang));
  return {
    rule: 'R6',
    severity: ctx.severity('error', f, o),
    table,
    row: row.no,
    field,
    stated: num(f),
    expected: num(o),
    message: ctx.msg('R6', {
      field: FIELD_LABEL[field]![ctx.opts.lang],
      row: row.no,
      table,
      stated: f.raw || show(num(f)!),
      other,
      expected: o.raw || show(num(o)!),
    }),
    evidence: evidenceOf(f),
  };
}

/**
 * R6: the same indicator carries the same numbers in every table. Targets: 2.1 = 2.3 = 2.4, the
 * odd one out of three is flagged; realisasi 2.3 = 2.4; pagu and realisasi of each 2.4 row equal
 * its 2.5 kegiatan. With two values the later table is flagged.
 */
export const ruleR6: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const t21 = tables['2.1'],
    t23 = tables['2.3'],
    t24 = tables['2.4'];
  const m13 = new Map(matchIndicators(t21, t23));
  const m14 = new Map(matchIndicators(t21, t24));
  const m34 = new Map(matchIndicators(t23, t24));
  const val = (r: ExtractedRow | undefined) => (r ? num(r.fields.target) : null);
  const eq = (a: number | null, b: number | null) => a === null || b === null || sameNumber(a, b);

  // targets, one indicator at a time, seen from 2.1 (or from 2.3 when 2.1 lacks the row)
  const done = new Set<ExtractedRow>();
  for (const r1 of t21) {
    const r3 = m13.get(r1),
      r4 = m14.get(r1) ?? (r3 ? m34.get(r3) : undefined);
    if (r3) done.add(r3);
    const a = val(r1),
      b = val(r3),
      c = val(r4);
    if (a !== null && b !== null && c !== null) {
      if (eq(a, b) && eq(a, c)) continue;
      if (eq(b, c)) out.push(flag(ctx, '2.1', r1, 'target', '2.3', r3!, 'target', false));
      else if (eq(a, c)) out.push(flag(ctx, '2.3', r3!, 'target', '2.1', r1, 'target', false));
      else if (eq(a, b)) out.push(flag(ctx, '2.4', r4!, 'target', '2.1', r1, 'target', false));
      else {
        out.push(flag(ctx, '2.3', r3!, 'target', '2.1', r1, 'target', false));
        out.push(flag(ctx, '2.4', r4!, 'target', '2.1', r1, 'target', false));
      }
    } else if (!eq(a, b)) out.push(flag(ctx, '2.3', r3!, 'target', '2.1', r1, 'target', false));
    else if (!eq(a, c)) out.push(flag(ctx, '2.4', r4!, 'target', '2.1', r1, 'target', false));
  }
  for (const r3 of t23) {
    const r4 = m34.get(r3);
    if (!r4) continue;
    if (!done.has(r3) && !eq(val(r3), val(r4))) out.push(flag(ctx, '2.4', r4, 'target', '2.3', r3, 'target', false));
    if (!eq(num(r3.fields.realisasi), num(r4.fields.realisasi)))
      out.push(flag(ctx, '2.4', r4, 'realisasi', '2.3', r3, 'realisasi', false));
  }

  // budget of each 2.4 row against its 2.5 kegiatan
  for (const [r4, r5] of matchBudgetRows(t24, tables['2.5'])) {
    for (const [f4, f5] of [
      ['pagu', 'pagu'],
      ['realisasiAnggaran', 'realisasi'],
    ] as const) {
      const a = num(r4.fields[f4]),
        b = num(r5.fields[f5]);
      if (a !== null && b !== null && !moneyAgrees(a, b)) out.push(flag(ctx, '2.4', r4, f4, '2.5', r5, f5, true));
    }
  }
  return out;
};

/**
 * Copies of one figure whose digits are the same but for one digit more or less (`950%` beside
 * `90%` twice, `7.427.050` beside `17.427.050`). That is how OCR slips on a scan, reading the same
 * way however often it reads (a 1-bit serif `90%` read `950%` at 1× and 2×), and seldom how an
 * author mistypes: such a copy read by OCR is doubtful, so a rule failing on it is `uncertain`.
 * Text layers (confidence 100) are never doubted this way.
 */
export function twinDigitSlips(tables: ExtractedTables): Set<Field> {
  // each figure's twins: the other copies of it
  const twins = new Map<Field, Field[]>();
  const pair = (a: Field | undefined, b: Field | undefined) => {
    if (!a || !b || num(a) === null || num(b) === null) return;
    twins.set(a, [...(twins.get(a) ?? []), b]);
    twins.set(b, [...(twins.get(b) ?? []), a]);
  };
  const pairs = [
    ...matchIndicators(tables['2.1'], tables['2.3']),
    ...matchIndicators(tables['2.1'], tables['2.4']),
    ...matchIndicators(tables['2.3'], tables['2.4']),
  ];
  for (const [x, y] of pairs) for (const f of ['target', 'realisasi']) pair(x.fields[f], y.fields[f]);
  for (const [r4, r5] of matchBudgetRows(tables['2.4'], tables['2.5'])) {
    pair(r4.fields.pagu, r5.fields.pagu);
    pair(r4.fields.realisasiAnggaran, r5.fields.realisasi);
  }
  // a copy another copy confirms is not the slip (`90%` twice against `950%`); nor is one of the
  // same value printed otherwise (`9.420.000,0` beside `9.420.000`)
  const out = new Set<Field>();
  for (const [f, others] of twins) {
    if (f.conf >= 100) continue;
    const mine = digitsOf(f.raw);
    if (others.some((g) => digitsOf(g.raw) === mine || num(g) === num(f))) continue;
    if (others.some((g) => oneDigitApart(mine, digitsOf(g.raw)))) out.add(f);
  }
  return out;
}

const digitsOf = (raw: string) => raw.replace(/\D/g, '');

/** One string is the other with one character more. */
export function oneDigitApart(a: string, b: string): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  if (!short.length || long.length !== short.length + 1) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/**
 * Pair 2.4 rows with 2.5 kegiatan: by identical money (pagu and realisasi), then by wording, then by an identical pagu, then by position
 * when the rows left on both sides are equally many. Rows that cannot be paired are not compared.
 */
export function matchBudgetRows(
  t24: readonly ExtractedRow[],
  t25: readonly ExtractedRow[],
): [ExtractedRow, ExtractedRow][] {
  const tree = budgetTree(t25);
  let kegiatan = [...tree.programs.flatMap((p) => p.kegiatan), ...tree.loose];
  if (!kegiatan.length) kegiatan = tree.programs.map((p) => p.row);
  const pairs = new Map<ExtractedRow, ExtractedRow>();
  const taken = new Set<ExtractedRow>();
  const label4 = (r: ExtractedRow) => text(r.fields.sasaran);
  // 0. the same pagu and the same realisasi, on one row each side: the same kegiatan, however the
  // row is worded (a 2.4 naming its sasaran can read like another kegiatan's name)
  const sameMoney = (a: ExtractedRow, b: ExtractedRow) =>
    (
      [
        ['pagu', 'pagu'],
        ['realisasiAnggaran', 'realisasi'],
      ] as const
    ).every(([f4, f5]) => {
      const x = num(a.fields[f4]),
        y = num(b.fields[f5]);
      return x !== null && y !== null && moneyAgrees(x, y);
    });
  for (const a of t24) {
    const hits = kegiatan.filter((b) => sameMoney(a, b));
    if (hits.length === 1 && t24.filter((x) => sameMoney(x, hits[0]!)).length === 1) {
      pairs.set(a, hits[0]!);
      taken.add(hits[0]!);
    }
  }
  // 1. wording, best pairs first
  const scored: [number, ExtractedRow, ExtractedRow][] = [];
  for (const a of t24)
    for (const b of kegiatan) {
      const s = Math.max(
        similarity(label4(a), text(b.fields.uraian)),
        similarity(text(a.fields.indikator), text(b.fields.uraian)),
      );
      if (s >= 0.6) scored.push([s, a, b]);
    }
  scored.sort((x, y) => y[0] - x[0]);
  for (const [, a, b] of scored)
    if (!pairs.has(a) && !taken.has(b)) {
      pairs.set(a, b);
      taken.add(b);
    }
  // 2. identical pagu
  for (const a of t24) {
    if (pairs.has(a)) continue;
    const p = num(a.fields.pagu);
    const hits = kegiatan.filter(
      (b) => !taken.has(b) && p !== null && num(b.fields.pagu) !== null && moneyAgrees(p, num(b.fields.pagu)!),
    );
    if (hits.length === 1) {
      pairs.set(a, hits[0]!);
      taken.add(hits[0]!);
    }
  }
  // 3. position
  const restA = t24.filter((a) => !pairs.has(a));
  const restB = kegiatan.filter((b) => !taken.has(b));
  if (restA.length && restA.length === restB.length) for (const [i, a] of restA.entries()) pairs.set(a, restB[i]!);
  return t24.filter((a) => pairs.has(a)).map((a) => [a, pairs.get(a)!]);
}
