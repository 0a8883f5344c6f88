import type { FailureCode } from '../model/contract.js';
import { printableMessage } from '../model/printable.js';
import { log, type Logger } from '../settings/log.js';
import { inputMessage, type InputMessage, type MessageLang } from './messages.js';

/**
 * An input the pipeline cannot read. It carries a stable code (the contract's `error.code`) and a
 * message naming the file and the reason; the job ends `failed` with both. `message` is English
 * (logs); `text(lang)` words it for a person.
 */
export class InputError extends Error {
  readonly reason: InputMessage | string;

  constructor(
    readonly code: FailureCode,
    reason: InputMessage | string,
    readonly file?: string,
  ) {
    const en = typeof reason === 'string' ? reason : inputMessage('en', reason);
    super(printableMessage(file ? `${file}: ${en}` : en));
    this.name = 'InputError';
    this.reason = reason;
  }

  /** The message in `lang`, naming the file. */
  text(lang: MessageLang): string {
    const why = typeof this.reason === 'string' ? this.reason : inputMessage(lang, this.reason);
    return printableMessage(this.file ? `${this.file}: ${why}` : why);
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}

/**
 * A failure of ours, not of the input: a bug or the environment (a missing model, a full disk). The
 * contract's `error.code` is `internal` and its message says what went wrong in one line; the stack,
 * with this machine's paths, goes to the log only (`toInternalError`), never into a report or an answer.
 */
export class InternalError extends Error {
  readonly code = 'internal' as const;
  readonly reason: InputMessage | string;
  constructor(
    reason: InputMessage | string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    const en = typeof reason === 'string' ? reason : inputMessage('en', reason);
    super(printableMessage(file ? `${file}: ${en}` : en), options);
    this.name = 'InternalError';
    this.reason = reason;
  }

  /** The message in `lang`, naming the file (the error's own words stay as they were). */
  text(lang: MessageLang): string {
    const why = typeof this.reason === 'string' ? this.reason : inputMessage(lang, this.reason);
    return printableMessage(this.file ? `${this.file}: ${why}` : why);
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}

/** Absolute paths and file URLs of this machine, as an error message may quote them. */
const LOCAL_PATH = /(?:file:\/\/)?(?:\/[\w.@+-]+){2,}\/?/g;

/**
 * An unexpected error `e` met while processing `file`, as an InternalError whose message keeps the
 * error's own words (its paths shortened to the file name); the full stack goes to the log.
 */
export function toInternalError(e: unknown, file?: string, logger: Logger = log()): InternalError {
  if (isInternalError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  logger.error({ err, ...(file ? { file } : {}) }, `internal error${file ? ` (${file})` : ''}: ${err.message}`);
  const short = err.message.replace(LOCAL_PATH, (p) => `…/${p.replace(/\/$/, '').split('/').pop()}`);
  return new InternalError({ key: 'internalError', vars: { detail: `${err.name}: ${short}` } }, file, { cause: e });
}
