/**
 * The layer check of src/ (docs/architecture.md): every folder of src/ has a place in LAYERS and may
 * import only from folders before it, which also rules out any import cycle between folders.
 * `npm run lint` runs it; it exits 1 and names each offending import.
 *
 * Imports are found with TypeScript's own scanner (TypeScript 7 ships no JS parser API, the scanner
 * is enough: an import specifier is the string after `from`, after `import`, or in `import(`), so
 * strings, comments and template literals never look like imports. Type-only imports count: a type
 * shared across folders is a dependency like any other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SyntaxKind } from 'typescript/unstable/ast';
import { createScanner } from 'typescript/unstable/ast/scanner';

/** Lowest first: a folder may import from the folders before it, never from one after it. */
export const LAYERS = [
  'settings',
  'types',
  'model',
  'intake',
  'accounts',
  'signatures',
  'pages',
  'raster',
  'parse',
  'tables',
  'ocr',
  'verify',
  'pipeline',
  'store',
  'review',
  'jobs',
  'queue',
  'api',
  'cli',
] as const;

export interface Import {
  /** the importing file, relative to the repository root, with / separators */
  file: string;
  line: number;
  specifier: string;
}

export interface FolderEdge {
  from: string;
  to: string;
  /** the imports that make this edge, for the message */
  via: Import[];
}

export interface Violation {
  kind: 'unknown-folder' | 'wrong-direction' | 'cycle';
  message: string;
}

// after these a `/` divides; anywhere else it starts a regular expression
const ENDS_OPERAND = new Set<SyntaxKind>([
  SyntaxKind.Identifier,
  SyntaxKind.NumericLiteral,
  SyntaxKind.BigIntLiteral,
  SyntaxKind.StringLiteral,
  SyntaxKind.CloseParenToken,
  SyntaxKind.CloseBracketToken,
  SyntaxKind.CloseBraceToken,
  SyntaxKind.NoSubstitutionTemplateLiteral,
  SyntaxKind.TemplateTail,
  SyntaxKind.RegularExpressionLiteral,
  SyntaxKind.ThisKeyword,
  SyntaxKind.SuperKeyword,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
]);

/** The module specifiers one source file imports or re-exports, with their 1-based lines. */
export function importSpecifiers(source: string): { specifier: string; line: number }[] {
  const scanner = createScanner(true, 0, source);
  const found: { specifier: string; line: number }[] = [];
  // `{` of a block or object (false) or `${` of a template (true): a `}` closing a template
  // substitution must be rescanned as the template's continuation
  const braces: boolean[] = [];
  let previous: SyntaxKind = SyntaxKind.Unknown;
  let beforePrevious: SyntaxKind = SyntaxKind.Unknown;
  const lineAt = (pos: number): number => source.slice(0, pos).split('\n').length;
  for (let token = scanner.scan(); token !== SyntaxKind.EndOfFile; token = scanner.scan()) {
    if (token === SyntaxKind.CloseBraceToken && braces.pop() === true) {
      token = scanner.reScanTemplateToken(false);
      if (token === SyntaxKind.TemplateMiddle) braces.push(true);
    } else if (token === SyntaxKind.OpenBraceToken) braces.push(false);
    else if (token === SyntaxKind.TemplateHead) braces.push(true);
    else if (
      (token === SyntaxKind.SlashToken || token === SyntaxKind.SlashEqualsToken) &&
      !ENDS_OPERAND.has(previous)
    ) {
      token = scanner.reScanSlashToken();
    }
    if (token === SyntaxKind.StringLiteral) {
      const isImport =
        previous === SyntaxKind.FromKeyword ||
        previous === SyntaxKind.ImportKeyword ||
        (previous === SyntaxKind.OpenParenToken && beforePrevious === SyntaxKind.ImportKeyword);
      if (isImport) found.push({ specifier: scanner.getTokenValue(), line: lineAt(scanner.getTokenStart()) });
    }
    beforePrevious = previous;
    previous = token;
  }
  return found;
}

/** The folder of src/ a repository-relative path lies in, or undefined outside src/. */
export function srcFolder(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

/** Folder-level edges of src/ from the imports of its files (relative specifiers only). */
export function folderEdges(imports: readonly Import[]): FolderEdge[] {
  const edges = new Map<string, FolderEdge>();
  for (const imp of imports) {
    if (!imp.specifier.startsWith('.')) continue;
    const from = srcFolder(imp.file);
    const to = srcFolder(posix.normalize(posix.join(posix.dirname(imp.file), imp.specifier)));
    if (from === undefined || to === undefined || from === to) continue;
    const key = `${from}\0${to}`;
    const edge = edges.get(key) ?? { from, to, via: [] };
    edge.via.push(imp);
    edges.set(key, edge);
  }
  return [...edges.values()];
}

/** Strongly connected components with more than one folder (Tarjan). */
export function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

const where = (via: readonly Import[]): string =>
  via.map((imp) => `    ${imp.file}:${imp.line} imports '${imp.specifier}'`).join('\n');

/** Every breach of the layer order (and every cycle) among the given folder edges. */
export function checkLayers(edges: readonly FolderEdge[], layers: readonly string[] = LAYERS): Violation[] {
  const rank = new Map(layers.map((layer, i) => [layer, i]));
  const violations: Violation[] = [];
  const unknown = new Set<string>();
  for (const edge of edges) {
    for (const folder of [edge.from, edge.to]) {
      if (!rank.has(folder) && !unknown.has(folder)) {
        unknown.add(folder);
        violations.push({
          kind: 'unknown-folder',
          message: `src/${folder}/ has no place in LAYERS (scripts/check-layers.ts)`,
        });
      }
    }
    const from = rank.get(edge.from);
    const to = rank.get(edge.to);
    if (from !== undefined && to !== undefined && to > from) {
      violations.push({
        kind: 'wrong-direction',
        message: `src/${edge.from}/ may not import from src/${edge.to}/ (a later layer):\n${where(edge.via)}`,
      });
    }
  }
  for (const cycle of folderCycles(edges)) {
    const inCycle = new Set(cycle);
    const via = edges.filter((e) => inCycle.has(e.from) && inCycle.has(e.to)).flatMap((e) => e.via.slice(0, 1));
    violations.push({ kind: 'cycle', message: `import cycle between folders ${cycle.join(', ')}:\n${where(via)}` });
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

/** All imports of the files under root/src. */
export function readImports(root: string): Import[] {
  return sourceFiles(join(root, 'src')).flatMap((path) => {
    const file = relative(root, path).split(sep).join('/');
    return importSpecifiers(readFileSync(path, 'utf8')).map((found) => ({ file, ...found }));
  });
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const imports = readImports(root);
  const edges = folderEdges(imports);
  const violations = checkLayers(edges);
  for (const violation of violations) console.error(`✗ ${violation.message}`);
  if (violations.length > 0) {
    console.error(`${violations.length} layer violation(s); the order is in docs/architecture.md`);
    process.exitCode = 1;
    return;
  }
  const files = new Set(imports.map((imp) => imp.file)).size;
  console.log(`layers ok: ${files} files, ${imports.length} imports, ${edges.length} folder edges, no cycle`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
