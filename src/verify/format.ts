import type { Lang } from './types.js';

/** Numbers in messages as the reader writes them: 16.620.000 and 19,71 % in Indonesian. */
export function fmtMoney(v: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 2 }).format(v);
}

export function fmtPct(v: number, lang: Lang, decimals = 2): string {
  const s = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.max(2, decimals),
  }).format(v);
  return `${s}%`;
}

export function fmtNum(v: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 4 }).format(v);
}
