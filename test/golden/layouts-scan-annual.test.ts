/**
 * A long annual report, scanned (issue 11): thirty pages of chapter text before BAB II, five other
 * tables (one with a Perjanjian Kinerja's header), a running header on every page, and Tabel 2.3
 * and 2.4 on landscape pages; the born-digital `annual` shape of layouts.test.ts through the
 * fixtures' scanner. Its own file: some forty pages read by OCR take a while. Clean: at least 99 %
 * of the cells exact, every meta field, no false alarm.
 */
import { expect, it } from 'vitest';
import { baseSpec } from '../helpers/kabupaten/base.js';
import { describeScanned } from '../helpers/kabupaten/scan-golden.js';

const ANNUAL = baseSpec('scan-annual-long', {
  document: { fillerPages: 30, otherTables: 5, runningHeader: true, landscape: ['2.3', '2.4'] },
});

describeScanned(
  'a scanned annual report of some forty pages',
  [ANNUAL],
  { uncertainFinds: false, minutes: 60 },
  (reports) => {
    it('read every page', () => {
      expect(reports.get(ANNUAL.id)!.source.pages).toBeGreaterThanOrEqual(30);
    });
  },
);
