import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadSettings } from '../settings/settings.js';

const require = createRequire(import.meta.url);

/** Languages lkj reads: Indonesian text, plus English for `%` (the `ind` model cannot read it). */
export const OCR_LANGS = ['ind', 'eng'] as const;

/**
 * Models vendored in the repository (`models/`), by language name: Debian's `tessdata_fast`
 * Indonesian network (see models/tessdata-fast/README.md), checked against its recorded sha256.
 */
const VENDORED: Record<string, { file: string; sha256: string }> = {
  ind_fast: {
    file: 'models/tessdata-fast/ind_fast.traineddata.gz',
    sha256: '4db3b77cbe739d873721f7ec9af4d7b9b9596e5231e12f70886b891c92f46232',
  },
};

/** The repository root (this file is src/ocr/ or dist/ocr/). */
const ROOT = path.resolve(import.meta.dirname, '../..');

const verified = new Set<string>();

function modelFile(lang: string): string {
  const v = VENDORED[lang];
  if (!v) {
    const dir = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    return path.join(dir, '4.0.0_best_int', `${lang}.traineddata.gz`);
  }
  const file = path.join(ROOT, v.file);
  if (!verified.has(file)) {
    const sum = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (sum !== v.sha256)
      throw new Error(`OCR model ${file} has sha256 ${sum}, expected ${v.sha256}: refusing to read with it`);
    verified.add(file);
  }
  return file;
}

/**
 * tesseract.js reads every language from ONE local directory (`langPath`), while the models ship
 * in one npm package each (and the vendored ones in `models/`). Link them into one directory (a
 * cache dir, made once); nothing is ever fetched from the network.
 */
export function ensureLangDir(langs: readonly string[] = OCR_LANGS): string {
  const base = loadSettings().cacheDir;
  fs.mkdirSync(base, { recursive: true });
  for (const lang of langs) {
    const target = modelFile(lang);
    const link = path.join(base, `${lang}.traineddata.gz`);
    let ok = false;
    try {
      ok = fs.realpathSync(link) === fs.realpathSync(target);
    } catch {
      /* missing or dangling */
    }
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
