import fs from 'node:fs/promises';
import type { Profile } from '../model/profile.js';

/** `--profile FILE`: the profile in it, or a usage error naming the file and what is wrong. */
export async function loadProfile(file: string | undefined): Promise<Profile | undefined> {
  if (!file) return undefined;
  const { parseProfile } = await import('../model/profile.js');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`--profile ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseProfile(text, `--profile ${file}`);
}
