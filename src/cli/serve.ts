/** `lkj serve`: open the runtime, first-start setup, listen until SIGINT/SIGTERM, then close in order. */
import type { FastifyInstance } from 'fastify';
import { openRuntime, type Runtime } from '../queue/runtime.js';
import { buildServer } from '../api/server.js';
import { ensureFirstAdmin, loadSamples } from '../api/bootstrap.js';
import type { Lang } from '../verify/index.js';
import { CliError, say } from './messages.js';
import { assertModeEnv } from './runtime.js';
import { rootLogger } from '../settings/log.js';

export async function runServe(o: {
  port: number;
  host: string;
  samples: boolean;
  sampleScans?: number;
  lang: Lang;
}): Promise<void> {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)
    throw new CliError(say(o.lang, 'badPort', { port: o.port }));
  assertModeEnv(undefined, o.lang);
  const logger = rootLogger();
  let rt: Runtime | null = null;
  let app: FastifyInstance | null = null;
  try {
    rt = await openRuntime(undefined, { share: true });
    const server = await buildServer(rt, { logger });
    app = server.app;
    await app.listen({ port: o.port, host: o.host });
    // only once the server listens: with the port taken, no account is made whose password nobody saw
    const admin = await ensureFirstAdmin(rt);
    const samples = o.samples ? await loadSamples(rt, { scans: o.sampleScans }) : [];
    if (samples.length) await server.ctx.processor.submitted(samples);
    const shown = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host.includes(':') ? `[${o.host}]` : o.host;
    const url = `http://${shown}:${(app.server.address() as { port: number }).port}`;
    // one write: whoever sees the address (a person, a script, a test) sees the first-start credentials with it
    process.stdout.write(
      say(o.lang, 'serveAddress', { mode: say(o.lang, `mode_${rt.mode}`), where: rt.store.where, url }) +
        '\n' +
        (admin ? `\n${say(o.lang, 'firstAdmin', { ...admin })}\n\n` : ''),
    );
    if (samples.length) process.stdout.write(`${say(o.lang, 'samplesQueued', { n: samples.length })}\n`);
    const sig = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    logger.info({ signal: sig }, `${sig}: finishing the current document, then stopping`);
    // a second signal does not wait
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
  } finally {
    await app?.close(); // stops the background processing after the current document
    await rt?.close(); // gives the embedded database folder back (src/store/data-lock.ts)
  }
}
