//! The usage cache against a real SQLite file shared by two stores (two processes' worth):
//! hits without reading, missing codes cached, refreshes after a write, the follower picking
//! up another writer's changes, and flushes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use cohort_app::{UsageCache, UsageCacheConfig};
use cohort_store::{ChangeBy, NewCoupons, RuleWrite, Store};

/// The audit trail's entry for these direct store writes.
const BY: ChangeBy<'static> = ChangeBy {
    actor: "test",
    door: "test",
    action: "create",
    detail: "",
};

fn write(code: &str, uses_per_coupon: u32, uses_per_customer: u32) -> RuleWrite {
    RuleWrite {
        active: true,
        sort_order: 0,
        coupon_code: Some(code.into()),
        uses_per_coupon,
        uses_per_customer,
        to_date: None,
        body: "{\"name\":\"r\"}".into(),
        audience_ids: vec![],
    }
}

async fn two_stores() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("usage.db").display());
    let here = Store::connect(&url).await.unwrap();
    let elsewhere = Store::connect(&url).await.unwrap();
    (dir, here, elsewhere)
}

#[tokio::test]
async fn cached_answers_stay_until_a_refresh_and_missing_codes_are_cached_too() {
    let (_dir, here, elsewhere) = two_stores().await;
    let (rule, _) = here.create_rule(&write("SAVE", 1, 1), &BY).await.unwrap();
    let cache = UsageCache::new(here.clone(), UsageCacheConfig::default());

    let coupon = cache.coupon("  save ").await.unwrap().unwrap();
    assert_eq!((coupon.rule_id, coupon.times_used), (rule.id, 0));
    assert!(cache.coupon("NOPE").await.unwrap().is_none());
    assert!(cache.customer("c-1").await.unwrap().is_empty());
    for _ in 0..3 {
        cache.coupon("SAVE").await.unwrap();
        cache.coupon("nope").await.unwrap();
        cache.customer("c-1").await.unwrap();
    }
    let s = cache.stats();
    assert_eq!((s.coupon_misses, s.coupon_hits), (2, 6));
    assert_eq!((s.customer_misses, s.customer_hits), (1, 3));

    // Another writer uses the coupon: the cache answers as before until it is told.
    elsewhere
        .record_usage("o-1", "c-1", &[rule.id], &["SAVE".into()])
        .await
        .unwrap();
    assert_eq!(cache.coupon("SAVE").await.unwrap().unwrap().times_used, 0);
    cache.refresh("c-1", &["Save".into()]).await.unwrap();
    let coupon = cache.coupon("SAVE").await.unwrap().unwrap();
    assert!(coupon.limit_reached());
    let c1 = cache.customer("c-1").await.unwrap();
    assert_eq!(c1.coupon_uses("save", rule.id), 1);
    assert_eq!(c1.rule_uses(rule.id), 1);
    assert_eq!(cache.stats().refreshes, 2);

    // A refresh of keys not cached reads nothing; a flush drops everything.
    cache.refresh("c-9", &["OTHER".into()]).await.unwrap();
    assert_eq!(cache.stats().refreshes, 2);
    cache.flush();
    let s = cache.stats();
    assert_eq!((s.coupons, s.customers, s.flushes), (0, 0, 1));
}

#[tokio::test]
async fn the_follower_picks_up_another_writers_changes_within_its_poll() {
    let (_dir, here, elsewhere) = two_stores().await;
    let (rule, _) = here.create_rule(&write("TWICE", 2, 0), &BY).await.unwrap();
    let cache = Arc::new(UsageCache::new(here.clone(), UsageCacheConfig::default()));
    cache.spawn_follower(Duration::from_millis(20));
    assert_eq!(cache.coupon("TWICE").await.unwrap().unwrap().times_used, 0);
    assert!(cache.coupon("NEW-1").await.unwrap().is_none());
    assert_eq!(cache.customer("c-1").await.unwrap().len(), 0);

    let until = |what: &'static str| {
        let started = Instant::now();
        move || {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "the follower never saw {what}"
            );
        }
    };

    elsewhere
        .record_usage("o-1", "c-1", &[rule.id], &["twice".into()])
        .await
        .unwrap();
    let check = until("the order");
    while cache.coupon("TWICE").await.unwrap().unwrap().times_used != 1
        || cache
            .customer("c-1")
            .await
            .unwrap()
            .coupon_uses("TWICE", rule.id)
            != 1
    {
        check();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // A cancellation elsewhere gives the use back here too.
    assert!(elsewhere.cancel_usage("o-1").await.unwrap().is_some());
    let check = until("the cancellation");
    while cache.coupon("TWICE").await.unwrap().unwrap().times_used != 0 {
        check();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    // Codes generated elsewhere replace what was known to be missing.
    let (auto, _) = here
        .create_rule(
            &RuleWrite {
                coupon_code: None,
                ..write("", 0, 0)
            },
            &BY,
        )
        .await
        .unwrap();
    elsewhere
        .insert_generated_coupons(
            &NewCoupons {
                rule_id: auto.id,
                codes: &["NEW-1".into()],
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
    let check = until("the generated code");
    while cache.coupon("NEW-1").await.unwrap().is_none() {
        check();
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(
        cache.coupon("new-1").await.unwrap().unwrap().rule_id,
        auto.id
    );
}
