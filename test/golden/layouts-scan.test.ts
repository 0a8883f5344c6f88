/**
 * Scanned variants of the other kabupaten layouts (issue 11): each printed by Chromium, then
 * rasterised and degraded lightly by the fixtures' scanner (test/helpers/kabupaten/scan.ts) and
 * read by OCR. At least 99 % of the cells exact, every meta field, every injected error found
 * (as an error, or `uncertain` where a number it rests on read doubtfully), no false alarm.
 */
import {
  baseSpec,
  FIVE_BANDS,
  highCapaian,
  lowerIsBetter,
  manyIndicators,
  SIX_BANDS,
  threeLevels,
} from '../helpers/kabupaten/base.js';
import { describeScanned } from '../helpers/kabupaten/scan-golden.js';
import type { KabSpec } from '../helpers/kabupaten/spec.js';

const SHAPES: KabSpec[] = [
  baseSpec('scan-bab3-columns', {
    captions: { scheme: 'bab3', placement: 'above', oneLine: true },
    headers: 'variant',
    columns: { satuan: true, keterangan: true },
  }),
  // tables ruled with horizontal lines only make no grid: their cells are read from the page's text
  baseSpec('scan-booktabs', { ruling: 'booktabs' }),
  baseSpec('scan-rows-below', { ruling: 'rows', captions: { scheme: 'flat', placement: 'below', oneLine: false } }),
  baseSpec('scan-english', { style: 'en' }),
  // Roman captions (OCR reads `Tabel III.4` as `Tabel 111.4`), one at a page's foot over a grid on the next
  baseSpec('scan-wide', {
    captions: { scheme: 'roman', placement: 'above', oneLine: false },
    columns: { twoYear: true, numbering: 'paren', sumber: true },
  }),
  // an annual report: chapters before BAB II, other tables, a running header, 2.3 and 2.4 on landscape pages
  baseSpec('scan-annual', {
    captions: { scheme: 'caps', placement: 'above', oneLine: false },
    document: { fillerPages: 4, otherTables: 3, runningHeader: true, landscape: ['2.3', '2.4'] },
  }),
  // fourteen indicators: tables across page breaks, a page that is almost all table (it was turned 90°)
  manyIndicators(
    baseSpec('scan-page-breaks', {
      headers: 'variant',
      columns: { satuan: true, formula: true, numbering: 'plain' },
      document: { runningHeader: true },
    }),
    14,
  ),
  baseSpec('scan-three-levels', {
    headers: 'variant',
    budget: threeLevels(false),
    print: { '2.5/1.1/realisasi': '40850000' },
    expect: [
      { rule: 'R4', table: '2.5', row: '1.1', field: 'realisasi' },
      { rule: 'R3', table: '2.5', row: '1.1', field: 'capaian' },
      { rule: 'R6', table: '2.4', row: '1', field: 'realisasiAnggaran' },
    ],
  }),
  highCapaian(
    baseSpec('scan-six-bands', {
      scale: SIX_BANDS,
      narrative: { kategori: 'Memuaskan' },
      expect: [{ rule: 'R8', table: 'narrative', row: 'kategori', field: 'value' }],
    }),
  ),
  // a lower-is-better indicator by its wording, a capaian above 100 % with a note beside it
  (() => {
    const s = baseSpec('scan-method', {
      columns: { satuan: true },
      captions: { scheme: 'standard', placement: 'above', oneLine: true },
    });
    s.indicators[1] = lowerIsBetter(s.indicators[1]!);
    s.indicators[2] = {
      ...s.indicators[2]!,
      target: 24,
      realisasi: 33,
      pct: false,
      satuan: 'Dokumen',
      capaianNote: '(>100%)',
    };
    return s;
  })(),
  // five bands, a budget of codes, a stated cap of 120 % (137,5 % printed as 120 %)
  (() => {
    const s = baseSpec('scan-codes-cap', {
      headers: 'variant',
      scale: FIVE_BANDS,
      budget: threeLevels(true),
      method: { cap: 120 },
    });
    s.indicators[1] = { ...s.indicators[1]!, target: 24, realisasi: 33 };
    return s;
  })(),
  // a decimal point beside thousands dots, a flattened budget with no JUMLAH whose program prints
  // only its capaian, `NA` and `-` for n/a
  (() => {
    const s = baseSpec('scan-flat-mixed', {
      style: 'mixed',
      budget: {
        jumlah: false,
        rows: [
          {
            ...threeLevels(true).rows[0]!,
            no: '1',
            capaianOnly: true,
            children: baseSpec('x').budget.rows[0]!.children,
          },
        ],
      },
    });
    s.indicators[0] = { ...s.indicators[0]!, realisasi: 'n/a', naText: 'NA' };
    s.indicators[2] = { ...s.indicators[2]!, realisasi: 'n/a', naText: '-' };
    return s;
  })(),
  (() => {
    const s = baseSpec('scan-cells');
    s.indicators[0] = { ...s.indicators[0]!, realisasi: 'n/a' };
    s.indicators[1] = { ...s.indicators[1]!, target: [80, 90], pct: true, realisasi: 85, satuan: '%' };
    return s;
  })(),
];

describeScanned('scanned layouts of other kabupaten', SHAPES, { uncertainFinds: true });
