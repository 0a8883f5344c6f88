/**
 * The web app's API types come from the server's zod schemas (web/src/types.ts): imported as types
 * only, so nothing of zod or the server is bundled, and through modules that reach no Node code, so
 * the app's typecheck (web/tsconfig.json: DOM, no Node types) sees what the browser has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers } from '../../scripts/check-layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB = path.join(ROOT, 'web/src');
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** `../x.js` from `file` → the .ts file it names */
const resolveTs = (file: string, spec: string) => `${path.resolve(path.dirname(file), spec).replace(/\.js$/, '')}.ts`;

describe('the web app reaches src/ for types only', () => {
  const web = tsFiles(WEB);
  const intoSrc = web.flatMap((file) =>
    importSpecifiers(fs.readFileSync(file, 'utf8'))
      .filter((i) => rel(resolveTs(file, i.specifier)).startsWith('src/') && i.specifier.startsWith('.'))
      .map((i) => ({ file, ...i })),
  );

  it('web/src/types.ts takes its types from the schemas', () => {
    expect(intoSrc.map((i) => `${rel(i.file)} → ${i.specifier}`).sort()).toEqual([
      'web/src/types.ts → ../../src/api/schemas.js',
      'web/src/types.ts → ../../src/model/contract.js',
    ]);
  });

  it('with `import type`, so the bundle holds none of it', () => {
    for (const { file, line } of intoSrc) {
      const text = fs.readFileSync(file, 'utf8').split('\n')[line - 1]!;
      expect(text, `${rel(file)}:${line}`).toMatch(/^import type /);
    }
    // and zod itself only as a type
    for (const file of web) {
      for (const { specifier, line } of importSpecifiers(fs.readFileSync(file, 'utf8'))) {
        if (specifier === 'zod')
          expect(fs.readFileSync(file, 'utf8').split('\n')[line - 1], rel(file)).toMatch(/^import type /);
      }
    }
  });

  it('and the modules it reaches import only zod and each other: no Node, no server code', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { specifier } of importSpecifiers(fs.readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) visit(resolveTs(file, specifier));
        else expect(specifier, `${rel(file)} imports ${specifier}`).toBe('zod');
      }
    };
    for (const i of intoSrc) visit(resolveTs(i.file, i.specifier));
    expect([...seen].map(rel).sort()).toEqual([
      'src/accounts/roles.ts',
      'src/api/schemas.ts',
      'src/model/contract.ts',
      'src/model/extracted.ts',
      'src/model/printable.ts',
      'src/model/word.ts',
    ]);
  });
});
