import { Command, CommanderError } from 'commander';
import cliProgress from 'cli-progress';
import type { Lang } from '../verify/index.js';
import { DEFAULT_MIN_CONFIDENCE, loadSettings } from '../settings/settings.js';
import { cliLang, langOption, say } from './messages.js';
import { addQueueCommands } from './queue-commands.js';
import { EXIT } from './exit-codes.js';

// `lkj report … | head` closes the pipe early: that is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command();
program
  .name('lkj')
  .description(
    'Extract and verify Indonesian performance reports (Laporan Kinerja, LKj): Tabel 2.1–2.5, meta, narrative claims, discrepancies.',
  )
  .version('0.1.0')
  .exitOverride(); // usage errors exit 2, distinct from a failed document (1)

program
  .command('extract')
  .description(
    'extract one or more LKj PDFs; prints a summary, or the contract JSON with --json (JSON Lines for several files)',
  )
  .argument('<files...>', 'PDF files, images (JPG, PNG, TIFF) or folders of page images (one folder = one report)')
  .option('--json', 'print the output contract (schemaVersion 2) instead of a summary')
  .option('--profile <file>', "a kabupaten template's quirks as JSON (docs/contract.md, Profiles)")
  .addOption(langOption())
  .option(
    '--min-confidence <n>',
    'OCR confidence (0–100) under which a failed rule is reported as uncertain',
    (v) => Number(v),
    DEFAULT_MIN_CONFIDENCE,
  )
  .option(
    '--dpi <n>',
    'resolution scanned PDF pages are rendered at (an embedded scan keeps its own)',
    (v) => Number(v),
    300,
  )
  .action(
    async (
      files: string[],
      o: { json?: boolean; lang: Lang; minConfidence: number; dpi: number; profile?: string },
    ) => {
      const profile = await (await import('./profile-option.js')).loadProfile(o.profile);
      // loaded on use: pdfjs and zod take most of a second to import, --help should not wait
      const [
        { extractFile },
        { Report },
        { formatSummary },
        { closeSharedOcrPools },
        { holdsReports },
        { rootLogger, withLogger },
      ] = await Promise.all([
        import('../pipeline/extract.js'),
        import('../model/contract.js'),
        import('./summary.js'),
        import('../ocr/shared-pool.js'),
        import('../queue/collect-files.js'),
        import('../settings/log.js'),
      ]);
      const lang = o.lang;
      const many = files.length > 1;
      // a scanned report takes a minute: the bar moves with the pages of the current file
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { format: say(lang, 'extractBar'), stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      bar?.start(files.length, 0, { done: 0, files: files.length, file: '', pages: '' });
      let failed = 0,
        internal = 0;
      const counts = { clean: 0, flagged: 0, failed: 0 };
      /** printed under the bar, which redraws itself after */
      const note = (text: string) => process.stderr.write(`${bar ? '\r\x1b[K' : ''}lkj: ${text}\n`);
      for (const [i, file] of files.entries()) {
        bar?.update(i, { done: i, file, pages: '' });
        const onPage = (done: number, total: number) =>
          bar?.update(i + done / Math.max(1, total), { pages: say(lang, 'barPage', { done, total }) });
        // the log (an internal error's stack, OCR re-reads at debug level) names the file
        const { report, timings } = await withLogger(rootLogger().child({ doc: file, stage: 'extract' }), () =>
          extractFile(file, { lang, minConfidence: o.minConfidence, dpi: o.dpi, onPage, profile }),
        );
        // per-stage ms for benchmarks (bench/ocr.ts), on stderr so --json stays one object per line
        if (loadSettings().timings) process.stderr.write(`lkj-timings ${JSON.stringify({ file, ms: timings.ms })}\n`);
        const checked = Report.safeParse(report);
        if (!checked.success) {
          // the contract is the product's promise: never print something that breaks it
          note(say(lang, 'contractBroken', { file, detail: checked.error.message }));
          internal++;
          bar?.update(i + 1, { done: i + 1, pages: '' });
          continue;
        }
        counts[report.status]++;
        if (report.error?.code === 'internal') internal++;
        if (report.status === 'failed') {
          failed++;
          // the summary shows the reason; with --json stdout is data, so the reason goes to stderr once
          if (o.json) note(report.error?.message ?? '');
          // a folder of reports is not one report's pages: `lkj run` reads it as documents
          if (await holdsReports(file)) note(say(lang, 'folderOfReports', { dir: file.replace(/\/+$/, '') }));
        }
        // on one terminal the summary starts on a clean line; the bar redraws below it
        if (bar && process.stdout.isTTY) process.stderr.write('\r\x1b[K');
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, many ? undefined : 2)}\n`);
        else process.stdout.write(`${formatSummary(report, lang, process.stdout.isTTY ?? false)}\n\n`);
        bar?.update(i + 1, { done: i + 1, pages: '' });
      }
      bar?.stop();
      await closeSharedOcrPools(); // OCR threads would keep the process alive
      if (many && !o.json) process.stdout.write(`${say(lang, 'extractTotals', { files: files.length, ...counts })}\n`);
      // a bug or the environment (not the input) gets its own code: a script can retry or alert on it
      process.exitCode = internal ? EXIT.internal : failed ? EXIT.inputFailed : EXIT.ok;
    },
  );

addQueueCommands(program);
(await import('./app-commands.js')).addAppCommands(program);

program
  .command('schema')
  .description('print the JSON Schema of the output contract (derived from the zod schemas)')
  .action(async () => {
    const { reportJsonSchema } = await import('../model/contract.js');
    process.stdout.write(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  });

program.parseAsync(process.argv).catch(async (e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander has printed the message
    return;
  }
  process.stderr.write(`lkj: ${await describeError(e, cliLang())}\n`);
  process.exitCode = EXIT.usage;
});

/** An error as the reader should see it: in their language where it is one of ours. */
async function describeError(e: unknown, lang: Lang): Promise<string> {
  const [{ InputError }, { DataDirBusy }] = await Promise.all([
    import('../intake/errors.js'),
    import('../store/data-lock.js'),
  ]);
  if (e instanceof InputError) return e.text(lang);
  if (e instanceof DataDirBusy) {
    const vars = { dir: e.dir, pid: e.pid, command: e.command };
    // the holder lets the reading commands in; this one would process documents beside it
    return e.shared ? say(lang, 'folderBusyProcessing', vars) : say(lang, 'folderBusy', vars);
  }
  return (e as Error).message;
}
