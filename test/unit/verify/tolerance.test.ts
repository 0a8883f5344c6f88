import { describe, expect, it } from 'vitest';
import { moneyAgrees, percentAgrees } from '../../../src/verify/tolerance.js';

describe('percentAgrees: |stated − expected| < 10^(−d), d = printed decimals', () => {
  it('accepts a whole percent within one unit', () => {
    expect(percentAgrees(20, 0, 19.72)).toBe(true); // `20%` vs 19,72
    expect(percentAgrees(20, 0, 19.0001)).toBe(true);
  });
  it('rejects a whole percent one unit off or more', () => {
    expect(percentAgrees(20, 0, 19)).toBe(false);
    expect(percentAgrees(20, 0, 21.2)).toBe(false);
  });
  it('accepts 19,50% for 19,495 and rejects it for 19,49', () => {
    expect(percentAgrees(19.5, 2, 19.495)).toBe(true);
    expect(percentAgrees(19.5, 2, 19.49)).toBe(false);
    expect(percentAgrees(19.5, 2, 19.5099)).toBe(true);
    expect(percentAgrees(19.5, 2, 19.51)).toBe(false);
  });
  it('uses one decimal for 29.5', () => {
    expect(percentAgrees(29.5, 1, 29.41)).toBe(true);
    expect(percentAgrees(29.5, 1, 19.71)).toBe(false);
  });
});

describe('moneyAgrees', () => {
  it('compares rupiah exactly', () => {
    expect(moneyAgrees(16_620_000, 16_620_000)).toBe(true);
    expect(moneyAgrees(16_320_000, 16_620_000)).toBe(false);
    expect(moneyAgrees(1_000_000, 1_000_001)).toBe(false);
  });
});
