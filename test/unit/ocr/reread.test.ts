import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../../../src/ocr/pool.js';
import {
  AGREED_CONF,
  bandCells,
  DISPUTED_CONF,
  tieBroken,
  doubtfulCells,
  rereadCells,
  VOTED_CONF,
  votedConf,
} from '../../../src/ocr/reread.js';
import { parseInterval } from '../../../src/parse/interval.js';
import { parseNumber } from '../../../src/parse/numbers.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import type { OcrPage } from '../../../src/ocr/read-page.js';
import type { PageContent, Word } from '../../../src/model/word.js';
import type { ExtractedTables, Field } from '../../../src/model/extracted.js';
import { drawPage } from '../../helpers/draw.js';
import { ROOT } from '../../helpers/services.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

describe('rereadCells', () => {
  const raster = drawPage({
    widthPt: 300,
    heightPt: 100,
    tables: [{ x: 10, y: 10, colWidths: [120, 120], rowHeight: 40, rows: [['21,5%', '48.320.000,00']] }],
  });
  const scan = { raster, content: {} as PageContent, blank: false, timings: {} } as OcrPage;
  const word = (text: string, x0: number, conf: number): Word => ({
    text,
    page: 1,
    bbox: [x0 + 4, 22, x0 + 80, 34],
    conf,
    source: 'ocr',
  });
  const field = (raw: string, kind: Field['kind'], x0: number, conf: number): Field => ({
    kind,
    raw,
    value: null,
    decimals: null,
    conf,
    parsed: true,
    page: 1,
    bbox: [x0, 10, x0 + 120, 50],
  });

  /** A cell image of a real scan (fixtures/ocr/, 300 DPI) as the page it lies on, with one word read on it. */
  const fixtureCell = async (file: string, word: { text: string; conf: number; bbox?: Word['bbox'] }) => {
    const { data, info } = await sharp(path.join(ROOT, 'fixtures/ocr', file))
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const dpi = 300,
      k = dpi / 72;
    const image = { data: new Uint8Array(data), width: info.width, height: info.height };
    const cellScan = { ...scan, raster: { page: 1, dpi, image } } as OcrPage;
    const bbox: Field['bbox'] = [0, 0, info.width / k, info.height / k];
    const page: PageContent = {
      page: 1,
      width: bbox[2],
      height: bbox[3],
      mode: 'ocr',
      segments: [],
      // the word's box: as given, else the cell inside its border
      words: [{ bbox: [3, 3, bbox[2] - 3, bbox[3] - 3], ...word, page: 1, source: 'ocr' }],
    };
    return { scans: new Map([[1, cellScan]]), bbox, page };
  };

  /** A numeric cell whose first reading gave no number (confidence 0). */
  const unparsed = (kind: Field['kind'], raw: string, bbox: Field['bbox']): Field => ({
    kind,
    raw,
    value: null,
    decimals: null,
    conf: 0,
    parsed: false,
    page: 1,
    bbox,
  });

  it('agrees with a right first reading (confidence up) and replaces a wrong one the tie-break read confirms', async () => {
    const page: PageContent = {
      page: 1,
      width: 300,
      height: 100,
      mode: 'ocr',
      segments: [],
      words: [word('21,590', 10, 88), word('48.320.000,00', 130, 70)],
    };
    const out = await rereadCells(
      [
        { table: '2.3', row: '1', field: 'realisasi', f: field('21,590', 'pct', 10, 88) },
        { table: '2.4', row: '1', field: 'pagu', f: field('48.320.000,00', 'money', 130, 70) },
      ],
      [page],
      new Map([[1, scan]]),
      pools,
    );
    expect(out.map((o) => [o.second.replace(/\s/g, ''), o.agreed, o.kept])).toEqual([
      ['21,5%', false, 'second'],
      ['48.320.000,00', true, 'first'],
    ]);
    expect(out[0]!.third?.replace(/\s/g, '')).toBe('21,5%');
    expect(out[1]!.third).toBeUndefined(); // two reads that agree need no third
    const texts = page.words.map((w) => [w.text.replace(/\s/g, ''), w.conf]);
    expect(texts).toContainEqual(['21,5%', VOTED_CONF]);
    expect(texts).toContainEqual(['48.320.000,00', AGREED_CONF]);
  });

  it('reads a Tabel 2.2 band whole: its two bounds agree or the misread one is voted out', async () => {
    const drawn = drawPage({
      widthPt: 300,
      heightPt: 100,
      tables: [{ x: 10, y: 10, colWidths: [120, 120], rowHeight: 40, rows: [['55 < X <= 70', '40 < X <= 55']] }],
    });
    const scans = new Map([[1, { ...scan, raster: drawn }]]);
    const band = (raw: string, x0: number): Field => ({ ...field(raw, 'pct', x0, 30), value: null });
    const tables = {
      '2.2': [
        { table: '2.2', no: '3', page: 1, bbox: [10, 10, 130, 50], fields: { min: band('50 < X <= 70', 10) } },
        { table: '2.2', no: '4', page: 1, bbox: [130, 10, 250, 50], fields: { min: band('40 < X <= 55', 130) } },
      ],
    } as unknown as ExtractedTables;
    // a band is an interval: never among the numbers read again on their own
    expect(doubtfulCells(tables, scans, 80)).toEqual([]);
    const cells = bandCells(tables, scans);
    expect(cells.map((c) => c.row)).toEqual(['3', '4']);
    const page: PageContent = {
      page: 1,
      width: 300,
      height: 100,
      mode: 'ocr',
      segments: [],
      words: [word('50 < X <= 70', 10, 30), word('40 < X <= 55', 130, 30)],
    };
    const out = await rereadCells(cells, [page], scans, pools);
    expect(out.map((o) => [o.row, o.agreed, o.kept])).toEqual([
      ['3', false, 'second'],
      ['4', true, 'first'],
    ]);
    const read = page.words.map((w) => [parseInterval(w.text), w.conf]);
    expect(read).toContainEqual([{ min: 55, max: 70 }, VOTED_CONF]);
    expect(read).toContainEqual([{ min: 40, max: 55 }, AGREED_CONF]);
  });

  it('reads again a figure the page read left empty (under a pen circle, faint under noise), not a blank cell', async () => {
    const drawn = drawPage({
      widthPt: 300,
      heightPt: 100,
      tables: [{ x: 10, y: 10, colWidths: [120, 120], rowHeight: 40, rows: [['39.313.550,00', '']] }],
    });
    const scans = new Map([[1, { ...scan, raster: drawn }]]);
    const empty = (x0: number): Field => ({ ...field('', 'money', x0, 100), value: null });
    const tables = {
      '2.4': [
        {
          table: '2.4',
          no: '1',
          page: 1,
          bbox: [10, 10, 250, 50],
          fields: { pagu: empty(10), realisasiAnggaran: empty(130), capaian: field('67,88 %', 'pct', 130, 95) },
        },
      ],
    } as unknown as ExtractedTables;
    const doubtful = doubtfulCells(tables, scans, 80);
    expect(doubtful.map((c) => c.field)).toEqual(['pagu']); // the blank cell and the sure figure are left alone
    // a field no column held is boxed with the whole row: not a cell, never read (it took the next row's label)
    const row = tables['2.4'][0]!;
    row.fields.target = { ...empty(10), bbox: [...row.bbox] };
    expect(doubtfulCells(tables, scans, 80).map((c) => c.field)).toEqual(['pagu']);
    delete row.fields.target;
    const page: PageContent = { page: 1, width: 300, height: 100, mode: 'ocr', segments: [], words: [] };
    const [o] = await rereadCells(doubtful, [page], scans, pools);
    expect(o).toMatchObject({ first: '', kept: 'second' });
    expect(parseNumber(o!.second, 'money').value).toBe(39313550);
    // two reads of the cell alone agree, but the page's read saw nothing: under the threshold
    expect(page.words.map((w) => [w.text.replace(/\s/g, ''), w.conf])).toEqual([['39.313.550,00', VOTED_CONF]]);
  });

  it('reads a lone figure the page read as `/` and line mode as nothing as one word, kept disputed', async () => {
    // a cell of the scanned page-break layout (page 4 of scan-page-breaks), `7` in a narrow column
    const { scans, bbox, page } = await fixtureCell('cell-7-alone.png', {
      text: '/',
      bbox: [10, 10, 20, 24],
      conf: 87,
    });
    const f: Field = { kind: 'number', raw: '/', value: null, decimals: null, conf: 87, parsed: false, page: 1, bbox };
    const [o] = await rereadCells([{ table: '2.3', row: '8', field: 'realisasi', f }], [page], scans, pools);
    expect(o).toMatchObject({ first: '/', second: '7', kept: 'second' });
    expect(page.words.map((w) => [w.text, w.conf])).toEqual([['7', DISPUTED_CONF]]);
  });

  it('never runs a range target into one number (`80 - 90 %` is no `8090`)', async () => {
    const drawn = drawPage({
      widthPt: 300,
      heightPt: 100,
      tables: [{ x: 10, y: 10, colWidths: [120], rowHeight: 40, rows: [['80 - 90 %']] }],
    });
    const page: PageContent = {
      page: 1,
      width: 300,
      height: 100,
      mode: 'ocr',
      segments: [],
      words: [word('80 - 90 %', 10, 70)],
    };
    const f: Field = { ...field('80 - 90 %', 'pct', 10, 70), parsed: false };
    await rereadCells(
      [{ table: '2.1', row: '2', field: 'target', f }],
      [page],
      new Map([[1, { ...scan, raster: drawn }]]),
      pools,
    );
    expect(page.words.map((w) => w.text)).toEqual(['80 - 90 %']);
  });

  it('reads money a streak runs across whole (the streak is evened out of the crop)', async () => {
    // a 2.4 pagu cell of a streaked scan (randomised corpus, seed 100786 doc 11): `13.800.000` with a
    // scanner streak through the first dot; the page read `T`, and before the streak was evened out
    // twice the size read the dot as `1` (`131800.000`)
    const { scans, bbox, page } = await fixtureCell('cell-13800000-streak.png', { text: 'T', conf: 33 });
    const f: Field = { kind: 'money', raw: 'T', value: null, decimals: null, conf: 33, parsed: false, page: 1, bbox };
    const [o] = await rereadCells([{ table: '2.4', row: '2', field: 'pagu', f }], [page], scans, pools);
    expect(o).toMatchObject({ second: '13.800.000', agreed: false });
    expect(page.words.map((w) => w.text)).toEqual(['13.800.000']);
  });

  it('reads a percentage with a pen tick after its `%` (the tick is no part of the figure)', async () => {
    const { scans, bbox, page } = await fixtureCell('cell-pct-tick.png', { text: '83,92%y,', conf: 0 });
    const f = unparsed('pct', '83,92%y,', bbox);
    const [o] = await rereadCells([{ table: '2.4', row: '1', field: 'capaian', f }], [page], scans, pools);
    expect(parseNumber(o!.second, 'pct')).toMatchObject({ ok: true, value: 83.92 });
    expect(page.words.map((w) => parseNumber(w.text, 'pct').value)).toEqual([83.92]);
  });

  it('reads a percentage a pen ring encloses, which the page and a plain re-read read as nothing', async () => {
    // a 2.4 capaian anggaran of a marks scan (dev seed 4252, doc 1, page 6): `11,47%` in a pen ring,
    // read as an empty cell; the ring dropped, it reads
    const { scans, bbox, page } = await fixtureCell('cell-pct-ring.png', { text: '', conf: 100 });
    page.words = [];
    const f: Field = { kind: 'pct', raw: '', value: null, decimals: null, conf: 100, parsed: true, page: 1, bbox };
    const [o] = await rereadCells([{ table: '2.4', row: '4', field: 'capaianAnggaran', f }], [page], scans, pools);
    expect(parseNumber(o!.second, 'pct').value).toBe(11.47);
    expect(page.words.map((w) => parseNumber(w.text, 'pct').value)).toEqual([11.47]);
  });

  it('keeps, of three disagreeing reads of money, the last one in groups of three', () => {
    const r = { a: null, b: 131800, t: 13800000, second: '131800.000', third: '13.800.000' };
    expect(tieBroken('money', r)).toBe('third');
    // both out of groups, or both in: the second stands
    expect(tieBroken('money', { ...r, third: '1380.0000' })).toBe('second');
    expect(tieBroken('money', { ...r, second: '131.800.000', b: 131800000 })).toBe('second');
    // a percentage has no groups
    expect(tieBroken('pct', r)).toBe('second');
    // the tie-break confirms the first
    expect(tieBroken('money', { ...r, a: 13800000 })).toBe('first');
    // a sure first reading against two unsure re-reads that agree (dev seed 4253 doc 8: a serif
    // `15.050.000` read at 91, then `5.050.000` at 15 and 0): the first stands
    const lost = { a: 15050000, b: 5050000, t: 5050000, second: '5.050.000', third: '5.050.000' };
    expect(tieBroken('money', { ...lost, firstConf: 91, secondConf: 15, thirdConf: 0 })).toBe('first');
    expect(tieBroken('money', { ...lost, firstConf: 91, secondConf: 15, thirdConf: 60 })).toBe('second');
    expect(tieBroken('money', { ...lost, firstConf: 55, secondConf: 15, thirdConf: 0 })).toBe('second');
  });

  it('reads money under a stamp with digits only and the lighter stamp ink dropped', async () => {
    // the 2.5 JUMLAH realisasi of a marks scan (dev seed 4243 doc 22): `Rp. 22.700.456,00` under a
    // stamp's ring; the page read `Rp: 22.70/14555,00`, a plain re-read `Rp 22.7014515,00`
    const { scans, bbox, page } = await fixtureCell('cell-money-under-stamp.png', {
      text: 'Rp: 22.70/14555,00',
      conf: 0,
    });
    const f = unparsed('money', 'Rp: 22.70/14555,00', bbox);
    const [o] = await rereadCells([{ table: '2.5', row: 'JUMLAH', field: 'realisasi', f }], [page], scans, pools);
    expect(parseNumber(o!.second, 'money').value).toBe(22700456);
    expect(o!.kept).toBe('second');
  });

  it('keeps a right first reading that the re-read gets wrong when the tie-break read sides with it', async () => {
    // a cell of the sample evaluation scan (lkj04_scan, page 5) as the pipeline cut it out: `72,5 %`,
    // which Tesseract reads as 12.5% at twice the resolution and as 72.5 at 1× and 1.5×
    const { scans, bbox, page } = await fixtureCell('cell-72-5-pct.png', { text: '72.5%', conf: 43 });
    const f: Field = { kind: 'pct', raw: '72.5%', value: 72.5, decimals: 1, conf: 43, parsed: true, page: 1, bbox };
    const [o] = await rereadCells([{ table: '2.4', row: '1', field: 'realisasi', f }], [page], scans, pools);
    expect(o).toMatchObject({ second: '12.5%', agreed: false, kept: 'first' });
    expect(parseNumber(o!.third!, 'pct').value).toBe(72.5);
    expect(page.words.map((w) => [w.text, w.conf])).toEqual([['72.5%', VOTED_CONF]]);
  });
});

describe('votedConf', () => {
  it('a tie-break that gave the kept number votes for it', () => {
    expect(votedConf('first', 72.5, 78.5, 72.5)).toBe(VOTED_CONF);
    expect(votedConf('second', null, 104_375_000, 104_375_000)).toBe(VOTED_CONF);
  });
  it('a tie-break that gave another number, or none, leaves the kept reading disputed', () => {
    // the first reading and the tie-break both unreadable (`104.375.0000`): no agreement
    expect(votedConf('second', null, 104_375_000, null)).toBe(DISPUTED_CONF);
    expect(votedConf('first', 72.5, 78.5, null)).toBe(DISPUTED_CONF);
  });
});
