import type { Runtime } from '../queue/runtime.js';
import { loadSettings, type Env } from '../settings/settings.js';
import type { Lang } from '../verify/index.js';
import { CliError, cliLang, say } from './messages.js';

/**
 * Open the runtime from the environment for one command, and close it however the command ends.
 * `attach`: a command that only reads or records (status, report, accounts, ingest) may use an
 * embedded data folder another lkj process holds, through that process; `share`: a long-running
 * holder (serve, worker, schedule, run) lets those commands in.
 */
export async function withRuntime<T>(
  fn: (rt: Runtime) => Promise<T>,
  o: { share?: boolean; attach?: boolean } = {},
): Promise<T> {
  const { openRuntime } = await import('../queue/runtime.js');
  assertModeEnv();
  const rt = await openRuntime(undefined, o);
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export function assertModeEnv(env?: Env, lang: Lang = cliLang()): void {
  const s = loadSettings(env);
  if (s.redisUrl && !s.databaseUrl) throw new CliError(say(lang, 'redisWithoutDatabase'));
}
