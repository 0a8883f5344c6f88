import sharp from 'sharp';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { GrayImage } from '../../src/model/image.js';

/**
 * A bilevel page as office copiers store it: the image thresholded to 1 bit and compressed with
 * CCITT Group 4 (sharp/libtiff's encoder, one strip), its G4 stream lifted out of the TIFF as is.
 */
export async function g4Stream(img: GrayImage, threshold = 128): Promise<Uint8Array> {
  const bw = new Uint8Array(img.data.length);
  for (let i = 0; i < bw.length; i++) bw[i] = img.data[i]! < threshold ? 0 : 255;
  // one strip holds the whole page: the strip height follows tileHeight (a multiple of 16)
  const strip = Math.ceil(img.height / 16) * 16;
  const tif = await sharp(bw, { raw: { width: img.width, height: img.height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: strip, tileWidth: 16 })
    .toBuffer();
  return tiffStrip(tif);
}

/** The single strip of a little-endian or big-endian baseline TIFF (its first IFD). */
function tiffStrip(tif: Buffer): Uint8Array {
  const le = tif.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tif.readUInt16LE(o) : tif.readUInt16BE(o));
  const u32 = (o: number) => (le ? tif.readUInt32LE(o) : tif.readUInt32BE(o));
  const ifd = u32(4);
  const tags = new Map<number, { type: number; count: number; at: number }>();
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const e = ifd + 2 + 12 * i;
    tags.set(u16(e), { type: u16(e + 2), count: u32(e + 4), at: e + 8 });
  }
  const value = (tag: number) => {
    const t = tags.get(tag);
    if (t?.count !== 1) throw new Error(`TIFF tag ${tag}: expected one value (one strip)`);
    return t.type === 3 ? u16(t.at) : u32(t.at);
  };
  if (value(259) !== 4) throw new Error('not a CCITT G4 TIFF');
  const off = value(273),
    len = value(279);
  return new Uint8Array(tif.subarray(off, off + len));
}

/**
 * An image-only PDF whose pages are 1-bit CCITT G4 images filling the page (A4 at the images'
 * `dpi`), as a scanner or copier writes a bilevel scan.
 */
export async function g4Pdf(pages: readonly GrayImage[], dpi: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const img of pages) {
    const data = await g4Stream(img);
    const ctx = doc.context;
    const stream = ctx.stream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: img.width,
      Height: img.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'CCITTFaxDecode',
      // libtiff writes min-is-black G4 from sharp's b-w output: its 1 bits are white
      DecodeParms: { K: -1, Columns: img.width, Rows: img.height, BlackIs1: true },
    });
    const ref = ctx.register(stream);
    const w = (img.width * 72) / dpi,
      h = (img.height * 72) / dpi;
    const page = doc.addPage([w, h]);
    page.node.setXObject(PDFName.of('Im0'), ref);
    const content = ctx.stream(`q ${w.toFixed(3)} 0 0 ${h.toFixed(3)} 0 0 cm /Im0 Do Q`);
    page.node.set(PDFName.of('Contents'), ctx.register(content));
  }
  return doc.save();
}
