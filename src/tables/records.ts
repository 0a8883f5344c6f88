import { OPTIONAL_FIELDS, TABLE_FIELDS, fieldKind, type TableId } from '../model/contract.js';
import type { ExtractedRow, Field, FieldKind } from '../model/extracted.js';
import { parseNumber } from '../parse/numbers.js';
import { parseCell } from '../parse/cell-value.js';
import type { NumberStyle } from '../parse/number-style.js';
import { parseInterval } from '../parse/interval.js';
import type { ColumnField } from './columns.js';
import { normalizeLabel, type RawCell, type RawRow } from './rows.js';
import { groupLines, joinLines } from '../model/lines.js';
import type { Word } from '../model/word.js';

const EMPTY_CELL = (row: RawRow): RawCell => ({ text: '', words: [], bbox: row.bbox, conf: 100, page: row.page });

export function toRecord(table: TableId, row: RawRow, style?: NumberStyle): ExtractedRow {
  const fields: Record<string, Field> = {};
  // the template's text columns beside the contract's (`Satuan`, `Keterangan`, `Sumber Data`…),
  // kept when a table prints them (schemaVersion 2)
  for (const [name, cell] of Object.entries(row.cells) as [ColumnField, RawCell][]) {
    if ((OPTIONAL_FIELDS as readonly string[]).includes(name) || name.startsWith('extra:'))
      fields[name] = toField(cell, 'text');
  }
  for (const name of TABLE_FIELDS[table]) {
    if (table === '2.2' && (name === 'min' || name === 'max')) continue;
    const cell =
      row.cells[name as ColumnField] ??
      (name === 'uraian' && /^jumlah|total/i.test(row.no) ? { ...EMPTY_CELL(row), text: row.no } : EMPTY_CELL(row));
    fields[name] = toField(cell, fieldKind(table, name), style);
  }
  if (table === '2.2') {
    const cell = row.cells.interval ?? EMPTY_CELL(row);
    const ocr = cell.words.some((w) => w.source === 'ocr');
    const mended = ocr ? insertedSeparator(cell.text) : null;
    const iv = mended ?? parseInterval(cell.text);
    const conf = mended ? Math.min(cell.conf, REPAIRED_CONF) : cell.conf;
    const base = { raw: cell.text, conf, page: cell.page, bbox: cell.bbox, kind: 'pct' as const };
    const decimals = (v: number | null) => (v === null ? null : (String(v).split('.')[1]?.length ?? 0));
    fields.min = {
      ...base,
      value: iv?.min ?? null,
      decimals: decimals(iv?.min ?? null),
      parsed: iv !== null || !cell.text,
    };
    fields.max = {
      ...base,
      value: iv?.max ?? null,
      decimals: decimals(iv?.max ?? null),
      parsed: iv !== null || !cell.text,
    };
  }
  // a JUMLAH row printed across No and Uraian has its label as its text
  // (OCR may garble the merged cell's copy of it: `JJUMLAH`, or past recognition: `[[UIMIILAIKI`,
  // which the label took for JUMLAH by the row's shape)
  if (
    table === '2.5' &&
    /^(jumlah|total)/i.test(row.no) &&
    (!fields.uraian?.value || normalizeLabel(String(fields.uraian.value)) === row.no || row.labelInUraian)
  ) {
    fields.uraian = { ...fields.uraian!, value: row.no, raw: row.no };
  }
  return { table, no: row.no, page: row.page, bbox: row.bbox, fields };
}

/** Confidence of a number whose separator the document's style left undecided. */
export const AMBIGUOUS_CONF = 50;

function toField(cell: RawCell, kind: FieldKind, style?: NumberStyle): Field {
  const raw = cell.text.replace(/\s+/g, ' ').trim();
  const base = { raw, conf: cell.conf, page: cell.page, bbox: cell.bbox, kind };
  if (kind === 'text') {
    // a `|` inside an OCR'd text, alone or at a word's edge (`Kerja|`), is a rule's or a scanner
    // streak's remnant, not a character of the cell: no LKj text prints one; nor a comma or a full
    // stop standing alone between words (`jasa , komunikasi`: a speck)
    const text = cell.words.some((w) => w.source === 'ocr')
      ? raw
          .replace(/(^| )[|¦]+( |$)/g, ' ')
          .replace(/(^| )[,.;:]+(?= |$)/g, '$1')
          .replace(/[|¦]+(?= |$)/g, '')
          .replace(/(^| )[|¦]+/g, '$1')
          .replace(/ {2,}/g, ' ')
          .trim()
      : raw;
    return { ...base, raw: text, value: text || null, decimals: null, parsed: true };
  }
  const hint = kind === 'money' ? 'money' : kind === 'pct' ? 'pct' : 'number';
  const n = parseCell(raw, hint, style);
  if (n.ok && (n.na || n.range || n.note !== undefined || n.ambiguous)) {
    return {
      ...base,
      value: n.value,
      decimals: n.decimals,
      parsed: true,
      ...(n.na ? { na: true } : {}),
      ...(n.note !== undefined ? { note: n.note } : {}),
      ...(n.range ? { range: n.range } : {}),
      ...(n.ambiguous ? { ambiguous: true, conf: Math.min(base.conf, AMBIGUOUS_CONF) } : {}),
    };
  }
  if (!n.ok && cell.words.some((w) => w.source === 'ocr')) {
    const doubtful = { ...base, parsed: true, conf: Math.min(base.conf, REPAIRED_CONF) };
    // where a number is expected, letters OCR confuses with digits are digits; the repaired
    // value is doubtful by nature, so a rule failing on it is `uncertain`
    const fixed = repairDigits(raw);
    const r = fixed !== raw ? parseNumber(fixed, hint) : n;
    if (r.ok && r.value !== null) return { ...doubtful, value: r.value, decimals: r.decimals };
    const money = kind === 'money' ? regroupMoney(fixed) : null;
    if (money) return { ...doubtful, ...money };
    // a stamp's or a pen stroke's ink beside the figure read as a few unsure letters (`20,06% WR
    // Bary`, `38 Laporan ~ AN`): the figure without them, doubtful too
    const strayless = withoutStrayInk(cell.words);
    if (strayless !== null) {
      const s = parseCell(strayless, hint, style);
      if (s.ok && s.value !== null) return { ...doubtful, value: s.value, decimals: s.decimals };
    }
  }
  return { ...base, value: n.ok ? n.value : null, decimals: n.decimals, parsed: n.ok };
}

/** OCR's confidence below which a word without a digit in a number cell is taken for a mark's ink. */
const STRAY_INK_CONF = 40;

/**
 * A number cell's text without what a mark left beside its figure: unsure digitless words, and
 * specks read as punctuation alone (`64.35% .`, a tick's tail); null when none was left.
 */
function withoutStrayInk(words: readonly Word[]): string | null {
  const speck = (t: string) => /^[^\p{L}\d%]+$/u.test(t);
  const kept = words.filter((w) => /\d/.test(w.text) || (w.conf >= STRAY_INK_CONF && !speck(w.text)));
  if (kept.length === words.length || !kept.some((w) => /\d/.test(w.text))) return null;
  return joinLines(groupLines(kept).map((l) => l.text));
}

/**
 * Rupiah are printed in groups of three: an amount OCR read with a separator put inside a group
 * (`1.57.050.000`, `Rp` read `[9` before it) is its digits regrouped. Only when no group grew past
 * three digits (`105.947.0312` has gained a digit: no reading), and only the cell's longest amount.
 */
export function regroupMoney(raw: string): { value: number; decimals: number } | null {
  const amounts = raw.match(/\d[\d.,]*\d/g) ?? [];
  const body = amounts.sort((a, b) => b.replace(/\D/g, '').length - a.replace(/\D/g, '').length)[0];
  if (!body) return null;
  const cents = /^(.*\d)[.,](\d{2})$/.exec(body);
  const whole = cents && cents[1]!.replace(/\D/g, '').length >= 4 ? cents[1]! : body;
  const groups = whole.split(/[.,]/);
  if (groups.length < 2 || groups.some((g) => g.length > 3 || !g.length)) return null;
  const digits = groups.join('');
  if (digits.length < 4) return null;
  const fraction = whole === body ? 0 : Number(cents![2]) / 100;
  return { value: Number(digits) + fraction, decimals: whole === body ? 0 : 2 };
}

/**
 * A band read `90 < X ≤ 1.00`: its upper bound is below its lower one, which no band prints, and
 * reads as a bound between them once the separator OCR put into `100` is taken out. That band,
 * [90, 100]; null for every other reading. (A scale of fractions, `0,90 < X ≤ 1,00`, keeps both
 * bounds below 1 and is never touched.)
 */
function insertedSeparator(text: string): { min: number; max: number } | null {
  const nums = [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0]);
  if (nums.length !== 2 || !/[.,]/.test(nums[1]!) || /[.,]/.test(nums[0]!)) return null;
  const lo = Number(nums[0]),
    hi = Number(nums[1]!.replace(/[.,]/, '.')),
    joined = Number(nums[1]!.replace(/[.,]/, ''));
  return hi < lo && lo <= joined && joined <= 100 ? { min: lo, max: joined } : null;
}

/** Confidence of a number whose letters were turned into digits. */
export const REPAIRED_CONF = 50;

/** O/o/D→0, l/I/|/!→1, S/s→5, B→8, Z→2, G→6 between digits and separators; `Rp` and `%` kept. */
export function repairDigits(raw: string): string {
  const fixed = raw
    // `634..600.000,00` → `634.600.000,00` (a separator read twice)
    .replace(/(\d)([.,])\2+(\d)/g, '$1$2$3')
    // `24,.000.000`: a run before a group of three that more dotted groups follow is the dot
    .replace(/(\d)[.,]{2,}(\d{3}(?:\.\d{3})+(?:,\d{1,2})?)(?!\d)/g, '$1.$2')
    // `21.600.000.,00` → `21.600.000,00`; `17.980.000.00` → `17.980.000,00` (the decimal comma read as a dot)
    .replace(/(\d)[.,]{2,}(\d)/g, '$1,$2')
    .replace(/^(\D*\d{1,3}(?:\.\d{3})+)\.(\d{2})(\D*)$/, '$1,$2$3');
  return fixed.replace(/(?<![A-Za-z])([0-9OoDlI|!SsBZG.,]+)(?![A-Za-z])/g, (run) =>
    /\d/.test(run)
      ? run
          .replace(/[OoD]/g, '0')
          .replace(/[lI|!]/g, '1')
          .replace(/[Ss]/g, '5')
          .replace(/B/g, '8')
          .replace(/Z/g, '2')
          .replace(/G/g, '6')
      : run,
  );
}
