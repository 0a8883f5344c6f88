/** An 8-bit single-channel (grayscale) raster, row-major, `width * height` bytes. */
export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A page as pixels: the image plus its resolution, so pixel boxes map back to PDF points. */
export interface PageRaster {
  page: number;
  image: GrayImage;
  /** pixels per inch; page points = pixels × 72 / dpi */
  dpi: number;
}

export const pxToPt = (px: number, dpi: number) => (px * 72) / dpi;
