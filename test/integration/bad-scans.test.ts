import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { Report } from '../../src/model/contract.js';

let dir: string;

/** A PNG whose header claims 60 000 × 60 000 pixels: a decompression bomb, refused from its header. */
function bombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(60000, 0);
  ihdr.writeUInt32BE(60000, 4);
  ihdr[8] = 1;
  ihdr[9] = 0; // 1-bit gray
  const idat = zlib.deflateSync(Buffer.alloc(1024));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-badscan-'));
  await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fbfbfb' } })
    .png()
    .withMetadata({ density: 150 })
    .toFile(path.join(dir, 'blank.png'));
  // a "photo": smooth shapes and noise, no text
  const w = 800,
    h = 600,
    px = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) px[y * w + x] = 128 + Math.round(90 * Math.sin(x / 37) * Math.cos(y / 23));
  await sharp(px, { raw: { width: w, height: h, channels: 1 } })
    .jpeg()
    .toFile(path.join(dir, 'photo.jpg'));
  fs.writeFileSync(path.join(dir, 'bomb.png'), bombPng());
  const tiff = fs.readFileSync(path.resolve('fixtures/corpus/tiff/pasirian-tw1-2023.tif'));
  fs.writeFileSync(path.join(dir, 'corrupt.tif'), tiff.subarray(0, Math.floor(tiff.length / 3)));
  fs.mkdirSync(path.join(dir, 'mixed-folder'));
  fs.copyFileSync(path.join(dir, 'blank.png'), path.join(dir, 'mixed-folder', 'page-1.png'));
  fs.writeFileSync(path.join(dir, 'mixed-folder', 'notes.txt'), 'x');
});
afterAll(closeSharedOcrPools);

async function failure(name: string) {
  const { report } = await extractFile(path.join(dir, name));
  Report.parse(report);
  expect(report.status).toBe('failed');
  expect(report.error?.message).toContain(name);
  return report.error!;
}

describe('bad scans end failed with a clear reason', () => {
  it('a blank page', async () => {
    const e = await failure('blank.png');
    expect(e.code).toBe('blank-page');
  });
  it('a photo that is not a report', async () => {
    const e = await failure('photo.jpg');
    expect(e.code).toBe('not-lkj');
  });
  it('a decompression bomb, refused from its header', async () => {
    const e = await failure('bomb.png');
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/piksel/);
  });
  it('a corrupt TIFF', async () => {
    const e = await failure('corrupt.tif');
    expect(e.code).toBe('bad-image');
  });
  it('a folder holding more than page images, with a hint', async () => {
    const e = await failure('mixed-folder');
    expect(e.code).toBe('bad-image');
    expect(e.message).toMatch(/notes\.txt/);
  });
});
