/** An 8-bit single-channel (grayscale) raster, row-major, `width * height` bytes. */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * A box in image pixels, [x0, y0, x1, y1] from the top-left; end-exclusive where it indexes pixels
 * (crops, ink counts). Page points are `BBox` (model/word.ts).
 */
export type PixelBox = [number, number, number, number];

/** A page as pixels: the image plus its resolution, so pixel boxes map back to PDF points. */
export interface PageRaster {
  page: number;
  image: GrayImage;
  /** pixels per inch; page points = pixels × 72 / dpi */
  dpi: number;
}

export const pxToPt = (px: number, dpi: number) => (px * 72) / dpi;
