//! Audience sync of 10,000 audiences from the fake AEP, paged 100 at a time: the fake alone
//! serving the pages through `AepClient::list_all_audiences`, against the whole
//! `Syncer::run_once` into a temporary SQLite store, twice: a re-sync of the same 10,000
//! (every row unchanged: batched `synced_at` updates) and a first sync into an empty store
//! (every row inserted: batched upserts; the store is created outside the timing). Ten
//! samples each, about a minute in all.
//!
//! `cargo bench -p cohort-app --bench sync`

use std::sync::Arc;
use std::time::Duration;

use cohort_aep::{AepClient, AepConfig};
use cohort_aep_fake::{FakeAep, FakeConfig, generated_audiences};
use cohort_app::Syncer;
use cohort_store::Store;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const AUDIENCES: usize = 10_000;
const PAGE: u32 = 100;

fn sync(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let fake = runtime
        .block_on(FakeAep::start(
            FakeConfig::new("bench-client", "p8e-bench-secret", "BENCH@AdobeOrg")
                .with_audiences(generated_audiences(AUDIENCES)),
        ))
        .expect("fake AEP");
    let mut config = AepConfig::new("bench-client", "p8e-bench-secret", "BENCH@AdobeOrg")
        .with_base_url(&fake.url());
    config.page_size = PAGE;
    let client = AepClient::new(config).expect("AEP client");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = |name: &str| format!("sqlite://{}", dir.path().join(name).display());
    let store = runtime
        .block_on(Store::connect(&db("steady.db")))
        .expect("store");
    let syncer = Arc::new(Syncer::new(store, Some(client.clone())));
    // Warm: the token is cached and the steady-state store holds the whole set.
    let first = runtime.block_on(syncer.run_once()).expect("first sync");
    assert_eq!(
        first.status,
        cohort_domain::SyncStatus::Succeeded,
        "{}",
        first.error
    );
    assert_eq!(first.counts.created as usize, AUDIENCES);

    let mut group = c.benchmark_group("audience_sync_10k");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("fake_alone_list_all_100_pages", |b| {
        b.iter(|| {
            let list = runtime.block_on(client.list_all_audiences()).expect("list");
            assert_eq!(list.audiences.len(), AUDIENCES);
            assert_eq!(list.pages as usize, AUDIENCES / PAGE as usize);
        });
    });
    group.bench_function("run_once_resync_unchanged", |b| {
        b.iter(|| {
            let run = runtime.block_on(syncer.run_once()).expect("sync");
            assert_eq!(run.counts.unchanged as usize, AUDIENCES, "{}", run.error);
        });
    });
    let fresh = std::cell::Cell::new(0u32);
    group.bench_function("run_once_first_sync_empty_store", |b| {
        b.iter_batched(
            || {
                fresh.set(fresh.get() + 1);
                let url = db(&format!("fresh-{}.db", fresh.get()));
                let store = runtime.block_on(Store::connect(&url)).expect("store");
                Syncer::new(store, Some(client.clone()))
            },
            |syncer| {
                let run = runtime.block_on(syncer.run_once()).expect("sync");
                assert_eq!(run.counts.created as usize, AUDIENCES, "{}", run.error);
                // Dropped after the timing.
                syncer
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
    drop(fake);
}

criterion_group!(benches, sync);
criterion_main!(benches);
