/**
 * PDFs written object by object, for inputs no PDF library would make: text whose font maps a
 * glyph to U+0000, image dictionaries declaring any size, objects missing, deep nesting.
 */
import { deflateSync } from 'node:zlib';

export type RawObject = string | Buffer;

/** A PDF of the given objects (1-based: objects[0] is `1 0 obj`), with a correct xref table. */
export function rawPdf(objects: readonly RawObject[], o: { root?: number; version?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${o.version ?? '1.4'}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
      Buffer.from('\nendobj\n'),
    ]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root ${o.root ?? 1} 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** A stream object: the dictionary's entries and the data (Flate-compressed when `flate`). */
export function stream(dict: string, data: Buffer | string, flate = false): Buffer {
  const bytes = flate ? deflateSync(Buffer.from(data)) : Buffer.from(data);
  return Buffer.concat([
    Buffer.from(`<< ${dict}${flate ? ' /Filter /FlateDecode' : ''} /Length ${bytes.length} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/**
 * One A4 page of text lines in Helvetica. `toUnicode` maps single-byte codes to code points (a
 * broken font's ToUnicode, e.g. 0x3D → U+0000); lines are PDF string literals' contents.
 */
export function textPdf(lines: readonly string[], o: { toUnicode?: Record<number, number> } = {}): Buffer {
  const content = [
    'BT /F1 11 Tf 50 780 Td 14 TL',
    ...lines.map((l) => `(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`),
    'ET',
  ].join('\n');
  const objects: RawObject[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding${o.toUnicode ? ' /ToUnicode 6 0 R' : ''} >>`,
    stream('', content),
  ];
  if (o.toUnicode) {
    const entries = Object.entries(o.toUnicode).map(
      ([code, cp]) => `<${Number(code).toString(16).padStart(2, '0')}> <${cp.toString(16).padStart(4, '0')}>`,
    );
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def',
      '1 begincodespacerange <00> <FF> endcodespacerange',
      // every other code keeps its Latin-1 meaning
      '1 beginbfrange <20> <7E> <0020> endbfrange',
      `${entries.length} beginbfchar`,
      ...entries,
      'endbfchar',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    objects.push(stream('', cmap));
  }
  return rawPdf(objects);
}

/**
 * A copy of `pdf` whose fonts' ToUnicode maps read the given characters as other code points (e.g.
 * `=` → U+0000), as a broken real font does: each destination `<00xx>` of a mapped character in
 * every ToUnicode CMap is replaced. For PDFs whose fonts carry a ToUnicode (pdfkit's embedded ones).
 */
export async function remapGlyphs(pdf: Uint8Array, map: Record<string, number>): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFDict, PDFRawStream, PDFRef, decodePDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const hex = (n: number) => `<${n.toString(16).padStart(4, '0')}>`;
  let changed = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const ref = obj.get(PDFName.of('ToUnicode'));
    const cmap = ref instanceof PDFRef ? doc.context.lookup(ref) : null;
    if (!(cmap instanceof PDFRawStream)) continue;
    let text = Buffer.from(decodePDFRawStream(cmap).decode()).toString('latin1');
    for (const [ch, cp] of Object.entries(map)) {
      text = text.replace(new RegExp(hex(ch.codePointAt(0)!), 'gi'), () => {
        changed++;
        return hex(cp);
      });
    }
    obj.set(PDFName.of('ToUnicode'), doc.context.register(doc.context.flateStream(text)));
  }
  if (!changed) throw new Error(`remapGlyphs: none of ${Object.keys(map).join('')} is in a ToUnicode map`);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * Flate data of `bytes` zero bytes, compressed in chunks (a 900 MB image fits in ~1 MB without
 * ever being held whole).
 */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const { createDeflate } = await import('node:zlib');
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => z.once('end', r));
  const chunk = Buffer.alloc(4 * 2 ** 20);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

/**
 * One A4 page showing one 8-bit gray Flate image of `width`×`height` pixels drawn over the page (a
 * scan, as far as anyone can tell from its operators). `data` is its compressed stream.
 */
export function imagePdf(width: number, height: number, data: Buffer): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    stream('', 'q 595 0 0 842 0 0 cm /Im1 Do Q'),
  ]);
}

/** The same bomb as an inline image (BI … ID … EI in the content stream), which has no dictionary object. */
export function inlineImagePdf(width: number, height: number, data: Buffer): Buffer {
  const content = Buffer.concat([
    Buffer.from(
      `q 595 0 0 842 0 0 cm\nBI /W ${width} /H ${height} /CS /G /BPC 8 /F /Fl /L ${data.length} ID\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nEI Q', 'latin1'),
  ]);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('', content),
  ]);
}

/**
 * Three pages whose cross-reference entries for pages 2 and 3 point at another object (page 2's
 * content stream): pdfjs prefetches every kid of the page tree while it reads page 1 and never
 * awaits the two that fail, which rejected unhandled and ended the process.
 */
export function misdirectedKidsPdf(): Buffer {
  const page = (c: number) =>
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${c} 0 R >>`;
  const text = (t: string) => stream('', `BT /F1 12 Tf 50 780 Td (${t}) Tj ET`);
  const pdf = rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R 5 0 R 6 0 R] /Count 3 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    page(7),
    page(8),
    page(9),
    text('satu'),
    text('dua'),
    text('tiga'),
  ]).toString('latin1');
  const target = String(pdf.indexOf('8 0 obj')).padStart(10, '0');
  let entry = 0;
  return Buffer.from(
    pdf.replace(/\d{10} 00000 n/g, (m) => (++entry === 5 || entry === 6 ? `${target} 00000 n` : m)),
    'latin1',
  );
}
