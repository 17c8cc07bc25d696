-- 0002: what the on-time rules need, precomputed per dossier at write time, and the indexes that make the
-- statistics a plain indexed GROUP BY. Existing rows are backfilled from their events.
ALTER TABLE dossiers ADD COLUMN supplement_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN paused_since TEXT NULL;
ALTER TABLE dossiers ADD COLUMN paused_since_ms INTEGER NULL;
ALTER TABLE dossiers ADD COLUMN early_before_ms INTEGER NULL;
ALTER TABLE dossiers ADD COLUMN official_name TEXT NULL;
ALTER TABLE dossiers ADD COLUMN official_title TEXT NULL;
ALTER TABLE dossiers ADD COLUMN official_unit TEXT NULL;

UPDATE dossiers SET
    supplement_count = (SELECT COUNT(*) FROM status_events e WHERE e.dossier_code = dossiers.code AND e.status = 5),
    -- OnTimeRules.EarlyBefore in epoch milliseconds: the start of the due time's session in Vietnam time (UTC+7),
    -- 07:00 before 13:30, 13:30 from then on, the due instant itself before 07:00. t = milliseconds since local midnight.
    early_before_ms = CASE WHEN effective_due_ms IS NULL THEN NULL
        WHEN (effective_due_ms + 25200000) % 86400000 < 25200000 THEN effective_due_ms
        WHEN (effective_due_ms + 25200000) % 86400000 < 48600000 THEN effective_due_ms - (effective_due_ms + 25200000) % 86400000 + 25200000
        ELSE effective_due_ms - (effective_due_ms + 25200000) % 86400000 + 48600000 END,
    official_name = (SELECT e.official_name FROM status_events e WHERE e.dossier_code = dossiers.code AND e.official_name IS NOT NULL ORDER BY e.seq DESC LIMIT 1),
    official_title = (SELECT e.official_title FROM status_events e WHERE e.dossier_code = dossiers.code AND e.official_name IS NOT NULL ORDER BY e.seq DESC LIMIT 1),
    official_unit = (SELECT e.official_unit FROM status_events e WHERE e.dossier_code = dossiers.code AND e.official_name IS NOT NULL ORDER BY e.seq DESC LIMIT 1);

-- Covering indexes: the stats query reads only the index.
CREATE INDEX ix_dossiers_stats_received ON dossiers
    (received_ms, agency_code, procedure_code, official_name, status, ended_ms, effective_due_ms, early_before_ms, supplement_count, paused_since_ms);
CREATE INDEX ix_dossiers_stats_agency ON dossiers
    (agency_code, received_ms, procedure_code, official_name, status, ended_ms, effective_due_ms, early_before_ms, supplement_count, paused_since_ms);
