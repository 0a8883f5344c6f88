import type { Discrepancy } from '../model/contract.js';
import type { ExtractedRow, ExtractedTables, Field } from '../model/extracted.js';
import { isTotalRow } from './capaian.js';
import { fmtMoney, fmtPct } from './format.js';
import { moneyAgrees, percentAgrees, roundPct } from './tolerance.js';
import { evidenceOf, num, readCells, text, type Rule } from './types.js';

export interface Program {
  row: ExtractedRow;
  kegiatan: ExtractedRow[];
}

/** One row of Tabel 2.5 in its hierarchy: program → kegiatan → sub kegiatan, or codes (`4.01.05.1.01`). */
export interface BudgetNode {
  row: ExtractedRow;
  children: BudgetNode[];
  /** 0 for the top level */
  level: number;
}

export interface Budget {
  programs: Program[];
  /** kegiatan rows not under any program (a 2.5 without program rows) */
  loose: ExtractedRow[];
  total: ExtractedRow | null;
  /** the top level of the hierarchy, each with its rows below */
  roots: BudgetNode[];
}

function depth(no: string): number {
  return no.split('.').filter(Boolean).length;
}

const NUMBERED = /^\d+(?:\.\d+)*$/;
const ROMAN = /^[IVX]+$/;
const LETTER = /^[a-z]$/i;

/** A level named by the uraian: PROGRAM 1, KEGIATAN 2, SUB KEGIATAN 3. */
function namedLevel(row: ExtractedRow): number | null {
  const u = (text(row.fields.uraian) ?? '').trim();
  if (/^sub\s*-?\s*kegiatan\b/i.test(u)) return 3;
  if (/^kegiatan\b/i.test(u)) return 2;
  if (/^program\b/i.test(u)) return 1;
  return null;
}

/** A program row: an uraian that starts with PROGRAM, or a top-level label (`1`, `II`, not `a`). */
function isProgram(row: ExtractedRow): boolean {
  if (/^program\b/i.test(text(row.fields.uraian) ?? '')) return true;
  return depth(row.no) === 1 && !LETTER.test(row.no);
}

/**
 * The row a row sits under: the nearest earlier row whose label its own extends (`1.1` under `1`,
 * `4.01.05.1.01` under `4.01.05`); for rows whose labels do not nest, the nearest earlier row of a
 * higher level named by the uraian (PROGRAM over KEGIATAN over SUB KEGIATAN); a letter (`a.`) or an
 * arabic number after a roman program sits under the last numbered row.
 */
function parentOf(node: BudgetNode, before: readonly BudgetNode[]): BudgetNode | null {
  const no = node.row.no;
  if (NUMBERED.test(no)) {
    for (let i = before.length - 1; i >= 0; i--) {
      const p = before[i]!.row.no;
      if (NUMBERED.test(p) && no.startsWith(`${p}.`)) return before[i]!;
    }
  }
  const level = namedLevel(node.row);
  if (level !== null && level > 1) {
    for (let i = before.length - 1; i >= 0; i--) {
      const l = namedLevel(before[i]!.row);
      if (l !== null && l < level) return before[i]!;
    }
  }
  if (LETTER.test(no)) return [...before].reverse().find((b) => !LETTER.test(b.row.no)) ?? null;
  if (/^\d+$/.test(no)) {
    const root = [...before].reverse().find((b) => b.level === 0);
    if (root && ROMAN.test(root.row.no)) return root;
  }
  return null;
}

/** Tabel 2.5's hierarchy: programs with their kegiatan (and sub kegiatan below those), and JUMLAH. */
export function budgetTree(rows: readonly ExtractedRow[]): Budget {
  const out: Budget = { programs: [], loose: [], total: null, roots: [] };
  const nodes: BudgetNode[] = [];
  for (const row of rows) {
    if (isTotalRow(row)) {
      out.total = row;
      continue;
    }
    const node: BudgetNode = { row, children: [], level: 0 };
    const parent = parentOf(node, nodes);
    if (parent) {
      node.level = parent.level + 1;
      parent.children.push(node);
    } else out.roots.push(node);
    nodes.push(node);
  }
  for (const root of out.roots) {
    if (isProgram(root.row) || root.children.length)
      out.programs.push({ row: root.row, kegiatan: root.children.map((c) => c.row) });
    else out.loose.push(root.row);
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

/** A node's amount: as printed, or (left empty) the sum of the rows under it. */
function amount(node: BudgetNode, field: string): number | null {
  return num(node.row.fields[field]) ?? childrenSum(node, field);
}

function childrenSum(node: BudgetNode, field: string): number | null {
  if (!node.children.length) return null;
  let s = 0;
  for (const c of node.children) {
    const v = amount(c, field);
    if (v === null) return null;
    s += v;
  }
  return s;
}

/** The amount from the bottom of the hierarchy up: the leaves' printed amounts, summed. */
function leafSum(node: BudgetNode, field: string): number | null {
  if (!node.children.length) return num(node.row.fields[field]);
  let s = 0;
  for (const c of node.children) {
    const v = leafSum(c, field);
    if (v === null) return null;
    s += v;
  }
  return s;
}

function sumNodes(nodes: readonly BudgetNode[], f: (n: BudgetNode) => number | null): number | null {
  if (!nodes.length) return null;
  let s = 0;
  for (const n of nodes) {
    const v = f(n);
    if (v === null) return null;
    s += v;
  }
  return s;
}

/** The correct totals of 2.5 from its leaves (sub kegiatan, kegiatan, or a program without any). */
export function correctTotals(tables: ExtractedTables): {
  pagu: number | null;
  realisasi: number | null;
  /** the cells the totals were summed from: a doubtful one makes any finding on them uncertain */
  basis: Field[];
} {
  const tree = budgetTree(tables['2.5']);
  let pagu = sumNodes(tree.roots, (n) => leafSum(n, 'pagu'));
  let realisasi = sumNodes(tree.roots, (n) => leafSum(n, 'realisasi'));
  const basis = readCells(
    tables['2.5'].filter((r) => r !== tree.total),
    ['pagu', 'realisasi'],
  );
  if (pagu === null || realisasi === null) {
    // no usable 2.5: fall back on 2.4's budget columns
    const p4 = sum(tables['2.4'], 'pagu'),
      r4 = sum(tables['2.4'], 'realisasiAnggaran');
    if (pagu === null) pagu = p4;
    if (realisasi === null) realisasi = r4;
    basis.push(...readCells(tables['2.4'], ['pagu', 'realisasiAnggaran']));
  }
  return { pagu, realisasi, basis };
}

function walk(nodes: readonly BudgetNode[], visit: (n: BudgetNode) => void): void {
  for (const n of nodes) {
    visit(n);
    walk(n.children, visit);
  }
}

const FIELD_NAME: Record<string, { id: string; en: string }> = {
  pagu: { id: 'Pagu', en: 'pagu' },
  realisasi: { id: 'Realisasi', en: 'realisasi' },
};

/**
 * R4: every row with rows under it (a program over its kegiatan, a kegiatan over its sub kegiatan)
 * prints the sums of those rows, as printed or as summed from the bottom level (a program agreeing
 * with its sub kegiatan is right even where a kegiatan between them is wrong: that kegiatan is
 * flagged, once). A parent printing only a capaian (a flattened table) is checked against the
 * realisasi / pagu of the rows under it (R3).
 */
export const ruleR4: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  walk(budgetTree(tables['2.5']).roots, (p) => {
    if (!p.children.length) return;
    const kids = p.children.map((c) => c.row);
    for (const field of ['pagu', 'realisasi']) {
      const stated = num(p.row.fields[field]);
      const expected = childrenSum(p, field);
      if (stated === null || expected === null || moneyAgrees(stated, expected)) continue;
      const fromLeaves = leafSum(p, field);
      if (fromLeaves !== null && moneyAgrees(stated, fromLeaves)) continue;
      const f = p.row.fields[field]!;
      out.push({
        rule: 'R4',
        severity: ctx.severity('error', f, ...kids.map((k) => k.fields[field])),
        table: '2.5',
        row: p.row.no,
        field,
        stated,
        expected,
        message: ctx.msg(p.level === 0 ? 'R4' : 'R4.level', {
          field: FIELD_NAME[field]![ctx.opts.lang],
          stated: f.raw,
          expected: fmtMoney(expected, ctx.opts.lang),
          items: kids.map((k) => k.no).join(' + '),
          row: p.row.no,
        }),
        evidence: evidenceOf(f),
      });
    }
    const cap = num(p.row.fields.capaian);
    if (cap === null || num(p.row.fields.pagu) !== null || num(p.row.fields.realisasi) !== null) return;
    const pagu = childrenSum(p, 'pagu'),
      real = childrenSum(p, 'realisasi');
    if (!pagu || real === null) return;
    const f = p.row.fields.capaian!;
    const expected = (real / pagu) * 100;
    if (percentAgrees(cap, f.decimals, expected)) return;
    out.push({
      rule: 'R3',
      severity: ctx.severity('error', f, ...kids.flatMap((k) => [k.fields.pagu, k.fields.realisasi])),
      table: '2.5',
      row: p.row.no,
      field: 'capaian',
      stated: cap,
      expected: roundPct(expected, f.decimals),
      message: ctx.msg('R3.children', {
        stated: f.raw,
        expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
        realisasi: fmtMoney(real, ctx.opts.lang),
        pagu: fmtMoney(pagu, ctx.opts.lang),
        items: kids.map((k) => k.no).join(', '),
      }),
      evidence: evidenceOf(f),
    });
  });
  return out;
};

/**
 * R5: JUMLAH pagu and realisasi equal the sum of the top level (a program's rows below where its
 * cell is empty). A JUMLAH that equals the sums from the bottom level is accepted too, so one
 * wrong program cell is flagged once (R4), not again on JUMLAH. JUMLAH capaian = correct total realisasi /
 * correct total pagu × 100.
 */
export const ruleR5: Rule = ({ tables }, ctx) => {
  const out: Discrepancy[] = [];
  const tree = budgetTree(tables['2.5']);
  const total = tree.total;
  if (!total) return out;
  const correct = correctTotals(tables);
  const nonTotal = tables['2.5'].filter((r) => r !== total);
  for (const field of ['pagu', 'realisasi'] as const) {
    const stated = num(total.fields[field]);
    if (stated === null) continue;
    const viaPrograms = sumNodes(tree.roots, (n) => amount(n, field));
    const candidates = [viaPrograms, correct[field]].filter((v): v is number => v !== null);
    if (!candidates.length || candidates.some((v) => moneyAgrees(stated, v))) continue;
    const expected = correct[field] ?? candidates[0]!;
    const f = total.fields[field]!;
    out.push({
      rule: 'R5',
      // the sums rest on every program and kegiatan cell of the column
      severity: ctx.severity('error', f, ...readCells(nonTotal, [field])),
      table: '2.5',
      row: total.no,
      field,
      stated,
      expected,
      message: ctx.msg('R5.sum', {
        field: FIELD_NAME[field]![ctx.opts.lang],
        stated: f.raw,
        expected: fmtMoney(expected, ctx.opts.lang),
      }),
      evidence: evidenceOf(f),
    });
  }
  const stated = num(total.fields.capaian);
  if (stated !== null && correct.pagu && correct.realisasi !== null) {
    const f = total.fields.capaian!;
    const expected = (correct.realisasi / correct.pagu) * 100;
    if (!percentAgrees(stated, f.decimals, expected)) {
      out.push({
        rule: 'R5',
        severity: ctx.severity('error', f, ...correct.basis),
        table: '2.5',
        row: total.no,
        field: 'capaian',
        stated,
        expected: roundPct(expected, f.decimals),
        message: ctx.msg('R5.capaian', {
          stated: f.raw,
          expected: fmtPct(roundPct(expected, f.decimals), ctx.opts.lang),
          realisasi: fmtMoney(correct.realisasi, ctx.opts.lang),
          pagu: fmtMoney(correct.pagu, ctx.opts.lang),
        }),
        evidence: evidenceOf(f),
      });
    }
  }
  return out;
};
