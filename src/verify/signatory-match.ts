/**
 * Is a digital signer one of the report's signatories? By NIP when both carry one, else by name
 * with titles, degrees, case and punctuation ignored (`Drs. HARI SUSANTO, M.Si` = `hari susanto`).
 */
import type { Signatory } from '../model/contract.js';
import { editDistance } from '../parse/edit-distance.js';

/** Titles written before a name (dots removed): Drs., Dr., Ir., Prof., H., Hj., K.H. … */
const PREFIXES = new Set(['DR', 'DRS', 'DRA', 'DRG', 'DRH', 'IR', 'PROF', 'H', 'HJ', 'KH', 'NY']);
/** Degrees written after a name without a comma before them (dots removed): SH, SE, MM, MSi, SSos … */
const DEGREES = new Set([
  'SH',
  'SE',
  'SS',
  'ST',
  'SP',
  'SAG',
  'SAP',
  'SIP',
  'SPD',
  'SPDI',
  'SSOS',
  'SSTP',
  'SKOM',
  'SKM',
  'SKEP',
  'SHI',
  'SHUT',
  'SPSI',
  'SSI',
  'SIKOM',
  'SFARM',
  'SKG',
  'SKED',
  'SPT',
  'STP',
  'SSTPAR',
  'SHUM',
  'SM',
  'SAK',
  'STR',
  'STRPAR',
  'AMD',
  'AMDKEB',
  'AMDKEP',
  'AMK',
  'APT',
  'BSC',
  'BA',
  'MM',
  'MSI',
  'MH',
  'MT',
  'MAP',
  'MPD',
  'MPDI',
  'MAG',
  'MKES',
  'MKN',
  'MPA',
  'MAB',
  'MEC',
  'MSC',
  'MBA',
  'MPP',
  'MTP',
  'MHUM',
  'MKOM',
  'MSOS',
  'MAK',
  'MIP',
  'MIKOM',
  'MFARM',
  'MKM',
  'LLM',
  'PHD',
  'MA',
  'ME',
  'MS',
]);

/** A name reduced to what identifies the person: upper case, no titles, degrees or punctuation. */
export function normaliseName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
  // degrees follow a comma (`SUTRISNO, S.Sos, M.M`); what precedes the first comma is the name
  const head = plain.split(',')[0]!;
  const tokens = head
    .split(/\s+/)
    .filter(Boolean)
    // a dotted degree glued into the name part (`S.Sos`, `M.Si`) is not part of the name
    .filter((t) => !(t.includes('.') && DEGREES.has(t.replace(/[^A-Z]/g, ''))))
    .map((t) => t.replace(/[^A-Z0-9]/g, ''))
    .filter(Boolean);
  while (tokens.length > 1 && PREFIXES.has(tokens[0]!)) tokens.shift();
  while (tokens.length > 1 && DEGREES.has(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens.join(' ');
}

/** Names equal after normalising, allowing one misread letter per 12 (a scanned signature block). */
export function sameName(a: string, b: string): boolean {
  const x = normaliseName(a),
    y = normaliseName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  return editDistance(x, y) <= Math.floor(Math.max(x.length, y.length) / 12);
}

export interface SignatoryMatch {
  /** null when there is nothing to compare (no signer identity, or no signatories read) */
  matches: boolean | null;
  signatory: Signatory | null;
  by: 'nip' | 'name' | null;
}

export function matchSignatory(
  signer: { name: string | null; nip: string | null },
  signatories: readonly Signatory[],
): SignatoryMatch {
  if (!signatories.length || (!signer.name && !signer.nip)) return { matches: null, signatory: null, by: null };
  const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
  const nip = digits(signer.nip);
  if (nip.length === 18) {
    const s = signatories.find((x) => digits(x.nip) === nip);
    if (s) return { matches: true, signatory: s, by: 'nip' };
  }
  if (signer.name) {
    const s = signatories.find((x) => sameName(x.name, signer.name!));
    if (s) return { matches: true, signatory: s, by: 'name' };
  }
  return { matches: false, signatory: null, by: null };
}
