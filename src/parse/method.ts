import { INDICATOR_TABLES } from '../model/contract.js';
import type { StatedMethod } from '../model/analysis.js';
import type { ExtractedRow, ExtractedTables } from '../model/extracted.js';
import type { Profile } from '../model/profile.js';
import type { Line } from '../model/word.js';
import { foldForMatch, joinLineTexts } from './text.js';

export type { StatedMethod };

/** A goal worded as a decrease (`Menurunnya angka pengangguran`, `penurunan` in a sasaran). */
const DECREASE = /(?<!\p{L})(penurunan|menurun(?:nya)?|turunnya|berkurang(?:nya)?|pengurangan)(?!\p{L})/iu;
/**
 * An indicator that measures the decrease itself (`Penurunan Nilai Impor`, `Persentase penurunan
 * stunting`): the more it decreased the better, so realisasi / target stands.
 */
const DECREASE_MEASURE =
  /^\s*(?:(?:persentase|prosentase|tingkat|laju|jumlah|nilai|angka|rasio)\s+)?(?:penurunan|pengurangan)(?!\p{L})/iu;
/** `(2 × T − R) / T`, `2T-R`, `(target − realisasi)`: the lower-is-better formula printed. */
const NEGATIVE_FORMULA =
  /2\s*[x×*.]?\s*(?:\(?\s*)?t(?:arget)?\s*\)?\s*[-–−]\s*r(?:ealisasi)?|\(\s*t(?:arget)?\s*[-–−]\s*r(?:ealisasi)?\s*\)/i;
/** `R / T × 100 %`, `realisasi / target`: the direct formula printed. */
const POSITIVE_FORMULA = /(?<![-–−]\s*)(?:^|[^\p{L}])r(?:ealisasi)?\s*[/:]\s*t(?:arget)?(?!\p{L})/iu;

export function statedMethod(narrative: readonly Line[], tables: ExtractedTables, profile?: Profile): StatedMethod {
  const text = joinLineTexts(narrative.map((l) => l.text));
  const stated = capIn(text);
  const profileCap = profile?.method?.cap;
  const cap = stated ?? profileCap ?? null;
  const words = (profile?.method?.negativeIndicators ?? []).map(foldForMatch);
  const negative: StatedMethod['negative'] = [];
  const positive: string[] = [];
  // a formula printed for one indicator holds for the same indicator in the other tables
  const byFormula = new Map<string, 'negative' | 'positive'>();
  for (const t of INDICATOR_TABLES)
    for (const row of tables[t]) {
      const f = formulaOf(row);
      if (f) byFormula.set(indicatorKey(row), f);
    }
  for (const t of INDICATOR_TABLES)
    for (const row of tables[t]) {
      const key = `${t}/${row.no}`;
      const formula = formulaOf(row) ?? byFormula.get(indicatorKey(row)) ?? null;
      const wording = `${str(row.fields.indikator)} ${str(row.fields.sasaran)}`;
      if (formula === 'positive') positive.push(key);
      else if (formula === 'negative') negative.push({ row: key, by: 'formula' });
      else if (words.some((w) => foldForMatch(wording).includes(w))) negative.push({ row: key, by: 'profile' });
      else if (DECREASE_MEASURE.test(str(row.fields.indikator))) continue;
      else if (DECREASE.test(wording)) negative.push({ row: key, by: 'wording' });
    }
  return {
    cap,
    ...(cap !== null ? { capSource: stated !== null ? ('document' as const) : ('profile' as const) } : {}),
    negative,
    positive,
    rangeTargets: profile?.method?.rangeTargets ?? 'nearer',
  };
}

const str = (f: ExtractedRow['fields'][string] | undefined) => (typeof f?.value === 'string' ? f.value : '');
const indicatorKey = (row: ExtractedRow) => foldForMatch(str(row.fields.indikator));

/** The formula a row prints in a `Formula`/`Rumus`/`Cara Perhitungan` column, if any. */
function formulaOf(row: ExtractedRow): 'negative' | 'positive' | null {
  for (const [name, f] of Object.entries(row.fields)) {
    if (!name.startsWith('extra:') || !/formula|rumus|cara|perhitungan/i.test(name)) continue;
    const v = str(f);
    if (NEGATIVE_FORMULA.test(v)) return 'negative';
    if (POSITIVE_FORMULA.test(v)) return 'positive';
  }
  return null;
}

/**
 * A cap the narrative states: `capaian maksimal 120%`, `nilai capaian paling tinggi 100 %`,
 * `capaian di atas 120% dianggap 120%`.
 */
export function capIn(text: string): number | null {
  // only the sentences naming a bound are searched: the patterns are slow on a whole report
  const bound =
    /maksimal|maksimum|paling tinggi|dibatasi|tidak (?:boleh )?(?:lebih|melebihi)|batas|dianggap|ditetapkan|dihitung|diberi nilai/i;
  for (const sentence of text.split(/(?<=[.;])\s+/)) {
    if (!bound.test(sentence) || !/\d\s*(?:%|persen)/i.test(sentence)) continue;
    const v = capInSentence(sentence);
    if (v !== null) return v;
  }
  return null;
}

function capInSentence(text: string): number | null {
  const t = text.replace(/\s+/g, ' ');
  const plain =
    /(?<!\p{L})(?:capaian|nilai)[^.;]{0,100}?(?:maksimal|maksimum|paling tinggi|dibatasi(?: sampai| hingga)?|tidak (?:boleh )?(?:lebih|melebihi)(?: dari)?|batas (?:atas|maksimal))\s*(?:sebesar|pada|di)?\s*(\d{2,3})\s*(?:%|persen)/iu.exec(
      t,
    );
  const deemed =
    /(?:lebih dari|di ?atas|melebihi)\s*(\d{2,3})\s*(?:%|persen)[^.;]{0,60}?(?:dianggap|ditetapkan|dihitung|diberi nilai|menjadi)\s*(\d{2,3})\s*(?:%|persen)/iu.exec(
      t,
    );
  const v = deemed ? Number(deemed[2]) : plain ? Number(plain[1]) : null;
  return v !== null && v >= 100 && v <= 200 ? v : null;
}
