import { describe, expect, it } from 'vitest';
import { decimalsOf, parseNumber, type NumberKind } from '../../../src/parse/numbers.js';

type Case = [
  raw: string,
  hint: NumberKind | undefined,
  value: number | null,
  decimals: number | null,
  kind: NumberKind,
];

describe('parseNumber', () => {
  const cases: Case[] = [
    // money as printed in Tabel 2.4/2.5
    ['48.320.000,00', 'money', 48320000, 2, 'money'],
    ['48.320.000', 'money', 48320000, 0, 'money'],
    ['Rp 48.320.000', undefined, 48320000, 0, 'money'],
    ['Rp. 48.320.000,00', undefined, 48320000, 2, 'money'],
    ['Rp48.320.000', undefined, 48320000, 0, 'money'],
    ['RP.48.320.000', 'number', 48320000, 0, 'money'],
    ['Rp 48.320.000,-', undefined, 48320000, 0, 'money'],
    ['9.420.000,00', undefined, 9420000, 2, 'number'],
    ['1,231,790,000', 'money', 1231790000, 0, 'money'],
    ['1,231,790,000.50', 'money', 1231790000.5, 2, 'money'],
    ['1.500', 'money', 1500, 0, 'money'],
    ['1,500', 'money', 1500, 0, 'money'],
    ['48.320. 000,00', 'money', 48320000, 2, 'money'],
    ['48 .320.000 , 00', 'money', 48320000, 2, 'money'],
    ['1 500 000', 'money', 1500000, 0, 'money'],
    ['48,32 juta', 'money', 48320000, 0, 'money'],
    ['Rp 1,5 M', undefined, 1500000000, 0, 'money'],
    // percentages
    ['33,33%', 'pct', 33.33, 2, 'pct'],
    ['33,33 %', 'pct', 33.33, 2, 'pct'],
    ['100 %', 'pct', 100, 0, 'pct'],
    ['100%', undefined, 100, 0, 'pct'],
    ['29.5 %', 'pct', 29.5, 1, 'pct'],
    ['19,50%', 'pct', 19.5, 2, 'pct'],
    ['72,50 %', 'pct', 72.5, 2, 'pct'],
    ['12,500%', 'pct', 12.5, 3, 'pct'],
    ['1.500 %', 'money', 1.5, 3, 'pct'],
    ['100 Persen', undefined, 100, 0, 'pct'],
    ['70.78', 'pct', 70.78, 2, 'pct'],
    ['0,500', 'money', 0.5, 3, 'money'],
    // counts with a unit word
    ['12 Kegiatan', 'pct', 12, 0, 'number'],
    ['4 Dokumen', undefined, 4, 0, 'number'],
    ['8 Kegiatan', 'number', 8, 0, 'number'],
    ['1.500 Orang', undefined, 1500, 0, 'number'],
    ['12,500 Kegiatan', undefined, 12.5, 3, 'number'],
    // plain numbers
    ['70.78', undefined, 70.78, 2, 'number'],
    ['1.500', undefined, 1500, 0, 'number'],
    ['1,500', undefined, 1.5, 3, 'number'],
    ['1234.567', 'money', 1234.567, 3, 'money'],
    ['0', undefined, 0, 0, 'number'],
    ['2025.', undefined, 2025, 0, 'number'],
    ['-5,5', undefined, -5.5, 1, 'number'],
    ['−5,5 %', undefined, -5.5, 1, 'pct'],
    ['- 0', undefined, 0, 0, 'number'],
    ['+3', undefined, 3, 0, 'number'],
    ['４２,５', undefined, 42.5, 1, 'number'],
    // empty cells
    ['', 'pct', null, null, 'pct'],
    ['   ', 'money', null, null, 'money'],
    ['-', 'money', null, null, 'money'],
    ['–', 'pct', null, null, 'pct'],
    ['—', undefined, null, null, 'number'],
    ['Rp -', undefined, null, null, 'money'],
    ['- %', undefined, null, null, 'pct'],
    ['Rp', undefined, null, null, 'money'],
    ['%', undefined, null, null, 'pct'],
  ];

  it.each(cases)('%s (hint %s) → %s', (raw, hint, value, decimals, kind) => {
    const r = parseNumber(raw, hint);
    expect(r).toEqual({ value, decimals, kind, ok: true });
  });

  it.each([
    ['n/a', undefined],
    ['N/A', 'pct'],
    ['abc', 'money'],
    ['Rp abc', 'money'],
    ['1.2.3', undefined],
    ['4.32.000,00', 'money'],
    ['1,000.000,00', 'money'],
    ['100%100%', 'pct'],
    ['12 500 7', undefined],
    ['≤ 50%', 'pct'],
    ['69,1-69,5', 'pct'],
    ['1e5', undefined],
  ] as const)('%s is not a number', (raw, hint) => {
    const r = parseNumber(raw, hint);
    expect(r.ok).toBe(false);
    expect(r.value).toBeNull();
    expect(r.decimals).toBeNull();
  });

  it('defaults the kind to number without a hint or marker', () => {
    expect(parseNumber('5').kind).toBe('number');
    expect(parseNumber('abc').kind).toBe('number');
  });

  it('lets the printed marker override the hint', () => {
    expect(parseNumber('20%', 'money').kind).toBe('pct');
    expect(parseNumber('Rp 20', 'pct').kind).toBe('money');
    expect(parseNumber('3 Desa', 'money').kind).toBe('number');
  });

  it('reads the ambiguous single separator by kind', () => {
    expect(parseNumber('48.320', 'money').value).toBe(48320);
    expect(parseNumber('48.320', 'pct').value).toBe(48.32);
    expect(parseNumber('48.320').value).toBe(48320);
    expect(parseNumber('48,320').value).toBe(48.32);
    expect(parseNumber('48,320', 'money').value).toBe(48320);
  });

  it('reads money with a third decimal as thousands whose separator OCR misread, doubtfully (seed 4244 doc 6)', () => {
    expect(parseNumber('14,973.000', 'money')).toMatchObject({ value: 14_973_000, decimals: 0, ambiguous: true });
    expect(parseNumber('Rp 1.250,500')).toMatchObject({ value: 1_250_500, ambiguous: true });
    // cents stay cents, and other kinds keep their decimals
    expect(parseNumber('14,973.50', 'money')).toMatchObject({ value: 14_973.5, decimals: 2 });
    expect(parseNumber('1,234.567')).toMatchObject({ value: 1234.567, decimals: 3 });
  });
});

describe('decimalsOf', () => {
  it('gives the printed decimals', () => {
    expect(decimalsOf('19,50%')).toBe(2);
    expect(decimalsOf('20%')).toBe(0);
    expect(decimalsOf('29.5 %')).toBe(1);
    expect(decimalsOf('48.320.000,00', 'money')).toBe(2);
    expect(decimalsOf('-')).toBeNull();
    expect(decimalsOf('abc')).toBeNull();
  });
});
