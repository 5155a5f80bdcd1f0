-- What changed the usage pricing reads, one row per committed write, so that every
-- replica's usage cache can follow (`usage_changes_after`): RecordUsage and CancelUsage
-- name the order's customer ('' for a guest) and codes; a coupon generation names every
-- code ('*'). Written last in its transaction (and NOTIFY cohort_usage_changed at commit);
-- old rows are pruned by the readers.
CREATE TABLE usage_changes (
    seq         BIGSERIAL PRIMARY KEY,
    customer_id TEXT NOT NULL,
    codes       TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE INDEX usage_changes_changed_at ON usage_changes (changed_at);
