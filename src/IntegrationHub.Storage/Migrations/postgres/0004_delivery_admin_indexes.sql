-- 0004: indexes for the admin delivery queries (GET /api/v1/admin/deliveries), built for 100,000 dead letters.
-- Each filter the admin uses (state, system, both, error class, with or without the state) finds its rows newest
-- first by walking one index backwards, so a first page reads about 50 index entries instead of scanning and
-- sorting the outbox. The dossier filter already has ix_outbox_dossier (few rows per dossier).
CREATE INDEX ix_outbox_state_id ON outbox (state, id);
CREATE INDEX ix_outbox_system_state_id ON outbox (vertical_system, state, id);
CREATE INDEX ix_outbox_system_id ON outbox (vertical_system, id);
CREATE INDEX ix_outbox_error_class_id ON outbox (error_class, id);
