/** The API's answers as the app reads them (see src/api/schemas.ts and /docs/openapi.json). */

export type Role = 'viewer' | 'reviewer' | 'admin';
export type Severity = 'error' | 'warning' | 'uncertain';

export interface SessionInfo { user: { username: string; role: Role }; via: 'session' | 'token'; csrfToken: string | null }

export interface ReviewInfo { state: 'open' | 'claimed' | 'reviewed' | 'none'; claimedBy: string | null; claimExpires: string | null; reviewedBy: string | null; reviewedAt: string | null }

export interface DocumentSummary {
  id: number;
  sha256: string;
  fileName: string;
  pages: number | null;
  mode: string | null;
  status: 'queued' | 'processing' | 'clean' | 'flagged' | 'failed';
  failure: { code: string | null; message: string | null } | null;
  createdAt: string;
  processedAt: string | null;
  version: number | null;
  unit: string | null;
  kecamatan: string | null;
  kabupaten: string | null;
  period: { kind: string; number: number | null; year: number | null } | null;
  discrepancies: { error: number; uncertain: number; warning: number };
  review: ReviewInfo;
}

export interface DocumentList { total: number; limit: number; offset: number; items: DocumentSummary[] }
export interface QueueAnswer extends DocumentList {
  counts: { total: number; open: number; claimed: number; mostSevere: { error: number; uncertain: number; warning: number } };
}

export type Cell = string | number | null;
export type TableRow = Record<string, Cell> & { no: string };

export interface Discrepancy {
  rule: string;
  severity: Severity;
  table: string;
  row: string;
  field: string;
  stated: Cell;
  expected: Cell;
  message: string;
  evidence: { page: number | null; bbox: [number, number, number, number] | null };
}

export interface Claim { kind: string; value: string | number; text: string; page: number }

export interface SignatureChange { kind: string; change: 'added' | 'removed' | 'modified'; page: number | null; name: string | null; allowed: boolean }

/** One signature field of a signed PDF (contract `signatures`, schemaVersion 2). */
export interface SignatureInfo {
  field: string;
  kind: 'signature' | 'timestamp';
  signer: { name: string | null; nip: string | null; issuer: string | null };
  signedAt: string | null;
  signedAtSource: 'timestamp' | 'signing-time' | 'pdf' | null;
  coversWholeDocument: boolean;
  modifiedAfterSigning: boolean;
  integrity: 'valid' | 'invalid';
  trust: 'trusted' | 'untrusted' | 'unknown';
  revocation: 'not-checked';
  matchesSignatory: boolean | null;
  matchedSignatory: string | null;
  certificate: { subject: string; serialNumber: string; notBefore: string; notAfter: string; validAtSigning: boolean | null } | null;
  changes: SignatureChange[];
  problems: { code: string; detail: string }[];
  evidence: { page: number | null; bbox: [number, number, number, number] | null };
}

export interface SignatureMarks {
  footer: { text: string; pages: number[] } | null;
  qrCodes: { page: number; text: string; url: string | null; bbox: [number, number, number, number] | null }[];
}

export interface Report {
  source: { file: string; pages: number; mode: string };
  report: {
    unit: string | null; kecamatan: string | null; kabupaten: string | null;
    period: { kind: string; number: number | null; year: number | null } | null;
    signedAt: string | null;
    signatories: { name: string; nip: string | null; title: string | null; nipValid?: boolean }[];
  };
  tables: Record<string, TableRow[]>;
  claims: Claim[];
  discrepancies: Discrepancy[];
  missingTables?: string[];
  /** absent in reports stored before schemaVersion 2 */
  signatures?: SignatureInfo[];
  signatureMarks?: SignatureMarks;
  status: 'clean' | 'flagged' | 'failed';
  error?: { code: string; message: string };
}

export interface Decision { outcome: 'confirmed' | 'dismissed'; reason: string | null; by: string; at: string; version: number }

export interface DocumentDetail {
  document: DocumentSummary;
  report: Report | null;
  discrepancies: { index: number; finding: string; decision: Decision | null; evidenceUrl: string | null }[];
  versions: { version: number; reason: string; status: string; createdAt: string }[];
  pageUrl: string | null;
}

export interface UploadItem { file: string; id: number | null; status: string; duplicate: boolean; url: string | null; error?: { code: string; message: string } }

export interface PlaceStats {
  kabupaten: string | null; kecamatan: string | null; unit: string | null; periodKind: string | null; periodNumber: number | null; year: number | null;
  reports: number; flagged: number; capaianKinerja: number | null; serapanAnggaran: number | null;
}

export interface Stats {
  documents: { total: number; queued: number; processing: number; clean: number; flagged: number; failed: number };
  flaggedRate: number | null;
  byPlace: PlaceStats[];
  processedPerDay: { day: string; processed: number; flagged: number }[];
  rules: { rule: string; findings: number; reports: number }[];
}

export interface PublicUser { id: number; username: string; role: Role; disabled: boolean; createdAt: string }
export interface TokenInfo { id: number; username: string; label: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
