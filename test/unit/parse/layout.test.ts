import { describe, expect, it } from 'vitest';
import { horizontalOverlap, splitByGaps } from '../../../src/parse/layout.js';
import { centerIn, unionBBox } from '../../../src/model/lines.js';
import { line, row } from './lines.js';

describe('splitByGaps', () => {
  it('splits two signature blocks sharing a line', () => {
    const parts = splitByGaps(
      row(8, 415, [
        [110, 'ATASAN LANGSUNG'],
        [350, 'Candipuro, 28 Juni 2024'],
      ]),
    );
    expect(parts.map((p) => p.text)).toEqual(['ATASAN LANGSUNG', 'Candipuro, 28 Juni 2024']);
    expect(parts[0]!.bbox).toEqual([110, 415, 185, 425]);
    expect(parts[1]!.bbox[0]).toBe(350);
    expect(parts.every((p) => p.page === 8)).toBe(true);
  });

  it('keeps a line of body text whole', () => {
    const l = line('Capaian kinerja sudah melebihi target pada Tribulan II, namun untuk penyerapan');
    expect(splitByGaps(l)).toHaveLength(1);
  });

  it('splits only at gaps wider than the threshold', () => {
    const l = row(1, 100, [
      [100, 'a'],
      [140, 'b'],
      [200, 'c'],
    ]); // gaps 35 and 55
    expect(splitByGaps(l).map((p) => p.text)).toEqual(['a b', 'c']);
    expect(splitByGaps(l, 30).map((p) => p.text)).toEqual(['a', 'b', 'c']);
  });

  it('orders words left to right even when they come unsorted', () => {
    const l = row(1, 100, [
      [350, 'kanan'],
      [100, 'kiri'],
    ]);
    expect(splitByGaps(l).map((p) => p.text)).toEqual(['kiri', 'kanan']);
  });

  it('returns a line without words as it is', () => {
    const parts = splitByGaps({ text: '  Camat  Candipuro ', page: 2, bbox: [1, 2, 3, 4], words: [] });
    expect(parts).toEqual([{ text: 'Camat Candipuro', page: 2, bbox: [1, 2, 3, 4], words: [] }]);
  });
});

describe('unionBBox / horizontalOverlap', () => {
  it('unions boxes', () => {
    expect(
      unionBBox([
        [10, 20, 30, 40],
        [5, 25, 35, 38],
      ]),
    ).toEqual([5, 20, 35, 40]);
    expect(unionBBox([])).toEqual([0, 0, 0, 0]);
  });

  it('measures overlap against the narrower box', () => {
    expect(horizontalOverlap([0, 0, 100, 10], [50, 0, 70, 10])).toBe(1);
    expect(horizontalOverlap([0, 0, 100, 10], [90, 0, 110, 10])).toBe(0.5);
    expect(horizontalOverlap([0, 0, 100, 10], [200, 0, 300, 10])).toBe(0);
  });
});

describe('centerIn', () => {
  it('asks where the centre lies, edges included', () => {
    expect(centerIn([10, 10, 30, 20], [0, 0, 20, 15])).toBe(true); // centre (20, 15) on the corner
    expect(centerIn([10, 10, 32, 20], [0, 0, 20, 15])).toBe(false); // half the box is in, its centre not
    expect(centerIn([0, 0, 4, 4], [1, 1, 3, 3])).toBe(true); // a larger box whose centre is inside
  });

  it('scales the first box into the units of the second (points × k = pixels)', () => {
    expect(centerIn([10, 10, 20, 20], [40, 40, 50, 50], 3)).toBe(true); // centre (15, 15) → (45, 45)
    expect(centerIn([10, 10, 20, 20], [40, 40, 50, 50])).toBe(false);
  });
});
