/**
 * Signed reports through the built CLI (`lkj extract --json`): the six kinds of test material give
 * the right `signatures` and G1–G4, with the test root as LKJ_TRUST_ANCHORS and without anchors.
 * poppler's pdfsig and qpdf --check, Debian's tools, verify the same files independently.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '../../src/model/contract.js';
import { runCli } from '../helpers/services.js';
import {
  KINDS,
  makeSignedFixtures,
  QR_URL,
  SIGNATORIES,
  type Kind,
  type SignedFixtures,
} from '../helpers/signed-fixtures.js';

const run = promisify(execFile);
/** stdout and exit code of a tool that exits non-zero for some answers (pdfsig on an unsigned file) */
const tool = (cmd: string, args: string[]) =>
  run(cmd, args).then(
    (x) => ({ code: 0, out: x.stdout + x.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
let fx: SignedFixtures;
const reports = new Map<Kind, Report>();
const gRules = (r: Report) =>
  r.discrepancies.filter((d) => d.table === 'signature').map((d) => `${d.rule} ${d.severity} ${d.row}`);

beforeAll(async () => {
  fx = await makeSignedFixtures();
  // JSON Lines, one report per file, in argument order
  const r = await runCli(['extract', ...KINDS.map((k) => fx.file(k)), '--json', '--lang', 'en'], {
    LKJ_TRUST_ANCHORS: fx.anchors,
  });
  expect(r.code, r.stderr).toBe(0);
  for (const [i, line] of r.stdout.trim().split('\n').entries()) reports.set(KINDS[i]!, Report.parse(JSON.parse(line)));
}, 240_000);
afterAll(() => fx?.remove());

describe('lkj extract --json on signed reports (LKJ_TRUST_ANCHORS = the test root)', () => {
  it('the report itself reads as the unsigned one does: signatures add findings, they do not change the tables', () => {
    const unsigned = reports.get('unsigned')!;
    expect(unsigned.schemaVersion).toBe(2);
    for (const k of KINDS) {
      const r = reports.get(k)!;
      expect(r.tables, k).toEqual(unsigned.tables);
      expect(
        r.report.signatories.map((s) => s.nip),
        k,
      ).toEqual([SIGNATORIES.staff.nip, SIGNATORIES.head.nip]);
      expect(
        r.discrepancies.filter((d) => d.table !== 'signature'),
        k,
      ).toEqual([]);
    }
  });

  it('one signature: intact, trusted, by a signatory; clean; the BSrE footer and the QR code are recorded', () => {
    const r = reports.get('signed-one')!;
    expect(r.status).toBe('clean');
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]).toMatchObject({
      field: 'Signature1',
      signer: {
        name: 'HARI SUSANTO',
        nip: SIGNATORIES.head.nip,
        issuer: expect.stringContaining('LKJ Test Signing CA'),
      },
      signedAt: '2023-04-12T02:30:05.000Z',
      coversWholeDocument: true,
      modifiedAfterSigning: false,
      integrity: 'valid',
      trust: 'trusted',
      matchesSignatory: true,
      matchedSignatory: SIGNATORIES.head.name,
      revocation: 'not-checked',
    });
    expect(r.signatureMarks.footer).toMatchObject({
      text: expect.stringMatching(/^Dokumen ini telah ditandatangani secara elektronik .*BSrE/),
      pages: [1, 2, 3, 4, 5, 6, 7, 8],
    });
    expect(r.signatureMarks.qrCodes).toEqual([{ page: 8, text: QR_URL, url: QR_URL, bbox: expect.any(Array) }]);
  });

  it('two signatures, the second covering the first: both intact and by signatories; nothing flagged', () => {
    const r = reports.get('signed-two')!;
    expect(r.status).toBe('clean');
    expect(
      r.signatures.map((s) => [
        s.field,
        s.integrity,
        s.trust,
        s.coversWholeDocument,
        s.modifiedAfterSigning,
        s.matchedSignatory,
      ]),
    ).toEqual([
      ['Signature1', 'valid', 'trusted', false, false, SIGNATORIES.head.name],
      ['Signature2', 'valid', 'trusted', true, false, SIGNATORIES.staff.name],
    ]);
  });

  it('a change appended after signing: G2 error naming what changed', () => {
    const r = reports.get('signed-changed')!;
    expect(r.status).toBe('flagged');
    expect(gRules(r)).toEqual(['G2 error Signature1']);
    const g2 = r.discrepancies.find((d) => d.rule === 'G2')!;
    expect(g2.message).toBe(
      'The document was changed after HARI SUSANTO signed it (Signature1): page 2 changed; Text annotation on page 1 added.',
    );
    expect(g2.evidence.page).toBe(2);
    expect(r.signatures[0]).toMatchObject({
      integrity: 'valid',
      coversWholeDocument: false,
      modifiedAfterSigning: true,
    });
  });

  it('a byte changed inside the signed range: G1 error', () => {
    const r = reports.get('signed-tampered')!;
    expect(gRules(r)).toEqual(['G1 error Signature1']);
    expect(r.signatures[0]!.integrity).toBe('invalid');
    expect(r.discrepancies[0]!.message).toMatch(/not intact: the signed content was altered/);
  });

  it('a signer under an unknown root who is no signatory: G3 and G4 warnings', () => {
    const r = reports.get('signed-stranger')!;
    expect(r.status).toBe('flagged');
    expect(gRules(r)).toEqual(['G3 warning Signature1', 'G4 warning Signature1']);
    expect(r.signatures[0]).toMatchObject({
      integrity: 'valid',
      trust: 'untrusted',
      matchesSignatory: false,
      signer: { name: 'BUDI SANTOSO' },
    });
  });

  it('the unsigned report: no signatures, no marks, clean', () => {
    const r = reports.get('unsigned')!;
    expect(r).toMatchObject({ status: 'clean', signatures: [], signatureMarks: { footer: null, qrCodes: [] } });
  });
});

describe('without trust anchors', () => {
  it('a valid signature is not trusted: G3 warning, with the reason', async () => {
    const r = await runCli(['extract', fx.file('signed-one'), '--json'], { LKJ_TRUST_ANCHORS: '' });
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.signatures[0]).toMatchObject({ integrity: 'valid', trust: 'unknown' });
    expect(gRules(report)).toEqual(['G3 warning Signature1']);
    expect(report.discrepancies[0]!.message).toMatch(
      /belum ada sertifikat akar tepercaya yang diatur \(LKJ_TRUST_ANCHORS\)/,
    );
  });
  it('the summary names the signatures and the marks', async () => {
    const r = await runCli(['extract', fx.file('signed-two'), '--lang', 'en'], { LKJ_TRUST_ANCHORS: fx.anchors });
    expect(r.stdout).toMatch(
      /Digital signatures:\n {4}Signature1: HARI SUSANTO NIP 196811051994031005 · 2023-04-12T02:30:05\.000Z — intact, trusted\n {4}Signature2: SUGENG RIYADI, S\.Sos NIP 197503122006041008/,
    );
    expect(r.stdout).toContain(`QR code (p. 8): ${QR_URL}`);
  });
});

describe('independent verifiers: poppler pdfsig and qpdf', () => {
  it('pdfsig agrees with lkj on every signature: intact or not, the whole file or not', async () => {
    for (const k of KINDS) {
      const { out: stdout } = await tool('pdfsig', [fx.file(k)]);
      const blocks = stdout.split(/Signature #\d+:/).slice(1);
      const ours = reports.get(k)!.signatures;
      expect(blocks.length, k).toBe(ours.length);
      blocks.forEach((b, i) => {
        expect(/Signature Validation: Signature is Valid\./.test(b), `${k} #${i + 1} valid`).toBe(
          ours[i]!.integrity === 'valid',
        );
        expect(/Total document signed/.test(b), `${k} #${i + 1} whole file`).toBe(ours[i]!.coversWholeDocument);
        expect(b, `${k} #${i + 1} field`).toContain(`Signature Field Name: ${ours[i]!.field}`);
      });
      if (k === 'signed-tampered') expect(stdout).toContain('Digest Mismatch');
      if (k === 'unsigned') expect(stdout).toContain('does not contain any signatures');
    }
  });
  it('qpdf --check finds every file structurally sound (warnings allowed, no errors)', async () => {
    for (const k of KINDS) {
      const r = await tool('qpdf', ['--check', fx.file(k)]);
      expect([0, 3], `${k}: ${r.out}`).toContain(r.code); // 2 would be errors; 3: succeeded with warnings
      expect(r.out, k).toMatch(/No syntax or stream encoding errors found|operation succeeded with warnings/);
    }
  });
});
