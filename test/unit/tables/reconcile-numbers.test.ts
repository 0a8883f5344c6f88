import { describe, expect, it } from 'vitest';
import { reconcileSeparators, TWIN_SEPARATOR_CONF } from '../../../src/tables/reconcile-numbers.js';
import { row, tables } from '../../helpers/records.js';

describe('reconcileSeparators (a figure printed twice, one copy read without its separator)', () => {
  it('takes the separator from the twin in 2.3/2.4 when the digits are the same', () => {
    const t = tables({
      '2.3': [row('2.3', '1', { target: '100 %', realisasi: '98,83 %', capaian: '98,83 %' }, 90)],
      '2.4': [row('2.4', '1', { target: '100 %', realisasi: '9883 %', capaian: '98,83 %' }, 92)],
    });
    reconcileSeparators(t);
    const f = t['2.4'][0]!.fields.realisasi!;
    expect([f.value, f.decimals]).toEqual([98.83, 2]);
    expect(f.conf).toBe(TWIN_SEPARATOR_CONF); // doubtful still: a rule failing on it is uncertain
    expect(f.raw).toBe('9883 %'); // the evidence stays as read
    expect(t['2.3'][0]!.fields.realisasi!.value).toBe(98.83);
  });

  it('mends a 2.4 budget figure from the 2.5 kegiatan of the same pagu, and a program of one kegiatan', () => {
    const t = tables({
      '2.4': [
        row('2.4', '1', { pagu: '52.700.000,00', realisasiAnggaran: '11.623.000,00', capaianAnggaran: '22,06 %' }, 90),
      ],
      '2.5': [
        row('2.5', '1', { pagu: '52.700.000,00', realisasi: '11.623.000,00', capaian: '2206 %' }, 90),
        row('2.5', '1.1', { pagu: '52.700.000,00', realisasi: '11.623.000,00', capaian: '2206 %' }, 90),
      ],
    });
    reconcileSeparators(t);
    expect(t['2.5'].map((r) => r.fields.capaian!.value)).toEqual([22.06, 22.06]);
  });

  it('never changes a different number, a text layer, or a copy that shows its separator', () => {
    const t = tables({
      '2.3': [row('2.3', '1', { realisasi: '98,83 %', capaian: '71,1 %' }, 90)],
      '2.4': [row('2.4', '1', { realisasi: '9833 %', capaian: '711 %' })], // a text layer prints what it prints
      '2.1': [row('2.1', '2', { target: '12' }, 90)],
    });
    t['2.3'].push(row('2.3', '2', { target: '1,2' }, 90));
    reconcileSeparators(t);
    expect(t['2.4'][0]!.fields.realisasi!.value).toBe(9833);
    expect(t['2.4'][0]!.fields.capaian!.value).toBe(711);
    expect(t['2.3'][0]!.fields.realisasi!.value).toBe(98.83);
    // `12` beside `1,2`: OCR-read both, the one without a separator takes it
    expect(t['2.1'][0]!.fields.target!.value).toBe(1.2);
    expect(t['2.3'][1]!.fields.target!.value).toBe(1.2);
  });
});
