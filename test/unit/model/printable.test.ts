import { describe, expect, it } from 'vitest';
import { InputError, InternalError } from '../../../src/intake/errors.js';
import { isUnstorable, printableMessage, storableJson, storableText } from '../../../src/model/printable.js';

describe('text a message or the store may hold', () => {
  it('printableMessage: control characters and lone surrogates become U+FFFD, line breaks and tabs stay', () => {
    expect(printableMessage('Invalid number: \u0000 (charCode 0)')).toBe('Invalid number: \ufffd (charCode 0)');
    expect(printableMessage('a\u001bb\u007fc\ud800d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(printableMessage('line 1\nline\t2\r\n')).toBe('line 1\nline\t2\r\n');
    expect(printableMessage('Rp\u00a0100 \ud83d\ude00')).toBe('Rp\u00a0100 \ud83d\ude00');
  });

  it("an input or internal error quoting a reader's bytes says so without the bytes", () => {
    const e = new InputError('corrupt-pdf', 'page 1 could not be read (Invalid number: \u0000 (charCode 0))', 'x.pdf');
    expect(e.message).toBe('x.pdf: page 1 could not be read (Invalid number: \ufffd (charCode 0))');
    expect(e.text('id')).toBe(e.message);
    expect(new InternalError('bad \ud800', 'y.pdf').text('en')).toBe('y.pdf: bad \ufffd');
  });

  it('storableJson and storableText replace only what PostgreSQL refuses', () => {
    expect(isUnstorable('a\u0000b')).toBe(true);
    expect(isUnstorable('a\u0001b\nc')).toBe(false);
    expect(isUnstorable('x\udc00')).toBe(true);
    // twice in a row: a global pattern's state must not leak between calls
    expect(isUnstorable('\u0000')).toBe(true);
    const json = storableJson({ a: 'n\u0000l', b: ['\ud800', 'ok\u0001'], c: 5, d: null });
    expect(JSON.parse(json)).toEqual({ a: 'n\ufffdl', b: ['\ufffd', 'ok\u0001'], c: 5, d: null });
    expect(storableText('a\u0000')).toBe('a\ufffd');
    expect(storableText(null)).toBeNull();
  });
});
