/**
 * The API's answers as the app reads them: the server's own zod schemas (src/api/schemas.ts, the
 * output contract in src/model/contract.ts), imported as types only, so a change of the contract or
 * of an answer breaks this app's typecheck (`npm run typecheck`) instead of drifting from it, and
 * nothing of zod or the server reaches the bundle. /docs/openapi.json describes the same shapes.
 */
import type { z } from 'zod';
import type * as api from '../../src/api/schemas.js';
import type * as contract from '../../src/model/contract.js';

type Out<T extends z.ZodType> = z.output<T>;

export type Role = Out<typeof api.SessionInfo>['user']['role'];
export type Severity = contract.Severity;
export type TableId = contract.TableId;
export type TableField<K extends TableId> = contract.TableField<K>;

export type SessionInfo = Out<typeof api.SessionInfo>;
export type ReviewInfo = Out<typeof api.ReviewInfo>;
export type DocumentSummary = Out<typeof api.DocumentSummary>;
export type DocumentList = Out<typeof api.DocumentList>;
export type QueueAnswer = Out<typeof api.QueueAnswer>;
export type DocumentDetail = Out<typeof api.DocumentDetail>;
export type Decision = Out<typeof api.Decision>;
export type UploadItem = Out<typeof api.UploadItem>;
export type CorrectionAnswer = Out<typeof api.CorrectionAnswer>;
/** The provenance of the current version's values (GET /api/documents/:id/analysis). */
export type Analysis = Out<typeof api.AnalysisView>;
export type AnalysisCell = Analysis['tables'][TableId][number]['fields'][string];
export type PlaceStats = Out<typeof api.PlaceStats>;
export type Stats = Out<typeof api.StatsAnswer>;
export type PublicUser = Out<typeof api.PublicUserSchema>;
export type TokenInfo = Out<typeof api.TokenInfo>;

export type Report = Out<typeof contract.Report>;
export type Discrepancy = contract.Discrepancy;
export type Claim = contract.Claim;
export type SignatureInfo = contract.SignatureInfo;
export type SignatureChange = contract.SignatureChange;
export type SignatureMarks = contract.SignatureMarks;

/** A value as a table cell or a finding shows it. */
export type Cell = string | number | null;
/** A row of any table. */
export type TableRow = Report['tables'][TableId][number];
