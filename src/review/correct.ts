/**
 * A reviewer's correction of a misread value, applied to the stored analysis (the values with
 * their provenance) so verification can run again on it. Pure: the caller stores the result.
 */
import { TABLE_FIELDS, type TableId } from '../model/contract.js';
import type { ExtractedClaim, Field } from '../model/extracted.js';
import type { Analysis } from '../pipeline/analyse.js';
import { parseNumber } from '../parse/numbers.js';

export interface Correction {
  /** a table (`2.1`–`2.5`) or `narrative` for a claim of the text */
  table: TableId | 'narrative';
  /** the row label as printed (`1.2`, `JUMLAH`), or the claim kind for `narrative` */
  row: string;
  /** which of several rows (claims) with that label, 0-based; needed only when the label repeats */
  occurrence?: number;
  /** the contract field (`capaian`, `realisasiAnggaran`…), `value` for a claim */
  field: string;
  /** the value as read by the reviewer: a number, a string as printed (`19,50%`), or null for an empty cell */
  value: number | string | null;
}

export class CorrectionError extends Error {
  constructor(
    readonly code: 'no-such-row' | 'ambiguous-row' | 'no-such-field' | 'bad-value',
    message: string,
  ) {
    super(message);
  }
}

export interface CorrectedValue {
  value: number | string | null;
  raw: string;
  conf: number;
  page: number;
  bbox: readonly number[];
}

/** A corrected value carries who corrected it; verification trusts it fully (confidence 100). */
export type CorrectedField = Field & { correctedBy: string; correctedAt: string };

export function applyCorrection(
  analysis: Analysis,
  c: Correction,
  actor: string,
  at = new Date(),
): { analysis: Analysis; before: CorrectedValue; after: CorrectedValue } {
  const next = structuredClone(analysis);
  if (c.table === 'narrative') return correctClaim(next, c, actor, at);
  const fields: readonly string[] | undefined = TABLE_FIELDS[c.table];
  if (!fields?.includes(c.field))
    throw new CorrectionError('no-such-field', `Tabel ${c.table} has no field "${c.field}" (${fields?.join(', ')})`);
  const rows = next.tables[c.table].filter((r) => r.no === c.row);
  const row = pick(rows, c, `Tabel ${c.table} row "${c.row}"`);
  const old = row.fields[c.field];
  if (!old) throw new CorrectionError('no-such-field', `Tabel ${c.table} row "${c.row}" has no cell "${c.field}"`);
  const { value, decimals, raw } = parseCorrection(c.value, old.kind);
  const field: CorrectedField = {
    ...old,
    value,
    decimals,
    raw,
    conf: 100,
    parsed: true,
    correctedBy: actor,
    correctedAt: at.toISOString(),
  };
  row.fields[c.field] = field;
  return { analysis: next, before: snapshot(old), after: snapshot(field) };
}

function correctClaim(next: Analysis, c: Correction, actor: string, at: Date) {
  if (c.field !== 'value') throw new CorrectionError('no-such-field', 'a claim has one field: "value"');
  const claims = next.claims.filter((k) => k.kind === c.row);
  const claim = pick(claims, c, `the ${c.row} claim`);
  const numeric = typeof claim.value === 'number';
  const { value, decimals, raw } = parseCorrection(c.value, numeric ? 'pct' : 'text');
  if (value === null) throw new CorrectionError('bad-value', 'a claim cannot be emptied');
  const before = { value: claim.value, raw: String(claim.value), conf: claim.conf, page: claim.page, bbox: claim.bbox };
  Object.assign(claim, {
    value,
    decimals,
    conf: 100,
    correctedBy: actor,
    correctedAt: at.toISOString(),
  } satisfies Partial<ExtractedClaim> & Record<string, unknown>);
  return { analysis: next, before, after: { value, raw, conf: 100, page: claim.page, bbox: claim.bbox } };
}

function pick<T>(items: T[], c: Correction, what: string): T {
  if (!items.length) throw new CorrectionError('no-such-row', `${what} does not exist`);
  if (c.occurrence !== undefined) {
    const it = items[c.occurrence];
    if (!it)
      throw new CorrectionError(
        'no-such-row',
        `${what} occurs ${items.length} time(s); occurrence ${c.occurrence} does not exist`,
      );
    return it;
  }
  if (items.length > 1)
    throw new CorrectionError('ambiguous-row', `${what} occurs ${items.length} times: give "occurrence" (0-based)`);
  return items[0]!;
}

/** The reviewer's value in the field's kind; the decimals typed set the tolerance as printed ones do. */
export function parseCorrection(
  v: number | string | null,
  kind: Field['kind'],
): { value: number | string | null; decimals: number | null; raw: string } {
  if (v === null || (typeof v === 'string' && !v.trim())) return { value: null, decimals: null, raw: '' };
  if (kind === 'text') {
    const s = String(v).replace(/\s+/g, ' ').trim();
    if (s.length > 2000) throw new CorrectionError('bad-value', 'the text is longer than 2000 characters');
    return { value: s, decimals: null, raw: s };
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CorrectionError('bad-value', 'the value must be a finite number');
    const s = String(v);
    return { value: v, decimals: /e/i.test(s) ? 0 : (s.split('.')[1]?.length ?? 0), raw: s };
  }
  const n = parseNumber(v, kind);
  if (!n.ok || n.value === null)
    throw new CorrectionError(
      'bad-value',
      `"${v.slice(0, 40)}" is not a ${kind === 'pct' ? 'percentage' : kind === 'money' ? 'rupiah amount' : 'number'}`,
    );
  return { value: n.value, decimals: n.decimals, raw: v.trim() };
}

function snapshot(f: Field): CorrectedValue {
  return { value: f.value, raw: f.raw, conf: f.conf, page: f.page, bbox: f.bbox };
}
