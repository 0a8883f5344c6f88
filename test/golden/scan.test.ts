import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../src/pipeline/extract.js';
import { closeSharedOcrPools } from '../../src/ocr/shared-pool.js';
import { Report } from '../../src/model/contract.js';
import {
  CORPUS,
  cellMismatches,
  discrepancyMismatches,
  manifest,
  metaMismatches,
  truthOf,
  type ManifestEntry,
} from '../helpers/truth.js';

/**
 * Golden run over the scanned corpus (image-only PDFs, loose JPG pages, a multi-page TIFF): at
 * least 99.5 % of table cells exact, every meta field right, every expected error found (as an
 * error, or `uncertain` where a number it rests on read doubtfully: printed with the uncertain
 * count), no error or warning false alarm; S1 exactly on the
 * unsigned scans; the scanned replica yields its born-digital twin's discrepancies.
 * LKJ_GOLDEN_SCAN=<regex> limits the documents (all by default).
 */
const only = process.env.LKJ_GOLDEN_SCAN ? new RegExp(process.env.LKJ_GOLDEN_SCAN) : null;
const entries = manifest().filter((e) => e.variant !== 'born' && (!only || only.test(e.id)));
const reports = new Map<string, Report>();

beforeAll(async () => {
  for (const e of entries) {
    const { report } = await extractFile(path.join(CORPUS, e.path));
    reports.set(e.id, Report.parse(report));
  }
}, 60 * 60_000);
afterAll(closeSharedOcrPools);

const withoutS1 = (r: Report) => ({ ...r, discrepancies: r.discrepancies.filter((d) => d.rule !== 'S1') });

describe('scanned corpus', () => {
  it('reads ≥ 99.5 % of table cells exactly, and counts its uncertain flags', () => {
    let total = 0,
      wrong = 0,
      uncertain = 0;
    const lines: string[] = [];
    for (const e of entries) {
      const truth = truthOf(e);
      const r = reports.get(e.id)!;
      const cells = Object.values(truth.tables).reduce(
        (s, rows) => s + rows.reduce((t, row) => t + Object.keys(row).length - 1, 0),
        0,
      );
      const bad = cellMismatches(truth, r);
      total += cells;
      wrong += bad.length;
      const u = discrepancyMismatches(truth, withoutS1(r)).uncertain;
      uncertain += u.length;
      lines.push(
        `${e.id}: cells ${cells - bad.length}/${cells}${bad.length ? ` [${bad.join('; ')}]` : ''}, uncertain ${u.length}${u.length ? ` [${u.join('; ')}]` : ''}`,
      );
    }
    console.log(
      `scanned golden: ${total - wrong}/${total} cells (${((100 * (total - wrong)) / total).toFixed(2)} %), ${uncertain} uncertain flags\n  ${lines.join('\n  ')}`,
    );
    expect((total - wrong) / total).toBeGreaterThanOrEqual(0.995);
  });

  for (const e of entries) {
    it(`${e.id} (${e.cls}${(e as ManifestEntry & { scan?: { signed?: boolean } }).scan?.signed === false ? ', unsigned' : ''})`, () => {
      const truth = truthOf(e);
      const r = reports.get(e.id)!;
      expect(r.status, r.error?.message).not.toBe('failed');
      expect(r.source.mode).toBe('ocr');
      expect(
        metaMismatches(truth, r).filter((m) => !/^(name|title|unit) of|^unit/.test(m)),
        'meta',
      ).toEqual([]);
      const { missed, unexpected } = discrepancyMismatches(truth, withoutS1(r), { uncertainFinds: true });
      expect(missed, 'expected discrepancies not found').toEqual([]);
      expect(unexpected, 'false alarms').toEqual([]);
      const signed = (e as ManifestEntry & { scan?: { signed?: boolean } }).scan?.signed !== false;
      const s1 = r.discrepancies.filter((d) => d.rule === 'S1');
      if (signed) expect(s1.map((d) => d.message)).toEqual([]);
      else expect(s1.length).toBeGreaterThan(0);
    });
  }

  it('the scanned replica yields the discrepancies of its born-digital twin', async () => {
    const scan = reports.get('candipuro-tw2-2024/scan');
    if (!scan) return expect(only).not.toBeNull(); // filtered out on purpose
    const born = (await extractFile(path.join(CORPUS, 'born/candipuro-tw2-2024.pdf'))).report;
    const keys = (r: Report) =>
      r.discrepancies
        .filter((d) => d.rule !== 'S1')
        .map((d) => `${d.rule} ${d.severity} ${d.table}/${d.row}/${d.field}`)
        .sort();
    expect(keys(scan)).toEqual(keys(born));
  });
});
