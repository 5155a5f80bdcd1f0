//! Protection and observability end to end: deadlines (the caller's `grpc-timeout`, capped
//! by config) end with DEADLINE_EXCEEDED, calls beyond the concurrency limit are shed at once
//! with RESOURCE_EXHAUSTED, and both show in the Prometheus metrics; secrets never appear in
//! logs or metrics.

use std::time::{Duration, Instant};

use cohort_proto::v1::{self, PriceCartRequest};
use cohort_tests::CohortServer;
use tonic::Code;

fn cart() -> PriceCartRequest {
    cohort_tests::one_line_cart("1", "10")
}

fn delayed(ms: u64) -> tonic::Request<PriceCartRequest> {
    let mut r = tonic::Request::new(cart());
    r.metadata_mut()
        .insert("cohort-test-delay-ms", ms.to_string().parse().unwrap());
    r
}

/// One gRPC call of `path` with an empty message, by a plain HTTP/2 client.
async fn empty_grpc_call(
    http: &reqwest::Client,
    server: &CohortServer,
    path: &str,
) -> reqwest::Response {
    cohort_tests::post_grpc_frame(http, &server.addr, path, vec![0u8; 5], &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deadlines_and_load_shedding_give_the_right_codes_and_metrics() {
    let port = cohort_tests::free_port().to_string();
    let metrics_addr = format!("127.0.0.1:{port}");
    let server = CohortServer::start(&[
        ("COHORT__SERVER__TEST_DELAY_HEADER", "true"),
        ("COHORT__SERVER__CONCURRENCY_LIMIT", "2"),
        ("COHORT__SERVER__REQUEST_TIMEOUT_MS", "400"),
        ("COHORT__METRICS__ADDR", &metrics_addr),
        ("COHORT__AUTH__ADMIN_TOKENS", "super-secret-admin-token"),
    ])
    .await
    .unwrap();
    let mut client = server.pricing().await.unwrap();

    // The caller's deadline (100 ms) is shorter than the work (1 s).
    // The caller's deadline (100 ms) is shorter than the work (1 s). Sent by a plain
    // HTTP/2 client that runs no timer of its own, so the answer is the server's.
    let frame = {
        use prost::Message;
        let body = cart().encode_to_vec();
        let mut f = vec![0u8];
        f.extend_from_slice(&(body.len() as u32).to_be_bytes());
        f.extend_from_slice(&body);
        f
    };
    let http = cohort_tests::http2_client();
    let started = Instant::now();
    let resp = cohort_tests::post_grpc_frame(
        &http,
        &server.addr,
        "cohort.v1.PricingService/PriceCart",
        frame,
        &[("grpc-timeout", "100m"), ("cohort-test-delay-ms", "1000")],
    )
    .await;
    let code = resp
        .headers()
        .get("grpc-status")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(
        code.as_deref(),
        Some("4"),
        "DEADLINE_EXCEEDED; headers {:?}",
        resp.headers()
    );
    assert!(started.elapsed() < Duration::from_millis(900));
    // No caller deadline: the configured cap (400 ms) applies.
    let status = client.price_cart(delayed(2000)).await.unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");

    // Two slow calls fill the limit; the third is shed at once.
    let slow: Vec<_> = (0..2)
        .map(|_| {
            let mut c = client.clone();
            tokio::spawn(async move { c.price_cart(delayed(300)).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let status = client.price_cart(cart()).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "shed at once, not queued"
    );
    // With the limit reached, health checks and reflection are still answered: an
    // orchestrator must not restart a server that is only busy.
    {
        use tonic_health::pb::HealthCheckRequest;
        use tonic_health::pb::health_client::HealthClient;
        let mut health = HealthClient::new(server.channel().await.unwrap());
        let status = health.check(HealthCheckRequest::default()).await.unwrap();
        assert_eq!(status.into_inner().status, 1, "SERVING while busy");
        let resp = empty_grpc_call(
            &http,
            &server,
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        )
        .await;
        assert!(
            resp.headers().get("grpc-status").is_none(),
            "reflection not shed: {:?}",
            resp.headers()
        );
    }
    for s in slow {
        s.await.unwrap().unwrap();
    }
    assert!(client.price_cart(cart()).await.is_ok(), "capacity is back");

    // Paths the server does not serve are counted as one "unknown" method: callers cannot
    // add metric series.
    for n in 0..3 {
        let resp = empty_grpc_call(&http, &server, &format!("made.Up{n}/Random{n}")).await;
        let code = resp.headers().get("grpc-status").cloned();
        assert_eq!(
            code.as_ref().map(|v| v.to_str().unwrap()),
            Some("12"),
            "UNIMPLEMENTED"
        );
    }

    let text = cohort_tests::scrape_metrics(port.parse().unwrap()).await;
    assert!(text.contains("cohort_load_shed_total 1"), "{text}");
    assert!(
        text.contains(r#"cohort_rpc_requests_total{method="cohort.v1.PricingService/PriceCart",code="DEADLINE_EXCEEDED"} 2"#),
        "{text}"
    );
    assert!(text.contains(r#"code="RESOURCE_EXHAUSTED""#), "{text}");
    assert!(
        text.contains(r#"cohort_rpc_requests_total{method="unknown",code="UNIMPLEMENTED"} 3"#),
        "{text}"
    );
    assert!(!text.contains("Random"), "{text}");
    assert!(text.contains("cohort_rpc_duration_seconds"), "{text}");
    assert!(text.contains("cohort_rules_loaded"), "{text}");
    assert!(text.contains("cohort_ruleset_version"), "{text}");
    // Secrets never appear in logs or metrics.
    assert!(!text.contains("super-secret-admin-token"));
    assert!(
        !server.stderr().contains("super-secret-admin-token"),
        "{}",
        server.stderr()
    );
}

#[tokio::test]
async fn the_delay_hook_is_off_unless_configured() {
    let server = CohortServer::start(&[("COHORT__SERVER__REQUEST_TIMEOUT_MS", "200")])
        .await
        .unwrap();
    let mut client = server.pricing().await.unwrap();
    let started = Instant::now();
    client.price_cart(delayed(1000)).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(200));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn health_is_not_serving_while_draining_and_in_flight_calls_finish() {
    use tonic_health::pb::HealthCheckRequest;
    use tonic_health::pb::health_client::HealthClient;
    let mut server = CohortServer::start(&[
        ("COHORT__SERVER__TEST_DELAY_HEADER", "true"),
        ("COHORT__SERVER__DRAIN_DELAY_MS", "1500"),
    ])
    .await
    .unwrap();
    let channel = server.channel().await.unwrap();
    let mut health = HealthClient::new(channel.clone());
    let mut pricing = v1::pricing_service_client::PricingServiceClient::new(channel);
    let in_flight = tokio::spawn(async move { pricing.price_cart(delayed(800)).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    cohort_tests::signal(server.pid().unwrap(), "TERM").unwrap();
    let mut not_serving = false;
    for _ in 0..50 {
        let status = health
            .check(HealthCheckRequest::default())
            .await
            .map(|r| r.into_inner().status);
        if matches!(status, Ok(2)) {
            not_serving = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        not_serving,
        "health never reported NOT_SERVING during the drain"
    );
    let priced = in_flight.await.unwrap().unwrap().into_inner();
    assert_eq!(priced.subtotal, "10.00", "the in-flight call completed");
    let status = server.terminate_after_signal().await.unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn database_passwords_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "postgres://cohort:hunter2-secret@127.0.0.1:1/cohort",
        "postgres://cohort@127.0.0.1:1/cohort?sslmode=disable&password=hunter2-query",
    ] {
        for command in [&["serve"][..], &["migrate"][..]] {
            let (code, stdout, stderr) = cohort_tests::run_cohort_env(
                command,
                dir.path(),
                &[
                    ("COHORT__SERVER__ADDR", "127.0.0.1:0"),
                    ("COHORT__DATABASE__URL", url),
                ],
            )
            .unwrap();
            assert_ne!(code, 0);
            assert!(
                !stderr.contains("hunter2") && !stdout.contains("hunter2"),
                "{command:?}: {stderr}"
            );
            assert!(stderr.contains("database"), "{stderr}");
        }
    }
}

#[tokio::test]
async fn rule_trees_are_bounded_by_config() {
    let server = CohortServer::start(&[("COHORT__LIMITS__MAX_RULE_NODES", "3")])
        .await
        .unwrap();
    let mut rules = server.rules().await.unwrap();
    let leaf = || v1::Condition {
        kind: Some(v1::condition::Kind::Address(v1::AddressCondition {
            attribute: v1::AddressAttribute::TotalQty as i32,
            operator: v1::Operator::Gte as i32,
            values: vec!["1".into()],
        })),
    };
    let tree = |n: usize| v1::Condition {
        kind: Some(v1::condition::Kind::Combine(v1::Combine {
            aggregator: v1::Aggregator::All as i32,
            negate: false,
            conditions: (0..n).map(|_| leaf()).collect(),
        })),
    };
    let rule = |n: usize| v1::CartPriceRule {
        name: "bounded".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "5".into(),
        conditions: Some(tree(n)),
        ..Default::default()
    };
    assert!(
        rules
            .create_rule(v1::CreateRuleRequest {
                rule: Some(rule(2))
            })
            .await
            .is_ok()
    );
    let status = rules
        .create_rule(v1::CreateRuleRequest {
            rule: Some(rule(3)),
        })
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("rule.conditions") && status.message().contains("max_rule_nodes"),
        "{}",
        status.message()
    );
}
