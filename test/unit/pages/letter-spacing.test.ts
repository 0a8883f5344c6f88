import { describe, expect, it } from 'vitest';
import { joinLetterSpaced } from '../../../src/pages/letter-spacing.js';

describe('joinLetterSpaced', () => {
  it('joins a letter-spaced word and leaves ordinary text alone', () => {
    expect(joinLetterSpaced('L A P O R A N', false)).toEqual({ text: 'LAPORAN', spaced: true });
    expect(joinLetterSpaced('K I N E R J A', true)).toEqual({ text: 'KINERJA', spaced: true });
    expect(joinLetterSpaced('Laporan Kinerja', false).spaced).toBe(false);
    expect(joinLetterSpaced('a b', false).spaced).toBe(false);
  });

  it('joins digits only after a letter-spaced word on the line: a column-number row stays', () => {
    expect(joinLetterSpaced('2 0 2 3', true)).toEqual({ text: '2023', spaced: true });
    expect(joinLetterSpaced('1 2 3 4 5 6', false)).toEqual({ text: '1 2 3 4 5 6', spaced: false });
  });
});
