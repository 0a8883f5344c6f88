import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../../src/parse/interval.js';

describe('parseInterval (Tabel 2.2 bands)', () => {
  it.each([
    ['91% ≤ 100%', 91, 100],
    ['90 < X ≤ 100', 90, 100],
    ['> 90% - 100%', 90, 100],
    ['91 - 100', 91, 100],
    ['≤ 50%', null, 50],
    ['X ≤ 50', null, 50],
    ['< 50', null, 50],
    ['≥ 91', 91, null],
    ['0 - 50', 0, 50],
    // OCR without a `≤` glyph
    ['90 < X = 100', 90, 100],
    ['X =50', null, 50],
    ['65<X=<75', 65, 75],
    ['= 50%', null, 50],
    ['X £40', null, 40], // a 1-bit scan's `≤` (seed 4252 doc 5)
  ])('%s → [%s, %s]', (raw, min, max) => {
    expect(parseInterval(raw)).toEqual({ min, max });
  });
  it('refuses text without a band', () => {
    expect(parseInterval('Sangat Tinggi')).toBeNull();
    expect(parseInterval('50')).toBeNull();
  });
});
