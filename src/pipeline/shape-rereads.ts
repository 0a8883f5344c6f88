import type { OcrPage } from '../ocr/read-page.js';
import type { ShapeCell } from '../ocr/reread.js';
import { parseInterval } from '../parse/interval.js';
import { parseNumber } from '../parse/numbers.js';
import { moneyGroupsBroken, type StructureBreak } from '../verify/structure.js';

const inPercent = (v: number | null) => v === null || (v >= 0 && v <= 100);

/**
 * The broken shapes a re-read of one scanned cell can mend, with what a new reading must satisfy:
 * a Tabel 2.2 band whose bounds lie in 0–100, money whose digit groups are of three. Row-level
 * breaks (labels, missing rows) were re-read already when the cells were cut out (row labels at
 * twice the size): they go straight to X1.
 */
export function shapeCells(breaks: readonly StructureBreak[], scans: ReadonlyMap<number, OcrPage>): ShapeCell[] {
  const out: ShapeCell[] = [];
  for (const b of breaks) {
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
        fits: (t) => !moneyGroupsBroken(t) && parseNumber(t, 'money').ok && parseNumber(t, 'money').value !== null,
      });
    }
  }
  // a 2.2 band is one cell for both bounds: read it once
  return out.filter((c, i) => out.findIndex((d) => d.f.page === c.f.page && d.f.bbox.join() === c.f.bbox.join()) === i);
}
