import type { Discrepancy } from '../model/contract.js';
import type { ExtractedRow } from '../model/extracted.js';
import { fmtMoney, fmtNum, fmtPct } from './format.js';
import { percentAgrees, roundPct } from './tolerance.js';
import { evidenceOf, num, type Rule } from './types.js';

/**
 * Capaian of an indicator recomputed from its target and realisasi. A lower-is-better indicator
 * uses (2 × target − realisasi) / target × 100; when the printed capaian matches that formula the
 * row is taken as such, so a negative indicator is not flagged.
 */
export function recomputedCapaian(row: ExtractedRow): number | null {
  const t = num(row.fields.target), r = num(row.fields.realisasi);
  if (t === null || r === null || t === 0) return null;
  const direct = (r / t) * 100;
  const stated = num(row.fields.capaian);
  if (stated !== null && !percentAgrees(stated, row.fields.capaian!.decimals, direct)) {
    const negative = ((2 * t - r) / t) * 100;
    if (percentAgrees(stated, row.fields.capaian!.decimals, negative)) return negative;
  }
  return direct;
}

/** R1: capaian = realisasi / target × 100 (Tabel 2.3, and 2.4's kinerja columns). */
export const ruleR1: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  for (const table of ['2.3', '2.4'] as const) {
    for (const row of tables[table]) {
      const stated = num(row.fields.capaian);
      const expected = recomputedCapaian(row);
      if (stated === null || expected === null) continue;
      const f = row.fields.capaian!;
      if (percentAgrees(stated, f.decimals, expected)) continue;
      out.push({
        rule: 'R1', severity: ctx.severity('error', f, row.fields.target, row.fields.realisasi), table, row: row.no, field: 'capaian',
        stated, expected: roundPct(expected, f.decimals),
        message: ctx.msg('R1', {
          stated: f.raw, expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
          realisasi: fmtNum(num(row.fields.realisasi)!, ctx.opts.lang), target: fmtNum(num(row.fields.target)!, ctx.opts.lang),
        }),
        evidence: evidenceOf(f),
      });
    }
  }
  return out;
};

/** R2 (2.4 capaianAnggaran) and R3 (2.5 rows): capaian = realisasi / pagu × 100. */
export const ruleR2R3: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const check = (rule: 'R2' | 'R3', table: '2.4' | '2.5', row: ExtractedRow, paguF: string, realF: string, capF: string) => {
    const pagu = num(row.fields[paguF]), real = num(row.fields[realF]), stated = num(row.fields[capF]);
    if (pagu === null || real === null || stated === null || pagu === 0) return;
    const f = row.fields[capF]!;
    const expected = (real / pagu) * 100;
    if (percentAgrees(stated, f.decimals, expected)) return;
    out.push({
      rule, severity: ctx.severity('error', f, row.fields[paguF], row.fields[realF]), table, row: row.no, field: capF,
      stated, expected: roundPct(expected, f.decimals),
      message: ctx.msg(rule, {
        stated: f.raw, expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
        realisasi: fmtMoney(real, ctx.opts.lang), pagu: fmtMoney(pagu, ctx.opts.lang),
      }),
      evidence: evidenceOf(f),
    });
  };
  for (const row of tables['2.4']) check('R2', '2.4', row, 'pagu', 'realisasiAnggaran', 'capaianAnggaran');
  for (const row of tables['2.5']) if (!isTotalRow(row)) check('R3', '2.5', row, 'pagu', 'realisasi', 'capaian');
  return out;
};

export function isTotalRow(row: ExtractedRow): boolean {
  return /^(jumlah|total|sub\s*total)/i.test(row.no);
}
