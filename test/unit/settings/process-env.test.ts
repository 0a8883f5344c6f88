import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The environment is read in one place, src/settings/settings.ts: no other file of src/ touches
 * `process.env` (bench/, scripts/ and test/ may). A new variable goes into SETTINGS and
 * docs/configuration.md (test/unit/settings/docs.test.ts).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const ALLOWED = new Set(['src/settings/settings.ts']);

/** `process.env`, `process['env']`, `process?.env` or `const { env } = process`. */
const READS_ENV =
  /\bprocess\s*(\?\.|\.)\s*env\b|\bprocess\s*\[\s*['"`]env['"`]\s*\]|\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('process.env', () => {
  it('is read by the settings module alone', () => {
    const readers = sources(path.join(ROOT, 'src'))
      .map((p) => path.relative(ROOT, p).split(path.sep).join('/'))
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) => (READS_ENV.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(readers).toEqual([]);
  });

  it('the pattern finds the ways of reading it', () => {
    for (const read of [
      'process.env.PORT',
      'process?.env',
      "process['env'].X",
      'const { env } = process;',
      'const { argv, env: e } = process',
    ]) {
      expect(READS_ENV.test(read), read).toBe(true);
    }
    for (const other of ['processEnv', 'process.envelope', 'loadSettings(env)', 'process.argv'])
      expect(READS_ENV.test(other), other).toBe(false);
  });
});
