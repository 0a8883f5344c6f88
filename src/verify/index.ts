import type { Discrepancy, Severity } from '../model/contract.js';
import type { Field } from '../model/extracted.js';
import { ruleR1, ruleR2R3, slippedFigures } from './capaian.js';
import { ruleR4, ruleR5 } from './budget.js';
import { ruleR6, twinDigitSlips } from './cross-table.js';
import { ruleR7, ruleR8 } from './narrative.js';
import { ruleR9 } from './bands.js';
import { ruleReading } from './reading.js';
import { message } from './messages.js';
import { ruleG, ruleS1 } from './signatures.js';
import { doubtOnBrokenTables, ruleT1, structureBreaks, structureFindings } from './structure.js';
import { DEFAULT_VERIFY_OPTIONS, type Rule, type RuleContext, type VerifyInput, type VerifyOptions } from './types.js';

export type { VerifyInput, VerifyOptions, Lang, ReadingNotes } from './types.js';

/** Every rule family on the analysed tables and claims, in the order their discrepancies are listed. A new rule is one entry here. */
export const RULES: readonly Rule[] = [ruleR1, ruleR2R3, ruleR4, ruleR5, ruleR6, ruleR7, ruleR8, ruleR9, ruleReading];

/**
 * The rules on the document as a whole, listed after the others' findings in this order: S1
 * (signature ink), G1–G4 (digital signatures), T1 (missing tables). Not sorted by severity, and not
 * made uncertain by a doubtful reading or another kind of document: they rest on no value read.
 */
export const DOCUMENT_RULES: readonly Rule[] = [ruleS1, ruleG, ruleT1];

/** Findings about the reading itself: their message says why they are uncertain. */
const READING_RULES = new Set(['T2', 'T3', 'N1', 'M1']);

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, uncertain: 1, warning: 2 };

/**
 * Re-verify a report's arithmetic and its narrative's claims. A rule that fails on a value read
 * with low confidence (or that did not parse cleanly) is reported `uncertain`: a human must read
 * the number before anyone calls the document wrong.
 */
export function verify(input: VerifyInput, options: Partial<VerifyOptions> = {}): Discrepancy[] {
  const opts = { ...DEFAULT_VERIFY_OPTIONS, ...options };
  // figures their own row or their twins show slipped (a moved separator, a digit more or less)
  const ctx = ruleContext(
    opts,
    new Set([...slippedFigures(input.tables, input.method), ...twinDigitSlips(input.tables)]),
  );
  // on a document of another kind the rules' premises (the kecamatan template's tables) may not
  // hold: a failure there is for a human to judge, never an error
  const otherKind = input.kind !== undefined && input.kind !== 'lkj';
  const found = RULES.flatMap((rule) => rule(input, ctx)).map((d) => {
    if (otherKind && d.severity === 'error')
      return {
        ...d,
        severity: 'uncertain' as const,
        message: d.message + message(opts.lang, 'uncertain.kind', { kind: input.kind! }),
      };
    return d.severity === 'uncertain' &&
      !READING_RULES.has(d.rule) &&
      !d.message.endsWith(message(opts.lang, 'uncertain', {}))
      ? { ...d, message: d.message + message(opts.lang, 'uncertain', {}) }
      : d;
  });
  // a broken table shape is extraction doubt: its own finding, and the rules resting on it uncertain
  const breaks = structureBreaks(input.tables, input.unread, !otherKind);
  const doubted = doubtOnBrokenTables(found, breaks).map((d, i) =>
    d.severity !== found[i]!.severity ? { ...d, message: d.message + message(opts.lang, 'X1.rests', {}) } : d,
  );
  return [...doubted, ...structureFindings(breaks, ctx)].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

/** Every finding of a document, as extraction and re-verification report it: `verify`'s, then DOCUMENT_RULES'. */
export function verifyDocument(input: VerifyInput, options: Partial<VerifyOptions> = {}): Discrepancy[] {
  const opts = { ...DEFAULT_VERIFY_OPTIONS, ...options };
  const ctx = ruleContext(opts);
  return [...verify(input, opts), ...DOCUMENT_RULES.flatMap((rule) => rule(input, ctx))];
}

/** `doubtful`: figures read with a confidence above the bar but shown wrong by their own row (a moved separator). */
function ruleContext(opts: VerifyOptions, doubtful: ReadonlySet<Field> = new Set()): RuleContext {
  return {
    opts,
    severity(base, ...fields: (Field | undefined)[]) {
      return fields.some((f) => f && (f.conf < opts.minConfidence || !f.parsed || doubtful.has(f)))
        ? 'uncertain'
        : base;
    },
    msg: (key, vars) => message(opts.lang, key, vars),
  };
}
