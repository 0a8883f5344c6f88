/**
 * Trust: a signer is trusted when its certificate chains (PKI.js path validation, at the signing
 * time) to an anchor from `LKJ_TRUST_ANCHORS` — a PEM/DER file or a folder of them. Nothing is
 * fetched: no AIA issuer download, no CRL, no OCSP; revocation is reported as not checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureInfo, SignatureProblem } from '../model/contract.js';
import { loadSettings, type Env } from '../settings/settings.js';
import { sameCertificate } from './certificate.js';

export interface TrustAnchors {
  /** where they came from (the env value), for messages */
  source: string;
  certs: pkijs.Certificate[];
}

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/** Read the anchors: PEM (any number of certificates) or DER files, or a folder of them. Throws with the reason. */
export function readTrustAnchors(spec: string): TrustAnchors {
  const stat = fs.statSync(spec, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${spec} does not exist`);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(spec)
        .filter((f) => CERT_FILE.test(f))
        .sort()
        .map((f) => path.join(spec, f))
    : [spec];
  const certs: pkijs.Certificate[] = [];
  for (const f of files) certs.push(...parseCertificates(fs.readFileSync(f), f));
  if (!certs.length)
    throw new Error(`${spec} holds no certificate${stat.isDirectory() ? ' (.pem, .crt, .cer or .der files)' : ''}`);
  return { source: spec, certs };
}

export function parseCertificates(data: Uint8Array, file: string): pkijs.Certificate[] {
  const text = Buffer.from(data).toString('latin1');
  const blocks = [
    ...text.matchAll(
      /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g,
    ),
  ].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  const ders = blocks.length ? blocks : text.includes('-----BEGIN') ? [] : [data];
  return ders.map((der, i) => {
    const asn = asn1js.fromBER(der.slice().buffer as ArrayBuffer);
    try {
      if (asn.offset === -1) throw new Error(asn.result.error);
      return new pkijs.Certificate({ schema: asn.result });
    } catch (e) {
      throw new Error(`${file}: certificate ${i + 1} cannot be read (${(e as Error).message})`);
    }
  });
}

/** `LKJ_TRUST_ANCHORS` read once per value; an unreadable setting is kept as its error, not thrown. */
const cache = new Map<string, TrustAnchors | Error>();
export function anchorsFromEnv(env?: Env): TrustAnchors | Error | null {
  const spec = loadSettings(env).trustAnchors;
  if (!spec) return null;
  let hit = cache.get(spec);
  if (!hit) {
    try {
      hit = readTrustAnchors(spec);
    } catch (e) {
      hit = new Error(`LKJ_TRUST_ANCHORS=${spec}: ${(e as Error).message}`);
    }
    cache.set(spec, hit);
  }
  return hit;
}

/** Whether `signer` chains to an anchor at `at`, through the CA certificates the CMS carries. */
export async function chainTrust(
  signer: pkijs.Certificate,
  carried: pkijs.Certificate[],
  anchors: TrustAnchors | Error | null,
  at: Date,
): Promise<{ trust: SignatureInfo['trust']; problem: SignatureProblem | null }> {
  if (anchors === null)
    return {
      trust: 'unknown',
      problem: {
        code: 'no-trust-anchors',
        detail: 'no trust anchors are configured (LKJ_TRUST_ANCHORS): the signer cannot be trusted',
      },
    };
  if (anchors instanceof Error)
    return { trust: 'unknown', problem: { code: 'trust-anchors-unreadable', detail: anchors.message } };
  const cas = carried.filter((c) => !sameCertificate(c, signer) && isCa(c));
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors.certs,
    certs: [...cas, signer],
    checkDate: at,
  });
  try {
    const r = await engine.verify();
    if (r.result) return { trust: 'trusted', problem: null };
    return {
      trust: 'untrusted',
      problem: {
        code: 'chain-untrusted',
        detail: `the certificate does not chain to a trust anchor (${r.resultMessage})`,
      },
    };
  } catch (e) {
    const msg = (e as { resultMessage?: string }).resultMessage ?? (e as Error).message ?? String(e);
    return {
      trust: 'untrusted',
      problem: { code: 'chain-untrusted', detail: `the certificate does not chain to a trust anchor (${msg})` },
    };
  }
}

function isCa(c: pkijs.Certificate): boolean {
  const bc = c.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue;
  return bc instanceof pkijs.BasicConstraints && !!bc.cA;
}
