import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Lang } from '../verify/index.js';
import { DEFAULT_MAX_BYTES } from '../intake/sniff.js';
import { DEFAULT_MAX_PAGES } from '../pipeline/read-document.js';
import { DEFAULT_CHECK_LIMITS, type CheckLimits } from './upload-check.js';

/** Everything the server is configured by, from the environment by default (docs/configuration.md). */
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
  /** uploads are checked in child processes killed above this memory or time (upload-check.ts) */
  uploadCheck: CheckLimits;
  maxPages: number;
  /** failed logins per username and address allowed within the window */
  loginMaxFailures: number;
  /** failed logins per username from any addresses within the window */
  loginMaxFailuresPerUser: number;
  loginWindowSec: number;
  /** language of messages of re-verified reports */
  lang: Lang;
  /**
   * a client that has not sent its request headers within `headersTimeoutMs`, or the whole request
   * (its body too) within `requestTimeoutMs`, gets 408 and the connection is closed; a connection
   * idle for `idleTimeoutMs` is closed; an upload whose body stops arriving for `bodyIdleMs` while
   * the server waits for it gets 408 (set below the idle timeout, so it is answered before that)
   */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  bodyIdleMs: number;
  /**
   * whom to believe about the client address in X-Forwarded-For: nobody (false), the nearest N
   * proxies (hops), or the proxies at these addresses or networks (see `trustProxyOption`)
   */
  trustProxy: false | number | string[];
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
    uploadCheck: DEFAULT_CHECK_LIMITS,
    maxPages: DEFAULT_MAX_PAGES,
    loginMaxFailures: 5,
    loginMaxFailuresPerUser: 20,
    loginWindowSec: 15 * 60,
    lang: env.LKJ_LANG === 'en' ? 'en' : 'id',
    headersTimeoutMs: 30_000,
    // a 200 MB upload at 1 MB/s takes 200 s
    requestTimeoutMs: num(env.LKJ_REQUEST_TIMEOUT_S, 300) * 1000,
    idleTimeoutMs: 60_000,
    bodyIdleMs: 30_000,
    trustProxy: trustProxyOption(env.LKJ_TRUST_PROXY),
    log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
    ...over,
  };
}

export const PACKAGE_ROOT = ROOT;

/**
 * `LKJ_TRUST_PROXY`: unset or `0` trusts no X-Forwarded-For (the socket's address counts); a number
 * N trusts the N nearest proxies (`1`: the address the one proxy in front saw; `true`/`yes` mean 1);
 * a comma-separated list of addresses or CIDR networks trusts proxies at those addresses only. A
 * client's own X-Forwarded-For entries are never believed beyond that.
 */
export function trustProxyOption(v: string | undefined): false | number | string[] {
  const s = (v ?? '').trim();
  if (!s || /^(0|false|no|off)$/i.test(s)) return false;
  if (/^(true|yes|on)$/i.test(s)) return 1;
  if (/^\d+$/.test(s)) return Number(s);
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const a of list) {
    const [ip, bits, extra] = a.split('/');
    const family = net.isIP(ip ?? '');
    const ok = family !== 0 && extra === undefined
      && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
    if (!ok) throw new Error(`LKJ_TRUST_PROXY: "${a}" is neither a number of hops nor an IP address or CIDR network`);
  }
  return list;
}

/** The built app (`dist/web`, from web/ by vite) when there is one, else the web/ folder as it is. */
function defaultWebDir(): string {
  const built = path.join(ROOT, 'dist', 'web');
  return fs.existsSync(path.join(built, 'index.html')) ? built : path.join(ROOT, 'web');
}
