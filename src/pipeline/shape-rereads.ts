import { TABLE_IDS, type Discrepancy } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import type { OcrPage } from '../ocr/read-page.js';
import type { CellRef, ShapeCell } from '../ocr/reread.js';
import { parseInterval } from '../parse/interval.js';
import { moneyGroupsBroken, parseNumber } from '../parse/numbers.js';
import type { StructureBreak } from '../verify/structure.js';

const digitCount = (t: string) => t.replace(/[,.]\d{1,2}\s*$/, '').replace(/\D/g, '').length;
const inPercent = (v: number | null) => v === null || (v >= 0 && v <= 100);

/**
 * The broken shapes a re-read of one scanned cell can mend, with what a new reading must satisfy:
 * a Tabel 2.2 band whose bounds lie in 0–100, money whose digit groups are of three, a row label
 * out of step read as one of the labels that would keep the numbering in step (`13` between `1`
 * and `2` of a table of `1.1`s). A missing row goes straight to X1.
 */
export function shapeCells(breaks: readonly StructureBreak[], scans: ReadonlyMap<number, OcrPage>): ShapeCell[] {
  const out: ShapeCell[] = [];
  for (const b of breaks) {
    if (b.what === 'labels') {
      const cell = b.at && scans.has(b.at.page) ? labelCell(b.at) : null;
      const expected = b.expected ?? [];
      if (cell && expected.length)
        out.push({
          table: b.table,
          row: b.row,
          field: 'no',
          f: cell,
          whitelist: '0123456789.',
          fits: (t) => expected.includes(t.replace(/\s+/g, '').replace(/\.$/, '')),
        });
      continue;
    }
    const f = b.cell;
    if (!f || !scans.has(f.page)) continue;
    if (b.what === 'bandBound' || b.what === 'bandUnread') {
      out.push({
        table: b.table,
        row: b.row,
        field: b.field,
        f,
        whitelist: '',
        fits: (t) => {
          const iv = parseInterval(t);
          return !!iv && (iv.min !== null || iv.max !== null) && inPercent(iv.min) && inPercent(iv.max);
        },
      });
    } else if (b.what === 'moneyGroups') {
      out.push({
        table: b.table,
        row: b.row,
        field: b.field,
        f,
        whitelist: '0123456789.,Rp ',
        // as many digits, give or take the one a misread separator adds or a lost one takes: a
        // lone `1` read under a streak is in groups too, but no reading of `131800.000`
        fits: (t) =>
          !moneyGroupsBroken(t) &&
          parseNumber(t, 'money').value !== null &&
          Math.abs(digitCount(t) - digitCount(f.raw)) <= 1,
      });
    }
  }
  // a 2.2 band is one cell for both bounds: read it once
  return out.filter((c, i) => out.findIndex((d) => d.f.page === c.f.page && d.f.bbox.join() === c.f.bbox.join()) === i);
}

/** The row-label cell of a row: from the row's left edge to its first field's cell. */
function labelCell(row: ExtractedRow): Field | null {
  const left = Math.min(...Object.values(row.fields).map((f) => (f.page === row.page ? f.bbox[0] : Infinity)));
  if (!Number.isFinite(left) || left - row.bbox[0] < 6) return null;
  return {
    kind: 'text',
    value: row.no,
    raw: row.no,
    decimals: null,
    conf: 0,
    parsed: true,
    page: row.page,
    bbox: [row.bbox[0], row.bbox[1], left, row.bbox[3]],
  };
}

/**
 * The scanned cells of the capaian that uncertain R1–R3 findings rest on: a rule that fails only
 * by a slip of the reading (`329 %` for 32,9 %) is doubt, which a second read of the cell may lift.
 */
export function slippedCapaian(
  ds: readonly Discrepancy[],
  tables: ExtractedTables,
  scans: ReadonlyMap<number, OcrPage>,
): CellRef[] {
  return ds.flatMap((d) => {
    const table = TABLE_IDS.find((t) => t === d.table);
    if (d.severity !== 'uncertain' || !['R1', 'R2', 'R3'].includes(d.rule) || !table) return [];
    const f = tables[table].find((r) => r.no === d.row)?.fields[d.field];
    return f && f.kind !== 'text' && scans.has(f.page) ? [{ table, row: d.row, field: d.field, f }] : [];
  });
}
