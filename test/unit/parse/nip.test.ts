import { describe, expect, it } from 'vitest';
import { checkNip, isNipBirthDate, nipFromReadings, nipWithCentury, parseNip } from '../../../src/parse/nip.js';

describe('parseNip', () => {
  it.each([
    'NIP. 19660702 200701 1 001',
    'NIP: 19660702 200701 1 001',
    'NIP 196607022007011001',
    'NIP.196607022007011001',
    'Nip . 19660702 200701 1 001',
    '19660702 200701 1 001',
    '196607022007011001',
    'NIP. 19660702 200701 1 001 Pembina',
  ])('reads %s', (text) => {
    expect(parseNip(text)).toEqual({
      nip: '196607022007011001',
      valid: true,
      problems: [],
      birthDate: '1966-07-02',
      appointed: '2007-01',
      gender: 1,
    });
  });

  it('reads the reference report NIPs', () => {
    expect(parseNip('NIP. 19720818 199403 1 009')).toMatchObject({
      nip: '197208181994031009',
      valid: true,
      birthDate: '1972-08-18',
      appointed: '1994-03',
      gender: 1,
    });
    expect(parseNip('NIP. 19860913 201202 2 007')).toMatchObject({ nip: '198609132012022007', valid: true, gender: 2 });
  });

  it('maps OCR letters O and I/l back to digits after the label', () => {
    expect(parseNip('NIP. 1966O7O2 2OO7O1 l OO1')?.nip).toBe('196607022007011001');
  });

  it('reads the label with its I read as a digit or a bar (`N1P.`, `N|P`), letters mapped back after it', () => {
    expect(parseNip('N1P. 1985O5O6 201801 2 009')?.nip).toBe('198505062018012009');
    expect(parseNip('N|P 1985O5O6 201801 2 009')?.nip).toBe('198505062018012009');
  });

  it('rebuilds the century of a birth year a signature took, only when one century makes a valid NIP', () => {
    expect(nipWithCentury('N72 NI0840205 201707 2 012')?.nip).toBe('198402052017072012');
    expect(nipWithCentury('NIP2741026 200710 2 008')?.nip).toBe('197410262007102008');
    // born 2005 is appointed at 12 in 2017, born 1905 too early: no century fits
    expect(nipWithCentury('NI050205 201707 2 012')).toBeNull();
    // the birth date itself garbled (`1982085`: no month 20), or the groups after it missing
    expect(nipWithCentury('N.1982085 200303 1 014')).toBeNull();
    expect(nipWithCentury('NIP 200710 2 008')).toBeNull();
  });

  it('does not eat the word after the NIP', () => {
    expect(parseNip('NIP. 19660702 200701 1 001 Ilham')?.nip).toBe('196607022007011001');
  });

  it('returns the digits found with valid=false when the NIP is short', () => {
    const r = parseNip('NIP. 19660702 200701 1 01');
    expect(r?.nip).toBe('19660702200701101');
    expect(r?.valid).toBe(false);
    expect(r?.problems[0]).toMatch(/18 digits/);
    expect(r?.birthDate).toBeNull();
  });

  it('returns null when there is no NIP', () => {
    expect(parseNip('ARIF SUWARKO')).toBeNull();
    expect(parseNip('NIP. -')).toBeNull();
    expect(parseNip('Nomor 96 Tahun 2019')).toBeNull();
    expect(parseNip('1966070220070110011')).toBeNull(); // 19 digits: no bare NIP
    expect(parseNip('PARTICIPANT 12')).toBeNull(); // "NIP" inside a word is no label
  });
});

describe('checkNip', () => {
  it('rejects an impossible birth date', () => {
    const r = checkNip('196602302007011001');
    expect(r.valid).toBe(false);
    expect(r.birthDate).toBeNull();
    expect(r.problems.join()).toMatch(/birth date/);
  });

  it('rejects birth years outside 1940–2010', () => {
    expect(checkNip('193507022007011001').problems.join()).toMatch(/birth year/);
    expect(checkNip('201107022030011001').problems.join()).toMatch(/birth year/);
    expect(checkNip('194001011990011001').valid).toBe(true);
  });

  it('rejects an appointment at 60 or older (a misread birth year: `19500804 201212` for 19900804)', () => {
    expect(checkNip('195008042012122004').problems.join()).toMatch(/appointed 2012-12 at 62/);
    expect(checkNip('196001012019121001').valid).toBe(true);
    expect(checkNip('196001012020011001').valid).toBe(false);
  });

  it('rejects month 13 in the appointment', () => {
    const r = checkNip('196607022007131001');
    expect(r.valid).toBe(false);
    expect(r.appointed).toBeNull();
    expect(r.problems.join()).toMatch(/appointment/);
  });

  it('rejects an appointment before the age of 17', () => {
    const r = checkNip('199001012006121001');
    expect(r.valid).toBe(false);
    expect(r.appointed).toBe('2006-12');
    expect(r.problems.join()).toMatch(/age of 17/);
    expect(checkNip('199001012007011001').valid).toBe(true);
  });

  it('rejects an appointment in the future', () => {
    expect(checkNip('196607022999011001').valid).toBe(false);
  });

  it('rejects a gender digit other than 1 or 2', () => {
    const r = checkNip('196607022007013001');
    expect(r.gender).toBeNull();
    expect(r.valid).toBe(false);
    expect(checkNip('196607022007012001').gender).toBe(2);
  });

  it('rejects serial 000', () => {
    expect(checkNip('196607022007011000').problems).toEqual(['serial 000']);
    expect(checkNip('196607022007011999').valid).toBe(true);
  });

  it('lists every problem', () => {
    expect(checkNip('196613402007140000').problems).toHaveLength(4);
  });
});

describe('nipFromReadings', () => {
  it('puts together the one valid NIP from readings that each misread a different digit', () => {
    // a 1-bit scan: the page read `19500804`, every re-read `19900864`; truth 19900804
    expect(nipFromReadings(['195008042012122004', '199008642012122004', '199008642012122004'])?.nip).toBe(
      '199008042012122004',
    );
    // a JPEG scan: day 69, day 60, month 00
    expect(nipFromReadings(['199007692017092015', '199007602017092015', '199007092017002015'])?.nip).toBe(
      '199007092017092015',
    );
  });

  it('gives nothing when more than one combination is valid, or none', () => {
    // serial 015 or 016: both valid, no way to tell
    expect(nipFromReadings(['199007692017092015', '199007092017092016'])).toBeNull();
    expect(nipFromReadings(['199013692017092015', '199013602017092015'])).toBeNull();
  });

  it('needs two readings of all 18 digits that disagree on few digits', () => {
    expect(nipFromReadings(['199007692017092015'])).toBeNull();
    expect(nipFromReadings(['199007692017092015', '19900709201709201'])).toBeNull();
    expect(nipFromReadings(['199007692017092015', '286118703128103126'])).toBeNull();
  });
});

describe('isNipBirthDate', () => {
  it('is a real date born 1940–2010, eight digits', () => {
    expect(isNipBirthDate('19690604')).toBe(true);
    expect(isNipBirthDate('19690631')).toBe(false);
    expect(isNipBirthDate('19390604')).toBe(false);
    expect(isNipBirthDate('20110604')).toBe(false);
    expect(isNipBirthDate('1969060')).toBe(false);
  });
});
