/**
 * Why a file could not be read, in the reader's language (Bahasa Indonesia first). An InputError
 * carries the key and values; whoever shows it to a person words it in their language
 * (`lkj extract --lang`, the API's request language), logs keep the English.
 * Terms follow docs/glossary.md.
 */
export type MessageLang = 'id' | 'en';

export const INPUT_MESSAGES = {
  fileNotFound: { id: 'berkas tidak ditemukan', en: 'file not found' },
  cannotRead: { id: 'tidak dapat dibaca ({detail})', en: 'cannot be read ({detail})' },
  emptyFile: { id: 'berkasnya kosong (0 byte)', en: 'the file is empty (0 bytes)' },
  fileTooLarge: {
    id: 'ukuran berkas {bytes} byte, melebihi batas {max} byte',
    en: 'the file is {bytes} bytes, above the {max}-byte limit',
  },
  notPdf: {
    id: 'bukan PDF (tidak ada kepala %PDF-) dan bukan gambar yang didukung (PNG, JPEG, TIFF)',
    en: 'not a PDF (no %PDF- header) nor a supported image (PNG, JPEG, TIFF)',
  },
  pdfTooManyPages: {
    id: 'PDF ini {pages} halaman, melebihi batas {max} halaman',
    en: 'the PDF has {pages} pages, above the {max}-page limit',
  },
  documentTooManyPages: {
    id: 'dokumen ini {pages} halaman, melebihi batas {max} halaman',
    en: 'the document has {pages} pages, above the {max}-page limit',
  },
  imageTooManyPages: {
    id: 'gambar ini {pages} halaman, melebihi batas {max} halaman',
    en: 'the image has {pages} pages, above the {max}-page limit',
  },
  pageTooManyPixels: {
    id: 'halaman {page} akan berukuran {width}×{height} px pada {dpi} DPI, melebihi batas {max} piksel',
    en: 'page {page} would be {width}×{height} px at {dpi} DPI, above the {max}-pixel limit',
  },
  pageImageTooManyPixels: {
    id: 'gambar halaman {page} berukuran {width}×{height} px, melebihi batas {max} piksel',
    en: "page {page}'s image is {width}×{height} px, above the {max}-pixel limit",
  },
  imageTooManyPixels: {
    id: '{where}{width}×{height} px melebihi batas {max} piksel',
    en: '{where}{width}×{height} px is above the {max}-pixel limit',
  },
  imageBomb: {
    id: '{where}{width}×{height} px melebihi batas {max} piksel (bom dekompresi?)',
    en: '{where}{width}×{height} px is above the {max}-pixel limit (decompression bomb?)',
  },
  imageAboveLimit: {
    id: '{where}melebihi batas {max} piksel ({detail})',
    en: '{where}above the {max}-pixel limit ({detail})',
  },
  unreadableImage: { id: '{where}gambar tidak terbaca ({detail})', en: '{where}unreadable image ({detail})' },
  notAnImage: { id: 'bukan gambar yang terbaca ({detail})', en: 'not a readable image ({detail})' },
  imageFormat: {
    id: 'gambar {format} tidak didukung: gunakan JPG, PNG atau TIFF',
    en: '{format} images are not supported: use JPG, PNG or TIFF',
  },
  imageCorrupt: {
    id: '{where}gambar rusak atau terpotong ({detail})',
    en: '{where}the image is corrupt or truncated ({detail})',
  },
  pageLabel: { id: 'halaman {page}: ', en: 'page {page}: ' },
  folderUnreadable: { id: 'folder tidak dapat dibaca ({detail})', en: 'cannot read the folder ({detail})' },
  folderMixed: {
    id: 'folder ini berisi lebih dari gambar halaman ({files}); sebuah folder dibaca sebagai halaman-halaman satu laporan menurut urutan nama, jadi simpan hanya berkas {extensions} di dalamnya',
    en: 'the folder holds more than page images ({files}); a folder is read as the pages of one report in name order, so keep only {extensions} files in it',
  },
  someOfMany: { id: '{first}, … ({n} semuanya)', en: '{first}, … ({n} in all)' },
  folderEmpty: {
    id: 'folder ini tidak berisi gambar halaman ({extensions})',
    en: 'the folder holds no page images ({extensions})',
  },
  folderTooManyPages: {
    id: 'folder ini berisi {pages} gambar, melebihi batas {max} halaman',
    en: 'the folder holds {pages} images, above the {max}-page limit',
  },
  folderHoldsPdf: {
    id: 'folder dibaca sebagai gambar halaman; yang ini berisi PDF',
    en: 'a folder is read as page images; this one holds a PDF',
  },
  pdfPageUnreadable: {
    id: 'halaman {page} tidak dapat dibaca ({detail})',
    en: 'page {page} could not be read ({detail})',
  },
  pdfEncrypted: {
    id: 'PDF ini dikunci dengan kata sandi; berikan salinan yang tidak dikunci',
    en: 'the PDF is encrypted with a password; provide an unprotected copy',
  },
  pdfCorrupt: { id: 'PDF ini rusak atau terpotong ({detail})', en: 'the PDF is corrupt or truncated ({detail})' },
  pdfNoPages: {
    id: 'PDF ini rusak: pohon halamannya menyebut {count} halaman',
    en: 'the PDF is corrupt: its page tree declares {count} pages',
  },
  pdfUnopenable: { id: 'PDF ini tidak dapat dibuka ({detail})', en: 'the PDF could not be opened ({detail})' },
  pageBlank: { id: 'halamannya kosong', en: 'the page is blank' },
  noTextRead: {
    id: 'tidak ada teks yang terbaca di halaman mana pun (bukan dokumen, atau pindaian tidak terbaca)',
    en: 'no text could be read on any page (not a document, or an unreadable scan)',
  },
  noTextLayer: { id: 'tidak ada teks di halaman mana pun', en: 'has no text on any page' },
  notLkj: {
    id: 'bukan laporan LKj: tidak satu pun dari Tabel 2.1–2.5 ditemukan',
    en: 'is not an LKj report: none of Tabel 2.1–2.5 was found',
  },
  originalMissing: { id: 'berkas asli yang tersimpan {sha} hilang', en: 'the stored original {sha} is missing' },
  pageOriginalMissing: {
    id: 'berkas asli halaman {page} yang tersimpan {sha} hilang',
    en: "page {page}'s stored original {sha} is missing",
  },
  manifestDamaged: { id: 'daftar halaman yang tersimpan rusak', en: 'the stored page manifest is damaged' },
  checkLimits: {
    id: 'berkas ini tidak dapat diperiksa dalam batasnya ({limit}): rusak, atau terlalu rumit untuk diproses',
    en: 'the file could not be checked within the limits ({limit}): it is damaged, or too complex to process',
  },
  limitSeconds: { id: '{n} detik', en: '{n} s' },
  limitMemory: { id: '{n} MB memori', en: '{n} MB of memory' },
  limitHeap: { id: '{n} MB heap', en: '{n} MB of heap' },
  limitNoAnswer: { id: 'pemeriksa tidak menjawab', en: 'the checker did not answer' },
  notProcessed: { id: 'tidak dapat diproses: {detail}', en: 'could not be processed: {detail}' },
  internalError: {
    id: 'tidak dapat diproses (kesalahan internal: {detail})',
    en: 'could not be processed (internal error: {detail})',
  },
  notStored: { id: 'laporannya tidak dapat disimpan ({detail})', en: 'the report could not be stored ({detail})' },
  interrupted: {
    id: 'pemrosesan terputus {n} kali (proses berhenti atau kehabisan memori pada dokumen ini); `lkj reprocess --failed` mencoba lagi',
    en: 'processing was interrupted {n} times (the process stopped or ran out of memory on this document); `lkj reprocess --failed` tries again',
  },
} as const satisfies Record<string, Record<MessageLang, string>>;

export type InputMessageKey = keyof typeof INPUT_MESSAGES;
/** a value, or a message of its own (worded in the same language) */
export type MessageVars = Record<string, string | number | InputMessage>;
export interface InputMessage {
  key: InputMessageKey;
  vars?: MessageVars;
}

export const msg = (key: InputMessageKey, vars?: MessageVars): InputMessage => ({ key, vars });

/** A message in `lang`, its `{name}` placeholders filled. */
export function inputMessage(lang: MessageLang, m: InputMessage): string {
  return INPUT_MESSAGES[m.key][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = m.vars?.[k];
    if (v === undefined) return `{${k}}`;
    return typeof v === 'object' ? inputMessage(lang, v) : String(v);
  });
}
