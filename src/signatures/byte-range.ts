/**
 * What a signature's /ByteRange says about the file: the bytes it signs, the CMS in the gap it
 * leaves (which must be exactly the /Contents hex string), and whether the signed part is a whole
 * revision (ends at a %%EOF) and the whole file.
 */
import type { SignatureProblem } from '../model/contract.js';

/** A /Contents larger than this (hex characters) is not parsed: 8 Mi, a 4 MiB CMS. Real ones are kilobytes. */
export const MAX_CONTENTS_HEX = 8 * 1024 * 1024;

export interface SignedRange {
  /** [start, end) byte ranges the signature covers */
  ranges: [number, number][];
  /** the CMS bytes from the gap (trailing zero padding kept), null when the range is unusable */
  cms: Uint8Array | null;
  /** where the signed bytes end (the end of the signed revision), null when unusable */
  end: number | null;
  coversWholeDocument: boolean;
  problems: SignatureProblem[];
}

export function checkByteRange(bytes: Uint8Array, br: number[] | null): SignedRange {
  const bad = (detail: string): SignedRange => ({
    ranges: [],
    cms: null,
    end: null,
    coversWholeDocument: false,
    problems: [{ code: 'byte-range', detail }],
  });
  if (!br) return bad('the signature has no /ByteRange array of numbers');
  if (br.length < 4 || br.length % 2) return bad(`/ByteRange [${br.join(' ')}] is not pairs of offset and length`);
  if (br.some((n) => !Number.isSafeInteger(n) || n < 0))
    return bad(`/ByteRange [${br.join(' ')}] holds a negative or non-integer number`);
  const ranges: [number, number][] = [];
  for (let i = 0; i < br.length; i += 2) ranges.push([br[i]!, br[i]! + br[i + 1]!]);
  if (ranges[0]![0] !== 0) return bad(`/ByteRange [${br.join(' ')}] does not start at the beginning of the file`);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i]![0] < ranges[i - 1]![1])
      return bad(`/ByteRange [${br.join(' ')}] has overlapping or unordered ranges`);
  }
  const end = ranges[ranges.length - 1]![1];
  if (end > bytes.length)
    return bad(`/ByteRange [${br.join(' ')}] reaches byte ${end}, past the end of the file (${bytes.length} bytes)`);
  if (ranges.length !== 2)
    return bad(
      `/ByteRange [${br.join(' ')}] leaves ${ranges.length - 1} gaps; a signature leaves out exactly one, its /Contents`,
    );

  const problems: SignatureProblem[] = [];
  const [gapStart, gapEnd] = [ranges[0]![1], ranges[1]![0]];
  let cms: Uint8Array | null = null;
  if (bytes[gapStart] !== 0x3c || bytes[gapEnd - 1] !== 0x3e) {
    problems.push({
      code: 'byte-range',
      detail: `the bytes /ByteRange leaves out (${gapStart}–${gapEnd}) are not a hex string <…>: something besides /Contents is unsigned`,
    });
  } else if (gapEnd - gapStart - 2 > MAX_CONTENTS_HEX) {
    problems.push({
      code: 'contents-too-large',
      detail: `/Contents holds ${gapEnd - gapStart - 2} hex characters, above the ${MAX_CONTENTS_HEX} limit; not parsed`,
    });
  } else {
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset + gapStart + 1, gapEnd - gapStart - 2).toString('latin1');
    const clean = hex.replace(/[\s\0]+/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(clean))
      problems.push({
        code: 'byte-range',
        detail: 'the unsigned gap holds characters that are not hex digits: it is not only /Contents',
      });
    else cms = new Uint8Array(Buffer.from(clean.length % 2 ? `${clean}0` : clean, 'hex'));
  }
  if (!endsRevision(bytes, end)) {
    problems.push({
      code: 'byte-range',
      detail: `the signed bytes end at ${end}, not at the end of a revision (%%EOF): part of the revision is unsigned`,
    });
  }
  return { ranges, cms, end, coversWholeDocument: onlyWhitespaceAfter(bytes, end), problems };
}

/** The signed part ends with %%EOF and at most its end-of-line. */
function endsRevision(bytes: Uint8Array, end: number): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, end - 16), Math.min(end, 16)).toString(
    'latin1',
  );
  return /%%EOF(\r\n|\r|\n)?$/.test(tail);
}

function onlyWhitespaceAfter(bytes: Uint8Array, end: number): boolean {
  if (bytes.length - end > 64) return false;
  for (let i = end; i < bytes.length; i++) if (![0x0a, 0x0d, 0x20, 0x09, 0x00, 0x0c].includes(bytes[i]!)) return false;
  return true;
}

/** The end offsets of every revision (each %%EOF and its end-of-line) in the file. */
export function revisionEnds(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = buf.indexOf('%%EOF'); i >= 0; i = buf.indexOf('%%EOF', i + 5)) {
    let e = i + 5;
    if (buf[e] === 0x0d) e++;
    if (buf[e] === 0x0a) e++;
    out.push(e);
  }
  return out;
}
