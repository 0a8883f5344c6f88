/**
 * The log: pino (Fastify's own logger), JSON lines on stderr at `LKJ_LOG_LEVEL` (default info).
 * What lkj says to a person (a CLI's output, its `lkj: …` messages) is not logged: it is written as
 * it always was. Logs are for whoever runs the machine: the server's requests, the workers' jobs,
 * internal errors with their stacks, the OCR re-reads at debug level.
 *
 * Work on one document runs under a child logger carrying `doc` (its id, or the file for
 * `lkj extract`) and `stage` (`prepare`, `page`, `assemble`, `process`); `withLogger` makes it the
 * current logger for everything the work calls, so the pipeline and OCR code log with those
 * bindings through `log()` without being handed a logger. A page adds `page`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { loadSettings, type Env, type LogLevel } from './settings.js';

export type { Logger };

/** What a log line about a document carries. */
export interface LogBindings {
  /** the document's id in the store, or the file `lkj extract` reads */
  doc?: number | string;
  page?: number;
  /** the job or the part of the pipeline */
  stage?: string;
  [key: string]: unknown;
}

export interface LoggerOptions {
  /** default: LKJ_LOG_LEVEL of `env` */
  level?: LogLevel;
  /** default: stderr */
  destination?: DestinationStream;
  env?: Env;
}

/** Longest SQL text an error carries into the log. */
const MAX_QUERY_CHARS = 300;

/**
 * An error as logged: pino's serializer (type, message, stack, own fields) without what a failed
 * query carries of the data: its `params` are whole reports and analyses (names, NIPs) that have
 * no place in a log line, and its SQL is cut short.
 */
export function serializeError(e: unknown): Record<string, unknown> {
  const out = { ...(pino.stdSerializers.err(e as Error) as unknown as Record<string, unknown>) };
  delete out.params;
  if (typeof out.query === 'string' && out.query.length > MAX_QUERY_CHARS)
    out.query = `${out.query.slice(0, MAX_QUERY_CHARS)}…`;
  return out;
}

/** A logger writing one JSON object per line: `level` as a word, `time` in ISO 8601, `msg`. */
export function createLogger(o: LoggerOptions = {}): Logger {
  return pino(
    {
      level: o.level ?? loadSettings(o.env).logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
    },
    o.destination ?? process.stderr,
  );
}

let root: Logger | null = null;

/** The process's logger (stderr, LKJ_LOG_LEVEL when it is first used). */
export function rootLogger(): Logger {
  root ??= createLogger();
  return root;
}

const current = new AsyncLocalStorage<Logger>();

/** Run `fn` with `logger` (a child carrying `doc`, `stage`…) as the current logger of whatever it calls. */
export function withLogger<T>(logger: Logger, fn: () => T): T {
  return current.run(logger, fn);
}

/** The logger of the work under way (see `withLogger`), else the process's. */
export function log(): Logger {
  return current.getStore() ?? rootLogger();
}

/**
 * The logger of an OCR re-read's message, at debug level, or null when nobody would see it.
 * `LKJ_DEBUG_OCR` (any value) shows these messages whatever `LKJ_LOG_LEVEL` says.
 */
export function ocrDebugLog(bindings: LogBindings): Logger | null {
  const parent = log();
  if (parent.isLevelEnabled('debug')) return parent.child(bindings);
  return loadSettings().debugOcr ? parent.child(bindings, { level: 'debug' }) : null;
}

/** Milliseconds since `t0` (performance.now()), rounded, for a log line's `ms`. */
export function since(t0: number): number {
  return Math.round(performance.now() - t0);
}
