-- The audit trail: one row per rule or coupon write (create, update, activate, deactivate,
-- delete, import, restore, coupon generation), written in that write's transaction, so a
-- write and its entry commit or roll back together. No foreign key: a deleted rule's
-- history stays. `before`/`after` are the rule's stored body (proto3 JSON) around the write
-- (NULL where there is none: before a create, after a delete, both for a generation);
-- `detail` is JSON for what is not a rule body (a generation's request and count). Who is
-- the admin token's name, never the token.
CREATE TABLE rule_changes (
    seq        BIGSERIAL PRIMARY KEY,
    rule_id    BIGINT NOT NULL,
    version    BIGINT NOT NULL,   -- the rule's version after the write (a delete: the version deleted)
    action     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    door       TEXT NOT NULL,      -- grpc, cli or console
    changed_at TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rule_changes_rule ON rule_changes (rule_id, seq);

-- A deleted rule's per-customer counts went with it from now on; old orphans go now.
DELETE FROM rule_customer_usage WHERE rule_id NOT IN (SELECT id FROM rules);
