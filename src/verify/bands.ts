import type { Discrepancy } from '../model/contract.js';
import type { ExtractedRow } from '../model/extracted.js';
import { fmtPct } from './format.js';
import { evidenceOf, num, text, type Rule } from './types.js';

export interface Band {
  row: ExtractedRow;
  min: number | null;
  max: number | null;
  kriteria: string;
}

/** Tabel 2.2's bands, highest first. */
export function bands(rows: readonly ExtractedRow[]): Band[] {
  return rows
    .map((row) => ({
      row,
      min: num(row.fields.min),
      max: num(row.fields.max),
      kriteria: text(row.fields.kriteria) ?? '',
    }))
    .filter((b) => b.min !== null || b.max !== null)
    .sort((a, b) => (b.max ?? b.min ?? 0) - (a.max ?? a.min ?? 0));
}

/**
 * The bands a value falls in. A value in a gap between two bands (90,5 between 76–90 and
 * 91–100) could be read as either, so both are returned; above the top band is the top band.
 */
export function bandsFor(value: number, list: readonly Band[]): Band[] {
  if (!list.length) return [];
  const inside = list.filter((b) => (b.min === null || value >= b.min) && (b.max === null || value <= b.max));
  if (inside.length) return inside;
  const top = list[0]!;
  if (top.max !== null && value > top.max) return [top];
  const bottom = list[list.length - 1]!;
  if (bottom.min !== null && value < bottom.min) return [bottom];
  // in a gap: the neighbours on each side
  const above = [...list].reverse().find((b) => b.min !== null && b.min > value);
  const below = list.find((b) => b.max !== null && b.max < value);
  return [above, below].filter((b): b is Band => !!b);
}

/**
 * R9: the bands cover 0–100 without gaps or overlaps (a warning: the scale is the report's own;
 * `uncertain` when a bound it rests on read doubtfully).
 */
export const ruleR9: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const list = bands(tables['2.2']);
  if (list.length < 2) return out;
  const L = ctx.opts.lang;
  const top = list[0]!;
  if (top.max !== null && top.max < 100) {
    out.push({
      rule: 'R9',
      severity: ctx.severity('warning', top.row.fields.max),
      table: '2.2',
      row: top.row.no,
      field: 'max',
      stated: top.max,
      expected: 100,
      message: ctx.msg('R9.top', { max: fmtPct(top.max, L) }),
      evidence: evidenceOf(top.row.fields.max),
    });
  }
  for (let i = 0; i + 1 < list.length; i++) {
    const upper = list[i]!,
      lower = list[i + 1]!;
    if (upper.min === null || lower.max === null) continue;
    if (upper.min === lower.max) continue;
    const key = upper.min > lower.max ? 'R9.gap' : 'R9.overlap';
    out.push({
      rule: 'R9',
      severity: ctx.severity('warning', upper.row.fields.min, lower.row.fields.max),
      table: '2.2',
      row: upper.row.no,
      field: 'min',
      stated: upper.min,
      expected: lower.max,
      message: ctx.msg(key, {
        low: fmtPct(Math.min(lower.max, upper.min), L),
        high: fmtPct(Math.max(lower.max, upper.min), L),
      }),
      evidence: evidenceOf(upper.row.fields.min),
    });
  }
  const bottom = list[list.length - 1]!;
  if (bottom.min !== null && bottom.min > 0) {
    out.push({
      rule: 'R9',
      severity: ctx.severity('warning', bottom.row.fields.min),
      table: '2.2',
      row: bottom.row.no,
      field: 'min',
      stated: bottom.min,
      expected: 0,
      message: ctx.msg('R9.bottom', { min: fmtPct(bottom.min, L) }),
      evidence: evidenceOf(bottom.row.fields.min),
    });
  }
  return out;
};
