//! The walking skeleton end to end: the real binary, SQLite, health, reflection, PriceCart
//! with membership metadata and its validation, graceful shutdown.

use cohort_proto::v1::{Cart, LineItem, PriceCartRequest};
use cohort_tests::CohortServer;
use tonic::Code;
use tonic_types::StatusExt;

fn line(id: &str, qty: &str, price: &str) -> LineItem {
    LineItem {
        line_id: id.into(),
        sku: format!("sku-{id}"),
        qty: qty.into(),
        unit_price: price.into(),
        ..Default::default()
    }
}

fn cart(items: Vec<LineItem>) -> Cart {
    Cart {
        website_id: "base".into(),
        currency: "USD".into(),
        customer_group_id: "0".into(),
        items,
        shipping_amount: "5".into(),
        ..Default::default()
    }
}

fn request(cart: Cart) -> tonic::Request<PriceCartRequest> {
    tonic::Request::new(PriceCartRequest {
        cart: Some(cart),
        explain: false,
        hints: false,
    })
}

#[tokio::test]
async fn prices_a_cart_without_rules_and_reads_membership() {
    let server = CohortServer::start(&[]).await.unwrap();
    let mut client = server.pricing().await.unwrap();
    let mut c = cart(vec![line("l1", "2", "19.99"), line("l2", "1.5", "10")]);
    c.audience_ids = vec!["d".into(), "a".into()];
    let mut req = request(c);
    req.metadata_mut().insert(
        "aep-segments-membership",
        "b%2Ca%2C%20c,,b".parse().unwrap(),
    );
    let resp = client.price_cart(req).await.unwrap().into_inner();

    assert_eq!(resp.currency, "USD");
    assert_eq!(resp.subtotal, "54.98");
    assert_eq!(resp.item_discount_total, "0.00");
    assert_eq!(resp.shipping_amount, "5.00");
    assert_eq!(resp.shipping_discount, "0.00");
    assert_eq!(resp.discount_total, "0.00");
    assert_eq!(resp.grand_total, "59.98");
    assert!(!resp.free_shipping);
    assert_eq!(resp.audience_ids, ["a", "b", "c", "d"]);
    assert_eq!(resp.lines.len(), 2);
    assert_eq!(resp.lines[0].line_id, "l1");
    assert_eq!(resp.lines[0].row_total, "39.98");
    assert_eq!(resp.lines[0].discount_amount, "0.00");
    assert_eq!(resp.lines[0].row_total_after_discount, "39.98");
    assert_eq!(resp.lines[1].row_total, "15.00");
    assert_eq!(resp.lines[1].row_total_after_discount, "15.00");
    assert!(resp.applied_rules.is_empty());
    assert!(resp.coupons.is_empty());
    assert!(resp.trace.is_empty());
    assert_eq!(resp.ruleset_version, 0);
}

/// Each invalid cart gets INVALID_ARGUMENT naming the field path, in the message and as a
/// google.rpc.BadRequest field violation.
#[tokio::test]
async fn invalid_carts_name_the_field() {
    let server = CohortServer::start(&[]).await.unwrap();
    let mut client = server.pricing().await.unwrap();

    let mut zero_qty = cart(vec![
        line("a", "1", "1"),
        line("b", "1", "1"),
        line("c", "0", "1"),
    ]);
    zero_qty.shipping_amount = String::new();
    let bad_decimal = cart(vec![line("a", "1", "12,50")]);
    let mut bad_currency = cart(vec![line("a", "1", "1")]);
    bad_currency.currency = "XYZ".into();
    let duplicate = cart(vec![line("a", "1", "1"), line("a", "2", "1")]);
    let negative = cart(vec![line("a", "1", "-0.01")]);

    for (c, field) in [
        (zero_qty, "cart.items[2].qty"),
        (bad_decimal, "cart.items[0].unit_price"),
        (bad_currency, "cart.currency"),
        (duplicate, "cart.items[1].line_id"),
        (negative, "cart.items[0].unit_price"),
    ] {
        let status = client.price_cart(request(c)).await.unwrap_err();
        assert_eq!(status.code(), Code::InvalidArgument, "{field}: {status:?}");
        assert!(
            status.message().contains(field),
            "{field} not in {:?}",
            status.message()
        );
        let bad = status
            .get_details_bad_request()
            .expect("BadRequest details");
        assert_eq!(bad.field_violations[0].field, field);
    }

    let too_many: Vec<_> = (0..1001).map(|i| line(&i.to_string(), "1", "1")).collect();
    let status = client
        .price_cart(request(cart(too_many)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("cart.items"),
        "{}",
        status.message()
    );

    let status = client
        .price_cart(tonic::Request::new(PriceCartRequest::default()))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("cart"));

    let mut req = request(cart(vec![line("a", "1", "1")]));
    let ids: Vec<String> = (0..1001).map(|i| format!("aud-{i}")).collect();
    req.metadata_mut()
        .insert("aep-segments-membership", ids.join(",").parse().unwrap());
    let status = client.price_cart(req).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("aep-segments-membership"));
}

#[tokio::test]
async fn limits_come_from_the_environment() {
    let server = CohortServer::start(&[("COHORT__LIMITS__MAX_ITEMS", "2")])
        .await
        .unwrap();
    let mut client = server.pricing().await.unwrap();
    let three = cart(vec![
        line("a", "1", "1"),
        line("b", "1", "1"),
        line("c", "1", "1"),
    ]);
    let status = client.price_cart(request(three)).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(
        status.message().contains("at most 2 items"),
        "{}",
        status.message()
    );
}

#[tokio::test]
async fn reflection_lists_the_services() {
    use tonic_reflection::pb::v1::ServerReflectionRequest;
    use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
    use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
    use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

    let server = CohortServer::start(&[]).await.unwrap();
    let mut client = ServerReflectionClient::new(server.channel().await.unwrap());
    let req = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut stream = client
        .server_reflection_info(tokio_stream::iter([req]))
        .await
        .unwrap()
        .into_inner();
    let resp = stream.message().await.unwrap().unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = resp.message_response else {
        panic!("unexpected reflection answer {resp:?}");
    };
    let names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    assert!(
        names.contains(&"cohort.v1.PricingService".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"grpc.health.v1.Health".to_string()),
        "{names:?}"
    );
}

#[tokio::test]
async fn sigterm_shuts_down_cleanly_and_the_database_persists() {
    let mut server = CohortServer::start(&[]).await.unwrap();
    let db = server.dir.path().join("cohort.db");
    assert!(db.exists(), "the SQLite file is created on start");
    let started = std::time::Instant::now();
    let status = server.terminate().await.unwrap();
    // Idle connections close at once: no waiting for the grace period.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(
        status.success(),
        "exit status {status:?}; stderr:\n{}",
        server.stderr()
    );
    assert!(
        server.stderr().contains("shutting down"),
        "{}",
        server.stderr()
    );
}

#[tokio::test]
async fn a_config_file_is_read_and_env_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cohort.toml");
    std::fs::write(
        &file,
        "[limits]\nmax_items = 1\nmax_coupons = 4\n[websites.eu]\ncurrency = \"EUR\"\n",
    )
    .unwrap();
    let server = CohortServer::start_with_args(
        &[("COHORT__LIMITS__MAX_ITEMS", "3")],
        &["--config", file.to_str().unwrap()],
    )
    .await
    .unwrap();
    let mut client = server.pricing().await.unwrap();
    let mut c = cart(vec![line("a", "1", "1"), line("b", "1", "1")]);
    c.website_id = "eu".into();
    c.currency = "EUR".into();
    let resp = client
        .price_cart(request(c.clone()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.currency, "EUR");
    c.currency = "USD".into();
    let status = client.price_cart(request(c)).await.unwrap_err();
    assert!(
        status.message().contains("cart.currency"),
        "{}",
        status.message()
    );
}

#[test]
fn a_bad_config_exits_non_zero_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[websites.x]\ncurrency = \"EURO\"\n").unwrap();
    let (code, _, stderr) =
        cohort_tests::run_cohort(&["--config", file.to_str().unwrap(), "serve"], dir.path())
            .unwrap();
    assert_ne!(code, 0);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("websites.x.currency"), "{stderr}");
}
