/**
 * `npm ci` on the Node versions package.json states prints no engine warning: every installed
 * package (package-lock.json) accepts the lowest Node the project supports on each line it names,
 * and the Node running the tests. (cookie 2 wanted Node 22 through fastify's light-my-request: the
 * override keeps cookie 1.1.)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('engines', () => {
  it('every locked package runs on the stated Node versions', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lock = JSON.parse(await fs.readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    // the lowest version of each range the project states (>=20.19 <21 || >=22.12: 20.19.0 and 22.12.0)
    const lowest = semver
      .validRange(pkg.engines.node)!
      .split('||')
      .map((r) => semver.minVersion(r.trim())!.version);
    expect(lowest).toEqual(['20.19.0', '22.12.0']);
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
    const refused: string[] = [];
    let checked = 0;
    for (const [where, p] of Object.entries(lock.packages)) {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (!where || !range) continue;
      // optional builds for other platforms (win32, wasm32) are not installed here
      if (p.optional && !(await fs.stat(path.join(ROOT, where)).catch(() => null))) continue;
      checked++;
      for (const v of [...lowest, process.version])
        if (!semver.satisfies(v, range)) refused.push(`${where}@${p.version} wants node ${range}, not ${v}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(refused).toEqual([]);
  });
});
