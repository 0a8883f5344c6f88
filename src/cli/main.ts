import { Command, CommanderError, Option } from 'commander';
import cliProgress from 'cli-progress';
import type { Lang } from '../verify/index.js';
import { addQueueCommands } from './queue-commands.js';

// `lkj report … | head` closes the pipe early: that is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });

/** `lkj extract`: a document failed for a reason of ours (code `internal`), not its content. */
const EXIT_INTERNAL = 3;

const program = new Command();
program
  .name('lkj')
  .description('Extract and verify Indonesian performance reports (Laporan Kinerja, LKj): Tabel 2.1–2.5, meta, narrative claims, discrepancies.')
  .version('0.1.0')
  .exitOverride(); // usage errors exit 2, distinct from a failed document (1)

program
  .command('extract')
  .description('extract one or more LKj PDFs; prints a summary, or the contract JSON with --json (JSON Lines for several files)')
  .argument('<files...>', 'PDF files, images (JPG, PNG, TIFF) or folders of page images (one folder = one report)')
  .option('--json', 'print the output contract (schemaVersion 2) instead of a summary')
  .option('--profile <file>', "a kabupaten template's quirks as JSON (docs/contract.md, Profiles)")
  .addOption(new Option('--lang <lang>', 'language of messages').choices(['id', 'en']).default('id'))
  .option('--min-confidence <n>', 'OCR confidence (0–100) under which a failed rule is reported as uncertain', (v) => Number(v), 80)
  .option('--dpi <n>', 'resolution scanned PDF pages are rendered at (an embedded scan keeps its own)', (v) => Number(v), 300)
  .action(async (files: string[], o: { json?: boolean; lang: Lang; minConfidence: number; dpi: number; profile?: string }) => {
    const profile = await (await import('./profile-option.js')).loadProfile(o.profile);
    // loaded on use: pdfjs and zod take most of a second to import, --help should not wait
    const [{ extractFile }, { Report }, { formatSummary }, { closeSharedOcrPools }] = await Promise.all([
      import('../pipeline/extract.js'), import('../model/contract.js'), import('./summary.js'), import('../ocr/shared-pool.js'),
    ]);
    const many = files.length > 1;
    // a scanned report takes a minute: show files done and the current file's pages
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ format: 'extract [{bar}] {value}/{total} files | {file} {pages}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(files.length, 0, { file: '', pages: '' });
    let failed = 0, internal = 0;
    const counts = { clean: 0, flagged: 0, failed: 0 };
    for (const file of files) {
      bar?.update({ file, pages: '' });
      const onPage = (done: number, total: number) => bar?.update({ pages: `page ${done}/${total}` });
      const { report, timings } = await extractFile(file, { lang: o.lang, minConfidence: o.minConfidence, dpi: o.dpi, onPage, profile });
      // per-stage ms for benchmarks (bench/ocr.ts), on stderr so --json stays one object per line
      if (process.env.LKJ_TIMINGS) process.stderr.write(`lkj-timings ${JSON.stringify({ file, ms: timings.ms })}\n`);
      const checked = Report.safeParse(report);
      if (!checked.success) {
        // the contract is the product's promise: never print something that breaks it
        process.stderr.write(`lkj: internal error: the report of ${file} breaks the output contract: ${checked.error.message}\n`);
        internal++;
        bar?.increment();
        continue;
      }
      counts[report.status]++;
      if (report.error?.code === 'internal') internal++;
      if (report.status === 'failed') {
        failed++;
        process.stderr.write(`${bar ? '\n' : ''}lkj: ${report.error?.message}\n`);
      }
      if (o.json) process.stdout.write(JSON.stringify(report, null, many ? undefined : 2) + '\n');
      else process.stdout.write(formatSummary(report, o.lang, process.stdout.isTTY ?? false) + '\n\n');
      bar?.increment();
    }
    bar?.stop();
    await closeSharedOcrPools(); // OCR threads would keep the process alive
    if (many && !o.json) {
      process.stdout.write(`${files.length} files: ${counts.clean} clean, ${counts.flagged} flagged, ${counts.failed} failed\n`);
    }
    // a bug or the environment (not the input) gets its own code: a script can retry or alert on it
    process.exitCode = internal ? EXIT_INTERNAL : failed ? 1 : 0;
  });

addQueueCommands(program);
(await import('./app-commands.js')).addAppCommands(program);

program
  .command('schema')
  .description('print the JSON Schema of the output contract (derived from the zod schemas)')
  .action(async () => {
    const { reportJsonSchema } = await import('../model/contract.js');
    process.stdout.write(JSON.stringify(reportJsonSchema(), null, 2) + '\n');
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2; // commander has printed the message
    return;
  }
  process.stderr.write(`lkj: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
