import type { FailureCode } from '../model/contract.js';
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
    super(file ? `${file}: ${en}` : en);
    this.name = 'InputError';
    this.reason = reason;
  }

  /** The message in `lang`, naming the file. */
  text(lang: MessageLang): string {
    const why = typeof this.reason === 'string' ? this.reason : inputMessage(lang, this.reason);
    return this.file ? `${this.file}: ${why}` : why;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
