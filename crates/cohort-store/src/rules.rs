//! Rules: transactional writes that bump `ruleset_version` (and NOTIFY on PostgreSQL), the
//! audience index behind `Audience.rule_ids`, and reads for the compiled rule set.

use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;
use sqlx::Row;
use sqlx::any::AnyArguments;
use sqlx::any::AnyRow;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use cohort_domain::coupon::code_key;

use crate::StoreError;
use crate::audit::{ChangeBy, record};
use crate::backend::{RULES_CHANGED_CHANNEL, Store, flag, settle};
use crate::time::{from_text, now_text, to_i64, to_u64};

/// What a rule write stores. `body` is opaque to the store (the rule as proto3 JSON);
/// the other fields are the columns queries filter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleWrite {
    pub active: bool,
    pub sort_order: u32,
    /// A SPECIFIC rule's code as entered; stored lower-cased and unique.
    pub coupon_code: Option<String>,
    pub uses_per_coupon: u32,
    pub uses_per_customer: u32,
    /// Last day the rule applies: generated codes expire with it.
    pub to_date: Option<String>,
    pub body: String,
    pub audience_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: u64,
    pub version: u64,
    pub active: bool,
    pub sort_order: u32,
    pub body: String,
    pub times_used: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleFilter {
    pub active_only: bool,
    pub audience_id: Option<String>,
    pub coupon_code: Option<String>,
}

/// `active` read as 0/1: the `Any` driver cannot read SQLite's BOOLEAN columns (see [`flag`]).
const RULE_COLUMNS: &str = "id, version, CASE WHEN active THEN 1 ELSE 0 END AS active, \
     sort_order, body, times_used, created_at, updated_at";

fn rule_from_row(row: &AnyRow) -> Result<RuleRow, StoreError> {
    Ok(RuleRow {
        id: to_u64(row.try_get::<i64, _>("id")?),
        version: to_u64(row.try_get::<i64, _>("version")?),
        active: flag(row, "active")?,
        sort_order: u32::try_from(row.try_get::<i64, _>("sort_order")?).unwrap_or(u32::MAX),
        body: row.try_get::<String, _>("body")?,
        times_used: to_u64(row.try_get::<i64, _>("times_used")?),
        created_at: from_text(&row.try_get::<String, _>("created_at")?)?,
        updated_at: from_text(&row.try_get::<String, _>("updated_at")?)?,
    })
}

/// Bumps the version and, on PostgreSQL, notifies every replica at commit.
async fn bump_version(postgres: bool, tx: &mut AnyConnection) -> Result<u64, StoreError> {
    let version: i64 = sqlx::query_scalar(
        "UPDATE ruleset_version SET version = version + 1 WHERE id = 1 RETURNING version",
    )
    .fetch_one(&mut *tx)
    .await?;
    if postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(RULES_CHANGED_CHANNEL)
            .bind(version.to_string())
            .execute(&mut *tx)
            .await?;
    }
    Ok(to_u64(version))
}

/// Rejects audience ids that no sync or import ever stored.
async fn check_audiences(tx: &mut AnyConnection, ids: &[String]) -> Result<(), StoreError> {
    let mut missing = Vec::new();
    for id in ids {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM audiences WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            missing.push(id.clone());
        }
    }
    if !missing.is_empty() {
        return Err(StoreError::UnknownAudiences(missing));
    }
    Ok(())
}

/// Keeps the coupons table's row for a SPECIFIC code in step with the rule: usage limits
/// are enforced on coupon rows, as Magento keeps the primary code in `salesrule_coupon`.
async fn sync_primary_coupon(
    tx: &mut AnyConnection,
    id: i64,
    w: &RuleWrite,
) -> Result<(), StoreError> {
    let code = w.coupon_code.as_ref().map(|c| code_key(c));
    // A changed or dropped code: the old primary row goes (its usage with it).
    sqlx::query("DELETE FROM coupons WHERE rule_id = $1 AND generated = FALSE AND code <> $2")
        .bind(id)
        .bind(code.as_deref().unwrap_or(""))
        .execute(&mut *tx)
        .await?;
    // Generated codes follow the rule's limits and expire with its to_date.
    sqlx::query(
        "UPDATE coupons SET usage_limit = $2, usage_per_customer = $3, expires_on = $4 \
         WHERE rule_id = $1 AND generated = TRUE",
    )
    .bind(id)
    .bind(i64::from(w.uses_per_coupon))
    .bind(i64::from(w.uses_per_customer))
    .bind(&w.to_date)
    .execute(&mut *tx)
    .await?;
    if let (Some(code), Some(display)) = (&code, &w.coupon_code) {
        // Keeps times_used of an existing primary row; fails when the code belongs to
        // another rule or is a generated code.
        let done = sqlx::query(
            "INSERT INTO coupons (code, display_code, rule_id, usage_limit, \
             usage_per_customer, times_used, expires_on, generated) \
             VALUES ($1, $2, $3, $4, $5, 0, NULL, FALSE) \
             ON CONFLICT (code) DO UPDATE SET display_code = excluded.display_code, \
             usage_limit = excluded.usage_limit, \
             usage_per_customer = excluded.usage_per_customer \
             WHERE coupons.rule_id = excluded.rule_id AND coupons.generated = FALSE",
        )
        .bind(code)
        .bind(display)
        .bind(id)
        .bind(i64::from(w.uses_per_coupon))
        .bind(i64::from(w.uses_per_customer))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::CouponCodeTaken(display.clone()));
        }
    }
    Ok(())
}

/// Binds a write's columns as `$1`…`$6` (active, sort_order, coupon_code,
/// uses_per_customer, body, and the time), the same for create and update.
fn bind_write<'q>(
    query: Query<'q, Any, AnyArguments>,
    w: &'q RuleWrite,
    code: &'q Option<String>,
    now: &'q str,
) -> Query<'q, Any, AnyArguments> {
    query
        .bind(w.active)
        .bind(i64::from(w.sort_order))
        .bind(code)
        .bind(i64::from(w.uses_per_customer))
        .bind(&w.body)
        .bind(now)
}

/// The UPDATE of a rule at an expected version (`$7` id, `$8` version), after
/// [`bind_write`]'s six.
fn update_sql() -> String {
    format!(
        "UPDATE rules SET version = version + 1, active = $1, sort_order = $2, \
         coupon_code = $3, uses_per_customer = $4, body = $5, updated_at = $6 \
         WHERE id = $7 AND version = $8 RETURNING {RULE_COLUMNS}"
    )
}

/// A unique-index violation on `rules.coupon_code` is the code being taken.
fn code_taken(e: sqlx::Error, w: &RuleWrite) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            StoreError::CouponCodeTaken(w.coupon_code.clone().unwrap_or_default())
        }
        _ => e.into(),
    }
}

/// Writes what hangs off a rule row: its audience links (the index behind
/// `Audience.rule_ids`) and its primary coupon row. The same for create and update.
async fn write_links(tx: &mut AnyConnection, id: i64, w: &RuleWrite) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM rule_audiences WHERE rule_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for a in &w.audience_ids {
        sqlx::query("INSERT INTO rule_audiences (rule_id, audience_id) VALUES ($1, $2)")
            .bind(id)
            .bind(a)
            .execute(&mut *tx)
            .await?;
    }
    sync_primary_coupon(tx, id, w).await
}

impl Store {
    /// The end of an update or a restore: the rule's links, its audit entry (`before` → `w`),
    /// the version bump. Returns the new rule set version.
    async fn finish_replace(
        &self,
        tx: &mut AnyConnection,
        rule: &RuleRow,
        w: &RuleWrite,
        by: &ChangeBy<'_>,
        before: Option<&str>,
    ) -> Result<u64, StoreError> {
        write_links(tx, to_i64(rule.id), w).await?;
        record(tx, by, rule.id, rule.version, before, Some(&w.body)).await?;
        bump_version(self.is_postgres(), tx).await
    }

    /// The version of the rule set, bumped by every rule write.
    pub async fn ruleset_version(&self) -> Result<u64, StoreError> {
        let pool = &self.pool;

        let v: i64 = sqlx::query_scalar("SELECT version FROM ruleset_version WHERE id = 1")
            .fetch_one(pool)
            .await?;
        Ok(to_u64(v))
    }

    /// Every rule with the version they form, read in one transaction (a consistent
    /// snapshot for compiling).
    pub async fn load_rules(&self) -> Result<(u64, Vec<RuleRow>), StoreError> {
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let v: i64 = sqlx::query_scalar("SELECT version FROM ruleset_version WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {RULE_COLUMNS} FROM rules ORDER BY sort_order, id"
        )))
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(rule_from_row(&row)?);
        }
        Ok((to_u64(v), out))
    }

    /// Inserts a rule; returns the stored row and the new rule set version. `by` is
    /// recorded in the audit trail with it.
    pub async fn create_rule(
        &self,
        w: &RuleWrite,
        by: &ChangeBy<'_>,
    ) -> Result<(RuleRow, u64), StoreError> {
        let (mut rows, version) = self.create_rules(std::slice::from_ref(w), by).await?;
        let row = rows
            .pop()
            .ok_or_else(|| StoreError::Corrupt("no row inserted".into()))?;
        Ok((row, version))
    }

    /// Inserts rules in order, all in one transaction (all or nothing), bumping the version
    /// once; ids are assigned in the given order. One audit entry per rule.
    pub async fn create_rules(
        &self,
        writes: &[RuleWrite],
        by: &ChangeBy<'_>,
    ) -> Result<(Vec<RuleRow>, u64), StoreError> {
        let _guard = self.write_guard().await;
        let now = now_text();
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
        let mut out = Vec::with_capacity(writes.len());
        for w in writes {
            let code = w.coupon_code.as_ref().map(|c| code_key(c));
            check_audiences(&mut tx, &w.audience_ids).await?;
            let insert = sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO rules (version, active, sort_order, coupon_code, uses_per_customer, \
                     body, times_used, created_at, updated_at) \
                     VALUES (1, $1, $2, $3, $4, $5, 0, $6, $6) RETURNING {RULE_COLUMNS}"
            )));
            let row = bind_write(insert, w, &code, &now)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| code_taken(e, w))?;
            let rule = rule_from_row(&row)?;
            write_links(&mut tx, to_i64(rule.id), w).await?;
            record(&mut tx, by, rule.id, rule.version, None, Some(&w.body)).await?;
            out.push(rule);
        }
        let version = bump_version(self.is_postgres(), &mut tx).await?;
        Ok((out, version))
        }
        .await;
        settle(tx, out).await
    }

    /// Replaces a rule when `expected_version` is current (optimistic concurrency), with
    /// its audit entry (the body it replaced, and `w`'s).
    pub async fn update_rule(
        &self,
        id: u64,
        expected_version: u64,
        w: &RuleWrite,
        by: &ChangeBy<'_>,
    ) -> Result<(RuleRow, u64), StoreError> {
        let _guard = self.write_guard().await;
        let now = now_text();
        let code = w.coupon_code.as_ref().map(|c| code_key(c));
        let sid = to_i64(id);
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            check_audiences(&mut tx, &w.audience_ids).await?;
            // The body being replaced: the update below only succeeds at this same version.
            let before: Option<String> =
                sqlx::query_scalar("SELECT body FROM rules WHERE id = $1 AND version = $2")
                    .bind(sid)
                    .bind(to_i64(expected_version))
                    .fetch_optional(&mut *tx)
                    .await?;
            let update = sqlx::query(AssertSqlSafe(update_sql()));
            let row = bind_write(update, w, &code, &now)
                .bind(sid)
                .bind(to_i64(expected_version))
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| code_taken(e, w))?;
            let Some(row) = row else {
                let current: Option<i64> =
                    sqlx::query_scalar("SELECT version FROM rules WHERE id = $1")
                        .bind(sid)
                        .fetch_optional(&mut *tx)
                        .await?;
                return Err(match current {
                    None => StoreError::RuleNotFound(id),
                    Some(current) => StoreError::VersionConflict {
                        id,
                        expected: expected_version,
                        current: to_u64(current),
                    },
                });
            };
            let rule = rule_from_row(&row)?;
            let version = self
                .finish_replace(&mut tx, &rule, w, by, before.as_deref())
                .await?;
            Ok((rule, version))
        }
        .await;
        settle(tx, out).await
    }

    /// Writes `w` over rule `id` whatever its version, or brings it back under the same id
    /// when it was deleted (its version continues from the last recorded one): a restore.
    /// Recorded with `by`.
    pub async fn restore_rule(
        &self,
        id: u64,
        w: &RuleWrite,
        by: &ChangeBy<'_>,
    ) -> Result<(RuleRow, u64), StoreError> {
        let _guard = self.write_guard().await;
        let now = now_text();
        let code = w.coupon_code.as_ref().map(|c| code_key(c));
        let sid = to_i64(id);
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            check_audiences(&mut tx, &w.audience_ids).await?;
            let current = sqlx::query("SELECT version, body FROM rules WHERE id = $1")
                .bind(sid)
                .fetch_optional(&mut *tx)
                .await?;
            let (before, row) = match current {
                Some(current) => {
                    let version: i64 = current.try_get("version")?;
                    let body: String = current.try_get("body")?;
                    let update = sqlx::query(AssertSqlSafe(update_sql()));
                    let row = bind_write(update, w, &code, &now)
                        .bind(sid)
                        .bind(version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(|e| code_taken(e, w))?
                        .ok_or(StoreError::VersionConflict {
                            id,
                            expected: to_u64(version),
                            current: to_u64(version) + 1,
                        })?;
                    (Some(body), row)
                }
                None => {
                    let last: Option<i64> = sqlx::query_scalar(
                        "SELECT MAX(version) FROM rule_changes WHERE rule_id = $1",
                    )
                    .bind(sid)
                    .fetch_one(&mut *tx)
                    .await?;
                    let insert = sqlx::query(AssertSqlSafe(format!(
                        "INSERT INTO rules (version, active, sort_order, coupon_code, \
                     uses_per_customer, body, times_used, created_at, updated_at, id) \
                     VALUES ($8, $1, $2, $3, $4, $5, 0, $6, $6, $7) RETURNING {RULE_COLUMNS}"
                    )));
                    let row = bind_write(insert, w, &code, &now)
                        .bind(sid)
                        .bind(last.unwrap_or(0) + 1)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| code_taken(e, w))?;
                    (None, row)
                }
            };
            let rule = rule_from_row(&row)?;
            let version = self
                .finish_replace(&mut tx, &rule, w, by, before.as_deref())
                .await?;
            Ok((rule, version))
        }
        .await;
        settle(tx, out).await
    }

    /// Deletes a rule (its coupons, audience links and per-customer counts go with it),
    /// with its audit entry; returns the new version.
    pub async fn delete_rule(&self, id: u64, by: &ChangeBy<'_>) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            let sid = to_i64(id);
            for table in ["rule_audiences", "coupons", "rule_customer_usage"] {
                sqlx::query(AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE rule_id = $1"
                )))
                .bind(sid)
                .execute(&mut *tx)
                .await?;
            }
            let deleted = sqlx::query("DELETE FROM rules WHERE id = $1 RETURNING version, body")
                .bind(sid)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(deleted) = deleted else {
                return Err(StoreError::RuleNotFound(id));
            };
            let (version, body): (i64, String) =
                (deleted.try_get("version")?, deleted.try_get("body")?);
            record(&mut tx, by, id, to_u64(version), Some(&body), None).await?;
            let version = bump_version(self.is_postgres(), &mut tx).await?;
            Ok(version)
        }
        .await;
        settle(tx, out).await
    }

    pub async fn get_rule(&self, id: u64) -> Result<RuleRow, StoreError> {
        let pool = &self.pool;

        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT {RULE_COLUMNS} FROM rules WHERE id = $1"
        )))
        .bind(to_i64(id))
        .fetch_optional(pool)
        .await?;
        match row {
            Some(row) => Ok(rule_from_row(&row)?),
            None => Err(StoreError::RuleNotFound(id)),
        }
    }

    /// Rules in `(sort_order, id)` order after the cursor `after`, at most `limit`.
    pub async fn list_rules(
        &self,
        filter: &RuleFilter,
        after: Option<(u32, u64)>,
        limit: u32,
    ) -> Result<Vec<RuleRow>, StoreError> {
        let (after_sort, after_id) = after.map_or((-1, -1), |(s, i)| (i64::from(s), to_i64(i)));
        let sql = format!(
            "SELECT {RULE_COLUMNS} FROM rules r WHERE \
             (sort_order > $1 OR (sort_order = $1 AND id > $2)) \
             AND ($3 = FALSE OR active = TRUE) \
             AND ($4 = '' OR EXISTS (SELECT 1 FROM rule_audiences a WHERE a.rule_id = r.id AND a.audience_id = $4)) \
             AND ($5 = '' OR coupon_code = $5 OR EXISTS (SELECT 1 FROM coupons c WHERE c.rule_id = r.id AND c.code = $5)) \
             ORDER BY sort_order, id LIMIT $6"
        );
        let audience = filter.audience_id.clone().unwrap_or_default();
        let code = code_key(filter.coupon_code.as_deref().unwrap_or_default());
        let pool = &self.pool;

        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(after_sort)
            .bind(after_id)
            .bind(filter.active_only)
            .bind(&audience)
            .bind(&code)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(rule_from_row(&row)?);
        }
        Ok(out)
    }

    /// Rule ids referencing each of `audience_ids` (the audience's `rule_ids`).
    pub async fn rules_by_audience(&self, audience_id: &str) -> Result<Vec<u64>, StoreError> {
        let pool = &self.pool;

        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT rule_id FROM rule_audiences WHERE audience_id = $1 ORDER BY rule_id",
        )
        .bind(audience_id)
        .fetch_all(pool)
        .await?;
        Ok(ids.into_iter().map(to_u64).collect())
    }
}
