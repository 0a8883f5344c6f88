/**
 * NIP (Nomor Induk Pegawai) of a civil servant: 18 digits `YYYYMMDD YYYYMM G NNN` = birth date,
 * appointment (CPNS) year-month, gender (1 man, 2 woman), serial. Printed as
 * `NIP. 19660702 200701 1 001`, `NIP: 196607022007011001` or bare digits.
 */
export interface NipInfo {
  /** the digits found; 18 when the NIP is complete */
  nip: string;
  valid: boolean;
  /** why it is not valid, empty when valid */
  problems: string[];
  birthDate: string | null;
  appointed: string | null;
  gender: 1 | 2 | null;
}

const MIN_BIRTH_YEAR = 1940;
const MAX_BIRTH_YEAR = 2010;
const ADULT_AGE = 17;
/**
 * The oldest a civil servant is appointed: a contract employee (PPPK) may be taken on until a year
 * before the retirement age of 58–60. A reading born in 1950 and appointed in 2012 is a misread
 * digit (`19500804` for 19900804), not a NIP.
 */
const MAX_APPOINTMENT_AGE = 59;
/** Digits on which a NIP's readings may disagree and still be put together (`nipFromReadings`). */
const MAX_DISPUTED_DIGITS = 4;

/** The label: `NIP`, `NIP.`, `NIP :`, `Nip.` (not inside a word), its `I` also as OCR reads it (`N1P.`, `NlP`). */
const LABEL = /(?<![A-Za-z])[Nn]\s?[Ii1l|]\s?[Pp](?![A-Za-z])\s*[.:,]*\s*/;
/** A bare run of digits with optional single spaces, exactly 18 digits. */
const BARE = /(?<!\d)\d(?:[ ]?\d){17}(?!\d)/;

export function parseNip(text: string): NipInfo | null {
  const label = LABEL.exec(text);
  const labelled = label ? digitsAfterLabel(text.slice(label.index + label[0].length)) : '';
  if (labelled.length > 0) return checkNip(labelled);
  const bare = BARE.exec(text);
  return bare ? checkNip(bare[0].replace(/\D/g, '')) : null;
}

/**
 * The digit groups after the label, up to 18 digits. OCR reads 0 as O and 1 as I/l/|; those are
 * mapped back only inside a group that also holds real digits (or a lone character after digits:
 * the gender digit), so a following word is not eaten.
 */
function digitsAfterLabel(rest: string): string {
  let digits = '';
  for (const token of rest.trim().split(/\s+/)) {
    const t = token.replace(/[.,;:]+$/, '');
    const single = t.length === 1 && digits.length > 0; // the lone gender digit read as `l`
    if (!/^[0-9OoIl|]+$/.test(t) || !(/\d/.test(t) || single)) break;
    digits += t.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
    if (digits.length >= 18) break;
  }
  return digits;
}

/**
 * A NIP read with its birth year's century lost (a signature over the label and the first digits:
 * `NI0840205 201707 2 012`, `NIP2741026 200710 2 008`): the appointment month, gender digit and
 * serial read whole, and the six digits before them a real `yymmdd`. The century is the one that
 * makes a valid NIP (born 1940–2010, appointed at 17 or older); null unless exactly one does. For
 * OCR readings only: a text layer prints what it prints.
 */
export function nipWithCentury(text: string): NipInfo | null {
  const m = /(\S*\d{6}\S*)\s+(\d{6})\s+([12])\s+(\d{3})\s*$/.exec(text);
  if (!m) return null;
  const birth = m[1]!.replace(/\D/g, '').slice(-6);
  if (birth.length < 6) return null;
  const fits = ['19', '20'].map((c) => checkNip(c + birth + m[2]! + m[3]! + m[4]!)).filter((n) => n.valid);
  return fits.length === 1 ? fits[0]! : null;
}

/**
 * A NIP put together from several readings of one printed NIP, none of them valid (`19500804 201212
 * 2 004` and `19900864 201212 2 004` for 19900804): where the 18-digit readings disagree, each digit
 * some reading gave there is tried, and the NIP is the one valid combination. null when no
 * combination, or more than one, is valid, or the readings disagree on too many digits. For OCR
 * readings only.
 */
export function nipFromReadings(readings: readonly string[]): NipInfo | null {
  const full = readings.filter((r) => /^\d{18}$/.test(r));
  if (full.length < 2) return null;
  const choices = Array.from({ length: 18 }, (_, i) => [...new Set(full.map((r) => r[i]!))]);
  if (choices.filter((c) => c.length > 1).length > MAX_DISPUTED_DIGITS) return null;
  let candidates = [''];
  for (const c of choices) candidates = candidates.flatMap((head) => c.map((d) => head + d));
  const valid = candidates.map(checkNip).filter((n) => n.valid);
  return valid.length === 1 ? valid[0]! : null;
}

/** Whether 8 digits are a NIP's birth date (`19690604`): a real date, born 1940–2010. */
export function isNipBirthDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const y = Number(text.slice(0, 4));
  return (
    y >= MIN_BIRTH_YEAR && y <= MAX_BIRTH_YEAR && isRealDate(y, Number(text.slice(4, 6)), Number(text.slice(6, 8)))
  );
}

/** Validates 18 NIP digits: real dates in sensible ranges, gender digit, non-zero serial. */
export function checkNip(digits: string): NipInfo {
  const problems: string[] = [];
  const info: NipInfo = { nip: digits, valid: false, problems, birthDate: null, appointed: null, gender: null };
  if (!/^\d{18}$/.test(digits)) {
    problems.push(`expected 18 digits, found ${digits.length}`);
    return info;
  }
  const by = Number(digits.slice(0, 4));
  const bm = Number(digits.slice(4, 6));
  const bd = Number(digits.slice(6, 8));
  const ay = Number(digits.slice(8, 12));
  const am = Number(digits.slice(12, 14));
  const g = Number(digits.slice(14, 15));
  const serial = Number(digits.slice(15, 18));

  if (!isRealDate(by, bm, bd)) problems.push(`birth date ${digits.slice(0, 8)} is not a real date`);
  else if (by < MIN_BIRTH_YEAR || by > MAX_BIRTH_YEAR)
    problems.push(`birth year ${by} outside ${MIN_BIRTH_YEAR}–${MAX_BIRTH_YEAR}`);
  else info.birthDate = `${pad(by, 4)}-${pad(bm, 2)}-${pad(bd, 2)}`;

  const maxYear = new Date().getFullYear() + 1;
  if (am < 1 || am > 12 || ay < MIN_BIRTH_YEAR + ADULT_AGE || ay > maxYear) {
    problems.push(`appointment ${digits.slice(8, 14)} is not a real year-month`);
  } else {
    info.appointed = `${pad(ay, 4)}-${pad(am, 2)}`;
    if (info.birthDate && ay * 12 + am < (by + ADULT_AGE) * 12 + bm) {
      problems.push(`appointed ${info.appointed} before the age of ${ADULT_AGE}`);
    } else if (info.birthDate && ay * 12 + am - (by * 12 + bm) >= (MAX_APPOINTMENT_AGE + 1) * 12) {
      const age = Math.floor((ay * 12 + am - (by * 12 + bm)) / 12);
      problems.push(`appointed ${info.appointed} at ${age}, past the age of ${MAX_APPOINTMENT_AGE}`);
    }
  }

  if (g === 1 || g === 2) info.gender = g;
  else problems.push(`gender digit ${g} is not 1 or 2`);
  if (serial < 1) problems.push('serial 000');

  info.valid = problems.length === 0;
  return info;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
