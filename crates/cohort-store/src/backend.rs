//! Connecting and migrating (one `Any` pool for every query), and what only one backend
//! has: PostgreSQL's LISTEN/NOTIFY and advisory lock, SQLite's file lock.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgListener, PgPool, PgPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};
use tokio::sync::{Mutex, MutexGuard};

use crate::{StoreError, redact_url};

static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How long connecting to PostgreSQL may take (the first connection, then each from the
/// pool).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The NOTIFY channel rule writes signal on (PostgreSQL).
pub const RULES_CHANGED_CHANNEL: &str = "cohort_rules_changed";

/// A BOOLEAN column, selected as `CASE WHEN c THEN 1 ELSE 0 END`: sqlx's `Any` driver reads
/// no SQLite BOOLEAN column (it refuses the whole row), and an integer reads the same on
/// both backends.
pub(crate) fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// A handle on the database; cheap to clone (pools inside).
#[derive(Clone)]
pub struct Store {
    /// Every query goes through this one pool (sqlx's `Any` driver): each is written once,
    /// with `$N` placeholders, for both backends.
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; serializing write transactions in-process avoids
    /// SQLITE_BUSY on lock upgrades (a SQLite file is served by one process).
    write_lock: Arc<Mutex<()>>,
    /// SQLite on disk: the file whose OS lock (`flock`) is the audience sync lock, shared by
    /// every process that opens the database (the server and `cohort audiences import`).
    sync_lock_file: Option<Arc<PathBuf>>,
}

/// What only one backend has.
#[derive(Clone)]
enum Backend {
    Sqlite,
    /// A small pool of native connections, only for LISTEN/NOTIFY and the advisory lock
    /// (session state that the `Any` pool cannot hold).
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
        sqlx::any::install_default_drivers();
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url).await
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::connect_postgres(url).await
        } else {
            Err(StoreError::UnsupportedUrl(redact_url(url)))
        }
    }

    async fn connect_sqlite(url: &str) -> Result<Store, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
        // Every connection of the `Any` pool parses the URL again, so an in-memory database
        // gets a fixed name of its own (shared cache: one database for all the pool's
        // connections, alive while one is open); a file is named by the options' URL
        // (`mode=rwc`: created when missing).
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let any_url = if in_memory {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            format!(
                "sqlite:cohort-memory-{}-{}?mode=memory&cache=shared",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            )
        } else {
            options.to_url_lossy().to_string()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            // An in-memory database lives while a connection does.
            .min_connections(u32::from(in_memory))
            .idle_timeout((!in_memory).then_some(Duration::from_secs(600)))
            .max_lifetime((!in_memory).then_some(Duration::from_secs(1800)))
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL: readers never wait for the writer. NORMAL is durable in WAL mode
                    // across process crashes (kill -9); only an OS crash can lose the last
                    // transactions.
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = NORMAL",
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 10000",
                    ] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(&any_url)
            .await?;
        SQLITE_MIGRATOR.run(&pool).await?;
        // The database file exists now; an in-memory database has none (and no other
        // process can open it, so it needs no lock).
        let sync_lock_file = if in_memory {
            None
        } else {
            std::fs::canonicalize(options.get_filename())
                .ok()
                .map(|path| {
                    let mut name = path.into_os_string();
                    name.push(".sync-lock");
                    Arc::new(PathBuf::from(name))
                })
        };
        Ok(Store {
            pool,
            backend: Backend::Sqlite,
            write_lock: Arc::new(Mutex::new(())),
            sync_lock_file,
        })
    }

    async fn connect_postgres(url: &str) -> Result<Store, StoreError> {
        let options = PgConnectOptions::from_str(url)?;
        // One direct connection first: a refused connection, a rejected login or a missing
        // database fails at once with its own cause, where the pool would retry for its
        // whole acquire timeout and then only say "pool timed out".
        match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
            Ok(conn) => conn?.close().await?,
            Err(_) => return Err(StoreError::ConnectTimeout(CONNECT_TIMEOUT)),
        }
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect(url)
            .await?;
        // Replicas may start together: the migrator takes an advisory lock.
        POSTGRES_MIGRATOR.run(&pool).await?;
        let sessions = PgPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_lazy_with(options);
        Ok(Store {
            pool,
            backend: Backend::Postgres(sessions),
            write_lock: Arc::new(Mutex::new(())),
            sync_lock_file: None,
        })
    }

    pub(crate) fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn kind(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Held across a write transaction on SQLite; nothing on PostgreSQL.
    pub(crate) async fn write_guard(&self) -> Option<MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().await),
            Backend::Postgres(_) => None,
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
        if let Backend::Postgres(sessions) = &self.backend {
            sessions.close().await;
        }
    }

    /// A listener for rule changes made by any replica (PostgreSQL LISTEN/NOTIFY); `None`
    /// on SQLite, which has no notifications (readers poll).
    pub async fn rule_change_listener(&self) -> Result<Option<Notices>, StoreError> {
        self.listen(RULES_CHANGED_CHANNEL).await
    }

    /// A listener for usage writes made by any replica ([`crate::USAGE_CHANGED_CHANNEL`]);
    /// `None` on SQLite.
    pub async fn usage_change_listener(&self) -> Result<Option<Notices>, StoreError> {
        self.listen(crate::USAGE_CHANGED_CHANNEL).await
    }

    async fn listen(&self, channel: &str) -> Result<Option<Notices>, StoreError> {
        match &self.backend {
            Backend::Sqlite => Ok(None),
            Backend::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(channel).await?;
                Ok(Some(Notices { listener }))
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
            Backend::Sqlite => {
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

/// Notifications on one channel from every replica (PostgreSQL LISTEN). A lost connection
/// is re-made on the next `recv`; notices sent meanwhile are lost, so readers also poll.
pub struct Notices {
    listener: PgListener,
}

impl Notices {
    /// Waits for the next notice; returns its payload.
    pub async fn recv(&mut self) -> Result<String, StoreError> {
        let n = self.listener.recv().await?;
        Ok(n.payload().to_owned())
    }
}

/// Commits `tx` when `out` is a success, else rolls it back at once: a transaction that is
/// only dropped is rolled back when its connection is next used, and until then, on
/// SQLite, it keeps the write lock from every other connection ("database is locked").
pub(crate) async fn settle<T>(
    tx: sqlx::Transaction<'static, sqlx::Any>,
    out: Result<T, StoreError>,
) -> Result<T, StoreError> {
    match out {
        Ok(v) => {
            tx.commit().await?;
            Ok(v)
        }
        Err(e) => {
            // The write's own error is the one to report; a failed rollback closes the
            // connection, which rolls back too.
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}
