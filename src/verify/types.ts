import type { BBox } from '../model/word.js';
import type { Discrepancy, DocumentKind, Severity, Signatory, SignatureInfo, TableId } from '../model/contract.js';
import { DEFAULT_MIN_CONFIDENCE } from '../settings/settings.js';
import type { ExtractedClaim, ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import type { ReadingNotes, StatedMethod } from '../model/analysis.js';

import type { Lang } from '../model/lang.js';

export type { Lang };

export interface VerifyInput {
  tables: ExtractedTables;
  claims: ExtractedClaim[];
  /** tables whose caption was seen but whose grid was not read (extraction doubt, X1) */
  unread?: readonly TableId[];
  /** how the report says it computes capaian (absent: as before, either formula accepted) */
  method?: StatedMethod;
  /**
   * the kind of document: the rules were built for the kecamatan LKj; on another kind (an LKIP, a
   * Perjanjian Kinerja, a realisasi form) a failed rule is `uncertain`, for a human to judge
   */
  kind?: DocumentKind;
  /** a profile's rating scale, for a report that prints none */
  scale?: { min: number | null; max: number | null; kriteria: string }[];
  /** what the reading could not understand: reported `uncertain` (rules T2, T3, M1) */
  notes?: ReadingNotes;
  // what the document rules (DOCUMENT_RULES) read besides
  /** tables the document lacks (T1) */
  missing?: readonly TableId[];
  /** the report's signatories and its digital signatures matched to them (G1–G4) */
  signatories?: readonly Signatory[];
  signatures?: readonly SignatureInfo[];
  /**
   * S1 findings, signature blocks without ink: they rest on the page images, so ocr/signatures.ts
   * finds them at extraction and a re-verification carries them over
   */
  inkFindings?: readonly Discrepancy[];
}

/** What was read but not understood: said as `uncertain` findings, never silently dropped (model/analysis.ts). */
export type { ReadingNotes };

export interface VerifyOptions {
  lang: Lang;
  /** a value read below this confidence (0–100) makes a failed rule `uncertain`, not `error` */
  minConfidence: number;
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = { lang: 'id', minConfidence: DEFAULT_MIN_CONFIDENCE };

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

/** The read (non-empty) cells of `fields` in `rows`: what a rule's sum or mean rests on. */
export function readCells(rows: readonly ExtractedRow[], fields: readonly string[]): Field[] {
  return rows.flatMap((r) => fields.map((f) => r.fields[f]).filter((f): f is Field => !!f && f.raw !== ''));
}

export function text(f: Field | undefined): string | null {
  return f && typeof f.value === 'string' ? f.value : null;
}

export function evidenceOf(f: Field | ExtractedRow | ExtractedClaim | undefined): Discrepancy['evidence'] {
  return f ? { page: f.page, bbox: f.bbox.map((v) => Math.round(v * 10) / 10) as BBox } : { page: null, bbox: null };
}
