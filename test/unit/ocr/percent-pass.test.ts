import { describe, expect, it } from 'vitest';
import type { Word } from '../../../src/model/word.js';
import { percentFigure, percentGhost, repairPercents } from '../../../src/ocr/percent-pass.js';
import type { OcrReader } from '../../../src/ocr/pool.js';
import { blankImage } from '../../../src/raster/gray.js';

describe('percentGhost', () => {
  it.each([
    ['42,55', 'Yo', 'next'],
    ['42,55', '96.', 'next'],
    ['29,590.', undefined, 'glued'],
    ['10096', undefined, 'glued'],
    // the `%` read as two digits after a two-decimal figure
    ['61,1526', undefined, 'glued'],
    ['61,1526.', 'dan', 'glued'],
  ] as const)('%s %s → %s', (text, next, want) => {
    expect(percentGhost(text, next)).toBe(want);
  });

  it.each([
    ['42,55%', undefined],
    ['1.500.000', undefined],
    ['1.500', 'orang'],
    ['2024', undefined],
    ['42,55', 'dan'],
    ['61,15267', undefined],
  ] as const)('leaves %s %s alone', (text, next) => {
    expect(percentGhost(text, next)).toBeNull();
  });
});

describe('percentFigure', () => {
  it.each([
    // a ghost, as percentGhost finds it
    ['42,55', 'Yo', 'next'],
    // read with its `%`: read again at full resolution all the same
    ['42,55%', undefined, 'glued'],
    ['100%.', 'dan', 'glued'],
    ['42,55', '%', 'next'],
    ['42,55', '%,', 'next'],
    // the fast model's `%` read as `4`
    ['29,54.', undefined, 'glued'],
    ['1004', undefined, 'glued'],
    ['854', 'dari', 'glued'],
    // or as another mark, glued or apart
    ['76,70»', 'dan', 'glued'],
    ['76,70°.', undefined, 'glued'],
    ['76,70', '»', 'next'],
  ] as const)('%s %s → %s', (text, next, want) => {
    expect(percentFigure(text, next)).toBe(want);
  });

  it.each([
    ['1.500.000', undefined],
    ['2024', undefined],
    ['2024.', 'Dengan'],
    ['12', 'orang'],
    ['61,15267', undefined],
    ['Rp', '1.500'],
  ] as const)('leaves %s %s alone', (text, next) => {
    expect(percentFigure(text, next)).toBeNull();
  });
});

describe('repairPercents', () => {
  const k = 300 / 72;
  const word = (text: string, x0: number, conf = 90): Word => ({
    text,
    page: 1,
    bbox: [x0, 100, x0 + 30, 110],
    conf,
    source: 'ocr',
  });
  /** A reader that answers every request with one fixed reading. */
  const says = (text: string, conf = 90): OcrReader => ({
    size: 1,
    recognize: async () => (text ? [{ text, bbox: [0, 0, 10, 10], conf }] : []),
  });
  const run = (words: Word[], cells: OcrReader, text: OcrReader) =>
    repairPercents(
      { page: 1, dpi: 300, k, pools: { page: says(''), text, cells } },
      blankImage(Math.ceil(300 * k), Math.ceil(200 * k)),
      words,
    );

  it('takes the full-resolution reading of a ghost', async () => {
    const out = await run([word('sebesar', 10), word('29,54.', 60, 77)], says('29,5%'), says('x'));
    expect(out.map((w) => w.text)).toContain('29,5%.');
  });

  it('lets a third reading decide when the page and the re-read disagree', async () => {
    const kept = await run([word('42,55%', 60, 85)], says('42,35%', 88), says('42,55%', 70));
    expect(kept.map((w) => [w.text, w.conf])).toEqual([['42,55%', 70]]);
    const taken = await run([word('42,55%', 60, 85)], says('42,35%', 88), says('42,35%', 70));
    expect(taken.map((w) => [w.text, w.conf])).toEqual([['42,35%', 88]]);
  });

  it('leaves a percentage no two readings agree on doubtful', async () => {
    const out = await run([word('42,55%', 60, 85)], says('42,35%', 88), says('12,35%', 90));
    expect(out[0]!.text).toBe('42,35%');
    expect(out[0]!.conf).toBeLessThan(80);
  });

  it('keeps the separator the re-read lost (same digits), without a third reading', async () => {
    let thirdAsked = false;
    const text: OcrReader = {
      size: 1,
      recognize: async () => {
        thirdAsked = true;
        return [];
      },
    };
    const out = await run([word('47,1', 60, 85), word('%.', 80, 90)], says('471%', 80), text);
    expect(out.map((w) => [w.text, w.conf])).toEqual([['47,1%.', 80]]);
    expect(thirdAsked).toBe(false);
  });

  it('keeps the separator of a figure read with a ghost for its %', async () => {
    const out = await run([word('47,1Yo', 60, 70)], says('471%', 80), says(''));
    expect(out.map((w) => w.text)).toEqual(['47,1%']);
  });

  it('does not read a caption number (Tabel 2.4) again', async () => {
    let asked = 0;
    const cells: OcrReader = {
      size: 1,
      recognize: async () => {
        asked++;
        return [{ text: '24%', bbox: [0, 0, 10, 10], conf: 90 }];
      },
    };
    const words = [word('Tabel', 10), word('2.4', 60)];
    expect(await run(words, cells, says(''))).toEqual(words);
    expect(asked).toBe(0);
  });

  it('never takes digits the page did not read (the crop took in a neighbour)', async () => {
    const words = [word('5)%', 60, 60)];
    expect(await run(words, says('550%'), says('550%'))).toEqual(words);
  });

  it('keeps a figure that reads as no percentage again (a count, a year)', async () => {
    const words = [word('14', 60), word('orang', 95)];
    expect(await run(words, says('14'), says('14'))).toEqual(words);
  });
});
