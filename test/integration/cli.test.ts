import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/lkj.js');
const REPLICA = path.resolve('fixtures/corpus/born/candipuro-tw2-2024.pdf');
const CLEAN = path.resolve('fixtures/corpus/born/pasirian-tw1-2023.pdf');

describe('lkj CLI (the built bin)', () => {
  it('extract --json prints one contract object for one file', async () => {
    const { stdout } = await run('node', [BIN, 'extract', REPLICA, '--json']);
    const report = Report.parse(JSON.parse(stdout));
    expect(report.status).toBe('flagged');
    expect(report.source.file).toBe('candipuro-tw2-2024.pdf');
    expect(report.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('extract --json prints JSON Lines for several files and exits 0 when all were processed', async () => {
    const { stdout } = await run('node', [BIN, 'extract', REPLICA, CLEAN, '--json']);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => Report.parse(JSON.parse(l)));
    expect(lines.map((r) => r.status)).toEqual(['flagged', 'clean']);
  });
  it('prints a readable summary in Indonesian, English on request', async () => {
    const id = (await run('node', [BIN, 'extract', REPLICA])).stdout;
    expect(id).toMatch(/DITANDAI/);
    expect(id).toMatch(/KESALAHAN R5 Tabel 2\.5 JUMLAH Realisasi \(Rp\)/);
    expect(id).toMatch(/tidak sama dengan/);
    // the period as the report and the app write it; column names, not the contract's keys
    expect(id).toMatch(/Kecamatan Candipuro · Kabupaten Lumajang · Tribulan II 2024/);
    expect(id).toMatch(/No {2}Sasaran .* Realisasi anggaran \(Rp\)/);
    expect(id).not.toMatch(/realisasiAnggaran|capaianKinerja/);
    const en = (await run('node', [BIN, 'extract', CLEAN, '--lang', 'en'])).stdout;
    expect(en).toMatch(/CLEAN/);
    expect(en).toMatch(/No findings/);
    expect(en).toMatch(/Quarter I 2023/);
  });
  it('extract --profile reads with a template profile, and refuses a bad one with exit 2 naming the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lkj-profile-'));
    try {
      const good = path.join(dir, 'lumajang.json'),
        bad = path.join(dir, 'bad.json');
      await fs.writeFile(good, JSON.stringify({ name: 'Kabupaten Lumajang', numberStyle: 'id' }));
      await fs.writeFile(bad, JSON.stringify({ name: 'x', scale: [] }));
      const report = Report.parse(
        JSON.parse((await run('node', [BIN, 'extract', CLEAN, '--json', '--profile', good])).stdout),
      );
      expect(report.profile).toBe('Kabupaten Lumajang');
      const e = await run('node', [BIN, 'extract', CLEAN, '--json', '--profile', bad]).catch(
        (x: { code: number; stderr: string }) => x,
      );
      expect((e as { code: number }).code).toBe(2);
      expect((e as { stderr: string }).stderr).toMatch(/--profile .*bad\.json: not a valid profile \(scale:/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
  it('schema prints the JSON Schema derived from the contract', async () => {
    const schema = JSON.parse((await run('node', [BIN, 'schema'])).stdout) as {
      $schema: string;
      properties: Record<string, unknown>;
    };
    expect(schema.$schema).toMatch(/json-schema/);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['schemaVersion', 'source', 'report', 'tables', 'claims', 'discrepancies', 'status']),
    );
  });
  it('--help works', async () => {
    expect((await run('node', [BIN, '--help'])).stdout).toMatch(/extract/);
  });
});
