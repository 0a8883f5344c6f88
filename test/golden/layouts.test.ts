/**
 * Golden tests for reports laid out by other kabupaten (issue 11): each shape printed by Chromium
 * from a KabSpec (test/helpers/kabupaten), read back born-digital, and compared with what the
 * spec computes: every cell, every meta field, every injected error found, no false alarm, and
 * nothing `uncertain` on a clean text layer.
 */
import { describe, expect, it } from 'vitest';
import { useChromium } from '../helpers/use-chromium.js';
import {
  baseSpec,
  FIVE_BAIK,
  highCapaian,
  jumlahNotSumming,
  lastYearUnlike,
  lowerIsBetter,
  lowerIsBetterByFormula,
  manyIndicators,
  SIX_BANDS,
  threeLevels,
  twoPrograms,
} from '../helpers/kabupaten/base.js';
import { expectGolden, readKab } from '../helpers/kabupaten/golden.js';
import { printedCaption } from '../helpers/kabupaten/html.js';
import type { KabSpec } from '../helpers/kabupaten/spec.js';

const chrome = useChromium();

const ROLES = ['2.1', '2.2', '2.3', '2.4', '2.5'] as const;

describe('captions in any chapter and numbering', () => {
  const cases: [string, KabSpec['captions']][] = [
    ['BAB III (Tabel 3.1), caption over title', { scheme: 'bab3', placement: 'above', oneLine: false }],
    ['Roman (Tabel III.5.), caption and title on one line', { scheme: 'roman', placement: 'above', oneLine: true }],
    ['flat (Tabel 19), printed under the table', { scheme: 'flat', placement: 'below', oneLine: false }],
    [
      'capitals with a period (TABEL 2.3.), under the table on one line',
      { scheme: 'caps', placement: 'below', oneLine: true },
    ],
  ];
  for (const [name, captions] of cases) {
    it(name, async () => {
      const spec = baseSpec(`captions-${captions.scheme}`, { captions });
      const { report } = await readKab(chrome.browser, spec);
      expectGolden(spec, report);
      expect(report.captions).toEqual(Object.fromEntries(ROLES.map((r) => [r, printedCaption(spec, r)])));
    }, 60_000);
  }

  it('a period after the word (Tabel. 2.3)', async () => {
    const spec = baseSpec('captions-dotted', { captions: { scheme: 'dotted', placement: 'above', oneLine: false } });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.captions).toEqual(Object.fromEntries(ROLES.map((r) => [r, printedCaption(spec, r)])));
  }, 60_000);

  // five other tables before the LKj's, numbered as its own: `Tabel 2.1 Jumlah Penduduk per Desa` …
  // `Tabel 2.4 Target Kinerja Renstra Kecamatan 2019-2023`, whose header is a Perjanjian Kinerja's
  for (const scheme of ['standard', 'bab3'] as const) {
    it(`numbers repeated in one document (${scheme === 'standard' ? 'Tabel 2.1' : 'Tabel 3.1'} twice): the other tables are never taken for the LKj's`, async () => {
      const spec = baseSpec(`captions-repeated-${scheme}`, {
        captions: { scheme, placement: 'above', oneLine: false },
        document: { fillerPages: 5, otherTables: 5, sameNumbers: true },
      });
      const { report } = await readKab(chrome.browser, spec);
      expectGolden(spec, report);
      expect(report.captions).toEqual(Object.fromEntries(ROLES.map((r) => [r, printedCaption(spec, r)])));
    }, 60_000);
  }

  it('numbers repeated, the Perjanjian Kinerja left to an appendix: no other table fills its place, it is missing (T1)', async () => {
    const spec = baseSpec('captions-repeated-no-pk', {
      roles: ['2.2', '2.3', '2.4', '2.5'],
      document: { fillerPages: 5, otherTables: 5, sameNumbers: true },
      expect: [{ rule: 'T1', table: '2.1', row: '-', field: '-', severity: 'warning' }],
    });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.captions?.['2.1']).toBeUndefined();
  }, 60_000);
});

describe('columns and header words', () => {
  it('reads Satuan, Keterangan, Sumber Data, Formula and a (1) (2) … row beside reworded headers, and keeps them', async () => {
    const spec = baseSpec('extra-columns', {
      headers: 'variant',
      columns: { satuan: true, keterangan: true, sumber: true, formula: true, numbering: 'paren' },
    });
    spec.indicators[0]!.keterangan = 'Tercapai';
    spec.indicators[1]!.sumber = 'Laporan desa';
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    const r23 = report.tables['2.3'];
    expect(r23.map((r) => r.satuan)).toEqual(['%', 'Lembaga', '%']);
    expect(r23[0]!.keterangan).toBe('Tercapai');
    expect(r23[1]!.extra).toEqual({ Formula: 'R/T x 100%', 'Sumber Data': 'Laporan desa' });
    expect(report.tables['2.1'].map((r) => r.satuan)).toEqual(['%', 'Lembaga', '%']);
  }, 60_000);

  it('takes the report year in a table printing two years side by side', async () => {
    const spec = baseSpec('two-years', { headers: 'variant', columns: { twoYear: true, numbering: 'plain' } });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
  }, 60_000);

  it('takes the report year in a Tabel 2.3 interleaved by measure (Target 2022 | Target 2023 | Realisasi 2022 …)', async () => {
    const spec = lastYearUnlike(
      baseSpec('two-years-by-measure', { headers: 'variant', columns: { twoYear: 'byMeasure' } }),
    );
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
  }, 60_000);

  it('a tribulan II report headed `Realisasi s.d. Triwulan II`', async () => {
    const base = baseSpec('tribulan-variant');
    const spec = baseSpec('tribulan-variant', {
      headers: 'variant',
      meta: { ...base.meta, period: { kind: 'tribulan', number: 2, year: 2023 }, signedAt: '2023-07-10' },
    });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.tables['2.3'].map((r) => r.realisasi)).toEqual([92.5, 21, 81]);
  }, 60_000);

  it('the full word Keterangan as a header, its cells kept as keterangan', async () => {
    const spec = baseSpec('keterangan-word', { columns: { keterangan: true } });
    spec.indicators[0]!.keterangan = 'Tercapai';
    spec.indicators[2]!.keterangan = 'Belum tercapai, dua desa terlambat';
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    const kept = ['Tercapai', null, 'Belum tercapai, dua desa terlambat'];
    expect(report.tables['2.3'].map((r) => r.keterangan ?? null)).toEqual(kept);
    expect(report.tables['2.1'].map((r) => r.keterangan ?? null)).toEqual(kept);
  }, 60_000);
});

describe('number styles', () => {
  it('reads English money with decimals (48,320,000.00)', async () => {
    const spec = baseSpec('style-en-decimals', { style: 'en', moneyDecimals: 2 });
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.tables['2.5'].map((r) => r.pagu)).toEqual([
      100_500_000, 45_000_000, 30_000_000, 25_500_000, 100_500_000,
    ]);
  }, 60_000);

  for (const style of ['en', 'mixed'] as const) {
    it(`reads ${style === 'en' ? 'English numbers (48,320,000 and 33.33%)' : 'a decimal point beside thousands dots (749.930.215 and 93.6)'}`, async () => {
      const spec = baseSpec(`style-${style}`, { style });
      spec.indicators[1] = { ...spec.indicators[1]!, target: 1500, realisasi: 1320, satuan: 'Orang' };
      const { report } = await readKab(chrome.browser, spec);
      if (style === 'en') {
        expectGolden(spec, report);
      } else {
        // `1.500 Orang` beside `93.6 %` and `45.000.000`: a dot is both, the count could be 1,5
        expectGolden(spec, report, { allowUncertain: true });
        const n1 = report.discrepancies.filter((d) => d.rule === 'N1');
        expect(n1.map((d) => `${d.table}/${d.row}/${d.field}`).sort()).toEqual([
          '2.1/2/target',
          '2.3/2/realisasi',
          '2.3/2/target',
          '2.4/2/realisasi',
          '2.4/2/target',
        ]);
        expect(n1.every((d) => d.severity === 'uncertain')).toBe(true);
      }
    }, 60_000);
  }
});

describe('cells that are not plain numbers', () => {
  it('reads n/a, NA and -, a note beside a number, capaian above 100 % and a range target, with no false alarm', async () => {
    const spec = baseSpec('cells');
    spec.indicators = [
      { ...spec.indicators[0]!, realisasi: 'n/a' },
      { ...spec.indicators[1]!, target: [80, 90], pct: true, realisasi: 85, satuan: '%' },
      { ...spec.indicators[2]!, target: 24, realisasi: 33, pct: false, satuan: 'Dokumen', capaianNote: '(>100%)' },
      {
        ...spec.indicators[2]!,
        sasaran: 'Meningkatnya layanan administrasi kependudukan',
        indikator: 'Jumlah layanan keliling',
        target: 'n/a',
        realisasi: 'n/a',
        naText: 'NA',
        pct: false,
        satuan: 'Kali',
      },
    ];
    spec.budget.rows[0]!.children!.push({
      no: '1.4',
      uraian: 'Layanan Administrasi Kependudukan Keliling',
      pagu: 10_000_000,
      realisasi: 8_000_000,
    });
    spec.budget.rows[0]!.pagu = 110_500_000;
    spec.budget.rows[0]!.realisasi = 95_375_000;
    spec.indicators[3]!.pagu = 10_000_000;
    spec.indicators[3]!.realisasiAnggaran = 8_000_000;
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    const r23 = report.tables['2.3'];
    expect(r23[0]!.notes).toEqual({ realisasi: 'n/a', capaian: 'n/a' });
    expect(r23[1]!.ranges).toEqual({ target: { min: 80, max: 90 } });
    expect(r23[2]!.capaian).toBe(137.5);
    expect(r23[2]!.notes).toEqual({ capaian: '(>100%)' });
    expect(r23[3]!.notes).toEqual({ target: 'NA', realisasi: 'NA', capaian: 'NA' });
  }, 60_000);

  it('reads a `-` for a figure not applicable: the rules needing it are skipped, no false alarm', async () => {
    const spec = baseSpec('cells-dash');
    spec.indicators[0] = { ...spec.indicators[0]!, realisasi: 'n/a', naText: '-' };
    const { report, analysis } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    // read as not applicable, not as an empty or unread cell
    for (const t of ['2.3', '2.4'] as const)
      for (const f of ['realisasi', 'capaian'])
        expect(analysis!.tables[t][0]!.fields[f], `${t} ${f}`).toMatchObject({ raw: '-', value: null, na: true });
  }, 60_000);
});

describe('rating scales read from the document', () => {
  // the base indicators average 90 %: `Baik` on both scales; highCapaian's 95,5 % is `Sangat Baik`
  it("six bands with a > 100 % top band, where Sangat Baik is the second: the narrative's band is clean", async () => {
    const spec = highCapaian(baseSpec('six-bands', { scale: SIX_BANDS, headers: 'variant' }));
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
    expect(report.claims.find((c) => c.kind === 'kategori')?.value).toBe('Sangat Baik');
  }, 60_000);
  it('six bands: a narrative claiming the top band `Memuaskan` is flagged', async () => {
    const spec = highCapaian(
      baseSpec('six-bands-error', {
        scale: SIX_BANDS,
        narrative: { kategori: 'Memuaskan' },
        expect: [{ rule: 'R8', table: 'narrative', row: 'kategori', field: 'value' }],
      }),
    );
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
  }, 60_000);
  it('five bands Sangat Baik … Sangat Kurang: a kategori one band off is flagged', async () => {
    const spec = highCapaian(
      baseSpec('five-bands-error', {
        scale: FIVE_BAIK,
        narrative: { kategori: 'Baik' },
        expect: [{ rule: 'R8', table: 'narrative', row: 'kategori', field: 'value' }],
      }),
    );
    const { report } = await readKab(chrome.browser, spec);
    expectGolden(spec, report);
  }, 60_000);
});

describe('calculation rules as the report states them', () => {
  const negative = (spec: KabSpec, how: 'wording' | 'formula') => {
    spec.indicators[1] =
      how === 'wording' ? lowerIsBetter(spec.indicators[1]!) : lowerIsBetterByFormula(spec.indicators[1]!);
    return spec;
  };
  for (const how of ['wording', 'formula'] as const) {
    it(`a lower-is-better indicator by its ${how}: (2 × target − realisasi) / target is clean, realisasi / target is flagged`, async () => {
      const cols = how === 'formula' ? { formula: true } : {};
      const clean = negative(baseSpec(`negative-${how}`, { columns: cols }), how);
      expectGolden(clean, (await readKab(chrome.browser, clean)).report);
      // the author computed 4 / 5 = 80 % for a lower-is-better indicator (120 % by its formula)
      const wrong = negative(
        baseSpec(`negative-${how}-error`, {
          columns: cols,
          print: { '2.3/2/capaian': '80' },
          expect: [{ rule: 'R1', table: '2.3', row: '2', field: 'capaian' }],
        }),
        how,
      );
      const { report } = await readKab(chrome.browser, wrong);
      expectGolden(wrong, report);
      expect(report.discrepancies.find((d) => d.rule === 'R1')!.expected).toBe(120);
    }, 90_000);
  }

  it('a stated cap of 120 %: 137,5 % printed as 120 % is clean, printed as 137,5 % is flagged', async () => {
    const patch = { method: { cap: 120 } };
    const over = (spec: KabSpec) => {
      spec.indicators[1] = { ...spec.indicators[1]!, target: 24, realisasi: 33 };
      return spec;
    };
    const clean = over(baseSpec('cap', patch));
    expectGolden(clean, (await readKab(chrome.browser, clean)).report);
    const wrong = over(
      baseSpec('cap-error', {
        ...patch,
        print: { '2.3/2/capaian': '137.5' },
        expect: [{ rule: 'R1', table: '2.3', row: '2', field: 'capaian' }],
      }),
    );
    expectGolden(wrong, (await readKab(chrome.browser, wrong)).report);
  }, 90_000);

  it('a stated cap of 100 %: 137,5 % printed as 100 % is clean, printed as 137,5 % is flagged', async () => {
    const patch = { method: { cap: 100 } };
    const over = (spec: KabSpec) => {
      spec.indicators[1] = { ...spec.indicators[1]!, target: 24, realisasi: 33 };
      return spec;
    };
    const clean = over(baseSpec('cap-100', patch));
    const { report } = await readKab(chrome.browser, clean);
    expectGolden(clean, report);
    expect(report.tables['2.3'][1]!.capaian).toBe(100);
    const wrong = over(
      baseSpec('cap-100-error', {
        ...patch,
        print: { '2.3/2/capaian': '137.5' },
        expect: [{ rule: 'R1', table: '2.3', row: '2', field: 'capaian' }],
      }),
    );
    const bad = (await readKab(chrome.browser, wrong)).report;
    expectGolden(wrong, bad);
    expect(bad.discrepancies.find((d) => d.rule === 'R1')!.expected).toBe(100);
  }, 90_000);

  it('a range target is judged against its nearer bound: inside is 100 %, below the range counts from its lower bound', async () => {
    const ranged = (spec: KabSpec) => {
      spec.indicators[0] = { ...spec.indicators[0]!, target: [80, 90], realisasi: 86 };
      spec.indicators[2] = { ...spec.indicators[2]!, target: [80, 90], realisasi: 72 };
      return spec;
    };
    const clean = ranged(baseSpec('range'));
    expectGolden(clean, (await readKab(chrome.browser, clean)).report);
    // 72 against 80–90 is 90 % (72 / 80); printed as 72 / 90 = 80 %
    const wrong = ranged(
      baseSpec('range-error', {
        print: { '2.3/3/capaian': '80' },
        expect: [{ rule: 'R1', table: '2.3', row: '3', field: 'capaian' }],
      }),
    );
    expectGolden(wrong, (await readKab(chrome.browser, wrong)).report);
  }, 90_000);
});

describe('budgets of three levels, codes, and flattened', () => {
  for (const codes of [false, true]) {
    it(`program / kegiatan / sub kegiatan${codes ? ' as codes (4.01.05.1.01)' : ''}: clean, and a kegiatan not summing its sub kegiatan is R4`, async () => {
      const clean = baseSpec(`three-levels${codes ? '-codes' : ''}`, {
        budget: threeLevels(codes),
        headers: codes ? 'variant' : 'standard',
      });
      expectGolden(clean, (await readKab(chrome.browser, clean)).report);
      const k = codes ? '4.01.05.1.01' : '1.1';
      // the kegiatan's realisasi printed 1.000.000 short of its sub kegiatan: R4 on it (the program, summing
      // the sub kegiatan, is right), its capaian no longer fits (R3), and 2.4 disagrees with it (R6)
      const wrong = baseSpec(`three-levels-error${codes ? '-codes' : ''}`, {
        budget: threeLevels(codes),
        headers: codes ? 'variant' : 'standard',
        print: { [`2.5/${k}/realisasi`]: '40850000' },
        expect: [
          { rule: 'R4', table: '2.5', row: k, field: 'realisasi' },
          { rule: 'R3', table: '2.5', row: k, field: 'capaian' },
          { rule: 'R6', table: '2.4', row: '1', field: 'realisasiAnggaran' },
        ],
      });
      const { report } = await readKab(chrome.browser, wrong);
      expectGolden(wrong, report);
    }, 90_000);
  }

  it('three levels under two programs: a JUMLAH not summing the programs is R5', async () => {
    const clean = baseSpec('three-levels-jumlah', { budget: twoPrograms() });
    expectGolden(clean, (await readKab(chrome.browser, clean)).report);
    const wrong = baseSpec('three-levels-jumlah-error', jumlahNotSumming());
    const { report } = await readKab(chrome.browser, wrong);
    expectGolden(wrong, report);
    const r5 = (f: string) => report.discrepancies.find((d) => d.rule === 'R5' && d.field === f)!.expected;
    expect([r5('realisasi'), r5('pagu')]).toEqual([105_375_000, 120_500_000]);
  }, 90_000);

  it('flattened, no JUMLAH, a program row printing only its capaian: clean, and a wrong program capaian is flagged', async () => {
    const flat = () => ({
      jumlah: false,
      rows: [{ ...threeLevels(false).rows[0]!, capaianOnly: true, children: baseSpec('x').budget.rows[0]!.children }],
    });
    const clean = baseSpec('flattened', { budget: flat() });
    expectGolden(clean, (await readKab(chrome.browser, clean)).report);
    const wrong = baseSpec('flattened-error', {
      budget: flat(),
      print: { '2.5/1/capaian': '88.5' },
      expect: [{ rule: 'R3', table: '2.5', row: '1', field: 'capaian' }],
    });
    expectGolden(wrong, (await readKab(chrome.browser, wrong)).report);
  }, 90_000);
});

describe('documents: rulings, page breaks, annual reports', () => {
  for (const ruling of ['rows', 'booktabs'] as const) {
    it(`tables ruled with horizontal lines only (${ruling === 'rows' ? 'a rule under every row' : 'rules over and under the header and under the table'})`, async () => {
      const spec = baseSpec(`ruling-${ruling}`, { ruling });
      expectGolden(spec, (await readKab(chrome.browser, spec)).report);
    }, 60_000);
  }

  for (const ruling of ['grid', 'rows', 'booktabs'] as const) {
    it(`long tables across page breaks, a running header and page number between their rows (${ruling})`, async () => {
      const spec = manyIndicators(
        baseSpec(`page-breaks-${ruling}`, {
          ruling,
          headers: 'variant',
          columns: { satuan: true, numbering: 'plain' },
          document: { runningHeader: true },
        }),
        30,
      );
      const { report, analysis } = await readKab(chrome.browser, spec);
      expectGolden(spec, report);
      // the tables did break: 2.3's rows lie on more than one page
      expect(new Set(analysis!.tables['2.3'].map((r) => r.page)).size).toBeGreaterThan(1);
    }, 90_000);
  }

  it('a 40-page annual report with five other tables (one with a Perjanjian Kinerja header) and landscape pages', async () => {
    const spec = baseSpec('annual', {
      document: { fillerPages: 30, otherTables: 5, runningHeader: true, landscape: ['2.3', '2.4'] },
    });
    const { report } = await readKab(chrome.browser, spec);
    expect(report.source.pages).toBeGreaterThanOrEqual(30);
    expectGolden(spec, report);
  }, 120_000);
});
