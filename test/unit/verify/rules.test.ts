import { describe, expect, it } from 'vitest';
import { verify } from '../../../src/verify/index.js';
import { oneDigitApart } from '../../../src/verify/cross-table.js';
import { claim, CONTIGUOUS_BANDS, REFERENCE_BANDS, row, tables } from '../../helpers/records.js';

const keys = (ds: { rule: string; table: string; row: string; field: string; severity: string }[]) =>
  ds.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}/${d.field}`).sort();

describe('R1 capaian = realisasi / target × 100', () => {
  it('passes at the tolerance edge and fails past it', () => {
    const t = tables({
      '2.3': [
        row('2.3', '1', { target: '100%', realisasi: '33,33%', capaian: '33,33%' }),
        row('2.3', '2', { target: '12 Kegiatan', realisasi: '8 Kegiatan', capaian: '66,67 %' }),
        row('2.3', '3', { target: '100%', realisasi: '18,75%', capaian: '17,85%' }),
        row('2.3', '4', { target: '3', realisasi: '2', capaian: '67%' }), // 66,67 → 67 within 1
        row('2.3', '5', { target: '3', realisasi: '2', capaian: '66,6%' }), // 66,67 vs 66,6: off by 0,067 > 0,1? no: passes
        row('2.3', '6', { target: '3', realisasi: '2', capaian: '66,5%' }), // off by 0,167 ≥ 0,1: fails
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R1 error 2.3/3/capaian', 'R1 error 2.3/6/capaian']);
  });
  it('accepts a lower-is-better indicator computed with (2T − R) / T', () => {
    const t = tables({ '2.3': [row('2.3', '1', { target: '10%', realisasi: '8%', capaian: '120%' })] });
    expect(verify({ tables: t, claims: [] })).toEqual([]);
  });
  it('checks 2.4 kinerja columns too and skips empty cells', () => {
    const t = tables({
      '2.4': [
        row('2.4', '1', { target: '100 %', realisasi: '33,33%', capaian: '35%' }),
        row('2.4', '2', { target: '100%', realisasi: '', capaian: '18,45%' }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R1 error 2.4/1/capaian']);
  });
  it('reports a doubtful read as uncertain, not error', () => {
    const t = tables({ '2.3': [row('2.3', '1', { target: '100%', realisasi: '18,75%', capaian: '17,85%' }, 55)] });
    const [d] = verify({ tables: t, claims: [] });
    expect(d?.severity).toBe('uncertain');
    expect(d?.message).toMatch(/keyakinan rendah/);
  });
});

describe('R2 and R3 budget capaian', () => {
  it('R2 accepts 19,50% for 9.420.000 / 48.320.000 and flags a wrong one', () => {
    const t = tables({
      '2.4': [
        row('2.4', '1', { pagu: '48.320.000,00', realisasiAnggaran: '9.420.000,00', capaianAnggaran: '19,50%' }),
        row('2.4', '2', { pagu: '36.000.000,00', realisasiAnggaran: '7.200.000,00', capaianAnggaran: '21%' }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R2 error 2.4/2/capaianAnggaran']);
  });
  it('a scanned capaian that is the right value with its separator moved is uncertain, not an error', () => {
    // 3.486.000 / 22.500.000 = 15,49 %: `155%` lost its comma; 21 % printed `210%` too. Read at 92 (a scan)
    const scanned = tables({
      '2.5': [
        row('2.5', '1.1', { uraian: 'A', pagu: '22.500.000', realisasi: '3.486.000', capaian: '155%' }, 92),
        row('2.5', '1.2', { uraian: 'B', pagu: '36.000.000', realisasi: '7.560.000', capaian: '210%' }, 92),
        row('2.5', '1.3', { uraian: 'C', pagu: '36.000.000', realisasi: '7.200.000', capaian: '25%' }, 92),
        // 11.045.000 / 28.100.000 = 39,31 %: a pen stroke before it read `7`
        row('2.5', '1.4', { uraian: 'D', pagu: '28.100.000', realisasi: '11.045.000', capaian: '739,31%' }, 92),
      ],
    });
    const kinerja = tables({
      '2.4': [row('2.4', '1', { target: '100%', realisasi: '76,54%', capaian: '765,4%' }, 92)],
    });
    expect(keys(verify({ tables: kinerja, claims: [] }))).toEqual(['R1 uncertain 2.4/1/capaian']);
    expect(keys(verify({ tables: scanned, claims: [] }))).toEqual([
      'R3 error 2.5/1.3/capaian', // 20 % printed 25 %: a real error
      'R3 uncertain 2.5/1.1/capaian',
      'R3 uncertain 2.5/1.2/capaian',
      'R3 uncertain 2.5/1.4/capaian',
    ]);
    // a text layer is read exactly: the same shift there is the document's
    const born = tables({
      '2.5': [row('2.5', '1.1', { uraian: 'A', pagu: '22.500.000', realisasi: '3.486.000', capaian: '155%' })],
    });
    expect(keys(verify({ tables: born, claims: [] }))).toEqual(['R3 error 2.5/1.1/capaian']);
  });
  it('R3 checks kegiatan rows of 2.5 but not JUMLAH', () => {
    const t = tables({
      '2.5': [
        row('2.5', '1.1', { uraian: 'A', pagu: 'Rp 48.320.000', realisasi: 'Rp 9.420.000', capaian: '19,5 %' }),
        row('2.5', '1.2', { uraian: 'B', pagu: '36.000.000', realisasi: '7.200.000', capaian: '25%' }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R3 error 2.5/1.2/capaian']);
  });
});

describe('R4 and R5 sums of Tabel 2.5', () => {
  const kegiatan = [
    row('2.5', '1.1', { uraian: 'Koordinasi', pagu: '48.320.000,00', realisasi: '9.420.000,00', capaian: '19,50%' }),
    row('2.5', '1.2', { uraian: 'Pemberdayaan', pagu: '36.000.000,00', realisasi: '7.200.000,00', capaian: '20%' }),
  ];
  it('finds the reference report JUMLAH errors (realisasi and capaian), not the empty pagu', () => {
    const t = tables({
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM PEMBERDAYAAN', pagu: '84.320.000,00', realisasi: '', capaian: '' }),
        ...kegiatan,
        row('2.5', 'JUMLAH', { uraian: 'JUMLAH', pagu: '', realisasi: '16.320.000,00', capaian: '29.5 %' }),
      ],
    });
    const ds = verify({ tables: t, claims: [] });
    expect(keys(ds)).toEqual(['R5 error 2.5/JUMLAH/capaian', 'R5 error 2.5/JUMLAH/realisasi']);
    expect(ds.find((d) => d.field === 'realisasi')?.expected).toBe(16_620_000);
    expect(ds.find((d) => d.field === 'capaian')?.expected).toBeCloseTo(19.71, 2);
  });
  it('R4 flags a program pagu that is not the sum of its kegiatan, once', () => {
    const t = tables({
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM X', pagu: '84.000.000,00', realisasi: '16.620.000,00', capaian: '' }),
        ...kegiatan,
        row('2.5', 'JUMLAH', {
          uraian: 'JUMLAH',
          pagu: '84.320.000,00',
          realisasi: '16.620.000,00',
          capaian: '19,71%',
        }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R4 error 2.5/1/pagu']);
  });
  it('R5 sums several programs', () => {
    const t = tables({
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM A', pagu: '10.000.000', realisasi: '5.000.000', capaian: '50%' }),
        row('2.5', '2', { uraian: 'PROGRAM B', pagu: '30.000.000', realisasi: '15.000.000', capaian: '50%' }),
        row('2.5', 'JUMLAH', { uraian: 'JUMLAH', pagu: '40.000.000', realisasi: '21.000.000', capaian: '50%' }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R5 error 2.5/JUMLAH/realisasi']);
  });
  it('R5 on JUMLAH capaian is uncertain when a cell it was summed from is read doubtfully (issue 10)', () => {
    // 2.1's pagu 17.750.000 read `7` under a pen stroke (kept at a voted confidence), JUMLAH pagu
    // unread: the total pagu comes from the kegiatan, and the right capaian looks wrong
    const doc = (paguConf: number) => {
      const misread = row('2.5', '2.1', { uraian: 'B', pagu: '7', realisasi: '12.395.500', capaian: '69,83%' }, 92);
      misread.fields.pagu!.conf = paguConf;
      return tables({
        '2.5': [
          row('2.5', '1', { uraian: 'PROGRAM A', pagu: '37.500.000', realisasi: '21.569.394', capaian: '57,52%' }, 92),
          row('2.5', '1.1', { uraian: 'A', pagu: '37.500.000', realisasi: '21.569.394', capaian: '57,52%' }, 92),
          row('2.5', '2', { uraian: 'PROGRAM B', pagu: '17.750.000', realisasi: '12.395.500', capaian: '69,83%' }, 92),
          misread,
          row('2.5', 'JUMLAH', { uraian: 'JUMLAH', pagu: '', realisasi: '33.964.894', capaian: '61,47%' }, 92),
        ],
      });
    };
    const r5 = (paguConf: number) =>
      keys(verify({ tables: doc(paguConf), claims: [] })).filter((k) => k.startsWith('R5'));
    expect(r5(70)).toEqual(['R5 uncertain 2.5/JUMLAH/capaian']);
    // read with confidence, the same figures are the document's own inconsistency
    expect(r5(92)).toEqual(['R5 error 2.5/JUMLAH/capaian']);
  });
});

describe('R6 across tables', () => {
  const ind = (table: '2.1' | '2.3' | '2.4', no: string, extra: Record<string, string>, conf = 100) =>
    row(table, no, { sasaran: `Sasaran ${no} kegiatan desa`, indikator: `Persentase indikator ${no}`, ...extra }, conf);
  it('flags the odd target out of three, and 2.4 realisasi against 2.3', () => {
    const t = tables({
      '2.1': [ind('2.1', '1', { target: '100%' }), ind('2.1', '2', { target: '90%' })],
      '2.3': [
        ind('2.3', '1', { target: '100%', realisasi: '50%', capaian: '50%' }),
        ind('2.3', '2', { target: '100%', realisasi: '45%', capaian: '45%' }),
      ],
      '2.4': [
        ind('2.4', '1', { target: '100%', realisasi: '55%', capaian: '55%' }),
        ind('2.4', '2', { target: '100%', realisasi: '45%', capaian: '45%' }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R6 error 2.1/2/target', 'R6 error 2.4/1/realisasi']);
  });
  it('a scanned realisasi read with a leading digit a mark made (745 beside a capaian of 56,25 % of 80) is doubtful for R1 and R6', () => {
    const doc = (conf: number) =>
      tables({
        '2.3': [ind('2.3', '1', { target: '80', realisasi: '45', capaian: '56,25%' }, conf)],
        '2.4': [ind('2.4', '1', { target: '80', realisasi: '745', capaian: '56,25%' }, conf)],
      });
    expect(keys(verify({ tables: doc(92), claims: [] }))).toEqual([
      'R1 uncertain 2.4/1/capaian',
      'R6 uncertain 2.4/1/realisasi',
    ]);
    // a target with a mark in front is doubt the same way; a text layer's figures are the document's
    const target = tables({ '2.3': [ind('2.3', '1', { target: '180', realisasi: '45', capaian: '56,25%' }, 92)] });
    expect(keys(verify({ tables: target, claims: [] }))).toEqual(['R1 uncertain 2.3/1/capaian']);
    expect(keys(verify({ tables: doc(100), claims: [] }))).toEqual([
      'R1 error 2.4/1/capaian',
      'R6 error 2.4/1/realisasi',
    ]);
  });
  it('a scanned copy with one digit more or less than its twins (`950%` beside `90%` twice) is doubtful, not an error (seed 100792 doc 41)', () => {
    const doc = (t21: string, conf: number) =>
      tables({
        '2.1': [ind('2.1', '1', { target: t21 }, conf)],
        '2.3': [ind('2.3', '1', { target: '90%', realisasi: '45%', capaian: '50%' }, conf)],
        '2.4': [ind('2.4', '1', { target: '90%', realisasi: '45%', capaian: '50%' }, conf)],
      });
    expect(keys(verify({ tables: doc('950%', 92), claims: [] }))).toEqual(['R6 uncertain 2.1/1/target']);
    // the two copies that agree are not doubted: a claim judged on 2.3 stays an error
    expect(keys(verify({ tables: doc('950%', 92), claims: [claim('capaianKinerja', '60%')] }))).toEqual([
      'R6 uncertain 2.1/1/target',
      'R7 error narrative/capaianKinerja/value',
    ]);
    // another digit (95 for 90) is the document's own figure, and a text layer's copy is printed so
    expect(keys(verify({ tables: doc('95%', 92), claims: [] }))).toEqual(['R6 error 2.1/1/target']);
    expect(keys(verify({ tables: doc('950%', 100), claims: [] }))).toEqual(['R6 error 2.1/1/target']);
    // the same value printed with a decimal more is no slip: a rule failing on it stays an error
    const decimals = tables({
      '2.1': [ind('2.1', '1', { target: '90,0%' }, 92)],
      '2.3': [ind('2.3', '1', { target: '90%', realisasi: '45%', capaian: '40%' }, 92)],
    });
    expect(keys(verify({ tables: decimals, claims: [] }))).toEqual(['R1 error 2.3/1/capaian']);
    expect(oneDigitApart('950', '90')).toBe(true);
    expect(oneDigitApart('7427050', '17427050')).toBe(true);
    expect(oneDigitApart('95', '90')).toBe(false);
    expect(oneDigitApart('90', '90')).toBe(false);
  });
  it('a scanned realisasi its own row shows slipped (711 % beside a capaian of 71,1 %) is doubtful for R6 and R7 too', () => {
    const doc = (conf: number) => {
      const scanned = (table: '2.3' | '2.4', no: string, extra: Record<string, string>) => ind(table, no, extra, conf);
      return tables({
        '2.3': [
          scanned('2.3', '1', { target: '100%', realisasi: '711%', capaian: '71,1%' }),
          scanned('2.3', '2', { target: '100%', realisasi: '60%', capaian: '60%' }),
        ],
        '2.4': [
          scanned('2.4', '1', { target: '100%', realisasi: '71,1%', capaian: '71,1%' }),
          scanned('2.4', '2', { target: '100%', realisasi: '60%', capaian: '60%' }),
        ],
      });
    };
    const claims = [claim('capaianKinerja', '65,55%')];
    expect(keys(verify({ tables: doc(92), claims }))).toEqual([
      'R1 uncertain 2.3/1/capaian',
      'R6 uncertain 2.4/1/realisasi',
      'R7 uncertain narrative/capaianKinerja/value',
    ]);
    // printed so in a text layer, the same figures are the document's own errors
    expect(keys(verify({ tables: doc(100), claims }))).toEqual([
      'R1 error 2.3/1/capaian',
      'R6 error 2.4/1/realisasi',
      'R7 error narrative/capaianKinerja/value',
    ]);
  });
  it('pairs 2.4 rows with 2.5 kegiatan by wording and flags a differing pagu', () => {
    const t = tables({
      '2.4': [
        row('2.4', '1', {
          sasaran: 'Terkoordinasinya Kegiatan Pemberdayaan Desa',
          pagu: '48.320.000,00',
          realisasiAnggaran: '9.420.000,00',
          capaianAnggaran: '19,50%',
        }),
        row('2.4', '2', {
          sasaran: 'Terlaksananya Pemberdayaan Keluarga',
          pagu: '30.000.000,00',
          realisasiAnggaran: '7.200.000,00',
          capaianAnggaran: '24%',
        }),
      ],
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM PEMBERDAYAAN', pagu: '', realisasi: '', capaian: '' }),
        row('2.5', '1.1', {
          uraian: 'Pemberdayaan Keluarga Tingkat Kecamatan',
          pagu: '36.000.000,00',
          realisasi: '7.200.000,00',
          capaian: '20%',
        }),
        row('2.5', '1.2', {
          uraian: 'Koordinasi Kegiatan Pemberdayaan Desa',
          pagu: '48.320.000,00',
          realisasi: '9.420.000,00',
          capaian: '19,50%',
        }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] }))).toEqual(['R6 error 2.4/2/pagu']);
  });
  it('pairs a 2.4 row with the kegiatan carrying its very pagu and realisasi, though its wording reads like another (issue 10)', () => {
    // 2.4 names the sasaran and indikator; the indikator reads like kegiatan 1.2's name
    const t = tables({
      '2.4': [
        row('2.4', '1', {
          sasaran: 'Meningkatnya kesiapsiagaan masyarakat terhadap bencana Tingkat Kecamatan dan Desa/Kelurahan',
          indikator: 'Persentase desa tangguh bencana yang dibina',
          pagu: '29.750.000,00',
          realisasiAnggaran: '19.322.444,00',
          capaianAnggaran: '64,95%',
        }),
        row('2.4', '2', {
          sasaran: 'Terbentuknya desa tangguh bencana Tingkat Kecamatan dan Desa/Kelurahan',
          indikator: 'Jumlah desa tangguh bencana yang dibina',
          pagu: '29.500.000,00',
          realisasiAnggaran: '21.349.000,00',
          capaianAnggaran: '72,37%',
        }),
      ],
      '2.5': [
        row('2.5', '1', {
          uraian: 'PROGRAM PENANGGULANGAN BENCANA',
          pagu: '59.250.000,00',
          realisasi: '40.671.444,00',
          capaian: '68,64%',
        }),
        row('2.5', '1.1', {
          uraian: 'Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana',
          pagu: '29.750.000,00',
          realisasi: '19.322.444,00',
          capaian: '64,95%',
        }),
        row('2.5', '1.2', {
          uraian: 'Pembinaan Desa Tangguh Bencana',
          pagu: '29.500.000,00',
          realisasi: '21.349.000,00',
          capaian: '72,37%',
        }),
      ],
    });
    expect(keys(verify({ tables: t, claims: [] })).filter((k) => k.startsWith('R6'))).toEqual([]);
  });
});

describe('R7 narrative numbers', () => {
  const t = tables({
    '2.3': [
      row('2.3', '1', { target: '100%', realisasi: '33,33%', capaian: '33,33%' }),
      row('2.3', '2', { target: '100%', realisasi: '18,45%', capaian: '18,45%' }),
    ],
    '2.5': [
      row('2.5', '1.1', { uraian: 'A', pagu: '48.320.000,00', realisasi: '9.420.000,00', capaian: '19,50%' }),
      row('2.5', '1.2', { uraian: 'B', pagu: '36.000.000,00', realisasi: '7.200.000,00', capaian: '20%' }),
    ],
  });
  it('accepts the right mean (25,89 %) and serapan (19,71 %)', () => {
    expect(
      verify({
        tables: t,
        claims: [
          claim('capaianKinerja', '25,89%'),
          claim('serapanAnggaran', '19,71 %'),
          claim('serapanAnggaran', '20%'),
        ],
      }),
    ).toEqual([]);
  });
  it('flags wrong and mutually different values', () => {
    const ds = verify({
      tables: t,
      claims: [
        claim('capaianKinerja', '42,55 %', 4),
        claim('capaianKinerja', '42,38%', 5),
        claim('serapanAnggaran', '29,5%'),
      ],
    });
    // each wrong value once, the contradiction added to the first: no card compares one claim with the other
    expect(keys(ds)).toEqual([
      'R7 error narrative/capaianKinerja/value',
      'R7 error narrative/capaianKinerja/value',
      'R7 error narrative/serapanAnggaran/value',
    ]);
    expect(ds.map((d) => [d.stated, d.expected])).toEqual([
      [42.55, 25.89],
      [42.38, 25.89],
      [29.5, 19.71],
    ]);
    expect(ds[0]!.message).toMatch(/nilai berbeda: 42,55% \(hlm\. 4\), 42,38% \(hlm\. 5\)/);
  });
  it('a scanned claim that is the tail of a claim the tables bear out (89% beside 25,89%) is uncertain', () => {
    const scanned = verify({
      tables: t,
      claims: [claim('capaianKinerja', '25,89%', 6, 90), claim('capaianKinerja', '89%', 6, 90)],
    });
    expect(keys(scanned)).toEqual(['R7 uncertain narrative/capaianKinerja/value']);
    // printed so in a text layer, or not a tail of the right claim: the document's
    const born = verify({ tables: t, claims: [claim('capaianKinerja', '25,89%'), claim('capaianKinerja', '89%')] });
    expect(keys(born)).toEqual(['R7 error narrative/capaianKinerja/value']);
    const other = verify({
      tables: t,
      claims: [claim('capaianKinerja', '25,89%', 6, 90), claim('capaianKinerja', '88%', 6, 90)],
    });
    expect(keys(other)).toEqual(['R7 error narrative/capaianKinerja/value']);
  });
  it('compares two different stated values with the recomputed value, not with each other', () => {
    // 25,89 % is right, 25,98 % is not: one finding, expected the recomputed mean
    const ds = verify({ tables: t, claims: [claim('capaianKinerja', '25,89%'), claim('capaianKinerja', '25,98%')] });
    expect(ds.map((d) => [d.rule, d.stated, d.expected])).toEqual([['R7', 25.98, 25.89]]);
    // with Tabel 2.3 missing nothing can be recomputed: the contradiction alone, expected unknown
    const none = verify({
      tables: tables({}),
      claims: [claim('capaianKinerja', '25,89%'), claim('capaianKinerja', '25,98%')],
    });
    expect(none.filter((d) => d.rule === 'R7').map((d) => [d.stated, d.expected])).toEqual([[25.98, null]]);
  });
  it('is uncertain when a table value the recomputation rests on was read doubtfully (a 150 DPI `72,5` read `712.5`)', () => {
    const doubtful = tables({
      '2.3': [row('2.3', '1', { target: '100%', realisasi: '712,5%', capaian: '72,50%' }, 70)],
      '2.2': t['2.2'],
    });
    const ds = verify({ tables: doubtful, claims: [claim('capaianKinerja', '72,50 %')] }).filter(
      (d) => d.rule === 'R7',
    );
    expect(keys(ds)).toEqual(['R7 uncertain narrative/capaianKinerja/value']);
  });
  it('flags two different stated values even when one is right', () => {
    const ds = verify({ tables: t, claims: [claim('capaianKinerja', '25,89%'), claim('capaianKinerja', '25,98%')] });
    expect(ds.map((d) => d.message).join(' ')).toMatch(/nilai berbeda/);
  });
});

describe('R8 kategori and kesimpulan', () => {
  const t = (realisasi: string) =>
    tables({
      '2.2': CONTIGUOUS_BANDS,
      '2.3': [row('2.3', '1', { target: '100%', realisasi, capaian: realisasi })],
    });
  it('accepts the band of the recomputed capaian', () => {
    expect(
      verify({ tables: t('69,58 %'), claims: [claim('kategori', 'Sedang'), claim('kesimpulan', 'Cukup Berhasil')] }),
    ).toEqual([]);
  });
  it('reads a kategori with an OCR slip as the band it names', () => {
    expect(verify({ tables: t('25,89%'), claims: [claim('kategori', 'Sangat rendan')] })).toEqual([]);
    expect(keys(verify({ tables: t('25,89%'), claims: [claim('kategori', 'Rendah')] }))).toEqual([
      'R8 error narrative/kategori/value',
    ]);
  });
  it('flags a kategori from another band', () => {
    expect(keys(verify({ tables: t('69,58 %'), claims: [claim('kategori', 'Tinggi')] }))).toEqual([
      'R8 error narrative/kategori/value',
    ]);
  });
  it('flags “Berhasil” and “melebihi target” at 25,89 % (the reference report)', () => {
    const ds = verify({
      tables: t('25,89%'),
      claims: [
        claim('kategori', 'sangat rendah'),
        claim('kesimpulan', 'melebihi target'),
        claim('kesimpulan', 'Berhasil'),
      ],
    });
    expect(keys(ds)).toEqual(['R8 error narrative/kesimpulan/value', 'R8 error narrative/kesimpulan/value']);
  });
  it('accepts “Belum Berhasil” when low and “melebihi target” above 100 %', () => {
    expect(verify({ tables: t('20,13%'), claims: [claim('kesimpulan', 'Belum Berhasil')] })).toEqual([]);
    expect(
      verify({
        tables: t('105%'),
        claims: [claim('kesimpulan', 'melebihi target'), claim('kategori', 'Sangat Tinggi')],
      }),
    ).toEqual([]);
  });
  it('a value in a band gap may take either neighbouring kategori', () => {
    const tb = tables({
      '2.2': REFERENCE_BANDS,
      '2.3': [row('2.3', '1', { target: '100%', realisasi: '90,5%', capaian: '90,5%' })],
    });
    const ds = verify({ tables: tb, claims: [claim('kategori', 'Tinggi'), claim('kategori', 'Sangat Tinggi')] }).filter(
      (d) => d.rule === 'R8',
    );
    expect(ds).toEqual([]);
  });
});

describe('R9 bands', () => {
  it('warns on each gap of the gap-style scale', () => {
    expect(keys(verify({ tables: tables({ '2.2': REFERENCE_BANDS }), claims: [] }))).toEqual([
      'R9 warning 2.2/1/min',
      'R9 warning 2.2/2/min',
      'R9 warning 2.2/3/min',
      'R9 warning 2.2/4/min',
    ]);
  });
  it('accepts a contiguous scale', () => {
    expect(verify({ tables: tables({ '2.2': CONTIGUOUS_BANDS }), claims: [] })).toEqual([]);
  });
  it('warns on an overlap, a top below 100 and a bottom above 0', () => {
    const b = [
      row('2.2', '1', { interval: '85 - 95', kriteria: 'A' }),
      row('2.2', '2', { interval: '60 - 88', kriteria: 'B' }),
      row('2.2', '3', { interval: '10 - 60', kriteria: 'C' }),
    ];
    expect(keys(verify({ tables: tables({ '2.2': b }), claims: [] }))).toEqual([
      'R9 warning 2.2/1/max',
      'R9 warning 2.2/1/min',
      'R9 warning 2.2/3/min',
    ]);
  });
});

describe('R9 on bounds read doubtfully', () => {
  it('is uncertain when a bound it rests on read under the threshold, a warning when both read surely', () => {
    const scale = (conf: number) => [
      row('2.2', '1', { interval: '85 - 100', kriteria: 'A' }),
      row('2.2', '2', { interval: '50 - 88', kriteria: 'B' }, conf),
      row('2.2', '3', { interval: '0 - 50', kriteria: 'C' }),
    ];
    expect(keys(verify({ tables: tables({ '2.2': scale(40) }), claims: [] }))).toEqual(['R9 uncertain 2.2/1/min']);
    expect(keys(verify({ tables: tables({ '2.2': scale(95) }), claims: [] }))).toEqual(['R9 warning 2.2/1/min']);
  });
});

describe('messages', () => {
  it('are Indonesian by default and English on request', () => {
    const t = tables({ '2.3': [row('2.3', '1', { target: '100%', realisasi: '18,75%', capaian: '17,85%' })] });
    expect(verify({ tables: t, claims: [] })[0]?.message).toMatch(/tidak sama dengan/);
    expect(verify({ tables: t, claims: [] }, { lang: 'en' })[0]?.message).toMatch(/does not equal/);
  });
});

describe('rules on what other templates and other kinds of documents print (issue 11)', () => {
  const capaian = () =>
    tables({
      '2.3': [
        row('2.3', '1', { target: '100%', realisasi: '18,75%', capaian: '17,85%' }),
        row('2.3', '2', { target: '100%', realisasi: 'n/a', capaian: 'n/a' }),
      ],
    });
  it("an n/a row skips the rules that need it, quietly, and is left out of the narrative's mean", () => {
    const ds = verify({ tables: capaian(), claims: [claim('capaianKinerja', '18,75%')] });
    expect(keys(ds)).toEqual(['R1 error 2.3/1/capaian']);
  });
  it('on a document of another kind (an LKIP) a failed rule is uncertain, and says why', () => {
    const [d] = verify({ tables: capaian(), claims: [], kind: 'lkip' });
    expect(d).toMatchObject({ rule: 'R1', severity: 'uncertain' });
    expect(d!.message).toMatch(/bukan LKj kecamatan \(lkip\)/);
  });
  it('three serapan values or more are statements about several budgets: not compared with the total nor with one another', () => {
    const t = tables({
      '2.5': [row('2.5', '1', { uraian: 'PROGRAM A', pagu: '100.000', realisasi: '90.000', capaian: '90%' })],
    });
    const claims = [
      claim('serapanAnggaran', '95,4%'),
      claim('serapanAnggaran', '88,1%'),
      claim('serapanAnggaran', '97,2%'),
    ];
    expect(verify({ tables: t, claims })).toEqual([]);
    // two values are one figure stated twice: still compared
    expect(keys(verify({ tables: t, claims: claims.slice(0, 2) }))).toEqual([
      'R7 error narrative/serapanAnggaran/value',
      'R7 error narrative/serapanAnggaran/value',
    ]);
  });
});
