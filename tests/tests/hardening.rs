//! Hostile input and careless operators, end to end against the real binary: each
//! reproduction of the hardening issue gets a fast, clear refusal or the right answer.
//! Time bounds are generous (a debug build on a shared machine); the refusals they guard
//! used to take from 14 s to minutes.

use std::time::{Duration, Instant};

use cohort_proto::v1::{self, PriceCartRequest};
use cohort_tests::{CohortServer, run_cohort, run_cohort_env};
use tonic::Code;
use tonic_types::StatusExt;

const ADMIN: &str = "hardening-admin-token";

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {ADMIN}").parse().unwrap());
    r
}

async fn start() -> CohortServer {
    CohortServer::start(&[
        ("COHORT__AUTH__ADMIN_TOKENS", ADMIN),
        // Room for the oversized requests below, so the limits refused are Cohort's own.
        ("COHORT__SERVER__MAX_MESSAGE_BYTES", "16777216"),
    ])
    .await
    .unwrap()
}

/// Prices `req`, expecting INVALID_ARGUMENT within `within`; the field violations.
async fn refused(server: &CohortServer, req: PriceCartRequest, within: Duration) -> Vec<String> {
    let mut client = server
        .pricing()
        .await
        .unwrap()
        .max_decoding_message_size(64 << 20)
        .max_encoding_message_size(64 << 20);
    let started = Instant::now();
    let status = client.price_cart(req).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(took < within, "refused after {took:?}");
    assert!(
        status.message().len() < 4_096,
        "a short answer: {}",
        status.message().len()
    );
    status
        .get_details_bad_request()
        .expect("google.rpc.BadRequest")
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect()
}

#[tokio::test]
async fn oversized_and_out_of_range_carts_are_refused_fast_naming_the_field() {
    let server = start().await;
    // 300,000 empty coupon codes (about 1 MB).
    let mut req = cohort_tests::one_line_cart("1", "10");
    req.cart.as_mut().unwrap().coupon_codes = vec![String::new(); 300_000];
    let fields = refused(&server, req, Duration::from_secs(3)).await;
    assert_eq!(fields, ["cart.coupon_codes"]);

    // Out-of-range amounts are refused, not answered without discounts.
    for (field, qty, price) in [
        ("cart.items[0].unit_price", "1", "10000000000000000"),
        ("cart.items[0].qty", "2000000000", "1"),
    ] {
        let fields = refused(
            &server,
            cohort_tests::one_line_cart(qty, price),
            Duration::from_secs(3),
        )
        .await;
        assert_eq!(fields, [field]);
    }
    let mut req = cohort_tests::one_line_cart("1", "10");
    req.cart.as_mut().unwrap().items[0].weight = "1e16".into();
    let fields = refused(&server, req, Duration::from_secs(3)).await;
    assert_eq!(fields, ["cart.items[0].weight"]);

    // A 3 MB website id and SKU, 300,000 categories, 100,000 attributes.
    let mut req = cohort_tests::one_line_cart("1", "10");
    let cart = req.cart.as_mut().unwrap();
    let huge = "x".repeat(3 << 20);
    cart.website_id = huge.clone();
    cart.items[0].sku = huge;
    cart.items.push(cart.items[0].clone());
    cart.items[1].line_id = "l2".into();
    cart.items[1].sku = "ok".into();
    cart.items[1].category_ids = vec!["1".into(); 300_000];
    cart.items[1].attributes = (0..100_000)
        .map(|i| (format!("k{i}"), "v".into()))
        .collect();
    let fields = refused(&server, req, Duration::from_secs(5)).await;
    assert_eq!(
        fields,
        [
            "cart.website_id",
            "cart.items[0].sku",
            "cart.items[1].category_ids",
            "cart.items[1].attributes"
        ]
    );

    // Many bad lines: 20 violations and a count, not 2,000.
    let mut req = cohort_tests::one_line_cart("1", "10");
    let cart = req.cart.as_mut().unwrap();
    cart.items = (0..1000)
        .map(|i| v1::LineItem {
            line_id: format!("l{i}"),
            qty: "0".into(),
            unit_price: "-1".into(),
            ..Default::default()
        })
        .collect();
    let mut client = server.pricing().await.unwrap();
    let status = client.price_cart(req).await.unwrap_err();
    assert_eq!(
        status
            .get_details_bad_request()
            .unwrap()
            .field_violations
            .len(),
        20
    );
    assert!(
        status.message().ends_with("and 1980 more"),
        "{}",
        status.message()
    );
}

#[tokio::test]
async fn admin_fails_closed_and_token_variables_are_checked() {
    // Pricing tokens only, admin_open not set: admin is closed, not open.
    let server = CohortServer::start(&[
        ("COHORT__AUTH__PRICING_TOKENS", "pricing-only"),
        ("COHORT__AUTH__ADMIN_OPEN", "false"),
    ])
    .await
    .unwrap();
    let mut rules = server.rules().await.unwrap();
    let status = rules
        .list_rules(v1::ListRulesRequest::default())
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unauthenticated, "{status:?}");
    assert!(
        status.message().contains("auth.admin_open"),
        "{}",
        status.message()
    );
    let mut coupons = server.coupons().await.unwrap();
    let mut req = tonic::Request::new(v1::ListCouponsRequest::default());
    req.metadata_mut()
        .insert("authorization", "Bearer pricing-only".parse().unwrap());
    assert!(coupons.list_coupons(req).await.is_err());
    drop(server);

    // An unresolved secret (set, but empty) stops start-up naming the variable only.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cohort.toml"),
        "[auth]\nadmin_tokens = [\"file-token-7f3a\"]\n",
    )
    .unwrap();
    let db = format!("sqlite://{}", dir.path().join("c.db").display());
    let (code, _, stderr) = run_cohort_env(
        &["serve"],
        dir.path(),
        &[
            ("COHORT__SERVER__ADDR", "127.0.0.1:0"),
            ("COHORT__DATABASE__URL", &db),
            ("COHORT__AUTH__ADMIN_TOKENS", ""),
        ],
    )
    .unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("COHORT__AUTH__ADMIN_TOKENS"), "{stderr}");
    assert!(!stderr.contains("file-token-7f3a"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    // A token that looks like a number is a token.
    let server = CohortServer::start(&[("COHORT__AUTH__ADMIN_TOKENS", "1234567890")])
        .await
        .unwrap();
    let mut rules = server.rules().await.unwrap();
    let mut req = tonic::Request::new(v1::ListRulesRequest::default());
    req.metadata_mut()
        .insert("authorization", "Bearer 1234567890".parse().unwrap());
    rules.list_rules(req).await.unwrap();
    assert!(
        !server.stderr().contains("1234567890"),
        "{}",
        server.stderr()
    );

    // Mutual TLS without TLS would serve plaintext: refused.
    let (code, _, stderr) = run_cohort_env(
        &["serve"],
        dir.path(),
        &[
            ("COHORT__SERVER__ADDR", "127.0.0.1:0"),
            ("COHORT__DATABASE__URL", &db),
            ("COHORT__SERVER__TLS_CLIENT_CA", "/nonexistent/ca.pem"),
        ],
    )
    .unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("server.tls_client_ca"), "{stderr}");
}

fn coupon_rule(name: &str, code: &str, uses: u32) -> v1::CartPriceRule {
    v1::CartPriceRule {
        name: name.into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "10".into(),
        coupon_type: v1::CouponType::Specific as i32,
        coupon_code: code.into(),
        uses_per_coupon: uses,
        ..Default::default()
    }
}

async fn create(
    rules: &mut v1::rule_service_client::RuleServiceClient<tonic::transport::Channel>,
    rule: v1::CartPriceRule,
) -> v1::CartPriceRule {
    rules
        .create_rule(authed(v1::CreateRuleRequest { rule: Some(rule) }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap()
}

fn record(order: &str, rule_id: u64, code: &str) -> tonic::Request<v1::RecordUsageRequest> {
    authed(v1::RecordUsageRequest {
        order_id: order.into(),
        customer_id: String::new(),
        rule_ids: vec![rule_id],
        coupon_codes: vec![code.into()],
    })
}

#[tokio::test]
async fn coupon_limits_follow_the_coupon_whatever_its_text() {
    let server = start().await;
    let mut rules = server.rules().await.unwrap();
    let mut coupons = server.coupons().await.unwrap();
    let mut pricing = server.pricing().await.unwrap();
    let once = create(&mut rules, coupon_rule("once", "ONCE", 1)).await;
    coupons
        .record_usage(record("o-1", once.id, "ONCE"))
        .await
        .unwrap();
    // A padded, re-cased code is the same coupon: at its limit.
    let mut req = cohort_tests::one_line_cart("1", "10");
    req.cart.as_mut().unwrap().coupon_codes = vec!["  once  ".into()];
    let priced = pricing.price_cart(req).await.unwrap().into_inner();
    assert_eq!(
        priced.coupons[0].status,
        v1::CouponStatus::UsageLimitReached as i32,
        "{priced:?}"
    );
    assert_eq!(priced.discount_total, "0.00");

    // Delete the rule whose code X order o1 used, create a new rule with code X (limit 1),
    // record o2, cancel o1: the new coupon stays used, and o3 is refused.
    let old = create(&mut rules, coupon_rule("old", "X", 0)).await;
    coupons
        .record_usage(record("o1", old.id, "X"))
        .await
        .unwrap();
    rules
        .delete_rule(authed(v1::DeleteRuleRequest { id: old.id }))
        .await
        .unwrap();
    let new = create(&mut rules, coupon_rule("new", "X", 1)).await;
    coupons
        .record_usage(record("o2", new.id, "x"))
        .await
        .unwrap();
    coupons
        .cancel_usage(authed(v1::CancelUsageRequest {
            order_id: "o1".into(),
        }))
        .await
        .unwrap();
    let status = coupons
        .record_usage(record("o3", new.id, " X "))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
}

#[tokio::test]
async fn generating_coupons_is_all_or_nothing_under_a_deadline() {
    let server = CohortServer::start(&[
        ("COHORT__AUTH__ADMIN_TOKENS", ADMIN),
        ("COHORT__SERVER__REQUEST_TIMEOUT_MS", "120000"),
    ])
    .await
    .unwrap();
    let mut rules = server.rules().await.unwrap();
    let mut coupons = server.coupons().await.unwrap();
    let auto = create(
        &mut rules,
        v1::CartPriceRule {
            coupon_type: v1::CouponType::Auto as i32,
            coupon_code: String::new(),
            ..coupon_rule("auto", "", 0)
        },
    )
    .await;
    let generate = |timeout: Duration| {
        let mut req = authed(v1::GenerateCouponsRequest {
            rule_id: auto.id,
            quantity: 20_000,
            length: 12,
            ..Default::default()
        });
        req.set_timeout(timeout);
        req
    };
    let count = |mut coupons: v1::coupon_service_client::CouponServiceClient<_>| async move {
        let mut total = 0;
        let mut token = String::new();
        loop {
            let page = coupons
                .list_coupons(authed(v1::ListCouponsRequest {
                    rule_id: auto.id,
                    page_size: 500,
                    page_token: token,
                }))
                .await
                .unwrap()
                .into_inner();
            total += page.coupons.len();
            if page.next_page_token.is_empty() {
                return total;
            }
            token = page.next_page_token;
        }
    };
    // Cut short by its deadline: nothing is stored, so a retry cannot over-generate.
    let status = coupons
        .generate_coupons(generate(Duration::from_millis(30)))
        .await
        .unwrap_err();
    assert!(
        matches!(status.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{status:?}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        count(coupons.clone()).await,
        0,
        "nothing of the cut call is stored"
    );
    // With time enough, exactly the quantity asked.
    let done = coupons
        .generate_coupons(generate(Duration::from_secs(60)))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(done.generated, 20_000);
    assert_eq!(done.codes.len(), 1_000);
    assert_eq!(count(coupons.clone()).await, 20_000);
}

#[tokio::test]
async fn a_stored_version_that_goes_backwards_is_followed() {
    let server = CohortServer::start(&[
        ("COHORT__AUTH__ADMIN_TOKENS", ADMIN),
        ("COHORT__DATABASE__POLL_INTERVAL_MS", "100"),
    ])
    .await
    .unwrap();
    let mut rules = server.rules().await.unwrap();
    for n in 0..3 {
        create(
            &mut rules,
            coupon_rule(&format!("r{n}"), &format!("C{n}"), 0),
        )
        .await;
    }
    let mut pricing = server.pricing().await.unwrap();
    let version = |p: v1::PriceCartResponse| p.ruleset_version;
    let before = version(
        pricing
            .price_cart(cohort_tests::one_line_cart("1", "10"))
            .await
            .unwrap()
            .into_inner(),
    );
    assert_eq!(before, 3);
    // A restore from an older backup: the stored version goes back to 1.
    {
        use sqlx::Connection;
        let mut db = sqlx::SqliteConnection::connect(server.database_url())
            .await
            .unwrap();
        sqlx::query("UPDATE ruleset_version SET version = 1")
            .execute(&mut db)
            .await
            .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = version(
            pricing
                .price_cart(cohort_tests::one_line_cart("1", "10"))
                .await
                .unwrap()
                .into_inner(),
        );
        if now == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "still on version {now}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn rule_files_name_the_rule_and_field_of_a_nesting_or_type_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut tree = String::from(
        r#"{"address": {"attribute": "ADDRESS_ATTRIBUTE_SUBTOTAL", "operator": "OPERATOR_GT", "values": ["1"]}}"#,
    );
    for _ in 0..100 {
        tree = format!(r#"{{"combine": {{"conditions": [{tree}]}}}}"#);
    }
    let file = dir.path().join("deep.json");
    std::fs::write(
        &file,
        format!(r#"{{"rules": [{{"id": "7", "name": "deep", "conditions": {tree}}}]}}"#),
    )
    .unwrap();
    let (code, _, stderr) =
        run_cohort(&["rules", "validate", file.to_str().unwrap()], dir.path()).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("rules[0].conditions"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    let file = dir.path().join("step.json");
    std::fs::write(
        &file,
        r#"{"rules": [{"id": "1", "name": "a", "discountStep": 4294967296}]}"#,
    )
    .unwrap();
    let (code, _, stderr) =
        run_cohort(&["rules", "validate", file.to_str().unwrap()], dir.path()).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("rules[0].discount_step"), "{stderr}");
}

fn active_audiences(metrics: &str) -> Option<String> {
    metrics
        .lines()
        .find(|l| l.starts_with(r#"cohort_audiences{state="ACTIVE"}"#))
        .and_then(|l| l.split_whitespace().last())
        .map(str::to_owned)
}

/// Each /metrics scrape used to run 9 queries; the database gauges are now read at most
/// every 5 s, however often it is scraped: an import shows only once that time has passed.
#[tokio::test]
async fn metrics_read_the_database_at_most_every_few_seconds() {
    let port = cohort_tests::free_port();
    let addr = format!("127.0.0.1:{port}");
    let server = CohortServer::start(&[("COHORT__METRICS__ADDR", &addr)])
        .await
        .unwrap();
    let _ = cohort_tests::scrape_metrics(port).await;
    // Read at this first scrape: cached until 5 s after it.
    let read_at = Instant::now();
    let before = active_audiences(&cohort_tests::scrape_metrics(port).await);
    assert_eq!(before.as_deref(), Some("0"));
    let export = cohort_tests::workspace_root().join("crates/cohort-aep-fake/data/audiences.json");
    let (code, _, stderr) = run_cohort_env(
        &["audiences", "import", export.to_str().unwrap()],
        server.dir.path(),
        &[("COHORT__DATABASE__URL", server.database_url())],
    )
    .unwrap();
    assert_eq!(code, 0, "{stderr}");
    for _ in 0..20 {
        let now = active_audiences(&cohort_tests::scrape_metrics(port).await);
        if read_at.elapsed() < Duration::from_secs(4) {
            assert_eq!(now, before, "read again within the cache time");
        }
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = active_audiences(&cohort_tests::scrape_metrics(port).await);
        if now != before {
            assert_ne!(now.as_deref(), Some("0"));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the gauges were never read again"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// RecordUsage's lists and strings are bounded too (each coupon code is a query).
#[tokio::test]
async fn record_usage_bounds_its_lists() {
    let server = start().await;
    let mut coupons = server
        .coupons()
        .await
        .unwrap()
        .max_encoding_message_size(64 << 20);
    let started = Instant::now();
    let status = coupons
        .record_usage(authed(v1::RecordUsageRequest {
            order_id: "o".repeat(5_000),
            customer_id: String::new(),
            rule_ids: vec![1; 300_000],
            coupon_codes: vec!["x".into(); 300_000],
        }))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    let fields: Vec<String> = status
        .get_details_bad_request()
        .unwrap()
        .field_violations
        .into_iter()
        .map(|v| v.field)
        .collect();
    assert_eq!(fields, ["order_id", "rule_ids", "coupon_codes"]);
}

/// A request the server cannot decode (nested beyond protobuf's recursion limit, or not
/// protobuf at all) is INVALID_ARGUMENT naming the path, not INTERNAL.
#[tokio::test]
async fn undecodable_requests_are_invalid_arguments() {
    use v1::condition::Kind;
    let server = start().await;
    let mut rules = server.rules().await.unwrap();
    let mut tree = v1::Condition {
        kind: Some(Kind::Address(v1::AddressCondition {
            attribute: v1::AddressAttribute::Subtotal as i32,
            operator: v1::Operator::Gt as i32,
            values: vec!["1".into()],
        })),
    };
    for _ in 0..80 {
        tree = v1::Condition {
            kind: Some(Kind::Combine(v1::Combine {
                aggregator: v1::Aggregator::All as i32,
                negate: false,
                conditions: vec![tree],
            })),
        };
    }
    let status = rules
        .create_rule(authed(v1::CreateRuleRequest {
            rule: Some(v1::CartPriceRule {
                conditions: Some(tree),
                ..coupon_rule("deep", "DEEP", 0)
            }),
        }))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let violations = status.get_details_bad_request().unwrap().field_violations;
    assert!(
        violations[0].field.starts_with("CreateRuleRequest.rule"),
        "{violations:?}"
    );
    assert!(
        status.message().contains("CreateRuleRequest.rule"),
        "{}",
        status.message()
    );
    // Not protobuf: a frame of 0xFF bytes.
    let mut frame = vec![0u8, 0, 0, 0, 16];
    frame.extend([0xFFu8; 16]);
    let resp = cohort_tests::post_grpc_frame(
        &cohort_tests::http2_client(),
        &server.addr,
        "cohort.v1.PricingService/PriceCart",
        frame,
        &[],
    )
    .await;
    assert_eq!(
        resp.headers()
            .get("grpc-status")
            .map(|v| v.to_str().unwrap()),
        Some("3"),
        "{:?}",
        resp.headers()
    );
}
