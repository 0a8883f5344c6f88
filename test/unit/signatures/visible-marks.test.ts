import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PageContent, Word } from '../../../src/model/word.js';
import { decodeQrCodes, findFooter, urlOf } from '../../../src/signatures/visible-marks.js';
import { qrPng } from '../../helpers/sign-pdf.js';

const page = (n: number, text: string, source: Word['source'] = 'ocr'): PageContent => ({
  page: n,
  width: 595,
  height: 842,
  mode: source === 'ocr' ? 'ocr' : 'text',
  segments: [],
  words: text
    .split(' ')
    .map((t, i) => ({ text: t, page: n, bbox: [30 + i * 20, 800, 48 + i * 20, 810], conf: 90, source })),
});

describe('the BSrE footer', () => {
  it('is found however OCR split or joined its words, and its sentence kept from "Dokumen"', () => {
    const footer = findFooter([
      page(1, 'LAPORAN KINERJA Kecamatan Pasirian'),
      page(
        2,
        'Jumlah 12 Dokumen ini telah ditanda tangani secara elek-tronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE. Halaman 2',
      ),
      page(3, 'Dokumen ini telah ditandatangani secaraelektronik'),
    ]);
    expect(footer).toEqual({
      pages: [2, 3],
      text: 'Dokumen ini telah ditanda tangani secara elek-tronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE.',
    });
  });
  it('is absent from an ordinary report', () => {
    expect(findFooter([page(1, 'Laporan ini ditandatangani oleh Camat secara langsung', 'text')])).toBeNull();
  });
});

describe('QR codes', () => {
  it('are decoded from a page image with their box in page points; two codes on one page are both read', async () => {
    const dpi = 200;
    const w = Math.round(8.27 * dpi),
      h = Math.round(11.69 * dpi);
    const a = await sharp(await qrPng('https://tte.example.go.id/v/AAA'))
      .resize(260)
      .toBuffer();
    const b = await sharp(await qrPng('BSrE-2023-0042 SUGENG RIYADI'))
      .resize(260)
      .toBuffer();
    const { data } = await sharp({ create: { width: w, height: h, channels: 3, background: '#fff' } })
      .composite([
        { input: a, left: 200, top: 2000 },
        { input: b, left: 1000, top: 2000 },
      ])
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const codes = await decodeQrCodes({ page: 8, dpi, image: { data: new Uint8Array(data), width: w, height: h } });
    expect(codes.map((c) => [c.text, c.url]).sort()).toEqual([
      ['BSrE-2023-0042 SUGENG RIYADI', null],
      ['https://tte.example.go.id/v/AAA', 'https://tte.example.go.id/v/AAA'],
    ]);
    const first = codes.find((c) => c.url)!;
    // the code (quiet zone excluded) lies inside the pasted square, in points: 200 px = 72 pt
    expect(first.page).toBe(8);
    expect(first.bbox![0]).toBeGreaterThanOrEqual(72);
    expect(first.bbox![2]).toBeLessThanOrEqual(((200 + 260) * 72) / dpi);
    expect(first.bbox![1]).toBeGreaterThanOrEqual((2000 * 72) / dpi);
  });
  it('a blank page has none', async () => {
    expect(
      await decodeQrCodes({
        page: 1,
        dpi: 100,
        image: { data: new Uint8Array(827 * 1169).fill(255), width: 827, height: 1169 },
      }),
    ).toEqual([]);
  });
  it('only an http(s) URL is a URL', () => {
    expect(urlOf(' https://tte.example.go.id/x?id=1 ')).toBe('https://tte.example.go.id/x?id=1');
    expect(urlOf('javascript:alert(1)')).toBeNull();
    expect(urlOf('NIP 196811051994031005')).toBeNull();
  });
});
