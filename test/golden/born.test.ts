import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../src/pipeline/extract.js';
import { Report } from '../../src/model/contract.js';
import { CORPUS, cellMismatches, discrepancyMismatches, manifest, metaMismatches, truthOf } from '../helpers/truth.js';

/**
 * Golden run over the born-digital corpus: every cell, every meta field, every expected
 * discrepancy, and no error or warning that the truth does not expect. A failure lists
 * document/table/row/field with read vs truth.
 */
const entries = manifest().filter((e) => e.variant === 'born');

describe('born-digital corpus', () => {
  it('has the replica and at least 12 more documents, clean and with errors', () => {
    expect(entries.some((e) => e.doc === 'candipuro-tw2-2024')).toBe(true);
    expect(entries.length).toBeGreaterThanOrEqual(13);
    expect(entries.some((e) => e.cls === 'clean')).toBe(true);
  });

  for (const entry of entries) {
    it(`${entry.id} (${entry.cls})`, async () => {
      const truth = truthOf(entry);
      const { report } = await extractFile(path.join(CORPUS, entry.path));
      Report.parse(report);
      expect(report.status, report.error?.message).not.toBe('failed');
      expect(report.source.mode).toBe('text');
      expect(cellMismatches(truth, report), 'cells').toEqual([]);
      expect(metaMismatches(truth, report), 'meta').toEqual([]);
      const { missed, unexpected, uncertain } = discrepancyMismatches(truth, report);
      expect(missed, 'expected discrepancies not found').toEqual([]);
      expect(unexpected, 'false alarms').toEqual([]);
      expect(uncertain, 'a text layer is never uncertain').toEqual([]);
      expect(report.status).toBe(truth.expected.some((e) => e.required) ? 'flagged' : 'clean');
    });
  }
});
