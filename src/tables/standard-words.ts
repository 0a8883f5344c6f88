import { PROGRAM_NAMES } from './reconcile-text.js';

/**
 * Words of the national nomenclature of kecamatan programs and kegiatan (Kepmendagri
 * 050-5889/2021) and of the indicators SAKIP reports are made of. A report's narrative does not
 * always repeat its tables' words (`Jumlah Posyandu yang Dibina` with no `jumlah` in the text), and
 * on a 1-bit scan the narrative may read none of them surely; these spell the cell reader's slips
 * (`Jumiah`) all the same. Only words of six letters or more: shorter ones lie too near each other.
 */
const NOMENCLATURE = `
  administrasi akuntabilitas anggaran bantuan barang bencana capaian dibina dilaksanakan
  dilimpahkan ditindaklanjuti dokumen ekonomi evaluasi fasilitasi gotong indeks indikator jaminan
  jumlah kegiatan kelembagaan kelurahan kemasyarakatan kepala kepegawaian kependudukan kepuasan
  kesejahteraan ketenteraman ketentraman ketertiban kewenangan keuangan kinerja koordinasi kualitas
  laporan lembaga masyarakat meningkatnya milik miskin musrenbang pelaksanaan pelanggaran pelayanan
  pembangunan pembinaan pemberdayaan pemeliharaan pemerintah pemerintahan penanganan penanggulangan
  penataan pencapaian pendataan penegakan penerapan penetapan penganggaran pengaduan pengadaan pengawasan
  pengelolaan pengembangan peningkatan penunjang penyediaan penyelenggaraan perangkat peraturan
  perencanaan perizinan perlindungan persentase partisipasi prasarana program publik realisasi
  rehabilitasi rekomendasi royong sarana sasaran sinergi sosial swadaya tercapainya terfasilitasinya
  terkoordinasinya terlaksananya terselenggaranya tersedianya tingkat upaya urusan wilayah
`;

/** The standard words, lower case (see above). */
export const STANDARD_WORDS: ReadonlySet<string> = new Set(
  [...NOMENCLATURE.split(/\s+/), ...PROGRAM_NAMES.flatMap((n) => n.toLowerCase().split(/[\s/]+/))].filter(
    (w) => w.length >= 6 && /^\p{L}+$/u.test(w),
  ),
);

/** A narrative's vocabulary with the standard words added (counted once each where it lacks them). */
export function withStandardWords(vocab: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map(vocab);
  for (const w of STANDARD_WORDS) if (!out.has(w)) out.set(w, 1);
  return out;
}
