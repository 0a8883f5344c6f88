/**
 * The app's source and build keep the rules the CSP and the untrusted-text policy rest on: no
 * HTML-parsing sinks or eval in the code, no inline script, style or handler in the built page.
 * The browser test proves the behaviour on hostile text; this catches a sink before any data
 * reaches it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WEB_DIST } from './harness.js';

const SRC = path.join(ROOT, 'web/src');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('review app source and build', () => {
  it('uses no HTML-parsing sink, eval or string timer anywhere in web/src', async () => {
    const files = await sources(SRC);
    expect(files.length).toBeGreaterThan(5);
    const sinks =
      /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(|setTimeout\(\s*['"`]|createContextualFragment|DOMParser/;
    const hits: string[] = [];
    for (const f of files) {
      (await fs.readFile(f, 'utf8')).split('\n').forEach((line, i) => {
        if (sinks.test(line)) hits.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('builds a page with no inline script, style or event handler (the CSP allows none)', async () => {
    const html = await fs.readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    // nothing from another origin: the app works offline
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
