//! Cohort's persistence. One `Store` API; the embedded default is SQLite (a file, WAL mode),
//! migrated at connect time so a fresh file is ready to serve.
//!
//! Architecture invariant: the store knows rows and transactions, not pricing; it depends on
//! `cohort-domain` only and never on the engine, the AEP client or the server.

mod sqlite;

use std::fmt;

/// Errors of the store; the server maps them to gRPC codes in one place.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database url {0:?}: expected sqlite://PATH (or sqlite::memory:)")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// A handle on the database; cheap to clone (a pool inside).
#[derive(Clone)]
pub struct Store {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Sqlite(sqlite::SqliteStore),
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the URL: it may carry a password.
        let kind = match self.backend {
            Backend::Sqlite(_) => "sqlite",
        };
        f.debug_struct("Store").field("backend", &kind).finish()
    }
}

impl Store {
    /// Opens (creating when missing) and migrates the database at `url`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("sqlite:") {
            let s = sqlite::SqliteStore::connect(url).await?;
            return Ok(Store {
                backend: Backend::Sqlite(s),
            });
        }
        Err(StoreError::UnsupportedUrl(redact_url(url)))
    }

    /// The version of the rule set, bumped by every rule write.
    pub async fn ruleset_version(&self) -> Result<u64, StoreError> {
        match &self.backend {
            Backend::Sqlite(s) => s.ruleset_version().await,
        }
    }

    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(s) => s.close().await,
        }
    }
}

/// Replaces the password of a `scheme://user:password@host/…` URL with `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}{tail}")
            } else {
                url.to_owned()
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://cohort:s3cret@db:5432/cohort"),
            "postgres://cohort:***@db:5432/cohort"
        );
        assert_eq!(redact_url("sqlite://cohort.db"), "sqlite://cohort.db");
        assert_eq!(redact_url("postgres://u@h/d"), "postgres://u@h/d");
    }

    #[tokio::test]
    async fn a_new_file_is_created_and_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("new.db").display());
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(store.ruleset_version().await.unwrap(), 0);
        store.close().await;
        // Migrations are idempotent: reopening works.
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(store.ruleset_version().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn unknown_schemes_are_refused_without_the_password() {
        let err = Store::connect("mysql://u:pw@h/d").await.unwrap_err();
        assert!(!err.to_string().contains("pw"), "{err}");
    }
}
