import type { Discrepancy, Severity, TableId } from '../model/contract.js';
import type { ExtractedClaim, ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';

export type Lang = 'id' | 'en';

export interface VerifyInput {
  tables: ExtractedTables;
  claims: ExtractedClaim[];
  /** tables whose caption was seen but whose grid was not read (extraction doubt, X1) */
  unread?: readonly TableId[];
}

export interface VerifyOptions {
  lang: Lang;
  /** a value read below this confidence (0–100) makes a failed rule `uncertain`, not `error` */
  minConfidence: number;
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = { lang: 'id', minConfidence: 80 };

/** A rule family: reads the records, returns discrepancies. Pure. */
export type Rule = (input: VerifyInput, ctx: RuleContext) => Discrepancy[];

export interface RuleContext {
  opts: VerifyOptions;
  /** severity for a failure that rests on these fields: uncertain when any was read doubtfully */
  severity(base: Exclude<Severity, 'uncertain'>, ...fields: (Field | undefined)[]): Severity;
  msg(key: string, vars: Record<string, string | number>): string;
}

export function num(f: Field | undefined): number | null {
  return f && typeof f.value === 'number' ? f.value : null;
}

export function text(f: Field | undefined): string | null {
  return f && typeof f.value === 'string' ? f.value : null;
}

export function evidenceOf(f: Field | ExtractedRow | ExtractedClaim | undefined): Discrepancy['evidence'] {
  return f ? { page: f.page, bbox: f.bbox.map((v) => Math.round(v * 10) / 10) as [number, number, number, number] } : { page: null, bbox: null };
}
