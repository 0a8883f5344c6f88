import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, type Env } from '../settings/settings.js';
import { rootLogger, type Logger } from '../settings/log.js';
import type { Lang } from '../verify/index.js';
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
  /** the log (requests, processing, internal errors); default: the process's (stderr, LKJ_LOG_LEVEL) */
  logger: Logger;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The server's options from the environment's settings (src/settings/settings.ts), `over` winning. */
export function serverOptions(env?: Env, over: Partial<ServerOptions> = {}): ServerOptions {
  const s = loadSettings(env);
  return {
    dataDir: path.resolve(s.dataDir),
    webDir: s.webDir === null ? null : path.resolve(s.webDir ?? defaultWebDir()),
    secureCookies: s.secureCookies,
    sessionHours: s.sessionHours,
    claimMinutes: s.claimMinutes,
    maxUploadBytes: s.maxUploadBytes,
    maxUploadFiles: s.maxUploadFiles,
    uploadCheck: DEFAULT_CHECK_LIMITS,
    maxPages: DEFAULT_MAX_PAGES,
    loginMaxFailures: 5,
    loginMaxFailuresPerUser: 20,
    loginWindowSec: 15 * 60,
    lang: s.lang,
    headersTimeoutMs: 30_000,
    // a 200 MB upload at 1 MB/s takes 200 s
    requestTimeoutMs: s.requestTimeoutS * 1000,
    idleTimeoutMs: 60_000,
    bodyIdleMs: 30_000,
    // only what is overridden is not read: an invalid LKJ_TRUST_PROXY throws here otherwise
    trustProxy: over.trustProxy ?? s.trustProxy,
    logger: over.logger ?? rootLogger(),
    ...over,
  };
}

export const PACKAGE_ROOT = ROOT;

/** How `LKJ_TRUST_PROXY` is read (and refused): in the settings, with every variable. */
export { trustProxyOption } from '../settings/settings.js';

/** The built app (`dist/web`, from web/ by vite) when there is one, else the web/ folder as it is. */
function defaultWebDir(): string {
  const built = path.join(ROOT, 'dist', 'web');
  return fs.existsSync(path.join(built, 'index.html')) ? built : path.join(ROOT, 'web');
}
