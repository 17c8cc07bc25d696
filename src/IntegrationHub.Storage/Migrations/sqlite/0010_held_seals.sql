-- 0010: agency seals held while their time-stamping authority does not answer (issue 11). A row is written before the
-- seal route answers 202, so no accepted seal is lost; the retry job finishes it. step: 'timestamp' (document is the
-- B-B signature made at request time; the job adds its signature timestamp) or 'reseal' (document is the original; the
-- job seals it again with the TSA). state: waiting, done (result holds the B-T document), dead (an admin may replay it).
-- next_attempt_ms is also the lease: a job that claims a row moves it forward, so a crashed job's row comes back.
CREATE TABLE held_seals (
    id TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    mode TEXT NOT NULL,
    step TEXT NOT NULL,
    tsa_url TEXT NOT NULL,
    document BLOB NOT NULL,
    result BLOB NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT NULL
);
CREATE INDEX ix_held_seals_due ON held_seals (state, next_attempt_ms);
