/**
 * A short LKj printed from HTML by Chromium, the way many real reports (and the sample evaluation
 * corpus) are made: the browser lays the tables out, breaks them across pages, may cut a tall row
 * in two and repeats a table's header on the next page. `cutRow` pushes Tabel 2.4 to the foot of a
 * page so that its first row is cut by the page break.
 */
import { assertChromium, launchChromium } from './chromium.js';

export interface PrintedLayout {
  /** push Tabel 2.4 down so the page break cuts its first row */
  cutRow: boolean;
  /** repeat the table header on the next page (`<thead>`), as browsers do by default */
  repeatHeader: boolean;
}

/** What the report prints, for the test to compare. */
export const PRINTED = {
  '2.4': [
    {
      no: '1',
      sasaran:
        'Meningkatnya ketepatan sasaran penyaluran bantuan sosial kepada keluarga penerima manfaat di seluruh desa',
      indikator: 'Persentase bantuan sosial yang tersalurkan tepat sasaran kepada keluarga penerima manfaat',
      pagu: 27_500_000,
      realisasiAnggaran: 19_937_500,
      capaianAnggaran: 72.5,
      target: 100,
      realisasi: 72.5,
      capaian: 72.5,
    },
    {
      no: '2',
      sasaran: 'Meningkatnya partisipasi masyarakat dalam kegiatan keagamaan dan sosial',
      indikator: 'Jumlah kegiatan keagamaan dan sosial kemasyarakatan yang difasilitasi',
      pagu: 18_000_000,
      realisasiAnggaran: 11_340_000,
      capaianAnggaran: 63,
      target: 12,
      realisasi: 8,
      capaian: 66.67,
    },
  ],
} as const;

const P = (s: string) => `<p>${s}</p>`;

export function printedReportHtml(l: PrintedLayout): string {
  const head = (rows: string) => (l.repeatHeader ? `<thead>${rows}</thead>` : rows);
  const [r1, r2] = PRINTED['2.4'];
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm 25mm 22mm 30mm; }
body { font-family: 'DejaVu Sans'; font-size: 10.5pt; line-height: 1.35; }
p { text-align: justify; margin: 0 0 6pt; }
h1 { text-align: center; font-size: 1em; }
.cap { text-align: center; font-weight: bold; margin: 6pt 0 2pt; }
table { border-collapse: collapse; width: 100%; font-size: 0.82em; margin-bottom: 8pt; }
td, th { border: 1px solid #000; padding: 1pt 3pt; vertical-align: top; }
.c { text-align: center; } .r { text-align: right; }
.sig { margin: 24pt 0 0 55%; text-align: center; } .sig b { display: block; margin-top: 48pt; text-decoration: underline; }
</style></head><body>
<h1>LAPORAN KINERJA<br>KASI KESEJAHTERAAN SOSIAL KECAMATAN SENDURO<br>KABUPATEN LUMAJANG<br>TRIBULAN III TAHUN 2025</h1>
${P('Laporan Kinerja ini disusun sebagai bentuk pertanggungjawaban atas pelaksanaan tugas dan fungsi Kasi Kesejahteraan Sosial Kecamatan Senduro selama Tribulan III Tahun 2025.')}
<div style="height:${l.cutRow ? 176 : 10}mm"></div>
<div class="cap">Tabel 2.4<br>Pencapaian Kinerja dan Anggaran (Cost per Outcomes)</div>
<table>${head('<tr><th rowspan="2">No</th><th rowspan="2">Sasaran / Kegiatan</th><th rowspan="2">Indikator Kinerja</th><th colspan="3">Anggaran</th><th colspan="3">Kinerja</th></tr><tr><th>Pagu</th><th>Realisasi</th><th>Capaian (%)</th><th>T</th><th>R</th><th>Capaian (%)</th></tr>')}
<tr><td class="c">${r1.no}</td><td>${r1.sasaran}</td><td>${r1.indikator}</td><td class="r">27.500.000</td><td class="r">19.937.500</td><td class="c">72,50 %</td><td class="c">100 %</td><td class="c">72,5 %</td><td class="c">72,50 %</td></tr>
<tr><td class="c">${r2.no}</td><td>${r2.sasaran}</td><td>${r2.indikator}</td><td class="r">18.000.000</td><td class="r">11.340.000</td><td class="c">63,00 %</td><td class="c">12 Kegiatan</td><td class="c">8 Kegiatan</td><td class="c">66,67 %</td></tr></table>
${P('Berdasarkan perhitungan di atas maka capaian kinerja Kasi Kesejahteraan Sosial pada Tribulan III Tahun 2025 sebesar 69,58 % dan capaian serapan anggaran sebesar 68,74 %.')}
<div class="sig">Senduro, 29 September 2025<br>Kasi Kesejahteraan Sosial<b>DWI CAHYO PRASETYO, SE</b>NIP. 19680226 199603 1 010</div>
</body></html>`;
}

/** The report as Chromium prints it to PDF. */
export async function printReport(l: PrintedLayout): Promise<Uint8Array> {
  await assertChromium();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(printedReportHtml(l), { waitUntil: 'load' });
    return new Uint8Array(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  } finally {
    await browser.close();
  }
}
