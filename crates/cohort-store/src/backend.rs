//! Connecting, migrating, and dispatching queries to the backend's pool.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use tokio::sync::{Mutex, MutexGuard};

use crate::{StoreError, redact_url};

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The NOTIFY channel rule writes signal on (PostgreSQL).
pub const RULES_CHANGED_CHANNEL: &str = "cohort_rules_changed";

/// Runs `$body` with `$pool` bound to the backend's pool. The body's text is compiled once
/// per backend, so one query serves both.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::backend::Backend::Sqlite($pool) => $body,
            $crate::backend::Backend::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Builds SQL from constant fragments (column lists, an ORDER BY chosen from an enum):
/// never from input, which is always bound as a parameter.
macro_rules! sql {
    ($($arg:tt)*) => {
        sqlx::AssertSqlSafe(format!($($arg)*))
    };
}
pub(crate) use sql;

/// A handle on the database; cheap to clone (pools inside).
#[derive(Clone)]
pub struct Store {
    pub(crate) backend: Backend,
    /// SQLite has one writer at a time; serializing write transactions in-process avoids
    /// SQLITE_BUSY on lock upgrades (a SQLite file is served by one process).
    write_lock: Arc<Mutex<()>>,
}

#[derive(Clone)]
pub(crate) enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the URL: it may carry a password.
        f.debug_struct("Store")
            .field("backend", &self.kind())
            .finish()
    }
}

impl Store {
    /// Opens (creating a SQLite file when missing) and migrates the database at `url`:
    /// `sqlite://PATH`, `sqlite::memory:` or `postgres://…` / `postgresql://…`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let backend = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // NORMAL is durable in WAL mode across process crashes (kill -9); only an
                // OS crash can lose the last transactions.
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            SQLITE_MIGRATOR.run(&pool).await?;
            Backend::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            // Replicas may start together: the migrator takes an advisory lock.
            POSTGRES_MIGRATOR.run(&pool).await?;
            Backend::Postgres(pool)
        } else {
            return Err(StoreError::UnsupportedUrl(redact_url(url)));
        };
        Ok(Store {
            backend,
            write_lock: Arc::new(Mutex::new(())),
        })
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn kind(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Held across a write transaction on SQLite; nothing on PostgreSQL.
    pub(crate) async fn write_guard(&self) -> Option<MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite(_) => Some(self.write_lock.lock().await),
            Backend::Postgres(_) => None,
        }
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }

    /// A listener for rule changes made by any replica (PostgreSQL LISTEN/NOTIFY); `None`
    /// on SQLite, where one process owns the file.
    pub async fn rule_change_listener(&self) -> Result<Option<RuleChangeListener>, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(None),
            Backend::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(RULES_CHANGED_CHANNEL).await?;
                Ok(Some(RuleChangeListener { listener }))
            }
        }
    }

    /// Takes a session-level PostgreSQL advisory lock for the audience sync, so one replica
    /// syncs at a time; `None` when another holds it. SQLite: always granted.
    pub async fn try_sync_lock(&self) -> Result<Option<SyncLock>, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(Some(SyncLock { conn: None })),
            Backend::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                // Never hand a connection that may hold the lock back to the pool: closing
                // it releases the lock even if the holder forgets to.
                conn.close_on_drop();
                let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(SYNC_LOCK_KEY)
                    .fetch_one(&mut *conn)
                    .await?;
                Ok(got.then_some(SyncLock { conn: Some(conn) }))
            }
        }
    }
}

const SYNC_LOCK_KEY: i64 = 0x636f_686f_7274; // "cohort"

/// Held while an audience sync runs.
pub struct SyncLock {
    conn: Option<sqlx::pool::PoolConnection<sqlx::Postgres>>,
}

impl SyncLock {
    pub async fn release(mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(SYNC_LOCK_KEY)
                .execute(&mut *conn)
                .await;
        }
    }
}

/// Notifications of rule writes from every replica.
pub struct RuleChangeListener {
    listener: PgListener,
}

impl RuleChangeListener {
    /// Waits for the next change; the payload is the new rule set version.
    pub async fn recv(&mut self) -> Result<u64, StoreError> {
        let n = self.listener.recv().await?;
        Ok(n.payload().parse().unwrap_or(0))
    }
}
