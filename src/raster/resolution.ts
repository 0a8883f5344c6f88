/** Resolution a page is rendered or assumed at when nothing says otherwise: what OCR reads best. */
export const DEFAULT_DPI = 300;

const A4_LONG_SIDE_IN = 11.69;

/**
 * The declared resolution of a page image when it describes a plausible paper page; otherwise
 * (none, or the 72 DPI that cameras and many tools write) assume the long side is A4's, which
 * recovers a 200 DPI scan saved without metadata; failing that, DEFAULT_DPI.
 */
export function pageDpi(density: number | undefined, width: number, height: number): number {
  const long = Math.max(width, height);
  const plausible = (dpi: number) => dpi >= 100 && dpi <= 1200 && long / dpi >= 5 && long / dpi <= 25;
  if (density && plausible(density)) return density;
  const a4 = Math.round(long / A4_LONG_SIDE_IN);
  return a4 >= 150 && a4 <= 600 ? a4 : DEFAULT_DPI;
}
