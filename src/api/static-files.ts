/**
 * The web app's files, served from a folder. The folder is listed by the server and requests are
 * looked up in that list: a URL is never joined into a path, so `..` and friends lead nowhere.
 * Paths without an extension fall back to index.html (the app routes in the browser).
 */
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const MAX_FILES = 5000;
/** listing again at most this often, so files the app's build writes show up without a restart */
const RESCAN_MS = 2000;

export interface StaticFile {
  file: string;
  type: string;
}

export class StaticFiles {
  private files = new Map<string, StaticFile>();
  private scanned = 0;
  constructor(private readonly root: string | null) {}

  async lookup(urlPath: string): Promise<StaticFile | null> {
    if (!this.root) return null;
    if (Date.now() - this.scanned > RESCAN_MS) await this.scan();
    const clean = urlPath.split('?')[0]!;
    let key: string;
    try {
      key = decodeURIComponent(clean);
    } catch {
      return null;
    }
    const hit = this.files.get(key) ?? this.files.get(key.endsWith('/') ? `${key}index.html` : `${key}/index.html`);
    if (hit) return hit;
    return path.posix.extname(key) ? null : (this.files.get('/index.html') ?? null);
  }

  private async scan(): Promise<void> {
    const out = new Map<string, StaticFile>();
    const walk = async (dir: string, url: string, depth: number) => {
      if (depth > 8) return;
      let entries: Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.') || out.size >= MAX_FILES) continue;
        const file = path.join(dir, e.name);
        if (e.isDirectory()) await walk(file, `${url}${e.name}/`, depth + 1);
        else if (e.isFile()) {
          const type = TYPES[path.extname(e.name).toLowerCase()];
          if (type) out.set(`${url}${e.name}`, { file, type });
        }
      }
    };
    await walk(this.root!, '/', 0);
    this.files = out;
    this.scanned = Date.now();
  }
}
