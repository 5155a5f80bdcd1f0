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

/// Creates `rule` through `server`'s RuleService; returns it as stored.
async fn create(server: &CohortServer, rule: CartPriceRule) -> CartPriceRule {
    server
        .rules()
        .await
        .unwrap()
        .create_rule(v1::CreateRuleRequest { rule: Some(rule) })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap()
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
    let rule = create(&a, percent_rule(Some("FIFTY"), 50)).await;
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
    let rule = create(&b, percent_rule(Some("BURST"), 0)).await;
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

fn coupon_cart(code: &str, customer: &str) -> PriceCartRequest {
    let mut request = cart();
    if let Some(c) = request.cart.as_mut() {
        c.coupon_codes = vec![code.into()];
        c.customer_id = customer.into();
    }
    request
}

fn coupon_status(resp: &v1::PriceCartResponse) -> v1::CouponStatus {
    resp.coupons
        .first()
        .map_or(v1::CouponStatus::Unspecified, |c| c.status())
}

/// Prices `request` on `pricing` until the coupon shows `want`; fails after a second.
async fn coupon_turns(
    pricing: &mut cohort_proto::v1::pricing_service_client::PricingServiceClient<
        tonic::transport::Channel,
    >,
    request: &PriceCartRequest,
    want: v1::CouponStatus,
) -> Duration {
    let written = Instant::now();
    loop {
        let resp = pricing
            .price_cart(request.clone())
            .await
            .unwrap()
            .into_inner();
        if coupon_status(&resp) == want {
            return written.elapsed();
        }
        assert!(
            written.elapsed() < Duration::from_secs(1),
            "the other replica still answers {:?} after a second, want {want:?}",
            coupon_status(&resp)
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Pricing answers from each replica's usage cache; a coupon used up through replica A (and
/// a customer's per-customer use) is refused at pricing on replica B within a second, and
/// RecordUsage on B still refuses the extra use.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_coupon_used_up_on_one_replica_is_refused_at_pricing_on_the_other_within_a_second() {
    let db = postgres_database().await;
    let a = replica(&db).await;
    // B's poll is slow on purpose: the change must reach it through NOTIFY.
    let b = CohortServer::start(&[
        ("COHORT__DATABASE__URL", &db),
        ("COHORT__DATABASE__POLL_INTERVAL_MS", "60000"),
    ])
    .await
    .unwrap();
    let once = create(&a, percent_rule(Some("ONCE"), 1)).await;
    let mut per_customer = percent_rule(Some("MINE"), 0);
    per_customer.uses_per_customer = 1;
    let mine = create(&a, per_customer).await;
    let mut pricing_b = b.pricing().await.unwrap();
    // B learns both rules, then caches both coupons (and c-1's counts).
    let guest_once = coupon_cart("once", "");
    let c1_mine = coupon_cart("MINE", "c-1");
    let c2_mine = coupon_cart("MINE", "c-2");
    let started = Instant::now();
    loop {
        let r1 = pricing_b.price_cart(guest_once.clone()).await.unwrap();
        let r2 = pricing_b.price_cart(c1_mine.clone()).await.unwrap();
        if coupon_status(r1.get_ref()) == v1::CouponStatus::Applied
            && coupon_status(r2.get_ref()) == v1::CouponStatus::Applied
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "rules never reached B"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    assert!(record(&a, "o-1".into(), once.id, "ONCE").await.unwrap());
    let lag = coupon_turns(
        &mut pricing_b,
        &guest_once,
        v1::CouponStatus::UsageLimitReached,
    )
    .await;
    eprintln!("used-up coupon refused on B after {lag:?}");
    // The exact gate is unchanged: B cannot redeem it again.
    let err = record(&b, "o-2".into(), once.id, "ONCE").await.unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");

    let mut coupons_a = a.coupons().await.unwrap();
    assert!(
        coupons_a
            .record_usage(v1::RecordUsageRequest {
                order_id: "o-3".into(),
                customer_id: "c-1".into(),
                rule_ids: vec![mine.id],
                coupon_codes: vec!["mine".into()],
            })
            .await
            .unwrap()
            .into_inner()
            .recorded
    );
    let lag = coupon_turns(
        &mut pricing_b,
        &c1_mine,
        v1::CouponStatus::CustomerLimitReached,
    )
    .await;
    eprintln!("customer's used coupon refused on B after {lag:?}");
    // Another customer still gets it; cancelling frees it for c-1 again.
    let r = pricing_b.price_cart(c2_mine).await.unwrap().into_inner();
    assert_eq!(coupon_status(&r), v1::CouponStatus::Applied);
    assert!(
        coupons_a
            .cancel_usage(v1::CancelUsageRequest {
                order_id: "o-3".into()
            })
            .await
            .unwrap()
            .into_inner()
            .released
    );
    coupon_turns(&mut pricing_b, &c1_mine, v1::CouponStatus::Applied).await;
}

/// Statements the server ran on its database, from `pg_stat_statements` (loaded by `cargo
/// xtask test`'s PostgreSQL), leaving out the followers' polls.
async fn statements_run(admin: &mut sqlx::PgConnection, db: &str) -> i64 {
    let name = db.rsplit('/').next().unwrap();
    sqlx::query_scalar(
        "SELECT COALESCE(SUM(s.calls), 0)::BIGINT FROM pg_stat_statements s \
         JOIN pg_database d ON d.oid = s.dbid \
         WHERE d.datname = $1 AND s.query NOT LIKE '%usage_changes%' \
         AND s.query NOT LIKE '%ruleset_version%'",
    )
    .bind(name)
    .fetch_one(admin)
    .await
    .expect("pg_stat_statements (cargo xtask test loads it)")
}

/// Once the coupons and customers a workload uses are cached, PriceCart runs no statement
/// at all on the database; a change since refreshes the cache without pricing waiting.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pricing_runs_no_database_statement_in_steady_state() {
    use sqlx::Connection;
    let db = postgres_database().await;
    let admin_url = std::env::var("COHORT_TEST_POSTGRES_URL").unwrap();
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .execute(&mut admin)
        .await
        .unwrap();
    let a = replica(&db).await;
    let mut limited = percent_rule(Some("SAVE"), 100);
    limited.uses_per_customer = 3;
    create(&a, limited).await;
    let mut broad = percent_rule(None, 0);
    broad.uses_per_customer = 2;
    create(&a, broad).await;
    let carts: Vec<PriceCartRequest> = (0..10)
        .flat_map(|i| {
            [
                coupon_cart("SAVE", &format!("c-{i}")),
                coupon_cart("save", ""),
                coupon_cart(&format!("NOPE-{i}"), &format!("c-{i}")),
                {
                    let mut r = cart();
                    r.cart.as_mut().unwrap().customer_id = format!("c-{i}");
                    r
                },
            ]
        })
        .collect();
    let mut pricing = a.pricing().await.unwrap();
    let before_cold = statements_run(&mut admin, &db).await;
    for request in &carts {
        pricing.price_cart(request.clone()).await.unwrap();
    }
    let cold = statements_run(&mut admin, &db).await - before_cold;
    // The counter sees the server's reads: the first calls load the cache.
    assert!(cold >= 20, "only {cold} statements for the cold calls");
    let before = statements_run(&mut admin, &db).await;
    for _ in 0..25 {
        for request in &carts {
            let resp = pricing.price_cart(request.clone()).await.unwrap();
            let codes = request.cart.as_ref().map_or(0, |c| c.coupon_codes.len());
            assert_eq!(resp.get_ref().coupons.len(), codes);
        }
    }
    let steady = statements_run(&mut admin, &db).await - before;
    assert_eq!(
        steady, 0,
        "{steady} statements for 1,000 cached PriceCart calls"
    );
}
