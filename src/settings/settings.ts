/**
 * Every environment variable lkj reads, declared once: its name, its zod schema (which turns the raw
 * string into the value, with the default and the fallback), its default and a one-line meaning.
 * docs/configuration.md lists the same variables (test/unit/settings/docs.test.ts keeps the two
 * equal), and no other file of src/ reads `process.env` (test/unit/settings/process-env.test.ts).
 *
 * The rules are today's: an unset or empty variable is its default; a number that is not one (or
 * not positive where it must be) falls back to the default; a flag is on for `1`, `true`, `yes`,
 * `on`. A variable is parsed when it is read, not when the settings are loaded, so an invalid
 * `LKJ_TRUST_PROXY` stops `lkj serve` (which needs it) and not `lkj extract` (which does not).
 */
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** An environment: `process.env`, or what a test passes instead. */
export type Env = Readonly<Record<string, string | undefined>>;

/** OCR confidence (0–100) under which a failed rule is reported as `uncertain` (`--min-confidence`). */
export const DEFAULT_MIN_CONFIDENCE = 80;

/** The largest file lkj reads (`lkj extract`, and `LKJ_MAX_UPLOAD_BYTES` by default): 200 MB. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** The levels `LKJ_LOG_LEVEL` takes (pino's), quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Setting<T> {
  /** the environment variable */
  env: string;
  /** the raw value (undefined when unset) → the setting */
  schema: z.ZodType<T>;
  /** the value when unset, where it is a literal (docs/configuration.md shows the same); absent: none, or computed */
  default?: string | number;
  meaning: string;
}

const raw = z.string().optional();
const TRUTHY = /^(1|true|yes|on)$/i;
/** unset, empty or blank: NaN, which every number schema refuses */
const numeric = raw.transform((v) => (v?.trim() ? Number(v) : Number.NaN));

/** A string; unset or empty: undefined. */
function text(env: string, meaning: string): Setting<string | undefined> {
  return { env, meaning, schema: raw.transform((v) => v || undefined) };
}

/** A string; unset or empty: `d`. */
function textOr(env: string, d: string, meaning: string): Setting<string> {
  return { env, meaning, default: d, schema: raw.transform((v) => v || d) };
}

/** A positive number; unset, empty, non-numeric or not positive: `d`. */
function positive(env: string, d: number, meaning: string): Setting<number> {
  return { env, meaning, default: d, schema: numeric.pipe(z.number().positive()).catch(d) };
}

/** A positive whole number; otherwise `d`. */
function count(env: string, d: number, meaning: string): Setting<number> {
  return { env, meaning, default: d, schema: numeric.pipe(z.number().int().positive()).catch(d) };
}

/** On when set to anything but the empty string (a switch for diagnostics). */
function whenSet(env: string, meaning: string): Setting<boolean> {
  return { env, meaning, schema: raw.transform((v) => Boolean(v)) };
}

/** The OCR worker threads when LKJ_OCR_WORKERS is not given: one per core, at most 4. */
function cores(): number {
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
}

/**
 * `LKJ_TRUST_PROXY`: unset or `0` trusts no X-Forwarded-For (the socket's address counts); a number
 * N trusts the N nearest proxies (`1`: the address the one proxy in front saw; `true`/`yes` mean 1);
 * a comma-separated list of addresses or CIDR networks trusts proxies at those addresses only. A
 * client's own X-Forwarded-For entries are never believed beyond that. Anything else throws.
 */
export function trustProxyOption(v: string | undefined): false | number | string[] {
  const s = (v ?? '').trim();
  if (!s || /^(0|false|no|off)$/i.test(s)) return false;
  if (TRUTHY.test(s)) return 1;
  if (/^\d+$/.test(s)) return Number(s);
  const list = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const a of list) {
    const [ip, bits, extra] = a.split('/');
    const family = net.isIP(ip ?? '');
    const ok =
      family !== 0 &&
      extra === undefined &&
      (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
    if (!ok) throw new Error(`LKJ_TRUST_PROXY: "${a}" is neither a number of hops nor an IP address or CIDR network`);
  }
  return list;
}

export const SETTINGS = {
  // where things are
  databaseUrl: text(
    'DATABASE_URL',
    'PostgreSQL connection string (distributed mode); unset: the embedded PGlite database',
  ),
  redisUrl: text(
    'REDIS_URL',
    'Redis for the BullMQ queue (distributed mode, needs DATABASE_URL); unset: processing in the process',
  ),
  dataDir: textOr('LKJ_DATA_DIR', './data', 'embedded database and originals; the rendered-image cache of lkj serve'),
  cacheDir: {
    env: 'LKJ_CACHE_DIR',
    meaning: 'where the offline OCR models are linked into one folder for tesseract.js',
    schema: raw.transform((v) => v || path.join(os.tmpdir(), `lkj-tessdata-${process.getuid?.() ?? 'u'}`)),
  } satisfies Setting<string>,
  webDir: {
    env: 'LKJ_WEB_DIR',
    meaning: "the web app's files; empty: none; unset (undefined): dist/web, else web/",
    schema: raw.transform((v) => (v === '' ? null : v)),
  } satisfies Setting<string | null | undefined>,
  lang: {
    env: 'LKJ_LANG',
    meaning: 'language of the CLI and of re-verified reports: id or en',
    default: 'id',
    schema: z.enum(['id', 'en']).catch('id'),
  } satisfies Setting<'id' | 'en'>,

  // lkj serve
  port: {
    env: 'PORT',
    meaning: 'where lkj serve listens (--port wins)',
    default: 3000,
    // not a number: lkj serve says the port is invalid (as it always did)
    schema: raw.transform((v) => (v ? Number(v) : 3000)),
  } satisfies Setting<number>,
  host: textOr('HOST', 'localhost', 'the address lkj serve listens on (--host wins)'),
  secureCookies: {
    env: 'LKJ_SECURE_COOKIES',
    meaning: 'cookies Secure: true (1, true, yes, on), false (anything else), auto (unset: when over TLS)',
    schema: raw.transform((v): 'auto' | boolean => (v === undefined || v === '' ? 'auto' : TRUTHY.test(v))),
  } satisfies Setting<'auto' | boolean>,
  trustProxy: {
    env: 'LKJ_TRUST_PROXY',
    meaning: 'whom to believe in X-Forwarded-For: a number of hops, or proxy addresses / CIDR networks',
    schema: raw.transform(trustProxyOption),
  } satisfies Setting<false | number | string[]>,
  sessionHours: positive('LKJ_SESSION_HOURS', 12, 'session lifetime in hours'),
  claimMinutes: positive('LKJ_CLAIM_MINUTES', 30, 'how long a claim holds a report'),
  maxUploadBytes: positive('LKJ_MAX_UPLOAD_BYTES', DEFAULT_MAX_BYTES, 'largest uploaded file'),
  maxUploadFiles: positive('LKJ_MAX_UPLOAD_FILES', 50, 'most files in one upload'),
  requestTimeoutS: positive('LKJ_REQUEST_TIMEOUT_S', 300, 'seconds before a request not received in full gets 408'),
  samples: {
    env: 'LKJ_SAMPLES',
    meaning: '0: the first start of lkj serve loads no sample reports',
    schema: raw.transform((v) => v !== '0'),
  } satisfies Setting<boolean>,
  sampleScans: {
    env: 'LKJ_SAMPLE_SCANS',
    meaning: 'scanned sample reports the first start loads (0: none)',
    default: 2,
    schema: numeric.pipe(z.number().int().nonnegative()).catch(2),
  } satisfies Setting<number>,

  // the queue and the database
  queuePrefix: textOr('LKJ_QUEUE_PREFIX', 'lkj', 'Redis key prefix (several installations on one Redis)'),
  lockMs: positive('LKJ_LOCK_MS', 60_000, "job lock: how long before a dead worker's job is taken by another"),
  reconcileMs: positive(
    'LKJ_RECONCILE_MS',
    60_000,
    'how often workers re-queue unfinished documents from the database',
  ),
  jobAttempts: count('LKJ_JOB_ATTEMPTS', 5, 'attempts per job for transient errors'),
  dbRetryMs: positive('LKJ_DB_RETRY_MS', 120_000, 'how long a query waits out an unreachable PostgreSQL'),

  // reading
  ocrWorkers: {
    env: 'LKJ_OCR_WORKERS',
    meaning: 'Tesseract worker threads; default one per core, at most 4',
    schema: numeric.pipe(z.number().int().positive()).catch(() => cores()),
  } satisfies Setting<number>,
  ocrPageLangs: {
    env: 'LKJ_OCR_PAGE_LANGS',
    meaning: 'the OCR models of the page text (first pass and its re-reads), +-separated',
    default: 'ind_fast+eng',
    schema: raw.transform((v) => {
      const langs = (v ?? '').split('+').filter(Boolean);
      return langs.length ? langs : ['ind_fast', 'eng'];
    }),
  } satisfies Setting<string[]>,
  trustAnchors: {
    env: 'LKJ_TRUST_ANCHORS',
    meaning: 'a PEM or DER file, or a folder of them, that digital signatures must chain to',
    schema: raw.transform((v) => v?.trim() || undefined),
  } satisfies Setting<string | undefined>,

  // diagnostics
  logLevel: {
    env: 'LKJ_LOG_LEVEL',
    meaning: 'the level of the JSON log lines on stderr',
    default: 'info',
    schema: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(LOG_LEVELS)).catch('info'),
  } satisfies Setting<LogLevel>,
  debugOcr: whenSet('LKJ_DEBUG_OCR', 'log every OCR re-read (debug level) whatever LKJ_LOG_LEVEL says'),
  timings: whenSet('LKJ_TIMINGS', 'lkj extract writes per-stage milliseconds and OCR counts to stderr, for benchmarks'),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { readonly [K in SettingKey]: z.output<(typeof SETTINGS)[K]['schema']> };

/**
 * The settings of `env` (the process's environment by default). Each is parsed on first read, so
 * loading is cheap: call it where a setting is needed, not once at import (tests change
 * `process.env` between calls).
 */
export function loadSettings(env: Env = process.env): Settings {
  const out = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [SettingKey, Setting<unknown>][]) {
    let parsed = false;
    let value: unknown;
    Object.defineProperty(out, key, {
      enumerable: true,
      get() {
        if (!parsed) {
          value = setting.schema.parse(env[setting.env]);
          parsed = true;
        }
        return value;
      },
    });
  }
  return Object.freeze(out) as Settings;
}

/** The environment a child process is started with: this process's, with `extra` over it. */
export function childEnv(extra: Env = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
