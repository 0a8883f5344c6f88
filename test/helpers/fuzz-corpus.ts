/**
 * The small real inputs the fuzz test mutates, and the seeded list of cases made from them: two
 * born-digital reports of the corpus, PDFs written with pdfkit (uncompressed, with an image) and
 * object by object (a NUL-mapping font, a Flate image), and a tiny PNG and JPEG made with sharp.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { IMAGE_MUTATIONS, PDF_MUTATIONS, Rng, mutateImage, mutatePdf, type Mutation } from './mutate.js';
import { makePdf } from './pdf.js';
import { imagePdf, textPdf } from './raw-pdf.js';

export interface Base {
  name: string;
  kind: 'pdf' | 'image';
  bytes: Buffer;
}
export interface FuzzCase {
  name: string;
  base: string;
  mutation: Mutation;
  bytes: Buffer;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const BORN = ['dau-tw4-2025.pdf', 'paiton-tw1-2025.pdf'];

const LINES = [
  'LAPORAN KINERJA KECAMATAN DAU TRIWULAN IV TAHUN 2025',
  'Tabel 2.1 Capaian Kinerja Sasaran Strategis',
  'No  Indikator Kinerja          Target  Realisasi  Capaian (%)',
  '1   Persentase layanan administrasi  100  95  95,00',
  '2   Indeks kepuasan masyarakat = 80  82,5  103,13',
];

export async function fuzzBases(): Promise<Base[]> {
  const bases: Base[] = [];
  for (const f of BORN)
    bases.push({ name: f, kind: 'pdf', bytes: await fs.readFile(path.join(ROOT, 'fixtures/corpus/born', f)) });
  // a scan's worth of pixels, kept tiny so a mutant that still decodes is OCR'd in a moment
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 80, height: 6, channels: 3, background: '#000000' } }, left: 20, top: 30 }])
    .png()
    .toBuffer();
  const jpeg = await sharp(png).jpeg({ quality: 80 }).toBuffer();
  bases.push({ name: 'tiny.png', kind: 'image', bytes: png }, { name: 'tiny.jpg', kind: 'image', bytes: jpeg });
  bases.push({
    name: 'pdfkit.pdf',
    kind: 'pdf',
    bytes: await makePdf(
      (doc) => {
        doc.fontSize(11);
        for (const l of LINES) doc.text(l);
        doc.rect(50, 300, 400, 100).stroke();
        doc.image(png, 50, 420, { width: 120 });
      },
      { compress: false },
    ),
  });
  // biome-ignore lint/complexity/useSimpleNumberKeys: a character code reads as hex, as in the PDF's CMap
  bases.push({ name: 'raw-text.pdf', kind: 'pdf', bytes: textPdf(LINES, { toUnicode: { 0x3d: 0x3d } }) });
  bases.push({ name: 'raw-image.pdf', kind: 'pdf', bytes: imagePdf(40, 30, deflateSync(Buffer.alloc(40 * 30, 200))) });
  return bases;
}

/**
 * `count` mutated inputs, the same ones for the same seed: bases and kinds taken in turn (so every
 * kind meets every base sooner or later), the randomness inside each mutation from the seed.
 * Born-digital reports have nine pages, so they come up less often than the one-page bases.
 */
export function fuzzCases(bases: readonly Base[], seed: number, count: number, prefix: string): FuzzCase[] {
  const rng = new Rng(seed);
  const weighted = bases.flatMap((b) => (BORN.includes(b.name) ? [b] : [b, b]));
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const base = weighted[i % weighted.length]!;
    const mutation = base.kind === 'pdf' ? rng.pick(PDF_MUTATIONS) : rng.pick(IMAGE_MUTATIONS);
    // now and then two mutations on top of each other
    let bytes =
      base.kind === 'pdf'
        ? mutatePdf(base.bytes, mutation as (typeof PDF_MUTATIONS)[number], rng)
        : mutateImage(base.bytes, mutation as (typeof IMAGE_MUTATIONS)[number], rng);
    let name = mutation as string;
    if (rng.next() < 0.15) {
      const again = base.kind === 'pdf' ? rng.pick(PDF_MUTATIONS) : rng.pick(IMAGE_MUTATIONS);
      bytes =
        base.kind === 'pdf'
          ? mutatePdf(bytes, again as (typeof PDF_MUTATIONS)[number], rng)
          : mutateImage(bytes, again as (typeof IMAGE_MUTATIONS)[number], rng);
      name += `+${again}`;
    }
    const ext = base.name.endsWith('.png') ? 'png' : base.name.endsWith('.jpg') ? 'jpg' : 'pdf';
    out.push({
      name: `${prefix}-${String(i).padStart(3, '0')}-${base.name.replace(/\.\w+$/, '')}-${name}.${ext}`,
      base: base.name,
      mutation,
      bytes,
    });
  }
  return out;
}
