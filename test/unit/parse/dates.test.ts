import { describe, expect, it } from 'vitest';
import { isoDate, parseIndonesianDate, parsePlaceDate } from '../../../src/parse/dates.js';

describe('parseIndonesianDate', () => {
  it.each([
    ['Candipuro, 28 Juni 2024', '2024-06-28'],
    ['28 JUNI 2024', '2024-06-28'],
    ['1 Agustus 2023', '2023-08-01'],
    ['30 Sept 2022', '2022-09-30'],
    ['30 Sept. 2022', '2022-09-30'],
    ['31 Desember 2021', '2021-12-31'],
    ['15 Pebruari 2022', '2022-02-15'],
    ['15 Nopember 2022', '2022-11-15'],
    ['15 November 2022', '2022-11-15'],
    ['5 Mei 2020', '2020-05-05'],
    ['29 Pebruari 2024', '2024-02-29'],
    ['Senduro, 29 September 2025', '2025-09-29'],
    ['Sumbersuko, 31 Maret 2022', '2022-03-31'],
    ['28-06-2024', '2024-06-28'],
    ['28/06/2024', '2024-06-28'],
    ['28.06.2024', '2024-06-28'],
    ['2024-06-28', '2024-06-28'],
    ['28-Jun-2024', '2024-06-28'],
    ['pada tanggal 10 Januari 2024 dengan sasaran', '2024-01-10'],
    ['10 januari 2024', '2024-01-10'],
    ['01 Okt 2023', '2023-10-01'],
  ])('%s → %s', (text, iso) => {
    expect(parseIndonesianDate(text)).toBe(iso);
  });

  it.each([
    '31 Juni 2024',
    '29 Pebruari 2023',
    '32 Januari 2024',
    '0 Januari 2024',
    '31/06/2024',
    '28/13/2024',
    'Juni 2024',
    'Candipuro,      Juni 2024',
    '28 Jumat 2024',
    '',
    'tidak ada tanggal',
  ])('%s → null', (text) => {
    expect(parseIndonesianDate(text)).toBeNull();
  });

  it('skips an invalid date for a later valid one', () => {
    expect(parseIndonesianDate('31 Juni 2024 / 30 Juni 2024')).toBe('2024-06-30');
  });
});

describe('parsePlaceDate', () => {
  it('splits a signature dateline', () => {
    expect(parsePlaceDate('Candipuro, 28 Juni 2024')).toEqual({ place: 'Candipuro', date: '2024-06-28' });
    expect(parsePlaceDate('Lumajang ,28-06-2024')).toEqual({ place: 'Lumajang', date: '2024-06-28' });
    expect(parsePlaceDate('Candipuro, 28 Juni 2024.')).toEqual({ place: 'Candipuro', date: '2024-06-28' });
  });

  it('refuses anything that is not just place and date', () => {
    expect(parsePlaceDate('28 Juni 2024')).toBeNull();
    expect(
      parsePlaceDate('Kecamatan Candipuro Kabupaten Lumajang pada tanggal 10 Januari 2024 dengan sasaran'),
    ).toBeNull();
    expect(parsePlaceDate('Candipuro, 28 Juni 2024 dan seterusnya')).toBeNull();
    expect(parsePlaceDate('Candipuro, Juni 2024')).toBeNull();
  });
});

describe('isoDate', () => {
  it('validates the calendar', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2100, 2, 29)).toBeNull();
    expect(isoDate(1899, 1, 1)).toBeNull();
  });
});
