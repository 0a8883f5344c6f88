/**
 * The API's error messages in the caller's language. The code keeps writing its messages in
 * English (they are what the log shows, and `code` is what a program reads); this catalogue words
 * them for a person: each English message, its values as `{name}`, is the key of its Indonesian
 * text, as gettext keys a translation by its source text. A message the catalogue lacks stays
 * English (test/unit/i18n.test.ts checks every message in src/api has its entry).
 *
 * The language: `?lang=`, else the first of Accept-Language the app speaks (the web app sends its
 * switch), else Bahasa Indonesia. Terms follow docs/glossary.md.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

export type ApiLang = 'id' | 'en';

export const API_MESSAGES: readonly { en: string; id: string }[] = [
  // what was not found (errors.ts notFound: "<what> not found")
  { en: 'document {id} not found', id: 'dokumen {id} tidak ditemukan' },
  { en: 'version {version} of document {id} not found', id: 'versi {version} dokumen {id} tidak ditemukan' },
  { en: 'a report of document {id} not found', id: 'laporan dokumen {id} tidak ditemukan' },
  { en: 'analysis of document {id} not found', id: 'analisis dokumen {id} tidak ditemukan' },
  { en: 'the original of document {id} not found', id: 'berkas asli dokumen {id} tidak ditemukan' },
  { en: 'finding {index} of document {id} not found', id: 'temuan {index} dokumen {id} tidak ditemukan' },
  {
    en: 'page {page} of document {id} (it has {pages}) not found',
    id: 'halaman {page} dokumen {id} tidak ditemukan (dokumen ini {pages} halaman)',
  },
  { en: 'user {name} not found', id: 'pengguna {name} tidak ditemukan' },
  { en: 'active token {id} not found', id: 'token aktif {id} tidak ditemukan' },
  { en: '{method} {path} not found', id: '{method} {path} tidak ditemukan' },
  // access
  {
    en: 'malformed Authorization header (expected "Bearer <token>")',
    id: 'kepala Authorization tidak valid (seharusnya "Bearer <token>")',
  },
  { en: 'unknown or revoked API token', id: 'token API tidak dikenal atau sudah dicabut' },
  {
    en: 'log in first (POST /api/session) or send an API token',
    id: 'masuk dulu (POST /api/session) atau kirim token API',
  },
  {
    en: 'missing or wrong x-csrf-token header (GET /api/session gives it)',
    id: 'kepala x-csrf-token tidak ada atau salah (GET /api/session memberikannya)',
  },
  {
    en: 'this needs the {access} role; {name} is a {role}',
    id: 'ini memerlukan peran {access}; {name} berperan {role}',
  },
  { en: 'wrong username or password', id: 'nama pengguna atau kata sandi salah' },
  {
    en: 'too many failed logins; try again in {minutes} minute(s)',
    id: 'terlalu banyak percobaan masuk yang gagal; coba lagi dalam {minutes} menit',
  },
  // accounts
  { en: 'user {name} already exists', id: 'pengguna {name} sudah ada' },
  {
    en: 'an admin cannot disable or demote their own account',
    id: 'admin tidak dapat menonaktifkan atau menurunkan peran akunnya sendiri',
  },
  { en: 'the password must have at least {n} characters', id: 'kata sandi minimal {n} karakter' },
  {
    en: 'the password is too long (at most {n} characters)',
    id: 'kata sandi terlalu panjang (paling banyak {n} karakter)',
  },
  // review
  {
    en: '{name} is reviewing this report (claim until {until})',
    id: '{name} sedang mereviu laporan ini (diambil sampai {until})',
  },
  {
    en: 'the report has changed (now version {version}); reload it',
    id: 'laporan sudah berubah (kini versi {version}); muat ulang',
  },
  { en: 'document {id} is {status}', id: 'dokumen {id} masih {status}' },
  { en: 'you hold no claim on document {id}', id: 'Anda tidak sedang mengambil dokumen {id}' },
  {
    en: 'document {id} has no stored analysis to correct',
    id: 'dokumen {id} tidak punya analisis tersimpan untuk dikoreksi',
  },
  {
    en: 'the stored analysis of document {id} ({file}), version {version}, is not valid: {problems}',
    id: 'analisis tersimpan dokumen {id} ({file}), versi {version}, tidak valid: {problems}',
  },
  // uploads and exports
  { en: 'send the files as multipart/form-data', id: 'kirim berkas sebagai multipart/form-data' },
  {
    en: 'the upload stopped: nothing could be read from it for {s} s (a broken multipart body?)',
    id: 'unggahan terhenti: selama {s} dtk tidak ada yang dapat dibaca darinya (isi multipart rusak?)',
  },
  { en: 'the upload holds no file', id: 'unggahan ini tidak berisi berkas' },
  { en: 'the file is above the {max}-byte limit', id: 'berkas melebihi batas {max} byte' },
  {
    en: 'more than {max} reports selected: narrow the filters',
    id: 'lebih dari {max} laporan terpilih: persempit saringan',
  },
  { en: 'one CSV per table: {example}', id: 'satu CSV per tabel: {example}' },
  { en: 'finding {index} ({rule}) has no place on a page', id: 'temuan {index} ({rule}) tidak punya letak di halaman' },
  { en: 'internal error', id: 'kesalahan internal' },
  // request checks (route.ts): "<where> "<field>": <zod's message, already in the language>"
  { en: 'path parameter{rest}', id: 'parameter jalur{rest}' },
  { en: 'query parameter{rest}', id: 'parameter kueri{rest}' },
  { en: 'body{rest}', id: 'isi permintaan{rest}' },
];

const compiled = API_MESSAGES.map((m) => {
  const names: string[] = [];
  const source = m.en
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2) {
        names.push(part);
        return '([\\s\\S]*?)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { re: new RegExp(`^${source}$`), names, id: m.id };
});

/** An English API message in `lang` (unchanged when English, or when the catalogue lacks it). */
export function apiText(lang: ApiLang, english: string): string {
  if (lang === 'en') return english;
  for (const c of compiled) {
    const m = c.re.exec(english);
    if (!m) continue;
    const vars = Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? '']));
    return c.id.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  }
  return english;
}

/** The language a request asks for: `?lang=`, Accept-Language, else Bahasa Indonesia. */
export function requestLang(req: Pick<FastifyRequest, 'query' | 'headers'>): ApiLang {
  const q = (req.query as { lang?: unknown } | undefined)?.lang;
  if (q === 'en' || q === 'id') return q;
  for (const part of String(req.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().split(';')[0]!.toLowerCase();
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
  }
  return 'id';
}

/** zod's own messages in the request's language (its Indonesian locale). */
export const zodErrors: Record<ApiLang, z.core.$ZodErrorMap> = {
  id: z.locales.id().localeError,
  en: z.locales.en().localeError,
};
