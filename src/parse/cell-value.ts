import { parseNumber, type NumberKind, type ParsedNumber } from './numbers.js';
import type { NumberStyle } from './number-style.js';
import { normalizeSpace } from './text.js';

/**
 * A numeric table cell as reports print it: a number (`parseNumber`), but also `n/a`, `NA`, `-`
 * (no value: the rules that need it are skipped), a number with a note beside it (`82 (>100%)`,
 * `100 %*)`), a negative number in parentheses (`(3.14)`), or a range target (`80 - 90 %`,
 * `69,1-69,5`, `80 s.d. 90`).
 */
export interface CellValue extends ParsedNumber {
  /** printed as not applicable / no data (`n/a`, `NA`, `-`, `tidak ada data`) */
  na?: boolean;
  /** what was printed beside the number, or the n/a text itself */
  note?: string;
  /** a range printed where one number belongs; `value` is null */
  range?: { min: number; max: number };
}

const NOT_APPLICABLE =
  /^(?:n\s*\/\s*a|n\.\s*a\.?|na|t\s*\/\s*a|tidak\s+ada(?:\s+data)?|belum\s+ada(?:\s+data)?|tidak\s+tersedia|[-–—−]+)$/i;
/** A note after the number: parenthesised, bracketed, or footnote marks. */
const TRAILING_NOTE = /^(.*?\d(?:[\d.,\s]*\d)?\s*(?:%|persen)?)\s*(\([^()]*\)|\[[^\]]*\]|\*+\)?|\d?\*+\)?)$/iu;
const RANGE = /^(.*?\d)\s*%?\s*(?:-|–|—|s\.?\s*d\.?|s\s*\/\s*d|sampai(?:\s+dengan)?)\s*(\d.*)$/iu;

export function parseCell(raw: string, kind: NumberKind, style?: NumberStyle): CellValue {
  const text = normalizeSpace(raw);
  if (NOT_APPLICABLE.test(text)) {
    return { value: null, decimals: null, kind, ok: true, na: true, ...(/[a-z]/i.test(text) ? { note: text } : {}) };
  }
  const direct = parseNumber(text, kind, style);
  if (direct.ok) return direct;
  // an accountant's negative: `(3.14)`
  const paren = /^\(\s*(\d[\d.,\s]*)\)\s*(%?)$/.exec(text);
  if (paren) {
    const n = parseNumber(`-${paren[1]}${paren[2]}`, kind, style);
    if (n.ok && n.value !== null) return n;
  }
  const noted = TRAILING_NOTE.exec(text);
  if (noted) {
    const n = parseNumber(noted[1]!, kind, style);
    if (n.ok && n.value !== null) return { ...n, note: noted[2]! };
  }
  const range = RANGE.exec(text);
  if (range) {
    const pct = /%|persen/i.test(text) ? 'pct' : kind;
    const a = parseNumber(range[1]!, pct, style),
      b = parseNumber(range[2]!, pct, style);
    if (a.ok && b.ok && a.value !== null && b.value !== null && a.value < b.value) {
      return {
        value: null,
        decimals: Math.max(a.decimals ?? 0, b.decimals ?? 0),
        kind: pct,
        ok: true,
        range: { min: a.value, max: b.value },
      };
    }
  }
  return direct;
}
