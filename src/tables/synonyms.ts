import type { TableId } from '../model/contract.js';
import type { ColumnFieldName } from '../model/profile.js';

/**
 * The words templates print over each column, per table role and field. Kabupaten templates word
 * the same column differently (`Target` / `Target Kinerja`, `Realisasi` / `Realisasi s.d.
 * Triwulan II`, `Anggaran (Rp)` / `Pagu`, `Capaian` / `% Capaian`); a profile may add its own
 * (`Profile.columns`), which are tried first. A phrase matches a header when its words appear in
 * order in it; a phrase word of four letters or more also matches a longer word it starts
 * (`indikator` → `indikatornya`).
 */
export type FieldName = ColumnFieldName;

export type SynonymTable = Partial<Record<TableId, Partial<Record<FieldName, readonly string[]>>>>;

/** Text columns kept by their printed header (`extra`): understood, not checked. */
export const EXTRA_COLUMNS = [
  'sumber data',
  'sumber',
  'formula',
  'rumus',
  'cara perhitungan',
  'cara pengukuran',
  'definisi',
  'penjelasan',
  'penanggung jawab',
  'pj',
  'alasan',
  'program',
  'kegiatan',
  'analisis',
  'upaya',
  'kendala',
  'permasalahan',
] as const;

/**
 * Columns understood and not kept: other years, the Renstra's end target, what is left of a
 * budget, a `Bobot` weight.
 */
export const OTHER_COLUMNS = [
  'renstra',
  'akhir periode',
  'tahun lalu',
  'sebelumnya',
  'sisa',
  'selisih',
  'bobot',
  'kondisi awal',
  'baseline',
] as const;

/**
 * Per role, the fields in the order they are tried: the first that matches a header wins, so a
 * more specific field comes first (`Capaian Realisasi` is the capaian; `Realisasi Anggaran` in 2.5
 * is the realisasi, not the pagu).
 */
export const DEFAULT_SYNONYMS: Record<TableId, [FieldName, readonly string[]][]> = {
  '2.1': [
    ['keterangan', ['ket', 'keterangan', 'catatan']],
    ['satuan', ['satuan', 'sat']],
    ['target', ['target', 'tgt']],
    ['indikator', ['indikator', 'iku', 'ukuran keberhasilan']],
    ['sasaran', ['sasaran', 'tujuan']],
  ],
  '2.2': [
    ['kriteria', ['kriteria', 'predikat', 'kategori', 'peringkat', 'keterangan', 'penilaian', 'tingkat keberhasilan']],
    ['interval', ['interval', 'nilai', 'rentang', 'skor', 'skala', 'range', 'capaian', 'persentase', '%']],
  ],
  '2.3': [
    ['keterangan', ['ket', 'keterangan', 'catatan']],
    ['satuan', ['satuan', 'sat']],
    ['capaian', ['capaian', 'persentase capaian', 'tingkat capaian', '%']],
    ['realisasi', ['realisasi', 'hasil']],
    ['target', ['target', 'tgt']],
    ['indikator', ['indikator', 'iku']],
    ['sasaran', ['sasaran', 'kegiatan', 'tujuan']],
  ],
  '2.4': [],
  '2.5': [
    ['keterangan', ['ket', 'keterangan', 'catatan']],
    ['capaian', ['capaian', 'persentase', 'serapan %']],
    ['realisasi', ['realisasi', 'serapan']],
    ['pagu', ['pagu', 'anggaran', 'alokasi', 'dpa']],
    ['uraian', ['program', 'kegiatan', 'uraian', 'nama']],
  ],
};

export function tokens(label: string): string[] {
  return label
    .toLowerCase()
    .replace(/s\s*\.\s*d\s*\./g, 'sd')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** A phrase's words in order in the header's words (see the module comment). */
export function hasPhrase(t: readonly string[], phrase: string): boolean {
  const p = tokens(phrase);
  if (!p.length) return false;
  const word = (x: string, w: string) => x === w || (w.length >= 4 && x.startsWith(w));
  for (let i = 0; i + p.length <= t.length; i++) if (p.every((w, j) => word(t[i + j]!, w))) return true;
  return false;
}

export const hasAny = (t: readonly string[], phrases: readonly string[]) => phrases.some((p) => hasPhrase(t, p));
