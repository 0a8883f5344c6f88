import type { Discrepancy } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { fmtMoney, fmtNum, fmtPct } from './format.js';
import { recompute } from './method.js';
import type { StatedMethod } from '../parse/method.js';
import { leadingDigitSlip, percentAgrees, roundPct, separatorSlip } from './tolerance.js';
import { evidenceOf, num, type Rule } from './types.js';

/**
 * Capaian of an indicator recomputed from its target and realisasi by the report's method
 * (verify/method.ts): realisasi / target × 100, or (2 × target − realisasi) / target × 100 for a
 * lower-is-better indicator, a range target judged against its nearer bound, a stated cap.
 */
export function recomputedCapaian(row: ExtractedRow, method?: StatedMethod): number | null {
  return recompute(row, method)?.value ?? null;
}

/** R1: capaian = realisasi / target × 100 (Tabel 2.3, and 2.4's kinerja columns), by the stated method. */
export const ruleR1: Rule = ({ tables, method }, ctx) => {
  const out: Discrepancy[] = [];
  const L = ctx.opts.lang;
  for (const table of ['2.3', '2.4'] as const) {
    for (const row of tables[table]) {
      const stated = num(row.fields.capaian);
      const r = recompute(row, method);
      if (stated === null || r === null) continue;
      const expected = r.value;
      const f = row.fields.capaian!;
      if (percentAgrees(stated, f.decimals, expected)) continue;
      const shown = fmtPct(roundPct(expected, f.decimals), L);
      const vars = {
        stated: f.raw,
        expected: shown,
        realisasi: fmtNum(num(row.fields.realisasi)!, L),
        target: r.target !== null ? fmtNum(r.target, L) : f.raw,
        cap: method?.cap ?? '',
      };
      const key = r.formula === 'range-inside' ? 'R1.range' : r.formula === 'negative' ? 'R1.negative' : 'R1';
      out.push({
        rule: 'R1',
        severity: scanSlip(f, stated, expected)
          ? 'uncertain'
          : ctx.severity('error', f, row.fields.target, row.fields.realisasi),
        table,
        row: row.no,
        field: 'capaian',
        stated,
        expected: roundPct(expected, f.decimals),
        message: ctx.msg(key, vars) + (r.capped ? ctx.msg('R1.capped', vars) : ''),
        evidence: evidenceOf(f),
      });
    }
  }
  return out;
};

/** R2 (2.4 capaianAnggaran) and R3 (2.5 rows): capaian = realisasi / pagu × 100. */
export const ruleR2R3: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const check = (
    rule: 'R2' | 'R3',
    table: '2.4' | '2.5',
    row: ExtractedRow,
    paguF: string,
    realF: string,
    capF: string,
  ) => {
    const pagu = num(row.fields[paguF]),
      real = num(row.fields[realF]),
      stated = num(row.fields[capF]);
    if (pagu === null || real === null || stated === null || pagu === 0) return;
    const f = row.fields[capF]!;
    const expected = (real / pagu) * 100;
    if (percentAgrees(stated, f.decimals, expected)) return;
    out.push({
      rule,
      severity: scanSlip(f, stated, expected)
        ? 'uncertain'
        : ctx.severity('error', f, row.fields[paguF], row.fields[realF]),
      table,
      row: row.no,
      field: capF,
      stated,
      expected: roundPct(expected, f.decimals),
      message: ctx.msg(rule, {
        stated: f.raw,
        expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
        realisasi: fmtMoney(real, ctx.opts.lang),
        pagu: fmtMoney(pagu, ctx.opts.lang),
      }),
      evidence: evidenceOf(f),
    });
  };
  for (const row of tables['2.4']) check('R2', '2.4', row, 'pagu', 'realisasiAnggaran', 'capaianAnggaran');
  for (const row of tables['2.5']) if (!isTotalRow(row)) check('R3', '2.5', row, 'pagu', 'realisasi', 'capaian');
  return out;
};

/**
 * The scanned figures of 2.3 and 2.4 whose row fails R1 only by a moved decimal separator (OCR
 * dropped the comma of `71,1 %` in one cell and read `711 %`) or by one digit more in front (a
 * mark read as `7`: realisasi `745` where 45 gives the capaian printed): that figure is doubtful,
 * so every rule resting on it (R6 against the twin table, R7/R8 on the mean capaian) is
 * `uncertain` too.
 */
export function slippedFigures(tables: ExtractedTables, method?: StatedMethod): Set<Field> {
  const out = new Set<Field>();
  for (const table of ['2.3', '2.4'] as const)
    for (const row of tables[table]) {
      const stated = num(row.fields.capaian);
      const r = recompute(row, method);
      const f = row.fields.capaian;
      if (stated === null || r === null || !f || percentAgrees(stated, f.decimals, r.value)) continue;
      if (scanSlip(f, stated, r.value)) out.add(f);
      for (const name of ['realisasi', 'target'] as const) {
        const input = row.fields[name];
        const v = num(input);
        if (!input || v === null || input.conf >= 100) continue;
        const slipped = misreadsOf(v).some((w) => {
          const moved = { ...row, fields: { ...row.fields, [name]: { ...input, value: w } } };
          const e = recompute(moved, method)?.value;
          return e !== undefined && percentAgrees(stated, f.decimals, e);
        });
        if (slipped) out.add(input);
      }
    }
  return out;
}

/** What a figure read as `v` may have been: its separator moved, or without a leading digit a mark made. */
function misreadsOf(v: number): number[] {
  const moved = [-2, -1, 1, 2].map((k) => v / 10 ** k);
  const int = String(Math.trunc(Math.abs(v)));
  const lead = int.length >= 2 && v > 0 ? [v - Number(int[0]) * 10 ** (int.length - 1)] : [];
  return [...moved, ...lead.filter((w) => w >= 1)];
}

/** A capaian read by OCR (a text layer reads at 100) whose failure is only a moved separator or a stroke read as a leading digit. */
function scanSlip(f: Field, stated: number, expected: number): boolean {
  return (
    f.conf < 100 && (separatorSlip(stated, f.decimals, expected) || leadingDigitSlip(stated, f.decimals, expected))
  );
}

export function isTotalRow(row: ExtractedRow): boolean {
  return /^(jumlah|total|sub\s*total)/i.test(row.no);
}
