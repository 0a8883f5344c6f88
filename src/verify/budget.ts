import type { Discrepancy } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables } from '../model/extracted.js';
import { isTotalRow } from './capaian.js';
import { fmtMoney, fmtPct } from './format.js';
import { moneyAgrees, percentAgrees, roundPct } from './tolerance.js';
import { evidenceOf, num, text, type Rule } from './types.js';

export interface Program {
  row: ExtractedRow;
  kegiatan: ExtractedRow[];
}

export interface Budget {
  programs: Program[];
  /** kegiatan rows not under any program (a 2.5 without program rows) */
  loose: ExtractedRow[];
  total: ExtractedRow | null;
}

function depth(no: string): number {
  return no.split('.').filter(Boolean).length;
}

/** A program row: an uraian that starts with PROGRAM, or a top-level label (`1`, `II`, not `a`). */
function isProgram(row: ExtractedRow): boolean {
  if (/^program\b/i.test(text(row.fields.uraian) ?? '')) return true;
  return depth(row.no) === 1 && !/^[a-z]$/i.test(row.no);
}

/** Tabel 2.5's hierarchy: programs with their kegiatan (the next level down), and JUMLAH. */
export function budgetTree(rows: readonly ExtractedRow[]): Budget {
  const out: Budget = { programs: [], loose: [], total: null };
  let current: Program | null = null;
  for (const row of rows) {
    if (isTotalRow(row)) { out.total = row; current = null; continue; }
    if (isProgram(row)) { current = { row, kegiatan: [] }; out.programs.push(current); continue; }
    if (current) {
      // only direct children: sub-kegiatan (1.1.1) are summed by their kegiatan, not the program
      if (depth(row.no) === depth(current.row.no) + 1 || /^[a-z]\.?$/i.test(row.no)) current.kegiatan.push(row);
    } else out.loose.push(row);
  }
  return out;
}

function sum(rows: readonly ExtractedRow[], field: string): number | null {
  let s = 0;
  for (const r of rows) {
    const v = num(r.fields[field]);
    if (v === null) return null;
    s += v;
  }
  return rows.length ? s : null;
}

/** The correct totals of 2.5 from its leaves: kegiatan sums where there are kegiatan, else the program cell. */
export function correctTotals(tables: ExtractedTables): { pagu: number | null; realisasi: number | null } {
  const tree = budgetTree(tables['2.5']);
  const total = (field: string): number | null => {
    let s = 0, any = false;
    for (const p of tree.programs) {
      const v = p.kegiatan.length ? sum(p.kegiatan, field) : num(p.row.fields[field]);
      if (v === null) return null;
      s += v; any = true;
    }
    if (tree.loose.length) {
      const v = sum(tree.loose, field);
      if (v === null) return null;
      s += v; any = true;
    }
    return any ? s : null;
  };
  let pagu = total('pagu'), realisasi = total('realisasi');
  if (pagu === null || realisasi === null) {
    // no usable 2.5: fall back on 2.4's budget columns
    const p4 = sum(tables['2.4'], 'pagu'), r4 = sum(tables['2.4'], 'realisasiAnggaran');
    if (pagu === null) pagu = p4;
    if (realisasi === null) realisasi = r4;
  }
  return { pagu, realisasi };
}

const FIELD_NAME: Record<string, { id: string; en: string }> = {
  pagu: { id: 'Pagu', en: 'pagu' },
  realisasi: { id: 'Realisasi', en: 'realisasi' },
};

/** R4: a program's printed pagu and realisasi equal the sums of its kegiatan. */
export const ruleR4: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  for (const p of budgetTree(tables['2.5']).programs) {
    if (!p.kegiatan.length) continue;
    for (const field of ['pagu', 'realisasi']) {
      const stated = num(p.row.fields[field]);
      const expected = sum(p.kegiatan, field);
      if (stated === null || expected === null || moneyAgrees(stated, expected)) continue;
      const f = p.row.fields[field]!;
      out.push({
        rule: 'R4', severity: ctx.severity('error', f, ...p.kegiatan.map((k) => k.fields[field])), table: '2.5', row: p.row.no, field,
        stated, expected,
        message: ctx.msg('R4', {
          field: FIELD_NAME[field]![ctx.opts.lang], stated: f.raw, expected: fmtMoney(expected, ctx.opts.lang),
          items: p.kegiatan.map((k) => k.no).join(' + '),
        }),
        evidence: evidenceOf(f),
      });
    }
  }
  return out;
};

/**
 * R5: JUMLAH pagu and realisasi equal the sum of the programs (a program's kegiatan where its
 * cell is empty). A JUMLAH that equals the kegiatan sums is accepted too, so one wrong program
 * cell is flagged once (R4), not again on JUMLAH. JUMLAH capaian = correct total realisasi /
 * correct total pagu × 100.
 */
export const ruleR5: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const tree = budgetTree(tables['2.5']);
  const total = tree.total;
  if (!total) return out;
  const correct = correctTotals(tables);
  for (const field of ['pagu', 'realisasi'] as const) {
    const stated = num(total.fields[field]);
    if (stated === null) continue;
    const viaPrograms = (() => {
      let s = 0;
      for (const p of tree.programs) {
        const v = num(p.row.fields[field]) ?? sum(p.kegiatan, field);
        if (v === null) return null;
        s += v;
      }
      if (tree.loose.length) { const v = sum(tree.loose, field); if (v === null) return null; s += v; }
      return tree.programs.length || tree.loose.length ? s : null;
    })();
    const candidates = [viaPrograms, correct[field]].filter((v): v is number => v !== null);
    if (!candidates.length || candidates.some((v) => moneyAgrees(stated, v))) continue;
    const expected = correct[field] ?? candidates[0]!;
    const f = total.fields[field]!;
    out.push({
      rule: 'R5', severity: ctx.severity('error', f), table: '2.5', row: total.no, field, stated, expected,
      message: ctx.msg('R5.sum', { field: FIELD_NAME[field]![ctx.opts.lang], stated: f.raw, expected: fmtMoney(expected, ctx.opts.lang) }),
      evidence: evidenceOf(f),
    });
  }
  const stated = num(total.fields.capaian);
  if (stated !== null && correct.pagu && correct.realisasi !== null) {
    const f = total.fields.capaian!;
    const expected = (correct.realisasi / correct.pagu) * 100;
    if (!percentAgrees(stated, f.decimals, expected)) {
      out.push({
        rule: 'R5', severity: ctx.severity('error', f), table: '2.5', row: total.no, field: 'capaian',
        stated, expected: roundPct(expected, f.decimals),
        message: ctx.msg('R5.capaian', {
          stated: f.raw, expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
          realisasi: fmtMoney(correct.realisasi, ctx.opts.lang), pagu: fmtMoney(correct.pagu, ctx.opts.lang),
        }),
        evidence: evidenceOf(f),
      });
    }
  }
  return out;
};
