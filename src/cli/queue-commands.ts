/**
 * The commands around the queue and the store: ingest, worker, status, report, schedule,
 * reprocess, run. Each opens the runtime from the environment (DATABASE_URL, REDIS_URL,
 * LKJ_DATA_DIR), so every command works in both modes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import { type Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import type { Lang } from '../verify/index.js';
import { withRuntime } from './runtime.js';
import { CliError, cliLang, langOption, say } from './messages.js';
import type { Report } from '../model/contract.js';
import { EXIT } from './exit-codes.js';

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`lkj: ${s}\n`);

function bar(format: string): cliProgress.SingleBar | null {
  return process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format, stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
}

/** Resolves on SIGINT/SIGTERM; a second signal exits at once. */
function untilSignal(onFirst?: () => void): Promise<string> {
  return new Promise((resolve) => {
    const handler = (sig: string) => {
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      onFirst?.();
      resolve(sig);
    };
    process.once('SIGINT', () => handler('SIGINT'));
    process.once('SIGTERM', () => handler('SIGTERM'));
  });
}

export function addQueueCommands(program: Command): void {
  program
    .command('ingest')
    .description(
      'record files (PDF, JPG, PNG, TIFF) as documents and queue them; the same bytes twice are one document',
    )
    .argument('<paths...>', 'files or folders')
    .option('--recursive', 'also read subfolders')
    .option('--force', 're-process documents already stored (a new report version, reason "force")')
    .addOption(
      new Option('--priority <p>', 'queue priority (default: upload for one file, bulk for more)').choices([
        'upload',
        'bulk',
      ]),
    )
    .option('--json', 'print {"queued","duplicates","rejected":[{"file","reason"}]}')
    .option('--profile <file>', "a kabupaten template's quirks as JSON, kept with every document of this batch")
    .addOption(langOption())
    .action(
      async (
        paths: string[],
        o: {
          recursive?: boolean;
          force?: boolean;
          priority?: 'upload' | 'bulk';
          json?: boolean;
          profile?: string;
          lang: Lang;
        },
      ) => {
        const [{ ingestPaths }, { PRIORITY }] = await Promise.all([
          import('../queue/ingest.js'),
          import('../jobs/stages.js'),
        ]);
        const profile = await (await import('./profile-option.js')).loadProfile(o.profile);
        await withRuntime(
          async (rt) => {
            const b = bar(say(o.lang, 'ingestBar'));
            b?.start(0, 0, { file: '' });
            let n = 0;
            const r = await ingestPaths(rt, paths, {
              recursive: o.recursive,
              force: o.force,
              priority: o.priority ? PRIORITY[o.priority] : undefined,
              profile,
              lang: o.lang,
              onFile: (file) => {
                b?.setTotal(++n);
                b?.update(n, { file });
              },
            });
            b?.stop();
            if (r.queueError) err(say(o.lang, 'queueWarning', { detail: r.queueError }));
            if (o.json) {
              out(JSON.stringify({ queued: r.queued.length, duplicates: r.duplicates.length, rejected: r.rejected }));
            } else {
              for (const x of r.rejected) err(`${x.file}: ${x.reason}`);
              out(
                say(o.lang, 'ingestTotals', {
                  queued: r.queued.length,
                  duplicates: r.duplicates.length,
                  rejected: r.rejected.length,
                }),
              );
              if (rt.mode === 'embedded' && r.queued.length) {
                out(
                  rt.store.holder
                    ? say(o.lang, 'ingestHolderHint', { ...rt.store.holder })
                    : say(o.lang, 'ingestEmbeddedHint'),
                );
              }
            }
            process.exitCode = r.rejected.length ? 1 : 0;
          },
          { attach: true },
        );
      },
    );

  program
    .command('worker')
    .description('process queued documents until stopped (SIGINT/SIGTERM: finish the current jobs, then exit)')
    .option('--concurrency <n>', 'jobs of each kind at once in this process (default: CPU cores)', (v) =>
      positiveInt(v, '--concurrency'),
    )
    .addOption(langOption())
    .action(async (o: { concurrency?: number; lang: Lang }) => {
      await withRuntime(
        async (rt) => {
          const { rootLogger } = await import('../settings/log.js');
          const logger = rootLogger();
          const extract = { lang: o.lang };
          if (rt.redisUrl) {
            const { startWorkers } = await import('../queue/bullmq.js');
            const concurrency = o.concurrency ?? os.availableParallelism();
            const w = await startWorkers(rt.store, { redisUrl: rt.redisUrl, concurrency, extract, logger });
            logger.info(
              { mode: 'distributed', concurrency },
              `worker ${process.pid} ready (distributed, concurrency ${concurrency})`,
            );
            const sig = await untilSignal();
            logger.info({ signal: sig }, `${sig}: finishing current jobs`);
            await w.close();
            logger.info({ finished: w.finished() }, `worker stopped after ${w.finished()} document(s)`);
            return;
          }
          const { runPending } = await import('../queue/inline.js');
          const { closeSharedOcrPools } = await import('../ocr/shared-pool.js');
          let stop = false;
          const stopped = untilSignal(() => {
            stop = true;
            logger.info('stopping after the current document');
          });
          logger.info(
            { mode: 'embedded', where: rt.store.where },
            `worker ${process.pid} ready (embedded: ${rt.store.where})`,
          );
          while (!stop) {
            await runPending(rt.store, extract, {
              stopped: () => stop,
              onDone: (d, r) =>
                logger.info({ doc: d.id, stage: 'process', status: r.status }, `${d.file_name}: ${r.status}`),
            });
            await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
          }
          await closeSharedOcrPools();
        },
        { share: true },
      );
    });

  program
    .command('status')
    .description('documents per state, throughput and recent failures with their reasons')
    .option('--json', 'print {"documents":{"total","pending","clean","flagged","failed"},"failures":[…]}')
    .addOption(langOption())
    .action(async (o: { json?: boolean; lang: Lang }) => {
      await withRuntime(
        async (rt) => {
          const [documents, failures, throughput] = await Promise.all([
            rt.store.counts(),
            rt.store.recentFailures(10),
            rt.store.throughput(60),
          ]);
          let queue: Record<string, Record<string, number>> | null = null;
          if (rt.queue) queue = await rt.queue.jobCounts().catch(() => null);
          if (o.json) {
            out(JSON.stringify({ mode: rt.mode, documents, failures, throughput, ...(rt.redisUrl ? { queue } : {}) }));
            return;
          }
          const l = o.lang;
          out(`${say(l, `mode_${rt.mode}`)} (${rt.store.where})`);
          out(say(l, 'statusDocuments', { ...documents }));
          out(
            say(l, 'statusThroughput', {
              done: throughput.done,
              minutes: throughput.lastMinutes,
              rate: throughput.perMinute.toFixed(1),
            }),
          );
          if (rt.redisUrl) {
            out(
              queue
                ? say(l, 'statusQueue', {
                    detail: Object.entries(queue)
                      .map(
                        ([q, c]) =>
                          `${q} ${
                            Object.entries(c)
                              .filter(([, n]) => n)
                              .map(([k, n]) => `${k} ${n}`)
                              .join(', ') || say(l, 'statusQueueEmpty')
                          }`,
                      )
                      .join('; '),
                  })
                : say(l, 'statusRedisDown'),
            );
          }
          if (failures.length) {
            out(say(l, 'statusFailures'));
            for (const f of failures) out(`  ${f.file} (${f.sha256.slice(0, 12)}): ${f.code}: ${f.reason}`);
          }
        },
        { attach: true },
      );
    });

  program
    .command('report')
    .description('the stored report of a document (the contract JSON with --json)')
    .argument('<document>', 'sha256 (or a prefix of 8+ hex digits), document id, or the file itself')
    .option('--json', 'print the output contract')
    .option('--version <n>', 'an earlier version', (v) => positiveInt(v, '--version'))
    .addOption(langOption())
    .action(async (key: string, o: { json?: boolean; version?: number; lang: Lang }) => {
      const [{ sha256 }, { formatSummary }] = await Promise.all([import('../intake/sniff.js'), import('./summary.js')]);
      await withRuntime(
        async (rt) => {
          let lookup: string = key;
          const st = await fs.stat(key).catch(() => null);
          if (st?.isFile()) lookup = sha256(await fs.readFile(key));
          const doc = await rt.store.document(lookup);
          if (!doc) throw new CliError(say(o.lang, 'noDocument', { key }));
          const report: Report | null = await rt.store.report(doc.id, o.version);
          if (!report) {
            if (o.version) throw new CliError(say(o.lang, 'noVersion', { file: doc.file_name, version: o.version }));
            out(
              o.json
                ? JSON.stringify({ status: doc.status, sha256: doc.sha256 })
                : say(o.lang, 'noReportYet', { file: doc.file_name, status: say(o.lang, `docStatus_${doc.status}`) }),
            );
            process.exitCode = EXIT.notReady; // stored, not yet read: a script polls again
            return;
          }
          out(o.json ? JSON.stringify(report, null, 2) : formatSummary(report, o.lang, process.stdout.isTTY ?? false));
        },
        { attach: true },
      );
    });

  program
    .command('schedule')
    .description(
      'ingest an inbox folder on a cron schedule, archive what was stored, record a nightly summary; runs until stopped',
    )
    .requiredOption('--cron <expr>', 'cron expression, 5 fields or 6 with seconds (e.g. "0 2 * * *")')
    .requiredOption('--inbox <dir>', 'folder of new reports')
    .option('--archive <dir>', 'where stored files are moved (default: <inbox>/../archive)')
    .addOption(langOption())
    .action(async (o: { cron: string; inbox: string; archive?: string; lang: Lang }) => {
      const path = await import('node:path');
      const { startScheduler, checkCron } = await import('../queue/scheduler.js');
      checkCron(o.cron);
      const inbox = path.resolve(o.inbox);
      const st = await fs.stat(inbox).catch(() => null);
      if (!st?.isDirectory()) throw new CliError(say(o.lang, 'notAFolder', { dir: o.inbox }));
      const archive = path.resolve(o.archive ?? path.join(inbox, '..', 'archive'));
      await withRuntime(
        async (rt) => {
          const { rootLogger } = await import('../settings/log.js');
          const logger = rootLogger();
          const s = await startScheduler(rt, { cron: o.cron, inbox, archive, extract: { lang: o.lang }, logger });
          logger.info(
            { cron: o.cron, inbox, archive, mode: rt.mode },
            `scheduled "${o.cron}": ${inbox} → ${archive} (${rt.mode})`,
          );
          await untilSignal();
          await s.close();
          const { closeSharedOcrPools } = await import('../ocr/shared-pool.js');
          await closeSharedOcrPools();
        },
        { share: true },
      );
    });

  program
    .command('reprocess')
    .description(
      '--failed: process failed documents again; --all: re-run verification on every stored report (new versions only where the result changed)',
    )
    .option('--failed', 'queue every failed document again (a new run)')
    .option('--all', 're-verify every stored report')
    .addOption(langOption())
    .action(async (o: { failed?: boolean; all?: boolean; lang: Lang }) => {
      if (!o.failed && !o.all) throw new CliError(say(o.lang, 'reprocessChoose'));
      const [{ reverifyStored }, { runPending }, { closeSharedOcrPools }, { InvalidAnalysisError }] = await Promise.all(
        [
          import('../jobs/stages.js'),
          import('../queue/inline.js'),
          import('../ocr/shared-pool.js'),
          import('../store/store.js'),
        ],
      );
      await withRuntime(async (rt) => {
        if (o.all) {
          const docs = await rt.store.documentsWhere(['clean', 'flagged']);
          const b = bar(say(o.lang, 'reverifyBar'));
          b?.start(docs.length, 0);
          const n = { changed: 0, unchanged: 0, skipped: 0, invalid: 0 };
          const invalid: InstanceType<typeof InvalidAnalysisError>[] = [];
          for (const d of docs) {
            try {
              n[await reverifyStored(rt.store, d, { lang: o.lang })]++;
            } catch (e) {
              // one document's broken analysis is said and counted; the others are re-verified
              if (!(e instanceof InvalidAnalysisError)) throw e;
              n.invalid++;
              invalid.push(e);
            }
            b?.increment();
          }
          b?.stop();
          for (const e of invalid)
            err(
              say(o.lang, 'invalidAnalysis', {
                id: e.documentId,
                file: e.fileName,
                version: e.version,
                problems: e.problems,
              }),
            );
          out(say(o.lang, 'reverified', { n: docs.length, ...n }));
          if (n.invalid) process.exitCode = 1;
        }
        if (o.failed) {
          const docs = await rt.store.documentsWhere(['failed']);
          const runs = [];
          for (const d of docs) runs.push(await rt.store.newRun(d.id, 'reprocess'));
          if (rt.queue) {
            await rt.queue.enqueueMany(runs);
            out(say(o.lang, 'failedQueued', { n: runs.length }));
          } else {
            const c = await runPending(rt.store, { lang: o.lang }, {}, new Set(runs.map((d) => d.id)));
            await closeSharedOcrPools();
            out(say(o.lang, 'failedProcessed', { n: runs.length, ...c }));
          }
        }
      });
    });

  program
    .command('run')
    .description('ingest and process in this process (no Redis needed), with a progress bar and a summary')
    .argument('<paths...>', 'files or folders')
    .option('--recursive', 'also read subfolders')
    .option('--force', 're-process documents already stored')
    .option('--json', 'print a JSON summary')
    .option('--profile <file>', "a kabupaten template's quirks as JSON, kept with every document of this batch")
    .addOption(langOption())
    .action(
      async (
        paths: string[],
        o: { recursive?: boolean; force?: boolean; json?: boolean; lang: Lang; profile?: string },
      ) => {
        const [{ ingestPaths }, { runPending }, { closeSharedOcrPools }] = await Promise.all([
          import('../queue/ingest.js'),
          import('../queue/inline.js'),
          import('../ocr/shared-pool.js'),
        ]);
        const profile = await (await import('./profile-option.js')).loadProfile(o.profile);
        await withRuntime(
          async (rt) => {
            const local = { ...rt, queue: null }; // processed here, not handed to workers
            const r = await ingestPaths(local, paths, {
              recursive: o.recursive,
              force: o.force,
              profile,
              lang: o.lang,
            });
            // known files a run killed earlier left unfinished are not duplicates: this run finishes them
            const unfinished = (d: { status: string }) => d.status === 'queued' || d.status === 'processing';
            const resumed = r.duplicates.filter(unfinished);
            const duplicates = r.duplicates.filter((d) => !unfinished(d));
            const todo = [...r.queued, ...resumed];
            const b = bar(say(o.lang, 'runBar'));
            b?.start(todo.length, 0, { file: '', pages: '' });
            let stop = false;
            process.once('SIGINT', () => {
              stop = true;
            });
            const t0 = performance.now();
            const counts = await runPending(
              rt.store,
              { lang: o.lang },
              {
                onStart: (d) => b?.update({ file: d.file_name, pages: '' }),
                onPage: (done, total) => b?.update({ pages: say(o.lang, 'barPage', { done, total }) }),
                // without a terminal, one line per document: a log shows how far a run got
                onDone: (d, rep) => {
                  if (b) b.increment();
                  else err(`${d.file_name}: ${rep.status}`);
                },
                stopped: () => stop,
              },
              new Set(todo.map((d) => d.id)),
            );
            b?.stop();
            await closeSharedOcrPools();
            const seconds = (performance.now() - t0) / 1000;
            const summary = {
              queued: r.queued.length,
              resumed: resumed.length,
              duplicates: duplicates.length,
              rejected: r.rejected,
              ...counts,
              seconds: Math.round(seconds * 10) / 10,
            };
            if (o.json) out(JSON.stringify(summary));
            else {
              for (const x of r.rejected) err(`${x.file}: ${x.reason}`);
              out(
                say(o.lang, 'runTotals', {
                  n: todo.length,
                  seconds: summary.seconds,
                  resumed: resumed.length ? say(o.lang, 'runResumed', { n: resumed.length }) : '',
                  ...counts,
                  duplicates: duplicates.length,
                  rejected: r.rejected.length,
                }),
              );
            }
            process.exitCode = counts.failed || r.rejected.length ? 1 : 0;
          },
          { share: true },
        );
      },
    );
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(say(cliLang(), 'positiveInt', { name, value: v }));
  return n;
}
