/** Where a scanned page's one image sits; shared by the pdfjs and the JPEG-stream readers. */

/**
 * The resolution of a w×h-pixel image drawn upright over `rect` ([x0, y0, x1, y1], points) when
 * it covers the page box `page` (within 1.5 %) with square pixels; null otherwise (non-square
 * pixels or a partial image: let the renderer resample).
 */
export function fullPageImageDpi(
  rect: readonly number[],
  page: readonly number[],
  w: number,
  h: number,
): number | null {
  const tol = 0.015 * Math.max(page[2]! - page[0]!, page[3]! - page[1]!);
  if (rect.some((v, i) => Math.abs(v - page[i]!) > tol)) return null;
  const dpiX = (w * 72) / (rect[2]! - rect[0]!),
    dpiY = (h * 72) / (rect[3]! - rect[1]!);
  return Math.abs(dpiX - dpiY) > 0.02 * dpiX ? null : dpiX;
}
