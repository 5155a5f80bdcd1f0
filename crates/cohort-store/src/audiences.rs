//! Audiences imported from Adobe Experience Platform and the record of each sync.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::StoreError;
use crate::backend::{Store, on_pool, sql};
use crate::time::{from_text, now_text, to_i64, to_text, to_u64};

/// An audience as stored. `state` is one of `ACTIVE`, `DRAFT`, `INACTIVE`, `DELETED`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub namespace: String,
    pub origin: String,
    pub state: String,
    pub updated_at: Option<DateTime<Utc>>,
    pub synced_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncCounts {
    pub created: u32,
    pub updated: u32,
    pub deleted: u32,
    pub unchanged: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRunRow {
    pub id: u64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `RUNNING`, `SUCCEEDED` or `FAILED`.
    pub status: String,
    pub counts: SyncCounts,
    pub error: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudienceFilter {
    /// Case-insensitive substring of id, name or description.
    pub query: String,
    /// Empty = every state.
    pub states: Vec<String>,
    pub updated_after: Option<DateTime<Utc>>,
    pub updated_before: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AudienceOrder {
    #[default]
    Name,
    NameDesc,
    UpdatedAt,
    UpdatedAtDesc,
}

/// The error recorded on a sync run whose process stopped before finishing it.
pub const INTERRUPTED: &str =
    "interrupted: the process running this sync stopped before it finished";

const AUDIENCE_COLUMNS: &str =
    "id, name, description, namespace, origin, state, updated_at, synced_at";

macro_rules! audience_from_row {
    ($row:expr) => {{
        let row = $row;
        AudienceRow {
            id: row.try_get::<String, _>("id")?,
            name: row.try_get::<String, _>("name")?,
            description: row.try_get::<String, _>("description")?,
            namespace: row.try_get::<String, _>("namespace")?,
            origin: row.try_get::<String, _>("origin")?,
            state: row.try_get::<String, _>("state")?,
            updated_at: match row.try_get::<Option<String>, _>("updated_at")? {
                Some(t) => Some(from_text(&t)?),
                None => None,
            },
            synced_at: Some(from_text(&row.try_get::<String, _>("synced_at")?)?),
        }
    }};
}

macro_rules! run_from_row {
    ($row:expr) => {{
        let row = $row;
        let count = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        SyncRunRow {
            id: to_u64(row.try_get::<i64, _>("id")?),
            started_at: from_text(&row.try_get::<String, _>("started_at")?)?,
            finished_at: match row.try_get::<Option<String>, _>("finished_at")? {
                Some(t) => Some(from_text(&t)?),
                None => None,
            },
            status: row.try_get::<String, _>("status")?,
            counts: SyncCounts {
                created: count(row.try_get::<i64, _>("created")?),
                updated: count(row.try_get::<i64, _>("updated")?),
                deleted: count(row.try_get::<i64, _>("deleted")?),
                unchanged: count(row.try_get::<i64, _>("unchanged")?),
            },
            error: row.try_get::<String, _>("error")?,
        }
    }};
}

/// `LIKE` pattern for a case-insensitive substring (wildcards in the query are literal).
fn like_pattern(query: &str) -> String {
    let mut p = String::from("%");
    for c in query.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Store {
    /// Makes the stored set equal to `audiences` in one transaction: upserts every one,
    /// marks those no longer listed DELETED (kept: rules may reference them).
    pub async fn replace_audiences(
        &self,
        audiences: &[AudienceRow],
    ) -> Result<SyncCounts, StoreError> {
        let _guard = self.write_guard().await;
        let now = now_text();
        let mut counts = SyncCounts::default();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut seen = std::collections::HashSet::with_capacity(audiences.len());
            for a in audiences {
                if !seen.insert(a.id.as_str()) {
                    continue;
                }
                let updated_at = a.updated_at.map(to_text);
                let old = sqlx::query(sql!("SELECT {AUDIENCE_COLUMNS} FROM audiences WHERE id = $1"))
                    .bind(&a.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                match old {
                    None => {
                        sqlx::query(
                            "INSERT INTO audiences (id, name, description, namespace, origin, \
                             state, updated_at, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(&a.id).bind(&a.name).bind(&a.description).bind(&a.namespace)
                        .bind(&a.origin).bind(&a.state).bind(&updated_at).bind(&now)
                        .execute(&mut *tx)
                        .await?;
                        counts.created += 1;
                    }
                    Some(old) => {
                        let old = audience_from_row!(old);
                        let same = old.name == a.name
                            && old.description == a.description
                            && old.namespace == a.namespace
                            && old.origin == a.origin
                            && old.state == a.state
                            && old.updated_at == a.updated_at;
                        sqlx::query(
                            "UPDATE audiences SET name = $2, description = $3, namespace = $4, \
                             origin = $5, state = $6, updated_at = $7, synced_at = $8 WHERE id = $1",
                        )
                        .bind(&a.id).bind(&a.name).bind(&a.description).bind(&a.namespace)
                        .bind(&a.origin).bind(&a.state).bind(&updated_at).bind(&now)
                        .execute(&mut *tx)
                        .await?;
                        if same { counts.unchanged += 1 } else { counts.updated += 1 }
                    }
                }
            }
            let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM audiences WHERE state <> 'DELETED'")
                .fetch_all(&mut *tx)
                .await?;
            for id in ids {
                if !seen.contains(id.as_str()) {
                    sqlx::query("UPDATE audiences SET state = 'DELETED', synced_at = $2 WHERE id = $1")
                        .bind(&id)
                        .bind(&now)
                        .execute(&mut *tx)
                        .await?;
                    counts.deleted += 1;
                }
            }
            tx.commit().await?;
            Ok(counts)
        })
    }

    pub async fn get_audience(&self, id: &str) -> Result<Option<AudienceRow>, StoreError> {
        on_pool!(self, pool => {
            let row = sqlx::query(sql!("SELECT {AUDIENCE_COLUMNS} FROM audiences WHERE id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await?;
            match row {
                Some(row) => Ok(Some(audience_from_row!(row))),
                None => Ok(None),
            }
        })
    }

    /// One page of audiences matching `filter`, and how many match in all.
    pub async fn list_audiences(
        &self,
        filter: &AudienceFilter,
        order: AudienceOrder,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<AudienceRow>, u64), StoreError> {
        let order_sql = match order {
            AudienceOrder::Name => "name ASC, id ASC",
            AudienceOrder::NameDesc => "name DESC, id DESC",
            AudienceOrder::UpdatedAt => "updated_at ASC, id ASC",
            AudienceOrder::UpdatedAtDesc => "updated_at DESC, id DESC",
        };
        let states = if filter.states.is_empty() {
            String::new()
        } else {
            format!(",{},", filter.states.join(","))
        };
        // Filters are bound parameters; an empty one disables its clause.
        let where_sql = "($1 = '%%' OR LOWER(id) LIKE $1 ESCAPE '\\' OR LOWER(name) LIKE $1 ESCAPE '\\' \
             OR LOWER(description) LIKE $1 ESCAPE '\\') \
             AND ($2 = '' OR $2 LIKE '%,' || state || ',%') \
             AND ($3 = '' OR updated_at > $3) AND ($4 = '' OR updated_at < $4)";
        let pattern = like_pattern(&filter.query);
        let after = filter.updated_after.map(to_text).unwrap_or_default();
        let before = filter.updated_before.map(to_text).unwrap_or_default();
        on_pool!(self, pool => {
            let total: i64 = sqlx::query_scalar(sql!("SELECT COUNT(*) FROM audiences WHERE {where_sql}"))
                .bind(&pattern).bind(&states).bind(&after).bind(&before)
                .fetch_one(pool)
                .await?;
            let rows = sqlx::query(sql!(
                "SELECT {AUDIENCE_COLUMNS} FROM audiences WHERE {where_sql} \
                 ORDER BY {order_sql} LIMIT $5 OFFSET $6"
            ))
            .bind(&pattern).bind(&states).bind(&after).bind(&before)
            .bind(i64::from(limit))
            .bind(to_i64(offset))
            .fetch_all(pool)
            .await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(audience_from_row!(row));
            }
            Ok((out, to_u64(total)))
        })
    }

    /// Records the start of a sync run.
    pub async fn start_sync_run(&self) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        on_pool!(self, pool => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sync_runs (started_at, status) VALUES ($1, 'RUNNING') RETURNING id",
            )
            .bind(now_text())
            .fetch_one(pool)
            .await?;
            Ok(to_u64(id))
        })
    }

    /// Marks every RUNNING sync run FAILED: runs whose process stopped before finishing
    /// them (killed, crashed). Call only while holding [`Store::try_sync_lock`], when no
    /// run can be live. Returns how many were marked.
    pub async fn fail_interrupted_sync_runs(&self) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        on_pool!(self, pool => {
            let done = sqlx::query(
                "UPDATE sync_runs SET finished_at = $1, status = 'FAILED', error = $2 \
                 WHERE status = 'RUNNING'",
            )
            .bind(now_text())
            .bind(INTERRUPTED)
            .execute(pool)
            .await?;
            Ok(done.rows_affected())
        })
    }

    /// Records the end of a sync run.
    pub async fn finish_sync_run(
        &self,
        id: u64,
        succeeded: bool,
        counts: SyncCounts,
        error: &str,
    ) -> Result<(), StoreError> {
        let _guard = self.write_guard().await;
        on_pool!(self, pool => {
            sqlx::query(
                "UPDATE sync_runs SET finished_at = $2, status = $3, created = $4, updated = $5, \
                 deleted = $6, unchanged = $7, error = $8 WHERE id = $1",
            )
            .bind(to_i64(id))
            .bind(now_text())
            .bind(if succeeded { "SUCCEEDED" } else { "FAILED" })
            .bind(i64::from(counts.created))
            .bind(i64::from(counts.updated))
            .bind(i64::from(counts.deleted))
            .bind(i64::from(counts.unchanged))
            .bind(error)
            .execute(pool)
            .await?;
            Ok(())
        })
    }

    pub async fn latest_sync_run(&self) -> Result<Option<SyncRunRow>, StoreError> {
        on_pool!(self, pool => {
            let row = sqlx::query("SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1")
                .fetch_optional(pool)
                .await?;
            match row {
                Some(row) => Ok(Some(run_from_row!(row))),
                None => Ok(None),
            }
        })
    }
}
