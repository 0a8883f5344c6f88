/** Health and dashboard figures. */
import { z } from 'zod';
import { dashboardStats } from '../../store/stats.js';
import type { ApiContext } from '../context.js';
import { toFilter } from '../listing.js';
import { FilterQuery, StatsAnswer } from '../schemas.js';

export function statsRoutes({ routes, store, rt }: ApiContext): void {
  routes.add(
    {
      method: 'GET',
      url: '/api/health',
      access: 'public',
      tag: 'status',
      summary: 'The server is up (no login needed)',
      response: z.object({ ok: z.boolean(), mode: z.enum(['embedded', 'distributed']) }),
    },
    async () => {
      await store.db.query('SELECT 1');
      return { ok: true, mode: rt.mode };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/api/stats',
      access: 'viewer',
      tag: 'status',
      summary:
        'Dashboard figures for the selected reports: counts per status, flagged rate (% of read reports), capaian kinerja and serapan anggaran by unit and period (who has reported when), reports processed per day (last `days`), findings per rule',
      description:
        "capaianKinerja: mean of Tabel 2.3's stated capaian, averaged over the reports of the group; serapanAnggaran: total realisasi / total pagu × 100 of Tabel 2.5's kegiatan (programs when no kegiatan), averaged likewise. Both in percent.",
      query: FilterQuery.extend({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      response: StatsAnswer,
    },
    async ({ query }) => dashboardStats(store.db, toFilter(query), query.days),
  );
}
