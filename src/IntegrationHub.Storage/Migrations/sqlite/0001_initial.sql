-- 0001: reference data, dossiers, documents stored once per SHA-256, status events, outbox, audit chain.
CREATE TABLE agencies (
    code TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (code, effective_from)
);

CREATE TABLE procedures (
    code TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NULL,
    name TEXT NOT NULL,
    vertical_system TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (code, agency_code, effective_from)
);

CREATE TABLE dossiers (
    code TEXT NOT NULL PRIMARY KEY,
    procedure_code TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    received_at TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    channel TEXT NOT NULL,
    applicant TEXT NOT NULL,
    status INTEGER NOT NULL,
    due_at TEXT NULL,
    original_due_at TEXT NULL,
    effective_due_at TEXT NULL,
    effective_due_ms INTEGER NULL,
    ended_at TEXT NULL,
    ended_ms INTEGER NULL,
    end_status INTEGER NULL,
    vertical_system TEXT NULL,
    submission_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE blobs (
    sha256 TEXT NOT NULL PRIMARY KEY,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE dossier_documents (
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    detached_sha256 TEXT NULL REFERENCES blobs (sha256),
    report TEXT NULL,
    flagged INTEGER NOT NULL,
    PRIMARY KEY (dossier_code, position)
);
CREATE INDEX ix_dossier_documents_sha256 ON dossier_documents (sha256);

CREATE TABLE status_events (
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    status INTEGER NOT NULL,
    system_status TEXT NULL,
    at TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    official_name TEXT NULL,
    official_title TEXT NULL,
    official_unit TEXT NULL,
    note TEXT NULL,
    step_due_at TEXT NULL,
    apology_reason TEXT NULL,
    apology_new_due_at TEXT NULL,
    result TEXT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (dossier_code, seq)
);
-- Duplicate deliveries of one event are recognised by this index.
CREATE UNIQUE INDEX ux_status_events_event_id ON status_events (dossier_code, event_id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_code TEXT NOT NULL,
    vertical_system TEXT NOT NULL,
    message_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT NULL,
    error_class TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    delivered_at TEXT NULL
);
CREATE UNIQUE INDEX ux_outbox_message_id ON outbox (message_id);
CREATE INDEX ix_outbox_due ON outbox (state, next_attempt_ms);
CREATE INDEX ix_outbox_dossier ON outbox (dossier_code);

CREATE TABLE audit_log (
    seq INTEGER NOT NULL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NULL,
    details TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, seq);

-- The chain's head: one row, updated with every entry, so concurrent writers queue on it.
CREATE TABLE audit_head (
    id INTEGER NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
