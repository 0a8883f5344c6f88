/**
 * Password hashing with node:crypto's scrypt: a random salt per password, the cost parameters kept
 * in the stored string (so they can be raised later without breaking old hashes), and a
 * constant-time comparison.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))),
  );

// N = 2^15 (~50–100 ms here): slow for a guesser, fine for a login; 128·N·r = 32 MiB of memory
const COST = { N: 32768, r: 8, p: 1 };
const KEY_BYTES = 32;
const MAX_MEM = 64 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 10;

const b64 = (b: Buffer) => b.toString('base64url');

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_BYTES, { ...COST, maxmem: MAX_MEM });
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${b64(salt)}$${b64(key)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (!N || !r || !p || !expected.length) return false;
  const key = await scryptAsync(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: MAX_MEM });
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: checking an unknown user's login against it costs the same time as a real one. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A random password for a new account, printed once: 20 characters from a 64-letter alphabet (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

const MAX_PASSWORD_LENGTH = 1024;

export const PASSWORD_MESSAGES = {
  short: { id: 'kata sandi minimal {n} karakter', en: 'the password must have at least {n} characters' },
  long: {
    id: 'kata sandi terlalu panjang (paling banyak {n} karakter)',
    en: 'the password is too long (at most {n} characters)',
  },
} as const;

/** Why a password is refused, in the reader's language; null when it is fine. */
export function checkPasswordStrength(password: string, lang: 'id' | 'en' = 'en'): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return PASSWORD_MESSAGES.short[lang].replace('{n}', String(MIN_PASSWORD_LENGTH));
  if (password.length > MAX_PASSWORD_LENGTH)
    return PASSWORD_MESSAGES.long[lang].replace('{n}', String(MAX_PASSWORD_LENGTH));
  return null;
}
