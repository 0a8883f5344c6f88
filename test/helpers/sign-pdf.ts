/**
 * Signed PDFs made in the tests: BSrE-like visible marks (footer text, QR code) drawn with pdf-lib,
 * a signature placeholder appended as an incremental update by @signpdf/placeholder-plain, the CMS
 * by the test PKI (./test-pki.ts) through @signpdf/signpdf, and a hand-made incremental update for
 * "changed after signing".
 */
import { PDFArray, PDFDocument, PDFName, PDFRef, StandardFonts, rgb } from 'pdf-lib';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import qrcode from 'qrcode-generator';
import sharp from 'sharp';
import { signCms, timestampToken, type CmsOptions, type TestIdentity } from './test-pki.js';

export const BSRE_FOOTER =
  'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN';

/** A QR code as a PNG, 8 px per module with a 4-module quiet zone. */
export async function qrPng(text: string): Promise<Uint8Array> {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount(),
    k = 8,
    q = 4,
    size = (n + 2 * q) * k;
  const px = Buffer.alloc(size * size, 255);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.isDark(r, c)) continue;
      for (let y = 0; y < k; y++)
        px.fill(0, ((r + q) * k + y) * size + (c + q) * k, ((r + q) * k + y) * size + (c + q + 1) * k);
    }
  return new Uint8Array(
    await sharp(px, { raw: { width: size, height: size, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

/**
 * The marks a BSrE-signed document carries: the footer sentence on every page, and a QR code (with
 * `qr` as its text) on `qrPage` (1-based; the last page by default). Saved with a classic xref table,
 * as the plain placeholder needs.
 */
export async function withVisibleMarks(
  pdf: Uint8Array,
  o: { qr: string; qrPage?: number; footer?: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  for (const p of pages)
    p.drawText(o.footer ?? BSRE_FOOTER, {
      x: 36,
      y: 20,
      size: 6.5,
      font,
      color: rgb(0.2, 0.2, 0.2),
      maxWidth: p.getWidth() - 72,
    });
  const page = pages[(o.qrPage ?? pages.length) - 1]!;
  const img = await doc.embedPng(await qrPng(o.qr));
  page.drawImage(img, { x: 40, y: 40, width: 64, height: 64 });
  return doc.save({ useObjectStreams: false });
}

class TestSigner extends Signer {
  constructor(private readonly o: CmsOptions) {
    super();
  }
  override async sign(data: Buffer): Promise<Buffer> {
    return Buffer.from(await signCms(new Uint8Array(data), this.o));
  }
}

/** A document timestamp (PAdES B-LTA style): an RFC 3161 token over the revision's bytes. */
class TimestampSigner extends Signer {
  constructor(
    private readonly tsa: TestIdentity,
    private readonly time: Date,
  ) {
    super();
  }
  override async sign(data: Buffer): Promise<Buffer> {
    return Buffer.from((await timestampToken(new Uint8Array(data), this.tsa, this.time)).toBER(false));
  }
}

/** Append a document timestamp (/SubFilter /ETSI.RFC3161) from `tsa` at `time`. */
export async function timestampPdf(pdf: Uint8Array, tsa: TestIdentity, time: Date): Promise<Uint8Array> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    reason: '',
    contactInfo: '',
    name: 'TSA',
    location: '',
    signatureLength: 16384,
    subFilter: 'ETSI.RFC3161',
  });
  return new Uint8Array(await new SignPdf().sign(withPlaceholder, new TimestampSigner(tsa, time)));
}

export interface SignOptions extends CmsOptions {
  /** bytes reserved for the CMS in /Contents (hex doubles it) */
  signatureLength?: number;
  /** the visible widget, [x1, y1, x2, y2] on page 1; invisible by default */
  widgetRect?: number[];
  reason?: string;
}

/** Append a signature (an incremental update: placeholder, then the CMS over the /ByteRange). */
export async function signPdf(pdf: Uint8Array, o: SignOptions): Promise<Uint8Array> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    reason: o.reason ?? 'Menyetujui laporan',
    contactInfo: '',
    name: o.signer.cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value ?? 'signer',
    location: 'Indonesia',
    signingTime: o.signingTime,
    signatureLength: o.signatureLength ?? 16384,
    widgetRect: o.widgetRect,
  });
  const signed = await new SignPdf().sign(withPlaceholder, new TestSigner(o), o.signingTime);
  return new Uint8Array(signed);
}

/**
 * Change a signed PDF the way a later editor would, as an incremental update appended after the
 * signature: a filled box drawn over page `drawOn`, and a text annotation added on page `annotateOn`.
 */
export async function appendChange(pdf: Uint8Array, o: { drawOn: number; annotateOn: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const bytes = Buffer.from(pdf);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes.subarray(-64).toString('latin1'))![1]);
  let next = ctx.largestObjectNumber + 1;
  const objects: { ref: PDFRef; body: string }[] = [];

  const box = `q 1 0 0 rg 120 500 200 60 re f Q`;
  const streamRef = PDFRef.of(next++);
  objects.push({ ref: streamRef, body: `<< /Length ${box.length} >>\nstream\n${box}\nendstream` });
  const page = doc.getPages()[o.drawOn - 1]!;
  const contents = page.node.get(PDFName.of('Contents'));
  const arr = PDFArray.withContext(ctx);
  if (contents instanceof PDFArray) for (let i = 0; i < contents.size(); i++) arr.push(contents.get(i));
  else if (contents) arr.push(contents);
  arr.push(streamRef);
  const drawn = page.node.clone(ctx);
  drawn.set(PDFName.of('Contents'), arr);

  const annotRef = PDFRef.of(next++);
  objects.push({
    ref: annotRef,
    body: '<< /Type /Annot /Subtype /Text /Rect [300 700 320 720] /Contents (Angka diubah setelah ditandatangani) /Open false >>',
  });
  const apage = doc.getPages()[o.annotateOn - 1]!;
  const annotated = o.annotateOn === o.drawOn ? drawn : apage.node.clone(ctx);
  const annots = PDFArray.withContext(ctx);
  const old = apage.node.lookup(PDFName.of('Annots'));
  if (old instanceof PDFArray) for (let i = 0; i < old.size(); i++) annots.push(old.get(i));
  annots.push(annotRef);
  annotated.set(PDFName.of('Annots'), annots);

  objects.push({ ref: page.ref, body: drawn.toString() });
  if (o.annotateOn !== o.drawOn) objects.push({ ref: apage.ref, body: annotated.toString() });
  return appendRevision(bytes, objects, next, startxref, doc.context.trailerInfo.Root as PDFRef);
}

/** Write objects as an incremental update: the objects, an xref section per object, a trailer with /Prev. */
export function appendRevision(
  pdf: Buffer,
  objects: { ref: PDFRef; body: string }[],
  size: number,
  prev: number,
  root: PDFRef,
): Uint8Array {
  const parts: Buffer[] = [pdf, Buffer.from('\n')];
  let offset = pdf.length + 1;
  const entries: [number, number][] = [];
  for (const o of objects) {
    const chunk = Buffer.from(`${o.ref.objectNumber} ${o.ref.generationNumber} obj\n${o.body}\nendobj\n`, 'latin1');
    entries.push([o.ref.objectNumber, offset]);
    parts.push(chunk);
    offset += chunk.length;
  }
  const xref = [
    'xref',
    ...entries.sort((a, b) => a[0] - b[0]).map(([n, off]) => `${n} 1\n${String(off).padStart(10, '0')} 00000 n `),
  ].join('\n');
  parts.push(
    Buffer.from(
      `${xref}\ntrailer\n<< /Size ${size} /Root ${root.toString()} /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** The signature dictionaries' /ByteRange arrays, in file order. */
export function byteRanges(pdf: Uint8Array): number[][] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*([\d\s]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
}
