-- Usage follows the coupon, not its text: a coupon is (code, rule_id). Rule ids are never
-- reused, so deleting a rule and creating another with the same code makes a new coupon,
-- and cancelling an order of the old one can no longer move the new one's counters.

-- Per-customer coupon counts, keyed by the coupon. Counts of coupons that no longer exist
-- are dropped: they belonged to deleted coupons.
CREATE TABLE coupon_customer_usage_by_coupon (
    code        TEXT NOT NULL,
    rule_id     BIGINT NOT NULL,
    customer_id TEXT NOT NULL,
    times_used  BIGINT NOT NULL,
    PRIMARY KEY (code, rule_id, customer_id)
);
INSERT INTO coupon_customer_usage_by_coupon (code, rule_id, customer_id, times_used)
    SELECT u.code, c.rule_id, u.customer_id, u.times_used
    FROM coupon_customer_usage u JOIN coupons c ON c.code = u.code;
DROP TABLE coupon_customer_usage;
ALTER TABLE coupon_customer_usage_by_coupon RENAME TO coupon_customer_usage;

-- What an order incremented: the coupons as [[code, rule_id], ...] (NULL for orders
-- recorded before this migration, which are undone by code as before).
ALTER TABLE usage_records ADD COLUMN coupons TEXT;
