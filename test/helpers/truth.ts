import fs from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/model/contract.js';

/** The corpus manifest and truth files written by `npm run fixtures` (same shape as the eval corpus). */
export const CORPUS = path.resolve('fixtures/corpus');

export interface ManifestEntry {
  id: string; doc: string; variant: string; path: string; cls: 'clean' | 'error'; truth: string; pages: number;
  files?: string[];
}
export interface Expected {
  table: string; row: string; field: string; rule: string; severity: string; required: boolean;
  alt?: { table: string; row: string; field: string }[];
}
export interface Truth {
  id: string;
  report: Report['report'];
  tables: Record<string, Record<string, unknown>[]>;
  accept?: Record<string, unknown[]>;
  expected: Expected[];
}

export function manifest(): ManifestEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { inputs: ManifestEntry[] }).inputs;
}

export function truthOf(e: ManifestEntry): Truth {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, e.truth), 'utf8')) as Truth;
}

const fold = (s: unknown) => String(s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, '');
const normRow = (r: unknown) => String(r ?? '').trim().toLowerCase().replace(/\.$/, '');

function valueOk(truth: unknown, out: unknown): boolean {
  if (truth === null) return out === null || out === undefined || out === '';
  if (typeof truth === 'number') return typeof out === 'number' && Math.abs(out - truth) <= 0.005 + 1e-9;
  return typeof out === 'string' && fold(out) === fold(truth);
}

/** Every wrong cell as `table/no/field: truth X got Y` (the scorer's comparison rules). */
export function cellMismatches(truth: Truth, out: Report): string[] {
  const bad: string[] = [];
  for (const [t, rows] of Object.entries(truth.tables)) {
    const got = new Map(((out.tables as Record<string, Record<string, unknown>[]>)[t] ?? []).map((r) => [normRow(r.no), r]));
    for (const trow of rows) {
      const orow = got.get(normRow(trow.no));
      for (const [f, tv] of Object.entries(trow)) {
        if (f === 'no') continue;
        const accepted = [tv, ...(truth.accept?.[`${t}|${String(trow.no)}|${f}`] ?? [])];
        if (!orow || !accepted.some((a) => valueOk(a, orow[f]))) {
          bad.push(`${t}/${String(trow.no)}/${f}: truth ${JSON.stringify(tv)} got ${orow ? JSON.stringify(orow[f]) : '<missing row>'}`);
        }
      }
    }
  }
  return bad;
}

export function metaMismatches(truth: Truth, out: Report): string[] {
  const t = truth.report, o = out.report;
  const bad: string[] = [];
  const place = (s: string | null) => fold(s).replace(/^(kecamatan|kec\.|kabupaten|kab\.)/, '');
  if (place(o.kecamatan) !== place(t.kecamatan)) bad.push(`kecamatan: truth ${t.kecamatan} got ${o.kecamatan}`);
  if (place(o.kabupaten) !== place(t.kabupaten)) bad.push(`kabupaten: truth ${t.kabupaten} got ${o.kabupaten}`);
  if (o.period?.kind !== t.period?.kind || (o.period?.number ?? null) !== (t.period?.number ?? null)) bad.push(`period: truth ${JSON.stringify(t.period)} got ${JSON.stringify(o.period)}`);
  if (o.period?.year !== t.period?.year) bad.push(`year: truth ${t.period?.year} got ${o.period?.year}`);
  if (o.signedAt !== t.signedAt) bad.push(`signedAt: truth ${t.signedAt} got ${o.signedAt}`);
  if (fold(o.unit) !== fold(t.unit)) bad.push(`unit: truth ${t.unit} got ${o.unit}`);
  const nips = new Set(o.signatories.map((s) => s.nip));
  for (const s of t.signatories) if (!nips.has(s.nip)) bad.push(`nip ${s.nip} (${s.name}) missing`);
  for (const s of t.signatories) {
    const got = o.signatories.find((x) => x.nip === s.nip);
    if (got && fold(got.name) !== fold(s.name)) bad.push(`name of ${s.nip}: truth ${s.name} got ${got.name}`);
    if (got && s.title && fold(got.title) !== fold(s.title)) bad.push(`title of ${s.nip}: truth ${s.title} got ${got.title}`);
  }
  return bad;
}

const key = (t: string, r: string, f: string) => `${fold(t).replace(/^tabel/, '').replace(/\.$/, '')}|${normRow(r)}|${fold(f)}`;
function matches(e: Expected, k: string): boolean {
  return [e, ...(e.alt ?? [])].some((x) => {
    const ek = key(x.table, x.row, x.field).split('|');
    return k.split('|').every((part, i) => ek[i] === '*' || ek[i] === part);
  });
}

/** Expected discrepancies not reported, and reported error/warning ones nobody expected. */
export function discrepancyMismatches(truth: Truth, out: Report, opts: { uncertainFinds?: boolean } = {}): { missed: string[]; unexpected: string[]; uncertain: string[] } {
  const reported = out.discrepancies.map((d) => ({ d, k: key(d.table, d.row, d.field) }));
  // on a scan an expected error may come out `uncertain` (a number read doubtfully): found, for a human
  const sameSeverity = (r: { d: { severity: string } }, e: Expected) => r.d.severity === e.severity || (opts.uncertainFinds === true && r.d.severity === 'uncertain');
  const missed = truth.expected
    .filter((e) => e.required && !reported.some((r) => matches(e, r.k) && sameSeverity(r, e)))
    .map((e) => `${e.rule} ${e.severity} ${e.table}/${e.row}/${e.field}`);
  const unexpected = reported
    .filter((r) => r.d.severity !== 'uncertain' && !truth.expected.some((e) => matches(e, r.k)))
    .map((r) => `${r.d.rule} ${r.d.severity} ${r.d.table}/${r.d.row}/${r.d.field}: ${r.d.message}`);
  const uncertain = reported.filter((r) => r.d.severity === 'uncertain').map((r) => `${r.d.rule} ${r.d.table}/${r.d.row}/${r.d.field}`);
  return { missed, unexpected, uncertain };
}
