import { createLogger, type Logger } from '../../src/settings/log.js';
import type { LogLevel } from '../../src/settings/settings.js';

/** A logger nobody reads: tests that build a server or start workers in-process. */
export const quietLogger = (): Logger => createLogger({ level: 'silent' });

/** A logger whose JSON lines are kept, parsed, for a test to look at. */
export function capturedLogger(level: LogLevel = 'debug'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    destination: {
      write: (s: string) => {
        for (const l of s.split('\n')) if (l) lines.push(JSON.parse(l));
      },
    },
  });
  return { logger, lines };
}
