import type { BBox } from '../../src/model/word.js';
import type { ExtractedClaim, ExtractedRow, ExtractedTables, Field, FieldKind } from '../../src/model/extracted.js';
import type { TableId } from '../../src/model/contract.js';
import { parseNumber } from '../../src/parse/numbers.js';
import { parseInterval } from '../../src/parse/interval.js';

const KIND: Record<string, FieldKind> = {
  target: 'number',
  realisasi: 'number',
  capaian: 'pct',
  capaianAnggaran: 'pct',
  pagu: 'money',
  realisasiAnggaran: 'money',
};

/** A field as printed: numbers are parsed like the pipeline does, so `19,50%` keeps 2 decimals. */
export function field(raw: string | null, kind: FieldKind = 'text', conf = 100): Field {
  const base = { raw: raw ?? '', conf, page: 1, bbox: [0, 0, 10, 10] as BBox, kind };
  if (kind === 'text') return { ...base, value: raw, decimals: null, parsed: true };
  const n = parseNumber(raw ?? '', kind === 'money' ? 'money' : kind === 'pct' ? 'pct' : 'number');
  return { ...base, value: n.value, decimals: n.decimals, parsed: n.ok };
}

/** A row from printed strings: row('2.3', '1', { target: '100%', realisasi: '33,33%', capaian: '33,33%' }). */
export function row(table: TableId, no: string, printed: Record<string, string | null>, conf = 100): ExtractedRow {
  const fields: Record<string, Field> = {};
  for (const [k, v] of Object.entries(printed)) {
    if (table === '2.2' && k === 'interval') {
      const iv = parseInterval(v ?? '');
      // as the pipeline records a band: parsed when the interval parsed
      fields.min = { ...field(v, 'pct', conf), value: iv?.min ?? null, parsed: iv !== null || !v };
      fields.max = { ...field(v, 'pct', conf), value: iv?.max ?? null, parsed: iv !== null || !v };
      continue;
    }
    const kind = table === '2.5' && k === 'realisasi' ? 'money' : (KIND[k] ?? 'text');
    fields[k] = field(v, kind, conf);
  }
  return { table, no, page: 1, bbox: [0, 0, 10, 10], fields };
}

export function tables(partial: Partial<ExtractedTables>): ExtractedTables {
  return { '2.1': [], '2.2': [], '2.3': [], '2.4': [], '2.5': [], ...partial };
}

export function claim(kind: ExtractedClaim['kind'], printed: string, page = 4, conf = 100): ExtractedClaim {
  const n = parseNumber(printed, 'pct');
  const isPct = kind === 'capaianKinerja' || kind === 'serapanAnggaran';
  return {
    kind,
    value: isPct ? n.value! : printed,
    decimals: isPct ? n.decimals : null,
    text: `… ${printed} …`,
    page,
    bbox: [0, 0, 10, 10],
    conf,
  };
}

/** The bands of the reference report (gap style). */
export const REFERENCE_BANDS = [
  row('2.2', '1', { interval: '91% ≤ 100%', kriteria: 'Sangat Tinggi' }),
  row('2.2', '2', { interval: '76% ≤ 90%', kriteria: 'Tinggi' }),
  row('2.2', '3', { interval: '66% ≤ 75%', kriteria: 'Sedang' }),
  row('2.2', '4', { interval: '51% ≤ 65%', kriteria: 'Rendah' }),
  row('2.2', '5', { interval: '≤ 50%', kriteria: 'Sangat Rendah' }),
];

export const CONTIGUOUS_BANDS = [
  row('2.2', '1', { interval: '90 < X ≤ 100', kriteria: 'Sangat Tinggi' }),
  row('2.2', '2', { interval: '75 < X ≤ 90', kriteria: 'Tinggi' }),
  row('2.2', '3', { interval: '65 < X ≤ 75', kriteria: 'Sedang' }),
  row('2.2', '4', { interval: '50 < X ≤ 65', kriteria: 'Rendah' }),
  row('2.2', '5', { interval: 'X ≤ 50', kriteria: 'Sangat Rendah' }),
];
