/**
 * The CMS SignedData in a signature's /Contents, checked with PKI.js: the signed messageDigest
 * against the hash of the /ByteRange bytes, the signature value against the signer certificate's
 * key, the signing time, and an RFC 3161 timestamp token when there is one. Never throws: what
 * cannot be checked is a problem with its reason.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureProblem } from '../model/contract.js';
import { attribute } from './certificate.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  timestampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

/** Digest algorithms by OID, as node:crypto names them. */
const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const WEBCRYPTO_NAME: Record<string, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

export interface CmsCheck {
  problems: SignatureProblem[];
  /** the signed digest equals the hash of the signed bytes (null: not reached) */
  digestValid: boolean | null;
  /** the signature value verifies with the signer certificate's key (null: not reached) */
  signatureValid: boolean | null;
  signer: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  signingTime: Date | null;
  timestamp: { time: Date; authority: string | null; valid: boolean } | null;
}

type Ranges = readonly (readonly [number, number])[];

function rangesDigest(alg: string, bytes: Uint8Array, ranges: Ranges): Buffer {
  const h = createHash(alg);
  for (const [a, b] of ranges) h.update(bytes.subarray(a, b));
  return h.digest();
}

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
const ab = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;

/**
 * Check one signature's CMS. `kind` timestamp: the CMS is a document timestamp token, whose
 * TSTInfo must imprint the signed bytes. adbe.pkcs7.sha1: the content is the SHA-1 of the bytes.
 */
export async function checkCms(
  cms: Uint8Array,
  bytes: Uint8Array,
  ranges: Ranges,
  kind: 'signature' | 'timestamp',
  subFilter: string | null,
): Promise<CmsCheck> {
  const out: CmsCheck = {
    problems: [],
    digestValid: null,
    signatureValid: null,
    signer: null,
    certificates: [],
    signingTime: null,
    timestamp: null,
  };
  const fail = (code: SignatureProblem['code'], detail: string) => {
    out.problems.push({ code, detail });
    return out;
  };

  if (subFilter === 'adbe.x509.rsa_sha1' || subFilter === 'adbe.x509.rsa.sha1') {
    return fail('unsupported', `SubFilter ${subFilter} (a raw PKCS#1 signature, not CMS) is not verified`);
  }
  let sd: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(ab(cms));
    if (asn.offset === -1)
      return fail(
        'cms-unreadable',
        `the CMS in /Contents is truncated or not DER (${asn.result.error || 'ASN.1 decoding failed'})`,
      );
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData)
      return fail('unsupported', `the CMS content type ${ci.contentType} is not SignedData (${OID.signedData})`);
    sd = new pkijs.SignedData({ schema: ci.content });
  } catch (e) {
    return fail('cms-unreadable', `the CMS in /Contents is not a SignedData (${(e as Error).message})`);
  }
  out.certificates = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const si = sd.signerInfos[0];
  if (!si) return fail('cms-unreadable', 'the CMS SignedData has no signer');
  if (sd.signerInfos.length > 1)
    out.problems.push({
      code: 'unsupported',
      detail: `the CMS has ${sd.signerInfos.length} signers; only the first is checked`,
    });

  out.signer = await findSigner(si, out.certificates);
  const digestName = DIGESTS[si.digestAlgorithm.algorithmId];
  if (!digestName) return fail('unsupported', `unknown digest algorithm ${si.digestAlgorithm.algorithmId}`);

  // what the signer's digest is over: the bytes themselves (detached), or the encapsulated content
  const eContent = sd.encapContentInfo.eContent ? eContentBytes(sd.encapContentInfo.eContent) : null;
  const attrs = si.signedAttrs?.attributes ?? [];
  const attrValue = (oid: string) => attrs.find((a) => a.type === oid)?.values[0];
  out.signingTime = timeOf(attrValue(OID.signingTime));

  // 1. the signed digest against the bytes
  let bound = true;
  try {
    if (kind === 'timestamp' || sd.encapContentInfo.eContentType === OID.tstInfo) {
      if (!eContent) return fail('cms-unreadable', 'the document timestamp has no TSTInfo');
      const tst = pkijs.TSTInfo.fromBER(ab(eContent));
      const imprintAlg = DIGESTS[tst.messageImprint.hashAlgorithm.algorithmId];
      if (!imprintAlg)
        return fail(
          'unsupported',
          `unknown timestamp imprint algorithm ${tst.messageImprint.hashAlgorithm.algorithmId}`,
        );
      bound = eq(rangesDigest(imprintAlg, bytes, ranges), tst.messageImprint.hashedMessage.valueBlock.valueHexView);
      out.timestamp = { time: tst.genTime, authority: tsaName(tst, out.signer), valid: false };
    } else if (eContent) {
      // adbe.pkcs7.sha1: the signed content is the SHA-1 of the bytes
      bound = eq(rangesDigest('sha1', bytes, ranges), eContent);
    }
  } catch (e) {
    return fail('cms-unreadable', `the timestamp's TSTInfo cannot be read (${(e as Error).message})`);
  }
  let signedData: Uint8Array;
  if (si.signedAttrs) {
    const md = attrValue(OID.messageDigest) as asn1js.OctetString | undefined;
    if (!md || !(md instanceof asn1js.OctetString))
      return fail('cms-unreadable', 'the signed attributes have no messageDigest');
    const actual = eContent
      ? createHash(digestName).update(eContent).digest()
      : rangesDigest(digestName, bytes, ranges);
    out.digestValid = bound && eq(actual, md.valueBlock.valueHexView);
    signedData = new Uint8Array(si.signedAttrs.encodedValue);
  } else {
    // no signed attributes: the signature is over the content itself
    out.digestValid = bound;
    signedData = eContent ?? Buffer.concat(ranges.map(([a, b]) => bytes.subarray(a, b)));
  }
  if (!out.digestValid) {
    out.problems.push({
      code: 'digest-mismatch',
      detail:
        kind === 'timestamp'
          ? "the timestamp's message imprint differs from the hash of the /ByteRange bytes: the signed bytes were changed"
          : `the signed messageDigest differs from the ${digestName.toUpperCase()} of the /ByteRange bytes: the signed bytes were changed`,
    });
  }

  // 2. the signature value against the signer certificate's key
  if (!out.signer) return fail('no-signer-certificate', 'no certificate in the CMS matches the signer identifier');
  out.signatureValid = await verifyValue(signedData, si, out.signer, digestName).catch((e: Error) => {
    out.problems.push({
      code: 'unsupported',
      detail: `the signature algorithm ${si.signatureAlgorithm.algorithmId} could not be verified (${e.message})`,
    });
    return null;
  });
  if (out.signatureValid === false)
    out.problems.push({
      code: 'signature-invalid',
      detail: "the signature value does not verify with the signer certificate's public key",
    });
  if (out.timestamp) out.timestamp.valid = !!out.digestValid && !!out.signatureValid;

  // 3. a timestamp token over the signature value (PAdES B-T)
  const token = si.unsignedAttrs?.attributes.find((a) => a.type === OID.timestampToken)?.values[0];
  if (token && kind === 'signature')
    out.timestamp = await checkTimestampToken(
      token,
      new Uint8Array(si.signature.valueBlock.valueHexView),
      out.problems,
    );
  return out;
}

function eContentBytes(e: asn1js.OctetString | asn1js.BaseBlock): Uint8Array {
  if (e instanceof asn1js.OctetString) return new Uint8Array(e.getValue());
  return new Uint8Array(e.valueBeforeDecodeView);
}

async function findSigner(si: pkijs.SignerInfo, certs: pkijs.Certificate[]): Promise<pkijs.Certificate | null> {
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // subjectKeyIdentifier: [0] IMPLICIT OCTET STRING, compared with the SHA-1 of each key
  const sid = si.sid as asn1js.Constructed & asn1js.Primitive;
  const keyId = new Uint8Array(
    sid.idBlock.isConstructed
      ? (sid.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView
      : sid.valueBlock.valueHexView,
  );
  for (const c of certs) {
    const ski = createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
    if (eq(ski, keyId)) return c;
  }
  return null;
}

async function verifyValue(
  data: Uint8Array,
  si: pkijs.SignerInfo,
  cert: pkijs.Certificate,
  digestName: string,
): Promise<boolean> {
  const engine = pkijs.getCrypto(true);
  const sha = WEBCRYPTO_NAME[digestName];
  // a bare rsaEncryption algorithm takes its hash from the digest algorithm
  return si.signatureAlgorithm.algorithmId === OID.rsaEncryption
    ? engine.verifyWithPublicKey(ab(data), si.signature, cert.subjectPublicKeyInfo, si.signatureAlgorithm, sha)
    : engine.verifyWithPublicKey(ab(data), si.signature, cert.subjectPublicKeyInfo, si.signatureAlgorithm);
}

function timeOf(v: unknown): Date | null {
  if (v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime) {
    const d = v.toDate();
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function tsaName(tst: pkijs.TSTInfo, signer: pkijs.Certificate | null): string | null {
  if (signer) return attribute(signer.subject, '2.5.4.3');
  const v = tst.tsa?.value as pkijs.RelativeDistinguishedNames | undefined;
  return v instanceof pkijs.RelativeDistinguishedNames ? attribute(v, '2.5.4.3') : null;
}

/** An RFC 3161 token in the unsigned attributes: it must verify and imprint this signature's value. */
async function checkTimestampToken(
  token: unknown,
  signatureValue: Uint8Array,
  problems: SignatureProblem[],
): Promise<CmsCheck['timestamp']> {
  try {
    const ci = new pkijs.ContentInfo({ schema: token as asn1js.Sequence });
    const tsd = new pkijs.SignedData({ schema: ci.content });
    const tst = pkijs.TSTInfo.fromBER(ab(eContentBytes(tsd.encapContentInfo.eContent!)));
    const certs = (tsd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    let valid = false;
    let tsa: pkijs.Certificate | null = null;
    try {
      const r = await tsd.verify({ signer: 0, data: ab(signatureValue), extendedMode: true });
      valid = !!r.signatureVerified;
      tsa = r.signerCertificate ?? null;
    } catch (e) {
      tsa = (e as { signerCertificate?: pkijs.Certificate }).signerCertificate ?? null;
      problems.push({
        code: 'timestamp-invalid',
        detail: `the timestamp token does not verify (${(e as Error).message})`,
      });
    }
    if (!valid && !problems.some((p) => p.code === 'timestamp-invalid'))
      problems.push({ code: 'timestamp-invalid', detail: "the timestamp token's signature does not verify" });
    return { time: tst.genTime, authority: tsaName(tst, tsa ?? certs[0] ?? null), valid };
  } catch (e) {
    problems.push({
      code: 'timestamp-invalid',
      detail: `the timestamp token cannot be read (${(e as Error).message})`,
    });
    return null;
  }
}
