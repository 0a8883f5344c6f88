/**
 * The layer check (scripts/check-layers.ts): it finds the imports TypeScript would, and it fails on
 * an import against the layer order and on a cycle between folders, given tiny synthetic graphs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkLayers,
  folderCycles,
  folderEdges,
  importSpecifiers,
  readImports,
  type Import,
} from '../../scripts/check-layers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const imp = (file: string, specifier: string, line = 1): Import => ({ file, specifier, line });

describe('importSpecifiers', () => {
  it('finds static, type-only, side-effect, re-export and dynamic imports with their lines', () => {
    const source = [
      "import type { A } from '../model/word.js';",
      'import { b,',
      "  c } from './b.js';",
      "import './side-effect.js';",
      "export * from '../parse/text.js';",
      'export { d } from "./d.js";',
      "const m = await import('../ocr/pool.js');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      { specifier: '../model/word.js', line: 1 },
      { specifier: './b.js', line: 3 },
      { specifier: './side-effect.js', line: 4 },
      { specifier: '../parse/text.js', line: 5 },
      { specifier: './d.js', line: 6 },
      { specifier: '../ocr/pool.js', line: 7 },
    ]);
  });

  it('is not fooled by strings, comments, templates or regular expressions that look like imports', () => {
    const source = [
      "// import { x } from '../cli/main.js';",
      "/* export * from '../api/server.js'; */",
      'const s = "import { y } from \'../queue/bullmq.js\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text holding a template, on purpose
      "const t = `a ${ { k: 1 }.k } import '../jobs/stages.js' ${`inner ${'x'}`} from '../store/db.js'`;",
      "const r = /from '..\\/review\\/correct.js'/g;",
      'const half = 4 / 2; const q = 1 / half;',
      "import { real } from '../model/contract.js';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([{ specifier: '../model/contract.js', line: 7 }]);
  });
});

describe('checkLayers', () => {
  const layers = ['model', 'pages', 'ocr'];

  it('accepts imports that go down the order, within a folder, or to packages', () => {
    const edges = folderEdges([
      imp('src/ocr/read.ts', '../pages/lines.js'),
      imp('src/ocr/read.ts', '../model/word.js'),
      imp('src/pages/lines.ts', './other.js'),
      imp('src/pages/lines.ts', 'pdfjs-dist'),
    ]);
    expect(edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['ocr>model', 'ocr>pages']);
    expect(checkLayers(edges, layers)).toEqual([]);
  });

  it('fails on an import against the order, naming the file and line', () => {
    const violations = checkLayers(folderEdges([imp('src/model/word.ts', '../ocr/read.js', 7)]), layers);
    expect(violations.map((v) => v.kind)).toEqual(['wrong-direction']);
    expect(violations[0]!.message).toContain("src/model/word.ts:7 imports '../ocr/read.js'");
  });

  it('fails on a cycle between folders, even one the order would not catch', () => {
    const graph = [
      imp('src/pages/read-document.ts', '../ocr/read-page.js'),
      imp('src/ocr/read-page.ts', '../tables/grid.js'),
      imp('src/tables/grid.ts', '../pages/lines.js'),
      imp('src/model/word.ts', './lines.js'),
    ];
    expect(folderCycles(folderEdges(graph))).toEqual([['ocr', 'pages', 'tables']]);
    const kinds = checkLayers(folderEdges(graph), ['model', 'pages', 'tables', 'ocr']).map((v) => v.kind);
    expect(kinds).toContain('cycle');
    expect(kinds).toContain('wrong-direction'); // pages → ocr
  });

  it('fails on a folder that has no place in the order', () => {
    const violations = checkLayers(folderEdges([imp('src/ocr/read.ts', '../extras/x.js')]), layers);
    expect(violations.map((v) => v.kind)).toEqual(['unknown-folder']);
    expect(violations[0]!.message).toContain('src/extras/');
  });
});

describe('src/', () => {
  it('obeys the layer order (what `npm run lint` checks)', () => {
    const imports = readImports(ROOT);
    expect(imports.length).toBeGreaterThan(500);
    expect(checkLayers(folderEdges(imports)).map((v) => v.message)).toEqual([]);
  });
});
