/**
 * A sheet of rows with typed columns, written as CSV or XLSX. Numbers stay numbers: unquoted in
 * CSV, numeric cells in XLSX (money with thousands grouping, percentages with two decimals).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type ColumnType = 'text' | 'int' | 'number' | 'pct' | 'money' | 'datetime';
export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  width?: number;
}
export interface Sheet {
  name: string;
  columns: Column[];
  rows: Record<string, unknown>[];
}

const NUM_FMT: Partial<Record<ColumnType, string>> = {
  int: '0',
  number: '#,##0.##',
  pct: '0.00',
  money: '#,##0',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** A value as its column's type: a numeric column never holds a numeric-looking string. */
function cell(v: unknown, type: ColumnType): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (type === 'datetime') return v instanceof Date ? v : new Date(String(v));
  if (type !== 'text') {
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isFinite(n) ? n : String(v);
  }
  return String(v);
}

/**
 * Text from a PDF that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+1`, `@SUM`) gets a
 * leading apostrophe in CSV; numbers are never touched.
 */
export function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && s.length > 1 && !/^[-+]?\d+(?:[.,]\d+)*$/.test(s) ? `'${s}` : s;
}

export function toCsv(sheet: Sheet): string {
  const records = sheet.rows.map((r) =>
    sheet.columns.map((c) => {
      const v = cell(r[c.key], c.type);
      if (v === null) return '';
      if (v instanceof Date) return v.toISOString();
      return typeof v === 'number' ? v : defuse(v);
    }),
  );
  // a BOM so Excel reads the file as UTF-8; numbers with a dot as decimal separator
  return stringify([sheet.columns.map((c) => c.header), ...records], { bom: true, cast: { number: (n) => String(n) } });
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lkj';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? (c.type === 'text' ? 24 : 14),
      style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of sheet.rows)
      ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, cell(r[c.key], c.type)])));
    if (sheet.columns.length)
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
