//! One contract suite for the `Store` API, run against both backends: SQLite (a temp file)
//! and PostgreSQL (a fresh database on the throwaway server of `cargo xtask test`).

use cohort_domain::Named;
use std::sync::Arc;

use cohort_domain::audience::{Audience, AudienceState, SyncCounts, SyncStatus};
use cohort_store::{
    AudienceFilter, AudienceOrder, ChangeBy, ChangedCoupons, NewCoupons, RuleFilter, RuleWrite,
    Store, StoreError, UsageOutcome,
};

/// Who the contract's writes are, in the audit trail.
const BY: ChangeBy<'static> = ChangeBy {
    actor: "test",
    door: "test",
    action: "create",
    detail: "",
};

struct Db {
    store: Store,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    Db {
        store: Store::connect(&url).await.unwrap(),
        _dir: Some(dir),
    }
}

async fn postgres() -> Db {
    let url = cohort_tests::postgres_database().await;
    Db {
        store: Store::connect(&url).await.unwrap(),
        _dir: None,
    }
}

/// Each contract test runs once per backend.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() { super::$name(super::sqlite().await.store).await; })*
        }
        mod postgres_backend {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() { super::$name(super::postgres().await.store).await; })*
        }
    };
}

contract!(
    migrations_are_idempotent_and_start_at_version_zero,
    rule_writes_bump_the_version_and_respect_optimistic_concurrency,
    coupon_codes_are_unique_case_insensitively,
    audience_references_must_exist_and_are_indexed,
    list_rules_filters_and_pages,
    audiences_are_replaced_all_or_nothing_and_searchable,
    large_audience_sets_are_replaced_in_batches,
    usage_is_exact_under_concurrency_and_idempotent,
    per_customer_limits_only_for_logged_in_customers,
    usage_follows_the_coupon_not_its_text,
    generated_coupons_skip_collisions_and_page,
    sync_runs_are_recorded,
    interrupted_sync_runs_are_failed,
    usage_writes_are_logged_for_every_reader,
    every_write_is_audited_in_its_own_transaction,
);

/// Two handles on one database stand for two processes (or replicas): the audience sync
/// lock one holds is refused to the other until released.
async fn the_sync_lock_excludes_other_handles(url: &str) -> (Store, Store) {
    let a = Store::connect(url).await.unwrap();
    let b = Store::connect(url).await.unwrap();
    let held = a.try_sync_lock().await.unwrap().expect("free at first");
    assert!(b.try_sync_lock().await.unwrap().is_none(), "a holds it");
    held.release().await;
    let held = b
        .try_sync_lock()
        .await
        .unwrap()
        .expect("free after release");
    assert!(a.try_sync_lock().await.unwrap().is_none(), "b holds it");
    held.release().await;
    (a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_sync_lock_is_a_file_lock_across_handles() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    let (a, b) = the_sync_lock_excludes_other_handles(&url).await;
    // The OS lock goes with its file: dropping the guard (as a dying process does) frees it.
    let held = a.try_sync_lock().await.unwrap().expect("free");
    drop(held);
    assert!(
        b.try_sync_lock().await.unwrap().is_some(),
        "freed by the drop"
    );
    assert!(dir.path().join("c.db.sync-lock").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_sync_lock_is_shared_by_replicas() {
    let url = cohort_tests::postgres_database().await;
    the_sync_lock_excludes_other_handles(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn in_memory_sqlite_always_grants_the_sync_lock() {
    let store = Store::connect("sqlite::memory:").await.unwrap();
    let _held = store.try_sync_lock().await.unwrap().expect("granted");
    assert!(
        store.try_sync_lock().await.unwrap().is_some(),
        "no other process can share it"
    );
}

fn write(name: &str, code: Option<&str>, audiences: &[&str]) -> RuleWrite {
    RuleWrite {
        active: true,
        sort_order: 0,
        coupon_code: code.map(str::to_owned),
        uses_per_coupon: 0,
        uses_per_customer: 0,
        to_date: None,
        body: format!("{{\"name\":\"{name}\"}}"),
        audience_ids: audiences.iter().map(|s| s.to_string()).collect(),
    }
}

fn audience(id: &str, name: &str, state: &str) -> Audience {
    Audience {
        id: id.into(),
        name: name.into(),
        description: format!("{name} description"),
        namespace: "AEPSegments".into(),
        origin: "REAL_TIME_CUSTOMER_PROFILE".into(),
        state: AudienceState::parse(state).expect("a state name"),
        updated_at: None,
        synced_at: None,
    }
}

async fn migrations_are_idempotent_and_start_at_version_zero(store: Store) {
    assert_eq!(store.ruleset_version().await.unwrap(), 0);
    let (v, rules) = store.load_rules().await.unwrap();
    assert_eq!((v, rules.len()), (0, 0));
}

async fn rule_writes_bump_the_version_and_respect_optimistic_concurrency(store: Store) {
    let (a, v1) = store
        .create_rule(&write("a", None, &[]), &BY)
        .await
        .unwrap();
    let (b, v2) = store
        .create_rule(&write("b", None, &[]), &BY)
        .await
        .unwrap();
    assert_eq!((v1, v2), (1, 2));
    assert!(b.id > a.id, "ids grow");
    assert_eq!(a.version, 1);
    let (a2, v3) = store
        .update_rule(a.id, 1, &write("a2", None, &[]), &BY)
        .await
        .unwrap();
    assert_eq!((a2.version, v3), (2, 3));
    assert!(a2.body.contains("a2"));
    match store
        .update_rule(a.id, 1, &write("stale", None, &[]), &BY)
        .await
    {
        Err(StoreError::VersionConflict { current: 2, .. }) => {}
        other => panic!("stale update: {other:?}"),
    }
    assert!(matches!(
        store.update_rule(999, 1, &write("x", None, &[]), &BY).await,
        Err(StoreError::RuleNotFound(999))
    ));
    assert_eq!(store.delete_rule(b.id, &BY).await.unwrap(), 4);
    assert!(matches!(
        store.delete_rule(b.id, &BY).await,
        Err(StoreError::RuleNotFound(_))
    ));
    let (v, rules) = store.load_rules().await.unwrap();
    assert_eq!(v, 4);
    assert_eq!(rules.len(), 1);
    assert_eq!(store.get_rule(a.id).await.unwrap().body, a2.body);
}

async fn coupon_codes_are_unique_case_insensitively(store: Store) {
    let (a, _) = store
        .create_rule(&write("a", Some("SAVE10"), &[]), &BY)
        .await
        .unwrap();
    let before = store.ruleset_version().await.unwrap();
    assert!(matches!(
        store
            .create_rule(&write("b", Some("save10"), &[]), &BY)
            .await,
        Err(StoreError::CouponCodeTaken(_))
    ));
    assert_eq!(
        store.ruleset_version().await.unwrap(),
        before,
        "nothing written"
    );
    // Updating a rule keeps its own code and that code's usage.
    store
        .record_usage("o1", "", &[a.id], &["SAVE10".into()])
        .await
        .unwrap();
    store
        .update_rule(a.id, 1, &write("a", Some("Save10"), &[]), &BY)
        .await
        .unwrap();
    assert_eq!(store.coupon_times_used("save10").await.unwrap(), Some(1));
    // A generated code cannot be taken as a specific code.
    let (g, _) = store
        .create_rule(&write("g", None, &[]), &BY)
        .await
        .unwrap();
    let codes = vec!["GEN-1".to_string()];
    store
        .insert_generated_coupons(
            &NewCoupons {
                rule_id: g.id,
                codes: &codes,
                usage_limit: 0,
                usage_per_customer: 0,
                expires_on: None,
            },
            1,
            &mut |_| Vec::new(),
            &BY,
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_rule(&write("c", Some("gen-1"), &[]), &BY)
            .await,
        Err(StoreError::CouponCodeTaken(_))
    ));
}

async fn audience_references_must_exist_and_are_indexed(store: Store) {
    match store.create_rule(&write("a", None, &["aud-1"]), &BY).await {
        Err(StoreError::UnknownAudiences(ids)) => assert_eq!(ids, ["aud-1"]),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.ruleset_version().await.unwrap(), 0);
    store
        .replace_audiences(&[
            audience("aud-1", "VIP", "ACTIVE"),
            audience("aud-2", "Gold", "ACTIVE"),
        ])
        .await
        .unwrap();
    let (r1, _) = store
        .create_rule(&write("a", None, &["aud-1"]), &BY)
        .await
        .unwrap();
    let (r2, _) = store
        .create_rule(&write("b", None, &["aud-1", "aud-2"]), &BY)
        .await
        .unwrap();
    assert_eq!(
        store.rules_by_audience("aud-1").await.unwrap(),
        [r1.id, r2.id]
    );
    store
        .update_rule(r2.id, 1, &write("b", None, &["aud-2"]), &BY)
        .await
        .unwrap();
    assert_eq!(store.rules_by_audience("aud-1").await.unwrap(), [r1.id]);
    store.delete_rule(r1.id, &BY).await.unwrap();
    assert!(store.rules_by_audience("aud-1").await.unwrap().is_empty());
}

async fn list_rules_filters_and_pages(store: Store) {
    store
        .replace_audiences(&[audience("aud-1", "VIP", "ACTIVE")])
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (i, sort) in [5u32, 1, 5, 3].into_iter().enumerate() {
        let mut w = write(
            &format!("r{i}"),
            None,
            if i == 2 { &["aud-1"] } else { &[] },
        );
        w.sort_order = sort;
        w.active = i != 1;
        if i == 3 {
            w.coupon_code = Some("Code-3".into());
        }
        ids.push(store.create_rule(&w, &BY).await.unwrap().0.id);
    }
    let all = store
        .list_rules(&RuleFilter::default(), None, 10)
        .await
        .unwrap();
    let order: Vec<u64> = all.iter().map(|r| r.id).collect();
    assert_eq!(order, [ids[1], ids[3], ids[0], ids[2]], "(sort_order, id)");
    let page1 = store
        .list_rules(&RuleFilter::default(), None, 2)
        .await
        .unwrap();
    let last = page1.last().unwrap();
    let page2 = store
        .list_rules(&RuleFilter::default(), Some((last.sort_order, last.id)), 2)
        .await
        .unwrap();
    assert_eq!(
        page2.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[0], ids[2]]
    );
    let active = store
        .list_rules(
            &RuleFilter {
                active_only: true,
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(active.len(), 3);
    let by_aud = store
        .list_rules(
            &RuleFilter {
                audience_id: Some("aud-1".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(by_aud.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[2]]);
    let by_code = store
        .list_rules(
            &RuleFilter {
                coupon_code: Some("CODE-3".into()),
                ..Default::default()
            },
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(by_code.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[3]]);
}

/// (created, updated, deleted, unchanged)
fn tally(c: SyncCounts) -> (u32, u32, u32, u32) {
    (c.created, c.updated, c.deleted, c.unchanged)
}

async fn audiences_are_replaced_all_or_nothing_and_searchable(store: Store) {
    let t = |s: &str| {
        Some(
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc),
        )
    };
    let mut a = audience("a-1", "VIP customers", "ACTIVE");
    a.updated_at = t("2026-01-01T00:00:00Z");
    let mut b = audience("b-2", "Lapsed 50%_off", "DRAFT");
    b.updated_at = t("2026-03-01T00:00:00Z");
    let c = audience("c-3", "Gold", "ACTIVE");
    let counts = store
        .replace_audiences(&[a.clone(), b.clone(), c.clone()])
        .await
        .unwrap();
    assert_eq!(tally(counts), (3, 0, 0, 0));
    let mut b2 = b.clone();
    b2.name = "Lapsed buyers".into();
    let counts = store.replace_audiences(&[a.clone(), b2]).await.unwrap();
    assert_eq!(tally(counts), (0, 1, 1, 1));
    assert_eq!(
        store.get_audience("c-3").await.unwrap().unwrap().state,
        AudienceState::Deleted,
        "kept, marked"
    );

    let list = |f: AudienceFilter, o| {
        let store = store.clone();
        async move { store.list_audiences(&f, o, 0, 10).await.unwrap() }
    };
    let (rows, total) = list(
        AudienceFilter {
            query: "LAPSED".into(),
            ..Default::default()
        },
        AudienceOrder::Name,
    )
    .await;
    assert_eq!((rows.len(), total), (1, 1));
    let (rows, _) = list(
        AudienceFilter {
            query: "%".into(),
            ..Default::default()
        },
        AudienceOrder::Name,
    )
    .await;
    // Only b-2's description holds a literal "%": wildcards in a query are literal.
    assert_eq!(
        rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["b-2"],
        "wildcards are literal"
    );
    let (rows, total) = list(
        AudienceFilter {
            states: vec![AudienceState::Active, AudienceState::Deleted],
            ..Default::default()
        },
        AudienceOrder::NameDesc,
    )
    .await;
    assert_eq!(total, 2);
    assert_eq!(
        rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["a-1", "c-3"]
    );
    let (rows, _) = list(
        AudienceFilter {
            updated_after: t("2026-02-01T00:00:00Z"),
            ..Default::default()
        },
        AudienceOrder::UpdatedAt,
    )
    .await;
    assert_eq!(
        rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["b-2"]
    );
    let (page, total) = store
        .list_audiences(&AudienceFilter::default(), AudienceOrder::Name, 1, 1)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (1, 3));
}

/// More audiences than one batch of upserts (200) or of ids (500) holds, so every kind of
/// write spans several statements; duplicates, re-listed DELETED ones and counts.
async fn large_audience_sets_are_replaced_in_batches(store: Store) {
    let all: Vec<Audience> = (0..1_234)
        .map(|n| audience(&format!("a-{n:04}"), &format!("Audience {n}"), "ACTIVE"))
        .collect();
    let counts = store.replace_audiences(&all).await.unwrap();
    assert_eq!(counts.created, 1_234);

    // 1,100 listed again (100 renamed), one new, one duplicate id; 134 vanish.
    let mut listed: Vec<Audience> = all[..1_100].to_vec();
    for a in &mut listed[..100] {
        a.name.push_str(" (renamed)");
    }
    listed.push(audience("x-new", "New", "ACTIVE"));
    listed.push(audience("a-0000", "Duplicate: ignored", "DRAFT"));
    let counts = store.replace_audiences(&listed).await.unwrap();
    assert_eq!(tally(counts), (1, 100, 134, 1_000));
    let get = |id: &str| {
        let store = store.clone();
        let id = id.to_owned();
        async move { store.get_audience(&id).await.unwrap().unwrap() }
    };
    assert_eq!(get("a-0000").await.name, "Audience 0 (renamed)");
    assert_eq!(get("a-0000").await.state, AudienceState::Active);
    assert_eq!(get("a-0500").await.name, "Audience 500");
    assert_eq!(get("a-1233").await.state, AudienceState::Deleted);
    assert_eq!(get("x-new").await.name, "New");

    // A DELETED audience listed again is an update; DELETED ones never count as vanished.
    listed.push(all[1_200].clone());
    let counts = store.replace_audiences(&listed).await.unwrap();
    assert_eq!(tally(counts), (0, 1, 0, 1_101));
    assert_eq!(get("a-1200").await.state, AudienceState::Active);
    assert_eq!(get("a-1201").await.state, AudienceState::Deleted);
}

async fn usage_is_exact_under_concurrency_and_idempotent(store: Store) {
    let mut w = write("limited", Some("LIMIT5"), &[]);
    w.uses_per_coupon = 5;
    let (rule, _) = store.create_rule(&w, &BY).await.unwrap();
    let store = Arc::new(store);
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .record_usage(&format!("order-{i}"), "", &[rule.id], &["limit5".into()])
                .await
        }));
    }
    let mut ok = Vec::new();
    for (i, t) in tasks.into_iter().enumerate() {
        match t.await.unwrap() {
            Ok(UsageOutcome::Recorded) => ok.push(i),
            Err(StoreError::CouponLimitReached(code)) => assert_eq!(code, "limit5"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(ok.len(), 5);
    assert_eq!(store.coupon_times_used("LIMIT5").await.unwrap(), Some(5));
    assert_eq!(store.get_rule(rule.id).await.unwrap().times_used, 5);
    // Replays record nothing more.
    for i in &ok {
        assert_eq!(
            store
                .record_usage(&format!("order-{i}"), "", &[rule.id], &["limit5".into()])
                .await
                .unwrap(),
            UsageOutcome::AlreadyRecorded
        );
    }
    assert_eq!(store.coupon_times_used("limit5").await.unwrap(), Some(5));
    // A failed order recorded nothing, not even its rule count.
    assert_eq!(store.get_rule(rule.id).await.unwrap().times_used, 5);
    // Cancel frees exactly one use, once.
    assert!(
        store
            .cancel_usage(&format!("order-{}", ok[0]))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .cancel_usage(&format!("order-{}", ok[0]))
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.cancel_usage("never").await.unwrap().is_none());
    assert_eq!(store.coupon_times_used("limit5").await.unwrap(), Some(4));
    assert_eq!(store.get_rule(rule.id).await.unwrap().times_used, 4);
    assert_eq!(
        store
            .record_usage("new", "", &[], &["limit5".into()])
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
    assert!(matches!(
        store
            .record_usage("new2", "", &[], &["limit5".into()])
            .await,
        Err(StoreError::CouponLimitReached(_))
    ));
    assert!(matches!(
        store.record_usage("x", "", &[], &["nope".into()]).await,
        Err(StoreError::UnknownCoupon(_))
    ));
}

/// A coupon is its (code, rule): deleting a rule and creating another with the same code
/// makes a new coupon, and the old one's orders (cancelled or counted per customer) never
/// move its counters. A padded, re-cased code is the same coupon.
async fn usage_follows_the_coupon_not_its_text(store: Store) {
    let mut w = write("old", Some("X"), &[]);
    w.uses_per_customer = 1;
    let (old, _) = store.create_rule(&w, &BY).await.unwrap();
    let x = || vec!["x".to_string()];
    assert_eq!(
        store
            .record_usage("o1", "c-1", &[old.id], &x())
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
    store.delete_rule(old.id, &BY).await.unwrap();
    let mut w = write("new", Some("X"), &[]);
    w.uses_per_coupon = 1;
    w.uses_per_customer = 1;
    let (new, _) = store.create_rule(&w, &BY).await.unwrap();
    // The old coupon's per-customer count is not the new coupon's.
    let usage = store.customer_usage("c-1").await.unwrap();
    assert_eq!(usage.coupon_uses("X", new.id), 0, "{usage:?}");
    assert_eq!(usage.coupon_uses("x", old.id), 1, "{usage:?}");
    assert_eq!(
        store
            .record_usage("o2", "c-1", &[new.id], &x())
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
    assert_eq!(store.coupon_times_used("X").await.unwrap(), Some(1));
    // Cancelling the old coupon's order gives nothing back to the new coupon.
    assert!(store.cancel_usage("o1").await.unwrap().is_some());
    assert_eq!(store.coupon_times_used("X").await.unwrap(), Some(1));
    assert!(matches!(
        store.record_usage("o3", "c-2", &[new.id], &x()).await,
        Err(StoreError::CouponLimitReached(_))
    ));
    // Padded and re-cased, it is the same coupon: at its limit too.
    assert!(matches!(
        store.record_usage("o4", "", &[], &["  X ".into()]).await,
        Err(StoreError::CouponLimitReached(_))
    ));
    let rows = store.coupons_by_codes(&["  x  ".into()]).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].times_used, 1);
    // Cancelling the new coupon's own order frees it.
    assert!(store.cancel_usage("o2").await.unwrap().is_some());
    assert_eq!(store.coupon_times_used("x").await.unwrap(), Some(0));
}

async fn per_customer_limits_only_for_logged_in_customers(store: Store) {
    let mut w = write("once per customer", Some("ONCE"), &[]);
    w.uses_per_customer = 1;
    let (rule, _) = store.create_rule(&w, &BY).await.unwrap();
    let codes = vec!["once".to_string()];
    assert_eq!(
        store
            .record_usage("o1", "c-1", &[rule.id], &codes)
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
    assert!(matches!(
        store.record_usage("o2", "c-1", &[rule.id], &codes).await,
        Err(StoreError::CouponCustomerLimitReached(_))
    ));
    assert_eq!(
        store
            .record_usage("o3", "c-2", &[rule.id], &codes)
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
    // Guests are never limited per customer.
    for i in 0..3 {
        assert_eq!(
            store
                .record_usage(&format!("g{i}"), "", &[rule.id], &codes)
                .await
                .unwrap(),
            UsageOutcome::Recorded
        );
    }
    let usage = store.customer_usage("c-1").await.unwrap();
    assert_eq!(usage.coupon_uses("ONCE", rule.id), 1);
    assert_eq!(usage.rule_uses(rule.id), 1);
    assert_eq!(store.customer_usage("nobody").await.unwrap().len(), 0);
    // The rule's own per-customer limit holds without a coupon too.
    assert!(matches!(
        store.record_usage("o4", "c-2", &[rule.id], &[]).await,
        Err(StoreError::RuleCustomerLimitReached(_))
    ));
    assert!(store.cancel_usage("o1").await.unwrap().is_some());
    assert_eq!(
        store
            .record_usage("o5", "c-1", &[rule.id], &codes)
            .await
            .unwrap(),
        UsageOutcome::Recorded
    );
}

async fn generated_coupons_skip_collisions_and_page(store: Store) {
    let (rule, _) = store
        .create_rule(&write("auto", None, &[]), &BY)
        .await
        .unwrap();
    let codes: Vec<String> = ["B-1", "a-2", "C-3"].map(String::from).to_vec();
    let batch = NewCoupons {
        rule_id: rule.id,
        codes: &codes,
        usage_limit: 2,
        usage_per_customer: 1,
        expires_on: Some("2026-12-31".into()),
    };
    let none = || -> Vec<String> { Vec::new() };
    let stored = store
        .insert_generated_coupons(&batch, 3, &mut |_| none(), &BY)
        .await
        .unwrap();
    assert_eq!(stored.len(), 3);
    // A colliding code (b-1 is B-1) is replaced by a fresh one, in the same transaction.
    let again: Vec<String> = ["b-1", "D-4"].map(String::from).to_vec();
    let mut asked = Vec::new();
    let inserted = store
        .insert_generated_coupons(
            &NewCoupons {
                codes: &again,
                ..batch.clone()
            },
            2,
            &mut |n| {
                asked.push(n);
                vec!["E-5".to_string()]
            },
            &BY,
        )
        .await
        .unwrap();
    assert_eq!(inserted, ["D-4", "E-5"]);
    assert_eq!(asked, [1]);
    assert_eq!(store.count_coupons(rule.id).await.unwrap(), 5);
    // All or nothing: when no fresh code can be found, nothing of the call is stored.
    let doomed: Vec<String> = ["F-6", "a-2"].map(String::from).to_vec();
    assert!(matches!(
        store
            .insert_generated_coupons(
                &NewCoupons {
                    codes: &doomed,
                    ..batch.clone()
                },
                2,
                &mut |_| none(),
                &BY,
            )
            .await,
        Err(StoreError::CodesExhausted(1))
    ));
    assert_eq!(store.count_coupons(rule.id).await.unwrap(), 5);
    assert!(
        store
            .coupons_by_codes(&["f-6".into()])
            .await
            .unwrap()
            .is_empty()
    );
    let page = store.list_coupons(rule.id, None, 2).await.unwrap();
    assert_eq!(
        page.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        ["a-2", "B-1"]
    );
    let page = store.list_coupons(rule.id, Some("b-1"), 10).await.unwrap();
    assert_eq!(
        page.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        ["C-3", "D-4", "E-5"]
    );
    let rows = store
        .coupons_by_codes(&["c-3".into(), "zzz".into()])
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0].usage_limit,
            rows[0].expires_on.as_deref(),
            rows[0].generated
        ),
        (2, Some("2026-12-31"), true)
    );
    assert!(matches!(
        store
            .insert_generated_coupons(
                &NewCoupons {
                    rule_id: 999,
                    ..batch
                },
                3,
                &mut |_| none(),
                &BY,
            )
            .await,
        Err(StoreError::RuleNotFound(999))
    ));
}

async fn sync_runs_are_recorded(store: Store) {
    assert!(store.latest_sync_run().await.unwrap().is_none());
    let id = store.start_sync_run().await.unwrap();
    assert_eq!(
        store.latest_sync_run().await.unwrap().unwrap().status,
        SyncStatus::Running
    );
    let counts = SyncCounts {
        created: 3,
        updated: 1,
        deleted: 2,
        unchanged: 4,
    };
    store
        .finish_sync_run(id, false, counts, "AEP answered 503")
        .await
        .unwrap();
    let run = store.latest_sync_run().await.unwrap().unwrap();
    assert_eq!(
        (run.id, run.status, run.counts, run.error.as_str()),
        (id, SyncStatus::Failed, counts, "AEP answered 503")
    );
    assert!(run.finished_at.is_some());
}

async fn interrupted_sync_runs_are_failed(store: Store) {
    // A run its process never finished (killed mid-sync).
    let stale = store.start_sync_run().await.unwrap();
    let lock = store
        .try_sync_lock()
        .await
        .unwrap()
        .expect("nobody holds it");
    assert_eq!(store.fail_interrupted_sync_runs().await.unwrap(), 1);
    let run = store.latest_sync_run().await.unwrap().unwrap();
    assert_eq!(
        (run.id, run.status, run.error.as_str()),
        (stale, SyncStatus::Failed, cohort_store::INTERRUPTED)
    );
    assert!(run.finished_at.is_some());
    // Finished runs stay as they are.
    let done = store.start_sync_run().await.unwrap();
    store
        .finish_sync_run(done, true, SyncCounts::default(), "")
        .await
        .unwrap();
    assert_eq!(store.fail_interrupted_sync_runs().await.unwrap(), 0);
    assert_eq!(
        store.latest_sync_run().await.unwrap().unwrap().status,
        SyncStatus::Succeeded
    );
    lock.release().await;
}

/// Every committed usage write leaves one change in the log, in order, naming its customer
/// and codes (a generation: every code); refused or repeated orders log nothing; pruning
/// removes old changes only.
async fn usage_writes_are_logged_for_every_reader(store: Store) {
    assert_eq!(store.usage_change_head().await.unwrap(), 0);
    let (rule, _) = store
        .create_rule(&write("r", Some("Log-1"), &[]), &BY)
        .await
        .unwrap();
    let mut w = write("auto", None, &[]);
    w.uses_per_coupon = 1;
    let (auto, _) = store.create_rule(&w, &BY).await.unwrap();
    store
        .record_usage("o1", "c-1", &[rule.id], &[" LOG-1 ".into()])
        .await
        .unwrap();
    // A replay and a refused order change nothing.
    store
        .record_usage("o1", "c-1", &[rule.id], &["log-1".into()])
        .await
        .unwrap();
    assert!(
        store
            .record_usage("o2", "", &[], &["nope".into()])
            .await
            .is_err()
    );
    store
        .insert_generated_coupons(
            &NewCoupons {
                rule_id: auto.id,
                codes: &["G-1".into()],
                usage_limit: 1,
                usage_per_customer: 0,
                expires_on: None,
            },
            1,
            &mut |_| Vec::new(),
            &BY,
        )
        .await
        .unwrap();
    store
        .record_usage("o3", "", &[], &["g-1".into()])
        .await
        .unwrap();
    assert!(store.cancel_usage("o1").await.unwrap().is_some());
    assert!(store.cancel_usage("o1").await.unwrap().is_none());

    let changes = store.usage_changes_after(0, 100).await.unwrap();
    let seen: Vec<(&str, &ChangedCoupons)> = changes
        .iter()
        .map(|c| (c.customer_id.as_str(), &c.coupons))
        .collect();
    let codes = |c: &str| ChangedCoupons::Codes(vec![c.to_owned()]);
    assert_eq!(
        seen,
        [
            ("c-1", &codes("log-1")),
            ("", &ChangedCoupons::All),
            ("", &codes("g-1")),
            ("c-1", &codes("log-1")),
        ]
    );
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    let head = store.usage_change_head().await.unwrap();
    assert_eq!(head, changes[3].seq);
    let after = store.usage_changes_after(changes[1].seq, 1).await.unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].seq, changes[2].seq);

    let past = chrono::Utc::now() - chrono::Duration::hours(1);
    assert_eq!(store.prune_usage_changes(past).await.unwrap(), 0);
    let future = chrono::Utc::now() + chrono::Duration::seconds(1);
    assert_eq!(store.prune_usage_changes(future).await.unwrap(), 4);
    assert!(store.usage_changes_after(0, 100).await.unwrap().is_empty());
}

async fn every_write_is_audited_in_its_own_transaction(store: Store) {
    let alice = ChangeBy {
        actor: "alice",
        door: "grpc",
        ..BY
    };
    let (a, _) = store
        .create_rule(&write("a", Some("AUD-1"), &[]), &alice)
        .await
        .unwrap();
    store
        .update_rule(
            a.id,
            1,
            &write("a2", Some("AUD-1"), &[]),
            &alice.doing("update"),
        )
        .await
        .unwrap();
    // Refused writes leave no entry: a stale version, a taken code, an unknown audience.
    assert!(
        store
            .update_rule(a.id, 1, &write("stale", None, &[]), &alice.doing("update"))
            .await
            .is_err()
    );
    assert!(
        store
            .create_rule(&write("b", Some("aud-1"), &[]), &alice)
            .await
            .is_err()
    );
    assert!(
        store
            .create_rule(&write("c", None, &["nope"]), &alice)
            .await
            .is_err()
    );
    assert!(
        store
            .create_rules(
                &[write("d", None, &[]), write("e", Some("AUD-1"), &[])],
                &alice.doing("import")
            )
            .await
            .is_err()
    );
    let codes = ["G-1".to_owned()];
    let detail = r#"{"request":{"ruleId":"1","quantity":1}}"#;
    store
        .insert_generated_coupons(
            &NewCoupons {
                rule_id: a.id,
                codes: &codes,
                usage_limit: 0,
                usage_per_customer: 0,
                expires_on: None,
            },
            1,
            &mut |_| Vec::new(),
            &ChangeBy {
                action: "generate_coupons",
                detail,
                ..alice
            },
        )
        .await
        .unwrap();
    store
        .delete_rule(a.id, &alice.doing("delete"))
        .await
        .unwrap();
    assert!(matches!(
        store.delete_rule(a.id, &alice.doing("delete")).await,
        Err(StoreError::RuleNotFound(_))
    ));

    let changes = store.rule_changes(Some(a.id), None, 100).await.unwrap();
    let seen: Vec<(&str, u64, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| {
            (
                c.action.as_str(),
                c.version,
                c.before.as_deref(),
                c.after.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("delete", 2, Some(r#"{"name":"a2"}"#), None),
            ("generate_coupons", 2, None, None),
            (
                "update",
                2,
                Some(r#"{"name":"a"}"#),
                Some(r#"{"name":"a2"}"#)
            ),
            ("create", 1, None, Some(r#"{"name":"a"}"#)),
        ]
    );
    assert!(
        changes
            .iter()
            .all(|c| c.actor == "alice" && c.door == "grpc")
    );
    assert_eq!(changes[1].detail, detail);
    assert!(changes.windows(2).all(|w| w[0].seq > w[1].seq));
    // Every rule's changes, paged by sequence number.
    let all = store.rule_changes(None, None, 100).await.unwrap();
    assert_eq!(all.len(), 4, "{all:?}");
    let older = store
        .rule_changes(None, Some(all[1].seq), 100)
        .await
        .unwrap();
    assert_eq!(older, all[2..]);

    // A restore brings a deleted rule back under its id, its version continuing.
    let v1 = store.recorded_version(a.id, 1).await.unwrap().unwrap();
    let mut w = write("a", Some("AUD-1"), &[]);
    w.body = v1.after.clone().unwrap();
    let (back, _) = store
        .restore_rule(a.id, &w, &alice.doing("restore"))
        .await
        .unwrap();
    assert_eq!(
        (back.id, back.version, back.body.as_str()),
        (a.id, 3, r#"{"name":"a"}"#)
    );
    assert_eq!(store.get_rule(a.id).await.unwrap().version, 3);
    assert_eq!(
        store
            .coupons_by_codes(&["aud-1".into()])
            .await
            .unwrap()
            .len(),
        1
    );
    // And over a live rule, it is the next version, with the body it replaced.
    let (again, _) = store
        .restore_rule(
            a.id,
            &write("a2", Some("AUD-1"), &[]),
            &alice.doing("restore"),
        )
        .await
        .unwrap();
    assert_eq!(again.version, 4);
    let latest = &store.rule_changes(Some(a.id), None, 1).await.unwrap()[0];
    assert_eq!(
        (
            latest.action.as_str(),
            latest.before.as_deref(),
            latest.after.as_deref()
        ),
        ("restore", Some(r#"{"name":"a"}"#), Some(r#"{"name":"a2"}"#))
    );
    assert!(store.recorded_version(a.id, 99).await.unwrap().is_none());
}
