/**
 * The scanned layouts' golden check, shared by the files testing them: each spec printed by
 * Chromium, scanned (scan.ts), read by OCR, then at least 99 % of all the specs' table cells exact,
 * every meta field but the name, title and unit, every injected error found and no false alarm.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { closeSharedOcrPools } from '../../../src/ocr/shared-pool.js';
import { extractBytes } from '../../../src/pipeline/extract.js';
import { assertChromium, launchChromium } from '../chromium.js';
import { cellMismatches, discrepancyMismatches, metaMismatches } from '../truth.js';
import { printKab } from './print.js';
import { scanPdf } from './scan.js';
import type { KabSpec } from './spec.js';
import { truthOf } from './truth.js';

const withoutS1 = (r: Report) => ({ ...r, discrepancies: r.discrepancies.filter((d) => d.rule !== 'S1') });

/**
 * `uncertainFinds`: an injected error reported `uncertain` (a number it rests on read doubtfully)
 * counts as found; without it, only an `error` does. `minutes`: the time allowed to print, scan and
 * read them all (default 30).
 */
export function describeScanned(
  title: string,
  shapes: KabSpec[],
  opts: { uncertainFinds: boolean; minutes?: number },
  extra?: (reports: Map<string, Report>) => void,
): void {
  let browser: Browser;
  const reports = new Map<string, Report>();
  beforeAll(
    async () => {
      await assertChromium();
      browser = await launchChromium();
      for (const spec of shapes) {
        const scanned = await scanPdf(await printKab(browser, spec), spec.id);
        reports.set(spec.id, Report.parse((await extractBytes(scanned, `${spec.id}.pdf`)).report));
      }
    },
    (opts.minutes ?? 30) * 60_000,
  );
  afterAll(async () => {
    await browser?.close();
    await closeSharedOcrPools();
  });

  describe(title, () => {
    const cellScore = (specs: KabSpec[]) => {
      let total = 0,
        wrong = 0;
      const lines: string[] = [];
      for (const spec of specs) {
        const truth = truthOf(spec);
        const bad = cellMismatches(truth, reports.get(spec.id)!);
        const cells = Object.values(truth.tables).reduce(
          (s, rows) => s + rows.reduce((t, row) => t + Object.keys(row).length - 1, 0),
          0,
        );
        total += cells;
        wrong += bad.length;
        lines.push(`${spec.id}: ${cells - bad.length}/${cells}${bad.length ? ` [${bad.join('; ')}]` : ''}`);
      }
      console.log(`${title}: ${total - wrong}/${total} cells\n  ${lines.join('\n  ')}`);
      return (total - wrong) / total;
    };

    it('read ≥ 99 % of table cells exactly', () => {
      expect(cellScore(shapes)).toBeGreaterThanOrEqual(0.99);
    });

    for (const spec of shapes) {
      it(spec.id, () => {
        const truth = truthOf(spec);
        const r = reports.get(spec.id)!;
        expect(r.source.mode).toBe('ocr');
        expect(
          metaMismatches(truth, r).filter((m) => !/^(name|title|unit) of|^unit/.test(m)),
          'meta',
        ).toEqual([]);
        const { missed, unexpected } = discrepancyMismatches(truth, withoutS1(r), opts);
        const findings = r.discrepancies.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}/${d.field}`);
        console.log(`${spec.id}: ${findings.length ? findings.join('; ') : 'no findings'}`);
        expect(missed, 'injected errors not found').toEqual([]);
        expect(unexpected, 'false alarms').toEqual([]);
      });
    }

    extra?.(reports);
  });
}
