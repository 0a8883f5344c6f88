import { describe, expect, it } from 'vitest';
import { findGrids } from '../../../src/tables/grid.js';
import { headerBandCount, columnLabels, dataRows, isNumberingBand, labelWithGarble } from '../../../src/tables/rows.js';
import { mapColumns } from '../../../src/tables/columns.js';
import type { BBox, Segment, Word } from '../../../src/model/word.js';

/** Ruling lines of a table: full rules at `ys`, column rules at `xs`, minus the given gaps. */
function rules(xs: number[], ys: number[], skipV: [number, number][] = [], skipH: [number, number][] = []): Segment[] {
  const segs: Segment[] = [];
  for (const [r, y] of ys.entries()) {
    for (const [c, x] of xs.slice(0, -1).entries()) {
      if (!skipH.some(([rr, cc]) => rr === r && cc === c)) segs.push({ page: 1, x0: x, y0: y, x1: xs[c + 1]!, y1: y });
    }
  }
  for (const [c, x] of xs.entries()) {
    for (const [r, y] of ys.slice(0, -1).entries()) {
      if (!skipV.some(([cc, rr]) => cc === c && rr === r)) segs.push({ page: 1, x0: x, y0: y, x1: x, y1: ys[r + 1]! });
    }
  }
  return segs;
}

function word(text: string, x: number, y: number): Word {
  return { text, page: 1, bbox: [x, y, x + text.length * 5, y + 10], conf: 100, source: 'text' };
}

/** Tabel 2.4's two-level header as column labels: Anggaran{Pagu, Realisasi, Capaian} / Kinerja{T, R, Capaian}. */
const LABELS_24 = [
  'No',
  'Sasaran / Kegiatan',
  'Indikator Kinerja',
  'Anggaran Pagu',
  'Anggaran Realisasi',
  'Anggaran Capaian (%)',
  'Kinerja T',
  'Kinerja R',
  'Kinerja Capaian (%)',
];

describe('findGrids', () => {
  it('rebuilds a bordered table with a two-level header and merged cells', () => {
    // columns: No | Uraian | Pagu | Realisasi ; header: No and Uraian span 2 rows, "Anggaran" spans Pagu+Realisasi
    const xs = [50, 80, 250, 350, 450];
    const ys = [100, 120, 140, 160, 190, 210];
    const segs = rules(
      xs,
      ys,
      [[3, 0]], // no vertical between Pagu and Realisasi in header row 0
      [
        [1, 0],
        [1, 1],
      ], // no horizontal under No and Uraian in the header
    );
    const words = [
      word('No', 55, 115),
      word('Uraian', 100, 115),
      word('Anggaran', 320, 104),
      word('Pagu', 260, 124),
      word('Realisasi', 360, 124),
      word('1', 55, 144),
      word('2', 100, 144),
      word('3', 260, 144),
      word('4', 360, 144),
      word('1.1', 55, 164),
      word('Koordinasi', 90, 164),
      word('Kegiatan', 90, 176),
      word('48.320.000,00', 260, 164),
      word('9.420.000,00', 360, 164),
      word('JUMLAH', 55, 194),
      word('16.320.000,00', 360, 194),
    ];
    const [grid] = findGrids(1, segs, words);
    expect(grid).toBeDefined();
    expect(grid!.xs).toHaveLength(5);
    expect(grid!.ys).toHaveLength(6);
    expect(grid!.at(0, 0)).toBe(grid!.at(1, 0)); // merged No
    expect(grid!.at(0, 2)).toBe(grid!.at(0, 3)); // merged Anggaran
    expect(grid!.at(3, 1).text).toBe('Koordinasi Kegiatan'); // wrapped text joined
    expect(isNumberingBand(grid!, 2)).toBe(true);
    const hb = headerBandCount(grid!);
    expect(hb).toBe(3);
    const labels = columnLabels(grid!, hb);
    expect(labels).toEqual(['No', 'Uraian', 'Anggaran Pagu', 'Anggaran Realisasi']);
    const cols = mapColumns('2.5', labels);
    expect(cols).toEqual(['no', 'uraian', 'pagu', 'realisasi']);
    const rows = dataRows(grid!, hb, cols, null);
    expect(rows.map((r) => r.no)).toEqual(['1.1', 'JUMLAH']);
    expect(rows[0]!.cells.pagu?.text).toBe('48.320.000,00');
    expect(rows[1]!.cells.realisasi?.text).toBe('16.320.000,00');
  });

  it('a 2.5 row whose label did not read is the next program when it names one, else the next kegiatan (issue 10)', () => {
    const xs = [50, 80, 250, 350, 450];
    const ys = [100, 120, 140, 160, 180, 200];
    const ocr = (text: string, x: number, y: number): Word => ({ ...word(text, x, y), source: 'ocr', conf: 90 });
    const body = (label: string, uraian: string[]) => [
      word('No', 55, 104),
      word('Uraian', 100, 104),
      word('Pagu', 260, 104),
      word('Realisasi', 360, 104),
      ocr('1', 55, 124),
      ocr('PROGRAM', 90, 124),
      ocr('PEMBINAAN', 140, 124),
      ocr('20.000.000', 260, 124),
      ocr('10.000.000', 360, 124),
      ocr('1.1', 55, 144),
      ocr('Fasilitasi', 90, 144),
      ocr('20.000.000', 260, 144),
      ocr('10.000.000', 360, 144),
      ...(label ? [ocr(label, 55, 164)] : []),
      ...uraian.map((u, i) => ocr(u, 90 + 60 * i, 164)),
      ocr('45.500.000', 260, 164),
      ocr('27.546.725', 360, 164),
      ocr('2.1', 55, 184),
      ocr('Penyelenggaraan', 90, 184),
      ocr('45.500.000', 260, 184),
      ocr('27.546.725', 360, 184),
    ];
    const cols = ['no', 'uraian', 'pagu', 'realisasi'] as const;
    const labels = (words: Word[]) =>
      dataRows(findGrids(1, rules(xs, ys), words)[0]!, 1, [...cols], null).map((r) => r.no);
    expect(labels(body('', ['PROGRAM', 'PENYELENGGARAAN', 'PEMERINTAHAN']))).toEqual(['1', '1.1', '2', '2.1']);
    expect(labels(body('~', ['PENYELENGGARAAN', 'PEMERINTAHAN', 'DAN', 'PELAYANAN']))).toEqual([
      '1',
      '1.1',
      '2',
      '2.1',
    ]);
    expect(labels(body('', ['Pembinaan', 'Desa']))).toEqual(['1', '1.1', '1.2', '2.1']);
    // a pen ring round the next cell's word reaching into the label cell (`1.2 d`, seed 4252 doc 5)
    expect(labels([...body('1.2', ['Administrasi', 'Keuangan']), ocr('d', 73, 165)])).toEqual([
      '1',
      '1.1',
      '1.2',
      '2.1',
    ]);
    expect(labelWithGarble('1.2 d')).toBe('1.2');
    expect(labelWithGarble('| 3')).toBe('3');
    expect(labelWithGarble('1.2 da')).toBeNull();
    expect(labelWithGarble('1 2')).toBeNull();
    // `1.1` read `11` (its dot lost), then a doubtful `2`: no flat count here, the `2` stays
    const lostDot = body('2', ['PROGRAM', 'PENYELENGGARAAN']).map((w) =>
      w.text === '1.1' ? { ...w, text: '11' } : w.text === '2' ? { ...w, conf: 53 } : w,
    );
    expect(labels(lostDot)).toEqual(['1', '11', '2', '2.1']);
    // a kegiatan right under its program, its `1.1` read `a1` (a rotated scan): the program's first
    // kegiatan, not the next program
    const garbledFirst = body('', ['Pembinaan', 'Desa']).map((w) => (w.text === '1.1' ? { ...w, text: 'a1' } : w));
    expect(labels(garbledFirst)).toEqual(['1', '1.1', '1.2', '2.1']);
    // a kegiatan under a kegiatan keeps counting
    const emptySecond = body('', ['Pembinaan', 'Desa']).map((w) => (w.text === '1.1' ? { ...w, text: '' } : w));
    expect(labels(emptySecond.filter((w) => w.text))).toEqual(['1', '1.1', '1.2', '2.1']);
  });

  it('takes no column edge from a stroke crossing one rule that bounds no cell (a stamp, a tick; issue 10)', () => {
    const xs = [50, 80, 250, 350, 450];
    const ys = [100, 120, 150, 180];
    // a stroke of a stamp's ring: 13 pt down across the rule under the header, inside one column
    const stroke: Segment = { page: 1, x0: 420, y0: 112, x1: 420, y1: 125 };
    const [grid] = findGrids(1, [...rules(xs, ys), stroke], []);
    expect(grid!.xs).toEqual(xs);
    // a rule broken by a dropout still bounds its cells: pieces that together span a row are an edge
    const broken = rules(xs, ys).filter((g) => !(g.x0 === 350 && g.x1 === 350 && g.y0 === 120));
    const pieces: Segment[] = [
      { page: 1, x0: 350, y0: 120, x1: 350, y1: 131 },
      { page: 1, x0: 350, y0: 132, x1: 350, y1: 150 },
    ];
    expect(findGrids(1, [...broken, ...pieces], [])[0]!.xs).toEqual(xs);
  });

  it('ignores boxes too small to be tables and separates two tables on a page', () => {
    const a = rules([50, 80, 200, 300], [100, 120, 140]);
    const b = rules([50, 80, 200, 300], [400, 420, 440]);
    const box = rules([500, 510], [500, 510]);
    const grids = findGrids(1, [...a, ...b, ...box], []);
    expect(grids).toHaveLength(2);
    expect(grids[0]!.bbox[1]).toBe(100);
    expect(grids[1]!.bbox[1]).toBe(400);
  });

  it('maps the 2.4 two-level header Anggaran{Pagu,Realisasi,Capaian} / Kinerja{T,R,Capaian}', () => {
    const labels = LABELS_24;
    expect(mapColumns('2.4', labels)).toEqual([
      'no',
      'sasaran',
      'indikator',
      'pagu',
      'realisasiAnggaran',
      'capaianAnggaran',
      'target',
      'realisasi',
      'capaian',
    ]);
    const flat = [
      'No',
      'Sasaran',
      'Indikator',
      'Pagu',
      'Realisasi',
      'Capaian',
      'Target',
      'Realisasi',
      'Capaian',
      'Ket',
    ];
    expect(mapColumns('2.4', flat)).toEqual([
      'no',
      'sasaran',
      'indikator',
      'pagu',
      'realisasiAnggaran',
      'capaianAnggaran',
      'target',
      'realisasi',
      'capaian',
      'keterangan',
    ]);
  });

  it('maps the 2.4 group words with an OCR slip (`Kineria` over `Tr`, issue 10)', () => {
    const labels = [...LABELS_24.slice(0, 6), 'Kineria Tr', 'Kineria R', 'Kineria Capaian (%)'];
    expect(mapColumns('2.4', labels).slice(6)).toEqual(['target', 'realisasi', 'capaian']);
    // `T` read `1` and `R` read `RR` under `Kinerja`: the group's three columns, in their order
    const garbled = [...LABELS_24.slice(0, 6), 'Kinerja 1', 'Kinerja RR', 'Kinerja Capaian (%)'];
    expect(mapColumns('2.4', garbled).slice(6)).toEqual(['target', 'realisasi', 'capaian']);
    // a group word split where a letter faded (`Kiner a`), a sub-label too (`Rea isasi`)
    const split = [...LABELS_24.slice(0, 6), 'Kiner a T', 'Kiner a Rea isasi', 'Kiner a Capaian (%)'];
    expect(mapColumns('2.4', split).slice(6)).toEqual(['target', 'realisasi', 'capaian']);
    expect(mapColumns('2.3', ['No', 'Sasaran', 'Indikator', 'Targ et', 'Rea isasi', 'Capaian'])).toEqual([
      'no',
      'sasaran',
      'indikator',
      'target',
      'realisasi',
      'capaian',
    ]);
    // `T` read `r` beside `R`: two realisasi under the group, so its order decides (seed 100788 doc 1
    // had taken the target's 100 % for the realisasi and raised a false R6)
    const twice = [...LABELS_24.slice(0, 6), 'Kinerja r', 'Kinerja R', 'Kinerja Capaian (%)'];
    expect(mapColumns('2.4', twice).slice(6)).toEqual(['target', 'realisasi', 'capaian']);
    // a group of another width is not guessed
    expect(mapColumns('2.4', [...LABELS_24.slice(0, 6), 'Kinerja 1', 'Kinerja Capaian (%)'])[6]).toBeNull();
  });

  it('infers a header OCR garbled from the columns around it', () => {
    const labels = ['No', 'Sasaran Kegiatan', 'Indikator Kinerja', 'Target', 'Daalicaci', 'Capaian (%)', 'Ket'];
    expect(mapColumns('2.3', labels)).toEqual([
      'no',
      'sasaran',
      'indikator',
      'target',
      'realisasi',
      'capaian',
      'keterangan',
    ]);
    // two unknown columns side by side: no guess
    expect(mapColumns('2.3', ['No', 'Sasaran', 'Indikator', 'Tgr', 'Rlsi', 'Capaian'])).toEqual([
      'no',
      'sasaran',
      'indikator',
      null,
      null,
      'capaian',
    ]);
  });

  it('maps header words OCR garbled a letter or two off a synonym, with the column-number row merged in (240 DPI scan)', () => {
    const labels = [
      '\\o -',
      'Sasaran Kegjia‘zan 2',
      'ndlicafor Kiner a 3',
      'Targeit a',
      'flealisasi 5',
      '% (Caonaian 6',
      'Cel: /)',
    ];
    expect(mapColumns('2.3', labels).slice(1, 6)).toEqual(['sasaran', 'indikator', 'target', 'realisasi', 'capaian']);
  });

  it('leaves out a column rule OCR read as `|`, so a label `2 | |` stays row 2 (1-bit scan, issue 10)', () => {
    const xs = [50, 80, 250, 350];
    const ys = [100, 120, 150, 180, 210];
    const ocr = (text: string, x0: number, y: number, x1 = x0 + text.length * 5): Word => ({
      text,
      page: 1,
      bbox: [x0, y, x1, y + 10],
      conf: 90,
      source: 'ocr',
    });
    const words = [
      ocr('No', 55, 105),
      ocr('Uraian', 100, 105),
      ocr('Target', 260, 105),
      ocr('1', 55, 130),
      ocr('|', 78.9, 130, 79.1), // the rule at x 80, read as a word
      ocr('Satu', 100, 130),
      ocr('100%', 260, 130),
      ocr('2', 55, 160),
      ocr('|', 77.5, 160, 79.5),
      ocr('|', 78.9, 170, 79.1),
      ocr('Dua', 100, 160),
      ocr('16', 260, 160),
      ocr('3', 55, 190),
      ocr('Tiga', 100, 190),
      ocr('|', 150, 190, 151), // a `|` in the middle of a cell is text, not the rule
      ocr('50%', 260, 190),
    ];
    const [grid] = findGrids(1, rules(xs, ys), words);
    expect(grid!.at(2, 0).text).toBe('2');
    expect(grid!.at(3, 1).text).toContain('|');
    const hb = headerBandCount(grid!);
    const rows = dataRows(grid!, hb, mapColumns('2.3', columnLabels(grid!, hb)), null);
    expect(rows.map((r) => r.no)).toEqual(['1', '2', '3']);
    expect(rows[1]!.cells.target?.text).toBe('16');
  });
});

describe('repairKegiatanLabels', () => {
  it('restores the dot OCR lost in kegiatan labels that continue the numbering', async () => {
    const { repairKegiatanLabels } = await import('../../../src/tables/extract-tables.js');
    const rows = ['1', '11', '12', '2', '2.1', '22', 'JUMLAH'].map((no) => ({
      no,
      page: 1,
      bbox: [0, 0, 1, 1] as BBox,
      cells: {},
    }));
    repairKegiatanLabels(rows);
    expect(rows.map((r) => r.no)).toEqual(['1', '1.1', '1.2', '2', '2.1', '2.2', 'JUMLAH']);
    const programs = ['1', '2', '10', '11'].map((no) => ({ no, page: 1, bbox: [0, 0, 1, 1] as BBox, cells: {} }));
    repairKegiatanLabels(programs);
    expect(programs.map((r) => r.no)).toEqual(['1', '2', '10', '11']);
  });

  it('turns a program label between the kegiatan of another program into the kegiatan it stands for', async () => {
    const { repairKegiatanLabels } = await import('../../../src/tables/extract-tables.js');
    const rows = (labels: string[]) => labels.map((no) => ({ no, page: 1, bbox: [0, 0, 1, 1] as BBox, cells: {} }));
    const misread = rows(['1', '2', '1.2', 'JUMLAH']); // `1.1` read as `2`
    repairKegiatanLabels(misread);
    expect(misread.map((r) => r.no)).toEqual(['1', '1.1', '1.2', 'JUMLAH']);
    const later = rows(['1', '1.1', '1.2', '7', '1.4']);
    repairKegiatanLabels(later);
    expect(later.map((r) => r.no)).toEqual(['1', '1.1', '1.2', '1.3', '1.4']);
    // real programs, each followed by its own kegiatan, stay
    const real = rows(['1', '1.1', '2', '2.1', '2.2', '3']);
    repairKegiatanLabels(real);
    expect(real.map((r) => r.no)).toEqual(['1', '1.1', '2', '2.1', '2.2', '3']);
  });
});

describe('repairKegiatanLabels: a program label its first kegiatan names', () => {
  it('reads an OCR program label above `P.1` as `P` when it follows the row before, and leaves text-layer labels alone', async () => {
    const { repairKegiatanLabels } = await import('../../../src/tables/extract-tables.js');
    const rows = (labels: string[], labelFromOcr = true) =>
      labels.map((no) => ({ no, page: 1, bbox: [0, 0, 1, 1] as BBox, cells: {}, labelFromOcr }));
    // `1` with a pen circle's stroke beside it read `14` (a marks scan)
    const marked = rows(['14', '1.1', '2', '2.1', 'JUMLAH']);
    repairKegiatanLabels(marked);
    expect(marked.map((r) => r.no)).toEqual(['1', '1.1', '2', '2.1', 'JUMLAH']);
    const later = rows(['1', '1.1', '8', '2.1', '2.2']);
    repairKegiatanLabels(later);
    expect(later.map((r) => r.no)).toEqual(['1', '1.1', '2', '2.1', '2.2']);
    // out of step with the row before: no place to put it back in, so it stays for X1
    const lost = rows(['1', '5', '3.1']);
    repairKegiatanLabels(lost);
    expect(lost.map((r) => r.no)).toEqual(['1', '5', '3.1']);
    // a text layer prints what it prints: a wrong label there is the document's
    const printed = rows(['14', '1.1', '2'], false);
    repairKegiatanLabels(printed);
    expect(printed.map((r) => r.no)).toEqual(['14', '1.1', '2']);
  });
});

describe('regroupMoney (a separator OCR put inside a group of rupiah)', () => {
  it('regroups the digits when no group grew, else gives no reading', async () => {
    const { regroupMoney } = await import('../../../src/tables/records.js');
    expect(regroupMoney('[9 1.57.050.000')).toEqual({ value: 157_050_000, decimals: 0 });
    expect(regroupMoney('Rp 24.09.0707,00')).toBeNull(); // a group of four: a digit too many
    expect(regroupMoney('Rp 4.02.4.772,00')).toEqual({ value: 4_024_772, decimals: 2 });
    expect(regroupMoney('Ro 105.947.0312')).toBeNull();
    expect(regroupMoney('12')).toBeNull();
  });
});

describe('repairDigits (OCR confusions where a number is expected)', () => {
  it('turns look-alike letters into digits inside numbers only', async () => {
    const { repairDigits } = await import('../../../src/tables/records.js');
    expect(repairDigits('48.32O.OOO,OO')).toBe('48.320.000,00');
    expect(repairDigits('Rp 9.42l.S00')).toBe('Rp 9.421.500');
    expect(repairDigits('33,3S%')).toBe('33,35%');
    expect(repairDigits('12 Kegiatan')).toBe('12 Kegiatan');
    expect(repairDigits('Sangat')).toBe('Sangat');
    expect(repairDigits('17.980.000.00')).toBe('17.980.000,00');
    expect(repairDigits('21.600.000.,00')).toBe('21.600.000,00');
    expect(repairDigits('634..600.000,00')).toBe('634.600.000,00');
    expect(repairDigits('24,.000.000')).toBe('24.000.000');
    expect(repairDigits('Rp 1.,250.000.000,00')).toBe('Rp 1.250.000.000,00');
    expect(repairDigits('1,,231,790,000')).toBe('1,231,790,000');
    expect(repairDigits('96.67%')).toBe('96.67%');
  });
});

describe('row labels read by OCR', () => {
  it('reads a first label `I` followed by 2 as 1, and leaves Roman numbering alone', async () => {
    const { repairFirstLabel } = await import('../../../src/tables/extract-tables.js');
    const rows = (labels: string[]) => labels.map((no) => ({ no, page: 1, bbox: [0, 0, 1, 1] as BBox, cells: {} }));
    const serif = rows(['I', '2', 'JUMLAH']);
    repairFirstLabel(serif);
    expect(serif.map((r) => r.no)).toEqual(['1', '2', 'JUMLAH']);
    const roman = rows(['I', 'II', 'III']);
    repairFirstLabel(roman);
    expect(roman.map((r) => r.no)).toEqual(['I', 'II', 'III']);
  });

  it('puts an OCR label that breaks the count 1, 2, 3 back in its place (a 2 read as 7 on a 1-bit scan)', async () => {
    const { repairLabelCount } = await import('../../../src/tables/extract-tables.js');
    const rows = (labels: string[], labelFromOcr = true) =>
      labels.map((no) => ({ no, page: 1, bbox: [0, 0, 1, 1] as BBox, cells: {}, labelFromOcr }));
    const last = rows(['1', '7']);
    repairLabelCount(last);
    expect(last.map((r) => r.no)).toEqual(['1', '2']);
    const middle = rows(['1', '7', '3', '4']);
    repairLabelCount(middle);
    expect(middle.map((r) => r.no)).toEqual(['1', '2', '3', '4']);
    // a gap the next label does not close stays (a lost row is not hidden), and a text layer's labels are as printed
    const gap = rows(['1', '3', '5']);
    repairLabelCount(gap);
    expect(gap.map((r) => r.no)).toEqual(['1', '3', '5']);
    const printed = rows(['1', '7'], false);
    repairLabelCount(printed);
    expect(printed.map((r) => r.no)).toEqual(['1', '7']);
  });

  it('mends JUMLAH and TOTAL slips but nothing else', async () => {
    const { normalizeLabel, isRowLabel } = await import('../../../src/tables/rows.js');
    expect(normalizeLabel('JUMLAN')).toBe('JUMLAH');
    expect(normalizeLabel('Jumiah')).toBe('JUMLAH');
    expect(normalizeLabel('TOTA1')).toBe('TOTAL');
    expect(normalizeLabel('J/UMLAH')).toBe('JUMLAH'); // the merged cell's rule read as a mark
    expect(normalizeLabel('Jumlah')).toBe('Jumlah');
    expect(isRowLabel('J/UMLAH')).toBe(true);
    expect(normalizeLabel('1.1')).toBe('1.1');
    expect(normalizeLabel('Sasaran')).toBe('Sasaran');
    expect(isRowLabel('JUMLAN')).toBe(true);
  });
});

describe('header and first data row when OCR garbled the first label', () => {
  // Tabel 2.3 without a column-number row: No | Sasaran | Indikator | Target | Realisasi | Capaian
  const xs = [50, 70, 170, 270, 320, 370, 420];
  const ys = [100, 120, 160, 200, 240];
  const ocr = (text: string, x: number, y: number): Word => ({ ...word(text, x, y), source: 'ocr', conf: 90 });
  const header = [
    ocr('No', 52, 105),
    ocr('Sasaran', 75, 105),
    ocr('Indikator', 175, 105),
    ocr('Target', 275, 105),
    ocr('Realisasi', 322, 105),
    ocr('Capaian', 372, 105),
  ];
  const row = (label: string, y: number, target: string) => [
    ...(label ? [ocr(label, 55, y)] : []),
    ocr('Meningkatnya', 75, y),
    ocr('Persentase', 175, y),
    ocr(target, 275, y),
    ocr('72,5', 322, y),
    ocr('72,50', 372, y),
  ];
  const read = (words: Word[]) => {
    const [grid] = findGrids(1, rules(xs, ys), words);
    const hb = headerBandCount(grid!);
    const cols = mapColumns('2.3', columnLabels(grid!, hb));
    return { hb, rows: dataRows(grid!, hb, cols, null).map((r) => r.no) };
  };

  it('keeps row 1 when its label read as a mark (`|` for a thin 1 at 200 DPI)', () => {
    expect(read([...header, ...row('|', 125, '100'), ...row('2', 165, '12'), ...row('3', 205, '100')])).toEqual({
      hb: 1,
      rows: ['1', '2', '3'],
    });
  });

  it('keeps the table when the first two labels were both lost', () => {
    expect(read([...header, ...row('|', 125, '100'), ...row('', 165, '12'), ...row('3', 205, '100')])).toEqual({
      hb: 1,
      rows: ['1', '2', '3'],
    });
  });

  it('does not take the column-number row, its first number garbled, for data', () => {
    const numbering = [
      ocr('|', 55, 125),
      ...['2', '3', '4', 'S', '6'].map((n, i) => ocr(n, [75, 175, 275, 322, 372][i]!, 125)),
    ];
    const [grid] = findGrids(1, rules(xs, ys), [
      ...header,
      ...numbering,
      ...row('1', 165, '100'),
      ...row('2', 205, '12'),
    ]);
    expect(headerBandCount(grid!)).toBe(2);
  });

  it('does not take a header band holding a year for data', () => {
    // a second header band with its own (empty) first cell and the year under Realisasi
    const [grid] = findGrids(1, rules(xs, ys), [
      ...header,
      ocr('TW', 322, 125),
      ocr('2024', 340, 125),
      ...row('1', 165, '100'),
      ...row('2', 205, '12'),
    ]);
    expect(headerBandCount(grid!)).toBe(2);
  });

  it('keeps the last column when the right border was too faint to find: the rules end there (scan at 240 DPI)', () => {
    const xs = [50, 80, 250, 350, 450];
    const ys = [100, 120, 150, 180];
    const segs = rules(xs, ys).filter((s) => !(s.x0 === 450 && s.x1 === 450)); // no right border
    const words = [
      word('No', 55, 104),
      word('Sasaran', 90, 104),
      word('Indikator', 260, 104),
      word('Target', 360, 104),
      word('1', 55, 124),
      word('Meningkatnya', 90, 124),
      word('Persentase', 260, 124),
      word('95 %', 360, 124),
    ];
    const [grid] = findGrids(1, segs, words);
    expect(grid!.xs).toEqual(xs);
    expect(columnLabels(grid!, 1)).toEqual(['No', 'Sasaran', 'Indikator', 'Target']);
    expect(grid!.at(1, 3).text).toBe('95 %');
  });

  it('implies no border where only one rule runs on past the table (a separator line touching it)', () => {
    const xs = [50, 80, 250, 350];
    const segs = [...rules(xs, [100, 120, 150]), { page: 1, x0: 50, y0: 150, x1: 540, y1: 150 }];
    const [grid] = findGrids(1, segs, []);
    expect(grid!.xs).toEqual(xs);
  });
});

describe('the column-number row', () => {
  it('is no data row when its numbers count up under columns they do not line up with (issue 11: `1 2 3 4 5 6` read as row 1, capaian 6)', () => {
    // eight columns; the numbering leaves the Satuan column blank and numbers 1…6 under the rest
    const xs = [50, 70, 170, 270, 300, 340, 380, 420, 470];
    const ys = [100, 120, 140, 160];
    const words = [
      word('No', 52, 104),
      word('Sasaran', 72, 104),
      word('Indikator', 172, 104),
      word('Sat', 272, 104),
      word('Target', 302, 104),
      word('Realisasi', 342, 104),
      word('Capaian', 382, 104),
      word('Ket', 422, 104),
      word('1', 55, 124),
      word('2', 100, 124),
      word('3', 200, 124),
      word('4', 310, 124),
      word('5', 350, 124),
      word('6', 390, 124),
      word('1', 55, 144),
      word('Sasaran', 72, 144),
      word('Indikator', 172, 144),
      word('%', 275, 144),
      word('80', 305, 144),
      word('100', 345, 144),
      word('125', 385, 144),
    ];
    const [grid] = findGrids(1, rules(xs, ys), words);
    expect(isNumberingBand(grid!, 1)).toBe(true);
    const hb = headerBandCount(grid!);
    expect(hb).toBe(2);
    const rows = dataRows(grid!, hb, mapColumns('2.3', columnLabels(grid!, hb)), null);
    expect(rows.map((r) => [r.no, r.cells.capaian?.text])).toEqual([['1', '125']]);
  });

  it('is found when a streaked scan garbled three of its seven figures', () => {
    // No | Sasaran | Indikator | Target | Realisasi | Capaian | Ket, numbered `- 2 3 ad 5 6 /`
    const xs = [50, 70, 170, 270, 310, 350, 390, 420];
    const numbers = ['-', '2', '3', 'ad', '5', '6', '/'];
    const [grid] = findGrids(
      1,
      rules(xs, [100, 120]),
      numbers.map((t, i) => word(t, xs[i]! + 3, 104)),
    );
    expect(isNumberingBand(grid!, 0)).toBe(true);
    // a skewed scan's `1 2 B 4, o 6 /`: a comma read after a figure keeps it in place
    const [skewed] = findGrids(
      1,
      rules(xs, [100, 120]),
      ['1', '2', 'B', '4,', 'o', '6', '/'].map((t, i) => word(t, xs[i]! + 3, 104)),
    );
    expect(isNumberingBand(skewed!, 0)).toBe(true);
    // the same marks over a row whose text columns hold words: data
    const [row] = findGrids(
      1,
      rules(xs, [100, 120]),
      ['1', 'Rapat', 'Desa', 'ad', '5', '6', '/'].map((t, i) => word(t, xs[i]! + 3, 104)),
    );
    expect(isNumberingBand(row!, 0)).toBe(false);
    // a stamp over the `4` read as letters, five figures in place (seed 4244 doc 10)
    const stamped = (texts: string[]) =>
      isNumberingBand(
        findGrids(
          1,
          rules(xs, [100, 120]),
          texts.map((t, i) => word(t, xs[i]! + 3, 104)),
        )[0]!,
        0,
      );
    expect(stamped(['1', '2', '3', 'ANN', '5', '6', '/'])).toBe(true);
    expect(stamped(['1', '2', '3 [£', 'ANN', '5', '6', '/'])).toBe(true);
    // but not with only four in place, nor with two cells of letters
    expect(stamped(['1', '2', '3', 'ANN', 'x', '6', '/'])).toBe(false);
    expect(stamped(['1', '2', '3', 'ANN', '5', '6', 'Ket'])).toBe(false);
  });

  it('is not found in a row of data that happens to hold small numbers', () => {
    const xs = [50, 70, 170, 270, 300, 340];
    const [grid] = findGrids(1, rules(xs, [100, 120]), [
      word('1', 55, 104),
      word('Rapat', 72, 104),
      word('3', 200, 104),
      word('4', 280, 104),
      word('7', 310, 104),
    ]);
    expect(isNumberingBand(grid!, 0)).toBe(false);
  });
});

describe('the total row of Tabel 2.5 by its shape', () => {
  // No | Uraian | Pagu | Realisasi | Capaian, the JUMLAH label printed across No and Uraian
  const xs = [50, 80, 250, 330, 410, 460];
  const ys = [100, 120, 140, 160, 180];
  const ocr = (text: string, x: number, y: number): Word => ({ ...word(text, x, y), source: 'ocr', conf: 60 });
  const words = (total: string, source: 'ocr' | 'text' = 'ocr') => [
    ...['No', 'Program / Kegiatan', 'Pagu', 'Realisasi', 'Capaian'].map((t, i) => ocr(t, xs[i]! + 3, 104)),
    ...['1', 'PROGRAM PENANGGULANGAN BENCANA', '50.050.000,00', '37.391.500,00', '74,71 %'].map((t, i) =>
      ocr(t, xs[i]! + 3, 124),
    ),
    ...['1.1', 'Pembinaan Desa Tangguh Bencana', '50.050.000,00', '37.391.500,00', '74,71 %'].map((t, i) =>
      ocr(t, xs[i]! + 3, 144),
    ),
    { ...ocr(total, 120, 164), source },
    ...['50.050.000,00', '37.391.500,00', '74,71 %'].map((t, i) => ocr(t, xs[i + 2]! + 3, 164)),
  ];
  // the last row's No and Uraian are one merged cell: no rule between them there
  const segs = rules(xs, ys, [[1, 3]]);
  const read = (ws: Word[]) => {
    const [grid] = findGrids(1, segs, ws);
    const cols = mapColumns('2.5', columnLabels(grid!, 1));
    return dataRows(grid!, 1, cols, null).map((r) => r.no);
  };

  it('takes the last band, merged across No and Uraian over amounts, for JUMLAH however OCR garbled it', async () => {
    expect(read(words('JNUMILAIE!'))).toEqual(['1', '1.1', 'JUMLAH']);
    // its uraian is that merged cell: JUMLAH too, not the garbled word
    const { toRecord } = await import('../../../src/tables/records.js');
    const [grid] = findGrids(1, segs, words('[[UIMIILAIKI'));
    const rows = dataRows(grid!, 1, mapColumns('2.5', columnLabels(grid!, 1)), null);
    expect(toRecord('2.5', rows[2]!).fields.uraian?.value).toBe('JUMLAH');
    expect(toRecord('2.5', rows[1]!).fields.uraian?.value).toBe('Pembinaan Desa Tangguh Bencana');
  });

  it('not for a mean row, nor on a text layer', () => {
    expect(read(words('Rata-rata'))).toEqual(['1', '1.1']);
    expect(read(words('Keterangan', 'text'))).toEqual(['1', '1.1']);
  });
});

describe('repairKegiatanLabels: a kegiatan repeating its program number', () => {
  const P1 = 'PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM';
  const P2 = 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA';
  const rows = (labels: [string, string][], labelFromOcr = true) =>
    labels.map(([no, uraian]) => ({
      no,
      page: 1,
      bbox: [0, 0, 1, 1] as BBox,
      labelFromOcr,
      cells: { uraian: { text: uraian, words: [], bbox: [0, 0, 1, 1] as BBox, conf: 90, page: 1 } },
    }));

  it('reads `1`, `12`, `13` under program 1 (dots and a `.1` lost on a blurred scan) as 1.1, 1.2, 1.3', async () => {
    const { repairKegiatanLabels } = await import('../../../src/tables/extract-tables.js');
    const blurred = rows([
      ['1', P1],
      ['1', 'Penyelenggaraan Urusan Ketentraman'],
      ['12', 'Penyelenggaraan Patroli Wilayah'],
      ['13', 'Peningkatan Kapasitas Satuan'],
      ['2', P2],
      ['2', 'Administrasi Keuangan Perangkat Daerah'],
    ]);
    repairKegiatanLabels(blurred);
    expect(blurred.map((r) => r.no)).toEqual(['1', '1.1', '1.2', '1.3', '2', '2.1']);
    // `2.1` read `24` right under program 2
    const garbled = rows([
      ['2', P2],
      ['24', 'Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah'],
    ]);
    repairKegiatanLabels(garbled);
    expect(garbled.map((r) => r.no)).toEqual(['2', '2.1']);
    // `1.4` read `4` after kegiatan 1.3 (a photo's blur took the `1.`); program 2 after 1.3 stays
    const photo = rows([
      ['1', P1],
      ['1.3', 'Pemeliharaan Barang Milik Daerah'],
      ['4', 'Administrasi Kepegawaian Perangkat Daerah'],
      ['2', P2],
      ['2.1', 'Koordinasi'],
    ]);
    repairKegiatanLabels(photo);
    expect(photo.map((r) => r.no)).toEqual(['1', '1.3', '1.4', '2', '2.1']);
  });

  it('leaves two program rows, a repeat under a kegiatan and a text layer as printed', async () => {
    const { repairKegiatanLabels } = await import('../../../src/tables/extract-tables.js');
    const cases: [string, string][][] = [
      [
        ['1', P1],
        ['1', P2],
      ],
      [
        ['1', 'Koordinasi Kegiatan'],
        ['1', 'Administrasi Umum'],
      ],
      [
        ['1', P1],
        ['14', P2],
      ],
      [
        ['1', 'Koordinasi Kegiatan'],
        ['14', 'Administrasi Umum'],
      ],
    ];
    for (const c of cases) {
      const rs = rows(c);
      repairKegiatanLabels(rs);
      expect(rs.map((r) => r.no)).toEqual(c.map(([no]) => no));
    }
    const printed = rows(
      [
        ['1', P1],
        ['1', 'Koordinasi'],
      ],
      false,
    );
    repairKegiatanLabels(printed);
    expect(printed.map((r) => r.no)).toEqual(['1', '1']);
  });
});
