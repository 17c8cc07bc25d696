-- 0008 (0007 is taken by the two-node branch's outbox_delivered_by): monthly roll-up of stats_days. A long period summed ~1 row per dossier from stats_days when grouped by official
-- (one year: ~500k rows, 0.4-0.5 s). stats_months holds the same counts per Vietnam calendar month (month = yyyymm), so
-- the query sums the whole months from here and only the partial first and last months from stats_days. The store keeps
-- it in the same statement as stats_days (StatsDays.cs holds the same expressions); backfilled from stats_days.
CREATE TABLE stats_months (
    dim TEXT NOT NULL,
    month BIGINT NOT NULL,
    agency_code TEXT NOT NULL,
    group_key TEXT NOT NULL,
    bucket BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (dim, month, agency_code, group_key, bucket)
);
CREATE INDEX ix_stats_months_agency ON stats_months (dim, agency_code, month, group_key, bucket, n);

INSERT INTO stats_months (dim, month, agency_code, group_key, bucket, n)
SELECT dim, CAST(to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYYMM') AS BIGINT), agency_code, group_key, bucket, SUM(n)
FROM stats_days
GROUP BY 1, 2, 3, 4, 5
HAVING SUM(n) <> 0;
