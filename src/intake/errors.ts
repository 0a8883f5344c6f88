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
