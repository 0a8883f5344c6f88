/**
 * Mistakes made on real reports of other kinds (issue 11, "Real reports say the same"), each
 * with the mechanism that now prevents it.
 */
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../../src/parse/claims.js';
import { parseCell } from '../../../src/parse/cell-value.js';
import { documentKind } from '../../../src/parse/kind.js';
import { extractMeta, plausibleUnit } from '../../../src/parse/meta.js';
import { block, line, wrap } from './lines.js';

const claimsOf = (text: string) => extractClaims(block(wrap(text, 90))).map((c) => [c.kind, c.value]);

describe('claims', () => {
  it("a formula's `× 100%` is no capaian claim", () => {
    expect(claimsOf('Capaian kinerja dihitung dengan rumus Realisasi / Target × 100%.')).toEqual([]);
    expect(claimsOf('Capaian kinerja = realisasi dibagi target x 100 % untuk setiap indikator.')).toEqual([]);
  });
  it('a share of indicators is no capaian claim', () => {
    expect(
      claimsOf('Capaian kinerja menunjukkan 80% indikator telah mencapai target.').filter(
        ([k]) => k === 'capaianKinerja',
      ),
    ).toEqual([]);
    expect(claimsOf('Capaian kinerja sebesar 75% dari jumlah sasaran tercapai.')).toEqual([]);
  });
  it("a statement about a program's or a belanja's budget is not about the report's total", () => {
    expect(claimsOf('Realisasi anggaran Program Pelayanan Administrasi Perkantoran sebesar 95,4%.')).toEqual([]);
    expect(claimsOf('Penyerapan anggaran belanja pegawai mencapai 99,2%.')).toEqual([]);
    expect(claimsOf('Secara keseluruhan penyerapan anggaran sebesar 93,26%.')).toEqual([['serapanAnggaran', 93.26]]);
  });
  it('a stated bound is no capaian claim', () => {
    expect(claimsOf('Capaian kinerja setiap indikator dibatasi paling tinggi 120%.')).toEqual([]);
  });
});

describe('meta from where meta lives', () => {
  const provincial = () => [
    line('LAPORAN KINERJA INSTANSI PEMERINTAH', { page: 1, x: 150, y: 120 }),
    line('DINAS PERIKANAN DAN KELAUTAN', { page: 1, x: 160, y: 140 }),
    line('PROVINSI JAWA BARAT', { page: 1, x: 190, y: 160 }),
    line('TAHUN 2016', { page: 1, x: 230, y: 180 }),
    ...block(
      wrap(
        'Laporan Kinerja Instansi Pemerintah ini disusun untuk memenuhi Instruksi Presiden Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja Instansi Pemerintah.',
      ),
      { page: 2, y: 100 },
    ),
    ...block(
      wrap(
        'Kegiatan pemberdayaan nelayan dilaksanakan di Kecamatan Ciemas Kabupaten Bandung sesuai Peraturan Daerah Nomor 3 Tahun 2008, dengan realisasi tribulan I yang rendah.',
      ),
      { page: 5, y: 100 },
    ),
  ];
  it('a provincial report is not placed in the kecamatan of a kegiatan, nor dated by its regulations', () => {
    const meta = extractMeta(provincial());
    expect(meta).toMatchObject({
      kind: 'lkip',
      kecamatan: null,
      kabupaten: null,
      period: { kind: 'tahunan', number: null, year: 2016 },
    });
    expect(meta.unit).toBe('Dinas Perikanan dan Kelautan');
  });
  it('an annual report is not made a tribulan report by a body sentence about tribulan I', () => {
    expect(extractMeta(provincial()).period).toEqual({ kind: 'tahunan', number: null, year: 2016 });
  });
  it('a running footer or a paragraph is no unit', () => {
    expect(plausibleUnit('Instansi Pemerintah Tahun 201637')).toBeNull();
    expect(plausibleUnit('disusun sebagai pertanggungjawaban kepada pemangku kepentingan')).toBeNull();
    expect(plausibleUnit('(LKIP) Dinas Permukiman dan Perumahan Provinsi Jawa Barat')).toBe(
      'Dinas Permukiman dan Perumahan',
    );
  });
});

describe('kinds of documents', () => {
  const kindOf = (cover: string, naming = '') => documentKind(cover, naming, []);
  it('knows a Perjanjian Kinerja, an LKIP, a realisasi form and a kecamatan LKj', () => {
    expect(kindOf('PERNYATAAN PERJANJIAN KINERJA DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT TAHUN 2017')).toBe(
      'perjanjian-kinerja',
    );
    expect(kindOf('LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) DINAS PERINDUSTRIAN TAHUN 2016')).toBe('lkip');
    expect(kindOf('LAPORAN REALISASI FISIK DAN KEUANGAN TRIWULAN I TAHUN 2023')).toBe('realisasi');
    expect(kindOf('LAPORAN KINERJA KASI PEMERINTAHAN TRIBULAN II TAHUN 2024 KECAMATAN CANDIPURO')).toBe('lkj');
    expect(kindOf('DAFTAR HADIR RAPAT')).toBe('other');
  });
});

describe('cells', () => {
  it("reads an accountant's negative `(3.14)`", () => {
    expect(parseCell('(3.14)', 'number', { dot: 'decimal', comma: 'thousands' }).value).toBe(-3.14);
    expect(parseCell('(104,66)', 'pct').value).toBe(-104.66);
  });
});
