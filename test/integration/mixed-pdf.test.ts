import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractBytes } from '../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { Report } from '../../src/model/contract.js';
import { makePdf } from '../helpers/pdf.js';
import { CORPUS, manifest, truthOf } from '../helpers/truth.js';

afterAll(closeSharedOcrPools);

describe('a mixed PDF (a typed page, then a scanned one)', () => {
  it('uses the text layer where there is one, OCRs the scanned page, and says mode "mixed"', async () => {
    const jpg = fs.readFileSync(path.join(CORPUS, 'jpg/rowokangkung-tw4-2022/page-04.jpg'));
    const pdf = await makePdf((d) => {
      d.fontSize(12)
        .text('KATA PENGANTAR', { align: 'center' })
        .moveDown()
        .text(
          'Laporan Kinerja (LKj) Kasi Pemerintahan Kecamatan Rowokangkung Kabupaten Lumajang pada Triwulan IV Tahun 2022 disusun sebagai bagian dari SAKIP.',
        );
      d.addPage({ size: 'A4', margin: 0 });
      d.image(jpg, 0, 0, { width: 595.28, height: 841.89 });
    });
    const { report } = await extractBytes(pdf, 'mixed.pdf');
    Report.parse(report);
    expect(report.source.mode).toBe('mixed');
    expect(report.source.pages).toBe(2);
    const truth = truthOf(manifest().find((e) => e.id === 'rowokangkung-tw4-2022/jpg')!);
    expect(report.tables['2.1']).toEqual(truth.tables['2.1']);
    expect(report.tables['2.2'].map((r) => r.kriteria)).toEqual(truth.tables['2.2']!.map((r) => r.kriteria));
    expect(report.report.kecamatan).toBe('Rowokangkung');
  });
});
