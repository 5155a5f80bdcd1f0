//! The usage change log (`usage_changes`, migration 0003): one row per committed write that
//! moves what pricing reads about usage (coupon rows, per-customer counts), written last in
//! that write's transaction, so a replica that caches usage can follow every other replica
//! and the CLI (`usage_changes_after`). On PostgreSQL the transaction also NOTIFYs
//! [`USAGE_CHANGED_CHANNEL`] at commit, so followers need not wait for their poll.
//!
//! On SQLite writers are serialized, so sequence numbers commit in order. On PostgreSQL a
//! sequence number is taken before its transaction commits, so a smaller one can become
//! visible after a larger one: readers re-read a recent window (see `cohort-app`'s usage
//! cache) rather than trusting the highest number seen.

use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

use crate::StoreError;
use crate::backend::Store;
use crate::time::{now_text, to_text};

/// The NOTIFY channel usage writes signal on (PostgreSQL); the payload is empty.
pub const USAGE_CHANGED_CHANNEL: &str = "cohort_usage_changed";

/// `codes` of a change that touched every coupon (a generation).
const ALL_CODES: &str = "*";

/// The coupons a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangedCoupons {
    /// These codes, in `code_key` form.
    Codes(Vec<String>),
    /// Any coupon (codes were created).
    All,
}

/// One committed usage write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageChange {
    pub seq: i64,
    /// Whose per-customer counts moved; empty for none (a guest order, a generation).
    pub customer_id: String,
    pub coupons: ChangedCoupons,
}

/// Appends a change inside the caller's transaction (its last statement, so the window
/// between taking the sequence number and committing stays short); `codes: None` = every
/// coupon.
pub(crate) async fn log_change(
    postgres: bool,
    tx: &mut AnyConnection,
    customer_id: &str,
    codes: Option<&[String]>,
) -> Result<(), StoreError> {
    let codes = match codes {
        None => ALL_CODES.to_owned(),
        Some(codes) => {
            serde_json::to_string(codes).map_err(|e| StoreError::Corrupt(e.to_string()))?
        }
    };
    sqlx::query("INSERT INTO usage_changes (customer_id, codes, changed_at) VALUES ($1, $2, $3)")
        .bind(customer_id)
        .bind(codes)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
    if postgres {
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(USAGE_CHANGED_CHANNEL)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// The highest sequence number logged so far (0 for none).
    pub async fn usage_change_head(&self) -> Result<i64, StoreError> {
        let n: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM usage_changes")
            .fetch_one(&self.pool)
            .await?;
        Ok(n.unwrap_or(0))
    }

    /// Up to `limit` changes with a sequence number above `after`, in order.
    pub async fn usage_changes_after(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<Vec<UsageChange>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, customer_id, codes FROM usage_changes WHERE seq > $1 \
             ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let codes: String = row.try_get("codes")?;
                let coupons =
                    if codes == ALL_CODES {
                        ChangedCoupons::All
                    } else {
                        ChangedCoupons::Codes(serde_json::from_str(&codes).map_err(|e| {
                            StoreError::Corrupt(format!("usage_changes.codes: {e}"))
                        })?)
                    };
                Ok(UsageChange {
                    seq: row.try_get("seq")?,
                    customer_id: row.try_get("customer_id")?,
                    coupons,
                })
            })
            .collect()
    }

    /// Deletes the changes logged before `before`; returns how many.
    pub async fn prune_usage_changes(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        let done = sqlx::query("DELETE FROM usage_changes WHERE changed_at < $1")
            .bind(to_text(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
