import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Word } from '../../../src/model/word.js';
import { nipParts, repairNips } from '../../../src/ocr/nip-pass.js';
import { OcrPool } from '../../../src/ocr/pool.js';
import { ocrPools } from '../../../src/ocr/shared-pool.js';
import { parseNip } from '../../../src/parse/nip.js';
import { ROOT } from '../../helpers/services.js';

const pool = new OcrPool(1);
const pools = ocrPools(pool);
afterAll(() => pool.close());

/** A NIP line image of fixtures/ocr/ (300 DPI) as a gray raster. */
async function grayFixture(file: string) {
  const { data, info } = await sharp(path.join(ROOT, 'fixtures/ocr', file))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { data: new Uint8Array(data), width: info.width, height: info.height }, info };
}

/** The camat's NIP line of a noise-blur scan (300 DPI) with the stamp's ring across `1018`. */
async function fixture() {
  const { image, info } = await grayFixture('nip-under-stamp-blur.png');
  const k = 300 / 72;
  return { image, info, k, h: info.height / k };
}

describe('repairNips', () => {
  it('reads a NIP under a stamp on a blurred scan at a lower ink cut when the default cut leaves the ring across a digit (issue 10)', async () => {
    // the camat's NIP line of a noise-blur scan, 300 DPI; the stamp's ring crosses `1018`:
    // the default cut reads `19681048` (no 48th day), a lower cut `19681018`
    const { image, h, k, info } = await fixture();
    const dpi = 300;
    // the first read, as the page pass gave it: the stamp cost the birth date's first digits
    const first: Word[] = [
      { text: 'NIP', bbox: [8, 4, 30, h - 4] },
      { text: '68', bbox: [60, 4, 72, h - 4] },
      { text: '200002', bbox: [78, 4, 112, h - 4] },
      { text: '1', bbox: [116, 4, 120, h - 4] },
      { text: '012', bbox: [124, 4, 142, h - 4] },
    ].map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 80, source: 'ocr' as const }));
    const out = await repairNips({ page: 1, dpi, k, pools }, image, first);
    const nip = parseNip(out.map((w) => w.text).join(' '));
    expect(nip?.valid).toBe(true);
    expect(nip?.nip).toBe('196810182000021012');
    // the fresh words lie where the line is, in page points, all on that one line (the stamp's
    // ink above the digits must not lift a word's box into the line above)
    for (const w of out) {
      expect(w.bbox[2]).toBeLessThanOrEqual(info.width / k + 1);
      expect([w.bbox[1], w.bbox[3]]).toEqual([4, h - 4]);
    }
  });

  it('reads again a line of NIP digit groups whose label and first digits a stamp took, gender and serial run together', async () => {
    const { image, h, k } = await fixture();
    const first: Word[] = [
      { text: '18', bbox: [62, 4, 72, h - 4] },
      { text: '200002', bbox: [78, 4, 112, h - 4] },
      { text: '1012', bbox: [116, 4, 142, h - 4] },
    ].map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 80, source: 'ocr' as const }));
    const out = await repairNips({ page: 1, dpi: 300, k, pools }, image, first);
    expect(parseNip(out.map((w) => w.text).join(' '))?.nip).toBe('196810182000021012');
  });

  it('reads again a NIP line whose label a mark ran into the birth date and month (`P419681018°200002`)', async () => {
    const { image, h, k } = await fixture();
    const first: Word[] = [
      { text: 'P419681018°200002', bbox: [8, 4, 112, h - 4] },
      { text: '1', bbox: [116, 4, 120, h - 4] },
      { text: '012', bbox: [124, 4, 142, h - 4] },
    ].map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 56, source: 'ocr' as const }));
    const out = await repairNips({ page: 1, dpi: 300, k, pools }, image, first);
    expect(parseNip(out.map((w) => w.text).join(' '))?.nip).toBe('196810182000021012');
  });

  it('reads again a NIP line whose last group a mark lifted off the line, and one of which only `1 012` was read', async () => {
    const { image, h, k } = await fixture();
    const words = (ws: { text: string; bbox: number[] }[]): Word[] =>
      ws.map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 80, source: 'ocr' as const }));
    // the serial `012` went to another line: the line's box must still reach where a NIP ends
    const noSerial = words([
      { text: 'NIP', bbox: [8, 4, 30, h - 4] },
      { text: '19681018', bbox: [34, 4, 72, h - 4] },
      { text: '200002', bbox: [78, 4, 112, h - 4] },
      { text: '1', bbox: [116, 4, 120, h - 4] },
    ]);
    const a = await repairNips({ page: 1, dpi: 300, k, pools }, image, noSerial);
    expect(parseNip(a.map((w) => w.text).join(' '))?.nip).toBe('196810182000021012');
    // a stamp took the label, birth date and month: the box reaches left to where they must be
    const serialOnly = words([
      { text: '1', bbox: [116, 4, 120, h - 4] },
      { text: '012', bbox: [124, 4, 142, h - 4] },
    ]);
    const b = await repairNips({ page: 1, dpi: 300, k, pools }, image, serialOnly);
    expect(parseNip(b.map((w) => w.text).join(' '))?.nip).toBe('196810182000021012');
  });

  it('reads again a line that read as a valid NIP, and takes what two re-reads agree on', async () => {
    // the unit head's NIP line of a skewed 200 DPI scan (dev seed 4243 doc 8, upsampled to 300 DPI
    // and deskewed as the pipeline does) under a stamp's edge: the page pass read `19821105` as
    // `19871105`, still a valid NIP, of no one
    const { image } = await grayFixture('nip-skew-200dpi.png');
    const first: Word[] = [
      { text: 'NIP.', bbox: [21, 6, 42, 15] },
      { text: '19871105', bbox: [45, 6, 85, 15] },
      { text: '200708', bbox: [89, 6, 120, 15] },
      { text: '2', bbox: [125, 6, 128, 15] },
      { text: '025', bbox: [132, 6, 146, 15] },
    ].map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 90, source: 'ocr' as const }));
    expect(parseNip(first.map((w) => w.text).join(' '))?.valid).toBe(true);
    const out = await repairNips({ page: 1, dpi: 300, k: 300 / 72, pools }, image, first);
    expect(parseNip(out.map((w) => w.text).join(' '))?.nip).toBe('198211052007082025');
    // read right the first time, the line keeps its words
    const right = first.map((w) => (w.text === '19871105' ? { ...w, text: '19821105' } : w));
    expect(await repairNips({ page: 1, dpi: 300, k: 300 / 72, pools }, image, right)).toBe(right);
  });

  it('rebuilds a NIP whose century a signature took (`Nan 840205 201707 2 012`), as one doubtful word', async () => {
    // the camat's NIP line of a 1-bit scan (reserved seed 100787 doc 5, page 7): a signature's
    // stroke across `NIP. 19`; every read gives `NI0840205 …`, whose yymmdd and the rest name one NIP
    const { image } = await grayFixture('nip-signature-bilevel.png');
    const first: Word[] = [
      { text: 'Nan', bbox: [11, 3, 30, 13] },
      { text: '840205', bbox: [74, 3, 110, 13] },
      { text: '201707', bbox: [112, 3, 142, 13] },
      { text: '2', bbox: [150, 3, 153, 13] },
      { text: '012', bbox: [159, 3, 176, 13] },
    ].map((w) => ({ ...w, bbox: w.bbox as Word['bbox'], page: 1, conf: 90, source: 'ocr' as const }));
    const out = await repairNips({ page: 1, dpi: 300, k: 300 / 72, pools }, image, first);
    expect(out.map((w) => w.text)).toEqual(['NIP. 19840205 201707 2 012']);
    expect(out[0]!.conf).toBeLessThanOrEqual(60);
  });

  it('leaves a line alone when no cut reads a valid NIP', async () => {
    const image = { data: new Uint8Array(400 * 60).fill(255), width: 400, height: 60 };
    const first: Word[] = [
      { text: 'NIP.', bbox: [2, 2, 20, 12], page: 1, conf: 80, source: 'ocr' },
      { text: '1968', bbox: [22, 2, 40, 12], page: 1, conf: 80, source: 'ocr' },
    ];
    expect(await repairNips({ page: 1, dpi: 300, k: 300 / 72, pools }, image, first)).toBe(first);
  });
});

describe('nipParts', () => {
  const line = (texts: string[]): Word[] =>
    texts.map((text, i) => ({ text, bbox: [40 + 30 * i, 700, 66 + 30 * i, 710], page: 1, conf: 80, source: 'ocr' }));
  it('splits two NIPs side by side on one line where the second label was lost', () => {
    const parts = nipParts(line(['NIP', '80718', '200101', '2', '006', '19810825', '200310', '1', '006']));
    expect(parts.map((p) => p.text)).toEqual(['NIP 80718 200101 2 006', '19810825 200310 1 006']);
    // the first NIP's box stops where the second begins
    expect(parts[0]!.bbox[2]).toBeLessThan(parts[1]!.bbox[0]);
    expect(parseNip(parts[1]!.text)?.valid).toBe(true);
  });
  it('keeps one NIP whole, and two labelled NIPs as two', () => {
    expect(nipParts(line(['NIP.', '19810825', '200310', '1', '006'])).map((p) => p.text)).toEqual([
      'NIP. 19810825 200310 1 006',
    ]);
    expect(
      nipParts(line(['NIP.', '19681018', '200002', '1', '012', 'NIP.', '19810825', '200310', '1', '006'])).map(
        (p) => p.text,
      ),
    ).toEqual(['NIP. 19681018 200002 1 012', 'NIP. 19810825 200310 1 006']);
  });
});
