import { normalizeSpace } from './text.js';
import type { NumberStyle } from './number-style.js';

/**
 * Indonesian numbers as printed in LKj reports: `48.320.000,00`, `Rp. 48.320.000`, `33,33 %`,
 * `12 Kegiatan`, but also what real reports and OCR make of them: `29.5 %`, `1,231,790,000`,
 * `70.78`, `48.320. 000,00`.
 *
 * Separator rules, in order:
 *  1. Both `.` and `,` present: the last one is the decimal separator, the other groups thousands.
 *  2. One kind of separator, repeated (`48.320.000`, `1,231,790,000`): thousands.
 *  3. One separator followed by anything but exactly 3 digits (`29.5`, `33,33`, `70.78`): decimal.
 *  4. One separator followed by exactly 3 digits (`48.320`, `1,500`, `12,500`) is ambiguous:
 *     - integer part `0…` or longer than 3 digits (`0,500`, `1234.567`): decimal (a thousands
 *       group never looks like that);
 *     - money: thousands (rupiah are printed whole or with `,00`);
 *     - pct: decimal (a percentage of 1 500 does not occur; `12,500%` → 12.5, decimals 3);
 *     - number: what the document's style says that separator is (`parse/number-style.ts`); with
 *       no style known, the Indonesian convention (`.` thousands, `,` decimal: `1.500 Orang` →
 *       1500) and the result is marked `ambiguous`.
 *  Thousands groups must be well formed (1–3 digits, then groups of 3) or the text is not a number.
 *
 * The kind is taken from the text when it says so (`%`/`persen` → pct, `Rp` → money, a unit word
 * such as `Kegiatan` → number), otherwise from the hint.
 */
export type NumberKind = 'pct' | 'money' | 'number';

export interface ParsedNumber {
  /** percent for pct (33,33 % → 33.33), rupiah for money; null when the cell is empty or `-` */
  value: number | null;
  /** decimals printed (`19,50%` → 2, `20%` → 0); null when there is no value */
  decimals: number | null;
  kind: NumberKind;
  /** false when the text has something in it that is not a number of this family */
  ok: boolean;
  /** a count like `1.500` whose separator the style could not decide: the value is a guess */
  ambiguous?: boolean;
}

const MULTIPLIERS: Record<string, number> = {
  rb: 1e3,
  ribu: 1e3,
  jt: 1e6,
  juta: 1e6,
  m: 1e9,
  miliar: 1e9,
  milyar: 1e9,
  t: 1e12,
  triliun: 1e12,
};
const PERCENT_WORDS = new Set(['persen', 'prosen', 'percent']);

export function parseNumber(raw: string, hint?: NumberKind, style?: NumberStyle): ParsedNumber {
  let s = normalizeSpace(raw);
  let kind: NumberKind = hint ?? 'number';
  const fail = (): ParsedNumber => ({ value: null, decimals: null, kind, ok: false });
  const empty = (): ParsedNumber => ({ value: null, decimals: null, kind, ok: true });

  // Currency prefix: `Rp`, `Rp.`, `Rp48.320.000`, `IDR`.
  const currency = /^(?:rp|idr)\.?\s*/i.exec(s);
  if (currency) {
    kind = 'money';
    s = s.slice(currency[0].length);
  }
  // `48.320.000,-` / `48.320.000,--`: the dash says "no cents".
  s = s.replace(/[.,]\s*-+$/, '');
  if (/%$/.test(s)) {
    kind = 'pct';
    s = s.slice(0, -1).trim();
  }
  // Trailing unit word: `12 Kegiatan`, `100 Persen`, `48,32 juta`.
  let multiplier = 1;
  const unit = /^(.*?\d[.,]?)\s*(\p{L}[\p{L}\s./]*)$/u.exec(s);
  if (unit) {
    const word = unit[2]!.trim().toLocaleLowerCase('id').replace(/\.$/, '');
    const mult = MULTIPLIERS[word];
    if (PERCENT_WORDS.has(word)) kind = 'pct';
    else if (mult !== undefined) multiplier = mult;
    else kind = 'number';
    s = unit[1]!.trim();
  }

  if (s === '' || /^[-–—−]+$/.test(s.replace(/\s/g, ''))) return empty();

  let negative = false;
  const sign = /^([-−–—+])\s*(?=\d)/.exec(s);
  if (sign) {
    negative = sign[1] !== '+';
    s = s.slice(sign[0].length);
  }

  const core = joinSpacedDigits(s);
  if (core === null) return fail();
  const split = splitNumber(core, kind, style);
  if (split === null) return fail();

  const decimals = split.frac.length;
  let value = Number(`${split.int}.${split.frac || '0'}`);
  if (!Number.isFinite(value)) return fail();
  if (negative) value = -value;
  if (multiplier !== 1) {
    // `48,32 juta` is 48 320 000 rupiah: whole rupiah, no decimals left.
    return { value: Math.round(value * multiplier), decimals: 0, kind, ok: true };
  }
  return { value: value === 0 ? 0 : value, decimals, kind, ok: true, ...(split.ambiguous ? { ambiguous: true } : {}) };
}

/** Decimals printed in a number (`19,50%` → 2), or null when it is not a number. */
export function decimalsOf(raw: string, hint?: NumberKind): number | null {
  return parseNumber(raw, hint).decimals;
}

/**
 * OCR and justified text put spaces inside numbers (`48.320. 000,00`, `1 500 000`). Spaces next to
 * a separator go; other spaces are allowed only between thousands groups of 3.
 */
function joinSpacedDigits(s: string): string | null {
  let t = s.replace(/\s*([.,])\s*/g, '$1');
  // A single trailing separator is sentence punctuation (`… 2025.`), not part of the number.
  t = t.replace(/^(.*\d)[.,]$/, '$1');
  if (!/\s/.test(t)) return /^\d+(?:[.,]\d+)*$/.test(t) ? t : null;
  const groups = t.split(/\s+/);
  if (!groups.every((g) => /^\d+$/.test(g))) return null;
  const [first, ...rest] = groups;
  if (!first || first.length > 3 || !rest.every((g) => g.length === 3)) return null;
  return groups.join('');
}

/** Splits `48.320.000,00` into integer digits `48320000` and fraction digits `00`. */
function splitNumber(
  core: string,
  kind: NumberKind,
  style?: NumberStyle,
): { int: string; frac: string; ambiguous?: boolean } | null {
  const dots = (core.match(/\./g) ?? []).length;
  const commas = (core.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return { int: core, frac: '' };

  if (dots > 0 && commas > 0) {
    const decimalSep = core.lastIndexOf('.') > core.lastIndexOf(',') ? '.' : ',';
    const thousandsSep = decimalSep === '.' ? ',' : '.';
    const at = core.lastIndexOf(decimalSep);
    const intPart = core.slice(0, at);
    if (intPart.includes(decimalSep)) return null;
    const frac = core.slice(at + 1);
    // rupiah have no third decimal: `14,973.000` is a group of thousands whose separator OCR
    // misread, a doubtful reading of 14.973.000
    if (kind === 'money' && frac.length === 3) {
      const whole = groupedInt(intPart, thousandsSep, '');
      return whole && { int: whole.int + frac, frac: '', ambiguous: true };
    }
    return groupedInt(intPart, thousandsSep, frac);
  }

  const sep = dots > 0 ? '.' : ',';
  if (dots + commas > 1) return groupedInt(core, sep, '');

  const [intPart = '', after = ''] = core.split(sep);
  if (after.length !== 3 || intPart.startsWith('0') || intPart.length > 3) return { int: intPart, frac: after };
  if (kind === 'money') return { int: intPart + after, frac: '' };
  if (kind === 'pct') return { int: intPart, frac: after };
  const role = (sep === '.' ? style?.dot : style?.comma) ?? null;
  if (role === 'thousands') return { int: intPart + after, frac: '' };
  if (role === 'decimal') return { int: intPart, frac: after };
  // undecided: the Indonesian convention, flagged as a guess when a style was asked for
  const guess = sep === '.' ? { int: intPart + after, frac: '' } : { int: intPart, frac: after };
  return style ? { ...guess, ambiguous: true } : guess;
}

function groupedInt(intPart: string, sep: string, frac: string): { int: string; frac: string } | null {
  const groups = intPart.split(sep);
  const [first, ...rest] = groups;
  if (!first || first.length > 3 || !rest.every((g) => g.length === 3)) return null;
  return { int: groups.join(''), frac };
}

/**
 * Money is printed in groups of three (`48.320.000,00`, `1,231,790,000`): a group of another length
 * (`4.8320.000`, `48.32.000`) is a misread separator or digit, and a first group beginning with `0`
 * (`020.000` for 3.020.000) a lost digit.
 */
export function moneyGroupsBroken(raw: string): boolean {
  const digits = raw
    .replace(/^\s*Rp\.?\s*/i, '')
    .replace(/\s+/g, '')
    .replace(/[,.]\d{1,2}$/, '');
  const groups = digits.split(/[.,]/);
  if (groups.length < 2 || !groups.every((g) => /^\d+$/.test(g))) return false;
  // no amount of a thousand or more starts with a zero: `020.000` lost its leading digit
  return !/^[1-9]\d{0,2}$/.test(groups[0]!) || groups.slice(1).some((g) => g.length !== 3);
}
