import { afterAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../../../src/ocr/pool.js';
import { AGREED_CONF, DISPUTED_CONF, rereadCells } from '../../../src/ocr/reread.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import type { OcrPage } from '../../../src/ocr/read-page.js';
import type { PageContent, Word } from '../../../src/model/word.js';
import type { Field } from '../../../src/model/extracted.js';
import { drawPage } from '../../helpers/draw.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

describe('rereadCells', () => {
  const raster = drawPage({ widthPt: 300, heightPt: 100, tables: [{ x: 10, y: 10, colWidths: [120, 120], rowHeight: 40, rows: [['21,5%', '48.320.000,00']] }] });
  const scan = { raster, content: {} as PageContent, blank: false, orientation: 0, skew: 0, grids: [], timings: {} } as OcrPage;
  const word = (text: string, x0: number, conf: number): Word => ({ text, page: 1, bbox: [x0 + 4, 22, x0 + 80, 34], conf, source: 'ocr' });
  const field = (raw: string, kind: Field['kind'], x0: number, conf: number): Field => ({ kind, raw, value: null, decimals: null, conf, parsed: true, page: 1, bbox: [x0, 10, x0 + 120, 50] });

  it('agrees with a right first reading (confidence up) and replaces a wrong one as disputed', async () => {
    const page: PageContent = { page: 1, width: 300, height: 100, mode: 'ocr', segments: [], words: [word('21,590', 10, 88), word('48.320.000,00', 130, 70)] };
    const out = await rereadCells([
      { table: '2.3', row: '1', field: 'realisasi', f: field('21,590', 'pct', 10, 88) },
      { table: '2.4', row: '1', field: 'pagu', f: field('48.320.000,00', 'money', 130, 70) },
    ], [page], new Map([[1, scan]]), pools);
    expect(out.map((o) => [o.second.replace(/\s/g, ''), o.agreed])).toEqual([['21,5%', false], ['48.320.000,00', true]]);
    const texts = page.words.map((w) => [w.text.replace(/\s/g, ''), w.conf]);
    expect(texts).toContainEqual(['21,5%', DISPUTED_CONF]);
    expect(texts).toContainEqual(['48.320.000,00', AGREED_CONF]);
  });
});
