import type { BBox } from '../model/word.js';
import type { Discrepancy, TableId } from '../model/contract.js';
import { evidenceOf, type Rule } from './types.js';

/**
 * What the reading did not understand, said rather than guessed (issue 11, item 7). All are
 * `uncertain`: a human must look before anything is concluded.
 *  - T2: a table whose caption names one of Tabel 2.1–2.5 but whose columns could not be read as
 *    it, or a second table claiming a role another table already fills;
 *  - T3: a column of a read table whose header says nothing known: its cells are not read, or
 *    (its table's caption naming the role) read as the template's column at that place;
 *  - N1: a number whose separator the document's own style does not decide (`1.500` in a report
 *    printing both `749.930.215` and `93.6`);
 *  - M1: a kecamatan report whose cover, title and signature block do not say its kecamatan,
 *    kabupaten or period.
 */
export const ruleReading: Rule = ({ tables, notes }, ctx) => {
  const out: Discrepancy[] = [];
  for (const u of notes?.unread ?? []) {
    out.push({
      rule: 'T2',
      severity: 'uncertain',
      table: u.table,
      row: '-',
      field: '-',
      stated: u.caption,
      expected: null,
      message: ctx.msg(u.reason === 'duplicate' ? 'T2.duplicate' : 'T2.columns', {
        table: u.table,
        caption: u.caption ?? '',
        page: u.page,
        labels: u.labels.filter(Boolean).join(' | '),
      }),
      evidence: { page: u.page, bbox: u.bbox.map(round1) as BBox },
    });
  }
  for (const c of notes?.unmappedColumns ?? []) {
    out.push({
      rule: 'T3',
      severity: 'uncertain',
      table: c.table,
      row: '-',
      field: c.label,
      stated: c.label,
      expected: null,
      message: ctx.msg(c.reason === 'position' ? 'T3.position' : 'T3', { table: c.table, label: c.label }),
      evidence: { page: c.page, bbox: c.bbox.map(round1) as BBox },
    });
  }
  for (const table of Object.keys(tables) as TableId[]) {
    for (const row of tables[table]) {
      for (const [field, f] of Object.entries(row.fields)) {
        if (!f.ambiguous) continue;
        out.push({
          rule: 'N1',
          severity: 'uncertain',
          table,
          row: row.no,
          field,
          stated: f.raw,
          expected: null,
          message: ctx.msg('N1', { raw: f.raw, table }),
          evidence: evidenceOf(f),
        });
      }
    }
  }
  for (const field of notes?.metaDoubts ?? []) {
    out.push({
      rule: 'M1',
      severity: 'uncertain',
      table: 'meta',
      row: field,
      field: 'value',
      stated: null,
      expected: null,
      message: ctx.msg(`M1.${field}`, {}),
      evidence: { page: null, bbox: null },
    });
  }
  return out;
};

const round1 = (v: number) => Math.round(v * 10) / 10;
