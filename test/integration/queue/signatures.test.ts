/**
 * Signed reports through the distributed queue (Redis, PostgreSQL, a worker process): the assemble
 * job verifies the signatures on the stored original, so every stored report equals what
 * `lkj extract` gives for the same file — signatures, marks and G1–G4 included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../../src/model/contract.js';
import { extractFile } from '../../../src/pipeline/extract.js';
import { readTrustAnchors } from '../../../src/signatures/index.js';
import {
  allDone,
  distributedEnv,
  statusCounts,
  runCli,
  spawnCli,
  waitFor,
  type CliProcess,
} from '../../helpers/services.js';
import { KINDS, makeSignedFixtures, type SignedFixtures } from '../../helpers/signed-fixtures.js';

describe('signed reports through the queue', () => {
  let setup: Awaited<ReturnType<typeof distributedEnv>>;
  let fx: SignedFixtures;
  let worker: CliProcess | null = null;
  let env: Record<string, string>;
  beforeAll(async () => {
    fx = await makeSignedFixtures();
    setup = await distributedEnv();
    env = { ...setup.env, LKJ_TRUST_ANCHORS: fx.anchors };
  }, 120_000);
  afterAll(async () => {
    worker?.proc.kill('SIGKILL');
    await setup?.close();
    fx?.remove();
  });

  it('a worker stores each kind with its signatures and findings, as lkj extract reads it', async () => {
    const ingest = JSON.parse((await runCli(['ingest', fx.dir, '--json'], env)).stdout) as { queued: number };
    expect(ingest.queued).toBe(KINDS.length);
    worker = spawnCli(['worker', '--concurrency', '1'], env);
    await waitFor(() => allDone(setup.db, KINDS.length), 240_000, 'all signed reports done').catch(async (e: Error) => {
      throw new Error(
        `${e.message}; documents ${JSON.stringify(await statusCounts(setup.db))}; worker said:\n${worker!.output().slice(-3000)}`,
      );
    });
    const anchors = readTrustAnchors(fx.anchors);
    const g: Record<string, string[]> = {};
    for (const k of KINDS) {
      const r = await runCli(['report', fx.file(k), '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      const stored = Report.parse(JSON.parse(r.stdout));
      const inline = (await extractFile(fx.file(k), { trustAnchors: anchors })).report;
      expect(stored, k).toEqual(inline);
      g[k] = stored.discrepancies.filter((d) => d.table === 'signature').map((d) => `${d.rule} ${d.severity}`);
    }
    expect(g).toEqual({
      'signed-one': [],
      'signed-two': [],
      'signed-changed': ['G2 error'],
      'signed-tampered': ['G1 error'],
      'signed-stranger': ['G3 warning', 'G4 warning'],
      unsigned: [],
    });
    const { rows } = await setup.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM signatures');
    expect(rows[0]!.n).toBe(6); // two for signed-two, one for each other signed kind
  }, 300_000);
});
