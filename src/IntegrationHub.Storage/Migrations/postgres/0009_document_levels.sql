-- 0009: long-term levels of stored signed documents. A row per document and level reached (B-LT, B-LTA, and each
-- renewal of B-LTA, told apart by generation): the augmented document is a blob of its own, stored beside the
-- original (dossier_documents is never changed). The primary key makes storing an augmentation idempotent: a job
-- re-run after a crash, or a stale one, finds the row and stores nothing. renew_before_ms: when the last archive
-- timestamp's TSA certificate runs out (minus a margin), read by the renewal sweep. The pending work itself is an
-- outbox row of the pseudo-target 'long-term' (schedule, lease, growing delays, dead letters, replay).
CREATE TABLE document_levels (
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    position BIGINT NOT NULL,
    level TEXT NOT NULL,
    generation BIGINT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs (sha256),
    renew_before_at TEXT NULL,
    renew_before_ms BIGINT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (dossier_code, position, level, generation)
);
CREATE INDEX ix_document_levels_renew ON document_levels (renew_before_ms);
CREATE INDEX ix_outbox_system_state ON outbox (vertical_system, state);
