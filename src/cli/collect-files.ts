import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The files named on the command line: files as given, folders listed (their subfolders too with
 * `recursive`), hidden files skipped, in a stable order. Missing paths come back as `missing`.
 */
export async function collectFiles(paths: readonly string[], recursive: boolean): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string, depth: number) => {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { if (recursive) await walk(p, depth + 1); }
      else if (e.isFile()) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) await walk(p, 0);
    else files.push(p);
  }
  return { files, missing };
}
