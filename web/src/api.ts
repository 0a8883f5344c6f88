/**
 * The server's API as the app uses it: JSON in and out, the session cookie (HttpOnly, sent by the
 * browser) and the CSRF token, which every state change must carry in `x-csrf-token`.
 */
import { currentLang } from './i18n';
import type {
  Analysis,
  CorrectionAnswer,
  DocumentDetail,
  DocumentList,
  PublicUser,
  QueueAnswer,
  Role,
  SessionInfo,
  Stats,
  TableId,
  TokenInfo,
  UploadItem,
} from './types';

export type { Analysis, AnalysisCell, CorrectionAnswer } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrf: string | null = null;
let onUnauthenticated: () => void = () => {};

export const setCsrf = (token: string | null) => {
  csrf = token;
};
export const csrfToken = () => csrf;
/** what to do when the session is gone (expired, logged out elsewhere): show the login page */
export const whenUnauthenticated = (fn: () => void) => {
  onUnauthenticated = fn;
};

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  // the server words its messages in the app's language
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLang() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const r = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (r.status === 204) return undefined as T;
  const data = (await r.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (!r.ok) {
    const e = data?.error;
    if (r.status === 401 && url !== '/api/session') onUnauthenticated();
    throw new ApiError(r.status, e?.code ?? 'http', e?.message ?? `${r.status} ${r.statusText}`, e?.details);
  }
  return data as T;
}

/** `?a=1&b=x` from the non-empty entries */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** reports per page of the queue */
export const PAGE_SIZE = 100;

export const api = {
  session: () => request<SessionInfo>('GET', '/api/session'),
  login: (username: string, password: string) => request<SessionInfo>('POST', '/api/session', { username, password }),
  logout: () => request<void>('DELETE', '/api/session'),
  queue: (filters: Record<string, string>, offset = 0) =>
    request<QueueAnswer>('GET', `/api/review/queue${query({ ...filters, limit: PAGE_SIZE, offset })}`),
  documents: (filters: Record<string, string>, offset = 0) =>
    request<DocumentList>('GET', `/api/documents${query({ sort: 'severity', ...filters, limit: PAGE_SIZE, offset })}`),
  // the findings' messages worded in the reader's language (the server re-words them)
  document: (id: number) => request<DocumentDetail>('GET', `/api/documents/${id}?lang=${currentLang()}`),
  analysis: (id: number) => request<Analysis>('GET', `/api/documents/${id}/analysis`),
  claimNext: (filters: Record<string, string>) =>
    request<{ document: { id: number } | null }>('POST', '/api/review/claim', cleanFilters(filters)),
  claim: (id: number) => request<unknown>('POST', `/api/documents/${id}/claim`),
  release: (id: number) => request<unknown>('POST', `/api/documents/${id}/release`),
  confirm: (id: number, index: number, version: number) =>
    request<unknown>('POST', `/api/documents/${id}/discrepancies/${index}/confirm`, { version }),
  dismiss: (id: number, index: number, version: number, reason: string) =>
    request<unknown>('POST', `/api/documents/${id}/discrepancies/${index}/dismiss`, { version, reason }),
  correct: (
    id: number,
    body: {
      table: TableId | 'narrative';
      row: string;
      field: string;
      value: string | number | null;
      version: number;
      occurrence?: number;
    },
  ) => request<CorrectionAnswer>('POST', `/api/documents/${id}/corrections`, body),
  reviewed: (id: number, version: number) =>
    request<{ undecided: number }>('POST', `/api/documents/${id}/reviewed`, { version }),
  stats: (filters: Record<string, string>) => request<Stats>('GET', `/api/stats${query({ days: 30, ...filters })}`),
  // accounts (admin)
  users: () => request<PublicUser[]>('GET', '/api/users'),
  createUser: (username: string, role: Role, password?: string) =>
    request<{ user: PublicUser; password: string | null }>('POST', '/api/users', {
      username,
      role,
      ...(password ? { password } : {}),
    }),
  updateUser: (username: string, patch: { role?: Role; disabled?: boolean }) =>
    request<PublicUser>('PATCH', `/api/users/${encodeURIComponent(username)}`, patch),
  tokens: () => request<TokenInfo[]>('GET', '/api/tokens'),
  createToken: (username: string, label: string) =>
    request<TokenInfo & { token: string }>('POST', '/api/tokens', { username, label }),
  revokeToken: (id: number) => request<TokenInfo>('DELETE', `/api/tokens/${id}`),
};

/** The claim body takes the queue's filters, less status and review */
function cleanFilters(f: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of ['kecamatan', 'kabupaten', 'period', 'rule', 'severity'] as const) if (f[k]) out[k] = f[k]!;
  if (f.year) out.year = Number(f.year);
  return out;
}

/**
 * Upload one file with XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the server's answer for the file (also for a refused file: it says why). An
 * optional template profile (JSON text) goes with it.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, profile?: string): Promise<UploadItem> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept-language', currentLang());
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response as UploadItem[] | { error?: { code: string; message: string } } | null;
      if (Array.isArray(body) && body[0]) return resolve(body[0]);
      const e = body && !Array.isArray(body) ? body.error : undefined;
      reject(new ApiError(xhr.status, e?.code ?? 'http', e?.message ?? `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'network error')));
    const form = new FormData();
    // the batch's template profile (JSON), before the file: the server reads it first
    if (profile) form.append('profile', profile);
    form.append('files', file, file.name);
    xhr.send(form);
  });
}
