-- 0003: the statistics become one CASE per row. end_outcome is the ended dossier's class (0 early, 1 on time, 2 late),
-- fixed when it ends; overdue_from_ms is the instant after which an open dossier counts as overdue (NULL: never, e.g.
-- no due date, or paused in a supplement before its due date). Both are written by the store with Core's rules;
-- existing rows are backfilled with the same rules in SQL.
ALTER TABLE dossiers ADD COLUMN end_outcome INTEGER NULL;
ALTER TABLE dossiers ADD COLUMN overdue_from_ms INTEGER NULL;

UPDATE dossiers SET
    end_outcome = CASE WHEN ended_ms IS NULL THEN NULL
        WHEN effective_due_ms IS NULL THEN 1
        WHEN supplement_count > 1 OR ended_ms > effective_due_ms THEN 2
        WHEN ended_ms < early_before_ms THEN 0
        ELSE 1 END,
    overdue_from_ms = CASE WHEN effective_due_ms IS NULL THEN NULL
        WHEN supplement_count > 1 THEN received_ms
        WHEN paused_since_ms IS NOT NULL AND paused_since_ms <= effective_due_ms THEN NULL
        ELSE effective_due_ms END;

DROP INDEX ix_dossiers_stats_received;
DROP INDEX ix_dossiers_stats_agency;
CREATE INDEX ix_dossiers_outcome_received ON dossiers
    (received_ms, agency_code, procedure_code, official_name, ended_ms, end_outcome, status, overdue_from_ms);
CREATE INDEX ix_dossiers_outcome_agency ON dossiers
    (agency_code, received_ms, procedure_code, official_name, ended_ms, end_outcome, status, overdue_from_ms);
