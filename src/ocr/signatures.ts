import type { Discrepancy, ReportMeta } from '../model/contract.js';
import type { BBox, Line, PageContent } from '../model/word.js';
import { groupLines } from '../model/lines.js';
import { splitByGaps } from '../parse/layout.js';
import type { Lang } from '../model/lang.js';
import type { OcrPage } from './read-page.js';

/** Fraction of dark pixels in the signing space above which it carries a signature or a stamp. */
export const MIN_SIGNATURE_INK = 0.004;
/** A signing space lower than this (points) is no signing space. */
const MIN_SPACE_PT = 14;

const MSG: Record<Lang, (name: string) => string> = {
  id: (n) => `Blok tanda tangan ${n} tidak memuat tanda tangan atau stempel: laporan tampaknya belum ditandatangani.`,
  en: (n) => `The signature block of ${n} carries no signature or stamp: the report appears unsigned.`,
};

export interface SignatureMark {
  name: string;
  nip: string;
  page: number;
  /** the signing space between the title and the name, page points */
  space: BBox;
  ink: number;
  signed: boolean;
}

/**
 * Find each signatory's block on the scanned pages (the name line above the NIP line) and measure
 * the ink in the blank space between the name and the line above it. Born-digital pages are not
 * judged: their signature, if any, is digital.
 */
export function signatureMarks(
  meta: ReportMeta,
  scans: ReadonlyMap<number, OcrPage>,
  pages: readonly PageContent[],
): SignatureMark[] {
  const marks: SignatureMark[] = [];
  for (const [pageNo, scan] of scans) {
    const content = pages[pageNo - 1];
    // a born-digital page OCR'd only for its pictures: its signature, if any, is digital
    if (!content || content.mode === 'mixed') continue;
    const parts = groupLines(content.words).flatMap((l) => splitByGaps(l));
    for (const s of meta.signatories) {
      if (!s.nip) continue;
      for (const nipLine of parts.filter((p) => p.text.replace(/\D/g, '').includes(s.nip!))) {
        const above = (l: Line, ref: Line) => l.bbox[3] <= ref.bbox[1] + 1 && overlapX(l.bbox, ref.bbox) > 0;
        const name = nearestAbove(parts, nipLine, above);
        if (!name) continue;
        const over = nearestAbove(parts, name, above);
        const top = over ? over.bbox[3] + 2 : name.bbox[1] - 70;
        const bottom = name.bbox[1] - 2;
        if (bottom - top < MIN_SPACE_PT) continue;
        const space: BBox = [
          Math.min(name.bbox[0], nipLine.bbox[0]) - 20,
          top,
          Math.max(name.bbox[2], nipLine.bbox[2]) + 20,
          bottom,
        ];
        const ink = inkRatio(scan, space);
        marks.push({ name: s.name, nip: s.nip, page: pageNo, space, ink, signed: ink >= MIN_SIGNATURE_INK });
      }
    }
  }
  return marks;
}

/** S1: a signatory whose last block on a scanned page carries no ink is flagged (warning). */
export function checkSignatures(
  meta: ReportMeta,
  scans: ReadonlyMap<number, OcrPage>,
  pages: readonly PageContent[],
  lang: Lang,
): Discrepancy[] {
  if (!scans.size) return [];
  const last = new Map<string, SignatureMark>();
  for (const m of signatureMarks(meta, scans, pages)) {
    const prev = last.get(m.nip);
    if (!prev || m.page > prev.page || (m.page === prev.page && m.space[1] > prev.space[1])) last.set(m.nip, m);
  }
  return [...last.values()]
    .filter((m) => !m.signed)
    .map((m) => ({
      rule: 'S1',
      severity: 'warning' as const,
      table: 'meta' as const,
      row: m.name,
      field: 'signature',
      stated: null,
      expected: null,
      message: MSG[lang](m.name),
      evidence: { page: m.page, bbox: m.space.map((v) => Math.round(v * 10) / 10) as BBox },
    }));
}

function overlapX(a: BBox, b: BBox): number {
  return Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
}

function nearestAbove(parts: readonly Line[], ref: Line, isAbove: (l: Line, ref: Line) => boolean): Line | null {
  let best: Line | null = null;
  for (const p of parts) {
    if (p.page !== ref.page || !isAbove(p, ref)) continue;
    if (!best || p.bbox[3] > best.bbox[3]) best = p;
  }
  return best;
}

function inkRatio(scan: OcrPage, box: BBox): number {
  const { image, dpi } = scan.raster;
  const k = dpi / 72;
  const x0 = Math.max(0, Math.round(box[0] * k)),
    x1 = Math.min(image.width, Math.round(box[2] * k));
  const y0 = Math.max(0, Math.round(box[1] * k)),
    y1 = Math.min(image.height, Math.round(box[3] * k));
  if (x1 <= x0 || y1 <= y0) return 0;
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * image.width;
    for (let x = x0; x < x1; x++) if (image.data[row + x]! < 140) dark++;
  }
  return dark / ((x1 - x0) * (y1 - y0));
}
