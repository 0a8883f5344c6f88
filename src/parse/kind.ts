import type { DocumentKind } from '../model/contract.js';
import type { Line } from '../model/word.js';

/**
 * What kind of document this is, from its cover and the sentences that name it. An inspectorate's
 * archive holds, beside the kecamatan units' LKj, the instansi's own LKIP/LAKIP (a dinas, a
 * province), Perjanjian Kinerja documents and quarterly realisasi forms: each is said to be what
 * it is, and read for what it holds.
 */
export function documentKind(coverText: string, namingText: string, lines: readonly Line[]): DocumentKind {
  const cover = coverText.toLowerCase().replace(/\s+/g, ' ');
  const naming = namingText.toLowerCase();
  const firstPage = lines
    .filter((l) => l.page === (lines[0]?.page ?? 1))
    .map((l) => l.text)
    .join(' ')
    .toLowerCase();
  const reportTitle = /laporan\s+(akuntabilitas\s+)?kinerja|(?<!\p{L})(lkj|lkjip|lkip|lakip)(?!\p{L})/u;
  // a Perjanjian Kinerja names its two parties; its cover is the agreement, not a report about it
  if (/perjanjian\s+kinerja|penetapan\s+kinerja/.test(cover) && !reportTitle.test(cover)) return 'perjanjian-kinerja';
  if (/pihak\s+(pertama|kesatu)/.test(firstPage) && /pihak\s+kedua/.test(firstPage) && !reportTitle.test(cover))
    return 'perjanjian-kinerja';
  if (
    !reportTitle.test(cover) &&
    /laporan\s+realisasi|realisasi\s+(fisik|kinerja|anggaran|keuangan)|pengukuran\s+kinerja|evaluasi\s+rencana\s+aksi|monitoring\s+(dan\s+evaluasi\s+)?(kinerja|rencana)|formulir|form\s+(realisasi|capaian)/.test(
      cover,
    )
  )
    return 'realisasi';
  const anyTitle = reportTitle.test(cover) || reportTitle.test(naming);
  // a kecamatan's own report names the kecamatan on its cover or where it names itself
  const kecamatan = /(?<!\p{L})(Kecamatan|KECAMATAN|Kec\.|KEC\.)\s+\p{Lu}/u;
  const namesKecamatan = /(laporan\s+kinerja|lkj)[^.]{0,120}?(?<!\p{L})(Kecamatan|KECAMATAN)\s+\p{Lu}/iu;
  if (
    anyTitle &&
    (kecamatan.test(coverText) || namesKecamatan.test(namingText.replace(/(?<!\p{L})kecamatan(?=\s+\p{Ll})/gu, '')))
  )
    return 'lkj';
  if (
    /laporan\s+(akuntabilitas\s+)?kinerja\s+instansi|(?<!\p{L})(lkjip|lkip|lakip)(?!\p{L})/u.test(`${cover} ${naming}`)
  )
    return 'lkip';
  if (
    anyTitle &&
    /(?<!\p{L})(dinas|badan|biro|sekretariat\s+daerah|inspektorat|rsud|rumah\s+sakit|kantor|provinsi|satuan\s+polisi)(?!\p{L})/u.test(
      cover,
    )
  )
    return 'lkip';
  if (anyTitle) return 'lkj';
  return 'other';
}
