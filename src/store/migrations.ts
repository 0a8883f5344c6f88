/**
 * The schema, as ordered SQL migrations applied at start (PostgreSQL and PGlite run the same SQL).
 * Append only: a migration that has shipped is never edited.
 */
export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'documents, versions, normalised tables, discrepancies, review, audit',
    sql: `
CREATE TABLE documents (
  id             bigserial PRIMARY KEY,
  sha256         text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name      text NOT NULL,
  size_bytes     bigint NOT NULL,
  kind           text,
  pages          integer,
  mode           text CHECK (mode IN ('text', 'ocr', 'mixed')),
  status         text NOT NULL CHECK (status IN ('queued', 'processing', 'clean', 'flagged', 'failed')),
  failure_code   text,
  failure_reason text,
  priority       integer NOT NULL DEFAULT 10,
  -- the processing run: --force and reprocess start a new one; a version is stored once per run
  run            integer NOT NULL DEFAULT 1,
  run_reason     text NOT NULL DEFAULT 'ingest',
  attempts       integer NOT NULL DEFAULT 0,
  current_version integer,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  processed_at   timestamptz
);
CREATE INDEX documents_status ON documents (status, updated_at);

-- originals, content-addressed; in embedded mode they live in a folder instead
CREATE TABLE blobs (
  sha256     text PRIMARY KEY,
  bytes      bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- what page jobs hand to the assemble job of the same run; deleted once the report is stored
CREATE TABLE page_results (
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  run         integer NOT NULL,
  page        integer NOT NULL,
  content     jsonb NOT NULL,
  scan        jsonb,
  raster      bytea,
  PRIMARY KEY (document_id, run, page)
);

CREATE TABLE report_versions (
  id          bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  run         integer NOT NULL,
  reason      text NOT NULL,
  status      text NOT NULL CHECK (status IN ('clean', 'flagged', 'failed')),
  unit        text,
  kecamatan   text,
  kabupaten   text,
  period_kind text,
  period_number integer,
  year        integer,
  report      jsonb NOT NULL,
  -- tables, meta and claims with provenance (page, bbox, confidence): evidence and re-verification
  analysis    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version),
  UNIQUE (document_id, run)
);
CREATE INDEX report_versions_place ON report_versions (kabupaten, kecamatan, year);

CREATE TABLE pk_targets (           -- Tabel 2.1 Perjanjian Kinerja
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  ord integer NOT NULL, no text NOT NULL, sasaran text, indikator text, target numeric,
  PRIMARY KEY (version_id, ord)
);
CREATE TABLE rating_scale (         -- Tabel 2.2 skala nilai
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  ord integer NOT NULL, no text NOT NULL, min numeric, max numeric, kriteria text,
  PRIMARY KEY (version_id, ord)
);
CREATE TABLE performance (          -- Tabel 2.3 capaian kinerja
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  ord integer NOT NULL, no text NOT NULL, sasaran text, indikator text,
  target numeric, realisasi numeric, capaian numeric,
  PRIMARY KEY (version_id, ord)
);
CREATE TABLE cost_per_outcome (     -- Tabel 2.4
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  ord integer NOT NULL, no text NOT NULL, sasaran text, indikator text,
  pagu numeric, realisasi_anggaran numeric, capaian_anggaran numeric,
  target numeric, realisasi numeric, capaian numeric,
  PRIMARY KEY (version_id, ord)
);
CREATE TABLE budget (               -- Tabel 2.5 pagu dan realisasi anggaran
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  ord integer NOT NULL, no text NOT NULL, uraian text, pagu numeric, realisasi numeric, capaian numeric,
  PRIMARY KEY (version_id, ord)
);

CREATE TABLE discrepancies (
  version_id bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  idx        integer NOT NULL,
  rule       text NOT NULL,
  severity   text NOT NULL,
  tbl        text NOT NULL,
  row_no     text NOT NULL,
  field      text NOT NULL,
  stated     text,
  expected   text,
  message    text NOT NULL,
  page       integer,
  PRIMARY KEY (version_id, idx)
);
CREATE INDEX discrepancies_rule ON discrepancies (rule, severity);

-- one row per document under review: who holds it, until when, and the outcome
CREATE TABLE review_state (
  document_id   bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'reviewed')),
  claimed_by    text,
  claim_expires timestamptz,
  reviewed_by   text,
  reviewed_at   timestamptz
);

-- append only: nothing in the product updates or deletes it
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  document_id bigint,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE nightly_summaries (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  inbox      text NOT NULL,
  found      integer NOT NULL,
  queued     integer NOT NULL,
  duplicates integer NOT NULL,
  rejected   integer NOT NULL,
  processed  integer NOT NULL,
  flagged    integer NOT NULL,
  failed     integer NOT NULL
);
`,
  },
  {
    id: 2,
    name: 'accounts, sessions, API tokens, login throttling, review decisions, corrections; audit log append-only',
    sql: `
-- people and their roles; usernames are stored lower-case
CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  role          text NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
  -- scrypt$N$r$p$salt$hash (base64url); never the password
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- API tokens act as their user; only the sha256 of a token is kept
CREATE TABLE api_tokens (
  id           bigserial PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label        text NOT NULL DEFAULT '',
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- browser sessions; only the sha256 of the cookie's value is kept
CREATE TABLE sessions (
  id_hash    text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- failed logins per key (username and address), for throttling
CREATE TABLE login_failures (
  key text NOT NULL,
  at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- a reviewer's decision on a finding; the latest per finding counts, earlier ones stay as history.
-- finding = rule|table|row|field|stated|expected, so a decision follows the finding across versions
CREATE TABLE discrepancy_reviews (
  id          bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  idx         integer NOT NULL,
  finding     text NOT NULL,
  rule        text NOT NULL,
  tbl         text NOT NULL,
  row_no      text NOT NULL,
  field       text NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('confirmed', 'dismissed')),
  reason      text,
  actor       text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discrepancy_reviews_finding ON discrepancy_reviews (document_id, finding, id);

-- values a reviewer read again and corrected; each made a new report version
CREATE TABLE corrections (
  id           bigserial PRIMARY KEY,
  document_id  bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  from_version integer NOT NULL,
  to_version   integer NOT NULL,
  tbl          text NOT NULL,
  row_no       text NOT NULL,
  field        text NOT NULL,
  before       jsonb,
  after        jsonb,
  actor        text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX corrections_document ON corrections (document_id, id);

CREATE INDEX audit_log_document ON audit_log (document_id, id);

-- the audit log is append-only in the database itself, whatever a future query tries
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
  },
  {
    id: 3,
    name: 'nightly summaries count each processed document once',
    sql: `
-- a summary claims the documents it counts: processed_at is the storing transaction's start time, so a
-- window "processed_at > last summary" lost documents whose transaction committed after that summary began
ALTER TABLE documents ADD COLUMN summarised boolean NOT NULL DEFAULT false;
UPDATE documents SET summarised = true
  WHERE processed_at IS NOT NULL AND processed_at <= (SELECT MAX(at) FROM nightly_summaries);
CREATE INDEX documents_unsummarised ON documents (id) WHERE processed_at IS NOT NULL AND NOT summarised;
`,
  },
  {
    id: 4,
    name: 'login attempts reserved one by one: failures get an id',
    sql: `
-- a login attempt is counted before the password is checked (under a lock per key) and its rows are
-- deleted again when it succeeds: the id names them
ALTER TABLE login_failures ADD COLUMN id bigserial PRIMARY KEY;
`,
  },
  {
    id: 5,
    name: 'audit log: the API token of an action; rows chained by hash',
    // No statement below ends a line with ';' inside a function body: migrate() splits on ';' + newline.
    sql: `
ALTER TABLE audit_log ADD COLUMN token_id bigint;
-- each row holds the hash of the previous one (seq orders the chain): an edited, inserted or deleted
-- row breaks it, whoever made the change (lkj audit verify recomputes every hash outside the database)
ALTER TABLE audit_log ADD COLUMN seq bigint;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- the canonical text of a row: each field as <octets>:<value>; (NULL as -;), UTF-8 (src/store/audit.ts)
CREATE FUNCTION audit_row_hash(prev text, seq bigint, at timestamptz, actor text, action text, document_id bigint, token_id bigint, detail jsonb)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    (SELECT string_agg(CASE WHEN f IS NULL THEN '-;' ELSE octet_length(f)::text || ':' || f || ';' END, '' ORDER BY i)
     FROM unnest(ARRAY[prev, seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor, action,
       document_id::text, token_id::text, detail::text]) WITH ORDINALITY AS t(f, i)), 'UTF8')), 'hex')
$$;

-- one writer at a time appends to the chain (the lock is held until its transaction commits)
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last_seq bigint
  ; last_hash text
; BEGIN
  PERFORM pg_advisory_xact_lock(4242004)
  ; SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1
  ; NEW.seq := COALESCE(last_seq, 0) + 1
  ; NEW.prev_hash := COALESCE(last_hash, '')
  ; NEW.hash := audit_row_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.document_id, NEW.token_id, NEW.detail)
  ; RETURN NEW
; END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- the rows written before: chained in the order they were written
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$ DECLARE r record
  ; p text := ''
  ; n bigint := 0
; BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1
    ; UPDATE audit_log SET seq = n, prev_hash = p, hash = audit_row_hash(p, n, r.at, r.actor, r.action, r.document_id, r.token_id, r.detail) WHERE id = r.id
    ; p := audit_row_hash(p, n, r.at, r.actor, r.action, r.document_id, r.token_id, r.detail)
  ; END LOOP
; END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
`,
  },
  {
    id: 6,
    name: "digital signatures of each report version (normalised from the contract's signatures)",
    sql: `
-- one row per signature field of a signed PDF; the contract JSON keeps the details (changes, problems, marks)
CREATE TABLE signatures (
  version_id             bigint NOT NULL REFERENCES report_versions (id) ON DELETE CASCADE,
  idx                    integer NOT NULL,
  field                  text NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('signature', 'timestamp')),
  signer_name            text,
  signer_nip             text,
  issuer                 text,
  signed_at              timestamptz,
  covers_whole_document  boolean NOT NULL,
  modified_after_signing boolean NOT NULL,
  integrity              text NOT NULL CHECK (integrity IN ('valid', 'invalid')),
  trust                  text NOT NULL CHECK (trust IN ('trusted', 'untrusted', 'unknown')),
  matches_signatory      boolean,
  PRIMARY KEY (version_id, idx)
);
CREATE INDEX signatures_signer_nip ON signatures (signer_nip);
`,
  },
  {
    id: 7,
    name: "a profile per document (issue 11: a kabupaten template's quirks, given per batch)",
    sql: `
-- the profile a document was ingested with (model/profile.ts), used whenever it is processed
ALTER TABLE documents ADD COLUMN profile jsonb;
`,
  },
];
