-- 0006: two-step signing sessions survive a restart and are shared by hub nodes. The prepared signature is rebuilt at
-- completion from what is kept here (document, signer certificate, digest algorithm, signing time); digest is what the
-- signer was given, so a rebuild that differs is refused. state: open, busy (one completion holds it since claimed_ms),
-- done. A session is used once: the claim is a single conditional UPDATE.
CREATE TABLE signing_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    mode TEXT NOT NULL,
    content BLOB NOT NULL,
    signer_certificate BLOB NOT NULL,
    digest_algorithm TEXT NOT NULL,
    signing_time TEXT NOT NULL,
    digest BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    claimed_ms INTEGER NULL
);
CREATE INDEX ix_signing_sessions_expires ON signing_sessions (expires_ms);
