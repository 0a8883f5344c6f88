import { parseNumber } from './numbers.js';

export interface Interval {
  min: number | null;
  max: number | null;
}

/**
 * A Tabel 2.2 band as printed: `91% ≤ 100%`, `90 < X ≤ 100`, `> 90% - 100%`, `91 - 100`,
 * `≤ 50%`, `X ≤ 50`, `< 50`, `≥ 91`, `0 - 50`. Numbers are percent; an open side is null.
 * Inclusivity is not kept: bands meet when one's max equals the next one's min.
 */
export function parseInterval(raw: string): Interval | null {
  const s = raw.replace(/\s+/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
  const nums = [...s.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => parseNumber(m[0], 'pct'));
  const values = nums.map((n) => n.value).filter((v): v is number => typeof v === 'number');
  if (values.length >= 2) {
    const [a, b] = [values[0]!, values[1]!];
    return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  if (values.length === 1) {
    const v = values[0]!;
    const idx = s.search(/\d/);
    const beforeNum = s.slice(0, idx).toLowerCase();
    const afterNum = s.slice(idx).toLowerCase();
    // "≤ 50", "< 50", "X ≤ 50", "kurang dari 50", "50 ke bawah"; OCR models without a `≤` glyph
    // read "= 50" or "£ 50": no scale prints a band so, and the one-number band is the lowest one
    if (/[≤≦<=£]|kurang|di ?bawah/.test(beforeNum) || /ke ?bawah/.test(afterNum)) return { min: null, max: v };
    if (/[≥>]|lebih|di ?atas/.test(beforeNum) || /ke ?atas/.test(afterNum)) return { min: v, max: null };
    return null;
  }
  return null;
}
