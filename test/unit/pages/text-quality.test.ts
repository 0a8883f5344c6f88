import { describe, expect, it } from 'vitest';
import type { Word } from '../../../src/model/word.js';
import { unreadableText } from '../../../src/pages/text-quality.js';

const words = (s: string): Word[] =>
  s.split(' ').map((text, i) => ({ text, page: 1, bbox: [i * 10, 0, i * 10 + 8, 10], conf: 100, source: 'text' }));

describe('unreadableText', () => {
  it('knows prose, tables of numbers and short pages for text', () => {
    expect(
      unreadableText(
        words(
          'Puji syukur kami panjatkan kehadirat Tuhan Yang Maha Esa atas tersusunnya Laporan Kinerja Seksi Pemberdayaan Masyarakat',
        ),
      ),
    ).toBe(false);
    expect(unreadableText(words('No 1 2 3 45.000.000 41.850.000 93% 100 % 92,50 %'))).toBe(false);
  });
  it('takes control characters, private-use code points and a shifted alphabet for glyphs mapped to nothing', () => {
    expect(unreadableText(words('3XML\u0003 V\\XNXU\u0003 NDPL\u0003 SDQMDWNDQ\u0003 NHKDGLUDW\u0003'))).toBe(true);
    expect(unreadableText(words('\ue001\ue002\ue003 \ue004\ue005 \ue006\ue007\ue008\ue009'))).toBe(true);
    expect(
      unreadableText(
        words(
          '3XML V\\XNXU NDPL SDQMDWNDQ NHKDGLUDW 7XKDQ <DQJ 0DKD (VD DWDV WHUVXVXQQ\\D /DSRUDQ .LQHUMD 6HNVL 3HPEHUGD\\DDQ 0DV\\DUDNDW',
        ),
      ),
    ).toBe(true);
  });
});
