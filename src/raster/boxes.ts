// Pixel-box arithmetic shared by the OCR passes.

import type { PixelBox } from '../model/image.js';

/** Merge overlapping boxes until none overlap. */
export function mergeBoxes(boxes: PixelBox[]): PixelBox[] {
  const out = boxes.map((b) => [...b] as PixelBox);
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++)
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!,
          b = out[j]!;
        if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) {
          out[i] = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
          out.splice(j, 1);
          merged = true;
          break;
        }
      }
  }
  return out;
}

/** Intersection over the smaller box. */
export function overlapRatio(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!),
    h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (w <= 0 || h <= 0) return 0;
  const area = (x: readonly number[]) => (x[2]! - x[0]!) * (x[3]! - x[1]!);
  return (w * h) / Math.max(1, Math.min(area(a), area(b)));
}
