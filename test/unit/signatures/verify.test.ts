/**
 * The signature verifier on the file's bytes (src/signatures/), on the six kinds of test material
 * and on malformed signatures: every defect is a finding on the signature, never an exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignatureInfo } from '../../../src/model/contract.js';
import { readTrustAnchors, verifyPdfSignatures, type TrustAnchors } from '../../../src/signatures/index.js';
import { MAX_CONTENTS_HEX } from '../../../src/signatures/byte-range.js';
import {
  makeSignedFixtures,
  replaceOid,
  rewriteByteRange,
  SIGNATORIES,
  truncateCms,
  type SignedFixtures,
} from '../../helpers/signed-fixtures.js';
import { signPdf, timestampPdf, withVisibleMarks } from '../../helpers/sign-pdf.js';
import { matchSigners, signatureRules } from '../../../src/verify/signatures.js';

let fx: SignedFixtures;
let anchors: TrustAnchors;
const verifyKind = (k: Parameters<SignedFixtures['bytes']>[0], a: TrustAnchors | Error | null = anchors) =>
  verifyPdfSignatures(fx.bytes(k), { anchors: a });
const codes = (s: SignatureInfo) => s.problems.map((p) => p.code);

beforeAll(async () => {
  fx = await makeSignedFixtures();
  anchors = readTrustAnchors(fx.anchors);
});
afterAll(() => fx?.remove());

describe('the six kinds', () => {
  it('one signature: intact, trusted, the whole file, signer with NIP from serialNumber, time from the timestamp token', async () => {
    const [s, ...rest] = await verifyKind('signed-one');
    expect(rest).toEqual([]);
    SignatureInfo.parse(s);
    expect(s).toMatchObject({
      field: 'Signature1',
      kind: 'signature',
      integrity: 'valid',
      trust: 'trusted',
      coversWholeDocument: true,
      modifiedAfterSigning: false,
      signer: {
        name: 'HARI SUSANTO',
        nip: SIGNATORIES.head.nip,
        issuer: expect.stringContaining('CN=LKJ Test Signing CA'),
      },
      signedAt: '2023-04-12T02:30:05.000Z',
      signedAtSource: 'timestamp',
      revocation: 'not-checked',
      subFilter: 'adbe.pkcs7.detached',
      timestamp: { time: '2023-04-12T02:30:05.000Z', authority: 'LKJ Test TSA', valid: true },
      certificate: { validAtSigning: true },
      changes: [],
      problems: [],
    });
    // the visible widget on page 1, in top-left page points
    expect(s!.evidence.page).toBe(1);
    expect(s!.evidence.bbox).toEqual([380, 841.89 - 120, 560, 841.89 - 60].map((v) => Math.round(v * 10) / 10));
  });

  it('two signatures: the first no longer covers the file, but only a signature was added after it', async () => {
    const [a, b] = await verifyKind('signed-two');
    expect(a).toMatchObject({
      field: 'Signature1',
      integrity: 'valid',
      coversWholeDocument: false,
      modifiedAfterSigning: false,
    });
    expect(a!.changes.length).toBeGreaterThan(0);
    expect(a!.changes.every((c) => c.allowed && c.kind === 'signature')).toBe(true);
    expect(b).toMatchObject({
      field: 'Signature2',
      integrity: 'valid',
      trust: 'trusted',
      coversWholeDocument: true,
      modifiedAfterSigning: false,
      signer: { name: SIGNATORIES.staff.name, nip: SIGNATORIES.staff.nip },
      signedAtSource: 'signing-time',
      signedAt: '2023-04-12T03:30:00.000Z',
    });
    expect(b!.revisionEnd).toBe(fx.bytes('signed-two').length);
  });

  it('a change appended after signing: modified, and what changed is named (page 2 drawn on, an annotation on page 1)', async () => {
    const [s] = await verifyKind('signed-changed');
    expect(s).toMatchObject({ integrity: 'valid', coversWholeDocument: false, modifiedAfterSigning: true });
    expect(s!.changes).toEqual(
      expect.arrayContaining([
        { kind: 'page', change: 'modified', page: 2, name: null, allowed: false },
        { kind: 'annotation', change: 'added', page: 1, name: 'Text', allowed: false },
      ]),
    );
    expect(s!.changes.some((c) => c.kind === 'page' && c.page !== 2)).toBe(false);
  });

  it('a byte changed inside the signed range: the digest no longer matches', async () => {
    const [s] = await verifyKind('signed-tampered');
    expect(s!.integrity).toBe('invalid');
    expect(codes(s!)).toContain('digest-mismatch');
    expect(codes(s!)).not.toContain('signature-invalid'); // the signed attributes themselves are intact
    expect(s!.coversWholeDocument).toBe(true);
  });

  it('a signer under an unknown root: intact but untrusted', async () => {
    const [s] = await verifyKind('signed-stranger');
    expect(s).toMatchObject({
      integrity: 'valid',
      trust: 'untrusted',
      signer: { name: 'BUDI SANTOSO', nip: '198001012005011001' },
    });
    expect(codes(s!)).toEqual(['chain-untrusted']);
  });

  it('the unsigned report has no signatures', async () => {
    expect(await verifyKind('unsigned')).toEqual([]);
  });
});

describe('document timestamps', () => {
  it('a /DocTimeStamp after the signature: verified as a timestamp, an allowed addition for the signature before it', async () => {
    const stamped = await timestampPdf(fx.bytes('signed-one'), fx.pki.tsa, new Date('2023-04-13T00:00:00Z'));
    const [s, t] = await verifyPdfSignatures(stamped, { anchors });
    expect(s).toMatchObject({
      field: 'Signature1',
      integrity: 'valid',
      coversWholeDocument: false,
      modifiedAfterSigning: false,
    });
    expect(t).toMatchObject({
      field: 'Signature2',
      kind: 'timestamp',
      subFilter: 'ETSI.RFC3161',
      integrity: 'valid',
      trust: 'trusted',
      coversWholeDocument: true,
      signer: { name: 'LKJ Test TSA' },
      signedAt: '2023-04-13T00:00:00.000Z',
      signedAtSource: 'timestamp',
    });
    // a timestamp authority is no signatory: no G4 for it
    const signatories = [{ name: SIGNATORIES.head.name, nip: SIGNATORIES.head.nip, title: null }];
    expect(signatureRules(matchSigners([s!, t!], signatories), signatories, 'en')).toEqual([]);
  });
  it('a document timestamp over changed bytes does not verify', async () => {
    const stamped = Buffer.from(await timestampPdf(fx.bytes('unsigned'), fx.pki.tsa, new Date('2023-04-13T00:00:00Z')));
    const at = stamped.indexOf('/Producer') + 12;
    stamped[at] = stamped[at]! ^ 1;
    const [t] = await verifyPdfSignatures(new Uint8Array(stamped), { anchors });
    expect(t).toMatchObject({ kind: 'timestamp', integrity: 'invalid' });
    expect(codes(t!)).toContain('digest-mismatch');
  });
});

describe('trust anchors', () => {
  it('without anchors nothing is trusted: trust unknown, said why', async () => {
    const [s] = await verifyKind('signed-one', null);
    expect(s).toMatchObject({ integrity: 'valid', trust: 'unknown' });
    expect(codes(s!)).toEqual(['no-trust-anchors']);
  });
  it('a folder of PEM files works; the intermediate alone is an anchor too', async () => {
    const dir = path.join(fx.dir, 'anchors');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'intermediate.crt'), fx.pki.intermediate.pem);
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not a certificate');
    const [s] = await verifyKind('signed-one', readTrustAnchors(dir));
    expect(s!.trust).toBe('trusted');
  });
  it('an unreadable anchors file is reported on the signature, not thrown', async () => {
    const bad = path.join(fx.dir, 'bad.pem');
    fs.writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => readTrustAnchors(bad)).toThrow(/bad\.pem: certificate 1 cannot be read/);
    const [s] = await verifyKind('signed-one', new Error('LKJ_TRUST_ANCHORS=bad.pem: certificate 1 cannot be read'));
    expect(s).toMatchObject({ integrity: 'valid', trust: 'unknown' });
    expect(codes(s!)).toEqual(['trust-anchors-unreadable']);
  });
});

describe('signer certificate problems', () => {
  it("a signature made with another key than the certificate's: the value does not verify", async () => {
    const marked = await withVisibleMarks(fx.bytes('unsigned'), { qr: 'x' });
    const staff = await fx.pki.signer({ CN: 'SUGENG RIYADI' });
    const head = await fx.pki.signer({ CN: 'HARI SUSANTO' });
    const forged = await signPdf(marked, { signer: { ...head, key: staff.key }, chain: [fx.pki.intermediate] });
    const [s] = await verifyPdfSignatures(forged, { anchors });
    expect(s!.integrity).toBe('invalid');
    expect(codes(s!)).toContain('signature-invalid');
    expect(codes(s!)).not.toContain('digest-mismatch');
  });
  it('a certificate that had expired at the signing time is not trusted', async () => {
    const old = await fx.pki.signer(
      { CN: 'HARI SUSANTO' },
      { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') },
    );
    const pdf = await signPdf(fx.bytes('unsigned'), {
      signer: old,
      chain: [fx.pki.intermediate],
      signingTime: new Date('2023-04-12T00:00:00Z'),
    });
    const [s] = await verifyPdfSignatures(pdf, { anchors });
    expect(s).toMatchObject({ integrity: 'valid', trust: 'untrusted', certificate: { validAtSigning: false } });
    expect(codes(s!)).toEqual(expect.arrayContaining(['certificate-expired', 'chain-untrusted']));
  });
});

describe('malformed signature data is a finding, never a crash', () => {
  const SHA256 = '0609608648016503040201';
  it('a truncated CMS', async () => {
    const [s] = await verifyPdfSignatures(truncateCms(fx.bytes('signed-one')), { anchors });
    expect(s).toMatchObject({ integrity: 'invalid', trust: 'unknown', signer: { name: null } });
    expect(codes(s!)).toEqual(['cms-unreadable']);
  });
  it('an unknown digest algorithm OID', async () => {
    const [s] = await verifyPdfSignatures(replaceOid(fx.bytes('signed-one'), SHA256, '060960864801650304027f'), {
      anchors,
    });
    expect(s!.integrity).toBe('invalid');
    expect(s!.problems).toEqual(
      expect.arrayContaining([
        {
          code: 'unsupported',
          detail: expect.stringMatching(/unknown digest algorithm 2\.16\.840\.1\.101\.3\.4\.2\.127/),
        },
      ]),
    );
  });
  it('an unknown content type OID (not SignedData)', async () => {
    const [s] = await verifyPdfSignatures(
      replaceOid(fx.bytes('signed-one'), '06092a864886f70d010702', '06092a864886f70d01077f'),
      { anchors },
    );
    expect(s!.integrity).toBe('invalid');
    expect(s!.problems).toEqual([
      { code: 'unsupported', detail: expect.stringMatching(/1\.2\.840\.113549\.1\.7\.127 is not SignedData/) },
    ]);
  });
  it('a 10 MB /Contents', async () => {
    const head = await fx.pki.signer({ CN: 'HARI SUSANTO' });
    const big = await signPdf(fx.bytes('unsigned'), {
      signer: head,
      chain: [fx.pki.intermediate],
      signatureLength: 5 * 1024 * 1024,
    });
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const [s] = await verifyPdfSignatures(big, { anchors });
    expect(s!.integrity).toBe('invalid');
    expect(s!.problems).toEqual([
      { code: 'contents-too-large', detail: expect.stringContaining(`above the ${MAX_CONTENTS_HEX} limit`) },
    ]);
  });
  it('a /ByteRange pointing outside the file', async () => {
    const pdf = rewriteByteRange(fx.bytes('signed-one'), ([a, b, c, d]) => [a!, b!, c!, d! + 1_000_000]);
    const [s] = await verifyPdfSignatures(pdf, { anchors });
    expect(s).toMatchObject({ integrity: 'invalid', coversWholeDocument: false, modifiedAfterSigning: false });
    expect(s!.problems).toEqual([{ code: 'byte-range', detail: expect.stringMatching(/past the end of the file/) }]);
  });
  it('a /ByteRange that leaves more than /Contents unsigned', async () => {
    const pdf = rewriteByteRange(fx.bytes('signed-one'), ([a, b, c, d]) => [a!, b! - 20, c!, d!]);
    const [s] = await verifyPdfSignatures(pdf, { anchors });
    expect(s!.integrity).toBe('invalid');
    expect(codes(s!)).toContain('byte-range');
  });
  it('garbage where the PDF structure should be still reports the signature found by its /ByteRange', async () => {
    const one = Buffer.from(fx.bytes('signed-one'));
    const broken = Buffer.concat([one.subarray(0, 20), Buffer.from('garbage'.repeat(50)), one.subarray(20 + 350)]);
    const sigs = await verifyPdfSignatures(new Uint8Array(broken), { anchors });
    expect(sigs.length).toBeGreaterThan(0);
    expect(sigs.every((s) => s.integrity === 'invalid')).toBe(true);
  });
});
