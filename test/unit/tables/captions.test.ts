/**
 * Captions as annual reports print them: the title on the line under its label, numbers reused by
 * other tables (`Tabel 2.1 Jumlah Penduduk per Desa`), and a Renstra table whose title carries a
 * Perjanjian Kinerja's words. Other tables must never be taken for the LKj's own.
 */
import { describe, expect, it } from 'vitest';
import type { Line } from '../../../src/model/word.js';
import { findCaptions, standardNumber, titleRole, usesStandardNumbering } from '../../../src/tables/roles.js';

/** A 10-point line whose top is at `y`. */
const L = (text: string, y: number, x0 = 200, x1 = 400, page = 1): Line => ({
  text,
  page,
  bbox: [x0, y, x1, y + 10],
  words: [],
});

describe('a caption whose title is printed under its label', () => {
  it('takes the lines set tight under the label (a wrapped title too), not the header or paragraph a spacing lower', () => {
    const lines = [
      L('Tabel 3.1', 100),
      L('Perjanjian Kinerja Seksi Pemberdayaan', 113),
      L('Masyarakat Tahun 2023', 126),
      L('No Sasaran Indikator Kinerja Target', 144, 80, 530),
      L('Tabel 3.5', 300),
      L('Realisasi Anggaran Tahun 2023', 313),
      L('Adapun capaian serapan anggaran Seksi Pemberdayaan Masyarakat', 330, 76, 532),
    ];
    expect(findCaptions(lines).map((c) => c.title)).toEqual([
      'Perjanjian Kinerja Seksi Pemberdayaan Masyarakat Tahun 2023',
      'Realisasi Anggaran Tahun 2023',
    ]);
  });

  it("stops at a table's own lines, another caption and the page's end", () => {
    const lines = [
      L('Tabel 3.2', 100),
      L('No Interval Kriteria', 113),
      L('Tabel 3.3', 200),
      L('Tabel 3.4', 213),
      L('Tabel 3.5', 780),
      L('Realisasi Anggaran Tahun 2023', 10, 200, 400, 2),
    ];
    const header = lines[1]!;
    expect(findCaptions(lines, (l) => l === header).map((c) => c.title)).toEqual(['', '', '', '']);
  });

  it('keeps the title on its own line first, and a mention stays a mention', () => {
    const lines = [L('Tabel 2.3 Capaian Kinerja', 100), L('Tahun 2023', 113), L('tabel 2.2 berikut ini', 200)];
    const [cap, mention] = findCaptions(lines);
    expect(cap!.title).toBe('Capaian Kinerja Tahun 2023');
    expect(mention!.mention).toBe(true);
  });
});

describe('the role a title names', () => {
  it("names another document's table (Renstra, rencana aksi, cascading) before any role word", () => {
    expect(titleRole('Target Kinerja Renstra Kecamatan 2019-2023')).toEqual({ role: 'other', strong: true });
    expect(titleRole('Rencana Aksi Perjanjian Kinerja Tahun 2023')).toEqual({ role: 'other', strong: true });
    expect(titleRole('Perjanjian Kinerja Tahun 2023')).toEqual({ role: '2.1', strong: true });
  });

  it('lets a role word win over a topic an LKj table may mention', () => {
    expect(titleRole('Capaian Kinerja Penyediaan Sarana dan Prasarana')).toEqual({ role: '2.3', strong: true });
    expect(titleRole('Jumlah Penduduk per Desa')).toEqual({ role: 'other', strong: true });
  });
});

describe('numbers other tables reuse', () => {
  const caps = findCaptions([
    L('Tabel 2.1 Jumlah Penduduk per Desa', 100),
    L('Tabel 2.2 Jumlah Pegawai Menurut Golongan', 200),
    L('Tabel 2.4 Target Kinerja Renstra Kecamatan 2019-2023', 300),
    L('Tabel 3.1 Perjanjian Kinerja Tahun 2023', 400),
    L('Tabel 3.3 Capaian Kinerja Tahun 2023', 500),
  ]);

  it("do not name a role by their number when the title says they are another table's", () => {
    expect(caps.map(standardNumber)).toEqual([null, null, null, null, null]);
    expect(standardNumber(findCaptions([L('Tabel 2.3 Capaian Kinerja Tahun 2023', 100)])[0]!)).toBe('2.3');
  });

  it("do not make a document's numbering the kecamatan template's", () => {
    expect(usesStandardNumbering(caps)).toBe(false);
  });
});
