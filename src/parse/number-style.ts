/**
 * How a document (or one table) writes its numbers, detected from the cells themselves. Reports
 * write `48.320.000,00` (Indonesian), `48,320,000.00` and `33.33%` (English), or mix a decimal
 * point with thousands dots in one table (`749.930.215` beside `93.6`). Only one shape is
 * ambiguous on its own: one separator followed by exactly three digits (`1.500`, `1,500`); the
 * other cells say which it is. When they do not, the cell is ambiguous and must be read by a human.
 */

export type SeparatorRole = 'thousands' | 'decimal';

export interface NumberStyle {
  /** what `.` means where a lone `.` is followed by exactly three digits; null when undecided */
  dot: SeparatorRole | null;
  comma: SeparatorRole | null;
}

export const UNKNOWN_STYLE: NumberStyle = { dot: null, comma: null };

export interface StyleEvidence {
  dotThousands: number;
  dotDecimal: number;
  commaThousands: number;
  commaDecimal: number;
}

const NUMBER_TOKEN = /\d[\d.,]*\d|\d/g;

/** What the separators of the numbers in one cell show. */
export function styleEvidence(texts: Iterable<string>): StyleEvidence {
  const e: StyleEvidence = { dotThousands: 0, dotDecimal: 0, commaThousands: 0, commaDecimal: 0 };
  for (const raw of texts) {
    // spaces OCR put around separators, and a trailing sentence separator, are no evidence
    const text = raw.replace(/\s*([.,])\s*(?=\d)/g, '$1');
    for (const m of text.matchAll(NUMBER_TOKEN)) addToken(m[0], e);
  }
  return e;
}

function addToken(t: string, e: StyleEvidence): void {
  const dots = (t.match(/\./g) ?? []).length,
    commas = (t.match(/,/g) ?? []).length;
  if (!dots && !commas) return;
  if (dots && commas) {
    const lastDot = t.lastIndexOf('.'),
      lastComma = t.lastIndexOf(',');
    if (lastDot > lastComma && commas >= 1 && dots === 1) {
      e.commaThousands++;
      e.dotDecimal++;
    } else if (lastComma > lastDot && dots >= 1 && commas === 1) {
      e.dotThousands++;
      e.commaDecimal++;
    }
    return;
  }
  const sep = dots ? '.' : ',';
  const count = dots || commas;
  if (count > 1) {
    if (
      t
        .split(sep)
        .slice(1)
        .every((g) => g.length === 3)
    )
      bump(e, sep, 'thousands');
    return;
  }
  const [intPart = '', frac = ''] = t.split(sep);
  if (frac.length !== 3 || intPart.startsWith('0') || intPart.length > 3) bump(e, sep, 'decimal');
}

function bump(e: StyleEvidence, sep: '.' | ',', role: SeparatorRole): void {
  if (sep === '.') {
    if (role === 'thousands') e.dotThousands++;
    else e.dotDecimal++;
  } else if (role === 'thousands') e.commaThousands++;
  else e.commaDecimal++;
}

/**
 * The style the evidence shows. A separator seen only grouping thousands groups them; seen only as
 * a decimal mark, it is one. With no evidence for it, the other separator decides (a report does
 * not use both as decimal marks). Seen both ways (`749.930.215` and `93.6`) it stays undecided.
 */
export function styleOf(e: StyleEvidence): NumberStyle {
  const side = (t: number, d: number, otherT: number, otherD: number): SeparatorRole | null => {
    if (t && !d) return 'thousands';
    if (d && !t) return 'decimal';
    if (t && d) return null;
    if (otherD && !otherT) return 'thousands';
    if (otherT && !otherD) return 'decimal';
    return null;
  };
  return {
    dot: side(e.dotThousands, e.dotDecimal, e.commaThousands, e.commaDecimal),
    comma: side(e.commaThousands, e.commaDecimal, e.dotThousands, e.dotDecimal),
  };
}

export function addEvidence(a: StyleEvidence, b: StyleEvidence): StyleEvidence {
  return {
    dotThousands: a.dotThousands + b.dotThousands,
    dotDecimal: a.dotDecimal + b.dotDecimal,
    commaThousands: a.commaThousands + b.commaThousands,
    commaDecimal: a.commaDecimal + b.commaDecimal,
  };
}
