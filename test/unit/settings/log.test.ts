import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, log, ocrDebugLog, withLogger } from '../../../src/settings/log.js';
import { toInternalError } from '../../../src/intake/errors.js';
import { capturedLogger } from '../../helpers/log.js';

describe('the logger', () => {
  it('writes one JSON object per line: level as a word, ISO time, msg, the bindings of its children', () => {
    const { logger, lines } = capturedLogger('info');
    const job = logger.child({ doc: 42, stage: 'page' });
    job.child({ page: 3 }).info({ ms: 120 }, 'page 3 read');
    job.debug('not at info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', doc: 42, stage: 'page', page: 3, ms: 120, msg: 'page 3 read' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    expect(lines[0]!.pid).toBe(process.pid);
  });

  it('its level comes from LKJ_LOG_LEVEL, info when unset or unknown', () => {
    expect(createLogger({ env: {}, destination: { write: () => {} } }).level).toBe('info');
    expect(createLogger({ env: { LKJ_LOG_LEVEL: 'DEBUG' }, destination: { write: () => {} } }).level).toBe('debug');
    expect(createLogger({ env: { LKJ_LOG_LEVEL: 'verbose' }, destination: { write: () => {} } }).level).toBe('info');
    expect(createLogger({ env: { LKJ_LOG_LEVEL: 'silent' }, destination: { write: () => {} } }).level).toBe('silent');
  });

  it('a failed query is logged without its parameters (whole reports), its SQL cut short', () => {
    const { logger, lines } = capturedLogger();
    const e = Object.assign(new Error('value refused'), {
      code: 'P0001',
      query: `INSERT INTO report_versions ${'x'.repeat(1000)}`,
      params: [3, '{"report":"SECRET NIP 198107142009011006"}'],
    });
    logger.error({ err: e }, 'internal error');
    const err = lines[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({ message: 'value refused', code: 'P0001' });
    expect(err.params).toBeUndefined();
    expect((err.query as string).length).toBeLessThan(320);
    expect(JSON.stringify(lines[0])).not.toContain('SECRET');
  });

  it('an error is logged with its stack under err', () => {
    const { logger, lines } = capturedLogger();
    logger.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]!.err as { message: string; stack: string }).toMatchObject({ message: 'boom', type: 'Error' });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/\n\s+at /);
  });
});

describe('the current logger (withLogger)', () => {
  it("what a job calls logs with the job's bindings, across awaits, and only inside it", async () => {
    const { logger, lines } = capturedLogger();
    const job = logger.child({ doc: 7, stage: 'assemble' });
    await withLogger(job, async () => {
      await new Promise((r) => setTimeout(r, 1));
      log().info('inside');
      toInternalError(new Error('bug'), 'x.pdf'); // deep code logs through log()
    });
    expect(log()).not.toBe(job);
    expect(lines.map((l) => [l.doc, l.stage, l.msg])).toEqual([
      [7, 'assemble', 'inside'],
      [7, 'assemble', 'internal error (x.pdf): bug'],
    ]);
    expect(lines[1]).toMatchObject({ level: 'error', file: 'x.pdf' });
  });

  it('two jobs at once keep their own bindings', async () => {
    const { logger, lines } = capturedLogger();
    const run = (doc: number, wait: number) =>
      withLogger(logger.child({ doc }), async () => {
        await new Promise((r) => setTimeout(r, wait));
        log().info(`done ${doc}`);
      });
    await Promise.all([run(1, 20), run(2, 1)]);
    expect(lines.map((l) => [l.doc, l.msg])).toEqual([
      [2, 'done 2'],
      [1, 'done 1'],
    ]);
  });
});

describe('OCR re-read messages (LKJ_DEBUG_OCR)', () => {
  const saved = process.env.LKJ_DEBUG_OCR;
  afterEach(() => {
    if (saved === undefined) delete process.env.LKJ_DEBUG_OCR;
    else process.env.LKJ_DEBUG_OCR = saved;
  });

  it('at info level they are not made at all', () => {
    delete process.env.LKJ_DEBUG_OCR;
    const { logger } = capturedLogger('info');
    expect(withLogger(logger, () => ocrDebugLog({ page: 1, pass: 'cell' }))).toBeNull();
  });

  it('at debug level they are logged with the page and the pass', () => {
    delete process.env.LKJ_DEBUG_OCR;
    const { logger, lines } = capturedLogger('debug');
    withLogger(logger.child({ doc: 3 }), () =>
      ocrDebugLog({ page: 2, pass: 'nip' })?.debug({ first: 'NIP 1', second: 'NIP 19' }, 'nip reread'),
    );
    expect(lines).toEqual([
      expect.objectContaining({ level: 'debug', doc: 3, page: 2, pass: 'nip', first: 'NIP 1', msg: 'nip reread' }),
    ]);
  });

  it('LKJ_DEBUG_OCR shows them at info level, and nothing else at debug', () => {
    process.env.LKJ_DEBUG_OCR = '1';
    const { logger, lines } = capturedLogger('info');
    withLogger(logger, () => {
      ocrDebugLog({ page: 1, pass: 'spot' })?.debug('spot 1,2,3,4');
      log().debug('another debug line');
    });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([['debug', 'spot 1,2,3,4']]);
  });
});
