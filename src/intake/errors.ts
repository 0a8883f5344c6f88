import type { FailureCode } from '../model/contract.js';

/**
 * An input the pipeline cannot read. It carries a stable code (the contract's `error.code`) and a
 * message naming the file and the reason; the job ends `failed` with both.
 */
export class InputError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'InputError';
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}

/**
 * A failure of ours, not of the input: a bug or the environment (a missing model, a full disk). The
 * contract's `error.code` is `internal` and its message says what went wrong in one line; the stack,
 * with this machine's paths, goes to the log only (`logInternal`), never into a report or an answer.
 */
export class InternalError extends Error {
  readonly code = 'internal' as const;
  constructor(message: string, readonly file?: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${message}` : message, options);
    this.name = 'InternalError';
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}

/** Absolute paths and file URLs of this machine, as an error message may quote them. */
const LOCAL_PATH = /(?:file:\/\/)?(?:\/[\w.@+-]+){2,}\/?/g;

/**
 * An unexpected error `e` met while processing `file`, as an InternalError whose message keeps the
 * error's own words (its paths shortened to the file name); the full stack goes to `log`.
 */
export function toInternalError(e: unknown, file?: string, log: (line: string) => void = logLine): InternalError {
  if (isInternalError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  log(`internal error${file ? ` (${file})` : ''}: ${err.stack ?? err.message}`);
  const short = err.message.replace(LOCAL_PATH, (p) => `…/${p.replace(/\/$/, '').split('/').pop()}`);
  return new InternalError(`could not be processed (internal error: ${err.name}: ${short})`, file, { cause: e });
}

function logLine(line: string): void {
  process.stderr.write(`${new Date().toISOString()} lkj: ${line}\n`);
}
