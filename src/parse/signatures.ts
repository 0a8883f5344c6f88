import type { Signatory } from '../model/contract.js';
import type { Line } from '../model/word.js';
import { parsePlaceDate } from './dates.js';
import { horizontalOverlap, splitByGaps, width, type LinePart } from './layout.js';
import { parseNip, type NipInfo } from './nip.js';
import { normalizeSpace } from './text.js';

/**
 * Signature blocks: a dateline and/or title lines, a blank signing space, the name, optionally a
 * rank (`Pembina`), then `NIP. …`. Blocks are found from their NIP line upwards, column by column,
 * because two blocks often share the same lines (left: the camat, right: the unit head).
 */

export interface SignatureBlock extends Signatory {
  nipInfo: NipInfo;
  page: number;
  /** the block's lines above the name, top to bottom, as printed */
  above: string[];
}

/** Farthest vertical distance (points) between two lines of one block: the signing space. */
const MAX_BLOCK_GAP = 140;
/** Lines kept above a NIP line. */
const MAX_BLOCK_LINES = 7;
/** A block line wider than this many NIP widths is body text, the block ends there. */
const MAX_WIDTH_RATIO = 2;
const MIN_OVERLAP = 0.3;

const POSITION =
  /(?<!\p{L})(kasi|kasie|kepala|camat|sekretaris|sekcam|kasubag|kasubbag|kasubid|kabag|kabid|kasat|lurah|bupati|walikota|wali\s+kota|gubernur|wakil|ketua|direktur|inspektur|sekda|plt|plh|pj|pjs)(?!\p{L})/iu;
const SKIP =
  /^(mengetahui|menyetujui|disetujui|atasan\s+langsung|pejabat\s+penilai|yang\s+(membuat|melaporkan|menilai)|dibuat\s+oleh|kecamatan|kabupaten|kab\.|kelurahan|desa|pemerintah)(?!\p{L})/iu;
const RANK = /^(pembina|penata|pengatur|juru)(?!\p{L})|^[IV]{1,3}\s*\/\s*[a-e]$/iu;
const ACTING_ONLY = /^(plt|plh|pj|pjs)\.?$/i;
/** Labels of a biodata form (`Nama`, `Alamat`, `No. Telpon`): no name, no title. */
const FORM_LABEL =
  /^(nama|alamat|jabatan|pangkat|golongan|gol\.|no\.?\s*(telp(?:on)?|hp|telepon)|telepon|tempat|tanggal|tgl|unit\s+kerja|instansi|e-?mail|agama|pendidikan)(?!\p{L})/iu;
/** A line naming only a place or a party (`PROVINSI JAWA BARAT,`, `PIHAK KEDUA,`): no title. */
const PLACE_ONLY = /^(provinsi|kabupaten|kota|kecamatan|desa|kelurahan|pihak\s+(pertama|kedua))(?!\p{L})[^,]*,?$/iu;

/** Every signature block, in document order (page, top to bottom, left to right). */
export function findSignatureBlocks(lines: readonly Line[]): SignatureBlock[] {
  const parts = lines.flatMap((l) => splitByGaps(l));
  const blocks: SignatureBlock[] = [];
  parts.forEach((part, i) => {
    if (!isNipLine(part.text)) return;
    const nipInfo = parseNip(part.text);
    if (!nipInfo) return;
    const above = blockLinesAbove(parts, i);
    const nameAt = above.findIndex(isNameLine);
    const name = nameAt >= 0 ? cleanName(above[nameAt]!.text) : '';
    const titleLines = above.slice(nameAt + 1);
    blocks.push({
      name,
      nip: nipInfo.nip,
      title: pickTitle(titleLines),
      nipValid: nipInfo.valid,
      nipInfo,
      page: part.page,
      above: titleLines.map((p) => p.text).reverse(),
    });
  });
  return blocks;
}

/**
 * Signatories unique by NIP, first appearance first. The closing signature page is the formal
 * one, so a later block's title replaces an earlier one (the kata pengantar often adds the
 * kecamatan to the title); a later block also fills a missing name.
 */
export function findSignatories(lines: readonly Line[]): Signatory[] {
  const byNip = new Map<string, Signatory>();
  for (const b of findSignatureBlocks(lines)) {
    const seen = byNip.get(b.nip ?? '');
    if (seen) {
      if (!seen.name) seen.name = b.name;
      if (b.title) seen.title = b.title;
      continue;
    }
    byNip.set(b.nip ?? '', { name: b.name, nip: b.nip, title: b.title, nipValid: b.nipValid });
  }
  return [...byNip.values()];
}

function isNipLine(text: string): boolean {
  // the label also with its `I` read as a digit (`N1P.`); the digit groups alone, after a label a
  // stamp or a photo garbled: a mark (`“19850909 201201 1 019`), a label that lost a letter
  // (`NP 19900828 …`) or ran into the digits (`HP-19700319 …`)
  return (
    /^\W*N\s?[I1l|]\s?P(?![A-Za-z])/i.test(text) ||
    /^[^\p{L}\d]{0,3}(?:[A-Za-z]{1,3}[^\p{L}\d]{0,3})?\d{8}\s?\d{6}\s?\d\s?\d{3}$/u.test(text.trim())
  );
}

/**
 * The parts of the same column above the NIP line, nearest first. Parts of the other column are
 * passed over; a too-wide part (a paragraph), another NIP or a long vertical gap ends the block.
 */
function blockLinesAbove(parts: readonly LinePart[], nipAt: number): LinePart[] {
  const nip = parts[nipAt]!;
  const maxWidth = MAX_WIDTH_RATIO * Math.max(width(nip.bbox), 120);
  const candidates = parts
    .filter((p, i) => i !== nipAt && p.page === nip.page && p.bbox[3] <= nip.bbox[1] + 2)
    .sort((a, b) => b.bbox[1] - a.bbox[1]);
  const out: LinePart[] = [];
  let top = nip.bbox[1];
  for (const p of candidates) {
    if (horizontalOverlap(p.bbox, nip.bbox) < MIN_OVERLAP) continue;
    if (top - p.bbox[3] > MAX_BLOCK_GAP || isNipLine(p.text)) break;
    if (width(p.bbox) > maxWidth) {
      // The short last line of that paragraph (`sebesar 29,5%.`) is body text too.
      const tail = out[out.length - 1];
      if (tail && isParagraphTail(tail, p)) out.pop();
      break;
    }
    out.push(p);
    top = p.bbox[1];
    if (out.length >= MAX_BLOCK_LINES) break;
  }
  return out;
}

/** A line starting at the paragraph's margin right under its last full line. */
function isParagraphTail(line: LinePart, paragraphLine: LinePart): boolean {
  const height = paragraphLine.bbox[3] - paragraphLine.bbox[1];
  return Math.abs(line.bbox[0] - paragraphLine.bbox[0]) <= 3 && line.bbox[1] - paragraphLine.bbox[1] <= 2 * height;
}

function isNameLine(part: LinePart): boolean {
  const t = part.text;
  if (POSITION.test(t) || SKIP.test(t) || RANK.test(t) || FORM_LABEL.test(t) || parsePlaceDate(t)) return false;
  const chars = t.replace(/\s/g, '');
  const letters = (chars.match(/\p{L}/gu) ?? []).length;
  // Signature scribbles come out of OCR as short runs of symbols and stray letters.
  return letters >= 3 && letters / chars.length >= 0.6 && /\p{L}{2,}/u.test(t);
}

/** Names as printed, minus stray marks around them (underlines, colons). */
function cleanName(text: string): string {
  return normalizeSpace(text)
    .replace(/^[^\p{L}]+/u, '')
    .replace(/[^\p{L}.)]+$/u, '');
}

/**
 * The title is the line naming the position (Kasi, Camat, Sekretaris, Kepala…), nearest to the
 * name; a short line right under it continues it (`Kepala Seksi` / `Pemberdayaan Masyarakat`), a
 * lone `Plt.` right above it prefixes it. Without such a line: the nearest line that is not a
 * dateline, `Mengetahui`, `ATASAN LANGSUNG` or `Kecamatan …`, else the nearest that is not a
 * dateline or `Mengetahui`.
 * @param lines the block's lines above the name, nearest first
 */
function pickTitle(lines: readonly LinePart[]): string | null {
  const at = lines.findIndex(
    (l) => POSITION.test(l.text) && !parsePlaceDate(l.text) && !ACTING_ONLY.test(l.text.trim()),
  );
  if (at >= 0) {
    const titleLine = lines[at]!;
    let title = titleLine.text;
    const below = at > 0 ? lines[at - 1] : undefined;
    if (below !== undefined && isContinuation(below, titleLine)) title = `${title} ${below.text}`;
    const onTop = lines[at + 1];
    if (onTop !== undefined && ACTING_ONLY.test(onTop.text.trim())) title = `${onTop.text} ${title}`;
    return normalizeTitle(title);
  }
  // never a place or party alone (`PROVINSI JAWA BARAT,`) or a form's label: no title then
  const usable = (l: LinePart) =>
    !parsePlaceDate(l.text) && !PLACE_ONLY.test(l.text.trim()) && !FORM_LABEL.test(l.text);
  const fallback =
    lines.find((l) => !SKIP.test(l.text) && usable(l)) ?? lines.find((l) => usable(l) && !/^mengetahui/i.test(l.text));
  return fallback ? normalizeTitle(fallback.text) : null;
}

/** The next line of a title: adjacent to it, a few capitalised words, nothing else a block holds. */
function isContinuation(line: LinePart, title: LinePart): boolean {
  const t = line.text;
  const adjacent = line.bbox[1] - title.bbox[3] <= title.bbox[3] - title.bbox[1];
  return (
    adjacent &&
    /^\p{Lu}\p{L}{2,}/u.test(t) &&
    !/\d/.test(t) &&
    t.split(/\s+/).length <= 3 &&
    !SKIP.test(t) &&
    !POSITION.test(t) &&
    !parsePlaceDate(t)
  );
}

/** `Plt.Kasi` → `Plt. Kasi`: the acting prefix always takes one space. */
export function normalizeTitle(title: string): string {
  // a title ends before the comma a signature block prints after it (`GUBERNUR JAWA BARAT,`)
  return normalizeSpace(title)
    .replace(/(?<!\p{L})(Plt|Plh|Pj|Pjs)\.\s*(?=\S)/giu, '$1. ')
    .replace(/\s*,$/, '');
}
