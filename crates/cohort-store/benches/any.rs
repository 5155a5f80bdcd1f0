//! What the one `Any` pool costs on the pricing path's read: `Store::coupons_by_codes` for one
//! code (through sqlx's `Any` driver) against the same query on a native `SqlitePool` over the
//! same file, in the same run (the baseline). SQLite on disk, WAL, warm cache.
//!
//! `cargo bench -p cohort-store --bench any`

use std::str::FromStr;

use cohort_store::{ChangeBy, RuleWrite, Store};
use criterion::{Criterion, criterion_group, criterion_main};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

fn lookup(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let (store, native) = runtime.block_on(async {
        let store = Store::connect(&url).await.expect("store");
        store
            .create_rule(
                &RuleWrite {
                    active: true,
                    sort_order: 0,
                    coupon_code: Some("SAVE10".into()),
                    uses_per_coupon: 100,
                    uses_per_customer: 1,
                    to_date: None,
                    body: "{}".into(),
                    audience_ids: Vec::new(),
                },
                &ChangeBy {
                    actor: "bench",
                    door: "bench",
                    action: "create",
                    detail: "",
                },
            )
            .await
            .expect("a rule with a code");
        let options = SqliteConnectOptions::from_str(&url)
            .expect("url")
            .journal_mode(SqliteJournalMode::Wal);
        let native = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .expect("native pool");
        (store, native)
    });
    let codes = vec!["save10".to_owned()];
    let mut group = c.benchmark_group("coupon_lookup");
    group.bench_function("any_pool_store_api", |b| {
        b.iter(|| {
            let rows = runtime
                .block_on(store.coupons_by_codes(&codes))
                .expect("lookup");
            assert_eq!(rows.len(), 1);
        })
    });
    group.bench_function("native_sqlite_pool_baseline", |b| {
        b.iter(|| {
            let row = runtime
                .block_on(
                    sqlx::query(
                        "SELECT display_code, rule_id, usage_limit, usage_per_customer, \
                         times_used, expires_on, generated FROM coupons WHERE code = $1",
                    )
                    .bind(&codes[0])
                    .fetch_optional(&native),
                )
                .expect("lookup")
                .expect("a row");
            let code: String = row.get("display_code");
            let generated: bool = row.get("generated");
            assert!(!code.is_empty() && !generated);
        })
    });
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
