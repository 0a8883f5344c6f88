import { afterAll, describe, expect, it } from 'vitest';
import { cellCrop, oneLine } from '../../../src/ocr/cell-crop.js';
import { rereadTroubleSpots } from '../../../src/ocr/narrative-rereads.js';
import { OcrPool } from '../../../src/ocr/pool.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import { toWord } from '../../../src/ocr/page-context.js';
import { overlapRatio } from '../../../src/raster/boxes.js';
import { parseNumber } from '../../../src/parse/numbers.js';
import { blankImage } from '../../../src/raster/gray.js';
import type { Word } from '../../../src/model/word.js';
import type { OcrReader, OcrWord } from '../../../src/ocr/pool.js';
import { drawPage } from '../../helpers/draw.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

// `85 %` wrapped in a narrow column, its cell cut out a little wide (as on a skewed scan), so the
// column's right border stays in the crop as a full-height dark line
const wrapped = drawPage({
  widthPt: 100,
  heightPt: 80,
  lines: [
    { x: 20, y: 30, text: '85', size: 10 },
    { x: 22, y: 48, text: '%', size: 10 },
  ],
  ink: [{ x: 62, y: 4, w: 0.8, h: 72, gray: 0 }],
});
const k = wrapped.dpi / 72;

describe('a number wrapped in a narrow cell', () => {
  it('is two text lines even with a border remnant beside it', () => {
    const c = cellCrop(wrapped.image, [6, 6, 70, 74], k)!;
    expect(c.lines).toBe(2);
    expect(c.bands).toHaveLength(2);
    expect(c.bands[0]![1]).toBeLessThan(c.bands[1]![0]);
  });

  it('is set on one line, lines side by side, and reads as one number', async () => {
    const c = cellCrop(wrapped.image, [6, 6, 70, 74], k)!;
    const flat = oneLine(c)!;
    expect(flat).not.toBeNull();
    expect(flat.height).toBeLessThan(0.75 * c.image.height);
    const words = await pools.cells.recognize({
      image: flat,
      psm: '7',
      whitelist: '0123456789.,% ',
      dpi: wrapped.dpi,
      tag: 'test',
    });
    const p = parseNumber(words.map((w) => w.text).join(' '), 'pct');
    expect(p.ok && p.value).toBe(85);
  });

  it('one line stays as it is', () => {
    const single = drawPage({ widthPt: 100, heightPt: 40, lines: [{ x: 20, y: 25, text: '85 %', size: 10 }] });
    const c = cellCrop(single.image, [6, 6, 90, 34], single.dpi / 72)!;
    expect(c.lines).toBe(1);
    expect(oneLine(c)).toBeNull();
  });
});

describe('rereadTroubleSpots', () => {
  it('does not add again the part of a word its spot cut off at the edge', async () => {
    // text the page pass read well, and just left of it ink it left without words: the spot read
    // around that ink reaches into the first word
    const page = drawPage({
      widthPt: 300,
      heightPt: 60,
      lines: [
        { x: 20, y: 30, text: 'XKQZ', size: 11 },
        { x: 62, y: 30, text: 'Sangat Tinggi', size: 11 },
      ],
    });
    const pk = page.dpi / 72;
    const clean = drawPage({ widthPt: 300, heightPt: 60, lines: [{ x: 62, y: 30, text: 'Sangat Tinggi', size: 11 }] });
    const first = (await pools.text.recognize({ image: clean.image, psm: '6', dpi: clean.dpi, tag: 'test' })).map((w) =>
      toWord(w, 1, pk, 0, 0),
    );
    expect(first.map((w) => w.text)).toEqual(['Sangat', 'Tinggi']);
    const out = await rereadTroubleSpots({ page: 1, dpi: page.dpi, k: pk, pools }, page.image, first);
    const sangat = first[0]!;
    // the words the page pass read stay, once each; nothing new lies over them
    expect(out.filter((w) => w.text === 'Sangat')).toHaveLength(1);
    expect(out.filter((w) => w !== sangat && overlapRatio(w.bbox, sangat.bbox) > 0.3)).toEqual([]);
  });

  // scripted: the spot's reading is what the test says; the page is blank, so the doubtful word
  // alone makes the spot
  const sk = 300 / 72;
  const doubtful = (text: string): Word => ({ text, page: 1, bbox: [60, 100, 90, 110], conf: 48, source: 'ocr' });
  const spotReads = (words: OcrWord[]): OcrReader => ({ size: 1, recognize: async () => words });
  const none: OcrReader = { size: 1, recognize: async () => [] };
  const run = (old: Word, fresh: OcrWord[]) =>
    rereadTroubleSpots(
      { page: 1, dpi: 300, k: sk, pools: { page: none, text: spotReads(fresh), cells: none } },
      blankImage(Math.ceil(300 * sk), Math.ceil(200 * sk)),
      [old],
    );
  // the spot's crop starts 0.12 in left of and 0.06 in above the word: the word lies at x 36–161 px in it
  it('keeps a doubtful figure that the spot reads as something much narrower', async () => {
    const out = await run(doubtful('29,54.'), [{ text: '1', bbox: [2, 2, 12, 40], conf: 78 }]);
    expect(out.map((w) => w.text)).toContain('29,54.');
  });
  it('replaces a doubtful word by a surer reading of the same place', async () => {
    const out = await run(doubtful('29,54.'), [{ text: '29,5%.', bbox: [36, 18, 160, 60], conf: 85 }]);
    expect(out.map((w) => w.text)).toEqual(['29,5%.']);
    const name = await run(doubtful('HADl'), [{ text: 'HADI', bbox: [36, 18, 160, 60], conf: 85 }]);
    expect(name.map((w) => w.text)).toEqual(['HADI']);
  });
});
