import { describe, expect, it } from 'vitest';
import { findSignatories, findSignatureBlocks, normalizeTitle } from '../../../src/parse/signatures.js';
import { block, line, row, wrap } from './lines.js';
import { closingPage, kataPengantarPage } from './reference-report.js';

const ARIF = {
  name: 'ARIF SUWARKO',
  nip: '196607022007011001',
  title: 'Plt. Kasi Pemberdayaan Masyarakat',
  nipValid: true,
};
const AKHMAD = { name: 'AKHMAD KHARIRI, SH', nip: '197208181994031009', title: 'Plt. Camat Candipuro', nipValid: true };

describe('findSignatureBlocks', () => {
  it('reads a single block under the kata pengantar, skipping the dateline and Kecamatan line', () => {
    const blocks = findSignatureBlocks(kataPengantarPage());
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ ...ARIF, page: 2 });
    expect(blocks[0]!.above).toEqual([
      'Candipuro, 28 Juni 2024',
      'Plt.Kasi Pemberdayaan Masyarakat',
      'Kecamatan Candipuro',
    ]);
    expect(blocks[0]!.nipInfo.birthDate).toBe('1966-07-02');
  });

  it('reads two blocks side by side on the same lines, left first', () => {
    const blocks = findSignatureBlocks(closingPage());
    expect(blocks.map(({ name, nip, title, nipValid }) => ({ name, nip, title, nipValid }))).toEqual([AKHMAD, ARIF]);
    expect(blocks[0]!.above).toEqual(['Mengetahui', 'ATASAN LANGSUNG', 'Plt. Camat Candipuro']);
    expect(blocks[1]!.above).toEqual(['Candipuro, 28 Juni 2024', 'Plt. Kasi Pemberdayaan Masyarakat']);
  });

  it('reads two blocks stacked in one column, each stopping at the other', () => {
    const lines = [
      ...block(
        wrap(
          'Laporan Kinerja ini diharapkan dapat dimanfaatkan sebagai bahan evaluasi akuntabilitas kinerja untuk menyempurnakan dokumen perencanaan.',
        ),
        { page: 8, y: 100 },
      ),
      line('Mengetahui', { page: 8, x: 300, y: 160 }),
      line('ATASAN LANGSUNG', { page: 8, x: 300, y: 175 }),
      line('Plt. Camat Candipuro', { page: 8, x: 300, y: 190 }),
      line('AKHMAD KHARIRI, SH', { page: 8, x: 300, y: 260 }),
      line('NIP. 19720818 199403 1 009', { page: 8, x: 300, y: 275 }),
      line('Candipuro, 28 Juni 2024', { page: 8, x: 300, y: 310 }),
      line('Plt. Kasi Pemberdayaan Masyarakat', { page: 8, x: 300, y: 325 }),
      line('ARIF SUWARKO', { page: 8, x: 300, y: 400 }),
      line('NIP. 19660702 200701 1 001', { page: 8, x: 300, y: 415 }),
    ];
    const blocks = findSignatureBlocks(lines);
    expect(blocks.map((b) => [b.name, b.title])).toEqual([
      ['AKHMAD KHARIRI, SH', 'Plt. Camat Candipuro'],
      ['ARIF SUWARKO', 'Plt. Kasi Pemberdayaan Masyarakat'],
    ]);
    expect(blocks[1]!.above).toEqual(['Candipuro, 28 Juni 2024', 'Plt. Kasi Pemberdayaan Masyarakat']);
  });

  it('skips a rank line and OCR noise from the signature between name and NIP', () => {
    const lines = [
      line('Sumbersuko, 31 Maret 2022', { page: 2, x: 360, y: 500 }),
      line('Kasi Pemberdayaan Masyarakat', { page: 2, x: 355, y: 515 }),
      line('~/ .,', { page: 2, x: 380, y: 560 }),
      line('YULI ASTUTIK, S.Pd', { page: 2, x: 370, y: 600 }),
      line('Penata Tk. I', { page: 2, x: 370, y: 615 }),
      line('NIP. 19860913 201202 2 007', { page: 2, x: 360, y: 630 }),
    ];
    const [b] = findSignatureBlocks(lines);
    expect(b).toMatchObject({
      name: 'YULI ASTUTIK, S.Pd',
      title: 'Kasi Pemberdayaan Masyarakat',
      nip: '198609132012022007',
    });
  });

  it('takes the nearest name-like line even when a scribble line sits below the title', () => {
    const lines = [
      line('Camat Senduro', { page: 8, x: 150, y: 390 }),
      line('Ae', { page: 8, x: 160, y: 430 }),
      line('ACHMAD FAUZI, S.Sos', { page: 8, x: 125, y: 473 }),
      line('NIP. 19670804 199504 1 003', { page: 8, x: 113, y: 487 }),
    ];
    expect(findSignatureBlocks(lines)[0]).toMatchObject({ name: 'ACHMAD FAUZI, S.Sos', title: 'Camat Senduro' });
  });

  it('joins a title printed over two lines', () => {
    const lines = [
      line('Kepala Seksi', { page: 3, x: 350, y: 100 }),
      line('Pemberdayaan Masyarakat', { page: 3, x: 350, y: 115 }),
      line('Kecamatan Candipuro', { page: 3, x: 350, y: 130 }),
      line('ARIF SUWARKO', { page: 3, x: 350, y: 200 }),
      line('NIP. 19660702 200701 1 001', { page: 3, x: 350, y: 215 }),
    ];
    expect(findSignatureBlocks(lines)[0]!.title).toBe('Kepala Seksi Pemberdayaan Masyarakat');
  });

  it('puts a lone Plt. line in front of the title', () => {
    const lines = [
      line('Plt.', { page: 3, x: 350, y: 100 }),
      line('Camat Candipuro', { page: 3, x: 350, y: 115 }),
      line('AKHMAD KHARIRI, SH', { page: 3, x: 350, y: 200 }),
      line('NIP. 19720818 199403 1 009', { page: 3, x: 350, y: 215 }),
    ];
    expect(findSignatureBlocks(lines)[0]!.title).toBe('Plt. Camat Candipuro');
  });

  it('falls back to the nearest non-dateline line when no line names a position', () => {
    const lines = [
      line('Mengetahui', { page: 3, x: 350, y: 85 }),
      line('ATASAN LANGSUNG', { page: 3, x: 350, y: 100 }),
      line('AKHMAD KHARIRI, SH', { page: 3, x: 350, y: 180 }),
      line('NIP. 19720818 199403 1 009', { page: 3, x: 350, y: 195 }),
    ];
    expect(findSignatureBlocks(lines)[0]!.title).toBe('ATASAN LANGSUNG');
  });

  it("never takes a place or a party alone for a title (a Perjanjian Kinerja's `PROVINSI JAWA BARAT,`)", () => {
    const lines = [
      line('PIHAK KEDUA,', { page: 3, x: 350, y: 85 }),
      line('PROVINSI JAWA BARAT,', { page: 3, x: 350, y: 100 }),
      line('AHMAD HERYAWAN', { page: 3, x: 350, y: 180 }),
      line('NIP. 19720818 199403 1 009', { page: 3, x: 350, y: 195 }),
    ];
    expect(findSignatureBlocks(lines)[0]).toMatchObject({ name: 'AHMAD HERYAWAN', title: null });
    const gubernur = [line('GUBERNUR JAWA BARAT,', { page: 3, x: 350, y: 100 }), ...lines.slice(2)];
    expect(findSignatureBlocks(gubernur)[0]!.title).toBe('GUBERNUR JAWA BARAT');
  });

  it('takes no label of a biodata form for a name or a title', () => {
    const lines = [
      line('No. Telpon No. Telpon', { page: 3, x: 350, y: 150 }),
      line('Alamat Alamat', { page: 3, x: 350, y: 165 }),
      line('NIP. 19641105 199308 1 001', { page: 3, x: 350, y: 195 }),
    ];
    expect(findSignatureBlocks(lines)[0]).toMatchObject({ name: '', title: null });
  });

  it('reads a NIP whose label a stamp turned into a mark (`“19850909 201201 1 019`), not other digits', () => {
    const lines = [
      line('Camat Mangaran', { page: 10, x: 150, y: 466 }),
      line('H. MUHAMMAD HASYIM, S.Sos', { page: 10, x: 120, y: 545 }),
      line('“19850909 201201 1 019', { page: 10, x: 142, y: 562 }),
      line('Jumlah 12345678 123456 7 890 orang', { page: 10, x: 142, y: 600 }),
    ];
    expect(findSignatureBlocks(lines).map(({ name, nip, title }) => ({ name, nip, title }))).toEqual([
      { name: 'H. MUHAMMAD HASYIM, S.Sos', nip: '198509092012011019', title: 'Camat Mangaran' },
    ]);
  });

  it('reads a NIP whose label lost a letter or ran into the digits (`NP 1990…`, `HP-1970…`), not a word starting NP', () => {
    const lines = [
      line('Plt. Camat Dringu', { page: 10, x: 150, y: 400 }),
      line('Ir. HADI PURNOMO, S.H., M.H.', { page: 10, x: 120, y: 430 }),
      line('NP 19900828 201109 1 023', { page: 10, x: 120, y: 445 }),
      line('NPWP 12345678 123456 7 890', { page: 10, x: 120, y: 600 }),
      line('Hj. FITRIA NINGSIH, S.Kom', { page: 10, x: 120, y: 700 }),
      line('HP-19700319 199109 2 014', { page: 10, x: 120, y: 715 }),
    ];
    expect(findSignatureBlocks(lines).map(({ name, nip }) => ({ name, nip }))).toEqual([
      { name: 'Ir. HADI PURNOMO, S.H., M.H.', nip: '199008282011091023' },
      { name: 'Hj. FITRIA NINGSIH, S.Kom', nip: '197003191991092014' },
    ]);
  });

  it('reads a block whose NIP label has its I read as a digit (`N1P.`), beside another block', () => {
    // the camat's block on the left, the unit head's on the right, on the same lines
    const lines = [
      line('Plt. Camat Klabang', { page: 10, x: 145, y: 350 }),
      line('H. ENDANG SUSILOWATI, S.H., M.H.', { page: 10, x: 106, y: 422 }),
      line('N1P. 19850506 201801 2 009', { page: 10, x: 128, y: 431 }),
    ];
    expect(findSignatureBlocks(lines).map(({ name, nip, title }) => ({ name, nip, title }))).toEqual([
      { name: 'H. ENDANG SUSILOWATI, S.H., M.H.', nip: '198505062018012009', title: 'Plt. Camat Klabang' },
    ]);
  });

  it('gives a null title and empty name when the block has only a NIP', () => {
    const [b] = findSignatureBlocks([line('NIP. 19720818 199403 1 009', { page: 3, x: 350, y: 195 })]);
    expect(b).toMatchObject({ name: '', title: null, nip: '197208181994031009' });
  });

  it('does not take a paragraph or a line of another page into the block', () => {
    const lines = [
      line('Kasi Pemberdayaan Masyarakat', { page: 1, x: 350, y: 700 }),
      ...block(
        wrap(
          'Adapun capaian kinerja Kasi Pemberdayaan Masyarakat Kecamatan Candipuro Kabupaten Lumajang dinilai Berhasil dengan capaian kinerja sebesar 42,38%.',
        ),
        { page: 2, y: 100 },
      ),
      line('ARIF SUWARKO', { page: 2, x: 350, y: 200 }),
      line('NIP. 19660702 200701 1 001', { page: 2, x: 350, y: 215 }),
    ];
    const [b] = findSignatureBlocks(lines);
    expect(b).toMatchObject({ name: 'ARIF SUWARKO', title: null });
    expect(b!.above).toEqual([]);
  });

  it('stops at a long vertical gap', () => {
    const lines = [
      line('Camat Candipuro', { page: 3, x: 350, y: 100 }),
      line('ARIF SUWARKO', { page: 3, x: 350, y: 400 }),
      line('NIP. 19660702 200701 1 001', { page: 3, x: 350, y: 415 }),
    ];
    expect(findSignatureBlocks(lines)[0]!.title).toBeNull();
  });

  it('marks an invalid NIP', () => {
    const lines = [
      line('Camat Candipuro', { page: 3, x: 350, y: 100 }),
      line('AKHMAD KHARIRI, SH', { page: 3, x: 350, y: 180 }),
      line('NIP. 19721318 199403 1 009', { page: 3, x: 350, y: 195 }),
    ];
    expect(findSignatureBlocks(lines)[0]).toMatchObject({ nipValid: false, nip: '197213181994031009' });
  });
});

describe('findSignatories', () => {
  it('keeps each NIP once, in document order', () => {
    expect(findSignatories([...kataPengantarPage(), ...closingPage()])).toEqual([ARIF, AKHMAD]);
  });

  it('fills a missing title from a later block of the same person', () => {
    const lines = [
      line('ARIF SUWARKO', { page: 2, x: 350, y: 200 }),
      line('NIP. 19660702 200701 1 001', { page: 2, x: 350, y: 215 }),
      ...closingPage(),
    ];
    expect(findSignatories(lines)).toEqual([ARIF, AKHMAD]);
  });

  it('finds none in a document without NIP lines', () => {
    expect(
      findSignatories([
        row(1, 100, [
          [100, 'Mengetahui'],
          [350, 'Camat Candipuro'],
        ]),
      ]),
    ).toEqual([]);
  });
});

describe('normalizeTitle', () => {
  it.each([
    ['Plt.Kasi Pemberdayaan Masyarakat', 'Plt. Kasi Pemberdayaan Masyarakat'],
    ['Plt. Kasi Pemberdayaan Masyarakat', 'Plt. Kasi Pemberdayaan Masyarakat'],
    ['PLT.CAMAT CANDIPURO', 'PLT. CAMAT CANDIPURO'],
    ['Plh.  Sekretaris  Camat', 'Plh. Sekretaris Camat'],
    ['Camat Candipuro', 'Camat Candipuro'],
  ])('%s → %s', (raw, want) => {
    expect(normalizeTitle(raw)).toBe(want);
  });
});
