//! Connecting, migrating, and dispatching queries to the backend's pool.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgListener, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use tokio::sync::{Mutex, MutexGuard};

use crate::{StoreError, redact_url};

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How long connecting to PostgreSQL may take (the first connection, then each from the
/// pool).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    /// SQLite on disk: the file whose OS lock (`flock`) is the audience sync lock, shared by
    /// every process that opens the database (the server and `cohort audiences import`).
    sync_lock_file: Option<Arc<PathBuf>>,
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
        let mut sync_lock_file = None;
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
            // The database file exists now; an in-memory database has none (and no other
            // process can open it, so it needs no lock).
            if let Ok(path) = std::fs::canonicalize(pool.connect_options().get_filename()) {
                let mut name = path.into_os_string();
                name.push(".sync-lock");
                sync_lock_file = Some(Arc::new(PathBuf::from(name)));
            }
            Backend::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            // One direct connection first: a refused connection, a rejected login or a
            // missing database fails at once with its own cause, where the pool would
            // retry for its whole acquire timeout and then only say "pool timed out".
            match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await
            {
                Ok(conn) => conn?.close().await?,
                Err(_) => return Err(StoreError::ConnectTimeout(CONNECT_TIMEOUT)),
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(CONNECT_TIMEOUT)
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
            sync_lock_file,
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

    /// Takes the audience sync lock, so one process syncs at a time; `None` when another
    /// holds it. PostgreSQL: a session-level advisory lock, shared by every replica. SQLite
    /// on disk: an OS file lock on `<database>.sync-lock`, shared by every process that
    /// opens the file; released when the lock is dropped or its process dies. In-memory
    /// SQLite: always granted.
    pub async fn try_sync_lock(&self) -> Result<Option<SyncLock>, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => {
                let Some(path) = &self.sync_lock_file else {
                    return Ok(Some(SyncLock {
                        conn: None,
                        file: None,
                    }));
                };
                let failed = |source: std::io::Error| StoreError::SyncLockFile {
                    path: path.display().to_string(),
                    source,
                };
                let file = OpenOptions::new()
                    .create(true)
                    .truncate(false)
                    .write(true)
                    .open(path.as_path())
                    .map_err(failed)?;
                match file.try_lock() {
                    Ok(()) => Ok(Some(SyncLock {
                        conn: None,
                        file: Some(file),
                    })),
                    Err(TryLockError::WouldBlock) => Ok(None),
                    Err(TryLockError::Error(e)) => Err(failed(e)),
                }
            }
            Backend::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                // Never hand a connection that may hold the lock back to the pool: closing
                // it releases the lock even if the holder forgets to.
                conn.close_on_drop();
                let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(SYNC_LOCK_KEY)
                    .fetch_one(&mut *conn)
                    .await?;
                Ok(got.then_some(SyncLock {
                    conn: Some(conn),
                    file: None,
                }))
            }
        }
    }
}

const SYNC_LOCK_KEY: i64 = 0x636f_686f_7274; // "cohort"

/// Held while an audience sync runs; dropping it releases the lock too.
pub struct SyncLock {
    conn: Option<sqlx::pool::PoolConnection<sqlx::Postgres>>,
    /// Closing the file releases its OS lock.
    file: Option<File>,
}

impl SyncLock {
    pub async fn release(mut self) {
        drop(self.file.take());
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
