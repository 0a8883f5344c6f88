import type { Lang } from './types.js';

/** Reviewer-facing messages, Bahasa Indonesia first. `{name}` placeholders are filled by msg(). */
export const MESSAGES: Record<string, Record<Lang, string>> = {
  'R1': {
    id: 'Capaian {stated} tidak sama dengan realisasi / target × 100 = {realisasi} / {target} × 100 = {expected}.',
    en: 'Capaian {stated} does not equal realisasi / target × 100 = {realisasi} / {target} × 100 = {expected}.',
  },
  'R2': {
    id: 'Capaian anggaran {stated} tidak sama dengan realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'Budget capaian {stated} does not equal realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  'R3': {
    id: 'Capaian {stated} tidak sama dengan realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'Capaian {stated} does not equal realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  'R4': {
    id: '{field} program {stated} tidak sama dengan jumlah kegiatannya ({items}) = {expected}.',
    en: 'Program {field} {stated} does not equal the sum of its kegiatan ({items}) = {expected}.',
  },
  'R5.sum': {
    id: '{field} JUMLAH {stated} tidak sama dengan jumlah program/kegiatan = {expected}.',
    en: 'JUMLAH {field} {stated} does not equal the sum of the programs/kegiatan = {expected}.',
  },
  'R5.capaian': {
    id: 'Capaian JUMLAH {stated} tidak sama dengan total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'JUMLAH capaian {stated} does not equal total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  'R6': {
    id: '{field} baris {row} di Tabel {table} ({stated}) berbeda dengan Tabel {other} ({expected}).',
    en: '{field} of row {row} in Tabel {table} ({stated}) differs from Tabel {other} ({expected}).',
  },
  'R7.capaianKinerja': {
    id: 'Narasi menyebut capaian kinerja {stated}, padahal rata-rata capaian Tabel 2.3 (dihitung ulang) = {expected}.',
    en: 'The narrative states capaian kinerja {stated}, but the mean of the recomputed Tabel 2.3 capaian is {expected}.',
  },
  'R7.serapanAnggaran': {
    id: 'Narasi menyebut serapan anggaran {stated}, padahal total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'The narrative states serapan anggaran {stated}, but total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  'R7.inconsistent': {
    id: 'Narasi menyebut {claim} dengan nilai berbeda: {values}.',
    en: 'The narrative states {claim} with different values: {values}.',
  },
  'R7.inconsistentAlso': {
    id: ' Narasi juga menyebut {claim} dengan nilai berbeda: {values}.',
    en: ' The narrative also states {claim} with different values: {values}.',
  },
  'R8.kategori': {
    id: 'Narasi menyebut kategori “{stated}”, padahal capaian kinerja {capaian} masuk kategori “{expected}” menurut Tabel 2.2.',
    en: 'The narrative states kategori “{stated}”, but capaian kinerja {capaian} falls in “{expected}” by Tabel 2.2.',
  },
  'R8.kesimpulan': {
    id: 'Kesimpulan “{stated}” bertentangan dengan angka: capaian kinerja {capaian} (kategori “{band}”).',
    en: 'The conclusion “{stated}” contradicts the numbers: capaian kinerja {capaian} (kategori “{band}”).',
  },
  'R9.gap': {
    id: 'Skala nilai Tabel 2.2 berlubang antara {low} dan {high}: nilai di antaranya tidak masuk kategori mana pun.',
    en: 'Tabel 2.2 bands leave a gap between {low} and {high}: values there fall in no band.',
  },
  'R9.overlap': {
    id: 'Skala nilai Tabel 2.2 tumpang tindih antara {low} dan {high}.',
    en: 'Tabel 2.2 bands overlap between {low} and {high}.',
  },
  'R9.top': {
    id: 'Skala nilai Tabel 2.2 berhenti di {max}, tidak mencapai 100%.',
    en: 'Tabel 2.2 bands stop at {max} and do not reach 100%.',
  },
  'R9.bottom': {
    id: 'Skala nilai Tabel 2.2 mulai dari {min}, tidak dari 0%.',
    en: 'Tabel 2.2 bands start at {min}, not at 0%.',
  },
  'T1': {
    id: 'Tabel {table} tidak ditemukan di dokumen; aturan yang memakainya tidak dapat diperiksa.',
    en: 'Tabel {table} was not found in the document; the rules that use it could not be checked.',
  },
  'uncertain': {
    id: ' Angka ini terbaca dengan keyakinan rendah: periksa di halaman aslinya.',
    en: ' This number was read with low confidence: check it on the page.',
  },
};

export function message(lang: Lang, key: string, vars: Record<string, string | number>): string {
  const tpl = MESSAGES[key]?.[lang] ?? MESSAGES[key]?.id ?? key;
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
