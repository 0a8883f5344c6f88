import { describe, expect, it } from 'vitest';
import {
  asPrintedName,
  foldForMatch,
  isAllCaps,
  joinLineTexts,
  normalizeSpace,
  titleCase,
} from '../../../src/parse/text.js';

describe('text helpers', () => {
  it('normalises whitespace and compatibility characters', () => {
    expect(normalizeSpace('  Kasi\u00a0 Pemberdayaan\n\tMasyarakat ')).toBe('Kasi Pemberdayaan Masyarakat');
    expect(normalizeSpace('eﬁsiensi')).toBe('efisiensi');
  });

  it('folds for matching', () => {
    expect(foldForMatch('  “SANGAT  Rendah” ')).toBe('sangat rendah');
  });

  it('title-cases capitals, keeping connectors lowercase', () => {
    expect(titleCase('KASI PEMBERDAYAAN MASYARAKAT')).toBe('Kasi Pemberdayaan Masyarakat');
    expect(titleCase('SEKSI KETENTRAMAN DAN KETERTIBAN UMUM')).toBe('Seksi Ketentraman dan Ketertiban Umum');
    expect(titleCase('DAN LAIN')).toBe('Dan Lain');
  });

  it('keeps mixed case as printed', () => {
    expect(isAllCaps('KECAMATAN CANDIPURO')).toBe(true);
    expect(isAllCaps('Kecamatan Candipuro')).toBe(false);
    expect(isAllCaps('2024')).toBe(false);
    expect(asPrintedName('Kasi Pemberdayaan masyarakat')).toBe('Kasi Pemberdayaan masyarakat');
    expect(asPrintedName('SENDURO')).toBe('Senduro');
  });

  it('joins line texts, mending words hyphenated at the line end', () => {
    expect(joinLineTexts(['rahmat dan karunia-', 'Nya maka', '', 'Laporan - ', 'Kinerja'])).toBe(
      'rahmat dan karunia-Nya maka Laporan - Kinerja',
    );
  });
});
