/**
 * One definition per table (model/contract.ts `TABLES`): the ids, fields and kinds every module
 * derives from it agree with the record schemas, the SQL tables and the template's columns.
 */
import { describe, expect, it } from 'vitest';
import {
  FLAT_TABLES,
  INDICATOR_TABLES,
  OPTIONAL_FIELDS,
  TABLE_FIELDS,
  TABLE_IDS,
  TABLES,
  TableId,
  Tables,
  byTable,
  fieldKind,
  reportJsonSchema,
} from '../../../src/model/contract.js';
import { ColumnFieldName } from '../../../src/model/profile.js';
import { CANONICAL } from '../../../src/tables/columns.js';
import { ROLES } from '../../../src/tables/roles.js';
import { MIGRATIONS } from '../../../src/store/migrations.js';
import { TABLE_ROWS } from '../../../src/store/store.js';

describe('the table definitions', () => {
  it('list the five roles in order, and the enum, the contract and the roles follow them', () => {
    expect(TABLE_IDS).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5']);
    expect(TableId.options).toEqual(TABLE_IDS);
    expect(Object.keys(Tables.shape)).toEqual(TABLE_IDS);
    expect(Object.keys(byTable((id) => id))).toEqual(TABLE_IDS);
    expect(ROLES).toEqual(TABLE_IDS);
    expect(TABLE_IDS.map((id) => TABLES[id].role)).toEqual([
      'Perjanjian Kinerja',
      'skala nilai',
      'capaian kinerja',
      'cost per outcome',
      'realisasi anggaran',
    ]);
  });

  it("take each table's fields from its record schema, in order", () => {
    expect(TABLE_FIELDS).toEqual({
      '2.1': ['sasaran', 'indikator', 'target'],
      '2.2': ['min', 'max', 'kriteria'],
      '2.3': ['sasaran', 'indikator', 'target', 'realisasi', 'capaian'],
      '2.4': ['sasaran', 'indikator', 'pagu', 'realisasiAnggaran', 'capaianAnggaran', 'target', 'realisasi', 'capaian'],
      '2.5': ['uraian', 'pagu', 'realisasi', 'capaian'],
    });
    for (const id of TABLE_IDS)
      expect(Object.keys(TABLES[id].row.shape).slice(0, TABLE_FIELDS[id].length + 1)).toEqual([
        'no',
        ...TABLE_FIELDS[id],
      ]);
  });

  it('give a kind to exactly the numeric fields of each record', () => {
    for (const id of TABLE_IDS) {
      const shape = TABLES[id].row.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      for (const f of TABLE_FIELDS[id]) {
        const numeric = shape[f]!.safeParse(42).success;
        expect(fieldKind(id, f) !== 'text', `${id} ${f}`).toBe(numeric);
      }
    }
    expect(fieldKind('2.5', 'realisasi')).toBe('money');
    expect(fieldKind('2.3', 'realisasi')).toBe('number');
    expect(fieldKind('2.2', 'min')).toBe('pct');
    expect(fieldKind('2.1', 'no-such-field')).toBe('text');
  });

  it('derive the indicator tables, the flat ones and the optional text columns', () => {
    expect(INDICATOR_TABLES).toEqual(['2.1', '2.3', '2.4']);
    expect(FLAT_TABLES).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(OPTIONAL_FIELDS).toEqual(['satuan', 'keterangan']);
    // a record with extras accepts them; 2.2's bands have none
    expect(
      TABLES['2.3'].row.safeParse({
        no: '1',
        sasaran: null,
        indikator: null,
        target: 1,
        realisasi: 1,
        capaian: 100,
        satuan: '%',
      }).success,
    ).toBe(true);
    expect('satuan' in TABLES['2.2'].row.shape).toBe(false);
  });

  it("map to the template's printed columns: No, the fields, and 2.2's one interval column", () => {
    for (const id of TABLE_IDS) {
      expect(CANONICAL[id]).toEqual(id === '2.2' ? ['no', 'interval', 'kriteria'] : ['no', ...TABLE_FIELDS[id]]);
      for (const f of CANONICAL[id]) expect(ColumnFieldName.options, `${id} ${f}`).toContain(f);
    }
  });

  it('store each table in its SQL table, one snake_case column per field, as the migrations create them', () => {
    const sql = MIGRATIONS.map((m) => m.sql).join('\n');
    for (const id of TABLE_IDS) {
      const { table, columns } = TABLE_ROWS[id];
      expect(columns).toEqual(TABLE_FIELDS[id].map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
      const ddl = new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\);`).exec(sql)?.[1];
      expect(ddl, table).toBeDefined();
      const created = [...ddl!.matchAll(/(?:^|,)\s*([a-z_]+) (?:text|numeric|integer|bigint)/gm)].map((m) => m[1]);
      expect(created).toEqual(['version_id', 'ord', 'no', ...columns]);
    }
  });

  it('are what the JSON Schema of the contract (`lkj schema`) says', () => {
    const schema = reportJsonSchema() as {
      properties: { tables: { required: string[]; properties: Record<string, { items: { properties: object } }> } };
    };
    const tables = schema.properties.tables;
    expect(tables.required).toEqual(TABLE_IDS);
    for (const id of TABLE_IDS)
      expect(Object.keys(tables.properties[id]!.items.properties).slice(0, TABLE_FIELDS[id].length + 1)).toEqual([
        'no',
        ...TABLE_FIELDS[id],
      ]);
  });
});
