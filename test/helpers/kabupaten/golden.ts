/** Reading a KabSpec back and comparing with its truth. */
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { extractBytes, type ExtractOptions, type ExtractResult } from '../../../src/pipeline/extract.js';
import { cellMismatches, discrepancyMismatches, metaMismatches } from '../truth.js';
import { printKab } from './print.js';
import type { KabSpec } from './spec.js';
import { truthOf } from './truth.js';

export async function readKab(
  browser: Browser,
  spec: KabSpec,
  opts: ExtractOptions = {},
): Promise<ExtractResult & { pdf: Uint8Array }> {
  const pdf = await printKab(browser, spec);
  const r = await extractBytes(pdf, `${spec.id}.pdf`, opts);
  Report.parse(r.report);
  return { ...r, pdf };
}

/**
 * Born-digital golden check: every cell and meta field, every injected error found, no other
 * error or warning, nothing uncertain (a text layer is read exactly).
 */
export function expectGolden(spec: KabSpec, report: Report, opts: { allowUncertain?: boolean } = {}): void {
  const truth = truthOf(spec);
  expect(report.status, report.error?.message).not.toBe('failed');
  expect(cellMismatches(truth, report), 'cells').toEqual([]);
  expect(metaMismatches(truth, report), 'meta').toEqual([]);
  const { missed, unexpected, uncertain } = discrepancyMismatches(truth, report);
  expect(missed, 'injected errors not found').toEqual([]);
  expect(unexpected, 'false alarms').toEqual([]);
  if (!opts.allowUncertain) expect(uncertain, 'uncertain findings').toEqual([]);
  expect(report.status).toBe(truth.expected.length || (opts.allowUncertain && uncertain.length) ? 'flagged' : 'clean');
}
