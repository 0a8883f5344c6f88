/**
 * The report's stated calculation method (issue 11, item 5; src/parse/method.ts) and how the
 * verification follows it (src/verify/method.ts): lower-is-better indicators by wording, by the
 * formula printed, or named by a profile; an indicator that measures the decrease itself; a cap on
 * capaian; range targets.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedRow } from '../../../src/model/extracted.js';
import { parseProfile, type Profile } from '../../../src/model/profile.js';
import { parseCell } from '../../../src/parse/cell-value.js';
import { capIn, type StatedMethod, statedMethod } from '../../../src/parse/method.js';
import { verify } from '../../../src/verify/index.js';
import { recompute } from '../../../src/verify/method.js';
import { field, row, tables } from '../../helpers/records.js';
import { block, wrap } from './lines.js';

/** An indicator row of Tabel 2.3 (or 2.4), with any extra columns (`extra:Formula`) as printed. */
function indicator(
  no: string,
  printed: { sasaran?: string; indikator: string; target: string; realisasi: string; capaian: string },
  extra: Record<string, string> = {},
  table: '2.3' | '2.4' = '2.3',
): ExtractedRow {
  const r = row(table, no, printed);
  for (const [name, text] of Object.entries(extra)) r.fields[`extra:${name}`] = field(text);
  // a range target is read as the pipeline reads it: no value, its bounds kept
  const t = parseCell(printed.target, 'number');
  if (t.range) r.fields.target = { ...r.fields.target!, value: null, parsed: true, range: t.range };
  return r;
}

const narrative = (text: string) => block(wrap(text), { page: 3 });
const methodOf = (rows: ExtractedRow[], text = '', profile?: Profile) =>
  statedMethod(text ? narrative(text) : [], tables({ '2.3': rows }), profile);
const r1 = (rows: ExtractedRow[], method?: StatedMethod) =>
  verify({ tables: tables({ '2.3': rows }), claims: [], method })
    .filter((d) => d.rule === 'R1')
    .map((d) => `${d.severity} ${d.table}/${d.row} expected ${d.expected}`);

describe('lower-is-better indicators by their wording', () => {
  it('a sasaran worded `penurunan` or an indikator worded `menurun` is lower-is-better', () => {
    const rows = [
      indicator('1', {
        sasaran: 'Penurunan angka pengangguran terbuka',
        indikator: 'Tingkat pengangguran terbuka',
        target: '6%',
        realisasi: '5,4%',
        capaian: '110%',
      }),
      indicator('2', {
        sasaran: 'Meningkatnya kesejahteraan masyarakat',
        indikator: 'Persentase rumah tidak layak huni yang menurun',
        target: '20%',
        realisasi: '18%',
        capaian: '110%',
      }),
      indicator('3', {
        sasaran: 'Meningkatnya kualitas pelayanan',
        indikator: 'Indeks kepuasan masyarakat',
        target: '80',
        realisasi: '88',
        capaian: '110%',
      }),
    ];
    const m = methodOf(rows);
    expect(m.negative).toEqual([
      { row: '2.3/1', by: 'wording' },
      { row: '2.3/2', by: 'wording' },
    ]);
    expect(m.positive).toEqual([]);
    // a decrease word must stand as a word: `keturunan` (descendants) is none
    const kin = indicator('4', {
      indikator: 'Persentase keluarga keturunan yang terdata',
      target: '100%',
      realisasi: '90%',
      capaian: '90%',
    });
    expect(methodOf([kin]).negative).toEqual([]);
  });

  it('the rule R1 then recomputes them with (2 × target − realisasi) / target, and only so', () => {
    // 6 → 5,4: (12 − 5,4) / 6 = 110 %; realisasi / target would be 90 %
    const printed = (capaian: string) =>
      indicator('1', {
        sasaran: 'Menurunnya angka kemiskinan',
        indikator: 'Persentase penduduk miskin',
        target: '6%',
        realisasi: '5,4%',
        capaian,
      });
    expect(r1([printed('110%')], methodOf([printed('110%')]))).toEqual([]);
    // the direct formula's value is no longer accepted for a stated lower-is-better indicator
    expect(r1([printed('90%')], methodOf([printed('90%')]))).toEqual(['error 2.3/1 expected 110']);
    // with nothing stated, either formula is accepted, as before
    expect(r1([printed('90%')])).toEqual([]);
  });

  it('an indicator that measures the decrease itself (`Penurunan Nilai Impor`) is higher-is-better', () => {
    // the more the imports fell, the better: realisasi / target stands, whatever the sasaran says
    const rows = [
      indicator('1', {
        sasaran: 'Menurunnya ketergantungan pada impor',
        indikator: 'Penurunan Nilai Impor',
        target: '10%',
        realisasi: '12%',
        capaian: '120%',
      }),
      indicator('2', {
        sasaran: 'Menurunnya angka stunting',
        indikator: 'Persentase penurunan stunting',
        target: '5%',
        realisasi: '4%',
        capaian: '80%',
      }),
      indicator('3', { indikator: 'Laju pengurangan sampah', target: '20%', realisasi: '25%', capaian: '125%' }),
    ];
    const m = methodOf(rows);
    expect(m.negative).toEqual([]);
    // were they read as lower-is-better, R1 would expect 80 %, 120 % and 75 % and raise three errors
    expect(r1(rows, m)).toEqual([]);
    // but a lower-is-better word after the measure's name is still a decrease of the measured thing
    const stillNegative = indicator('4', {
      indikator: 'Angka kematian bayi yang menurun',
      target: '10',
      realisasi: '8',
      capaian: '120%',
    });
    expect(methodOf([stillNegative]).negative).toEqual([{ row: '2.3/4', by: 'wording' }]);
  });
});

describe('lower-is-better indicators by the formula printed', () => {
  it('reads `(2 × target − realisasi) / target` and its short forms from a formula column', () => {
    for (const formula of [
      '(2 × Target − Realisasi) / Target × 100%',
      '(2T - R)/T x 100%',
      '2 x T - R / T',
      '(Target - Realisasi) / Target',
    ]) {
      const rows = [
        indicator(
          '1',
          { indikator: 'Jumlah aduan masyarakat', target: '10', realisasi: '8', capaian: '120%' },
          { 'Formula Perhitungan': formula },
        ),
      ];
      expect(methodOf(rows).negative, formula).toEqual([{ row: '2.3/1', by: 'formula' }]);
    }
  });

  it('a printed `R / T × 100 %` is never lower-is-better, even where the wording says a decrease', () => {
    const rows = [
      indicator(
        '1',
        {
          sasaran: 'Menurunnya angka kemiskinan',
          indikator: 'Indeks pembangunan',
          target: '10',
          realisasi: '8',
          capaian: '80%',
        },
        { Rumus: 'Realisasi / Target x 100 %' },
      ),
    ];
    const m = methodOf(rows);
    expect(m.negative).toEqual([]);
    expect(m.positive).toEqual(['2.3/1']);
    expect(r1(rows, m)).toEqual([]);
    // and the lower-is-better value that R1 would accept with nothing stated is now an error
    const negativeValue = [{ ...rows[0]!, fields: { ...rows[0]!.fields, capaian: field('120%', 'pct') } }];
    expect(r1(negativeValue, methodOf(negativeValue))).toEqual(['error 2.3/1 expected 80']);
    expect(r1(negativeValue)).toEqual([]);
  });

  it("one table's formula holds for the same indicator in the other tables", () => {
    const inT23 = indicator(
      '1',
      { indikator: 'Jumlah aduan masyarakat', target: '10', realisasi: '8', capaian: '120%' },
      { Formula: '(2T - R)/T x 100%' },
    );
    const inT24 = indicator(
      '1',
      { indikator: 'Jumlah Aduan  Masyarakat', target: '10', realisasi: '8', capaian: '120%' },
      {},
      '2.4',
    );
    const m = statedMethod([], tables({ '2.3': [inT23], '2.4': [inT24] }));
    expect(m.negative).toEqual([
      { row: '2.3/1', by: 'formula' },
      { row: '2.4/1', by: 'formula' },
    ]);
  });
});

describe('a cap on capaian', () => {
  it('finds the cap the narrative states, 100 % or 120 %, and nothing else', () => {
    expect(capIn('Nilai capaian kinerja maksimal 120%.')).toBe(120);
    expect(capIn('Capaian setiap indikator dibatasi paling tinggi 100 persen.')).toBe(100);
    expect(capIn('Realisasi di atas 120% dianggap 120% dalam perhitungan.')).toBe(120);
    expect(capIn('Capaian di atas 100 % ditetapkan 100 %.')).toBe(100);
    // a bound under 100 % is no cap, nor is a capaian without a bound
    expect(capIn('Capaian kinerja maksimal 80%.')).toBeNull();
    expect(capIn('Capaian kinerja rata-rata sebesar 120%.')).toBeNull();
  });

  it("R1 expects the capped value: the document's cap, else the profile's", () => {
    // 10 → 15: 150 %, capped at 120 % or 100 %
    const rows = (capaian: string) => [
      indicator('1', { indikator: 'Jumlah UMKM dibina', target: '10', realisasi: '15', capaian }),
    ];
    const at120 = methodOf(rows('120%'), 'Capaian kinerja setiap indikator maksimal 120%.');
    expect(at120).toMatchObject({ cap: 120, capSource: 'document' });
    expect(r1(rows('120%'), at120)).toEqual([]);
    expect(r1(rows('150%'), at120)).toEqual(['error 2.3/1 expected 120']);
    // without the cap, the uncapped value
    expect(r1(rows('120%'), methodOf(rows('120%')))).toEqual(['error 2.3/1 expected 150']);

    const profile100 = parseProfile(JSON.stringify({ name: 'Kab. A', method: { cap: 100 } }));
    const at100 = methodOf(rows('100%'), '', profile100);
    expect(at100).toMatchObject({ cap: 100, capSource: 'profile' });
    expect(r1(rows('100%'), at100)).toEqual([]);
    expect(r1(rows('120%'), at100)).toEqual(['error 2.3/1 expected 100']);
    // the document's own statement wins over the template's
    expect(methodOf(rows('120%'), 'Capaian maksimal 120%.', profile100)).toMatchObject({
      cap: 120,
      capSource: 'document',
    });
  });

  it('caps a lower-is-better capaian too', () => {
    // 10 → 4: (20 − 4) / 10 = 160 %, capped at 120 %
    const rows = [
      indicator('1', { indikator: 'Angka kematian yang menurun', target: '10', realisasi: '4', capaian: '120%' }),
    ];
    const m = methodOf(rows, 'Nilai capaian paling tinggi 120%.');
    expect(recompute(rows[0]!, m)).toEqual({ value: 120, formula: 'negative', target: 10, capped: true });
    expect(r1(rows, m)).toEqual([]);
  });
});

describe('range targets', () => {
  const ranged = (realisasi: string, capaian: string) =>
    indicator('1', { indikator: 'Persentase kehadiran', target: '80 - 90 %', realisasi, capaian });

  it('a realisasi inside the range is 100 %; outside, it is judged against the nearer bound', () => {
    const m = methodOf([]);
    expect(m.rangeTargets).toBe('nearer');
    expect(recompute(ranged('85%', '100%'), m)).toMatchObject({ value: 100, formula: 'range-inside' });
    expect(recompute(ranged('72%', '90%'), m)).toMatchObject({ value: 90, target: 80 });
    const above = recompute(ranged('99%', '110%'), m);
    expect(above?.target).toBe(90);
    expect(above?.value).toBeCloseTo(110, 9);
    expect(r1([ranged('72%', '90%')], m)).toEqual([]);
    // against the far bound it would be 80 %: an error
    expect(r1([ranged('72%', '80%')], m)).toEqual(['error 2.3/1 expected 90']);
  });

  it("the profile's `rangeTargets` names the bound instead", () => {
    const lower = methodOf([], '', parseProfile(JSON.stringify({ name: 'Kab. B', method: { rangeTargets: 'lower' } })));
    const upper = methodOf([], '', parseProfile(JSON.stringify({ name: 'Kab. C', method: { rangeTargets: 'upper' } })));
    expect([lower.rangeTargets, upper.rangeTargets]).toEqual(['lower', 'upper']);
    // 99 % against 80: 123,75 %; 72 % against 90: 80 %
    expect(r1([ranged('99%', '123,75%')], lower)).toEqual([]);
    expect(r1([ranged('99%', '110%')], lower)).toEqual(['error 2.3/1 expected 123.75']);
    expect(r1([ranged('72%', '80%')], upper)).toEqual([]);
    expect(r1([ranged('72%', '90%')], upper)).toEqual(['error 2.3/1 expected 80']);
    // inside the range it is 100 % whichever bound is named
    expect(r1([ranged('85%', '100%')], upper)).toEqual([]);
  });
});

describe("the profile's negative indicators", () => {
  const profile = parseProfile(
    JSON.stringify({ name: 'Kab. D', method: { negativeIndicators: ['Kematian Ibu', 'kasus'] } }),
  );
  // 10 → 8: lower-is-better 120 %, direct 80 %
  const rows = (capaian: string) => [
    indicator('1', { indikator: 'Angka KEMATIAN IBU melahirkan', target: '10', realisasi: '8', capaian }),
    indicator('2', { indikator: 'Jumlah kasus DBD', target: '10', realisasi: '8', capaian }),
    indicator('3', { indikator: 'Jumlah posyandu aktif', target: '10', realisasi: '8', capaian }),
  ];

  it('marks the indicators they name, whatever their case', () => {
    expect(methodOf(rows('120%'), '', profile).negative).toEqual([
      { row: '2.3/1', by: 'profile' },
      { row: '2.3/2', by: 'profile' },
    ]);
    expect(methodOf(rows('120%')).negative).toEqual([]);
  });

  it('reach R1: the direct value is an error on the indicators the profile names', () => {
    expect(r1(rows('80%'), methodOf(rows('80%'), '', profile))).toEqual([
      'error 2.3/1 expected 120',
      'error 2.3/2 expected 120',
    ]);
    // without the profile nothing is stated, and either formula passes
    expect(r1(rows('80%'), methodOf(rows('80%')))).toEqual([]);
  });

  it('a printed formula outranks the profile', () => {
    const r = indicator(
      '1',
      { indikator: 'Jumlah kasus DBD', target: '10', realisasi: '8', capaian: '80%' },
      { Formula: 'R/T x 100%' },
    );
    const m = methodOf([r], '', profile);
    expect(m.negative).toEqual([]);
    expect(m.positive).toEqual(['2.3/1']);
  });

  it('the profile schema refuses a one-letter word and an unknown range rule', () => {
    expect(() => parseProfile(JSON.stringify({ name: 'x', method: { negativeIndicators: ['a'] } }))).toThrow(
      /method\.negativeIndicators\.0/,
    );
    expect(() => parseProfile(JSON.stringify({ name: 'x', method: { rangeTargets: 'middle' } }))).toThrow(
      /method\.rangeTargets/,
    );
  });
});
