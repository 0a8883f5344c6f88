/**
 * The six kinds of signed-report test material, made from a real born-digital fixture report
 * (pasirian-tw1-2023, clean, signatories SUGENG RIYADI, S.Sos and Drs. HARI SUSANTO, M.Si) with a
 * fresh test PKI: one signature; two, the second covering the first; a change appended after
 * signing; a byte changed inside the signed range; a signer under an unknown root who is not a
 * signatory; the unsigned report. Plus malformed variants for the verifier's robustness.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './services.js';
import { appendChange, byteRanges, signPdf, withVisibleMarks } from './sign-pdf.js';
import { issue, makeTestPki, type TestPki } from './test-pki.js';

export const SOURCE_REPORT = path.join(ROOT, 'fixtures/corpus/born/pasirian-tw1-2023.pdf');
export const QR_URL = 'https://tte.example.go.id/verifikasi/LKJ-PASIRIAN-2023-TW1';
/** the report's signatories, as printed */
export const SIGNATORIES = {
  head: { name: 'Drs. HARI SUSANTO, M.Si', nip: '196811051994031005' },
  staff: { name: 'SUGENG RIYADI, S.Sos', nip: '197503122006041008' },
};

export const KINDS = [
  'signed-one',
  'signed-two',
  'signed-changed',
  'signed-tampered',
  'signed-stranger',
  'unsigned',
] as const;
export type Kind = (typeof KINDS)[number];

export interface SignedFixtures {
  dir: string;
  pki: TestPki;
  /** the PEM file of the test root, for LKJ_TRUST_ANCHORS */
  anchors: string;
  file(kind: Kind): string;
  bytes(kind: Kind): Uint8Array;
  remove(): void;
}

const SIGNED_AT = new Date('2023-04-12T02:30:00Z');

export async function makeSignedFixtures(): Promise<SignedFixtures> {
  const pki = await makeTestPki();
  const head = await pki.signer({ CN: 'HARI SUSANTO', serialNumber: SIGNATORIES.head.nip });
  // the staff signer's certificate carries the NIP inside its common name, titles and all
  const staff = await pki.signer({ CN: `${SIGNATORIES.staff.name} ${SIGNATORIES.staff.nip}` });
  const stranger = await issue({
    subject: { CN: 'BUDI SANTOSO', serialNumber: '198001012005011001', O: 'elsewhere', C: 'ID' },
    issuer: pki.strangerRoot,
  });

  const marked = await withVisibleMarks(fs.readFileSync(SOURCE_REPORT), { qr: QR_URL });
  const one = await signPdf(marked, {
    signer: head,
    chain: [pki.intermediate],
    signingTime: SIGNED_AT,
    timestamp: { tsa: pki.tsa, time: new Date(SIGNED_AT.getTime() + 5000) },
    widgetRect: [380, 60, 560, 120],
  });
  const two = await signPdf(one, {
    signer: staff,
    chain: [pki.intermediate],
    signingTime: new Date(SIGNED_AT.getTime() + 3_600_000),
  });
  const changed = await appendChange(one, { drawOn: 2, annotateOn: 1 });
  const tampered = tamperInsideSignedRange(one);
  const strangerSigned = await signPdf(marked, { signer: stranger, chain: [pki.strangerRoot], signingTime: SIGNED_AT });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lkj-signed-'));
  const files: Record<Kind, Uint8Array> = {
    'signed-one': one,
    'signed-two': two,
    'signed-changed': changed,
    'signed-tampered': tampered,
    'signed-stranger': strangerSigned,
    unsigned: new Uint8Array(fs.readFileSync(SOURCE_REPORT)),
  };
  for (const k of KINDS) fs.writeFileSync(path.join(dir, `${k}.pdf`), files[k]);
  // beside the reports, not among them: a folder ingest records every file in it as a document
  fs.mkdirSync(path.join(dir, 'trust'));
  const anchors = path.join(dir, 'trust', 'anchors.pem');
  fs.writeFileSync(anchors, pki.anchorsPem);
  return {
    dir,
    pki,
    anchors,
    file: (k) => path.join(dir, `${k}.pdf`),
    bytes: (k) => files[k],
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** One byte of the signed revision changed (the Info dictionary's producer): the signed hash no longer matches. */
export function tamperInsideSignedRange(signed: Uint8Array): Uint8Array {
  const out = Buffer.from(signed);
  const at = out.indexOf('/Producer');
  const [, len] = byteRanges(signed)[0]!;
  if (at < 0 || at > len!) throw new Error('no /Producer inside the first signed range');
  const open = out.indexOf('(', at);
  out[open + 1] = out[open + 1] === 0x58 ? 0x59 : 0x58; // X or Y
  return new Uint8Array(out);
}

// ---- malformed signatures ----------------------------------------------------------------------

/** The /Contents hex string of the last signature (start and end offsets inside the file, without <>). */
export function contentsHex(pdf: Uint8Array): { start: number; end: number } {
  const br = byteRanges(pdf).at(-1)!;
  return { start: br[1]! + 1, end: br[2]! - 1 };
}

/** Replace part of the last signature's /Contents hex, keeping its length. */
export function patchContents(pdf: Uint8Array, fn: (hex: string) => string): Uint8Array {
  const { start, end } = contentsHex(pdf);
  const buf = Buffer.from(pdf);
  const hex = buf.subarray(start, end).toString('latin1');
  const next = fn(hex);
  if (next.length !== hex.length) throw new Error('patched /Contents must keep its length');
  buf.write(next, start, 'latin1');
  return new Uint8Array(buf);
}

/** Truncate the CMS: keep its first `keep` bytes, zeros after. */
export const truncateCms = (pdf: Uint8Array, keep = 200) =>
  patchContents(pdf, (h) => h.slice(0, keep * 2) + '0'.repeat(h.length - keep * 2));

/** Replace every occurrence of an OID (its DER hex, tag and length included) in the CMS. */
export const replaceOid = (pdf: Uint8Array, fromHex: string, toHex: string) =>
  patchContents(pdf, (h) => {
    if (!h.toLowerCase().includes(fromHex.toLowerCase())) throw new Error(`OID ${fromHex} not in the CMS`);
    return h.replace(new RegExp(fromHex, 'gi'), toHex);
  });

/** Rewrite the last /ByteRange in place (the same number of bytes, using the padding after it), e.g. to point outside the file. */
export function rewriteByteRange(pdf: Uint8Array, fn: (br: number[]) => number[]): Uint8Array {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const m = [...text.matchAll(/\/ByteRange\s*\[([\d\s]+)\] */g)].at(-1)!;
  const next = `/ByteRange [${fn(m[1]!.trim().split(/\s+/).map(Number)).join(' ')}]`;
  if (next.length > m[0].length) throw new Error('the new /ByteRange does not fit');
  buf.write(next.padEnd(m[0].length, ' '), m.index!, 'latin1');
  return new Uint8Array(buf);
}
