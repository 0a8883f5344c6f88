/**
 * Documents of other kinds than a kecamatan's LKj (issue 11, item 0): recognised as what they are
 * (`report.kind`), read for what they hold, never an `error` from rules built for the LKj, and a
 * document of no known kind refused only when it holds none of the tables.
 */
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { extractBytes } from '../../src/pipeline/extract.js';
import { useChromium } from '../helpers/use-chromium.js';

const chrome = useChromium();

async function print(body: string): Promise<Uint8Array> {
  const page = await chrome.browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'DejaVu Sans'; font-size: 10pt; } h1 { text-align: center; font-size: 12pt; } .cap { text-align: center; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } td, th { border: 1px solid #000; padding: 2pt 3pt; }
.sig { margin: 20pt 0 0 55%; text-align: center; } .sig b { display: block; margin-top: 40pt; } .brk { page-break-before: always; }
</style></head><body>${body}</body></html>`);
    return new Uint8Array(
      await page.pdf({ format: 'A4', margin: { top: '20mm', bottom: '20mm', left: '20mm', right: '20mm' } }),
    );
  } finally {
    await page.close();
  }
}

const PK_TABLE = `<table><tr><th>No</th><th>Sasaran Strategis</th><th>Indikator Kinerja</th><th>Target</th></tr>
<tr><td>1</td><td>Meningkatnya kualitas pelayanan perizinan</td><td>Indeks kepuasan masyarakat</td><td>82</td></tr>
<tr><td>2</td><td>Meningkatnya investasi daerah</td><td>Nilai realisasi investasi (juta rupiah)</td><td>1.250.000</td></tr></table>`;

describe('documents of other kinds', () => {
  it('a Perjanjian Kinerja: recognised, its targets read, nothing warned about the tables it is not meant to hold', async () => {
    const pdf = await print(`<h1>PERJANJIAN KINERJA TAHUN 2023<br>DINAS PENANAMAN MODAL<br>PROVINSI JAWA TENGAH</h1>
<p>Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel, kami yang bertanda tangan di bawah ini: PIHAK PERTAMA, Kepala Dinas Penanaman Modal, dan PIHAK KEDUA, Gubernur Jawa Tengah, sepakat atas target kinerja berikut.</p>
${PK_TABLE}
<div class="sig">Semarang, 2 Januari 2023<br>Kepala Dinas Penanaman Modal<b>Ir. SITI AMINAH, M.T.</b>NIP. 19700512 199503 2 004</div>`);
    const { report } = await extractBytes(pdf, 'pk.pdf');
    Report.parse(report);
    expect(report.report.kind).toBe('perjanjian-kinerja');
    expect(report.discrepancies.map((d) => `${d.rule} ${d.table}/${d.row}/${d.field}: ${d.message}`)).toEqual([]);
    expect(report.status).toBe('clean');
    expect(report.tables['2.1'].map((r) => [r.no, r.target])).toEqual([
      ['1', 82],
      ['2', 1250000],
    ]);
    expect(report.missingTables).toEqual(['2.2', '2.3', '2.4', '2.5']);
    expect(report.report.signatories).toEqual([
      {
        name: 'Ir. SITI AMINAH, M.T.',
        nip: '197005121995032004',
        title: 'Kepala Dinas Penanaman Modal',
        nipValid: true,
      },
    ]);
  }, 60_000);

  it('a provincial LKIP with a ruled "Tabel 2.1 Perjanjian Kinerja Tahun 2016": read, not refused; a failed rule is uncertain', async () => {
    const pdf =
      await print(`<h1>LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)<br>DINAS PERINDUSTRIAN DAN PERDAGANGAN<br>PROVINSI JAWA BARAT<br>TAHUN 2016</h1>
<p class="brk">Laporan Kinerja Instansi Pemerintah ini disusun untuk memenuhi Instruksi Presiden Nomor 7 Tahun 1999. Kegiatan pasar murah dilaksanakan di Kecamatan Ciemas Kabupaten Sukabumi.</p>
<div class="cap">Tabel 2.1 Perjanjian Kinerja Tahun 2016</div>${PK_TABLE}
<div class="cap">Tabel 3.1 Capaian Kinerja Tahun 2016</div>
<table><tr><th>No</th><th>Indikator Kinerja</th><th>Target</th><th>Realisasi</th><th>Capaian (%)</th></tr>
<tr><td>1</td><td>Indeks kepuasan masyarakat</td><td>82</td><td>80</td><td>95,12</td></tr></table>`);
    const { report } = await extractBytes(pdf, 'lkip.pdf');
    expect(report.report).toMatchObject({
      kind: 'lkip',
      kecamatan: null,
      kabupaten: null,
      period: { kind: 'tahunan', number: null, year: 2016 },
    });
    expect(report.tables['2.1']).toHaveLength(2);
    expect(report.captions).toMatchObject({ '2.1': 'Tabel 2.1', '2.3': 'Tabel 3.1' });
    // 80 / 82 = 97,56 %, printed 95,12 %: on an LKIP that is for a human to judge
    expect(report.discrepancies.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}`)).toEqual([
      'R1 uncertain 2.3/1',
    ]);
  }, 60_000);

  it('a PK without any caption is read the same way', async () => {
    const pdf = await print(`<h1>PERNYATAAN PERJANJIAN KINERJA<br>DINAS PENANAMAN MODAL<br>TAHUN 2023</h1>${PK_TABLE}`);
    const { report } = await extractBytes(pdf, 'pk-bare.pdf');
    expect(report.status).not.toBe('failed');
    expect(report.report.kind).toBe('perjanjian-kinerja');
    expect(report.tables['2.1']).toHaveLength(2);
  }, 60_000);
});
