import { z } from 'zod';
import { TableId } from './contract.js';

/**
 * A profile names the quirks of one kabupaten's template, for documents the defaults read less
 * well: the words it prints over its columns, its number style, its rating scale when a report
 * leaves it out, and its calculation method. The default reads every shape without one
 * (docs/contract.md, "Profiles"); a profile only adds certainty. `lkj extract --profile FILE`,
 * `lkj ingest|run --profile FILE`, and the upload form's `profile` field take one.
 */
export const ColumnFieldName = z.enum([
  'no',
  'sasaran',
  'indikator',
  'target',
  'realisasi',
  'capaian',
  'interval',
  'kriteria',
  'pagu',
  'realisasiAnggaran',
  'capaianAnggaran',
  'uraian',
  'satuan',
  'keterangan',
]);
export type ColumnFieldName = z.infer<typeof ColumnFieldName>;

export const ProfileBand = z
  .object({
    /** percent; null for an open lower end (`≤ 50 %`) */
    min: z.number().nullable(),
    /** percent; null for an open upper end (`> 100 %`) */
    max: z.number().nullable(),
    kriteria: z.string().min(1),
  })
  .strict();

export const Profile = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    kabupaten: z.string().optional(),
    /** extra header words per role and field, tried before the defaults (`{"2.3": {"realisasi": ["Hasil"]}}`) */
    columns: z.partialRecord(TableId, z.partialRecord(ColumnFieldName, z.array(z.string().min(1)).min(1))).optional(),
    /** `id`: 48.320.000,00; `en`: 48,320,000.00; unset: detected per table from the cells */
    numberStyle: z.enum(['id', 'en']).optional(),
    /** the template's rating scale, used when a report does not print its own Tabel 2.2 */
    scale: z.array(ProfileBand).min(2).optional(),
    method: z
      .object({
        /** capaian is capped at this percent (100, 120); null: not capped */
        cap: z.number().positive().nullable().optional(),
        /** words marking a lower-is-better indicator, besides `penurunan`, `menurun`, `berkurang` */
        negativeIndicators: z.array(z.string().min(2)).optional(),
        /** a realisasi outside a range target is judged against the nearer bound (default), or always the lower/upper one */
        rangeTargets: z.enum(['nearer', 'lower', 'upper']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Profile = z.infer<typeof Profile>;

/** A profile from JSON text, with a clear reason when it is not one. */
export function parseProfile(json: string, source = 'profile'): Profile {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${source}: not JSON (${(e as Error).message})`);
  }
  const r = Profile.safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${source}: not a valid profile (${issues})`);
  }
  return r.data;
}
