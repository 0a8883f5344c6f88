/**
 * PGlite is one process's database, with no lock of its own between processes: two processes
 * writing the same folder would corrupt it. Whoever opens the embedded store holds this lock (a pid
 * file created exclusively) until it closes; a lock left by a dead process is taken over.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The folder is held by another live lkj process. */
export class DataDirBusy extends Error {
  /** the holder serves the folder to other local commands (src/store/shared-pglite.ts) */
  shared = false;

  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly command: string,
  ) {
    super(
      `the embedded database in ${dir} is open in another lkj process (pid ${pid}, \`lkj ${command}\`): ` +
        'stop it first, or use DATABASE_URL (PostgreSQL) for several processes',
    );
    this.name = 'DataDirBusy';
  }
}

/** Take `dir` for this process; the returned function gives it back. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'lkj.lock');
  const me = `${process.pid} ${process.argv.slice(2, 3).join(' ') || 'node'}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, me, { flag: 'wx' });
      return async () => {
        if ((await fs.readFile(file, 'utf8').catch(() => '')) === me) await fs.rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const [pidText, command] = (await fs.readFile(file, 'utf8').catch(() => '')).trim().split(' ');
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new DataDirBusy(dir, pid, command ?? '');
    }
    await fs.rm(file, { force: true }); // left by a process that died
  }
  throw new Error(`could not lock ${dir}`);
}
