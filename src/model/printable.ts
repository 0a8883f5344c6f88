// biome-ignore-start lint/suspicious/noControlCharactersInRegex: control characters are what these look for
/** A control character (U+0000–U+001F, U+007F–U+009F) or a lone surrogate: never a printed glyph. */
export const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, but tab and line breaks, which a message may hold, are kept. */
const UNPRINTABLE_IN_MESSAGE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** What PostgreSQL refuses in text and jsonb: NUL and lone surrogates. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// biome-ignore-end lint/suspicious/noControlCharactersInRegex: control characters are what these look for

/**
 * A message as it may be shown and stored. A library's error text can quote the bytes it choked
 * on (pdf.js: `Invalid number: \0`), so each unprintable character becomes U+FFFD.
 */
export function printableMessage(text: string): string {
  return text.replace(UNPRINTABLE_IN_MESSAGE, '\ufffd');
}

/** True when `text` holds a character PostgreSQL cannot store. */
export function isUnstorable(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text);
}

/**
 * `JSON.stringify` for a jsonb column: a string holding NUL or a lone surrogate has U+FFFD in its
 * place. The stages already clean what they read; this is the store's last guard, so that one
 * stray character never turns a finished document into an internal error.
 */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(UNSTORABLE, '\ufffd') : v));
}

/** A text column's value with NUL and lone surrogates replaced (see `storableJson`). */
export function storableText<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(UNSTORABLE, '\ufffd')) as T;
}
