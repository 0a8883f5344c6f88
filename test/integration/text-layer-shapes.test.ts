/**
 * Born-digital PDFs whose text layer is not the whole story (issue 11): a heading printed with
 * letter spacing, two cells printed edge to edge (one run of glyphs across a column rule), a text
 * layer whose glyphs map to nothing (read as a scan), and a table pasted as a picture (that
 * region read by OCR, the rest from the text layer).
 */
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { extractBytes } from '../../src/pipeline/extract.js';
import { useChromium } from '../helpers/use-chromium.js';
import { baseSpec } from '../helpers/kabupaten/base.js';
import { expectGolden, readKab } from '../helpers/kabupaten/golden.js';
import { printKab } from '../helpers/kabupaten/print.js';
import { truthOf } from '../helpers/kabupaten/truth.js';
import { metaMismatches } from '../helpers/truth.js';

const chrome = useChromium();
afterAll(closeSharedOcrPools);

/** The numbers of a table as read against the truth's (text cells of OCR'd regions aside). */
function numbers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k, v]) => k === 'no' || typeof v === 'number' || v === null)),
  );
}

describe('text layers', () => {
  it('reads a cover title printed with letter spacing (L A P O R A N  K I N E R J A)', async () => {
    const spec = baseSpec('letter-spaced', { document: { letterSpaced: true } });
    expectGolden(spec, (await readKab(chrome.browser, spec)).report);
  }, 60_000);

  it("cuts a run of glyphs across a column rule into its cells (last year's target flush against this year's)", async () => {
    const spec = baseSpec('joined-cells', { columns: { twoYear: true } });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.tables['2.1'].map((r) => r.target)).toEqual([100, 24, 90]);
  }, 60_000);

  it('reads a page whose glyphs map to nothing as a scan', async () => {
    const spec = baseSpec('no-tounicode', { roles: ['2.1', '2.2', '2.3'] });
    const pdf = await PDFDocument.load(await printKab(chrome.browser, spec));
    // fonts without their ToUnicode map: the text layer reads `3XML\u0003 V\\XNXU` for `Puji syukur`
    for (const [, obj] of pdf.context.enumerateIndirectObjects())
      if (obj instanceof PDFDict) obj.delete(PDFName.of('ToUnicode'));
    const { report } = await extractBytes(await pdf.save(), 'no-tounicode.pdf');
    expect(report.source.mode).toBe('ocr');
    const truth = truthOf(spec);
    expect(metaMismatches(truth, report)).toEqual([]);
    for (const t of ['2.1', '2.2', '2.3'] as const)
      expect(numbers(report.tables[t]), t).toEqual(numbers(truth.tables[t]!));
    expect(report.discrepancies.filter((d) => d.severity === 'error')).toEqual([]);
  }, 600_000);

  it('reads a table pasted as a picture by OCR and the rest of the page from its text layer', async () => {
    const spec = baseSpec('picture-table', { document: { asImage: ['2.3'] } });
    const { report, analysis } = await readKab(chrome.browser, spec);
    expect(report.source.mode).toBe('mixed');
    const truth = truthOf(spec);
    expect(numbers(report.tables['2.3'])).toEqual(numbers(truth.tables['2.3']!));
    for (const t of ['2.1', '2.2', '2.4', '2.5'] as const) expect(report.tables[t], t).toEqual(truth.tables[t]);
    // the picture's cells came from OCR, the other tables' from the text layer
    expect(analysis!.tables['2.3'][0]!.fields.target!.conf).toBeLessThan(100);
    expect(analysis!.tables['2.1'][0]!.fields.target!.conf).toBe(100);
    expect(report.discrepancies.filter((d) => d.severity !== 'uncertain')).toEqual([]);
  }, 600_000);
});
