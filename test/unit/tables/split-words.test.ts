import { describe, expect, it } from 'vitest';
import type { Segment, Word } from '../../../src/model/word.js';
import { splitAtRules } from '../../../src/tables/split-words.js';

const w = (text: string, x0: number, x1: number): Word => ({
  text,
  page: 1,
  bbox: [x0, 100, x1, 110],
  conf: 100,
  source: 'text',
});
const rule = (x: number): Segment => ({ page: 1, x0: x, y0: 90, x1: x, y1: 120 });

describe('splitAtRules', () => {
  it('cuts a run of glyphs across a column rule into its cells (210 | 230, 1 | 100)', () => {
    expect(splitAtRules([w('210230', 100, 130)], [rule(115)]).map((x) => x.text)).toEqual(['210', '230']);
    expect(splitAtRules([w('1100', 100, 120)], [rule(105)]).map((x) => x.text)).toEqual(['1', '100']);
  });

  it('leaves words alone that no rule crosses, or that a rule only touches', () => {
    const words = [w('Target', 100, 130), w('2023', 140, 160)];
    expect(splitAtRules(words, [rule(135), rule(160.5)])).toEqual(words);
    // a rule beside the line (not spanning its height) is another row's
    expect(
      splitAtRules([w('210230', 100, 130)], [{ page: 1, x0: 115, y0: 0, x1: 115, y1: 50 }]).map((x) => x.text),
    ).toEqual(['210230']);
  });
});
