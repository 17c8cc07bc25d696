-- 0007: which hub node marked an outbox row delivered (Hub:NodeName), so with several nodes on one database an
-- admin (and the two-node test) can see that each delivery was made by one node and that every node did work.
ALTER TABLE outbox ADD COLUMN delivered_by TEXT;
