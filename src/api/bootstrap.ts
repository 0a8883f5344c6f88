/**
 * First start of a fresh installation: an admin account with a random password (printed once by
 * the caller), and the fixtures' sample reports so a newcomer sees a real review queue.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { generatePassword, hashPassword } from '../accounts/passwords.js';
import { ingestBytes, PRIORITY } from '../jobs/stages.js';
import type { Runtime } from '../queue/runtime.js';
import { writeAudit } from '../store/audit.js';
import type { DocumentRow } from '../store/store.js';
import { Users } from '../store/users.js';
import { PACKAGE_ROOT } from './config.js';

export const FIRST_ADMIN = 'admin';

/** Creates the first admin when there is no account at all; returns its password, or null. */
export async function ensureFirstAdmin(rt: Runtime): Promise<{ username: string; password: string } | null> {
  const users = new Users(rt.store.db);
  if ((await users.count()) > 0) return null;
  const password = generatePassword();
  await users.create(FIRST_ADMIN, 'admin', await hashPassword(password));
  await writeAudit(rt.store.db, 'system', 'user-created', null, {
    after: { username: FIRST_ADMIN, role: 'admin' },
    reason: 'first start',
  });
  return { username: FIRST_ADMIN, password };
}

/** Two scanned samples (OCR, ~20 s each on two cores): the replica of the real report and a short one. */
const SAMPLE_SCANS = ['candipuro-tw2-2024_scan.pdf', 'rowokangkung-tw4-2022_scan.pdf'];

/**
 * The born-digital sample reports first (a second each), then `scans` scanned ones, queued behind
 * anything a person uploads. Only into an empty database; a clone without fixtures loads nothing.
 */
export async function loadSamples(rt: Runtime, o: { scans?: number; corpus?: string } = {}): Promise<DocumentRow[]> {
  const [{ n }] = (await rt.store.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM documents')) as [
    { n: number },
  ];
  if (n > 0) return [];
  const corpus = o.corpus ?? path.join(PACKAGE_ROOT, 'fixtures', 'corpus');
  const born = (await fs.readdir(path.join(corpus, 'born')).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const files = [
    ...born.map((f) => path.join(corpus, 'born', f)),
    ...SAMPLE_SCANS.slice(0, o.scans ?? SAMPLE_SCANS.length).map((f) => path.join(corpus, 'scan', f)),
  ];
  const queued: DocumentRow[] = [];
  for (const file of files) {
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) continue;
    const r = await ingestBytes(rt.store, bytes, path.basename(file), { priority: PRIORITY.bulk });
    if (r.outcome === 'queued') queued.push(r.doc);
  }
  if (queued.length) await writeAudit(rt.store.db, 'system', 'samples-loaded', null, { documents: queued.length });
  return queued;
}
