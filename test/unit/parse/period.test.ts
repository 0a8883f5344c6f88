import { describe, expect, it } from 'vitest';
import { findPeriods, isAnnual, parsePeriod, parseYear } from '../../../src/parse/period.js';

describe('parsePeriod', () => {
  it.each([
    ['TRIBULAN II Tahun 2024', 'tribulan', 2, 2024],
    ['TRIBUNAN II Tahun 2024', 'tribulan', 2, 2024],
    ['LAPORAN KINERJA KASI PEMBERDAYAAN MASYARAKAT TRIBUNAN II Tahun 2024', 'tribulan', 2, 2024],
    ['Triwulan 3 Tahun 2023', 'tribulan', 3, 2023],
    ['TW II 2024', 'tribulan', 2, 2024],
    ['TW.IV 2024', 'tribulan', 4, 2024],
    ['Tribulan IV', 'tribulan', 4, null],
    ['Tribulan I Tahun 2022', 'tribulan', 1, 2022],
    ['TRIBULAN III TAHUN 2025', 'tribulan', 3, 2025],
    ['Tribulan Ill Tahun 2025', 'tribulan', 3, 2025],
    ['Tribulan ke-2 Tahun 2024', 'tribulan', 2, 2024],
    ['Triwulan Kedua Tahun Anggaran 2023', 'tribulan', 2, 2023],
    ['pada Tribulan II Tahun 2024 dapat diselesaikan', 'tribulan', 2, 2024],
    ['Semester I Tahun 2022', 'semester', 1, 2022],
    ['Semester 2', 'semester', 2, null],
    ['SEMESTER II TAHUN 2023', 'semester', 2, 2023],
    ['Tahunan 2021', 'tahunan', null, 2021],
    ['LAPORAN KINERJA TAHUN 2021', 'tahunan', null, 2021],
    ['Laporan Kinerja (LKj) Tahun Anggaran 2020', 'tahunan', null, 2020],
    ['Laporan Kinerja Tahunan', 'tahunan', null, null],
  ] as const)('%s → %s %s %s', (text, kind, number, year) => {
    expect(parsePeriod(text)).toEqual({ kind, number, year });
  });

  it.each([
    'Tribulan 5 Tahun 2024',
    'Semester III',
    'dijadwalkan pada tribulan berikutnya',
    'Tribulan 2024',
    'Peraturan Bupati Nomor 96 Tahun 2019',
    'Rencana Kerja Tahunan, Perjanjian Kinerja',
    'Pertwulan I',
    '',
  ])('%s → null', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('findPeriods', () => {
  it('lists every mention in order, with the year written after it', () => {
    expect(findPeriods('Tribulan II Tahun 2024 … Semester 1 … Triwulan III')).toEqual([
      { kind: 'tribulan', number: 2, year: 2024 },
      { kind: 'semester', number: 1, year: null },
      { kind: 'tribulan', number: 3, year: null },
    ]);
  });
});

describe('isAnnual', () => {
  it('knows the annual report titles, not the planning document', () => {
    expect(isAnnual('LAPORAN KINERJA TAHUN 2021')).toBe(true);
    expect(isAnnual('dengan mendasarkan pada Rencana Kerja Tahunan')).toBe(false);
  });
});

describe('parseYear', () => {
  it.each([
    ['Tahun 2024', 2024],
    ['TAHUN 2025', 2025],
    ['Tahun Anggaran 2023', 2023],
    ['TA. 2022', 2022],
    ['TW II 2024', 2024],
    // a regulation's year is not the report's (issue 11: a provincial 2016 report read as 2008, the year of a Perda)
    ['Peraturan Nomor 96 Tahun 2019 … 2024', 2024],
    ['Instruksi Presiden Nomor 7 Tahun 1999', null],
    ['tidak ada', null],
    ['Nomor 1234', null],
  ] as const)('%s → %s', (text, year) => {
    expect(parseYear(text)).toBe(year);
  });
});
