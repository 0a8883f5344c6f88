import { describe, expect, it } from 'vitest';
import { verify } from '../../../src/verify/index.js';
import { moneyGroupsBroken } from '../../../src/parse/numbers.js';
import { structureBreaks } from '../../../src/verify/structure.js';
import { reverify } from '../../../src/pipeline/extract.js';
import { shapeCells } from '../../../src/pipeline/shape-rereads.js';
import type { OcrPage } from '../../../src/ocr/read-page.js';
import type { BBox } from '../../../src/model/word.js';
import type { Report } from '../../../src/model/contract.js';
import { claim, CONTIGUOUS_BANDS, row, tables } from '../../helpers/records.js';

const keys = (ds: { rule: string; table: string; row: string; field: string; severity: string }[]) =>
  ds.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}/${d.field}`).sort();
const noError = (ds: { severity: string }[]) => expect(ds.filter((d) => d.severity === 'error')).toEqual([]);

const ind = (t: '2.1' | '2.3', no: string, capaian = '50%') =>
  row(
    t,
    no,
    t === '2.1'
      ? { sasaran: `S${no}`, indikator: `Indikator ${no}`, target: '100%' }
      : { sasaran: `S${no}`, indikator: `Indikator ${no}`, target: '100%', realisasi: '50%', capaian },
  );

describe('X1 structure checks: extraction doubt is uncertain, never an error', () => {
  it('row labels of a flat table run 1, 2, 3: a gap is X1 and the R1 error on that table turns uncertain', () => {
    const t = tables({ '2.3': [ind('2.3', '1'), ind('2.3', '3', '60%')] }); // 50/100 ≠ 60 %
    const ds = verify({ tables: t, claims: [] });
    expect(keys(ds)).toEqual(['R1 uncertain 2.3/3/capaian', 'X1 uncertain 2.3/3/no']);
    expect(ds.find((d) => d.rule === 'R1')!.message).toMatch(/lihat X1/);
    noError(ds);
  });

  it('2.5 labels run 1, 1.1, 1.2, 2, 2.1: a skipped kegiatan is X1 and R4 turns uncertain', () => {
    const t = tables({
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM A', pagu: '30.000.000', realisasi: '10.000.000', capaian: '33,33%' }),
        row('2.5', '1.1', { uraian: 'K1', pagu: '10.000.000', realisasi: '5.000.000', capaian: '50%' }),
        row('2.5', '1.3', { uraian: 'K3', pagu: '10.000.000', realisasi: '5.000.000', capaian: '50%' }),
      ],
    });
    const ds = verify({ tables: t, claims: [] });
    expect(keys(ds)).toContain('X1 uncertain 2.5/1.3/no');
    expect(ds.filter((d) => d.rule === 'R4').length).toBeGreaterThan(0);
    noError(ds);
    expect(
      structureBreaks(
        tables({ '2.5': ['1', '1.1', '1.2', '2', '2.1', 'JUMLAH'].map((no) => row('2.5', no, { uraian: 'x' })) }),
      ),
    ).toEqual([]);
  });

  it('2.1, 2.3 and 2.4 list the same indicators: 2.3 with a row lost is X1, and R7 on the mean turns uncertain', () => {
    const t = tables({ '2.1': [ind('2.1', '1'), ind('2.1', '2')], '2.3': [ind('2.3', '2')] });
    const ds = verify({ tables: t, claims: [claim('capaianKinerja', '45%')] });
    expect(keys(ds)).toContain('X1 uncertain 2.3/1/-');
    expect(keys(ds)).toContain('R7 uncertain narrative/capaianKinerja/value');
    noError(ds);
  });

  it('a label out of step names the labels that would keep the numbering in step, for a re-read of its cell', () => {
    // `1.1` read as `13`: the next program or the first kegiatan of program 1 fits there
    const outline = tables({ '2.5': ['1', '13', '2', '2.1'].map((no) => row('2.5', no, { uraian: 'x' })) });
    expect(structureBreaks(outline).find((b) => b.what === 'labels')?.expected).toEqual(['2', '1.1']);
    expect(structureBreaks(tables({ '2.3': [ind('2.3', '1'), ind('2.3', '3')] }))[0]?.expected).toEqual(['2']);
    // the cell re-read is the row's label cell, and only a label in step replaces what was read
    const at = { ...row('2.5', '13', { uraian: 'x', pagu: '1.000' }), bbox: [60, 100, 540, 130] as BBox };
    for (const f of Object.values(at.fields)) f.bbox = [95, 100, 300, 130];
    const [cell] = shapeCells(
      structureBreaks(tables({ '2.5': [row('2.5', '1', { uraian: 'x' }), at, row('2.5', '2', { uraian: 'y' })] })),
      new Map([[1, {} as OcrPage]]),
    );
    expect(cell?.f.bbox).toEqual([60, 100, 95, 130]);
    expect(['1.1', '1.1.', '2', '13', '1.2'].map((t) => cell!.fits(t))).toEqual([true, true, true, false, false]);
  });

  it('2.5 labelled by budget codes (4.01.05, 4.01.05.1.01) is not an outline: no X1 for its labels', () => {
    const t = tables({
      '2.5': [
        row('2.5', '4.01.05', { uraian: 'PROGRAM A', pagu: '20.000.000', realisasi: '10.000.000', capaian: '50%' }),
        row('2.5', '4.01.05.1.01', { uraian: 'K1', pagu: '20.000.000', realisasi: '10.000.000', capaian: '50%' }),
      ],
    });
    expect(structureBreaks(t).filter((b) => b.what === 'labels')).toEqual([]);
    const outline = tables({ '2.5': ['1', '1.1', '1.3'].map((no) => row('2.5', no, { uraian: 'x' })) });
    expect(structureBreaks(outline).filter((b) => b.what === 'labels')).toHaveLength(1);
  });

  it('on a document of another kind (an LKIP) a capaian table may list a subset of the PK: no X1 for it', () => {
    const t = tables({ '2.1': [ind('2.1', '1'), ind('2.1', '2')], '2.3': [ind('2.3', '1')] });
    expect(keys(verify({ tables: t, claims: [], kind: 'lkip' })).filter((k) => k.startsWith('X1'))).toEqual([]);
    expect(keys(verify({ tables: t, claims: [], kind: 'lkj' }))).toContain('X1 uncertain 2.3/2/-');
  });

  it('each 2.4 row has its kegiatan in 2.5: one fewer is X1 on 2.5, and R6 on budgets turns uncertain', () => {
    const r24 = (no: string, pagu: string, pct: string) =>
      row('2.4', no, {
        sasaran: `Kegiatan ${no}`,
        indikator: 'x',
        pagu,
        realisasiAnggaran: '1.000.000',
        capaianAnggaran: pct,
      });
    const t = tables({
      '2.4': [r24('1', '10.000.000', '10%'), r24('2', '20.000.000', '5%')],
      '2.5': [
        row('2.5', '1', { uraian: 'PROGRAM', pagu: '10.000.000', realisasi: '1.000.000', capaian: '10%' }),
        row('2.5', '1.1', { uraian: 'Kegiatan 1', pagu: '10.000.000', realisasi: '2.000.000', capaian: '20%' }),
      ],
    });
    const ds = verify({ tables: t, claims: [] });
    expect(keys(ds)).toContain('X1 uncertain 2.5/-/-');
    expect(ds.some((d) => d.rule === 'R6' && d.severity === 'uncertain')).toBe(true);
    noError(ds);
  });

  it('a band bound lies in 0–100: `715` for `75` is X1 and the R9 warnings turn uncertain', () => {
    const bands = [...CONTIGUOUS_BANDS];
    bands[1] = row('2.2', '2', { interval: '715 < X ≤ 90', kriteria: 'Tinggi' });
    const ds = verify({ tables: tables({ '2.2': bands }), claims: [] });
    expect(keys(ds)).toContain('X1 uncertain 2.2/2/max'); // 715 and 90: the larger is the broken bound
    expect(ds.filter((d) => d.rule === 'R9').length).toBeGreaterThan(0);
    expect(ds.filter((d) => d.severity !== 'uncertain')).toEqual([]);
  });

  it('a band holding two others whole (`> 90% - 100%` read `1 – 90`) is X1 and R9 uncertain; a boundary put off by one band is not (issue 10)', () => {
    const bands = [...CONTIGUOUS_BANDS];
    bands[0] = row('2.2', '1', { interval: '1 - 90', kriteria: 'Sangat Tinggi' }, 90);
    const ds = verify({ tables: tables({ '2.2': bands }), claims: [] });
    expect(keys(ds)).toContain('X1 uncertain 2.2/1/min');
    expect(ds.filter((d) => d.rule === 'R9').length).toBeGreaterThan(0);
    expect(ds.filter((d) => d.severity !== 'uncertain')).toEqual([]);
    // an author's boundary off by some points overlaps the band below: R9's warning stands
    const off = [...CONTIGUOUS_BANDS];
    off[2] = row('2.2', '3', { interval: '45 < X ≤ 75', kriteria: 'Sedang' });
    const warned = verify({ tables: tables({ '2.2': off }), claims: [] });
    expect(warned.filter((d) => d.rule === 'X1')).toEqual([]);
    expect(warned.some((d) => d.rule === 'R9' && d.severity === 'warning')).toBe(true);
  });

  it('every band has a bound: the lowest band read `)%` (for `≤ 50%`) is X1, and R9 "starts at 50 %" turns uncertain', () => {
    const bands = [...CONTIGUOUS_BANDS];
    const last = bands.length - 1;
    bands[last] = row('2.2', String(last + 1), { interval: ')%', kriteria: 'Sangat Rendah' });
    const ds = verify({ tables: tables({ '2.2': bands }), claims: [] });
    expect(keys(ds)).toContain(`X1 uncertain 2.2/${last + 1}/min`);
    expect(ds.find((d) => d.rule === 'X1')!.message).toContain(')%');
    expect(ds.filter((d) => d.rule === 'R9').length).toBeGreaterThan(0);
    expect(ds.filter((d) => d.severity !== 'uncertain')).toEqual([]);
    expect(structureBreaks(tables({ '2.2': CONTIGUOUS_BANDS }))).toEqual([]);
  });

  it('a band name OCR garbled past a word (`3ailk` for `Baik`) is X1 too, and R8 on it uncertain (issue 10)', () => {
    // the scan garbled band 4's name; the narrative's `Tinggi` is judged against that scale
    const garbled = CONTIGUOUS_BANDS.map((b) =>
      b.no === '4' ? row('2.2', '4', { interval: '50 < X ≤ 65', kriteria: '<3ndah' }, 80) : b,
    );
    const ds = verify({
      tables: tables({ '2.2': garbled, '2.3': [ind('2.3', '1', '50%')] }),
      claims: [claim('kategori', 'Tinggi')],
    });
    expect(keys(ds)).toContain('X1 uncertain 2.2/4/kriteria');
    expect(keys(ds).filter((k) => k.startsWith('R8'))).toEqual(['R8 uncertain narrative/kategori/value']);
    noError(ds);
    // printed so in a text layer, it is the document's own name: the finding stands
    const printed = CONTIGUOUS_BANDS.map((b) =>
      b.no === '4' ? row('2.2', '4', { interval: '50 < X ≤ 65', kriteria: '<3ndah' }) : b,
    );
    const ds2 = verify({
      tables: tables({ '2.2': printed, '2.3': [ind('2.3', '1', '50%')] }),
      claims: [claim('kategori', 'Tinggi')],
    });
    expect(keys(ds2).filter((k) => k.startsWith('R8') || k.startsWith('X1'))).toEqual([
      'R8 error narrative/kategori/value',
    ]);
  });

  it('every band has a name: bands read without one are X1, and R8 on the narrative kategori turns uncertain', () => {
    const unnamed = CONTIGUOUS_BANDS.map((b, i) =>
      row('2.2', String(i + 1), { interval: String(b.fields.min?.raw ?? '') }),
    );
    const t = tables({ '2.2': unnamed, '2.3': [ind('2.3', '1', '50%')] });
    const ds = verify({ tables: t, claims: [claim('kategori', 'Sangat Rendah')] });
    expect(keys(ds)).toContain('X1 uncertain 2.2/1/kriteria');
    expect(keys(ds).filter((k) => k.startsWith('R8'))).toEqual(['R8 uncertain narrative/kategori/value']);
    noError(ds);
    // with its names read, the same scale judges the kategori: no finding
    const named = verify({
      tables: tables({ '2.2': CONTIGUOUS_BANDS, '2.3': [ind('2.3', '1', '50%')] }),
      claims: [claim('kategori', 'Sangat Rendah')],
    });
    expect(named).toEqual([]);
  });

  it('money is printed in digit groups of three', () => {
    expect(moneyGroupsBroken('48.320.000,00')).toBe(false);
    expect(moneyGroupsBroken('Rp 1,231,790,000')).toBe(false);
    expect(moneyGroupsBroken('48320000')).toBe(false);
    expect(moneyGroupsBroken('4.8320.000')).toBe(true);
    expect(moneyGroupsBroken('48.32.000,00')).toBe(true);
    // a lost leading digit (seed 100791 doc 21: 3.020.000 read `020.000`)
    expect(moneyGroupsBroken('020.000')).toBe(true);
    expect(moneyGroupsBroken('0,00')).toBe(false);
    const t = tables({
      '2.5': [row('2.5', '1', { uraian: 'PROGRAM', pagu: '48.32.000', realisasi: '9.420.000', capaian: '19,50%' })],
    });
    const ds = verify({ tables: t, claims: [] });
    expect(keys(ds)).toContain('X1 uncertain 2.5/1/pagu');
    noError(ds);
  });

  it('a money cell read again fits when its groups are of three and it keeps the digits, give or take one (issue 10)', () => {
    // `131800.000` (a dot read as `1`): `13.800.000` mends it; a lone `1` a streak left does not
    const t = tables({ '2.4': [row('2.4', '1', { pagu: '131800.000', realisasi: '13.725.000' })] });
    const [cell] = shapeCells(
      structureBreaks(t).filter((b) => b.what === 'moneyGroups'),
      new Map([[1, {} as OcrPage]]),
    );
    expect(
      ['13.800.000', '13.800.000,00', '131.800.000', '1', '13.800', '138000000'].map((x) => cell!.fits(x)),
    ).toEqual([true, true, true, false, false, true]);
  });

  it('a table whose caption was seen but whose grid was not read is X1, not T1', () => {
    const t = tables({ '2.3': [ind('2.3', '1')] });
    const previous = {
      discrepancies: [],
      source: { file: 'x.pdf', sha256: null, pages: 1, mode: 'ocr' },
    } as unknown as Report;
    const analysis = {
      tables: t,
      missing: ['2.1', '2.2', '2.4', '2.5'] as const,
      unread: ['2.4'] as const,
      meta: { unit: null, kecamatan: null, kabupaten: null, period: null, signedAt: null, signatories: [] },
      claims: [],
    };
    const report = reverify(analysis as never, previous);
    expect(keys(report.discrepancies)).toEqual([
      'T1 warning 2.1/-/-',
      'T1 warning 2.2/-/-',
      'T1 warning 2.5/-/-',
      'X1 uncertain 2.4/-/-',
    ]);
    noError(report.discrepancies);
  });

  it('finds nothing on a whole, well-read report', () => {
    const t = tables({
      '2.1': [ind('2.1', '1'), ind('2.1', '2')],
      '2.2': CONTIGUOUS_BANDS,
      '2.3': [ind('2.3', '1'), ind('2.3', '2')],
    });
    expect(structureBreaks(t)).toEqual([]);
  });
});
