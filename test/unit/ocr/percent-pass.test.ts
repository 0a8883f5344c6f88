import { describe, expect, it } from 'vitest';
import { percentGhost } from '../../../src/ocr/percent-pass.js';

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
