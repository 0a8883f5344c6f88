/**
 * Reports printed from HTML by Chromium (as many real ones and the sample evaluation corpus are):
 * a table row the page break cuts in two, its rest on the next page under the repeated header or
 * with no header at all, is read as one row.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { extractBytes } from '../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { PRINTED, printReport } from '../helpers/printed-report.js';

afterAll(() => closeSharedOcrPools());

describe('a Chromium-printed report', () => {
  for (const repeatHeader of [true, false]) {
    it(`reads Tabel 2.4 whole when the page break cuts its first row (${repeatHeader ? 'header repeated' : 'no repeated header'})`, async () => {
      const pdf = await printReport({ cutRow: true, repeatHeader });
      const { report, analysis } = await extractBytes(pdf, 'printed.pdf');
      expect(report.source.mode).toBe('text');
      expect(report.tables['2.4']).toEqual(PRINTED['2.4']);
      // the cut really happened: row 1's numbers on page 1, row 2 on page 2
      const [r1, r2] = analysis!.tables['2.4'];
      expect([r1!.fields.pagu!.page, r2!.fields.pagu!.page]).toEqual([1, 2]);
      // the short report holds only Tabel 2.4: the others are reported missing (T1), nothing else is flagged
      expect(report.discrepancies.filter((d) => d.rule !== 'T1')).toEqual([]);
      expect(
        report.discrepancies
          .filter((d) => d.rule === 'T1')
          .map((d) => d.table)
          .sort(),
      ).toEqual(['2.1', '2.2', '2.3', '2.5']);
    }, 60_000);
  }
});
