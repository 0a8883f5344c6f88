import type { ClaimKind } from '../model/contract.js';
import type { ExtractedClaim } from '../model/extracted.js';
import type { Line } from '../model/word.js';
import { unionBBox } from '../model/lines.js';
import { parseNumber } from './numbers.js';
import { sentencesOf, type Sentence } from './sentences.js';
import { QUOTE_CHARS } from './text.js';

/**
 * Claims the narrative makes about the report's own numbers, for checking against the tables:
 *  - capaianKinerja / serapanAnggaran: a percentage owned by the nearest preceding key phrase
 *    (`capaian kinerja … sebesar 42,55 %`, `realisasi anggaran 68,74 %`). The phrase must come
 *    before the number with no other percentage, `target`, `terealisasi` or `tabel` in between and
 *    at most MAX_GAP_WORDS words, so `dengan target 42,55 % terealisasi 29,5%` is no claim and
 *    `capaian kinerja … 42,55 % dan capaian serapan anggaran 29,5%` gives one of each.
 *  - kategori: the band after `kategori`, quoted (`“sangat rendah”`) or bare (`kategori Tinggi`).
 *  - kesimpulan: the verdict on performance: `dinilai [Sangat|Cukup|Kurang|Belum|Tidak] Berhasil`,
 *    a capitalised `Cukup Berhasil`-like phrase, or `[sudah|telah|belum|tidak] melebihi/mencapai/
 *    memenuhi/melampaui target`. A verdict belongs to whatever subject is named last before it in
 *    its clause (clauses split at `namun`, `tetapi`, `sedangkan`, `;`): budget words (anggaran,
 *    keuangan, serapan, belanja) there mean the verdict is about the budget and is skipped; a
 *    target phrase is kept only when `kinerja` is that subject.
 * Values are as printed: percentages as numbers with their printed decimals, words without quotes.
 */
export function extractClaims(lines: readonly Line[], opts: ClaimOptions = {}): ExtractedClaim[] {
  const bands = [...new Set((opts.bands ?? []).map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  return sentencesOf(lines).flatMap((s) => claimsInSentence(s, bands));
}

export interface ClaimOptions {
  /** the document's own rating labels (Tabel 2.2): a kategori is read as one of them where it can be */
  bands?: readonly string[];
}

interface Found {
  kind: ClaimKind;
  value: number | string;
  decimals: number | null;
  /** span in the sentence text carrying the value */
  start: number;
  end: number;
}

const MAX_GAP_WORDS = 16;

const KEYS: { kind: 'capaianKinerja' | 'serapanAnggaran'; re: RegExp }[] = [
  { kind: 'capaianKinerja', re: /(?<!\p{L})(?:capaian|pencapaian|realisasi)\s+kinerja(?!\p{L})/giu },
  {
    kind: 'serapanAnggaran',
    re: /(?<!\p{L})(?:penyerapan|serapan|realisasi|capaian|pencapaian)\s+(?:realisasi\s+)?(?:anggaran|keuangan)(?!\p{L})/giu,
  },
];
/**
 * A percentage as printed. A word glued to the figure (`sebesarr42,61%`: OCR lost the space) still
 * leaves it a figure; one or two letters before it (`T2`, `SS1`) make it a code's.
 */
const PERCENT = /(?<![\d.,])(?<!(?<!\p{L})\p{L}{1,2})(\d+(?:[.,]\d+)*)\s*(?:%|persen(?!\p{L})|prosen(?!\p{L}))/giu;
/**
 * Between the key phrase and its number: another figure's words (`target`), a table reference, or
 * a part of the budget or of the performance (`anggaran Program X`, `belanja pegawai`, `kegiatan
 * Y`): a statement about that part is not about the report's total. A bound (`capaian … dibatasi
 * paling tinggi 120%`) states the method, not a result.
 */
const GAP_BLOCKERS =
  /(?<!\p{L})(target|terealisasi|tabel|program|kegiatan|sub\s*kegiatan|belanja|urusan|maksimal|maksimum|minimal|dibatasi|paling\s+(?:tinggi|rendah)|batas)(?!\p{L})/iu;
/** A percentage right after an operator is a formula's (`× 100%`, `= R/T x 100 %`), not a claim. */
const OPERATOR_BEFORE = /(?:[x×*/:=]|dikali(?:kan)?|kali)\s*$/iu;
/** `80% indikator`, `75% dari jumlah sasaran`: a share of indicators, not a capaian. */
const SHARE_AFTER =
  /^\s*(?:dari\s+(?:jumlah|total|seluruh|keseluruhan)?\s*)?(?:indikator|sasaran|iku|kegiatan|program)(?!\p{L})/iu;

function claimsInSentence(s: Sentence, bands: readonly string[]): ExtractedClaim[] {
  const found = [...percentClaims(s.text), ...kategoriClaims(s.text, bands), ...kesimpulanClaims(s.text)];
  const seen = new Set<string>();
  return found
    .filter((f) => {
      const key = `${f.kind}@${f.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.start - b.start)
    .flatMap((f) => located(s, f));
}

function percentClaims(text: string): Found[] {
  const keys = KEYS.flatMap(({ kind, re }) =>
    [...text.matchAll(re)].map((m) => ({ kind, end: m.index + m[0].length })),
  );
  const numbers = [...text.matchAll(PERCENT)];
  const out: Found[] = [];
  numbers.forEach((m, i) => {
    const prevNumberEnd = i > 0 ? numbers[i - 1]!.index + numbers[i - 1]![0].length : 0;
    const key = keys.filter((k) => k.end <= m.index && k.end >= prevNumberEnd).sort((a, b) => b.end - a.end)[0];
    if (!key) return;
    const gap = text.slice(key.end, m.index);
    if (GAP_BLOCKERS.test(gap) || gap.trim().split(/\s+/).filter(Boolean).length > MAX_GAP_WORDS) return;
    if (OPERATOR_BEFORE.test(text.slice(0, m.index)) || SHARE_AFTER.test(text.slice(m.index + m[0].length))) return;
    const n = parseNumber(m[0], 'pct');
    if (!n.ok || n.value === null) return;
    out.push({ kind: key.kind, value: n.value, decimals: n.decimals, start: m.index, end: m.index + m[0].length });
  });
  return out;
}

const OPEN_QUOTE = new RegExp(`^[${QUOTE_CHARS}]\\s*([^${QUOTE_CHARS}]{1,40}?)\\s*[${QUOTE_CHARS}]`, 'u');
/** Words of rating bands, for a band printed without quotes (`dalam kategori sangat tinggi`). */
export const BAND_WORDS: ReadonlySet<string> = new Set([
  'sangat',
  'amat',
  'tinggi',
  'sedang',
  'rendah',
  'baik',
  'cukup',
  'kurang',
  'buruk',
  'memuaskan',
  'istimewa',
  'berhasil',
  'optimal',
  'agak',
]);

function kategoriClaims(text: string, bands: readonly string[]): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(/(?<!\p{L})(?:kategori|predikat|kriteria)(?!\p{L})\s*:?\s*/giu)) {
    const at = m.index + m[0].length;
    const rest = text.slice(at);
    // the document's own labels first, longest first (`Sangat Baik` before `Baik`), quoted or not
    const opened = new RegExp(`^[${QUOTE_CHARS}]?\\s*`, 'u').exec(rest)![0];
    const label = bands.find(
      (b) =>
        rest.slice(opened.length).toLowerCase().startsWith(b.toLowerCase()) &&
        !/^\p{L}/u.test(rest.slice(opened.length + b.length)),
    );
    if (label) {
      const start = at + opened.length;
      out.push({
        kind: 'kategori',
        value: rest.slice(opened.length, opened.length + label.length),
        decimals: null,
        start,
        end: start + label.length,
      });
      continue;
    }
    const quoted = OPEN_QUOTE.exec(rest);
    if (quoted) {
      const value = quoted[1]!.replace(/[\s.,;:!?]+$/, '');
      const start = at + rest.indexOf(quoted[1]!);
      if (value) out.push({ kind: 'kategori', value, decimals: null, start, end: start + value.length });
      continue;
    }
    const bare = /^(\p{L}+)(?:\s+(\p{L}+))?(?:\s+(\p{L}+))?/u.exec(rest);
    const words: string[] = [];
    for (const w of bare?.slice(1) ?? []) {
      if (w === undefined || !BAND_WORDS.has(w.toLowerCase())) break;
      words.push(w);
    }
    if (words.length > 0) {
      const value = words.join(' ');
      if (rest.startsWith(value))
        out.push({ kind: 'kategori', value, decimals: null, start: at, end: at + value.length });
    }
  }
  return out;
}

const VERDICT_AFTER_VERB =
  /(?<!\p{L})(?:dinilai|dinyatakan|dikategorikan|tergolong|termasuk)\s+((?:(?:sangat|cukup|kurang|belum|tidak)\s+)?berhasil)(?!\p{L})/dgiu;
const VERDICT_CAPITALISED =
  /(?<!\p{L})((?:Sangat|Cukup|Kurang|Belum|Tidak|SANGAT|CUKUP|KURANG|BELUM|TIDAK)\s+(?:Berhasil|BERHASIL))(?!\p{L})/dgu;
const TARGET_VERDICT =
  /(?<!\p{L})(?:(?:sudah|telah)\s+)?((?:(?:belum|tidak)\s+)?(?:melebihi|melampaui|mencapai|memenuhi)\s+target)(?!\p{L})/dgiu;

function kesimpulanClaims(text: string): Found[] {
  const out: Found[] = [];
  const add = (m: RegExpMatchArray, needKinerja: boolean) => {
    const [start, end] = m.indices![1]!;
    const subject = subjectBefore(text, start);
    if (subject === 'anggaran' || (needKinerja && subject !== 'kinerja')) return;
    out.push({ kind: 'kesimpulan', value: text.slice(start, end), decimals: null, start, end });
  };
  for (const m of text.matchAll(VERDICT_AFTER_VERB)) add(m, false);
  for (const m of text.matchAll(VERDICT_CAPITALISED)) add(m, false);
  for (const m of text.matchAll(TARGET_VERDICT)) add(m, true);
  return out;
}

const CLAUSE_START = /(?:[;]|(?<!\p{L})(?:namun|tetapi|sedangkan|sementara\s+itu|adapun))(?!\p{L})/giu;
const KINERJA = /(?<!\p{L})kinerja(?!\p{L})/giu;
const BUDGET = /(?<!\p{L})(?:anggaran|keuangan|serapan|penyerapan|belanja)(?!\p{L})/giu;

/** Which subject the clause names last before `at`: performance, budget, or none. */
function subjectBefore(text: string, at: number): 'kinerja' | 'anggaran' | null {
  const before = text.slice(0, at);
  const clauseStart = Math.max(0, ...[...before.matchAll(CLAUSE_START)].map((m) => m.index));
  const clause = before.slice(clauseStart);
  const last = (re: RegExp) => Math.max(-1, ...[...clause.matchAll(re)].map((m) => m.index));
  const k = last(KINERJA);
  const b = last(BUDGET);
  if (k < 0 && b < 0) return null;
  return b > k ? 'anggaran' : 'kinerja';
}

/** Page, box and confidence from the words: page and conf of the value, box of the sentence there. */
function located(s: Sentence, f: Found): ExtractedClaim[] {
  const from = s.offset + f.start;
  const to = s.offset + f.end;
  const valueTokens = s.tokens.filter((t) => t.end > from && t.start < to);
  const first = valueTokens[0];
  if (!first) return [];
  const page = first.word.page;
  return [
    {
      kind: f.kind,
      value: f.value,
      decimals: f.decimals,
      text: s.text,
      page,
      bbox: unionBBox(s.tokens.filter((t) => t.word.page === page).map((t) => t.word.bbox)),
      conf: Math.min(...valueTokens.map((t) => t.word.conf)),
    },
  ];
}
