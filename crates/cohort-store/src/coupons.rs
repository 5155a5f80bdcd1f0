//! Coupon rows: a SPECIFIC rule's code (kept by the rule writes) and generated codes.

use sqlx::AssertSqlSafe;
use sqlx::Row;
use sqlx::any::AnyRow;

use cohort_domain::coupon::code_key;

use crate::StoreError;
use crate::audit::{ChangeBy, record};
use crate::backend::{Store, flag, settle};
use crate::changes::log_change;
use crate::time::{to_i64, to_u64};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponRow {
    /// As generated or entered (the key is its `code_key`).
    pub code: String,
    pub rule_id: u64,
    pub usage_limit: u32,
    pub usage_per_customer: u32,
    pub times_used: u64,
    /// `YYYY-MM-DD`.
    pub expires_on: Option<String>,
    pub generated: bool,
}

/// A batch of generated codes for one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoupons<'a> {
    pub rule_id: u64,
    pub codes: &'a [String],
    pub usage_limit: u32,
    pub usage_per_customer: u32,
    pub expires_on: Option<String>,
}

/// `generated` read as 0/1: the `Any` driver cannot read SQLite's BOOLEAN columns (see
/// [`flag`]).
const COUPON_COLUMNS: &str = "display_code, rule_id, usage_limit, usage_per_customer, \
     times_used, expires_on, CASE WHEN generated THEN 1 ELSE 0 END AS generated";

fn coupon_from_row(row: &AnyRow) -> Result<CouponRow, StoreError> {
    Ok(CouponRow {
        code: row.try_get::<String, _>("display_code")?,
        rule_id: to_u64(row.try_get::<i64, _>("rule_id")?),
        usage_limit: u32::try_from(row.try_get::<i64, _>("usage_limit")?).unwrap_or(0),
        usage_per_customer: u32::try_from(row.try_get::<i64, _>("usage_per_customer")?)
            .unwrap_or(0),
        times_used: to_u64(row.try_get::<i64, _>("times_used")?),
        expires_on: row.try_get::<Option<String>, _>("expires_on")?,
        generated: flag(row, "generated")?,
    })
}

impl Store {
    /// Stores `quantity` generated codes for one rule, all or nothing, in one transaction:
    /// `batch.codes` are tried first, and codes that collide with existing ones are replaced
    /// by fresh candidates from `more(n)` (asked for up to n). When `more` gives none, or 20
    /// rounds in a row store nothing (an exhausted code space), nothing is stored:
    /// `CodesExhausted`. A call cut short (a deadline drops it) rolls back, so a retry never
    /// over-generates. Returns the stored codes, in insertion order. `by` is recorded in
    /// the audit trail (its `detail` says what was generated; the codes are not recorded).
    pub async fn insert_generated_coupons(
        &self,
        batch: &NewCoupons<'_>,
        quantity: usize,
        more: &mut (dyn FnMut(usize) -> Vec<String> + Send),
        by: &ChangeBy<'_>,
    ) -> Result<Vec<String>, StoreError> {
        const MAX_STALLS: u32 = 20;
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            let version: Option<i64> =
                sqlx::query_scalar("SELECT version FROM rules WHERE id = $1")
                    .bind(to_i64(batch.rule_id))
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(version) = version else {
                return Err(StoreError::RuleNotFound(batch.rule_id));
            };
            let mut inserted: Vec<String> = Vec::with_capacity(quantity);
            let mut pending: Vec<String> = batch.codes.iter().take(quantity).cloned().collect();
            let mut stalls = 0;
            while inserted.len() < quantity {
                if pending.is_empty() {
                    pending = more(quantity - inserted.len());
                    if pending.is_empty() {
                        return Err(StoreError::CodesExhausted(quantity - inserted.len()));
                    }
                }
                let before = inserted.len();
                for code in pending.drain(..) {
                    if inserted.len() == quantity {
                        break;
                    }
                    let done = sqlx::query(
                        "INSERT INTO coupons (code, display_code, rule_id, usage_limit, \
                         usage_per_customer, times_used, expires_on, generated) \
                         VALUES ($1, $2, $3, $4, $5, 0, $6, TRUE) ON CONFLICT (code) DO NOTHING",
                    )
                    .bind(code_key(&code))
                    .bind(&code)
                    .bind(to_i64(batch.rule_id))
                    .bind(i64::from(batch.usage_limit))
                    .bind(i64::from(batch.usage_per_customer))
                    .bind(&batch.expires_on)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 1 {
                        inserted.push(code);
                    }
                }
                if inserted.len() == before {
                    stalls += 1;
                    if stalls > MAX_STALLS {
                        return Err(StoreError::CodesExhausted(quantity - inserted.len()));
                    }
                } else {
                    stalls = 0;
                }
            }
            record(&mut tx, by, batch.rule_id, to_u64(version), None, None).await?;
            // New codes: any coupon a reader knew to be missing may exist now.
            log_change(self.is_postgres(), &mut tx, "", None).await?;
            Ok(inserted)
        }
        .await;
        settle(tx, out).await
    }

    /// A rule's coupons ordered by code, after the lower-cased code `after`.
    pub async fn list_coupons(
        &self,
        rule_id: u64,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<CouponRow>, StoreError> {
        let pool = &self.pool;

        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {COUPON_COLUMNS} FROM coupons WHERE rule_id = $1 AND code > $2 \
                 ORDER BY code LIMIT $3"
        )))
        .bind(to_i64(rule_id))
        .bind(after.unwrap_or(""))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(coupon_from_row(&row)?);
        }
        Ok(out)
    }

    /// The rows of the given codes (matched by `code_key`: trimmed, case-insensitive); unknown
    /// codes are absent.
    pub async fn coupons_by_codes(&self, codes: &[String]) -> Result<Vec<CouponRow>, StoreError> {
        let mut out = Vec::with_capacity(codes.len());
        let pool = &self.pool;

        for code in codes {
            let row = sqlx::query(AssertSqlSafe(format!(
                "SELECT {COUPON_COLUMNS} FROM coupons WHERE code = $1"
            )))
            .bind(code_key(code))
            .fetch_optional(pool)
            .await?;
            if let Some(row) = row {
                out.push(coupon_from_row(&row)?);
            }
        }
        Ok(out)
    }

    /// How many coupons a rule has.
    pub async fn count_coupons(&self, rule_id: u64) -> Result<u64, StoreError> {
        let pool = &self.pool;

        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM coupons WHERE rule_id = $1")
            .bind(to_i64(rule_id))
            .fetch_one(pool)
            .await?;
        Ok(to_u64(n))
    }
}
