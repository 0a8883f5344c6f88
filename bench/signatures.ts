/**
 * What verifying signatures adds to a born-digital report: `npm run bench:signatures`.
 *
 * Makes the signed test material (a test PKI signing a corpus report, as the tests do) and runs,
 * side by side in one process: (a) the reference, lkj extracting the same report unsigned (no
 * signature stage runs: it has no /ByteRange), and poppler's `pdfsig` verifying each signed file
 * (when installed); (b) lkj extracting each signed kind. Prints the best of BENCH_ROUNDS (3) of
 * each, the signature stage's own ms (CMS, chain, change analysis, QR codes on ≤ 4 rendered pages).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { extractBytes } from '../src/pipeline/extract.js';
import { readTrustAnchors } from '../src/signatures/index.js';
import { KINDS, makeSignedFixtures } from '../test/helpers/signed-fixtures.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const run = promisify(execFile);
const fx = await makeSignedFixtures();
try {
  const trustAnchors = readTrustAnchors(fx.anchors);
  await extractBytes(fx.bytes('signed-one'), 'warm-up.pdf', { trustAnchors }); // module loading, WebAssembly, JIT
  const hasPdfsig = await run('pdfsig', ['-v']).then(
    () => true,
    () => false,
  );
  console.log(`signature verification, best of ${ROUNDS} rounds, node ${process.version}`);
  console.log(
    `reference: the same report unsigned (lkj), and poppler pdfsig on each signed file${hasPdfsig ? '' : ' (pdfsig not installed: skipped)'}\n`,
  );
  console.log(
    `${'kind'.padEnd(18)} ${'bytes'.padStart(9)} ${'lkj ms'.padStart(8)} ${'+ vs unsigned'.padStart(14)} ${'signatures ms'.padStart(14)} ${'pdfsig ms'.padStart(10)}`,
  );
  let unsignedMs = 0;
  for (const k of ['unsigned', ...KINDS.filter((x) => x !== 'unsigned')] as const) {
    let best = Infinity,
      stage = 0,
      pdfsig = Infinity;
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const { report, timings } = await extractBytes(fx.bytes(k), `${k}.pdf`, { trustAnchors });
      const ms = performance.now() - t;
      if (report.status === 'failed') throw new Error(`${k}: ${report.error?.message}`);
      if (ms < best) {
        best = ms;
        stage = timings.ms.signatures ?? 0;
      }
      if (hasPdfsig && k !== 'unsigned') {
        const p = performance.now();
        await run('pdfsig', [fx.file(k)]).catch(() => undefined);
        pdfsig = Math.min(pdfsig, performance.now() - p);
      }
    }
    if (k === 'unsigned') unsignedMs = best;
    const pad = (v: number | string, n: number) => String(v).padStart(n);
    console.log(
      `${k.padEnd(18)} ${pad(fx.bytes(k).length, 9)} ${pad(best.toFixed(0), 8)} ${pad(k === 'unsigned' ? '—' : `+${(best - unsignedMs).toFixed(0)}`, 14)} ${pad(stage.toFixed(0), 14)} ${pad(Number.isFinite(pdfsig) ? pdfsig.toFixed(0) : '—', 10)}`,
    );
  }
} finally {
  fx.remove();
}
