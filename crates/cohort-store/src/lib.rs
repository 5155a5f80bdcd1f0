//! Cohort's persistence: one `Store` API over two backends, SQLite (the embedded default: a
//! file in WAL mode) and PostgreSQL (many replicas), each with its own migrations run at
//! connect time. Queries are written once (`$N` placeholders work on both) and run through
//! one sqlx `Any` pool; a native PostgreSQL pool is kept only for LISTEN/NOTIFY and the
//! advisory lock.
//!
//! Architecture invariant: the store knows rows and transactions, not pricing. Rule bodies
//! are opaque JSON to it; it depends on `cohort-domain` only and never on the engine, the
//! AEP client or the server. Usage counters only move inside one transaction per order with
//! conditional updates, so no interleaving can pass a limit.

mod audiences;
mod audit;
mod backend;
mod changes;
mod coupons;
mod rules;
mod time;
mod usage;

pub use audiences::{AudienceFilter, AudienceOrder, INTERRUPTED};
pub use audit::{ChangeBy, RuleChangeRow};
pub use backend::{Notices, RULES_CHANGED_CHANNEL, Store, SyncLock};
pub use changes::{ChangedCoupons, USAGE_CHANGED_CHANNEL, UsageChange};
pub use coupons::{CouponRow, NewCoupons};
pub use rules::{RuleFilter, RuleRow, RuleWrite};
pub use usage::{CustomerUsage, Released, UsageOutcome};

/// Errors of the store; the server maps them to gRPC codes in one place.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database url {0:?}: expected sqlite://PATH, sqlite::memory: or postgres://…"
    )]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("rule {0} not found")]
    RuleNotFound(u64),
    #[error("rule {id} is at version {current}, not {expected}")]
    VersionConflict {
        id: u64,
        expected: u64,
        current: u64,
    },
    #[error("coupon code {0:?} is already used")]
    CouponCodeTaken(String),
    #[error("audiences never imported: {}", .0.join(", "))]
    UnknownAudiences(Vec<String>),
    #[error("coupon {0:?} does not exist")]
    UnknownCoupon(String),
    #[error("coupon {0:?} reached its usage limit")]
    CouponLimitReached(String),
    #[error("customer reached the per-customer limit of coupon {0:?}")]
    CouponCustomerLimitReached(String),
    #[error("customer reached the per-customer limit of rule {0}")]
    RuleCustomerLimitReached(u64),
    #[error("the code space is exhausted: {0} new codes could not be found")]
    CodesExhausted(usize),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    #[error("no connection to the database within {0:?}")]
    ConnectTimeout(std::time::Duration),
    #[error("cannot take the audience sync lock {path}: {source}")]
    SyncLockFile {
        path: String,
        source: std::io::Error,
    },
}

/// Replaces the password of a `scheme://user:password@host/…` URL with `***`, and the
/// value of any query parameter whose name holds `password` (`?password=…`,
/// `&sslpassword=…`, as PostgreSQL URLs accept them).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            format!("{user}:***@{host}")
        }
        _ => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.to_ascii_lowercase().contains("password") => {
                        format!("{key}=***")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
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
        assert_eq!(
            redact_url("postgres://u@h/d?sslmode=require&password=hunter2&sslpassword=x"),
            "postgres://u@h/d?sslmode=require&password=***&sslpassword=***"
        );
        assert_eq!(
            redact_url("postgres://h?user=u&PASSWORD=p"),
            "postgres://h?user=u&PASSWORD=***"
        );
    }

    #[tokio::test]
    async fn unknown_schemes_are_refused_without_the_password() {
        let err = Store::connect("mysql://u:pw@h/d").await.unwrap_err();
        assert!(!err.to_string().contains("pw"), "{err}");
    }
}
