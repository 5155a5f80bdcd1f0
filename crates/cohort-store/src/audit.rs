//! The audit trail (`rule_changes`, migration 0004): every rule and coupon write records
//! who made it (an admin token's name, never the token), through which door, when, and the
//! rule's stored body before and after, in the write's own transaction (`record`), so an
//! entry exists exactly when its write committed. Read newest first (`rule_changes`), and
//! by version (`recorded_version`) to restore one.

use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

use crate::StoreError;
use crate::backend::Store;
use crate::time::{from_text, now_text, to_i64, to_u64};

/// Who makes a write, through which door, as what: recorded with it. The store keeps these
/// as given (the application names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeBy<'a> {
    /// The admin token's name (`name:token` in `auth.admin_tokens`), the operator's login
    /// for the CLI.
    pub actor: &'a str,
    /// `grpc`, `cli` or `console`.
    pub door: &'a str,
    /// `create`, `update`, `activate`, `deactivate`, `delete`, `import`, `restore`,
    /// `generate_coupons`.
    pub action: &'a str,
    /// JSON for what is not a rule body (a generation's request); empty for none.
    pub detail: &'a str,
}

impl<'a> ChangeBy<'a> {
    /// The same actor and door doing `action`.
    pub fn doing(self, action: &'a str) -> Self {
        Self { action, ..self }
    }
}

/// One recorded write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChangeRow {
    pub seq: u64,
    pub rule_id: u64,
    /// The rule's version after the write (a delete: the version it deleted; a generation:
    /// the version it generated for).
    pub version: u64,
    pub action: String,
    pub actor: String,
    pub door: String,
    pub changed_at: DateTime<Utc>,
    /// The stored body before the write; `None` before a create or a restore of a deleted
    /// rule, and for a generation.
    pub before: Option<String>,
    /// The stored body after; `None` after a delete and for a generation.
    pub after: Option<String>,
    pub detail: String,
}

/// Appends an entry inside the caller's transaction.
pub(crate) async fn record(
    tx: &mut AnyConnection,
    by: &ChangeBy<'_>,
    rule_id: u64,
    version: u64,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO rule_changes (rule_id, version, action, actor, door, changed_at, \
         before, after, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(to_i64(rule_id))
    .bind(to_i64(version))
    .bind(by.action)
    .bind(by.actor)
    .bind(by.door)
    .bind(now_text())
    .bind(before)
    .bind(after)
    .bind(by.detail)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

const CHANGE_COLUMNS: &str =
    "seq, rule_id, version, action, actor, door, changed_at, before, after, detail";

fn change_from_row(row: &sqlx::any::AnyRow) -> Result<RuleChangeRow, StoreError> {
    Ok(RuleChangeRow {
        seq: to_u64(row.try_get::<i64, _>("seq")?),
        rule_id: to_u64(row.try_get::<i64, _>("rule_id")?),
        version: to_u64(row.try_get::<i64, _>("version")?),
        action: row.try_get("action")?,
        actor: row.try_get("actor")?,
        door: row.try_get("door")?,
        changed_at: from_text(&row.try_get::<String, _>("changed_at")?)?,
        before: row.try_get("before")?,
        after: row.try_get("after")?,
        detail: row.try_get("detail")?,
    })
}

impl Store {
    /// Recorded writes, newest first: of one rule (`rule_id: Some`) or of every rule,
    /// with a sequence number below `before` (the previous page's last), at most `limit`.
    pub async fn rule_changes(
        &self,
        rule_id: Option<u64>,
        before: Option<u64>,
        limit: u32,
    ) -> Result<Vec<RuleChangeRow>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CHANGE_COLUMNS} FROM rule_changes \
             WHERE ($1 = 0 OR rule_id = $1) AND seq < $2 ORDER BY seq DESC LIMIT $3"
        )))
        .bind(rule_id.map_or(0, to_i64))
        .bind(before.map_or(i64::MAX, to_i64))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(change_from_row).collect()
    }

    /// The latest entry that left `rule_id` at `version` with a body (what a restore of
    /// that version brings back); `None` when no write of that version was recorded.
    pub async fn recorded_version(
        &self,
        rule_id: u64,
        version: u64,
    ) -> Result<Option<RuleChangeRow>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CHANGE_COLUMNS} FROM rule_changes \
             WHERE rule_id = $1 AND version = $2 AND after IS NOT NULL \
             ORDER BY seq DESC LIMIT 1"
        )))
        .bind(to_i64(rule_id))
        .bind(to_i64(version))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(change_from_row).transpose()
    }
}
