//! The SQLite backend: one file in WAL mode, created and migrated on connect.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlitePool};

use crate::StoreError;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Clone)]
pub(crate) struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub(crate) async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable in WAL mode across application crashes (kill -9); only an
            // OS crash can lose the last transactions.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }

    pub(crate) async fn ruleset_version(&self) -> Result<u64, StoreError> {
        let row = sqlx::query("SELECT version FROM ruleset_version WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let v: i64 = row.try_get("version")?;
        Ok(u64::try_from(v).unwrap_or(0))
    }

    pub(crate) async fn close(&self) {
        self.pool.close().await;
    }
}
