/**
 * The signature stage of the pipeline: the PDF's digital signatures (src/signatures/, from the
 * file's bytes) and what the pages show of an electronic signature — the BSrE footer in the text,
 * QR codes on the pages most likely to carry them (rendered here for text pages; a scan's own
 * raster otherwise). Called by `lkj extract` and by the queue's assemble job alike.
 */
import type { ReportMeta, SignatureInfo, SignatureMarks } from '../model/contract.js';
import type { PageRaster } from '../model/image.js';
import { sniffKind } from '../intake/sniff.js';
import { openPdf } from '../pages/pdfjs.js';
import type { DocumentPages } from './read-document.js';
import { renderPdfPage } from '../raster/render.js';
import { mayBeSigned, verifyPdfSignatures, type TrustAnchors } from '../signatures/index.js';
import { decodeQrCodes, findFooter } from '../signatures/visible-marks.js';

/** Text pages are rendered at this resolution to look for QR codes (a 2 cm code is ~120 px). */
const QR_DPI = 150;
/** At most this many pages are searched for QR codes. */
const MAX_QR_PAGES = 4;

export interface SignatureStage {
  signatures: SignatureInfo[];
  marks: SignatureMarks;
}

export async function readSignatures(
  bytes: Uint8Array | null,
  file: string,
  read: DocumentPages,
  meta: ReportMeta,
  opts: { anchors?: TrustAnchors | Error | null } = {},
): Promise<SignatureStage> {
  const pdf = bytes && sniffKind(bytes) === 'pdf' ? bytes : null;
  let signatures: SignatureInfo[] = [];
  if (pdf) {
    try {
      signatures = await verifyPdfSignatures(pdf, { anchors: opts.anchors });
    } catch (e) {
      // a defect of the verifier, not of the document: say so on a signature rather than fail the report
      if (mayBeSigned(pdf))
        signatures = [unverifiable(`the signatures of ${file} could not be checked (${(e as Error).message})`)];
    }
  }
  const footer = findFooter(read.pages);
  const qrCodes =
    signatures.length || footer ? await findQrCodes(pdf, read, qrPages(signatures, footer, read, meta)) : [];
  return { signatures, marks: { footer, qrCodes } };
}

/**
 * Where QR codes are likely, in two tiers: the pages with a signatory's NIP (the signature block)
 * and with a signature widget; then, only if those hold none, footer pages from the end and the last page.
 */
function qrPages(
  signatures: readonly SignatureInfo[],
  footer: SignatureMarks['footer'],
  read: DocumentPages,
  meta: ReportMeta,
): [number[], number[]] {
  const nips = meta.signatories.map((s) => s.nip).filter((n): n is string => !!n);
  const withNip = read.pages
    .filter((p) => {
      const digits = p.words.map((w) => w.text.replace(/\D/g, '')).join('');
      return nips.some((n) => digits.includes(n));
    })
    .map((p) => p.page)
    .reverse();
  const widgets = signatures.map((s) => s.evidence.page).filter((p): p is number => p !== null);
  const first = [...new Set([...withNip, ...widgets])].slice(0, MAX_QR_PAGES);
  const rest = [...new Set([...[...(footer?.pages ?? [])].reverse(), read.numPages])].filter(
    (p) => p >= 1 && !first.includes(p),
  );
  return [first, rest.slice(0, Math.max(0, MAX_QR_PAGES - first.length))];
}

async function findQrCodes(
  pdf: Uint8Array | null,
  read: DocumentPages,
  [first, rest]: [number[], number[]],
): Promise<SignatureMarks['qrCodes']> {
  const out: SignatureMarks['qrCodes'] = [];
  let doc: Awaited<ReturnType<typeof openPdf>> | null = null;
  const scan = async (n: number) => {
    let raster: PageRaster | null = read.scans.get(n)?.raster ?? null;
    if (!raster && pdf) {
      doc ??= await openPdf(pdf, 'signature marks');
      const page = await doc.getPage(n);
      raster = await renderPdfPage(page, n, QR_DPI);
      page.cleanup();
    }
    if (raster) for (const c of await decodeQrCodes(raster)) if (!out.some((o) => o.text === c.text)) out.push(c);
  };
  try {
    for (const n of first) await scan(n);
    if (!out.length) for (const n of rest) await scan(n);
  } catch {
    // the marks are a courtesy to the reader: a page that cannot be rendered again has none found
  } finally {
    await (doc as Awaited<ReturnType<typeof openPdf>> | null)?.destroy();
  }
  return out;
}

function unverifiable(detail: string): SignatureInfo {
  return {
    field: 'signature',
    kind: 'signature',
    signer: { name: null, nip: null, issuer: null },
    signedAt: null,
    signedAtSource: null,
    coversWholeDocument: false,
    modifiedAfterSigning: false,
    integrity: 'invalid',
    trust: 'unknown',
    revocation: 'not-checked',
    matchesSignatory: null,
    matchedSignatory: null,
    subFilter: null,
    certificate: null,
    timestamp: null,
    byteRange: [],
    revisionEnd: null,
    changes: [],
    problems: [{ code: 'cms-unreadable', detail }],
    evidence: { page: null, bbox: null },
  };
}
