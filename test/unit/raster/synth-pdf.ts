/** Report pages made as PDFs and rendered with pdfjs (kept apart: importing pdfjs costs seconds). */
import type { PageRaster } from '../../../src/model/image.js';
import { openPdf } from '../../../src/pages/pdfjs.js';
import { renderPdfPage } from '../../../src/raster/render.js';
import { makePdf } from '../../helpers/pdf.js';

const PARAGRAPH =
  'Sebagaimana yang telah ditetapkan dalam Reviu Perjanjian Kinerja Kasi Kesejahteraan Sosial Kecamatan ' +
  'Senduro Kabupaten Lumajang pada tanggal 14 Januari 2025 dengan sasaran, indikator kinerja dan target ' +
  'sebagaimana disajikan dalam tabel berikut ini. Capaian kinerja dilakukan dengan cara membandingkan antara ' +
  'target dengan realisasi masing-masing indikator kinerja sasaran dan didukung dengan data yang mendukung. ';

/** An A4 report page: heading, paragraphs of Indonesian text in Helvetica, a small bordered table. */
export function textPagePdf(): Promise<Buffer> {
  return makePdf((d) => {
    d.font('Helvetica-Bold').fontSize(14).text('BAB II AKUNTABILITAS KINERJA', { align: 'center' });
    d.moveDown();
    d.font('Helvetica').fontSize(11);
    for (let i = 0; i < 4; i++) d.text(PARAGRAPH, { align: 'justify' }).moveDown(0.5);
    const x0 = 72,
      y0 = d.y + 20,
      widths = [30, 200, 150, 70],
      h = 22;
    d.lineWidth(0.75);
    for (let r = 0; r <= 4; r++)
      d.moveTo(x0, y0 + r * h)
        .lineTo(x0 + 450, y0 + r * h)
        .stroke();
    let x = x0;
    for (const w of [0, ...widths]) {
      x += w;
      d.moveTo(x, y0)
        .lineTo(x, y0 + 4 * h)
        .stroke();
    }
    for (let r = 0; r < 4; r++)
      d.text(`${r + 1}`, x0 + 10, y0 + r * h + 6).text('Meningkatnya ketepatan sasaran', x0 + 36, y0 + r * h + 6);
    d.text(PARAGRAPH, 72, y0 + 4 * h + 20, { width: 450, align: 'justify' });
  });
}

/**
 * A page that is mostly tables (like Tabel 2.3 + 2.4): bordered grids whose cells wrap text over
 * several lines, little running text. Vertical rules leave no blank row between text lines.
 */
export function tablesPagePdf(): Promise<Buffer> {
  return makePdf((d) => {
    d.font('Helvetica-Bold')
      .fontSize(12)
      .text('Tabel 2.3 Capaian Kinerja Kasi Kesejahteraan Sosial', { align: 'center' });
    d.font('Helvetica').fontSize(10).lineWidth(0.75);
    const widths = [28, 150, 150, 60, 60, 60];
    const sasaran = 'Meningkatnya ketepatan sasaran penyaluran bantuan sosial bagi keluarga miskin dan rentan';
    const indikator = 'Persentase bantuan sosial yang tersalurkan tepat sasaran sesuai data terpadu';
    for (const top of [90, 430]) {
      const rows = [top, top + 30, ...[1, 2, 3, 4].map((i) => top + 30 + i * 70)];
      const x0 = 60,
        x1 = x0 + widths.reduce((a, b) => a + b, 0);
      for (const y of rows) d.moveTo(x0, y).lineTo(x1, y).stroke();
      let x = x0;
      for (const w of [0, ...widths]) {
        x += w;
        d.moveTo(x, rows[0]!)
          .lineTo(x, rows[rows.length - 1]!)
          .stroke();
      }
      for (let r = 1; r + 1 < rows.length; r++) {
        // cells of one row wrap to different line counts, so their lines do not align
        const texts = [
          String(r),
          sasaran.slice(0, 40 + r * 12),
          indikator.slice(0, 90 - r * 14),
          '100 %',
          `7${r},4 %`,
          `7${r},40 %`,
        ];
        let cx = x0;
        widths.forEach((w, c) => {
          d.text(texts[c]!, cx + 4, rows[r]! + 5, { width: w - 8 });
          cx += w;
        });
      }
    }
  });
}

/** First page of a PDF rendered to gray. */
export async function renderFirst(pdf: Uint8Array, dpi: number): Promise<PageRaster> {
  const doc = await openPdf(pdf, 'test.pdf');
  try {
    return await renderPdfPage(await doc.getPage(1), 1, dpi);
  } finally {
    await doc.destroy();
  }
}
