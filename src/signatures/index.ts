/**
 * Digital signatures of a PDF (PAdES / adbe.pkcs7 CMS, document timestamps), verified from the file's
 * bytes alone: for every signature field, incremental updates included — is the signed revision
 * intact, who signed it and when, does the signer chain to a configured anchor, and what was changed
 * after it. Matching the signer to the report's signatories and the findings (G1–G4) are verify's.
 * Never throws for a bad signature: every defect is a problem on that signature.
 */
import type { PDFDocument } from 'pdf-lib';
import type * as pkijs from 'pkijs';
import type { SignatureChange, SignatureInfo, SignatureProblem } from '../model/contract.js';
import { checkByteRange } from './byte-range.js';
import { certificateName, certificateNip, dnText, serialHex } from './certificate.js';
import { revisionChanges } from './changes.js';
import { checkCms, type CmsCheck } from './cms.js';
import { loadPdf, mayBeSigned, signatureDictionaries, type SigDictionary } from './pdf-fields.js';
import { anchorsFromEnv, chainTrust, type TrustAnchors } from './trust.js';

export { anchorsFromEnv, readTrustAnchors, type TrustAnchors } from './trust.js';
export { mayBeSigned } from './pdf-fields.js';

export interface SignatureOptions {
  /** trust anchors; default: read from LKJ_TRUST_ANCHORS */
  anchors?: TrustAnchors | Error | null;
}

/** Problems that make a signature's integrity invalid (the others are about trust or are notes). */
const INTEGRITY: ReadonlySet<SignatureProblem['code']> = new Set([
  'byte-range',
  'contents-too-large',
  'cms-unreadable',
  'no-signer-certificate',
  'digest-mismatch',
  'signature-invalid',
  'timestamp-invalid',
]);

export async function verifyPdfSignatures(bytes: Uint8Array, opts: SignatureOptions = {}): Promise<SignatureInfo[]> {
  if (!mayBeSigned(bytes)) return [];
  const anchors = opts.anchors === undefined ? anchorsFromEnv() : opts.anchors;
  let doc: PDFDocument | null = null;
  let dicts: SigDictionary[];
  try {
    doc = await loadPdf(bytes);
    dicts = signatureDictionaries(doc);
  } catch {
    dicts = rawSignatureDictionaries(bytes); // pdf-lib could not parse the file: still check what /ByteRange says
  }
  const checked = [];
  for (const d of dicts) checked.push(await checkSigned(bytes, d));
  // a chain may be completed by CA certificates another signature of the same file carries (never fetched)
  const carried = checked.flatMap((c) => c.cms?.certificates ?? []);
  const out: SignatureInfo[] = [];
  for (const c of checked) out.push(await describeSignature(bytes, c, carried, doc, anchors));
  return out;
}

interface Checked {
  d: SigDictionary;
  range: ReturnType<typeof checkByteRange>;
  cms: CmsCheck | null;
  problems: SignatureProblem[];
}

async function checkSigned(bytes: Uint8Array, d: SigDictionary): Promise<Checked> {
  const range = checkByteRange(bytes, d.byteRange);
  const problems: SignatureProblem[] = [...range.problems];
  let cms: CmsCheck | null = null;
  if (range.cms) {
    try {
      cms = await checkCms(range.cms, bytes, range.ranges, d.kind, d.subFilter);
    } catch (e) {
      problems.push({ code: 'cms-unreadable', detail: `the CMS could not be checked (${(e as Error).message})` });
    }
    if (cms) problems.push(...cms.problems);
  }
  return { d, range, cms, problems };
}

async function describeSignature(
  bytes: Uint8Array,
  { d, range, cms, problems }: Checked,
  carried: pkijs.Certificate[],
  doc: PDFDocument | null,
  anchors: TrustAnchors | Error | null,
): Promise<SignatureInfo> {
  const cert = cms?.signer ?? null;
  const ts = cms?.timestamp?.valid ? cms.timestamp : null;
  const [signedAt, signedAtSource] = ts
    ? [ts.time, 'timestamp' as const]
    : cms?.signingTime
      ? [cms.signingTime, 'signing-time' as const]
      : d.claimedTime
        ? [d.claimedTime, 'pdf' as const]
        : [null, null];

  let validAtSigning: boolean | null = null;
  let trust: SignatureInfo['trust'] = 'unknown';
  if (cert) {
    if (signedAt) {
      validAtSigning = cert.notBefore.value <= signedAt && signedAt <= cert.notAfter.value;
      if (!validAtSigning)
        problems.push({
          code: 'certificate-expired',
          detail: `the signer certificate is valid ${iso(cert.notBefore.value)} – ${iso(cert.notAfter.value)}, not at the signing time ${iso(signedAt)}`,
        });
    }
    const t = await chainTrust(cert, [...cms!.certificates, ...carried], anchors, signedAt ?? new Date());
    trust = t.trust;
    if (t.problem) problems.push(t.problem);
  }

  const integrity =
    cms?.digestValid === true && cms.signatureValid === true && !problems.some((p) => INTEGRITY.has(p.code))
      ? 'valid'
      : 'invalid';
  let changes: SignatureChange[] = [];
  if (range.end !== null && !range.coversWholeDocument) changes = await changesAfter(bytes, range.end, doc);

  return {
    field: d.field,
    kind: d.kind,
    signer: {
      name: cert ? certificateName(cert.subject) : null,
      nip: cert ? certificateNip(cert.subject) : null,
      issuer: cert ? dnText(cert.issuer) : null,
    },
    signedAt: signedAt ? iso(signedAt) : null,
    signedAtSource,
    coversWholeDocument: range.coversWholeDocument,
    modifiedAfterSigning: changes.some((c) => !c.allowed),
    integrity,
    trust,
    revocation: 'not-checked',
    matchesSignatory: null,
    matchedSignatory: null,
    subFilter: d.subFilter,
    certificate: cert
      ? {
          subject: dnText(cert.subject),
          serialNumber: serialHex(cert),
          notBefore: iso(cert.notBefore.value),
          notAfter: iso(cert.notAfter.value),
          validAtSigning,
        }
      : null,
    timestamp: cms?.timestamp
      ? { time: iso(cms.timestamp.time), authority: cms.timestamp.authority, valid: cms.timestamp.valid }
      : null,
    byteRange: d.byteRange ?? [],
    revisionEnd: range.end,
    changes,
    problems,
    evidence: { page: d.page, bbox: d.bbox },
  };
}

/** The signed revision (the file up to `end`) against the whole file; appended bytes that change nothing readable still count. */
async function changesAfter(bytes: Uint8Array, end: number, now: PDFDocument | null): Promise<SignatureChange[]> {
  const unreadable: SignatureChange = {
    kind: 'unreadable',
    change: 'modified',
    page: null,
    name: null,
    allowed: false,
  };
  if (!now) return [unreadable];
  try {
    const signed = await loadPdf(bytes.subarray(0, end));
    const changes = revisionChanges(signed, now);
    // bytes were appended, yet nothing differs that this analysis sees: still not what was signed
    return changes.length
      ? changes
      : [{ kind: 'document', change: 'modified', page: null, name: null, allowed: false }];
  } catch {
    return [unreadable];
  }
}

/** Signature dictionaries found by their /ByteRange in the raw bytes, when the PDF cannot be parsed. */
function rawSignatureDictionaries(bytes: Uint8Array): SigDictionary[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[([^\]]{0,200})\]/g)].map((m, i) => {
    const nums = m[1]!.trim().split(/\s+/).map(Number);
    const near = text.slice(Math.max(0, m.index! - 2000), m.index! + 2000);
    const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(near)?.[1] ?? null;
    return {
      field: `signature ${i + 1}`,
      kind: subFilter === 'ETSI.RFC3161' ? ('timestamp' as const) : ('signature' as const),
      subFilter,
      byteRange: nums.every(Number.isFinite) ? nums : null,
      claimedTime: null,
      page: null,
      bbox: null,
    };
  });
}

const iso = (d: Date) => d.toISOString();
