/**
 * Profiles (issue 11, item 6): a JSON file naming a template's quirks. The default reads without
 * one; a profile makes sure of what the document leaves open: header words no default knows, the
 * number style, a scale the report does not print, the calculation method.
 */
import { describe, expect, it } from 'vitest';
import { parseProfile, Profile } from '../../src/model/profile.js';
import { useChromium } from '../helpers/use-chromium.js';
import { baseSpec, FIVE_BANDS } from '../helpers/kabupaten/base.js';
import { expectGolden, readKab } from '../helpers/kabupaten/golden.js';

const chrome = useChromium();

describe('profile files', () => {
  it('are validated with a reason naming the source', () => {
    expect(
      Profile.parse({
        name: 'Kab. Tasikmalaya 2023',
        columns: { '2.3': { realisasi: ['Hasil'] } },
        method: { cap: 120 },
      }).name,
    ).toBe('Kab. Tasikmalaya 2023');
    expect(() => parseProfile('{"name": ""}', 'p.json')).toThrow(/p\.json: not a valid profile \(name:/);
    expect(() => parseProfile('{"name": "x", "colums": {}}', 'p.json')).toThrow(
      /p\.json: not a valid profile .*colums/,
    );
    expect(() => parseProfile('{"name": "x", "columns": {"2.9": {}}}', 'p.json')).toThrow(
      /p\.json: not a valid profile/,
    );
    expect(() => parseProfile('not json', 'p.json')).toThrow(/p\.json: not JSON/);
  });
});

describe('a template read with its profile', () => {
  const trio: [string, string, string] = ['Rencana', 'Hasil', 'Tingkat Keberhasilan'];
  const profile: Profile = {
    name: 'Kabupaten Tasikmalaya',
    columns: { '2.3': { target: ['Rencana'], realisasi: ['Hasil'], capaian: ['Tingkat Keberhasilan'] } },
  };

  it('header words no default knows: without the profile they are read by their place and said to be uncertain, with it every cell is read', async () => {
    const spec = baseSpec('profile-headers', { trio });
    const without = (await readKab(chrome.browser, spec)).report;
    expect(without.discrepancies.map((d) => `${d.rule} ${d.severity} ${d.table}/${d.field}`)).toEqual([
      'T3 uncertain 2.3/Rencana',
      'T3 uncertain 2.3/Tingkat Keberhasilan',
    ]);
    const { report } = await readKab(chrome.browser, spec, { profile });
    expectGolden(spec, report);
    expect(report.profile).toBe('Kabupaten Tasikmalaya');
  }, 90_000);

  it('the number style: `1.500` beside `93.6` is read as the profile says, not left undecided', async () => {
    const spec = baseSpec('profile-style', { style: 'mixed' });
    spec.indicators[1] = { ...spec.indicators[1]!, target: 1500, realisasi: 1320 };
    const without = (await readKab(chrome.browser, spec)).report;
    expect(without.discrepancies.some((d) => d.rule === 'N1')).toBe(true);
    expectGolden(
      spec,
      (await readKab(chrome.browser, spec, { profile: { name: 'titik ribuan', numberStyle: 'id' } })).report,
    );
  }, 90_000);

  it("a scale the report does not print: the narrative's kategori is checked against the profile's", async () => {
    const spec = baseSpec('profile-scale', {
      roles: ['2.1', '2.3', '2.4', '2.5'],
      narrative: { kategori: 'Rendah' },
      expect: [
        { rule: 'R8', table: 'narrative', row: 'kategori', field: 'value' },
        { rule: 'T1', table: '2.2', row: '-', field: '-' },
      ],
    });
    const { report } = await readKab(chrome.browser, spec, {
      profile: { name: 'skala', scale: FIVE_BANDS.map(({ min, max, kriteria }) => ({ min, max, kriteria })) },
    });
    // T1 is a warning: listed as expected, with the R8 error the profile's scale makes possible
    expect(report.discrepancies.map((d) => d.rule).sort()).toEqual(['R8', 'T1']);
    // 90 % sits on the edge of Sangat Tinggi and Tinggi: either is the profile's band, Rendah is not
    expect(['Sangat Tinggi', 'Tinggi']).toContain(report.discrepancies.find((d) => d.rule === 'R8')!.expected);
  }, 90_000);

  it('a cap the profile states: 137,5 % printed as 120 % is clean only with it', async () => {
    const over = (id: string) => {
      const s = baseSpec(id, { method: { cap: 120 } });
      s.indicators[1] = { ...s.indicators[1]!, target: 24, realisasi: 33 };
      return s;
    };
    // the template caps without saying so in the report: the statement is left out of this print
    const spec = over('profile-cap');
    const noStatement = { ...spec, method: undefined, print: { '2.3/2/capaian': '120', '2.4/2/capaian': '120' } };
    const without = (await readKab(chrome.browser, noStatement)).report;
    expect(without.discrepancies.filter((d) => d.rule === 'R1').map((d) => `${d.table}/${d.row}`)).toEqual([
      '2.3/2',
      '2.4/2',
    ]);
    const { report } = await readKab(chrome.browser, noStatement, {
      profile: { name: 'maks 120', method: { cap: 120 } },
    });
    expect(report.discrepancies.filter((d) => d.rule !== 'R7')).toEqual([]);
  }, 90_000);
});
