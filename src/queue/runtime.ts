import { loadSettings, type Env } from '../settings/settings.js';
import { openStore, storeConfig, type Store } from '../store/store.js';
import { DocumentQueue, redis } from './bullmq.js';

export type Mode = 'embedded' | 'distributed';

/** The edges every command needs, from the environment: `DATABASE_URL` and `REDIS_URL` switch to distributed mode. */
export interface Runtime {
  mode: Mode;
  store: Store;
  redisUrl: string | null;
  /** the BullMQ producer in distributed mode (null when embedded) */
  queue: DocumentQueue | null;
  close(): Promise<void>;
}

/** `share` and `attach`: how an embedded data folder is used by several local processes (see StoreConfig). */
export async function openRuntime(env?: Env, o: { share?: boolean; attach?: boolean } = {}): Promise<Runtime> {
  const redisUrl = loadSettings(env).redisUrl ?? null;
  const store = await openStore({ ...storeConfig(env), ...o });
  let conn: ReturnType<typeof redis> | null = null;
  let queue: DocumentQueue | null = null;
  if (redisUrl) {
    conn = redis(redisUrl);
    conn.on('error', () => {}); // a command reports what it could not do
    queue = new DocumentQueue(conn);
  }
  return {
    mode: redisUrl ? 'distributed' : 'embedded',
    store,
    redisUrl,
    queue,
    async close() {
      await queue?.close().catch(() => {});
      conn?.disconnect();
      await store.close();
    },
  };
}
