//! Usage counting (`RecordUsage` / `CancelUsage`): one transaction per order, keyed by
//! `order_id`, with conditional increments, so concurrent orders can never push a coupon or
//! a customer past a limit and a retried order never counts twice.

use std::collections::BTreeMap;

use cohort_domain::coupon::code_key;

use crate::StoreError;
use crate::backend::Store;
use crate::backend::settle;
use crate::changes::log_change;
use crate::time::{now_text, to_i64, to_u64};

/// What `record_usage` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageOutcome {
    Recorded,
    /// The order was recorded before: nothing moved.
    AlreadyRecorded,
}

/// What a cancelled order gave back: whose counts and which coupons moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    /// Empty for a guest order.
    pub customer_id: String,
    /// The coupons' codes (`code_key` form).
    pub codes: Vec<String>,
}

/// A customer's past uses, for pricing's `UsageView`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerUsage {
    /// `(code_key, rule_id)` (a coupon's identity) → uses.
    pub coupons: BTreeMap<(String, u64), u64>,
    /// Rule id → uses.
    pub rules: BTreeMap<u64, u64>,
}

impl CustomerUsage {
    /// The uses of the coupon `code` of rule `rule_id` (0 when none): counts of an earlier
    /// coupon with the same text but another rule do not carry over.
    pub fn coupon_uses(&self, code: &str, rule_id: u64) -> u64 {
        self.coupons
            .get(&(code_key(code), rule_id))
            .copied()
            .unwrap_or(0)
    }

    /// The uses of rule `rule_id` (0 when none).
    pub fn rule_uses(&self, rule_id: u64) -> u64 {
        self.rules.get(&rule_id).copied().unwrap_or(0)
    }

    /// How many counts it holds (a cache's weight).
    pub fn len(&self) -> usize {
        self.coupons.len() + self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn normalize(codes: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = codes
        .iter()
        .map(|c| code_key(c))
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn unique_ids(ids: &[u64]) -> Vec<u64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

impl Store {
    /// Records an order's usage: every counter moves or none. `customer_id` empty = guest
    /// (no per-customer counters).
    pub async fn record_usage(
        &self,
        order_id: &str,
        customer_id: &str,
        rule_ids: &[u64],
        coupon_codes: &[String],
    ) -> Result<UsageOutcome, StoreError> {
        let codes = normalize(coupon_codes);
        let rules = unique_ids(rule_ids);
        let codes_json =
            serde_json::to_string(&codes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let rules_json =
            serde_json::to_string(&rules).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
        // The order's row first: a concurrent duplicate waits on it, then does nothing.
        let fresh = sqlx::query(
            "INSERT INTO usage_records (order_id, customer_id, rule_ids, coupon_codes, \
                 cancelled, recorded_at) VALUES ($1, $2, $3, $4, FALSE, $5) \
                 ON CONFLICT (order_id) DO NOTHING",
        )
        .bind(order_id)
        .bind(customer_id)
        .bind(&rules_json)
        .bind(&codes_json)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        if fresh.rows_affected() == 0 {
            return Ok(UsageOutcome::AlreadyRecorded);
        }
        // Each coupon as (code, rule_id): its identity, kept with the order so that
        // cancelling moves this coupon back, never a later one with the same text.
        let mut coupons: Vec<(String, i64)> = Vec::with_capacity(codes.len());
        for code in &codes {
            let rule_id: Option<i64> = sqlx::query_scalar(
                "UPDATE coupons SET times_used = times_used + 1 \
                     WHERE code = $1 AND (usage_limit = 0 OR times_used < usage_limit) \
                     RETURNING rule_id",
            )
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(rule_id) = rule_id else {
                let exists: Option<String> =
                    sqlx::query_scalar("SELECT code FROM coupons WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await?;
                return Err(match exists {
                    None => StoreError::UnknownCoupon(code.clone()),
                    Some(_) => StoreError::CouponLimitReached(code.clone()),
                });
            };
            if !customer_id.is_empty() {
                let moved = sqlx::query(
                    "INSERT INTO coupon_customer_usage (code, rule_id, customer_id, times_used) \
                         VALUES ($1, $2, $3, 1) \
                         ON CONFLICT (code, rule_id, customer_id) DO UPDATE \
                         SET times_used = coupon_customer_usage.times_used + 1 \
                         WHERE (SELECT usage_per_customer FROM coupons WHERE code = $1) = 0 \
                            OR coupon_customer_usage.times_used \
                               < (SELECT usage_per_customer FROM coupons WHERE code = $1)",
                )
                .bind(code)
                .bind(rule_id)
                .bind(customer_id)
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() == 0 {
                    return Err(StoreError::CouponCustomerLimitReached(code.clone()));
                }
            }
            coupons.push((code.clone(), rule_id));
        }
        let coupons_json =
            serde_json::to_string(&coupons).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query("UPDATE usage_records SET coupons = $1 WHERE order_id = $2")
            .bind(&coupons_json)
            .bind(order_id)
            .execute(&mut *tx)
            .await?;
        for id in &rules {
            let sid = to_i64(*id);
            sqlx::query("UPDATE rules SET times_used = times_used + 1 WHERE id = $1")
                .bind(sid)
                .execute(&mut *tx)
                .await?;
            if !customer_id.is_empty() {
                let moved = sqlx::query(
                        "INSERT INTO rule_customer_usage (rule_id, customer_id, times_used) \
                         VALUES ($1, $2, 1) \
                         ON CONFLICT (rule_id, customer_id) DO UPDATE \
                         SET times_used = rule_customer_usage.times_used + 1 \
                         WHERE COALESCE((SELECT uses_per_customer FROM rules WHERE id = $1), 0) = 0 \
                            OR rule_customer_usage.times_used \
                               < (SELECT uses_per_customer FROM rules WHERE id = $1)",
                    )
                    .bind(sid)
                    .bind(customer_id)
                    .execute(&mut *tx)
                    .await?;
                if moved.rows_affected() == 0 {
                    return Err(StoreError::RuleCustomerLimitReached(*id));
                }
            }
        }
        log_change(self.is_postgres(), &mut tx, customer_id, Some(&codes)).await?;
        Ok(UsageOutcome::Recorded)
        }
        .await;
        settle(tx, out).await
    }

    /// Undoes exactly what an order recorded; `None` when there is nothing to release
    /// (unknown order, or cancelled before).
    pub async fn cancel_usage(&self, order_id: &str) -> Result<Option<Released>, StoreError> {
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            let row: Option<(String, String, String, Option<String>)> = sqlx::query_as(
                "UPDATE usage_records SET cancelled = TRUE \
                 WHERE order_id = $1 AND cancelled = FALSE \
                 RETURNING customer_id, rule_ids, coupon_codes, coupons",
            )
            .bind(order_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((customer_id, rules_json, codes_json, coupons_json)) = row else {
                return Ok(None);
            };
            let rules: Vec<u64> = serde_json::from_str(&rules_json)
                .map_err(|e| StoreError::Corrupt(format!("usage_records.rule_ids: {e}")))?;
            // The coupons the order moved; orders recorded before coupon identities were
            // kept name codes only, and are undone by code.
            let coupons: Vec<(String, Option<i64>)> = match coupons_json {
                Some(json) => serde_json::from_str::<Vec<(String, i64)>>(&json)
                    .map_err(|e| StoreError::Corrupt(format!("usage_records.coupons: {e}")))?
                    .into_iter()
                    .map(|(code, rule)| (code, Some(rule)))
                    .collect(),
                None => serde_json::from_str::<Vec<String>>(&codes_json)
                    .map_err(|e| StoreError::Corrupt(format!("usage_records.coupon_codes: {e}")))?
                    .into_iter()
                    .map(|code| (code, None))
                    .collect(),
            };
            for (code, rule_id) in &coupons {
                // `$2 IS NULL`: a legacy record, matched by code alone.
                sqlx::query(
                    "UPDATE coupons SET times_used = times_used - 1 \
                     WHERE code = $1 AND ($2 IS NULL OR rule_id = $2) AND times_used > 0",
                )
                .bind(code)
                .bind(rule_id)
                .execute(&mut *tx)
                .await?;
                if !customer_id.is_empty() {
                    sqlx::query(
                        "UPDATE coupon_customer_usage SET times_used = times_used - 1 \
                         WHERE code = $1 AND ($2 IS NULL OR rule_id = $2) AND customer_id = $3 \
                         AND times_used > 0",
                    )
                    .bind(code)
                    .bind(rule_id)
                    .bind(&customer_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for id in &rules {
                let sid = to_i64(*id);
                sqlx::query(
                    "UPDATE rules SET times_used = times_used - 1 WHERE id = $1 AND times_used > 0",
                )
                .bind(sid)
                .execute(&mut *tx)
                .await?;
                if !customer_id.is_empty() {
                    sqlx::query(
                        "UPDATE rule_customer_usage SET times_used = times_used - 1 \
                         WHERE rule_id = $1 AND customer_id = $2 AND times_used > 0",
                    )
                    .bind(sid)
                    .bind(&customer_id)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            let codes: Vec<String> = coupons.into_iter().map(|(code, _)| code).collect();
            log_change(self.is_postgres(), &mut tx, &customer_id, Some(&codes)).await?;
            Ok(Some(Released { customer_id, codes }))
        }
        .await;
        settle(tx, out).await
    }

    /// Every count of one customer: per coupon `(code, rule_id)` and per rule. Counts of
    /// coupons deleted since are included; a reader matches a count to the current coupon
    /// of its code by rule id ([`CustomerUsage::coupon_uses`]).
    pub async fn customer_usage(&self, customer_id: &str) -> Result<CustomerUsage, StoreError> {
        let mut usage = CustomerUsage::default();
        let pool = &self.pool;

        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT code, rule_id, times_used FROM coupon_customer_usage WHERE customer_id = $1",
        )
        .bind(customer_id)
        .fetch_all(pool)
        .await?;
        for (code, rule_id, n) in rows {
            usage.coupons.insert((code, to_u64(rule_id)), to_u64(n));
        }
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT rule_id, times_used FROM rule_customer_usage WHERE customer_id = $1",
        )
        .bind(customer_id)
        .fetch_all(pool)
        .await?;
        for (rule_id, n) in rows {
            usage.rules.insert(to_u64(rule_id), to_u64(n));
        }
        Ok(usage)
    }

    /// A coupon's `times_used` (for tests and ListCoupons).
    pub async fn coupon_times_used(&self, code: &str) -> Result<Option<u64>, StoreError> {
        let pool = &self.pool;

        let n: Option<i64> = sqlx::query_scalar("SELECT times_used FROM coupons WHERE code = $1")
            .bind(code_key(code))
            .fetch_optional(pool)
            .await?;
        Ok(n.map(to_u64))
    }
}
