-- Cohort schema, SQLite flavour. Table and column names are shared with PostgreSQL;
-- timestamps are RFC 3339 UTC text in both, so queries read the same.

-- One row, bumped by every rule write so replicas and caches know which set is current.
CREATE TABLE ruleset_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO ruleset_version (id, version) VALUES (1, 0);

CREATE TABLE rules (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    version           INTEGER NOT NULL,
    active            BOOLEAN NOT NULL,
    sort_order        INTEGER NOT NULL,
    coupon_code       TEXT,             -- a SPECIFIC rule's code, lower-cased
    uses_per_customer INTEGER NOT NULL DEFAULT 0,
    body              TEXT NOT NULL,    -- the CartPriceRule as proto3 JSON
    times_used        INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX rules_coupon_code ON rules (coupon_code) WHERE coupon_code IS NOT NULL;
CREATE INDEX rules_priority ON rules (sort_order, id);

CREATE TABLE rule_audiences (
    rule_id     INTEGER NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    audience_id TEXT NOT NULL,
    PRIMARY KEY (rule_id, audience_id)
);
CREATE INDEX rule_audiences_audience ON rule_audiences (audience_id);

CREATE TABLE coupons (
    code               TEXT PRIMARY KEY,  -- lower-cased
    display_code       TEXT NOT NULL,
    rule_id            INTEGER NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
    usage_limit        INTEGER NOT NULL DEFAULT 0,
    usage_per_customer INTEGER NOT NULL DEFAULT 0,
    times_used         INTEGER NOT NULL DEFAULT 0,
    expires_on         TEXT,              -- YYYY-MM-DD, inclusive
    generated          BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX coupons_rule ON coupons (rule_id, code);

CREATE TABLE coupon_customer_usage (
    code        TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    times_used  INTEGER NOT NULL,
    PRIMARY KEY (code, customer_id)
);

CREATE TABLE rule_customer_usage (
    rule_id     INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    times_used  INTEGER NOT NULL,
    PRIMARY KEY (rule_id, customer_id)
);

-- One row per order: what its RecordUsage incremented, so a retry is a no-op and
-- CancelUsage undoes exactly that.
CREATE TABLE usage_records (
    order_id     TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL,
    rule_ids     TEXT NOT NULL,        -- JSON array
    coupon_codes TEXT NOT NULL,        -- JSON array, lower-cased
    cancelled    BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_at  TEXT NOT NULL
);

CREATE TABLE audiences (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    namespace   TEXT NOT NULL,
    origin      TEXT NOT NULL,
    state       TEXT NOT NULL,
    updated_at  TEXT,
    synced_at   TEXT NOT NULL
);

CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    deleted     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT ''
);
