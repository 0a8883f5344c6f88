import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, type Setting } from '../../../src/settings/settings.js';

/**
 * docs/configuration.md's table and src/settings/settings.ts name the same variables, with the same
 * defaults where the default is a literal: the docs cannot drift from the code.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The rows of the first markdown table after the `# Configuration` heading: variable → default cell. */
function configurationTable(md: string): Map<string, string> {
  const rows = new Map<string, string>();
  let inTable = false;
  for (const line of md.split('\n')) {
    if (/^\|\s*variable\s*\|/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    if (!line.startsWith('|')) break;
    if (/^\|\s*-+/.test(line)) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const name = /^`([A-Z][A-Z0-9_]*)`$/.exec(cells[0] ?? '')?.[1];
    if (!name) throw new Error(`docs/configuration.md: a row without a variable: ${line}`);
    rows.set(name, cells[1] ?? '');
  }
  return rows;
}

/** Whether a docs default cell shows the literal `d`: a number first, a string in backticks. */
function showsDefault(cell: string, d: string | number): boolean {
  return typeof d === 'number' ? new RegExp(`^${d}\\b`).test(cell) : cell.includes(`\`${d}\``);
}

describe('docs/configuration.md and the settings module', () => {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8');
  const table = configurationTable(md);
  const declared: Setting<unknown>[] = Object.values(SETTINGS);

  it('the table lists exactly the variables the settings module declares', () => {
    expect([...table.keys()].sort()).toEqual(declared.map((s) => s.env).sort());
  });

  it('each literal default is the one the docs show', () => {
    const wrong = declared
      .filter((s) => s.default !== undefined && !showsDefault(table.get(s.env) ?? '', s.default))
      .map((s) => `${s.env}: code ${s.default}, docs "${table.get(s.env)}"`);
    expect(wrong).toEqual([]);
  });

  it('every declaration says what it means', () => {
    for (const s of declared) expect(s.meaning.length, s.env).toBeGreaterThan(10);
  });

  it('the checker itself: a missing row, a wrong default', () => {
    const t = configurationTable(
      '# Configuration\n\n| variable | default | meaning |\n| --- | --- | --- |\n| `PORT` | 3000 | x |\n| `HOST` | `localhost` | y |\n\nafter',
    );
    expect([...t.keys()]).toEqual(['PORT', 'HOST']);
    expect(showsDefault(t.get('PORT')!, 3000)).toBe(true);
    expect(showsDefault(t.get('PORT')!, 300)).toBe(false);
    expect(showsDefault(t.get('HOST')!, 'localhost')).toBe(true);
    expect(showsDefault(t.get('HOST')!, 'local')).toBe(false);
    expect(showsDefault('209715200 (200 MB)', 209715200)).toBe(true);
  });
});
