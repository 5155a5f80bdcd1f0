//! Protection and observability end to end: deadlines (the caller's `grpc-timeout`, capped
//! by config) end with DEADLINE_EXCEEDED, calls beyond the concurrency limit are shed at once
//! with RESOURCE_EXHAUSTED, and both show in the Prometheus metrics; secrets never appear in
//! logs or metrics.

use std::time::{Duration, Instant};

use cohort_proto::v1::{self, PriceCartRequest};
use cohort_tests::CohortServer;
use tonic::Code;

fn cart() -> PriceCartRequest {
    PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: "0".into(),
            items: vec![v1::LineItem {
                line_id: "l1".into(),
                sku: "a".into(),
                qty: "1".into(),
                unit_price: "10".into(),
                ..Default::default()
            }],
            ..Default::default()
        }),
        explain: false,
    }
}

fn delayed(ms: u64) -> tonic::Request<PriceCartRequest> {
    let mut r = tonic::Request::new(cart());
    r.metadata_mut()
        .insert("cohort-test-delay-ms", ms.to_string().parse().unwrap());
    r
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn metrics(port: u16) -> String {
    let url = format!("http://127.0.0.1:{port}/metrics");
    for _ in 0..50 {
        if let Ok(r) = reqwest::get(&url).await
            && let Ok(text) = r.text().await
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no metrics at {url}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deadlines_and_load_shedding_give_the_right_codes_and_metrics() {
    let port = free_port().to_string();
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
    // Sent as the header only: the client sets no timer of its own, so the answer is the
    // server's.
    let mut req = delayed(1000);
    req.metadata_mut()
        .insert("grpc-timeout", "100m".parse().unwrap());
    let started = Instant::now();
    let status = client.price_cart(req).await.unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
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
    for s in slow {
        s.await.unwrap().unwrap();
    }
    assert!(client.price_cart(cart()).await.is_ok(), "capacity is back");

    let text = metrics(port.parse().unwrap()).await;
    assert!(text.contains("cohort_load_shed_total 1"), "{text}");
    assert!(
        text.contains(r#"cohort_rpc_requests_total{method="cohort.v1.PricingService/PriceCart",code="DEADLINE_EXCEEDED"} 2"#),
        "{text}"
    );
    assert!(text.contains(r#"code="RESOURCE_EXHAUSTED""#), "{text}");
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
