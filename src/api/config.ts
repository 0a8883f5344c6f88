import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../verify/index.js';
import { DEFAULT_MAX_BYTES } from '../intake/sniff.js';
import { DEFAULT_MAX_PAGES } from '../pages/read-document.js';

/** Everything the server is configured by, from the environment by default (see README, "App and API"). */
export interface ServerOptions {
  /** root of what the server writes besides the database: the image cache */
  dataDir: string;
  /** the web app's static files (index.html…); null serves none */
  webDir: string | null;
  /** cookies marked Secure: always, never, or when the request came over TLS (x-forwarded-proto) */
  secureCookies: 'auto' | boolean;
  sessionHours: number;
  claimMinutes: number;
  maxUploadBytes: number;
  maxUploadFiles: number;
  maxPages: number;
  /** failed logins per username and address allowed within the window */
  loginMaxFailures: number;
  loginWindowSec: number;
  /** language of messages of re-verified reports */
  lang: Lang;
  /** trust X-Forwarded-For for the client address (behind a reverse proxy) */
  trustProxy: boolean;
  /**
   * who processes uploads: `background` (this process, embedded mode), `queue` (BullMQ workers,
   * distributed mode), `none` (tests drive processing themselves); default from the runtime
   */
  processing?: 'background' | 'queue' | 'none';
  log: (line: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
const flag = (v: string | undefined): boolean | undefined => (v === undefined || v === '' ? undefined : /^(1|true|yes|on)$/i.test(v));

export function serverOptions(env: NodeJS.ProcessEnv = process.env, over: Partial<ServerOptions> = {}): ServerOptions {
  const secure = flag(env.LKJ_SECURE_COOKIES);
  return {
    dataDir: path.resolve(env.LKJ_DATA_DIR || 'data'),
    webDir: env.LKJ_WEB_DIR === '' ? null : path.resolve(env.LKJ_WEB_DIR || defaultWebDir()),
    secureCookies: secure ?? 'auto',
    sessionHours: num(env.LKJ_SESSION_HOURS, 12),
    claimMinutes: num(env.LKJ_CLAIM_MINUTES, 30),
    maxUploadBytes: num(env.LKJ_MAX_UPLOAD_BYTES, DEFAULT_MAX_BYTES),
    maxUploadFiles: num(env.LKJ_MAX_UPLOAD_FILES, 50),
    maxPages: DEFAULT_MAX_PAGES,
    loginMaxFailures: 5,
    loginWindowSec: 15 * 60,
    lang: env.LKJ_LANG === 'en' ? 'en' : 'id',
    trustProxy: flag(env.LKJ_TRUST_PROXY) ?? false,
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
    ...over,
  };
}

export const PACKAGE_ROOT = ROOT;

/** The built app (`dist/web`, from web/ by vite) when there is one, else the web/ folder as it is. */
function defaultWebDir(): string {
  const built = path.join(ROOT, 'dist', 'web');
  return fs.existsSync(path.join(built, 'index.html')) ? built : path.join(ROOT, 'web');
}
