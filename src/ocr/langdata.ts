import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Languages lkj reads: Indonesian text, plus English for `%` (the `ind` model cannot read it). */
export const OCR_LANGS = ['ind', 'eng'] as const;

function packageModel(lang: string): string {
  const dir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return path.join(dir, '4.0.0_best_int', `${lang}.traineddata.gz`);
}

/**
 * tesseract.js reads every language from ONE local directory (`langPath`), while the models ship
 * in one npm package each. Link them into one directory (a cache dir, made once); nothing is ever
 * fetched from the network.
 */
export function ensureLangDir(langs: readonly string[] = OCR_LANGS): string {
  const base = process.env.LKJ_CACHE_DIR ?? path.join(os.tmpdir(), `lkj-tessdata-${process.getuid?.() ?? 'u'}`);
  fs.mkdirSync(base, { recursive: true });
  for (const lang of langs) {
    const target = packageModel(lang);
    const link = path.join(base, `${lang}.traineddata.gz`);
    let ok = false;
    try {
      ok = fs.realpathSync(link) === fs.realpathSync(target);
    } catch { /* missing or dangling */ }
    if (ok) continue;
    fs.rmSync(link, { force: true });
    try {
      fs.symlinkSync(target, link);
    } catch {
      fs.copyFileSync(target, link); // filesystems without symlinks
    }
  }
  return base;
}
