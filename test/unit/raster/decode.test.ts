import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, listPageImages, naturalCompare, openImage, pageDpi } from '../../../src/raster/decode.js';
import { InputError } from '../../../src/intake/errors.js';

const W = 120,
  H = 80;
/** A gray test card: left half black, right half 200. */
function card(): Buffer {
  const raw = Buffer.alloc(W * H, 200);
  for (let y = 0; y < H; y++) raw.fill(0, y * W, y * W + W / 2);
  return raw;
}
const gray = (raw: Buffer, h = H) => sharp(raw, { raw: { width: W, height: h, channels: 1 } });

async function expectInputError(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof InputError && e.code === code && text.test(e.message));
}

describe('openImage / decodeImage', () => {
  it('decodes JPG, PNG and TIFF to one gray page', async () => {
    const inputs = {
      jpg: await gray(card()).jpeg({ quality: 95 }).toBuffer(),
      png: await gray(card()).png().toBuffer(),
      tif: await gray(card()).tiff({ compression: 'lzw' }).toBuffer(),
    };
    for (const [kind, bytes] of Object.entries(inputs)) {
      const pages = await decodeImage(bytes, `a.${kind}`);
      expect(pages).toHaveLength(1);
      const p = pages[0]!;
      expect(p.page).toBe(1);
      expect(p.image.width).toBe(W);
      expect(p.image.data.length).toBe(W * H); // one channel
      expect(p.image.data[10 * W + 5]).toBeLessThan(10);
      expect(p.image.data[10 * W + 100]).toBeGreaterThan(190);
      expect(p.image.data[10 * W + 100]).toBeLessThan(210);
    }
  });

  it('takes the DPI from the file when it fits a paper page', async () => {
    const page = (w: number, h: number) =>
      sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } }).toColourspace('b-w');
    const dpiOf = async (bytes: Buffer) => (await decodeImage(bytes, 'p'))[0]!.dpi;
    expect(await dpiOf(await page(1654, 2339).png().withDensity(200).toBuffer())).toBe(200);
    expect(await dpiOf(await page(1700, 2200).tiff({ compression: 'deflate' }).withDensity(200).toBuffer())).toBe(200); // Letter
    expect(await dpiOf(await page(2480, 3508).jpeg().withDensity(72).toBuffer())).toBe(300); // 72: a default, not a scan
    expect(await dpiOf(await page(1654, 2339).jpeg().toBuffer())).toBe(200); // none: A4 assumed
  });

  it('reads colour and transparency as gray on white', async () => {
    const rgba = Buffer.alloc(W * H * 4, 0); // fully transparent black
    for (let i = 0; i < W * 10; i++) rgba.writeUInt32BE(0xff0000ff, i * 4); // top rows opaque red
    const png = await sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toBuffer();
    const [p] = await decodeImage(png, 'rgba.png');
    expect(p!.image.data.length).toBe(W * H);
    expect(p!.image.data[W * 50]).toBe(255); // transparent → paper, not black
    expect(p!.image.data[5]).toBeGreaterThan(50); // red → mid gray (libvips: lightness L*, ~127)
    expect(p!.image.data[5]).toBeLessThan(160);
  });

  it('reads a multi-page TIFF as pages, one at a time', async () => {
    const raw = Buffer.alloc(W * H * 3, 255);
    raw.fill(0, W * H * 2); // page 3 black
    const tif = await sharp(raw, { raw: { width: W, height: H * 3, channels: 1, pageHeight: H } as never })
      .tiff({ compression: 'deflate' })
      .toBuffer();
    const doc = await openImage(tif, 'multi.tif');
    expect(doc.numPages).toBe(3);
    expect(doc.format).toBe('tiff');
    const p3 = await doc.page(3);
    expect(p3.page).toBe(3);
    expect(p3.image.height).toBe(H);
    expect(p3.image.data[0]).toBe(0);
    expect((await doc.page(1)).image.data[0]).toBe(255);
    expect(() => doc.page(4)).toThrow(RangeError);
    await expectInputError(openImage(tif, 'multi.tif', { maxPages: 2 }), 'too-large', /3 pages.*2-page limit/);
  });

  it('reads a 1-bit CCITT G4 TIFF (the usual archive scan)', async () => {
    const tif = await gray(card()).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
    const [p] = await decodeImage(tif, 'g4.tif');
    expect(p!.image.data[5]).toBe(0);
    expect(p!.image.data[100]).toBe(255);
  });

  it('refuses decompression bombs before decoding them', async () => {
    // a PNG header claiming 100000×100000 px (10 Gpx) in a 1 kB file
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(body) >>> 0);
      return Buffer.concat([head, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(100000, 0);
    ihdr.writeUInt32BE(100000, 4);
    ihdr[8] = 8;
    const bomb = Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(Buffer.alloc(100001 * 4))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    await expectInputError(decodeImage(bomb, 'bomb.png'), 'too-large', /100000×100000.*limit/);
    const png = await gray(card()).png().toBuffer();
    await expectInputError(decodeImage(png, 'small.png', { maxPixels: 5000 }), 'too-large', /5000-pixel limit/);
  });

  it('refuses corrupt, truncated and unsupported files as bad images, naming the file', async () => {
    const noisy = Buffer.alloc(W * H);
    for (let i = 0; i < noisy.length; i++) noisy[i] = (i * 7919) % 251;
    const jpg = await gray(noisy).jpeg().toBuffer();
    await expectInputError(
      decodeImage(jpg.subarray(0, jpg.length >> 1), 'half.jpg'),
      'bad-image',
      /^half\.jpg: .*corrupt or truncated/,
    );
    const tif = await gray(noisy).tiff({ compression: 'lzw' }).toBuffer();
    await expectInputError(decodeImage(tif.subarray(0, tif.length >> 1), 'half.tif'), 'bad-image', /^half\.tif: /);
    const scrambled = Buffer.from(tif);
    scrambled.fill(0xff, 200, scrambled.readUInt32LE(4) - 200); // pixel data garbled, directory intact
    await expectInputError(decodeImage(scrambled, 'scrambled.tif'), 'bad-image', /corrupt or truncated/);
    await expectInputError(
      decodeImage(Buffer.from('not an image at all'), 'notes.png'),
      'bad-image',
      /not a readable image/,
    );
    const gif = await gray(card()).gif().toBuffer();
    await expectInputError(decodeImage(gif, 'anim.gif'), 'bad-image', /gif images are not supported/);
  });
});

describe('pageDpi', () => {
  it('keeps a plausible declared DPI and otherwise assumes an A4 page', () => {
    expect(pageDpi(300, 2480, 3508)).toBe(300);
    expect(pageDpi(200, 1654, 2339)).toBe(200);
    expect(pageDpi(undefined, 1654, 2339)).toBe(200); // 200 DPI scan without metadata
    expect(pageDpi(72, 2480, 3508)).toBe(300); // camera/tool default 72 would make a 48-inch page
    expect(pageDpi(undefined, 3508, 2480)).toBe(300); // landscape
    expect(pageDpi(99999, 2480, 3508)).toBe(300);
    expect(pageDpi(undefined, 120, 80)).toBe(300); // a thumbnail: nothing to infer
  });
});

describe('listPageImages', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lkj-pages-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists page images in natural order, ignoring hidden files', async () => {
    const d = path.join(dir, 'ok');
    await mkdir(d);
    for (const f of ['page10.png', 'page2.JPG', 'page1.tif', 'Page3.jpeg', 'page11.tiff', '.DS_Store'])
      await writeFile(path.join(d, f), 'x');
    const list = await listPageImages(d);
    expect(list.map((f) => path.basename(f))).toEqual([
      'page1.tif',
      'page2.JPG',
      'Page3.jpeg',
      'page10.png',
      'page11.tiff',
    ]);
    expect(list[0]).toBe(path.join(d, 'page1.tif'));
  });

  it('refuses a folder holding anything else, with a hint', async () => {
    const d = path.join(dir, 'mixed');
    await mkdir(path.join(d, 'lampiran'), { recursive: true });
    for (const f of ['p1.png', 'p2.png', 'notes.txt', 'report.pdf']) await writeFile(path.join(d, f), 'x');
    await expect(listPageImages(d)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof InputError &&
        e.code === 'bad-image' &&
        /lampiran\/, notes\.txt, report\.pdf/.test(e.message) &&
        /keep only .*\.jpg/.test(e.message) &&
        e.message.startsWith(d),
    );
  });

  it('refuses an empty folder, a missing one and too many pages', async () => {
    const d = path.join(dir, 'empty');
    await mkdir(d);
    await expectInputError(listPageImages(d), 'empty-file', /no page images/);
    await expectInputError(listPageImages(path.join(dir, 'nope')), 'not-found', /cannot read/);
    const many = path.join(dir, 'many');
    await mkdir(many);
    for (let i = 1; i <= 4; i++) await writeFile(path.join(many, `p${i}.png`), 'x');
    await expectInputError(listPageImages(many, 3), 'too-large', /4 images.*3-page limit/);
  });

  it('naturalCompare sorts numbers by value', () => {
    expect(['p10', 'p9', 'p1', 'p100'].sort(naturalCompare)).toEqual(['p1', 'p9', 'p10', 'p100']);
  });
});
