//! Several `cohort serve` replicas on one PostgreSQL: rule changes reach every replica within
//! a second, usage limits hold exactly under concurrency across replicas, and counters
//! survive a replica killed with SIGKILL in the middle of a burst.

use std::time::{Duration, Instant};

use cohort_proto::v1::{self, CartPriceRule, PriceCartRequest};
use cohort_tests::{CohortServer, postgres_database};
use tonic::Code;

async fn replica(db: &str) -> CohortServer {
    CohortServer::start(&[("COHORT__DATABASE__URL", db)])
        .await
        .unwrap()
}

fn percent_rule(code: Option<&str>, uses_per_coupon: u32) -> CartPriceRule {
    CartPriceRule {
        name: "10% off".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "10".into(),
        coupon_type: if code.is_some() {
            v1::CouponType::Specific
        } else {
            v1::CouponType::NoCoupon
        } as i32,
        coupon_code: code.unwrap_or_default().into(),
        uses_per_coupon,
        ..Default::default()
    }
}

fn cart() -> PriceCartRequest {
    cohort_tests::one_line_cart("1", "100")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rule_created_on_one_replica_prices_on_the_other_within_a_second() {
    let db = postgres_database().await;
    let a = replica(&db).await;
    let b = replica(&db).await;
    let mut rules_a = a.rules().await.unwrap();
    let mut pricing_b = b.pricing().await.unwrap();
    for round in 1..=3u64 {
        let created = rules_a
            .create_rule(v1::CreateRuleRequest {
                rule: Some(percent_rule(None, 0)),
            })
            .await
            .unwrap()
            .into_inner()
            .rule
            .unwrap();
        let written = Instant::now();
        loop {
            let resp = pricing_b.price_cart(cart()).await.unwrap().into_inner();
            if resp.applied_rules.iter().any(|r| r.rule_id == created.id) {
                assert_eq!(resp.ruleset_version, round);
                break;
            }
            assert!(
                written.elapsed() < Duration::from_secs(1),
                "replica B still prices with version {}",
                resp.ruleset_version
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

async fn times_used(server: &CohortServer, rule_id: u64) -> u64 {
    let mut coupons = server.coupons().await.unwrap();
    let page = coupons
        .list_coupons(v1::ListCouponsRequest {
            rule_id,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    page.coupons.iter().map(|c| c.times_used).sum()
}

async fn record(
    server: &CohortServer,
    order: String,
    rule_id: u64,
    code: &str,
) -> Result<bool, tonic::Status> {
    let mut c = server
        .coupons()
        .await
        .map_err(|e| tonic::Status::unavailable(e.to_string()))?;
    c.record_usage(v1::RecordUsageRequest {
        order_id: order,
        customer_id: String::new(),
        rule_ids: vec![rule_id],
        coupon_codes: vec![code.into()],
    })
    .await
    .map(|r| r.into_inner().recorded)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn usage_limits_hold_exactly_across_replicas() {
    let db = postgres_database().await;
    let a = replica(&db).await;
    let b = replica(&db).await;
    let rule = a
        .rules()
        .await
        .unwrap()
        .create_rule(v1::CreateRuleRequest {
            rule: Some(percent_rule(Some("FIFTY"), 50)),
        })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let clients = [a.coupons().await.unwrap(), b.coupons().await.unwrap()];
    let mut tasks = Vec::new();
    for i in 0..400 {
        let mut c = clients[i % 2].clone();
        tasks.push(tokio::spawn(async move {
            let r = c
                .record_usage(v1::RecordUsageRequest {
                    order_id: format!("order-{i}"),
                    customer_id: String::new(),
                    rule_ids: vec![rule.id],
                    coupon_codes: vec!["fifty".into()],
                })
                .await;
            (i, r.map(|r| r.into_inner().recorded))
        }));
    }
    let mut recorded = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            (i, Ok(true)) => recorded.push(i),
            (_, Err(s)) => assert_eq!(s.code(), Code::ResourceExhausted, "{s:?}"),
            (i, Ok(false)) => panic!("order-{i} reported as a replay"),
        }
    }
    assert_eq!(recorded.len(), 50);
    assert_eq!(times_used(&b, rule.id).await, 50);
    // Replaying every order records nothing more.
    for i in 0..400 {
        let server = if i % 2 == 0 { &b } else { &a };
        match record(server, format!("order-{i}"), rule.id, "FIFTY").await {
            Ok(was_new) => assert!(!was_new, "order-{i} counted twice"),
            Err(s) => assert_eq!(s.code(), Code::ResourceExhausted),
        }
    }
    assert_eq!(times_used(&a, rule.id).await, 50);
    // CancelUsage frees exactly what was taken.
    let mut c = b.coupons().await.unwrap();
    for i in &recorded[..10] {
        assert!(
            c.cancel_usage(v1::CancelUsageRequest {
                order_id: format!("order-{i}")
            })
            .await
            .unwrap()
            .into_inner()
            .released
        );
        assert!(
            !c.cancel_usage(v1::CancelUsageRequest {
                order_id: format!("order-{i}")
            })
            .await
            .unwrap()
            .into_inner()
            .released
        );
    }
    assert_eq!(times_used(&a, rule.id).await, 40);
    let mut again = 0;
    for i in 0..20 {
        if record(&a, format!("late-{i}"), rule.id, "fifty")
            .await
            .is_ok()
        {
            again += 1;
        }
    }
    assert_eq!(again, 10);
    assert_eq!(times_used(&b, rule.id).await, 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn counters_survive_sigkill_in_the_middle_of_a_burst() {
    let db = postgres_database().await;
    let mut a = replica(&db).await;
    let b = replica(&db).await;
    let rule = b
        .rules()
        .await
        .unwrap()
        .create_rule(v1::CreateRuleRequest {
            rule: Some(percent_rule(Some("BURST"), 0)),
        })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let client = a.coupons().await.unwrap();
    const CONCURRENCY: usize = 16;
    let mut tasks = Vec::new();
    for w in 0..CONCURRENCY {
        let mut c = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut ok = Vec::new();
            let mut failed = Vec::new();
            for i in 0..200 {
                let order = format!("burst-{w}-{i}");
                let r = c
                    .record_usage(v1::RecordUsageRequest {
                        order_id: order.clone(),
                        customer_id: String::new(),
                        rule_ids: vec![rule.id],
                        coupon_codes: vec!["burst".into()],
                    })
                    .await;
                match r {
                    Ok(_) => ok.push(order),
                    Err(_) => {
                        failed.push(order);
                        break;
                    }
                }
            }
            (ok, failed)
        }));
    }
    // Let the burst get going, then kill the replica serving it.
    let started = Instant::now();
    while times_used(&b, rule.id).await < 50 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    cohort_tests::signal(a.pid().unwrap(), "KILL").unwrap();
    let mut succeeded = Vec::new();
    let mut unanswered = Vec::new();
    for t in tasks {
        let (ok, failed) = t.await.unwrap();
        succeeded.extend(ok);
        unanswered.extend(failed);
    }
    assert!(
        !unanswered.is_empty(),
        "the kill landed after the burst; make it longer"
    );
    drop(a.terminate().await);
    // Restart on the same database.
    a = replica(&db).await;
    let after_restart = times_used(&a, rule.id).await;
    // Every acknowledged order is counted; at most the calls in flight at the kill may have
    // committed without their answer reaching the client.
    let acked = succeeded.len() as u64;
    assert!(
        after_restart >= acked && after_restart <= acked + CONCURRENCY as u64,
        "times_used {after_restart}, acknowledged {acked}"
    );
    // Retrying the unanswered orders settles them exactly once: afterwards the counter is the
    // number of orders that were recorded, no more.
    let mut newly = 0u64;
    for order in &unanswered {
        if record(&a, order.clone(), rule.id, "burst").await.unwrap() {
            newly += 1;
        }
    }
    let settled = times_used(&a, rule.id).await;
    assert_eq!(settled, acked + (after_restart - acked) + newly);
    assert_eq!(settled, acked + unanswered.len() as u64);
}
