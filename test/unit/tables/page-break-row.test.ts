/**
 * A table row cut by a page break, as browsers print tall rows: no rule where the page cuts it,
 * the side borders running on to the page's end, and the rest of the row at the top of the next
 * page under a repeated header, or under no header at all.
 */
import { describe, expect, it } from 'vitest';
import { extractTables } from '../../../src/tables/extract-tables.js';
import { groupLines } from '../../../src/model/lines.js';
import type { PageContent, Segment, Word } from '../../../src/model/word.js';

const XS = [50, 80, 250, 350, 450, 520];

/** Rules of a table part: a rule at each `ys`, the columns from the first to `bottom` (past the last rule when cut). */
function part(
  page: number,
  ys: number[],
  bottom = ys[ys.length - 1]!,
  top = ys[0]!,
  headerGaps: [number, number][] = [],
): Segment[] {
  const segs: Segment[] = [];
  for (const [r, y] of ys.entries()) {
    for (const [c, x] of XS.slice(0, -1).entries()) {
      if (!headerGaps.some(([rr, cc]) => rr === r && cc === c))
        segs.push({ page, x0: x, y0: y, x1: XS[c + 1]!, y1: y });
    }
  }
  for (const x of XS) segs.push({ page, x0: x, y0: top, x1: x, y1: bottom });
  return segs;
}

const w = (page: number, text: string, x: number, y: number): Word => ({
  text,
  page,
  bbox: [x, y, x + text.length * 5, y + 9],
  conf: 100,
  source: 'text',
});

/** The header of Tabel 2.5 in two bands (`Pagu` over Anggaran and Realisasi), at `y`; OCR may garble the lower band. */
const header = (page: number, y: number, lower = ['Anggaran', 'Realisasi']): Word[] => [
  w(page, 'No', 55, y + 12),
  w(page, 'Program', 90, y + 12),
  w(page, '/', 130, y + 12),
  w(page, 'Kegiatan', 140, y + 12),
  w(page, 'Pagu', 380, y + 3),
  w(page, lower[0]!, 255, y + 24),
  w(page, lower[1]!, 355, y + 24),
  w(page, 'Capaian', 455, y + 12),
];
// no rule under No, Program and Capaian between the header bands; Anggaran and Realisasi share `Pagu`
const HEADER_GAPS: [number, number][] = [
  [1, 0],
  [1, 1],
  [1, 4],
];

function pages(repeatHeader: boolean): PageContent[] {
  // page 1: caption, header at 700, row 1 starts at 740 and runs into the page's end at 800
  const p1Words = [
    w(1, 'Tabel', 240, 680),
    w(1, '2.5', 270, 680),
    ...header(1, 700),
    w(1, '1', 55, 744),
    w(1, 'Fasilitasi', 85, 744),
    w(1, 'Penyaluran', 85, 756),
    w(1, '27.500.000', 260, 744),
    w(1, '19.937.500', 360, 744),
    w(1, '72,50', 455, 744),
    w(1, '%', 485, 744),
  ];
  const p1: PageContent = {
    page: 1,
    width: 595,
    height: 842,
    mode: 'text',
    words: p1Words,
    segments: part(1, [700, 720, 740], 800, 700, HEADER_GAPS),
  };
  // page 2: (repeated header,) the rest of row 1, then row 2 and JUMLAH
  const y0 = repeatHeader ? 90 : 50;
  const p2Words = [
    ...(repeatHeader ? header(2, 50) : []),
    w(2, 'Bantuan', 85, y0 + 4),
    w(2, 'Sosial', 125, y0 + 4),
    w(2, '2', 55, y0 + 24),
    w(2, 'Fasilitasi', 85, y0 + 24),
    w(2, 'Keagamaan', 85, y0 + 36),
    w(2, '18.000.000', 260, y0 + 24),
    w(2, '11.340.000', 360, y0 + 24),
    w(2, '63,00', 455, y0 + 24),
    w(2, '%', 485, y0 + 24),
    w(2, 'JUMLAH', 52, y0 + 64),
    w(2, '45.500.000', 260, y0 + 64),
    w(2, '31.277.500', 360, y0 + 64),
    w(2, '68,74', 455, y0 + 64),
    w(2, '%', 485, y0 + 64),
  ];
  const p2Segs = repeatHeader
    ? part(2, [50, 70, 90, 110, 150, 170], 170, 50, HEADER_GAPS)
    : part(2, [50, 70, 110, 130]);
  const p2: PageContent = { page: 2, width: 595, height: 842, mode: 'text', words: p2Words, segments: p2Segs };
  return [p1, p2];
}

describe('a row cut by a page break', () => {
  for (const repeatHeader of [true, false]) {
    it(`is read whole, its rest ${repeatHeader ? 'under the repeated header' : 'opening the next page'}`, () => {
      const ps = pages(repeatHeader);
      const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
      const rows = tables['2.5'].map((r) => [
        r.no,
        r.fields.uraian?.value,
        r.fields.pagu?.value,
        r.fields.realisasi?.value,
        r.fields.capaian?.value,
      ]);
      expect(rows).toEqual([
        ['1', 'Fasilitasi Penyaluran Bantuan Sosial', 27_500_000, 19_937_500, 72.5],
        ['2', 'Fasilitasi Keagamaan', 18_000_000, 11_340_000, 63],
        ['JUMLAH', 'JUMLAH', 45_500_000, 31_277_500, 68.74],
      ]);
      // the row's evidence stays on the page where its numbers are
      expect(tables['2.5'][0]!.fields.pagu!.page).toBe(1);
    });
  }

  it('goes on under its repeated header when OCR garbled a label of it past recognition', () => {
    const ps = pages(true);
    ps[1]!.words = [...header(2, 50, ['Angigiaran', 'lealisasi([f0)']), ...ps[1]!.words.filter((x) => x.bbox[1] >= 90)];
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(tables['2.5'].map((r) => [r.no, r.fields.realisasi?.value])).toEqual([
      ['1', 19_937_500],
      ['2', 11_340_000],
      ['JUMLAH', 31_277_500],
    ]);
  });

  it('leaves a table whose borders end at its last rule as it was', () => {
    const ps = pages(true);
    ps[0]!.segments = part(1, [700, 720, 740, 800], 800, 700, HEADER_GAPS);
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(tables['2.5'].map((r) => r.no)).toEqual(['1', '2', 'JUMLAH']);
  });

  it('is read whole when only the rule under its rest is printed on the next page', () => {
    const ps = pages(false);
    // the cut row's rest closes the table: the side borders start at the page's top margin, one rule under it
    ps[1]!.words = [w(2, 'Bantuan', 85, 54), w(2, 'Sosial', 125, 54)];
    ps[1]!.segments = part(2, [70], 70, 40);
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(tables['2.5'].map((r) => [r.no, r.fields.uraian?.value, r.fields.pagu?.value])).toEqual([
      ['1', 'Fasilitasi Penyaluran Bantuan Sosial', 27_500_000],
    ]);
  });
});

describe('a table broken across pages without a repeated header', () => {
  it('goes on when the next page opens with the column-number row only', () => {
    const caption = [w(1, 'Tabel', 240, 680), w(1, '2.5', 270, 680)];
    const p1: PageContent = {
      page: 1,
      width: 595,
      height: 842,
      mode: 'text',
      words: [...caption, ...header(1, 700)],
      segments: part(1, [700, 720, 740], 740, 700, HEADER_GAPS),
    };
    const numbers = ['1', '2', '3', '4', '5'].map((n, c) => w(2, n, XS[c]! + 5, 54));
    const p2: PageContent = {
      page: 2,
      width: 595,
      height: 842,
      mode: 'text',
      segments: part(2, [50, 70, 90]),
      words: [
        ...numbers,
        w(2, '1.1', 52, 74),
        w(2, 'Fasilitasi', 85, 74),
        w(2, '27.500.000', 260, 74),
        w(2, '19.937.500', 360, 74),
        w(2, '72,50', 455, 74),
        w(2, '%', 485, 74),
      ],
    };
    const { tables, missing } = extractTables([p1, p2], groupLines([...p1.words, ...p2.words]));
    expect(missing).not.toContain('2.5');
    expect(tables['2.5'].map((r) => [r.no, r.fields.pagu?.value, r.fields.capaian?.value])).toEqual([
      ['1.1', 27_500_000, 72.5],
    ]);
  });

  it('takes a lone JUMLAH row merged across No and Uraian on the next page', () => {
    const ps = pages(true);
    // page 1 holds the whole table but its total
    ps[0]!.segments = part(1, [700, 720, 740, 780], 780, 700, HEADER_GAPS);
    ps[1]!.words = [
      w(2, 'JUMLAH', 120, 54),
      w(2, '45.500.000', 260, 54),
      w(2, '31.277.500', 360, 54),
      w(2, '68,74', 455, 54),
      w(2, '%', 485, 54),
    ];
    ps[1]!.segments = part(2, [50, 70]).filter((sg) => !(sg.x0 === 80 && sg.x1 === 80)); // no rule between No and Uraian
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(
      tables['2.5'].map((r) => [r.no, r.fields.pagu?.value, r.fields.realisasi?.value, r.fields.capaian?.value]),
    ).toEqual([
      ['1', 27_500_000, 19_937_500, 72.5],
      ['JUMLAH', 45_500_000, 31_277_500, 68.74],
    ]);
  });
});

describe('a captioned table whose header OCR garbled', () => {
  const table = (realisasiLabel: string, columns = XS): PageContent => {
    const words = [
      w(1, 'Tabel', 240, 680),
      w(1, '2.5', 270, 680),
      ...header(1, 700).map((x) => (x.text === 'Realisasi' ? { ...x, text: realisasiLabel } : x)),
      w(1, '1.1', 52, 744),
      w(1, 'Fasilitasi', 85, 744),
      w(1, '27.500.000', 260, 744),
      w(1, '19.937.500', 360, 744),
      w(1, '72,50', 455, 744),
      w(1, '%', 485, 744),
    ];
    const segs = part(1, [700, 720, 740, 780], 780, 700, HEADER_GAPS).filter(
      (sg) => columns.includes(sg.x0) || sg.y0 === sg.y1,
    );
    return { page: 1, width: 595, height: 842, mode: 'text', words, segments: segs };
  };

  it('takes the standard columns when the rest of the header sits where the standard puts it', () => {
    const p = table('Th'); // `Realisasi (Rp)` read `Th`
    const { tables, missing } = extractTables([p], groupLines(p.words));
    expect(missing).not.toContain('2.5');
    expect(
      tables['2.5'].map((r) => [r.no, r.fields.pagu?.value, r.fields.realisasi?.value, r.fields.capaian?.value]),
    ).toEqual([['1.1', 27_500_000, 19_937_500, 72.5]]);
  });

  it('does not force the standard on a grid with another number of columns', () => {
    const p = table(
      'Th',
      XS.filter((x) => x !== 350),
    ); // four columns: not the template's five
    const { missing } = extractTables([p], groupLines(p.words));
    expect(missing).toContain('2.5');
  });
});

describe('a continuation on a page that sits elsewhere on the scanner glass', () => {
  it('takes a lone JUMLAH row whose edges are shifted with its whole page', () => {
    const ps = pages(true);
    ps[0]!.segments = part(1, [700, 720, 740, 780], 780, 700, HEADER_GAPS);
    const dx = 9; // the second page scanned 9 pt to the right
    ps[1]!.words = [
      w(2, 'JUMLAH', 120 + dx, 54),
      w(2, '45.500.000', 260 + dx, 54),
      w(2, '31.277.500', 360 + dx, 54),
      w(2, '68,74', 455 + dx, 54),
      w(2, '%', 485 + dx, 54),
    ];
    ps[1]!.segments = part(2, [50, 70])
      .filter((sg) => !(sg.x0 === 80 && sg.x1 === 80))
      .map((sg) => ({ ...sg, x0: sg.x0 + dx, x1: sg.x1 + dx }));
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(tables['2.5'].map((r) => [r.no, r.fields.pagu?.value, r.fields.capaian?.value])).toEqual([
      ['1', 27_500_000, 72.5],
      ['JUMLAH', 45_500_000, 68.74],
    ]);
  });
});

describe('a header the page break cut (issue 10)', () => {
  /** rules at `ys` across the table, and a column rule at each of `xs` from the first to the last */
  const rules = (page: number, ys: number[], xs: number[]): Segment[] => [
    ...ys.map((y) => ({ page, x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y })),
    ...xs.map((x) => ({ page, x0: x, y0: ys[0]!, x1: x, y1: ys[ys.length - 1]! })),
  ];
  // page 1 ends on the header's first band: `Pagu` spans the columns Anggaran and Realisasi
  /** an A4 page of the text layer */
  const a4 = (page: number, words: Word[], segments: Segment[]): PageContent => ({
    page,
    width: 595,
    height: 842,
    mode: 'text',
    words,
    segments,
  });
  const p1 = a4(
    1,
    [
      w(1, 'Tabel', 240, 680),
      w(1, '2.5', 270, 680),
      w(1, 'No', 55, 705),
      w(1, 'Program', 90, 705),
      w(1, '/', 130, 705),
      w(1, 'Kegiatan', 140, 705),
      w(1, 'Pagu', 380, 705),
      w(1, 'Capaian', 455, 705),
    ],
    rules(1, [700, 720], [50, 80, 250, 450, 520]),
  );
  const p2 = a4(
    2,
    [
      w(2, 'Anggaran', 255, 54),
      w(2, 'Realisasi', 355, 54),
      w(2, '1', 55, 74),
      w(2, 'Fasilitasi', 85, 74),
      w(2, 'Keagamaan', 85, 86),
      w(2, '18.000.000', 260, 74),
      w(2, '11.340.000', 360, 74),
      w(2, '63,00', 455, 74),
      w(2, '%', 485, 74),
      w(2, 'JUMLAH', 52, 114),
      w(2, '18.000.000', 260, 114),
      w(2, '11.340.000', 360, 114),
      w(2, '63,00', 455, 114),
      w(2, '%', 485, 114),
    ],
    rules(2, [50, 70, 110, 130], XS),
  );

  it('is joined with its rest on the next page, each column under its own label', () => {
    const ps = [p1, p2];
    const { tables } = extractTables(ps, groupLines(ps.flatMap((p) => p.words)));
    expect(
      tables['2.5'].map((r) => [
        r.no,
        r.fields.uraian?.value,
        r.fields.pagu?.value,
        r.fields.realisasi?.value,
        r.fields.capaian?.value,
      ]),
    ).toEqual([
      ['1', 'Fasilitasi Keagamaan', 18_000_000, 11_340_000, 63],
      ['JUMLAH', 'JUMLAH', 18_000_000, 11_340_000, 63],
    ]);
  });
});
