/**
 * A stated percentage is accepted when |stated − expected| < 10^(−d), d = the decimals printed:
 * `20%` against 19.72 passes, `19,50%` against 19.495 passes, `19,5%` against 19.62 fails.
 */
export function percentAgrees(stated: number, decimals: number | null, expected: number): boolean {
  const d = decimals ?? 0;
  return Math.abs(stated - expected) < 10 ** -d - 1e-9;
}

/**
 * A percentage read from a scan that is the expected value with its decimal separator moved
 * (`155 %` for 15,5 %, `765,43 %` for 76,543…): OCR dropped or misplaced the separator far more
 * often than an author shifted one, so a rule failing this way is doubt about the reading.
 */
export function separatorSlip(stated: number, decimals: number | null, expected: number): boolean {
  const d = decimals ?? 0;
  return [-2, -1, 1, 2].some((k) => d + k >= 0 && stated !== 0 && percentAgrees(stated / 10 ** k, d + k, expected));
}

/**
 * A percentage read from a scan that is the expected value with one digit more in front (`739,31 %`
 * for 39,31 %): a pen stroke or a mark beside the figure read as a digit. Doubt about the reading,
 * like a moved separator.
 */
export function leadingDigitSlip(stated: number, decimals: number | null, expected: number): boolean {
  const int = String(Math.trunc(Math.abs(stated)));
  if (int.length < 2 || stated < 0) return false;
  const rest = stated - Number(int[0]) * 10 ** (int.length - 1);
  return rest >= 1 && percentAgrees(rest, decimals, expected);
}

/** Money is summed and compared to the rupiah (sen printed as ,00 are kept exactly). */
export function moneyAgrees(stated: number, expected: number): boolean {
  return Math.abs(stated - expected) < 0.005;
}

/** Counts and targets compare as numbers. */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

/** Expected percentages are shown with the stated precision, at least two decimals. */
export function roundPct(v: number, statedDecimals: number | null): number {
  return round(v, Math.max(2, statedDecimals ?? 0));
}
