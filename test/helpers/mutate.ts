/**
 * Mutations of real inputs for the fuzz test (test/load/fuzz.test.ts): each kind damages a PDF or
 * an image the way a broken scanner, a cut download or a hostile file does. Everything random
 * comes from one seeded generator, so a seed names a whole run and any failure reproduces.
 */
import { deflateSync, inflateSync } from 'node:zlib';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private s: number;
  constructor(readonly seed: number) {
    this.s = seed >>> 0;
  }
  /** [0, 1) */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

export const PDF_MUTATIONS = [
  'truncate',
  'flip',
  'remove-object',
  'huge-number',
  'deep-array',
  'deep-dict',
  'control-text',
  'control-name',
  'broken-xref',
  'xref-loop',
  'stream-flip',
  'nul-tounicode',
] as const;
export const IMAGE_MUTATIONS = ['truncate', 'flip', 'image-header', 'image-dimensions', 'image-chunk'] as const;
export type Mutation = (typeof PDF_MUTATIONS)[number] | (typeof IMAGE_MUTATIONS)[number];

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => Buffer.from(s, 'latin1');

/** `pdf` with `kind` applied once; a kind that finds nothing to damage falls back to flipping bytes. */
export function mutatePdf(pdf: Uint8Array, kind: (typeof PDF_MUTATIONS)[number], rng: Rng): Buffer {
  const out = PDF[kind](Buffer.from(pdf), rng);
  return out && !out.equals(Buffer.from(pdf)) ? out : flip(Buffer.from(pdf), rng);
}

export function mutateImage(img: Uint8Array, kind: (typeof IMAGE_MUTATIONS)[number], rng: Rng): Buffer {
  const b = Buffer.from(img);
  const out = IMAGE[kind](b, rng);
  return out && !out.equals(b) ? out : flip(b, rng);
}

function truncate(b: Buffer, rng: Rng): Buffer {
  return b.subarray(0, rng.int(0, b.length - 1));
}

function flip(b: Buffer, rng: Rng): Buffer {
  const out = Buffer.from(b);
  const n = rng.int(1, 24);
  for (let i = 0; i < n; i++) flipBit(out, rng.int(0, out.length - 1), rng);
  return out;
}

function flipBit(b: Buffer, at: number, rng: Rng): void {
  b[at] = b[at]! ^ (1 << rng.int(0, 7));
}

/** The spans of every `n g obj … endobj` (by their text; offsets in the latin1 string = byte offsets). */
function objects(s: string): { num: number; start: number; end: number }[] {
  const out: { num: number; start: number; end: number }[] = [];
  const re = /(\d+) \d+ obj\b/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const end = s.indexOf('endobj', m.index);
    if (end < 0) break;
    out.push({ num: Number(m[1]), start: m.index, end: end + 'endobj'.length });
    re.lastIndex = end;
  }
  return out;
}

/** A random object's dictionary opening `<<` (the position after it), outside stream data. */
function dictOpening(s: string, rng: Rng): number | null {
  const objs = objects(s);
  for (let tries = 0; tries < 10 && objs.length; tries++) {
    const o = rng.pick(objs);
    const at = s.indexOf('<<', o.start);
    const streamAt = s.indexOf('stream', o.start);
    if (at >= 0 && at < o.end && (streamAt < 0 || at < streamAt)) return at + 2;
  }
  return null;
}

const HUGE = [
  '99999999',
  '2147483648',
  '4294967296',
  '1e9',
  '-1',
  '0',
  '99999999999999999999999999',
  '1e308',
  '-2147483649',
  '3.4e38',
];

/**
 * Every value of a random sort of size, count or length replaced by a huge (or negative) one:
 * image /Width and /Height, a page's /MediaBox, a stream's /Length, a page tree's /Count, the
 * trailer's /Size, a font's /FirstChar.
 */
function hugeNumber(b: Buffer, rng: Rng): Buffer {
  const s = latin1(b);
  const huge = rng.pick(HUGE);
  const key = rng.pick([
    '/Width',
    '/Height',
    '/Length',
    '/Count',
    '/Size',
    '/BitsPerComponent',
    '/FirstChar',
    '/MediaBox',
    '/Rotate',
    '/UserUnit',
    'Tf',
    'cm',
  ]);
  if (key === '/MediaBox') return bytes(s.replace(/\/MediaBox\s*\[[^\]]*\]/g, `/MediaBox [0 0 ${huge} ${huge}]`));
  // operators in uncompressed content streams: a font size or a matrix of absurd scale
  if (key === 'Tf') return bytes(s.replace(/(\/\w+) [\d.]+ Tf/g, `$1 ${huge} Tf`));
  if (key === 'cm')
    return bytes(s.replace(/[\d.-]+ ([\d.-]+ [\d.-]+) [\d.-]+ ([\d.-]+ [\d.-]+) cm/g, `${huge} $1 ${huge} $2 cm`));
  return bytes(s.replace(new RegExp(`${key}\\s+\\d+`, 'g'), `${key} ${huge}`));
}

/** One `n g obj … endobj` cut out (the xref still points where it was). */
function removeObject(b: Buffer, rng: Rng): Buffer | null {
  const objs = objects(latin1(b));
  if (!objs.length) return null;
  const o = rng.pick(objs);
  return Buffer.concat([b.subarray(0, o.start), b.subarray(o.end)]);
}

/** An array or dictionary nested `depth` deep, put into a random object's dictionary. */
function deep(b: Buffer, rng: Rng, kind: 'array' | 'dict'): Buffer | null {
  const s = latin1(b);
  const at = dictOpening(s, rng);
  if (at === null) return null;
  const depth = rng.pick([1000, 10_000, 100_000]);
  const value =
    kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)}`;
  return bytes(`${s.slice(0, at)} /Deep ${value} ${s.slice(at)}`);
}

const CONTROL = [
  '\x00',
  '\x01',
  '\x07',
  '\x08',
  '\x0b',
  '\x0c',
  '\x1b',
  '\x1f',
  '\x7f',
  '\r',
  '\x00\x00\x00',
  '\\000',
  '\\001\\037',
];

/**
 * Control characters and NULs put into text strings: literal `(…)` operands of Tj/TJ/'/" and hex
 * `<…>` ones, in uncompressed content streams and, inflated and deflated again, in compressed ones.
 */
function controlText(b: Buffer, rng: Rng): Buffer | null {
  const inject = (content: string): string =>
    content
      .replace(/\(((?:[^()\\]|\\.)*)\)(\s*(?:Tj|'|"))/g, (m, str: string, op: string) =>
        rng.next() < 0.6 ? `(${spray(str, rng)})${op}` : m,
      )
      .replace(/\[([^\]]*)\]\s*TJ/g, (m, arr: string) =>
        rng.next() < 0.6
          ? `[${arr.replace(/<([0-9a-fA-F]*)>/g, (_, hex: string) => `<${hex}${rng.pick(['00', '0000', '01', '1b', '7f', '001f'])}>`).replace(/\(((?:[^()\\]|\\.)*)\)/g, (_, t: string) => `(${spray(t, rng)})`)}] TJ`
          : m,
      );
  return mapContent(b, inject);
}

function spray(str: string, rng: Rng): string {
  const chars = [...str];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) chars.splice(rng.int(0, chars.length), 0, rng.pick(CONTROL));
  return chars.join('');
}

/** NULs and control characters in names: a font's resource name (where it is defined and used), /BaseFont, /Type. */
function controlName(b: Buffer, rng: Rng): Buffer | null {
  const s = latin1(b);
  const names = [...new Set(s.match(/\/[A-Za-z][A-Za-z0-9+_-]*/g) ?? [])];
  if (!names.length) return null;
  const name = rng.pick(names);
  const bad = rng.pick(['#00', '\x00', '#01', '\x1b', '#7F', '#0A', '\x07', '#00#00', '#']);
  const cut = rng.int(1, name.length);
  const replaced = name.slice(0, cut) + bad + name.slice(cut);
  const out = s.split(name).join(replaced);
  // the same name inside compressed content streams (a font selected by `/F1 12 Tf`)
  return mapContent(bytes(out), (c) => c.split(name).join(replaced)) ?? bytes(out);
}

/**
 * `fn` applied to every content-like stream: uncompressed ones in place, Flate ones inflated, changed
 * and deflated again with their /Length fixed. Null when no stream changed.
 */
function mapContent(b: Buffer, fn: (content: string) => string): Buffer | null {
  const s = latin1(b);
  const re = /<<((?:(?!stream)[\s\S]){0,2000}?)>>\s*stream\r?\n/g;
  const parts: Buffer[] = [];
  let last = 0,
    changed = false;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const dict = m[1]!;
    const len = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    if (!len) continue;
    const dataStart = m.index + m[0].length,
      dataEnd = dataStart + Number(len[1]);
    if (dataEnd > s.length || /\/Subtype\s*\/Image|\/Length1|\/FontFile/.test(dict)) {
      re.lastIndex = Math.min(dataEnd, s.length);
      continue;
    }
    const flate = /\/FlateDecode/.test(dict);
    let content: string;
    try {
      content = flate ? latin1(inflateSync(b.subarray(dataStart, dataEnd))) : s.slice(dataStart, dataEnd);
    } catch {
      re.lastIndex = dataEnd;
      continue;
    }
    const next = fn(content);
    re.lastIndex = dataEnd;
    if (next === content) continue;
    changed = true;
    const data = flate ? deflateSync(bytes(next)) : bytes(next);
    parts.push(
      b.subarray(last, m.index),
      bytes(`<<${dict.replace(/\/Length \d+/, `/Length ${data.length}`)}>>\nstream\n`),
      data,
    );
    last = dataEnd;
  }
  if (!changed) return null;
  parts.push(b.subarray(last));
  return Buffer.concat(parts);
}

/** A ToUnicode CMap whose destinations are NUL and control characters (a broken font's map). */
function nulToUnicode(b: Buffer, rng: Rng): Buffer | null {
  return mapContent(b, (c) =>
    c.includes('beginbf')
      ? c.replace(/(<[0-9a-fA-F]+>\s*)<([0-9a-fA-F]{4})>/g, (m, src: string) =>
          rng.next() < 0.3 ? `${src}<${rng.pick(['0000', '0001', '001B', '007F', '0008'])}>` : m,
        )
      : c,
  );
}

/** The cross-reference damaged: startxref off, entries' offsets garbled, or the table gone. */
function brokenXref(b: Buffer, rng: Rng): Buffer | null {
  const s = latin1(b);
  switch (rng.int(0, 3)) {
    case 0:
      return bytes(
        s.replace(
          /startxref\s+\d+/g,
          `startxref\n${rng.pick(['0', '1', '99999999999', '-5', String(rng.int(0, b.length))])}`,
        ),
      );
    case 1:
      return bytes(
        s.replace(/(\d{10}) (\d{5}) n/g, (m, _off: string, gen: string) =>
          rng.next() < 0.5 ? `${String(rng.int(0, b.length * 2)).padStart(10, '0')} ${gen} n` : m,
        ),
      );
    case 2: {
      const at = s.lastIndexOf('xref');
      const tr = s.indexOf('trailer', at);
      return at >= 0 && tr > at ? bytes(s.slice(0, at) + s.slice(tr)) : null;
    }
    default:
      return bytes(s.replace(/xref\s+0 (\d+)/, (_, n: string) => `xref\n0 ${Number(n) + rng.int(1, 1_000_000)}`));
  }
}

/** A trailer whose /Prev points at its own xref (a loop a reader must not follow forever), or several. */
function xrefLoop(b: Buffer): Buffer | null {
  const s = latin1(b);
  const sx = /startxref\s+(\d+)/g;
  let off: string | null = null;
  for (let m = sx.exec(s); m !== null; m = sx.exec(s)) off = m[1]!;
  if (off === null || !s.includes('trailer')) return null;
  return bytes(s.replace(/trailer\s*<</g, `trailer\n<< /Prev ${off}`));
}

/** Bytes flipped inside one stream's data only (the structure intact): a damaged font, image or content. */
function streamFlip(b: Buffer, rng: Rng): Buffer | null {
  const s = latin1(b);
  const spans: [number, number][] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const end = s.indexOf('endstream', m.index);
    if (end > m.index + m[0].length + 1) spans.push([m.index + m[0].length, end]);
  }
  if (!spans.length) return null;
  const [lo, hi] = rng.pick(spans);
  const out = Buffer.from(b);
  for (let i = rng.int(1, 8); i > 0; i--) flipBit(out, rng.int(lo, hi - 1), rng);
  return out;
}

const PDF: Record<(typeof PDF_MUTATIONS)[number], (b: Buffer, rng: Rng) => Buffer | null> = {
  truncate,
  flip,
  'remove-object': removeObject,
  'huge-number': hugeNumber,
  'deep-array': (b, r) => deep(b, r, 'array'),
  'deep-dict': (b, r) => deep(b, r, 'dict'),
  'control-text': controlText,
  'control-name': controlName,
  'broken-xref': brokenXref,
  'xref-loop': xrefLoop,
  'stream-flip': streamFlip,
  'nul-tounicode': nulToUnicode,
};

// ---- images ------------------------------------------------------------------------------------

/** The magic bytes or the first header chunk garbled (PNG signature, IHDR; JPEG SOI, APP0). */
function imageHeader(b: Buffer, rng: Rng): Buffer {
  const out = Buffer.from(b);
  const at = rng.int(0, Math.min(out.length, 40) - 1);
  out[at] = rng.int(0, 255);
  return out;
}

/**
 * The declared size made huge, zero or negative: PNG's IHDR width/height (CRC left wrong or
 * fixed), JPEG's SOFn height/width.
 */
function imageDimensions(b: Buffer, rng: Rng): Buffer | null {
  const out = Buffer.from(b);
  const w = rng.pick([0, 1, 65535, 0x7fffffff, 0xffffffff, 100_000, 30_000]);
  const h = rng.pick([0, 1, 65535, 0x7fffffff, 0xffffffff, 100_000, 30_000]);
  // a PNG cut short before its IHDR's size and CRC (a truncated image in the corpus) has none to set
  if (out[0] === 0x89 && out.length >= 33 && out.subarray(12, 16).toString('latin1') === 'IHDR') {
    out.writeUInt32BE(w >>> 0, 16);
    out.writeUInt32BE(h >>> 0, 20);
    if (rng.next() < 0.7) out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
    return out;
  }
  if (out[0] === 0xff && out[1] === 0xd8) {
    for (let i = 2; i + 9 < out.length; ) {
      if (out[i] !== 0xff) return null;
      const marker = out[i + 1]!;
      const len = out.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        out.writeUInt16BE(h & 0xffff, i + 5);
        out.writeUInt16BE(w & 0xffff, i + 7);
        return out;
      }
      i += 2 + len;
    }
  }
  return null;
}

/** One chunk (PNG) or segment (JPEG) after the header removed, duplicated or cut. */
function imageChunk(b: Buffer, rng: Rng): Buffer | null {
  const spans: [number, number][] = [];
  if (b[0] === 0x89) {
    for (let i = 8; i + 12 <= b.length; ) {
      const len = b.readUInt32BE(i);
      spans.push([i, i + 12 + len]);
      i += 12 + len;
    }
  } else {
    for (let i = 2; i + 4 <= b.length && b[i] === 0xff; ) {
      const marker = b[i + 1]!;
      if (marker === 0xda) {
        spans.push([i, b.length - 2]);
        break;
      }
      const len = b.readUInt16BE(i + 2);
      spans.push([i, i + 2 + len]);
      i += 2 + len;
    }
  }
  if (spans.length < 2) return null;
  const [lo, hi] = rng.pick(spans.slice(1));
  switch (rng.int(0, 2)) {
    case 0:
      return Buffer.concat([b.subarray(0, lo), b.subarray(hi)]);
    case 1:
      return Buffer.concat([b.subarray(0, hi), b.subarray(lo, hi), b.subarray(hi)]);
    default:
      return Buffer.concat([b.subarray(0, rng.int(lo, hi)), b.subarray(hi)]);
  }
}

const IMAGE: Record<(typeof IMAGE_MUTATIONS)[number], (b: Buffer, rng: Rng) => Buffer | null> = {
  truncate,
  flip,
  'image-header': imageHeader,
  'image-dimensions': imageDimensions,
  'image-chunk': imageChunk,
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
