import { describe, expect, it } from 'vitest';
import type { Word } from '../../../src/model/word.js';
import { narrativeVocabulary, respellFromNarrative } from '../../../src/tables/respell.js';
import { STANDARD_WORDS, withStandardWords } from '../../../src/tables/standard-words.js';
import { field, row, tables } from '../../helpers/records.js';

/** Narrative words as the page reader gave them. */
const narrative = (text: string, conf = 92, source: Word['source'] = 'ocr'): Word[] =>
  text.split(' ').map((t, i) => ({ text: t, page: 1, bbox: [i * 20, 10, i * 20 + 18, 20], conf, source }));

const cellRow = (uraian: string, conf: number) => {
  const r = row('2.5', '1.1', { pagu: '17.000.000' });
  r.fields.uraian = field(uraian, 'text', conf);
  return r;
};

describe('respellFromNarrative: words the cell reader (eng) misspells, spelt as the narrative (ind) does', () => {
  const vocab = narrativeVocabulary(
    narrative('melaksanakan fasilitasi penetapan dan penegasan batas desa; Pemerintah Daerah, data dana kelurahan'),
  );

  it('respells a word one confusable letter from a narrative word, keeping its case and the raw reading', () => {
    const t = tables({ '2.5': [cellRow('Fasilitasi Penelapan dan Pencgasan Batas Desa Dacrah', 70)] });
    respellFromNarrative(t, vocab);
    const f = t['2.5'][0]!.fields.uraian!;
    expect(f.value).toBe('Fasilitasi Penetapan dan Penegasan Batas Desa Daerah');
    // an `h` whose ascender a mark cut reads `n` (seed 100787 doc 46)
    const h = tables({ '2.5': [cellRow('Pemberdayaan Keluranan', 70)] });
    respellFromNarrative(h, vocab);
    expect(h['2.5'][0]!.fields.uraian!.value).toBe('Pemberdayaan Kelurahan');
    // a `y` whose tail a 1-bit scan lost reads `v` (seed 4252 doc 3)
    const y = tables({ '2.5': [cellRow('layanan kepegawaian vang terselesaikan', 70)] });
    respellFromNarrative(y, narrativeVocabulary(narrative('layanan yang selesai')));
    expect(y['2.5'][0]!.fields.uraian!.value).toBe('layanan kepegawaian yang terselesaikan');
    expect(f.raw).toBe('Fasilitasi Penelapan dan Pencgasan Batas Desa Dacrah');
    expect(t['2.5'][0]!.fields.pagu!.value).toBe(17000000); // never a number
  });

  it('leaves words of distinct letters, short words, unknown words and text layers alone', () => {
    // `dana`/`data` are both words (n and t are not confused); `dasa` is no confusion of `desa`; `Kas` is too short
    const t = tables({ '2.5': [cellRow('Belanja dana Kas dasa Kecamatan', 70)] });
    respellFromNarrative(t, vocab);
    expect(t['2.5'][0]!.fields.uraian!.value).toBe('Belanja dana Kas dasa Kecamatan');
    const printed = tables({ '2.5': [cellRow('Penelapan', 100)] });
    respellFromNarrative(printed, vocab);
    expect(printed['2.5'][0]!.fields.uraian!.value).toBe('Penelapan');
  });

  it('takes no word the narrative read unsurely, and no word two narrative words are equally near', () => {
    const unsure = narrativeVocabulary(narrative('penetapan', 60));
    const t = tables({ '2.5': [cellRow('Penelapan', 70)] });
    respellFromNarrative(t, unsure);
    expect(t['2.5'][0]!.fields.uraian!.value).toBe('Penelapan');
    // `kelola` and `kefola`… : `ketola` is one confusable letter from both `kelola` (l/t) and `kefola` (f/t)
    const two = narrativeVocabulary(narrative('kelola kefola'));
    const u = tables({ '2.5': [cellRow('ketola', 70)] });
    respellFromNarrative(u, two);
    expect(u['2.5'][0]!.fields.uraian!.value).toBe('ketola');
  });

  it('mends a word whose last letter a streak took, and two words a streak joined with `|` (seed 4244 doc 11)', () => {
    const v = narrativeVocabulary(
      narrative('Peraturan Daerah kepada Kecamatan Kewenangan yang Dilimpahkan pemerintah pemerintahan'),
    );
    const t = tables({ '2.5': [cellRow('Penegakan Peratura Daerah di KECAMATA Kewenangan|yang Dilimpahkan', 70)] });
    respellFromNarrative(t, v);
    expect(t['2.5'][0]!.fields.uraian!.value).toBe(
      'Penegakan Peraturan Daerah di KECAMATAN Kewenangan yang Dilimpahkan',
    );
    // `|` for an `l`, or between two words one of which the narrative uses; an accented letter, r/t
    const b = tables({ '2.5': [cellRow('Pe|aksanaan Koordinasi|Penerapan Terkoordinésinya Penyelenggataan', 70)] });
    respellFromNarrative(b, narrativeVocabulary(narrative('pelaksanaan koordinasi terkoordinasinya penyelenggaraan')));
    expect(b['2.5'][0]!.fields.uraian!.value).toBe('Pelaksanaan Koordinasi Penerapan Terkoordinasinya Penyelenggaraan');
    // an abbreviation stays as printed (`APBDes` beside the narrative's `APBDesa`)
    const a = tables({ '2.5': [cellRow('Laporan APBDes desa', 70)] });
    respellFromNarrative(a, narrativeVocabulary(narrative('laporan APBDesa desa')));
    expect(a['2.5'][0]!.fields.uraian!.value).toBe('Laporan APBDes desa');
    // a word of the narrative stays, and so does a short one (`Daera`: too many short words)
    const u = tables({ '2.5': [cellRow('pemerintah Pemerinta Daera', 70)] });
    respellFromNarrative(u, v);
    expect(u['2.5'][0]!.fields.uraian!.value).toBe('pemerintah Pemerintah Daera');
  });
});

describe('withStandardWords: the nomenclature spells what the narrative does not repeat', () => {
  it('respells a cell word from the standard words when the narrative lacks it (100791: `Jumiah`)', () => {
    const t = tables({ '2.5': [cellRow('Jumiah Posyandu yang Dibina', 70)] });
    respellFromNarrative(t, withStandardWords(narrativeVocabulary(narrative('laporan ini disusun'))));
    expect(t['2.5'][0]!.fields.uraian!.value).toBe('Jumlah Posyandu yang Dibina');
    // without them the narrative alone knows no `jumlah`
    const n = tables({ '2.5': [cellRow('Jumiah Posyandu yang Dibina', 70)] });
    respellFromNarrative(n, narrativeVocabulary(narrative('laporan ini disusun')));
    expect(n['2.5'][0]!.fields.uraian!.value).toBe('Jumiah Posyandu yang Dibina');
  });

  it('keeps a standard word one confusable letter from another (`Penetapan`, `Penerapan`) as read', () => {
    const t = tables({ '2.5': [cellRow('Penetapan Batas dan Penerapan Peraturan', 70)] });
    respellFromNarrative(t, withStandardWords(new Map()));
    expect(t['2.5'][0]!.fields.uraian!.value).toBe('Penetapan Batas dan Penerapan Peraturan');
    expect([...STANDARD_WORDS].every((w) => w.length >= 6 && w === w.toLowerCase())).toBe(true);
  });
});
