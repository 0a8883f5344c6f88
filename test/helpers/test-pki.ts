/**
 * A throw-away PKI for the signature tests: a root, an intermediate, signers carrying a report's
 * signatories' names and NIPs, a time-stamping authority, and a second root nobody trusts.
 * Keys come from WebCrypto (RSA 2048, SHA-256); certificates and CMS are built with PKI.js.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const subtle = webcrypto.subtle as SubtleCrypto;
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export interface TestIdentity {
  cert: pkijs.Certificate;
  key: CryptoKey;
  /** DER */
  der: Uint8Array;
  pem: string;
}

export interface NameParts {
  CN: string;
  /** subject serialNumber (2.5.4.5), where BSrE-style certificates put a NIP */
  serialNumber?: string;
  O?: string;
  C?: string;
}

const OID = { CN: '2.5.4.3', serialNumber: '2.5.4.5', O: '2.5.4.10', C: '2.5.4.6' } as const;

function name(parts: NameParts): pkijs.RelativeDistinguishedNames {
  const rdn = new pkijs.RelativeDistinguishedNames();
  const add = (type: string, value: asn1js.Utf8String | asn1js.PrintableString) =>
    rdn.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type, value }));
  if (parts.C) add(OID.C, new asn1js.PrintableString({ value: parts.C }));
  if (parts.O) add(OID.O, new asn1js.Utf8String({ value: parts.O }));
  add(OID.CN, new asn1js.Utf8String({ value: parts.CN }));
  if (parts.serialNumber) add(OID.serialNumber, new asn1js.PrintableString({ value: parts.serialNumber }));
  return rdn;
}

let serial = 1000;

export interface IssueOptions {
  subject: NameParts;
  issuer?: TestIdentity;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** extended key usage OIDs (a TSA needs id-kp-timeStamping, critical) */
  extKeyUsage?: string[];
}

/** A certificate for a fresh key, signed by `issuer` (self-signed without one). */
export async function issue(o: IssueOptions): Promise<TestIdentity> {
  const keys = (await subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = name(o.subject);
  cert.issuer = o.issuer ? o.issuer.cert.subject : name(o.subject);
  cert.notBefore.value = o.notBefore ?? new Date('2020-01-01T00:00:00Z');
  cert.notAfter.value = o.notAfter ?? new Date('2035-01-01T00:00:00Z');
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = new Uint8Array(
    await subtle.digest('SHA-1', cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice()),
  );
  const ext: pkijs.Extension[] = [];
  ext.push(
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: !!o.ca }).toSchema().toBER(false),
    }),
  );
  // keyUsage: keyCertSign + cRLSign for a CA, digitalSignature + nonRepudiation for a signer
  const usage = o.ca ? new Uint8Array([0x06]) : new Uint8Array([0xc0]);
  ext.push(
    new pkijs.Extension({
      extnID: '2.5.29.15',
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: usage, unusedBits: o.ca ? 1 : 6 }).toBER(false),
    }),
  );
  ext.push(
    new pkijs.Extension({
      extnID: '2.5.29.14',
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false),
    }),
  );
  if (o.issuer) {
    const aki = new Uint8Array(
      await subtle.digest('SHA-1', o.issuer.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice()),
    );
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.35',
        critical: false,
        extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: aki }) })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  if (o.extKeyUsage)
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.37',
        critical: true,
        extnValue: new pkijs.ExtKeyUsage({ keyPurposes: o.extKeyUsage }).toSchema().toBER(false),
      }),
    );
  cert.extensions = ext;
  await cert.sign(o.issuer?.key ?? keys.privateKey, 'SHA-256');
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  return { cert, key: keys.privateKey, der, pem: toPem(der) };
}

export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export interface TestPki {
  root: TestIdentity;
  intermediate: TestIdentity;
  tsa: TestIdentity;
  /** a root no trust anchor names, and its one signer */
  strangerRoot: TestIdentity;
  /** issue a signer under the intermediate */
  signer(subject: NameParts, opts?: Partial<IssueOptions>): Promise<TestIdentity>;
  /** PEM of the root (what LKJ_TRUST_ANCHORS points at) */
  anchorsPem: string;
}

export async function makeTestPki(): Promise<TestPki> {
  const root = await issue({ subject: { CN: 'LKJ Test Root CA', O: 'lkj test', C: 'ID' }, ca: true });
  const intermediate = await issue({
    subject: { CN: 'LKJ Test Signing CA', O: 'lkj test', C: 'ID' },
    issuer: root,
    ca: true,
  });
  const tsa = await issue({
    subject: { CN: 'LKJ Test TSA', O: 'lkj test', C: 'ID' },
    issuer: intermediate,
    extKeyUsage: ['1.3.6.1.5.5.7.3.8'],
  });
  const strangerRoot = await issue({ subject: { CN: 'Unknown Root CA', O: 'elsewhere', C: 'ID' }, ca: true });
  return {
    root,
    intermediate,
    tsa,
    strangerRoot,
    signer: (subject, opts = {}) =>
      issue({ subject: { O: 'Pemerintah Kabupaten Uji', C: 'ID', ...subject }, issuer: intermediate, ...opts }),
    anchorsPem: root.pem,
  };
}

// ---- CMS (PAdES/adbe.pkcs7.detached) ---------------------------------------------------------

export interface CmsOptions {
  signer: TestIdentity;
  /** certificates carried besides the signer's (the intermediate, normally) */
  chain?: TestIdentity[];
  signingTime?: Date;
  /** add an RFC 3161 timestamp token over the signature value, from this TSA at this time */
  timestamp?: { tsa: TestIdentity; time: Date };
  /** replace the signed messageDigest with this (a lying signer) */
  messageDigest?: Uint8Array;
}

const attr = (type: string, value: asn1js.BaseBlock) => new pkijs.Attribute({ type, values: [value] });

/** A detached CMS SignedData over `data`, as a PDF signer writes into /Contents. */
export async function signCms(data: Uint8Array, o: CmsOptions): Promise<Uint8Array> {
  const digest = o.messageDigest ?? new Uint8Array(await subtle.digest('SHA-256', data.slice()));
  const signedAttrs = [
    attr('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })),
    attr('1.2.840.113549.1.9.5', new asn1js.UTCTime({ valueDate: o.signingTime ?? new Date() })),
    attr('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: digest })),
  ];
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: o.signer.cert.issuer,
          serialNumber: o.signer.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signedAttrs }),
      }),
    ],
    certificates: [o.signer.cert, ...(o.chain ?? []).map((c) => c.cert)],
  });
  await sd.sign(o.signer.key, 0, 'SHA-256', data.slice().buffer as ArrayBuffer);
  if (o.timestamp) {
    const token = await timestampToken(
      sd.signerInfos[0]!.signature.valueBlock.valueHexView,
      o.timestamp.tsa,
      o.timestamp.time,
    );
    sd.signerInfos[0]!.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attr('1.2.840.113549.1.9.16.2.14', token)],
    });
  }
  const ci = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER(false));
}

/** An RFC 3161 TimeStampToken (ContentInfo of SignedData over TSTInfo) for `imprint` data. */
export async function timestampToken(imprinted: Uint8Array, tsa: TestIdentity, time: Date): Promise<asn1js.Sequence> {
  const hash = new Uint8Array(await subtle.digest('SHA-256', imprinted.slice()));
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: '1.2.3.4.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: hash }),
    }),
    serialNumber: new asn1js.Integer({ value: serial++ }),
    genTime: time,
  });
  const tstDer = tst.toSchema().toBER(false);
  const eDigest = new Uint8Array(await subtle.digest('SHA-256', tstDer));
  const sd = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.9.16.1.4',
      eContent: new asn1js.OctetString({ valueHex: tstDer }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: tsa.cert.issuer, serialNumber: tsa.cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attr('1.2.840.113549.1.9.3', new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })),
            attr('1.2.840.113549.1.9.4', new asn1js.OctetString({ valueHex: eDigest })),
          ],
        }),
      }),
    ],
    certificates: [tsa.cert],
  });
  await sd.sign(tsa.key, 0, 'SHA-256');
  return new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: sd.toSchema(true),
  }).toSchema() as asn1js.Sequence;
}
