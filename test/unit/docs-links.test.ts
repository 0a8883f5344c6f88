import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The documentation's relative links lead somewhere: a moved section or a renamed file breaks a
 * test, not a reader's click. Links in README.md, CONTRIBUTING.md and docs/*.md; a link to a
 * markdown heading (`file.md#anchor`) must name a heading of that file, as GitHub spells anchors.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

const README_MAX_BYTES = 15_000;

interface Link {
  line: number;
  target: string;
}

/** Relative link targets of a markdown text, outside fenced code blocks and code spans. */
function relativeLinks(md: string): Link[] {
  const out: Link[] = [];
  let fenced = false;
  for (const [i, raw] of md.split('\n').entries()) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // http:, mailto:…
      out.push({ line: i + 1, target });
    }
  }
  return out;
}

/** GitHub's anchors of a markdown file's headings (lowercase, punctuation dropped, spaces → `-`, repeats numbered). */
function headingAnchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of md.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    const h = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const slug = h[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** Every broken relative link of one file (path relative to the repository root), as `file:line → target (why)`. */
function brokenLinks(file: string): string[] {
  const md = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const broken: string[] = [];
  for (const { line, target } of relativeLinks(md)) {
    const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved =
      rawPath === ''
        ? file
        : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
    const at = `${file}:${line} → ${target}`;
    if (resolved.startsWith('..')) {
      broken.push(`${at} (outside the repository)`);
      continue;
    }
    if (!fs.existsSync(path.join(ROOT, resolved))) {
      broken.push(`${at} (no such file)`);
      continue;
    }
    if (
      anchor &&
      resolved.endsWith('.md') &&
      !headingAnchors(fs.readFileSync(path.join(ROOT, resolved), 'utf8')).has(anchor)
    ) {
      broken.push(`${at} (no heading #${anchor})`);
    }
  }
  return broken;
}

const DOC_FILES = [
  'README.md',
  'CONTRIBUTING.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

describe('documentation links', () => {
  it('finds relative links and skips URLs and code', () => {
    const md = [
      'See [a](docs/a.md), ![b](screenshots/b.png "title") and [c](#here).',
      'Not [web](https://example.com), [mail](mailto:x@y.z), nor `[code](x.md)`.',
      '```',
      '[fenced](y.md)',
      '```',
    ].join('\n');
    expect(relativeLinks(md).map((l) => l.target)).toEqual(['docs/a.md', 'screenshots/b.png', '#here']);
  });

  it('spells heading anchors as GitHub does', () => {
    const anchors = headingAnchors(
      '# Output contract (`schemaVersion: 2`)\n## Trust anchors: `LKJ_TRUST_ANCHORS`\n## Notes\n## Notes\n',
    );
    expect([...anchors]).toEqual([
      'output-contract-schemaversion-2',
      'trust-anchors-lkj_trust_anchors',
      'notes',
      'notes-1',
    ]);
  });

  it('reports a link to a missing file or heading', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'docs', '.links-test-'));
    try {
      const rel = path.relative(ROOT, dir);
      fs.writeFileSync(path.join(dir, 'x.md'), '# Here\n[ok](x.md#here) [gone](missing.md) [bad](x.md#there)\n');
      expect(brokenLinks(`${rel}/x.md`)).toEqual([
        `${rel}/x.md:2 → missing.md (no such file)`,
        `${rel}/x.md:2 → x.md#there (no heading #there)`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(DOC_FILES)('%s: every relative link leads to a file (and heading) that exists', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('README.md stays short (the rest lives in docs/)', () => {
    expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(README_MAX_BYTES);
  });
});
