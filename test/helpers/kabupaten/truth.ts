/**
 * What a reader must find in a KabSpec document: the contract's tables (values as printed), the
 * meta, and the discrepancies its injected mistakes raise.
 */
import type { TableId } from '../../../src/model/contract.js';
import type { Truth } from '../truth.js';
import { round2, type BudgetRow, type Indicator, type KabSpec } from './spec.js';

export type Row = Record<string, unknown>;

/** Capaian of an indicator by the template's method; null when a figure is not applicable. */
export function capaianOf(ind: Indicator, spec: KabSpec): number | null {
  if (ind.target === 'n/a' || ind.realisasi === 'n/a') return null;
  const r = ind.realisasi;
  let t: number;
  if (Array.isArray(ind.target)) {
    const [lo, hi] = ind.target;
    if (r >= lo && r <= hi) return capped(100, spec);
    t = r < lo ? lo : hi;
  } else t = ind.target;
  const v = ind.negative ? ((2 * t - r) / t) * 100 : (r / t) * 100;
  return capped(v, spec);
}

const capped = (v: number, spec: KabSpec) =>
  spec.method?.cap !== undefined && v > spec.method.cap ? spec.method.cap : v;

/** A printed override, else the computed value (as printed: capaian to two decimals). */
function value(spec: KabSpec, key: string, computed: number | null): number | null {
  if (spec.print && key in spec.print) {
    const t = spec.print[key]!;
    return t === '' ? null : Number(t);
  }
  return computed;
}

export interface FlatBudgetRow {
  no: string;
  uraian: string;
  pagu: number | null;
  realisasi: number | null;
  capaian: number | null;
  depth: number;
  row: BudgetRow | null;
}

/** The amounts of a budget row: its own, or the sum of the rows under it. */
export function amounts(b: BudgetRow): { pagu: number; realisasi: number } {
  if (b.pagu !== undefined && b.realisasi !== undefined) return { pagu: b.pagu, realisasi: b.realisasi };
  const kids = (b.children ?? []).map(amounts);
  return { pagu: kids.reduce((s, k) => s + k.pagu, 0), realisasi: kids.reduce((s, k) => s + k.realisasi, 0) };
}

/** Tabel 2.5 as printed, top to bottom, with JUMLAH when the template prints one. */
export function flatBudget(spec: KabSpec): FlatBudgetRow[] {
  const out: FlatBudgetRow[] = [];
  const walk = (rows: BudgetRow[], depth: number) => {
    for (const b of rows) {
      const a = amounts(b);
      const own = b.pagu !== undefined && !b.capaianOnly;
      const key = (f: string) => `2.5/${b.no}/${f}`;
      out.push({
        no: b.no,
        uraian: b.uraian,
        depth,
        row: b,
        pagu: own ? value(spec, key('pagu'), a.pagu) : value(spec, key('pagu'), null),
        realisasi: own ? value(spec, key('realisasi'), a.realisasi) : value(spec, key('realisasi'), null),
        capaian: value(spec, key('capaian'), a.pagu ? round2((a.realisasi / a.pagu) * 100) : null),
      });
      walk(b.children ?? [], depth + 1);
    }
  };
  walk(spec.budget.rows, 0);
  if (spec.budget.jumlah) {
    const tops = spec.budget.rows.map(amounts);
    const pagu = tops.reduce((s, k) => s + k.pagu, 0),
      real = tops.reduce((s, k) => s + k.realisasi, 0);
    out.push({
      no: 'JUMLAH',
      uraian: 'JUMLAH',
      depth: 0,
      row: null,
      pagu: value(spec, '2.5/JUMLAH/pagu', pagu),
      realisasi: value(spec, '2.5/JUMLAH/realisasi', real),
      capaian: value(spec, '2.5/JUMLAH/capaian', round2((real / pagu) * 100)),
    });
  }
  return out;
}

const num = (v: number | [number, number] | 'n/a'): number | null => (typeof v === 'number' ? v : null);

export function indicatorRows(spec: KabSpec): { t21: Row[]; t23: Row[]; t24: Row[] } {
  const extras = (ind: Indicator): Row => ({
    ...(spec.columns.satuan ? { satuan: ind.satuan ?? null } : {}),
    ...(spec.columns.keterangan ? { keterangan: ind.keterangan ?? null } : {}),
  });
  const t21: Row[] = [],
    t23: Row[] = [],
    t24: Row[] = [];
  spec.indicators.forEach((ind, i) => {
    const no = String(i + 1);
    const c = capaianOf(ind, spec);
    const cap = c === null ? null : round2(c);
    t21.push({
      no,
      sasaran: ind.sasaran,
      indikator: ind.indikator,
      target: value(spec, `2.1/${no}/target`, num(ind.target)),
      ...extras(ind),
    });
    t23.push({
      no,
      sasaran: ind.sasaran,
      indikator: ind.indikator,
      target: value(spec, `2.3/${no}/target`, num(ind.target)),
      realisasi: value(spec, `2.3/${no}/realisasi`, num(ind.realisasi)),
      capaian: value(spec, `2.3/${no}/capaian`, cap),
      ...extras(ind),
    });
    t24.push({
      no,
      sasaran: ind.sasaran,
      indikator: ind.indikator,
      pagu: value(spec, `2.4/${no}/pagu`, ind.pagu),
      realisasiAnggaran: value(spec, `2.4/${no}/realisasiAnggaran`, ind.realisasiAnggaran),
      capaianAnggaran: value(spec, `2.4/${no}/capaianAnggaran`, round2((ind.realisasiAnggaran / ind.pagu) * 100)),
      target: value(spec, `2.4/${no}/target`, num(ind.target)),
      realisasi: value(spec, `2.4/${no}/realisasi`, num(ind.realisasi)),
      capaian: value(spec, `2.4/${no}/capaian`, cap),
    });
  });
  return { t21, t23, t24 };
}

/** The report's overall figures as its narrative states them (before injected mistakes). */
export function narrativeFigures(spec: KabSpec): { capaian: number; serapan: number; kategori: string } {
  const caps = spec.indicators.map((i) => capaianOf(i, spec)).filter((v): v is number => v !== null);
  const capaian = caps.reduce((a, b) => a + b, 0) / caps.length;
  const leaves: BudgetRow[] = [];
  const walk = (rows: BudgetRow[]): void => {
    for (const b of rows) {
      if (b.children?.length) walk(b.children);
      else leaves.push(b);
    }
  };
  walk(spec.budget.rows);
  const pagu = leaves.reduce((s, b) => s + (b.pagu ?? 0), 0),
    real = leaves.reduce((s, b) => s + (b.realisasi ?? 0), 0);
  const c = round2(capaian);
  const band =
    spec.scale.find((b) => (b.min === null || c >= b.min) && (b.max === null || c <= b.max)) ??
    [...spec.scale].sort((a, b) => (b.max ?? 1e9) - (a.max ?? 1e9))[0]!;
  return { capaian: c, serapan: round2((real / pagu) * 100), kategori: band.kriteria };
}

export function truthOf(spec: KabSpec): Truth {
  const roles = spec.roles ?? (['2.1', '2.2', '2.3', '2.4', '2.5'] as TableId[]);
  const { t21, t23, t24 } = indicatorRows(spec);
  const tables: Record<string, Row[]> = {
    '2.1': t21,
    '2.2': spec.scale.map((b, i) => ({ no: String(i + 1), min: b.min, max: b.max, kriteria: b.kriteria })),
    '2.3': t23,
    '2.4': t24,
    '2.5': flatBudget(spec).map(({ no, uraian, pagu, realisasi, capaian }) => ({
      no,
      uraian,
      pagu,
      realisasi,
      capaian,
    })),
  };
  for (const t of Object.keys(tables)) if (!roles.includes(t as TableId)) tables[t] = [];
  const m = spec.meta;
  return {
    id: spec.id,
    report: {
      unit: m.unit,
      kecamatan: m.kecamatan,
      kabupaten: m.kabupaten,
      period: { kind: m.period.kind, number: m.period.number, year: m.period.year },
      signedAt: m.signedAt,
      signatories: m.signatories.map((s) => ({ name: s.name, nip: s.nip.replace(/\D/g, ''), title: s.title })),
    },
    tables,
    accept: Object.fromEntries(spec.scale.flatMap((b, i) => (b.min === null ? [[`2.2|${i + 1}|min`, [null, 0]]] : []))),
    expected: (spec.expect ?? []).map((e) => ({ ...e, severity: e.severity ?? 'error', required: true })),
  };
}
