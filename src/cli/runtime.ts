import type { Runtime } from '../queue/runtime.js';

/** Open the runtime from the environment for one command, and close it however the command ends. */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('../queue/runtime.js');
  assertModeEnv();
  const rt = await openRuntime();
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export function assertModeEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (env.REDIS_URL && !env.DATABASE_URL) {
    throw new Error('REDIS_URL is set without DATABASE_URL: workers on several machines need one PostgreSQL (the embedded database serves one process)');
  }
}
