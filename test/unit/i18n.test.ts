/**
 * Every message lkj shows a person exists in Bahasa Indonesia and English with the same
 * placeholders, and the Indonesian follows docs/glossary.md (no "galat", "ragu", "bertanda",
 * "review"; no contract keys or English words). Catalogues: the web app, the API's errors, the
 * CLI, why a file could not be read, the findings, password rules.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../../web/src/i18n.js';
import { API_MESSAGES, apiText, requestLang } from '../../src/api/messages.js';
import { CLI_MESSAGES } from '../../src/cli/messages.js';
import { SUMMARY_WORDS } from '../../src/cli/summary.js';
import { INPUT_MESSAGES } from '../../src/intake/messages.js';
import { MESSAGES as FINDING_MESSAGES } from '../../src/verify/messages.js';
import { PASSWORD_MESSAGES } from '../../src/accounts/passwords.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Pair = { key: string; id: string; en: string };

/** nested word lists (the terminal summary's) flattened to pairs */
function flatten(id: unknown, en: unknown, key: string, out: Pair[] = []): Pair[] {
  if (typeof id === 'string') out.push({ key, id, en: en as string });
  else
    for (const k of Object.keys(id as object))
      flatten((id as Record<string, unknown>)[k], (en as Record<string, unknown>)?.[k], `${key}.${k}`, out);
  return out;
}

const catalogues: Record<string, Pair[]> = {
  'web/src/i18n.ts': Object.keys(dictionaries.id).map((k) => ({
    key: k,
    id: dictionaries.id[k as never],
    en: dictionaries.en[k as never],
  })),
  'src/api/messages.ts': API_MESSAGES.map((m) => ({ key: m.en, id: m.id, en: m.en })),
  'src/cli/messages.ts': Object.entries(CLI_MESSAGES).map(([k, m]) => ({ key: k, ...m })),
  'src/cli/summary.ts': flatten(SUMMARY_WORDS.id, SUMMARY_WORDS.en, 'summary'),
  'src/intake/messages.ts': Object.entries(INPUT_MESSAGES).map(([k, m]) => ({ key: k, ...m })),
  'src/verify/messages.ts': Object.entries(FINDING_MESSAGES).map(([k, m]) => ({ key: k, ...m })),
  'src/accounts/passwords.ts': Object.entries(PASSWORD_MESSAGES).map(([k, m]) => ({ key: k, ...m })),
};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** the glossary's last column: words no Indonesian text may use */
async function avoided(): Promise<string[]> {
  const md = await fs.readFile(path.join(ROOT, 'docs/glossary.md'), 'utf8');
  const words: string[] = [];
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || cells[1] === 'concept' || /^-+$/.test(cells[1]!)) continue;
    words.push(
      ...cells[4]!
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    );
  }
  return words;
}

/** English words that give away an untranslated Indonesian text */
const ENGLISH =
  /\b(the|of|and|with|not|found|error|report|review|reviewed|uncertain|flagged|clean|failed|version|user|password)\b/i;
// commands, flags, headers and paths are names, not words: `lkj user add`, `--failed`, x-csrf-token
const NAMES = /`[^`]*`|--[\w-]+|\b[\w-]+\/[\w/.-]*|\bx-[\w-]+|\bPOST \/\S+|\bGET \/\S+|<[^>]*>/g;

describe('every message exists in both languages', () => {
  for (const [file, pairs] of Object.entries(catalogues)) {
    it(`${file}: ${pairs.length} messages, both languages, the same placeholders`, () => {
      expect(pairs.length).toBeGreaterThan(1);
      for (const p of pairs) {
        expect(typeof p.id === 'string' && p.id.trim().length > 0, `${file} ${p.key}: Indonesian missing`).toBe(true);
        expect(typeof p.en === 'string' && p.en.trim().length > 0, `${file} ${p.key}: English missing`).toBe(true);
        expect(placeholders(p.id), `${file} ${p.key}: placeholders`).toEqual(placeholders(p.en));
      }
    });
  }
  it('the web app has the same keys in both dictionaries', () => {
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.id).sort());
  });
});

describe('the Indonesian follows the glossary', () => {
  it('uses none of the words the glossary rules out', async () => {
    const words = await avoided();
    expect(words).toEqual(
      expect.arrayContaining(['galat', 'ragu', 'bertanda', 'review', 'direview', 'Cost per Outcome', 'capaianKinerja']),
    );
    const hits: string[] = [];
    for (const [file, pairs] of Object.entries(catalogues)) {
      for (const p of pairs) {
        const text = p.id.replace(NAMES, ' ');
        for (const w of words)
          if (new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'iu').test(text))
            hits.push(`${file} ${p.key}: "${w}" in "${p.id}"`);
      }
    }
    expect(hits).toEqual([]);
  });
  it('has no contract keys (camelCase) and no English words', () => {
    const hits: string[] = [];
    for (const [file, pairs] of Object.entries(catalogues)) {
      for (const p of pairs) {
        const text = p.id.replace(NAMES, ' ').replace(/\{\w+\}/g, ' ');
        if (/\b[a-z]+[A-Z]\w*/.test(text) || ENGLISH.test(text)) hits.push(`${file} ${p.key}: "${p.id}"`);
      }
    }
    expect(hits).toEqual([]);
  });
});

describe("API errors in the caller's language", () => {
  /** the English messages the API's code throws, `${…}` values as samples */
  async function apiMessages(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (p.endsWith('.ts')) {
          const src = await fs.readFile(p, 'utf8');
          const re = /(?:new ApiError\(\s*\d+,\s*'[^']+',\s*|notFound\()(['`])((?:(?!\1)[^\\]|\\.)*)\1/g;
          for (const m of src.matchAll(re)) {
            let n = 0;
            const sample = m[2]!.replace(/\$\{[^}]*\}/g, () => `X${++n}`);
            out.push(m[0].startsWith('notFound') ? `${sample} not found` : sample);
          }
        }
      }
    };
    await walk(path.join(ROOT, 'src/api'));
    return out;
  }

  it('every message the API throws has its Indonesian entry', async () => {
    // the two generic builders (notFound's own template, route.ts's request check) are tested below
    const msgs = (await apiMessages()).filter((m) => m !== 'X1 not found' && !m.includes('${'));
    expect(msgs.length).toBeGreaterThan(30);
    const untranslated = msgs.filter((m) => apiText('id', m) === m);
    expect(untranslated).toEqual([]);
  });

  it('words a message with its values, and picks the language from ?lang= or Accept-Language', () => {
    expect(apiText('id', 'document 99999 not found')).toBe('dokumen 99999 tidak ditemukan');
    expect(apiText('en', 'document 99999 not found')).toBe('document 99999 not found');
    expect(apiText('id', 'a message nobody translated')).toBe('a message nobody translated');
    // a request check: where in Indonesian, zod's own message already is
    expect(apiText('id', 'body "role": Input tidak valid')).toBe('isi permintaan "role": Input tidak valid');
    const req = (query: object, lang?: string) => ({ query, headers: lang ? { 'accept-language': lang } : {} });
    expect(requestLang(req({}))).toBe('id');
    expect(requestLang(req({}, 'en-US,en;q=0.9'))).toBe('en');
    expect(requestLang(req({}, 'id-ID,id;q=0.9,en;q=0.8'))).toBe('id');
    expect(requestLang(req({ lang: 'en' }, 'id'))).toBe('en');
  });
});
