/**
 * The upload checker: a process of its own (see `UploadChecker`) that reads spooled files and
 * runs `checkUpload` on each, one at a time, answering each request with its verdict. A file that
 * exhausts this process's memory or time gets it killed, never the server.
 */
import fs from 'node:fs/promises';
import { isInputError } from '../intake/errors.js';
import type { InputMessage } from '../intake/messages.js';
import { checkUpload, type UploadLimits } from './upload-check.js';

export interface CheckRequest {
  id: number;
  path: string;
  name: string;
  limits: UploadLimits;
}
export type CheckVerdict =
  | { ok: true; kind: string; pages: number }
  // an input error's reason as a message key and values, so the server words it in the caller's language
  | { ok: false; code: string; reason: string | InputMessage; internal?: boolean };

async function verdictOf(m: CheckRequest): Promise<CheckVerdict> {
  try {
    return { ok: true, ...(await checkUpload(await fs.readFile(m.path), m.name, m.limits)) };
  } catch (e) {
    const err = e as Error & { file?: string };
    const prefix = `${err.file ?? m.name}: `;
    const reason = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    return isInputError(e)
      ? { ok: false, code: e.code, reason: typeof e.reason === 'string' ? reason : e.reason }
      : { ok: false, code: 'internal', reason, internal: true };
  }
}

let chain = Promise.resolve();
process.on('message', (m: CheckRequest) => {
  chain = chain.then(async () => {
    process.send!({ id: m.id, verdict: await verdictOf(m) });
  });
});
process.send!({ ready: true });
