import fs from 'node:fs';
import path from 'node:path';
import type { ScoredExpected, ScoredTruth } from '../../fixtures/lib/score.js';

/** The corpus manifest and truth files written by `npm run fixtures` (same shape as the eval corpus). */
export const CORPUS = path.resolve('fixtures/corpus');

export interface ManifestEntry {
  id: string;
  doc: string;
  variant: string;
  path: string;
  cls: 'clean' | 'error';
  truth: string;
  pages: number;
  files?: string[];
}
export type Expected = ScoredExpected;
export type Truth = Omit<ScoredTruth, 'tables'> & { id: string; tables: Record<string, Record<string, unknown>[]> };

export function manifest(): ManifestEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as { inputs: ManifestEntry[] })
    .inputs;
}

export function truthOf(e: ManifestEntry): Truth {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, e.truth), 'utf8')) as Truth;
}

/** Scoring lives in fixtures/lib/score.ts (shared with `npm run bench:accuracy`). */
export { cellMismatches, discrepancyMismatches, metaMismatches, scoreOutput } from '../../fixtures/lib/score.js';
