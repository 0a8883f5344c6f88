import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../../src/model/contract.js';
import type { OcrPage } from '../../../src/ocr/read-page.js';
import { slippedCapaian } from '../../../src/pipeline/shape-rereads.js';
import { row, tables } from '../../helpers/records.js';

const finding = (rule: string, severity: Discrepancy['severity'], table: string, no: string, field: string) =>
  ({ rule, severity, table, row: no, field, message: '', evidence: [] }) as unknown as Discrepancy;

describe('slippedCapaian: capaian cells a doubtful R1–R3 failure rests on, read again', () => {
  const t = tables({
    '2.4': [row('2.4', '3', { pagu: '10.000.000', realisasiAnggaran: '3.290.000', capaianAnggaran: '329%' }, 92)],
  });
  const scanned = new Map([[1, {} as OcrPage]]);

  it('takes the cell of an uncertain R2 on a scanned page, not an error, another rule or a text layer page', () => {
    const cells = slippedCapaian([finding('R2', 'uncertain', '2.4', '3', 'capaianAnggaran')], t, scanned);
    expect(cells.map((c) => [c.table, c.row, c.field, c.f.raw])).toEqual([['2.4', '3', 'capaianAnggaran', '329%']]);
    expect(slippedCapaian([finding('R2', 'error', '2.4', '3', 'capaianAnggaran')], t, scanned)).toEqual([]);
    expect(slippedCapaian([finding('R6', 'uncertain', '2.4', '3', 'pagu')], t, scanned)).toEqual([]);
    expect(slippedCapaian([finding('R2', 'uncertain', '2.4', '3', 'capaianAnggaran')], t, new Map())).toEqual([]);
  });
});
