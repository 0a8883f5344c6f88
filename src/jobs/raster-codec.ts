import sharp from 'sharp';
import type { PageRaster } from '../model/image.js';

/** A corrected page raster as lossless PNG, for handing from a page job to the assemble job. */
export async function encodeRaster(r: PageRaster): Promise<Uint8Array> {
  const { data, width, height } = r.image;
  return sharp(data, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function decodeRaster(png: Uint8Array, page: number, dpi: number): Promise<PageRaster> {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`page ${page}: stored raster has ${info.channels} channels`);
  return {
    page,
    dpi,
    image: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height },
  };
}
