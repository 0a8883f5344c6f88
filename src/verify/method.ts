import type { ExtractedRow } from '../model/extracted.js';
import type { StatedMethod } from '../parse/method.js';
import { percentAgrees } from './tolerance.js';
import { num } from './types.js';

/**
 * A capaian recomputed the way the report says it computes them (parse/method.ts):
 *  - lower-is-better indicators (worded as a decrease, or with the formula printed, or named by
 *    the profile): (2 × target − realisasi) / target × 100; where the report states nothing, a
 *    printed capaian matching that formula is taken as such, as before;
 *  - a range target (`80 - 90 %`): a realisasi inside it is 100 %, outside it is judged against the
 *    nearer bound (or the bound the profile names);
 *  - a stated cap (`capaian maksimal 120%`) caps the result.
 */
export interface Recomputed {
  value: number;
  formula: 'direct' | 'negative' | 'range-inside';
  /** the target the value was computed against (a range's bound) */
  target: number | null;
  capped: boolean;
}

export function recompute(row: ExtractedRow, method?: StatedMethod): Recomputed | null {
  const key = `${row.table}/${row.no}`;
  const targetField = row.fields.target;
  const r = num(row.fields.realisasi);
  if (r === null) return null;
  const cap = (v: number, formula: Recomputed['formula'], target: number | null): Recomputed => {
    const c = method?.cap ?? null;
    return c !== null && v > c
      ? { value: c, formula, target, capped: true }
      : { value: v, formula, target, capped: false };
  };
  let t = num(targetField);
  const range = targetField?.range;
  if (range) {
    if (r >= range.min && r <= range.max) return cap(100, 'range-inside', null);
    const rule = method?.rangeTargets ?? 'nearer';
    t = rule === 'lower' ? range.min : rule === 'upper' ? range.max : r < range.min ? range.min : range.max;
  }
  if (t === null || t === 0) return null;
  const direct = (r / t) * 100;
  const negative = ((2 * t - r) / t) * 100;
  if (method?.negative.some((n) => n.row === key)) return cap(negative, 'negative', t);
  if (method?.positive.includes(key) || range) return cap(direct, 'direct', t);
  // nothing stated: a printed capaian that matches the lower-is-better formula is taken as one
  const stated = num(row.fields.capaian);
  const f = row.fields.capaian;
  if (
    stated !== null &&
    f &&
    !percentAgrees(stated, f.decimals, capValue(direct, method)) &&
    percentAgrees(stated, f.decimals, capValue(negative, method))
  ) {
    return cap(negative, 'negative', t);
  }
  return cap(direct, 'direct', t);
}

const capValue = (v: number, method?: StatedMethod) => (method?.cap != null && v > method.cap ? method.cap : v);

/** A row with a value printed as not applicable (`n/a`): the rules needing it skip it, quietly. */
export function notApplicable(row: ExtractedRow, fields: readonly string[]): boolean {
  return fields.some((f) => row.fields[f]?.na === true);
}
