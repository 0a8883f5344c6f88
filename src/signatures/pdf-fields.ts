/**
 * The signature dictionaries of a PDF, found through its form (AcroForm fields of type /Sig, with
 * their widgets' places) and, for a dictionary no field names any more, among all its objects.
 * pdf-lib reads every object in file order, so a dictionary of an earlier revision is seen too.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  ParseSpeeds,
  type PDFObject,
} from 'pdf-lib';
import type { BBox } from '../model/word.js';

export interface SigDictionary {
  /** the field's full name (parents' /T joined by dots), or `object N` */
  field: string;
  kind: 'signature' | 'timestamp';
  subFilter: string | null;
  /** /ByteRange as written (numbers), null when absent or not an array of numbers */
  byteRange: number[] | null;
  /** the dictionary's own idea of the signing time (/M), unsigned */
  claimedTime: Date | null;
  /** the widget's page (1-based) and rectangle in top-left page points */
  page: number | null;
  bbox: BBox | null;
}

/** Cheap pre-check: a PDF without the word /ByteRange has no signature value anywhere. */
export function mayBeSigned(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('/ByteRange') >= 0;
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, {
    ignoreEncryption: true,
    updateMetadata: false,
    parseSpeed: ParseSpeeds.Fastest,
    throwOnInvalidObject: false,
  });
}

/** Every signature dictionary with a value, in the order their signed revisions end (unknown last). */
export function signatureDictionaries(doc: PDFDocument): SigDictionary[] {
  const ctx = doc.context;
  const pageOf = annotationPages(doc);
  const out: SigDictionary[] = [];
  const seen = new Set<PDFDict>();

  const visit = (ref: PDFObject | undefined, parentName: string, inheritedFT: string | null, depth: number) => {
    if (depth > 32) return;
    const dict = ctx.lookup(ref);
    if (!(dict instanceof PDFDict)) return;
    const t = text(dict.lookup(PDFName.of('T')));
    const full = t === null ? parentName : parentName ? `${parentName}.${t}` : t;
    const ft = nameOf(dict.lookup(PDFName.of('FT'))) ?? inheritedFT;
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) visit(kids.get(i), full, ft, depth + 1);
    if (ft !== 'Sig') return;
    const v = dict.lookup(PDFName.of('V'));
    if (!(v instanceof PDFDict) || seen.has(v)) return;
    seen.add(v);
    // the widget: this dictionary itself when field and widget are merged, else its first kid
    const widgetRef = dict.get(PDFName.of('Rect')) ? ref : kids instanceof PDFArray ? kids.get(0) : undefined;
    const widget = ctx.lookup(widgetRef);
    const place =
      widget instanceof PDFDict
        ? widgetPlace(doc, widget, widgetRef instanceof PDFRef ? pageOf.get(widgetRef.toString()) : undefined)
        : null;
    out.push({ ...describe(v), field: full || 'Signature', page: place?.page ?? null, bbox: place?.bbox ?? null });
  };

  const form = doc.catalog.lookup(PDFName.of('AcroForm'));
  const fields = form instanceof PDFDict ? form.lookup(PDFName.of('Fields')) : undefined;
  if (fields instanceof PDFArray) for (let i = 0; i < fields.size(); i++) visit(fields.get(i), '', null, 0);

  // a signature dictionary that no field reaches (removed from the form later, or a broken form)
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (
      !(obj instanceof PDFDict) ||
      seen.has(obj) ||
      !obj.get(PDFName.of('ByteRange')) ||
      !obj.get(PDFName.of('Contents'))
    )
      continue;
    seen.add(obj);
    out.push({ ...describe(obj), field: `object ${ref.objectNumber}`, page: null, bbox: null });
  }
  const end = (d: SigDictionary) =>
    d.byteRange && d.byteRange.length >= 2
      ? d.byteRange[d.byteRange.length - 2]! + d.byteRange[d.byteRange.length - 1]!
      : Infinity;
  return out.sort((a, b) => end(a) - end(b));
}

function describe(v: PDFDict): Omit<SigDictionary, 'field' | 'page' | 'bbox'> {
  const br = v.lookup(PDFName.of('ByteRange'));
  let byteRange: number[] | null = null;
  if (br instanceof PDFArray) {
    const nums = br.asArray().map((o) => (o instanceof PDFNumber ? o.asNumber() : NaN));
    byteRange = nums.every((n) => Number.isFinite(n)) ? nums : null;
  }
  const type = nameOf(v.lookup(PDFName.of('Type')));
  const subFilter = nameOf(v.lookup(PDFName.of('SubFilter')));
  return {
    kind: type === 'DocTimeStamp' || subFilter === 'ETSI.RFC3161' ? 'timestamp' : 'signature',
    subFilter,
    byteRange,
    claimedTime: pdfDate(text(v.lookup(PDFName.of('M')))),
  };
}

/** annotation ref → 1-based page, for widgets that lack /P */
function annotationPages(doc: PDFDocument): Map<string, number> {
  const map = new Map<string, number>();
  doc.getPages().forEach((p, i) => {
    const annots = p.node.lookup(PDFName.of('Annots'));
    if (annots instanceof PDFArray)
      for (const a of annots.asArray()) if (a instanceof PDFRef) map.set(a.toString(), i + 1);
  });
  return map;
}

function widgetPlace(doc: PDFDocument, widget: PDFDict, page: number | undefined): { page: number; bbox: BBox } | null {
  if (page === undefined) {
    const p = widget.get(PDFName.of('P'));
    const idx = p instanceof PDFRef ? doc.getPages().findIndex((pg) => pg.ref.toString() === p.toString()) : -1;
    if (idx < 0) return null;
    page = idx + 1;
  }
  const rect = widget.lookup(PDFName.of('Rect'));
  if (!(rect instanceof PDFArray) || rect.size() !== 4) return null;
  const [x0, y0, x1, y1] = rect.asArray().map((o) => (o instanceof PDFNumber ? o.asNumber() : 0)) as [
    number,
    number,
    number,
    number,
  ];
  if (Math.abs(x1 - x0) < 1 || Math.abs(y1 - y0) < 1) return null; // an invisible signature
  const pg = doc.getPages()[page - 1];
  if (!pg) return null;
  const { y: by, height } = pg.getMediaBox();
  const top = by + height;
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    page,
    bbox: [r(Math.min(x0, x1)), r(top - Math.max(y0, y1)), r(Math.max(x0, x1)), r(top - Math.min(y0, y1))],
  };
}

export function text(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) {
    try {
      return o.decodeText();
    } catch {
      return null;
    }
  }
  return null;
}

export function nameOf(o: PDFObject | undefined): string | null {
  return o instanceof PDFName ? o.decodeText() : null;
}

/** A PDF date `D:YYYYMMDDHHmmSSOHH'mm'` (everything after the year optional). */
export function pdfDate(s: string | null): Date | null {
  const m = s && /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(s.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', sec = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +sec);
  const offset = sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000 : 0;
  const t = new Date(utc - offset);
  return Number.isNaN(t.getTime()) ? null : t;
}
