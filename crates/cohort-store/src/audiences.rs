//! Audiences imported from Adobe Experience Platform and the record of each sync.

use cohort_domain::Named;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use cohort_domain::audience::{Audience, AudienceState, SyncCounts, SyncRun, SyncStatus};
use sqlx::AssertSqlSafe;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::StoreError;
use crate::backend::Store;
use crate::backend::settle;
use crate::time::{from_text, now_text, to_i64, to_text, to_u64};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudienceFilter {
    /// Case-insensitive substring of id, name or description.
    pub query: String,
    /// Empty = every state.
    pub states: Vec<AudienceState>,
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

fn audience_from_row(row: &AnyRow) -> Result<Audience, StoreError> {
    Ok(Audience {
        id: row.try_get::<String, _>("id")?,
        name: row.try_get::<String, _>("name")?,
        description: row.try_get::<String, _>("description")?,
        namespace: row.try_get::<String, _>("namespace")?,
        origin: row.try_get::<String, _>("origin")?,
        state: state_from_text(&row.try_get::<String, _>("state")?)?,
        updated_at: match row.try_get::<Option<String>, _>("updated_at")? {
            Some(t) => Some(from_text(&t)?),
            None => None,
        },
        synced_at: Some(from_text(&row.try_get::<String, _>("synced_at")?)?),
    })
}

fn run_from_row(row: &AnyRow) -> Result<SyncRun, StoreError> {
    let count = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(SyncRun {
        id: to_u64(row.try_get::<i64, _>("id")?),
        started_at: from_text(&row.try_get::<String, _>("started_at")?)?,
        finished_at: match row.try_get::<Option<String>, _>("finished_at")? {
            Some(t) => Some(from_text(&t)?),
            None => None,
        },
        status: status_from_text(&row.try_get::<String, _>("status")?)?,
        counts: SyncCounts {
            created: count(row.try_get::<i64, _>("created")?),
            updated: count(row.try_get::<i64, _>("updated")?),
            deleted: count(row.try_get::<i64, _>("deleted")?),
            unchanged: count(row.try_get::<i64, _>("unchanged")?),
        },
        error: row.try_get::<String, _>("error")?,
    })
}

fn state_from_text(name: &str) -> Result<AudienceState, StoreError> {
    AudienceState::parse(name)
        .ok_or_else(|| StoreError::Corrupt(format!("audience state {name:?}")))
}

fn status_from_text(name: &str) -> Result<SyncStatus, StoreError> {
    SyncStatus::parse(name).ok_or_else(|| StoreError::Corrupt(format!("sync run status {name:?}")))
}

/// `($first, …), (…)`: `rows` tuples of `cols` numbered placeholders. Written by hand:
/// `QueryBuilder<Any>` writes `?`, which PostgreSQL refuses; both backends take `$N`.
fn placeholders(first: usize, rows: usize, cols: usize) -> String {
    let mut out = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..cols {
            if c > 0 {
                out.push_str(", ");
            }
            out.push('$');
            out.push_str(&(first + r * cols + c).to_string());
        }
        out.push(')');
    }
    out
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

/// Audiences per multi-row upsert (8 parameters each) and ids per `IN (…)` list: well under
/// SQLite's and PostgreSQL's parameter limits.
const UPSERT_BATCH: usize = 200;
const ID_BATCH: usize = 500;

/// What `replace_audiences` writes, decided from the stored set before any write.
struct ReplacePlan<'a> {
    /// New audiences and changed ones (a DELETED one listed again is changed).
    upserts: Vec<&'a Audience>,
    /// Listed and stored as they are: only `synced_at` moves.
    unchanged: Vec<&'a str>,
    /// Stored, not DELETED and no longer listed.
    vanished: Vec<&'a str>,
    counts: SyncCounts,
}

impl<'a> ReplacePlan<'a> {
    fn new(stored: &'a HashMap<String, Audience>, listed: &'a [Audience]) -> Self {
        let mut plan = ReplacePlan {
            upserts: Vec::new(),
            unchanged: Vec::new(),
            vanished: Vec::new(),
            counts: SyncCounts::default(),
        };
        let mut seen = HashSet::with_capacity(listed.len());
        for a in listed {
            // The first of duplicate ids wins.
            if !seen.insert(a.id.as_str()) {
                continue;
            }
            match stored.get(&a.id) {
                None => {
                    plan.counts.created += 1;
                    plan.upserts.push(a);
                }
                Some(old)
                    if old.name == a.name
                        && old.description == a.description
                        && old.namespace == a.namespace
                        && old.origin == a.origin
                        && old.state == a.state
                        && old.updated_at == a.updated_at =>
                {
                    plan.counts.unchanged += 1;
                    plan.unchanged.push(&a.id);
                }
                Some(_) => {
                    plan.counts.updated += 1;
                    plan.upserts.push(a);
                }
            }
        }
        for (id, old) in stored {
            if old.state != AudienceState::Deleted && !seen.contains(id.as_str()) {
                plan.counts.deleted += 1;
                plan.vanished.push(id);
            }
        }
        plan
    }
}

impl Store {
    /// Makes the stored set equal to `audiences` in one transaction: upserts every one,
    /// marks those no longer listed DELETED (kept: rules may reference them).
    ///
    /// One query reads the stored set; the writes go in batches: multi-row upserts for new
    /// and changed audiences, `IN (…)` updates for the unchanged ones (their `synced_at`)
    /// and the vanished ones.
    pub async fn replace_audiences(
        &self,
        audiences: &[Audience],
    ) -> Result<SyncCounts, StoreError> {
        let _guard = self.write_guard().await;
        let now = now_text();
        let pool = &self.pool;

        let mut tx = pool.begin().await?;
        let out = async {
            let rows = sqlx::query(AssertSqlSafe(format!(
                "SELECT {AUDIENCE_COLUMNS} FROM audiences"
            )))
            .fetch_all(&mut *tx)
            .await?;
            let mut stored = HashMap::with_capacity(rows.len());
            for row in rows {
                let a = audience_from_row(&row)?;
                stored.insert(a.id.clone(), a);
            }
            let plan = ReplacePlan::new(&stored, audiences);
            for chunk in plan.upserts.chunks(UPSERT_BATCH) {
                let sql = format!(
                    "INSERT INTO audiences ({AUDIENCE_COLUMNS}) VALUES {} \
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
                     description = excluded.description, namespace = excluded.namespace, \
                     origin = excluded.origin, state = excluded.state, \
                     updated_at = excluded.updated_at, synced_at = excluded.synced_at",
                    placeholders(1, chunk.len(), 8)
                );
                let mut query = sqlx::query(AssertSqlSafe(sql));
                for a in chunk {
                    query = query
                        .bind(&a.id)
                        .bind(&a.name)
                        .bind(&a.description)
                        .bind(&a.namespace)
                        .bind(&a.origin)
                        .bind(a.state.as_str())
                        .bind(a.updated_at.map(to_text))
                        .bind(&now);
                }
                query.execute(&mut *tx).await?;
            }
            for (ids, vanished) in [(&plan.unchanged, false), (&plan.vanished, true)] {
                for chunk in ids.chunks(ID_BATCH) {
                    // $1 is synced_at, $2 the state when the audiences vanished.
                    let (set, first_id) = if vanished {
                        ("state = $2, ", 3)
                    } else {
                        ("", 2)
                    };
                    let sql = format!(
                        "UPDATE audiences SET {set}synced_at = $1 WHERE id IN {}",
                        placeholders(first_id, 1, chunk.len())
                    );
                    let mut query = sqlx::query(AssertSqlSafe(sql)).bind(&now);
                    if vanished {
                        query = query.bind(AudienceState::Deleted.as_str());
                    }
                    for id in chunk {
                        query = query.bind(*id);
                    }
                    query.execute(&mut *tx).await?;
                }
            }
            Ok(plan.counts)
        }
        .await;
        settle(tx, out).await
    }

    pub async fn get_audience(&self, id: &str) -> Result<Option<Audience>, StoreError> {
        let pool = &self.pool;

        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT {AUDIENCE_COLUMNS} FROM audiences WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(pool)
        .await?;
        match row {
            Some(row) => Ok(Some(audience_from_row(&row)?)),
            None => Ok(None),
        }
    }

    /// One page of audiences matching `filter`, and how many match in all.
    pub async fn list_audiences(
        &self,
        filter: &AudienceFilter,
        order: AudienceOrder,
        offset: u64,
        limit: u32,
    ) -> Result<(Vec<Audience>, u64), StoreError> {
        let order_sql = match order {
            AudienceOrder::Name => "name ASC, id ASC",
            AudienceOrder::NameDesc => "name DESC, id DESC",
            AudienceOrder::UpdatedAt => "updated_at ASC, id ASC",
            AudienceOrder::UpdatedAtDesc => "updated_at DESC, id DESC",
        };
        let states = if filter.states.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = filter.states.iter().map(|s| s.as_str()).collect();
            format!(",{},", names.join(","))
        };
        // Filters are bound parameters; an empty one disables its clause.
        let where_sql = "($1 = '%%' OR LOWER(id) LIKE $1 ESCAPE '\\' OR LOWER(name) LIKE $1 ESCAPE '\\' \
             OR LOWER(description) LIKE $1 ESCAPE '\\') \
             AND ($2 = '' OR $2 LIKE '%,' || state || ',%') \
             AND ($3 = '' OR updated_at > $3) AND ($4 = '' OR updated_at < $4)";
        let pattern = like_pattern(&filter.query);
        let after = filter.updated_after.map(to_text).unwrap_or_default();
        let before = filter.updated_before.map(to_text).unwrap_or_default();
        let pool = &self.pool;

        let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM audiences WHERE {where_sql}"
        )))
        .bind(&pattern)
        .bind(&states)
        .bind(&after)
        .bind(&before)
        .fetch_one(pool)
        .await?;
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT {AUDIENCE_COLUMNS} FROM audiences WHERE {where_sql} \
                 ORDER BY {order_sql} LIMIT $5 OFFSET $6"
        )))
        .bind(&pattern)
        .bind(&states)
        .bind(&after)
        .bind(&before)
        .bind(i64::from(limit))
        .bind(to_i64(offset))
        .fetch_all(pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(audience_from_row(&row)?);
        }
        Ok((out, to_u64(total)))
    }

    /// Records the start of a sync run.
    pub async fn start_sync_run(&self) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sync_runs (started_at, status) VALUES ($1, $2) RETURNING id",
        )
        .bind(now_text())
        .bind(SyncStatus::Running.as_str())
        .fetch_one(pool)
        .await?;
        Ok(to_u64(id))
    }

    /// Marks every RUNNING sync run FAILED: runs whose process stopped before finishing
    /// them (killed, crashed). Call only while holding [`Store::try_sync_lock`], when no
    /// run can be live. Returns how many were marked.
    pub async fn fail_interrupted_sync_runs(&self) -> Result<u64, StoreError> {
        let _guard = self.write_guard().await;
        let pool = &self.pool;

        let done = sqlx::query(
            "UPDATE sync_runs SET finished_at = $1, status = $3, error = $2 WHERE status = $4",
        )
        .bind(now_text())
        .bind(INTERRUPTED)
        .bind(SyncStatus::Failed.as_str())
        .bind(SyncStatus::Running.as_str())
        .execute(pool)
        .await?;
        Ok(done.rows_affected())
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
        let pool = &self.pool;

        sqlx::query(
            "UPDATE sync_runs SET finished_at = $2, status = $3, created = $4, updated = $5, \
                 deleted = $6, unchanged = $7, error = $8 WHERE id = $1",
        )
        .bind(to_i64(id))
        .bind(now_text())
        .bind(
            if succeeded {
                SyncStatus::Succeeded
            } else {
                SyncStatus::Failed
            }
            .as_str(),
        )
        .bind(i64::from(counts.created))
        .bind(i64::from(counts.updated))
        .bind(i64::from(counts.deleted))
        .bind(i64::from(counts.unchanged))
        .bind(error)
        .execute(pool)
        .await?;
        Ok(())
    }

    pub async fn latest_sync_run(&self) -> Result<Option<SyncRun>, StoreError> {
        let pool = &self.pool;

        let row = sqlx::query("SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1")
            .fetch_optional(pool)
            .await?;
        match row {
            Some(row) => Ok(Some(run_from_row(&row)?)),
            None => Ok(None),
        }
    }
}
