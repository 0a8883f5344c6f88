import { createHash } from 'node:crypto';
import { DEFAULT_MAX_BYTES } from '../settings/settings.js';
import { InputError } from './errors.js';
import { msg } from './messages.js';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** Identify a file by its magic bytes, never by its name. */
export function sniffKind(bytes: Uint8Array): FileKind | null {
  const head = Buffer.from(bytes.subarray(0, 1024));
  // PDFs may carry junk before the header; the spec allows it within the first 1024 bytes.
  if (head.indexOf('%PDF-') >= 0) return 'pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const sig = head.subarray(0, 4).toString('latin1');
  if (sig === 'II*\u0000' || sig === 'MM\u0000*') return 'tiff';
  return null;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export { DEFAULT_MAX_BYTES };

/** Refuse what can never be a report before any parser sees it. */
export function checkIntake(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_BYTES): FileKind {
  if (bytes.length === 0) throw new InputError('empty-file', msg('emptyFile'), file);
  if (bytes.length > maxBytes)
    throw new InputError('too-large', msg('fileTooLarge', { bytes: bytes.length, max: maxBytes }), file);
  const kind = sniffKind(bytes);
  if (kind === null) {
    throw new InputError('not-pdf', msg('notPdf'), file);
  }
  return kind;
}
