import type { BBox } from '../model/word.js';
import type { Discrepancy } from '../model/contract.js';
import type { TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedTables, Field } from '../model/extracted.js';
import { bands, bandsFor, type Band } from './bands.js';
import { correctTotals } from './budget.js';
import { recomputedCapaian } from './capaian.js';
import { notApplicable } from './method.js';
import type { StatedMethod } from '../parse/method.js';
import { fmtMoney, fmtPct } from './format.js';
import { editDistance } from '../parse/edit-distance.js';
import { percentAgrees, roundPct } from './tolerance.js';
import { evidenceOf, num, readCells, type Rule, type RuleContext, type VerifyInput } from './types.js';

/**
 * The report's overall capaian kinerja: the mean of the recomputed Tabel 2.3 capaian (2.4 if no
 * 2.3), by the report's method; indicators printed `n/a` are left out of the mean.
 */
export function overallCapaian(tables: ExtractedTables, method?: StatedMethod): number | null {
  for (const t of ['2.3', '2.4'] as const) {
    const rows = tables[t].filter((r) => !notApplicable(r, ['target', 'realisasi', 'capaian']));
    const vals = rows.map((r) => recomputedCapaian(r, method) ?? num(r.fields.capaian));
    if (vals.length && vals.every((v) => v !== null)) return vals.reduce((a, b) => a + b!, 0)! / vals.length;
  }
  return null;
}

const claimDigits = (c: ExtractedClaim) => (c.value as number).toFixed(c.decimals ?? 0).replace(/\D/g, '');
/** `a`'s digits are the last digits of `b`'s, fewer of them. */
function tailOf(a: ExtractedClaim, b: ExtractedClaim): boolean {
  const x = claimDigits(a),
    y = claimDigits(b);
  return y.length > x.length && y.endsWith(x);
}

function agreeAsPrinted(a: ExtractedClaim, b: ExtractedClaim): boolean {
  const d = Math.min(a.decimals ?? 0, b.decimals ?? 0);
  return percentAgrees(a.value as number, d, b.value as number);
}

/** The table values a narrative rule recomputes from: a doubtful one makes its failure `uncertain`. */
function restsOn(tables: ExtractedTables, ids: readonly TableId[], fields: readonly string[]): Field[] {
  return ids.flatMap((t) => readCells(tables[t], fields));
}

function claimSeverity(ctx: RuleContext, c: ExtractedClaim, basis: readonly Field[] = []) {
  return c.conf < ctx.opts.minConfidence || ctx.severity('error', ...basis) === 'uncertain'
    ? ('uncertain' as const)
    : ('error' as const);
}

/** R7: the narrative's capaian kinerja and serapan anggaran agree with the tables and with themselves. */
export const ruleR7: Rule = ({ tables, claims, method }, ctx) => {
  const out: Discrepancy[] = [];
  const L = ctx.opts.lang;
  const capaian = overallCapaian(tables, method);
  const totals = correctTotals(tables);
  const serapan = totals.pagu && totals.realisasi !== null ? (totals.realisasi / totals.pagu) * 100 : null;
  for (const kind of ['capaianKinerja', 'serapanAnggaran'] as const) {
    const list = claims.filter((c) => c.kind === kind && typeof c.value === 'number');
    // three values or more that do not round to one another: the narrative speaks of several
    // budgets or indicators (per program, per sasaran), not of one figure stated twice
    if (distinctValues(list) >= 3) continue;
    const expected = kind === 'capaianKinerja' ? capaian : serapan;
    const basis =
      kind === 'capaianKinerja'
        ? restsOn(tables, ['2.3', '2.4'], ['target', 'realisasi', 'capaian'])
        : restsOn(tables, ['2.4', '2.5'], ['pagu', 'realisasi', 'realisasiAnggaran']);
    const wrong = new Set<number>();
    for (const c of list) {
      const v = c.value as number;
      if (expected === null || percentAgrees(v, c.decimals, expected) || wrong.has(v)) continue;
      wrong.add(v);
      // a scanned claim that is the tail of another claim the tables bear out (`2%` beside
      // `67,2%`): its first digits were lost under a streak or a line's cut, not misstated
      const truncated =
        c.conf < 100 && list.some((d) => percentAgrees(d.value as number, d.decimals, expected) && tailOf(c, d));
      out.push({
        rule: 'R7',
        severity: truncated ? 'uncertain' : claimSeverity(ctx, c, basis),
        table: 'narrative',
        row: kind,
        field: 'value',
        stated: v,
        expected: roundPct(expected, c.decimals),
        message: ctx.msg(`R7.${kind}`, {
          stated: fmtPct(v, L, c.decimals ?? 0),
          expected: fmtPct(roundPct(expected, c.decimals), L),
          realisasi: totals.realisasi !== null ? fmtMoney(totals.realisasi, L) : '?',
          pagu: totals.pagu !== null ? fmtMoney(totals.pagu, L) : '?',
        }),
        evidence: evidenceOf(c),
      });
    }
    // values that round to one another (19,71 % and 20 %) are the same statement
    const first = list.find((c) => !agreeAsPrinted(c, list[0]!));
    if (first) {
      const vars = {
        claim: kind === 'capaianKinerja' ? 'capaian kinerja' : 'serapan anggaran',
        values: list
          .filter((c, i) => list.findIndex((d) => d.value === c.value) === i)
          .map((c) => `${fmtPct(c.value as number, L, c.decimals ?? 0)} (${L === 'id' ? 'hlm.' : 'p.'} ${c.page})`)
          .join(', '),
      };
      // a wrong value already found says what the number should be: the contradiction is added to it
      const found = out.find((d) => d.row === kind);
      if (found) found.message += ctx.msg('R7.inconsistentAlso', vars);
      else {
        // the value the tables give is what a reviewer compares with, not the narrative's other claim
        out.push({
          rule: 'R7',
          severity: claimSeverity(ctx, first),
          table: 'narrative',
          row: kind,
          field: 'value',
          stated: first.value as number,
          expected: expected === null ? null : roundPct(expected, first.decimals),
          message: ctx.msg('R7.inconsistent', vars),
          evidence: evidenceOf(first),
        });
      }
    }
  }
  return out;
};

function profileBands(scale: NonNullable<VerifyInput['scale']>): Band[] {
  return scale
    .map((b, i) => ({
      row: { table: '2.2' as const, no: String(i + 1), page: 1, bbox: [0, 0, 0, 0] as BBox, fields: {} },
      min: b.min,
      max: b.max,
      kriteria: b.kriteria,
    }))
    .sort((a, b) => (b.max ?? b.min ?? 0) - (a.max ?? a.min ?? 0));
}

function distinctValues(list: readonly ExtractedClaim[]): number {
  const seen: ExtractedClaim[] = [];
  for (const c of list) if (!seen.some((d) => agreeAsPrinted(c, d))) seen.push(c);
  return seen.length;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[“”"'‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Band names differ by whole words (`Rendah` / `Sangat Rendah`), so two letters' difference
 * (`Sangat rendan` from OCR) is still the same name.
 */
function sameWords(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 6) return false;
  return editDistance(a, b) <= 2;
}

/**
 * What a kesimpulan promises about the numbers. `rank` is the band's position from the top
 * (0 = best) of `count` bands.
 */
function kesimpulanContradicts(phrase: string, capaian: number, rank: number, count: number): boolean {
  const p = fold(phrase);
  if (/melebihi target/.test(p)) return capaian <= 100;
  if (/(mencapai|memenuhi) target/.test(p) && !/(belum|tidak|kurang)\s+(mencapai|memenuhi)/.test(p))
    return capaian < 100;
  if (/(tidak|belum|kurang) berhasil/.test(p)) return rank <= 1;
  if (/cukup berhasil/.test(p)) return rank === count - 1;
  if (/berhasil/.test(p)) return rank >= count - 2;
  return false;
}

/** R8: the narrative's kategori is the band of the recomputed capaian; its kesimpulan fits the numbers. */
export const ruleR8: Rule = ({ tables, claims, method, scale }, ctx) => {
  const out: Discrepancy[] = [];
  const L = ctx.opts.lang;
  const capaian = overallCapaian(tables, method);
  const printed: Band[] = bands(tables['2.2']);
  // the scale the report prints, else its template's (a profile's)
  const list: Band[] = printed.length ? printed : profileBands(scale ?? []);
  if (capaian === null || !list.length) return out;
  const fits = bandsFor(capaian, list);
  if (!fits.length) return out;
  // the bands' own doubt is judged by the structure checks (a bound outside 0–100 is X1): band
  // cells read with low confidence are the rule on scans, and would make every R8 finding uncertain
  const basis = restsOn(tables, ['2.3', '2.4'], ['target', 'realisasi', 'capaian']);
  const seen = new Set<string>();
  for (const c of claims.filter((x) => x.kind === 'kategori')) {
    const stated = fold(String(c.value));
    if (fits.some((b) => sameWords(fold(b.kriteria), stated)) || seen.has(stated)) continue;
    seen.add(stated);
    out.push({
      rule: 'R8',
      severity: claimSeverity(ctx, c, basis),
      table: 'narrative',
      row: 'kategori',
      field: 'value',
      stated: String(c.value),
      expected: fits[0]!.kriteria,
      message: ctx.msg('R8.kategori', {
        stated: String(c.value),
        expected: fits.map((b) => b.kriteria).join(' / '),
        capaian: fmtPct(roundPct(capaian, 2), L),
      }),
      evidence: evidenceOf(c),
    });
  }
  // the kesimpulan is contradicted only when it is contradicted in every band the value may fall in
  const ranks = fits.map((b) => list.indexOf(b));
  for (const c of claims.filter((x) => x.kind === 'kesimpulan')) {
    const stated = String(c.value);
    if (seen.has(`k:${fold(stated)}`)) continue;
    if (!ranks.every((r) => kesimpulanContradicts(stated, capaian, r, list.length))) continue;
    seen.add(`k:${fold(stated)}`);
    out.push({
      rule: 'R8',
      severity: claimSeverity(ctx, c, basis),
      table: 'narrative',
      row: 'kesimpulan',
      field: 'value',
      stated,
      expected: fits[0]!.kriteria,
      message: ctx.msg('R8.kesimpulan', { stated, capaian: fmtPct(roundPct(capaian, 2), L), band: fits[0]!.kriteria }),
      evidence: evidenceOf(c),
    });
  }
  return out;
};
