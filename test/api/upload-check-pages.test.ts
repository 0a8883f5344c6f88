/**
 * Found by the fuzz test (test/load/fuzz.test.ts): an upload whose page tree has a kid that is no
 * page answered 500 `internal` ("Page dictionary kid reference points to wrong type of object"):
 * the upload check let pdfjs's page error through. It is refused as a corrupt PDF now, naming the
 * page, as the pipeline reports it.
 */
import { describe, expect, it } from 'vitest';
import { checkUpload } from '../../src/api/upload-check.js';
import { isInputError } from '../../src/intake/errors.js';
import { rawPdf, stream } from '../helpers/raw-pdf.js';

const limits = { maxBytes: 10 * 2 ** 20, maxPages: 100 };
const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>';

describe('the upload check on a damaged page tree', () => {
  it('a kid that is no page dictionary: corrupt-pdf naming the page, not an internal error', async () => {
    const pdf = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
      page,
      '42',
      stream('', 'BT ET'),
    ]);
    const err = await checkUpload(pdf, 'kids.pdf', limits).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isInputError(err), String(err)).toBe(true);
    expect(err).toMatchObject({
      code: 'corrupt-pdf',
      message: expect.stringMatching(/^kids\.pdf: page 2 could not be read \(.+\)$/),
    });
  });
});
