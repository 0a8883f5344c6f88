import type { Lang } from './types.js';

/** Reviewer-facing messages, Bahasa Indonesia first. `{name}` placeholders are filled by msg(). */
export const MESSAGES: Record<string, Record<Lang, string>> = {
  R1: {
    id: 'Capaian {stated} tidak sama dengan realisasi / target × 100 = {realisasi} / {target} × 100 = {expected}.',
    en: 'Capaian {stated} does not equal realisasi / target × 100 = {realisasi} / {target} × 100 = {expected}.',
  },
  'R1.negative': {
    id: 'Capaian {stated} tidak sama dengan (2 × target − realisasi) / target × 100 = (2 × {target} − {realisasi}) / {target} × 100 = {expected} (indikator yang makin kecil makin baik).',
    en: 'Capaian {stated} does not equal (2 × target − realisasi) / target × 100 = (2 × {target} − {realisasi}) / {target} × 100 = {expected} (a lower-is-better indicator).',
  },
  'R1.range': {
    id: 'Capaian {stated} tidak sama dengan {expected}: realisasi {realisasi} berada di dalam rentang target.',
    en: 'Capaian {stated} does not equal {expected}: realisasi {realisasi} lies inside the target range.',
  },
  'R1.capped': {
    id: ' Laporan menetapkan capaian paling tinggi {cap}%.',
    en: ' The report caps capaian at {cap}%.',
  },
  R2: {
    id: 'Capaian anggaran {stated} tidak sama dengan realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'Budget capaian {stated} does not equal realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  R3: {
    id: 'Capaian {stated} tidak sama dengan realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'Capaian {stated} does not equal realisasi / pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  R4: {
    id: '{field} program {stated} tidak sama dengan jumlah kegiatannya ({items}) = {expected}.',
    en: 'Program {field} {stated} does not equal the sum of its kegiatan ({items}) = {expected}.',
  },
  'R4.level': {
    id: '{field} baris {row} {stated} tidak sama dengan jumlah rincian di bawahnya ({items}) = {expected}.',
    en: '{field} of row {row} {stated} does not equal the sum of the rows under it ({items}) = {expected}.',
  },
  'R3.children': {
    id: 'Capaian {stated} tidak sama dengan realisasi / pagu rincian di bawahnya ({items}) × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'Capaian {stated} does not equal the realisasi / pagu of the rows under it ({items}) × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  'R5.sum': {
    id: '{field} JUMLAH {stated} tidak sama dengan jumlah program/kegiatan = {expected}.',
    en: 'JUMLAH {field} {stated} does not equal the sum of the programs/kegiatan = {expected}.',
  },
  'R5.capaian': {
    id: 'Capaian JUMLAH {stated} tidak sama dengan total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
    en: 'JUMLAH capaian {stated} does not equal total realisasi / total pagu × 100 = {realisasi} / {pagu} × 100 = {expected}.',
  },
  R6: {
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
  T1: {
    id: 'Tabel {table} tidak ditemukan di dokumen; aturan yang memakainya tidak dapat diperiksa.',
    en: 'Tabel {table} was not found in the document; the rules that use it could not be checked.',
  },
  'X1.labels': {
    id: 'Nomor baris Tabel {table} tidak berurutan (terbaca “{stated}”): mungkin ada baris yang salah terbaca atau hilang; periksa tabel ini di halaman aslinya.',
    en: 'Tabel {table} row numbers are out of sequence (read “{stated}”): a row may have been misread or lost; check this table on the page.',
  },
  'X1.missingRow': {
    id: 'Tabel {table} memuat lebih sedikit indikator daripada tabel kinerja lainnya (baris {row} tidak terbaca).',
    en: 'Tabel {table} lists fewer indicators than the other performance tables (row {row} was not read).',
  },
  'X1.missingKegiatan': {
    id: 'Tidak semua kegiatan Tabel 2.4 terbaca di Tabel 2.5: mungkin ada baris Tabel 2.5 yang tidak terbaca.',
    en: 'Not every Tabel 2.4 kegiatan was read in Tabel 2.5: a Tabel 2.5 row may not have been read.',
  },
  'X1.bandBound': {
    id: 'Batas interval Tabel 2.2 baris {row} terbaca {stated}, di luar 0–100%: salah baca.',
    en: 'Tabel 2.2 row {row} band bound read as {stated}, outside 0–100%: a misreading.',
  },
  'X1.bandSpan': {
    id: 'Interval Tabel 2.2 baris {row} terbaca {stated}%, mencakup dua kategori lain: salah baca.',
    en: 'Tabel 2.2 row {row} band read as {stated}%, holding two other bands whole: a misreading.',
  },
  'X1.bandUnread': {
    id: 'Interval Tabel 2.2 baris {row} terbaca “{stated}”, tanpa batas persentase: salah baca.',
    en: 'Tabel 2.2 row {row} band read as “{stated}”, with no percent bound: a misreading.',
  },
  'X1.bandLabel': {
    id: 'Kategori Tabel 2.2 baris {row} tidak terbaca: kategori narasi tidak dapat dinilai; periksa tabel ini di halaman aslinya.',
    en: 'Tabel 2.2 row {row} band name was not read: the narrative’s kategori cannot be judged; check this table on the page.',
  },
  'X1.moneyGroups': {
    id: 'Nilai uang Tabel {table} baris {row} ({field}) terbaca “{stated}”, tidak dalam kelompok tiga angka: salah baca.',
    en: 'Tabel {table} row {row} money ({field}) read as “{stated}”, not in digit groups of three: a misreading.',
  },
  'X1.unread': {
    id: 'Judul Tabel {table} ditemukan, tetapi isi tabelnya tidak dapat dibaca; aturan yang memakainya tidak dapat diperiksa.',
    en: 'The caption of Tabel {table} was found, but its grid could not be read; the rules that use it could not be checked.',
  },
  'X1.rests': {
    id: ' Tabel yang mendasarinya tidak terbaca utuh (lihat X1): periksa di halaman aslinya.',
    en: ' A table this rests on was not read whole (see X1): check it on the page.',
  },
  G1: {
    id: 'Tanda tangan elektronik {field} tidak utuh: {reason}.',
    en: 'The digital signature {field} is not intact: {reason}.',
  },
  G2: {
    id: 'Dokumen diubah setelah ditandatangani oleh {signer} ({field}): {changes}.',
    en: 'The document was changed after {signer} signed it ({field}): {changes}.',
  },
  G3: {
    id: 'Penanda tangan {signer} ({field}, penerbit {issuer}) tidak dapat dipercaya: {reason}.',
    en: 'The signer {signer} ({field}, issued by {issuer}) is not trusted: {reason}.',
  },
  G4: {
    id: 'Penanda tangan elektronik {signer} ({field}) bukan penanda tangan laporan ({names}).',
    en: "The digital signer {signer} ({field}) is none of the report's signatories ({names}).",
  },
  'G.byte-range': {
    id: '/ByteRange tidak menutup seluruh revisi selain /Contents, atau menunjuk ke luar berkas',
    en: '/ByteRange does not cover the whole revision except /Contents, or points outside the file',
  },
  'G.contents-too-large': { id: '/Contents terlalu besar untuk diperiksa', en: '/Contents is too large to check' },
  'G.cms-unreadable': {
    id: 'data CMS tanda tangan terpotong atau rusak',
    en: "the signature's CMS data is truncated or damaged",
  },
  'G.unsupported': { id: 'format atau algoritma (OID) tidak dikenal', en: 'an unknown format or algorithm (OID)' },
  'G.no-signer-certificate': {
    id: 'sertifikat penanda tangan tidak ada di dalam tanda tangan',
    en: 'the signer certificate is not in the signature',
  },
  'G.digest-mismatch': {
    id: 'isi yang ditandatangani telah berubah (ringkasan pesan yang ditandatangani tidak sama dengan hash /ByteRange)',
    en: 'the signed content was altered (messageDigest differs from the hash of the /ByteRange)',
  },
  'G.signature-invalid': {
    id: 'nilai tanda tangan tidak cocok dengan kunci sertifikat penanda tangan',
    en: "the signature value does not verify with the signer certificate's key",
  },
  'G.timestamp-invalid': { id: 'token cap waktu (timestamp) tidak valid', en: 'the timestamp token is not valid' },
  'G.certificate-expired': {
    id: 'sertifikat tidak berlaku pada waktu penandatanganan',
    en: 'the certificate was not valid at the signing time',
  },
  'G.no-trust-anchors': {
    id: 'belum ada sertifikat akar tepercaya yang diatur (LKJ_TRUST_ANCHORS)',
    en: 'no trust anchors are configured (LKJ_TRUST_ANCHORS)',
  },
  'G.trust-anchors-unreadable': {
    id: 'berkas sertifikat akar (LKJ_TRUST_ANCHORS) tidak dapat dibaca',
    en: 'the trust anchors (LKJ_TRUST_ANCHORS) cannot be read',
  },
  'G.chain-untrusted': {
    id: 'rantai sertifikat tidak sampai ke sertifikat akar tepercaya',
    en: 'the certificate chain does not lead to a trust anchor',
  },
  'G.added': { id: 'ditambahkan', en: 'added' },
  'G.removed': { id: 'dihapus', en: 'removed' },
  'G.modified': { id: 'diubah', en: 'changed' },
  'G.change.page': { id: 'halaman {page} {change}', en: 'page {page} {change}' },
  'G.change.annotation': {
    id: 'anotasi {name} di halaman {page} {change}',
    en: '{name} annotation on page {page} {change}',
  },
  'G.change.form-field': { id: 'isian formulir {name} {change}', en: 'form field {name} {change}' },
  'G.change.signature': { id: 'tanda tangan {name} {change}', en: 'signature {name} {change}' },
  'G.change.metadata': { id: 'metadata {name} {change}', en: 'metadata {name} {change}' },
  'G.change.document': { id: 'struktur dokumen {name} {change}', en: 'document structure {name} {change}' },
  'G.change.unreadable': {
    id: 'tambahan sesudah tanda tangan tidak dapat dibaca',
    en: 'what was appended after the signature cannot be read',
  },
  'G.change.none': {
    id: 'ada data yang ditambahkan sesudah tanda tangan',
    en: 'data was appended after the signature',
  },
  'T2.columns': {
    id: '{caption} (hlm. {page}) tampaknya Tabel {table}, tetapi kolomnya ({labels}) tidak dapat dibaca: tabel ini tidak diambil, periksa di halaman aslinya.',
    en: '{caption} (p. {page}) looks like Tabel {table}, but its columns ({labels}) could not be read: the table was not taken, check it on the page.',
  },
  'T2.duplicate': {
    id: '{caption} (hlm. {page}) juga tampaknya Tabel {table}, tetapi tabel lain sudah dibaca sebagai Tabel {table}: periksa mana yang dimaksud.',
    en: '{caption} (p. {page}) also looks like Tabel {table}, but another table was read as Tabel {table}: check which is meant.',
  },
  T3: {
    id: 'Kolom “{label}” di Tabel {table} tidak dikenali: isinya tidak dibaca.',
    en: 'Column “{label}” of Tabel {table} was not understood: its cells were not read.',
  },
  'T3.position': {
    id: 'Kolom “{label}” di Tabel {table} tidak dikenali dari judulnya; dibaca menurut posisinya (kolom templat di tempat itu): periksa, atau beri profil templat.',
    en: "Column “{label}” of Tabel {table} was not understood from its header; it was read by its place (the template's column there): check it, or give a template profile.",
  },
  N1: {
    id: 'Angka “{raw}” di Tabel {table} dapat dibaca dua cara (titik/koma ribuan atau desimal) dan gaya angka dokumen tidak menentukannya: periksa di halaman aslinya.',
    en: 'The number “{raw}” in Tabel {table} reads two ways (thousands or decimal separator) and the document’s number style does not decide: check it on the page.',
  },
  'M1.kecamatan': {
    id: 'Nama kecamatan tidak ditemukan di sampul, judul, maupun blok tanda tangan.',
    en: 'The kecamatan is named neither on the cover, in the title nor in the signature block.',
  },
  'M1.kabupaten': {
    id: 'Nama kabupaten tidak ditemukan di sampul, judul, maupun blok tanda tangan.',
    en: 'The kabupaten is named neither on the cover, in the title nor in the signature block.',
  },
  'M1.period': {
    id: 'Periode laporan (tribulan, semester, tahunan) tidak ditemukan di sampul maupun judul.',
    en: 'The reporting period (tribulan, semester, tahunan) is named neither on the cover nor in the title.',
  },
  'M1.year': {
    id: 'Tahun laporan tidak ditemukan di sampul maupun judul.',
    en: 'The report year is named neither on the cover nor in the title.',
  },
  'uncertain.kind': {
    id: ' Dokumen ini bukan LKj kecamatan ({kind}): aturan ini dibuat untuk tabel LKj, periksa sebelum menyimpulkan.',
    en: ' This document is not a kecamatan LKj ({kind}): the rule was built for LKj tables, check before concluding.',
  },
  uncertain: {
    id: ' Angka ini terbaca dengan keyakinan rendah: periksa di halaman aslinya.',
    en: ' This number was read with low confidence: check it on the page.',
  },
};

export function message(lang: Lang, key: string, vars: Record<string, string | number>): string {
  const tpl = MESSAGES[key]?.[lang] ?? MESSAGES[key]?.id ?? key;
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
