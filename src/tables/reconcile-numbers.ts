import { INDICATOR_TABLES } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { byNo, PRINTED } from './reconcile-text.js';
/**
 * Confidence of a figure whose separator was taken from its twin: below the verification bar, so
 * a rule failing on it is `uncertain` (the twin says where the separator is, not that it was printed).
 */
export const TWIN_SEPARATOR_CONF = 60;

const digits = (raw: string) => raw.replace(/\D/g, '');
const isOcrNumber = (f: Field | undefined): f is Field =>
  !!f && f.kind !== 'text' && f.conf < PRINTED && typeof f.value === 'number' && /\d/.test(f.raw);

/**
 * One figure printed in several places, each copy read on its own. A copy OCR read without its
 * decimal separator (`9883` beside `98,83`, `232` beside `23,2`) takes the value of the copy that
 * shows it, when every such copy agrees and their digits are the same, in the same order. A
 * separator is lost by OCR, never invented: the copy without one never changes the other.
 */
function mendGroup(fields: readonly (Field | undefined)[]): void {
  const ocr = fields.filter(isOcrNumber);
  for (const f of ocr) {
    if ((f.decimals ?? 0) > 0) continue;
    const shown = ocr.filter((g) => g !== f && (g.decimals ?? 0) > 0 && digits(g.raw) === digits(f.raw));
    const values = new Set(shown.map((g) => g.value));
    if (values.size !== 1 || shown[0]!.value === f.value) continue;
    const from = shown[0]!;
    f.value = from.value;
    f.decimals = from.decimals;
    f.conf = Math.min(f.conf, from.conf, TWIN_SEPARATOR_CONF);
  }
}

const isKegiatan = (r: ExtractedRow) => /^\d+\.\d+$/.test(r.no);
const isProgram = (r: ExtractedRow) => /^\d+$/.test(r.no);
const BUDGET = [
  ['pagu', 'pagu'],
  ['realisasiAnggaran', 'realisasi'],
  ['capaianAnggaran', 'capaian'],
] as const;

/**
 * Figures printed twice, reconciled for separators OCR dropped (never for other differences: a
 * different number in the other copy is the document's, for R6 to judge):
 * - an indicator's target in 2.1, 2.3 and 2.4, its realisasi and capaian in 2.3 and 2.4;
 * - a 2.4 row's budget and the one 2.5 kegiatan with the same pagu;
 * - then a program of one kegiatan and that kegiatan (the sum of one figure is that figure).
 */
export function reconcileSeparators(tables: ExtractedTables): void {
  const labels = new Set(INDICATOR_TABLES.flatMap((t) => tables[t].map((r) => r.no)));
  for (const no of labels)
    for (const field of ['target', 'realisasi', 'capaian'])
      mendGroup(INDICATOR_TABLES.map((t) => byNo(tables[t], no)?.fields[field]));
  const budget = tables['2.5'];
  for (const r of tables['2.4']) {
    const pagu = r.fields.pagu?.value;
    if (typeof pagu !== 'number') continue;
    const twins = budget.filter((k) => isKegiatan(k) && k.fields.pagu?.value === pagu);
    if (twins.length === 1) for (const [a, b] of BUDGET) mendGroup([r.fields[a], twins[0]!.fields[b]]);
  }
  for (const program of budget.filter(isProgram)) {
    const kegiatan = budget.filter((r) => isKegiatan(r) && r.no.split('.')[0] === program.no);
    if (kegiatan.length === 1)
      for (const field of ['pagu', 'realisasi', 'capaian'])
        mendGroup([program.fields[field], kegiatan[0]!.fields[field]]);
  }
}
