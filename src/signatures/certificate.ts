/** Who a certificate names: distinguished names as text, the signer's name and NIP. */
import type * as pkijs from 'pkijs';

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
};

function valueText(tv: pkijs.AttributeTypeAndValue): string {
  const block = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

/** `CN=…, O=…, C=…` in the certificate's own order. */
export function dnText(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${SHORT[tv.type] ?? tv.type}=${valueText(tv)}`).join(', ');
}

export function attribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  return tv ? valueText(tv).trim() || null : null;
}

/** An 18-digit NIP, its groups possibly spaced (`19681105 199403 1 005`). */
const NIP = /(?<!\d)(\d{8})[\s.-]?(\d{6})[\s.-]?(\d)[\s.-]?(\d{3})(?!\d)/;

/** The NIP a certificate carries: in its subject serialNumber, else inside its common name. */
export function certificateNip(subject: pkijs.RelativeDistinguishedNames): string | null {
  for (const oid of ['2.5.4.5', '2.5.4.3']) {
    const m = NIP.exec(attribute(subject, oid) ?? '');
    if (m) return m.slice(1).join('');
  }
  return null;
}

/** The signer's name: the common name without a NIP written into it (given + surname without a CN). */
export function certificateName(subject: pkijs.RelativeDistinguishedNames): string | null {
  const cn = attribute(subject, '2.5.4.3');
  if (cn) {
    const name = cn
      .replace(NIP, ' ')
      .replace(/\bNIP\b\.?:?/gi, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[\s,;:/-]+|[\s,;:/-]+$/g, '');
    return name || null;
  }
  const parts = [attribute(subject, '2.5.4.42'), attribute(subject, '2.5.4.4')].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex');
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return a.issuer.isEqual(b.issuer) && a.serialNumber.isEqual(b.serialNumber);
}
