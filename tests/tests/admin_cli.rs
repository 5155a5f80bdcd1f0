//! `cohort migrate`, `rules export` / `rules import` and `coupons generate` against a real
//! database file: all-or-nothing imports, round trips, and clear failures.

use cohort_tests::{cases_dir, run_cohort_env};

#[test]
fn migrate_import_export_and_generate() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("admin.db").display());
    let env = [("COHORT__DATABASE__URL", url.as_str())];
    let run = |args: &[&str]| run_cohort_env(args, dir.path(), &env).unwrap();

    let (code, stdout, stderr) = run(&["migrate"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("rule set version 0"), "{stdout}");

    // The rules of a case with a SPECIFIC coupon, in the `price --rules` format.
    let case = cohort_proto::cases::Case::parse(
        &std::fs::read_to_string(cases_dir().join("c15-per-item-discard-subsequent-rules.json"))
            .unwrap(),
    )
    .unwrap();
    let rules = dir.path().join("rules.json");
    std::fs::write(&rules, &case.rules_json).unwrap();
    let (code, stdout, stderr) = run(&["rules", "import", rules.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("imported 3 rules"), "{stdout}");

    // Importing again clashes on the coupon code: nothing is written.
    let (code, _, stderr) = run(&["rules", "import", rules.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");

    let out = dir.path().join("out.json");
    let (code, stdout, stderr) = run(&["rules", "export", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("exported 3 rules"), "{stdout}");
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(exported["rules"].as_array().unwrap().len(), 3);
    // The export prices like the original.
    let cart = dir.path().join("cart.json");
    std::fs::write(&cart, &case.request_json).unwrap();
    let (code, stdout, stderr) = run(&[
        "price",
        "--rules",
        out.to_str().unwrap(),
        "--cart",
        cart.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let resp: cohort_proto::v1::PriceCartResponse = serde_json::from_str(&stdout).unwrap();
    assert_eq!(resp.discount_total, "32.00");

    // An AUTO rule takes generated codes; a SPECIFIC one without auto-generation does not.
    let auto = dir.path().join("auto.json");
    std::fs::write(
        &auto,
        r#"{"rules": [{"name": "auto", "active": true, "websiteIds": ["base"], "customerGroupIds": ["0"],
            "couponType": "COUPON_TYPE_AUTO", "simpleAction": "SIMPLE_ACTION_BY_PERCENT", "discountAmount": "5"}]}"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["rules", "import", auto.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let id = stdout
        .split("-> id ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let (code, stdout, stderr) = run(&[
        "coupons",
        "generate",
        "--rule",
        &id,
        "--quantity",
        "100",
        "--length",
        "6",
        "--format",
        "numeric",
        "--prefix",
        "N",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let codes: Vec<&str> = stdout.lines().collect();
    assert_eq!(codes.len(), 100);
    assert!(
        codes.iter().all(|c| c.len() == 7
            && c.starts_with('N')
            && c[1..].bytes().all(|b| b.is_ascii_digit()))
    );
    let (code, _, stderr) = run(&["coupons", "generate", "--rule", "1", "--quantity", "5"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("does not take generated codes"), "{stderr}");
    let (code, _, stderr) = run(&["coupons", "generate", "--rule", &id, "--quantity", "0"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("quantity"), "{stderr}");
}

/// An unreachable PostgreSQL fails at once with its cause (one line, exit != 0), not after
/// the pool's acquire timeout as "pool timed out".
#[test]
fn an_unreachable_postgres_names_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on: bound, then released.
    let port = cohort_tests::free_port();
    let url = format!("postgres://postgres@127.0.0.1:{port}/cohort");
    let env = [("COHORT__DATABASE__URL", url.as_str())];
    let (code, _, stderr) = run_cohort_env(&["migrate"], dir.path(), &env).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("Connection refused"), "{stderr}");
    assert!(!stderr.contains("pool timed out"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

/// A running SQLite server sees codes the CLI generates on its file within a second, even a
/// code it already answered NOT_FOUND for (the usage cache follows the change log by poll).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_server_prices_codes_the_cli_generates_within_a_second() {
    use std::time::{Duration, Instant};

    use cohort_proto::v1;

    let server = cohort_tests::CohortServer::start(&[]).await.unwrap();
    let rule = server
        .rules()
        .await
        .unwrap()
        .create_rule(v1::CreateRuleRequest {
            rule: Some(v1::CartPriceRule {
                name: "generated".into(),
                active: true,
                website_ids: vec!["base".into()],
                customer_group_ids: vec!["0".into()],
                coupon_type: v1::CouponType::Auto as i32,
                simple_action: v1::SimpleAction::ByPercent as i32,
                discount_amount: "5".into(),
                ..Default::default()
            }),
        })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = [("COHORT__DATABASE__URL", server.database_url())];
    let status = |resp: &v1::PriceCartResponse| resp.coupons[0].status();
    let mut pricing = server.pricing().await.unwrap();
    let cart = |code: &str| {
        let mut r = cohort_tests::one_line_cart("1", "100");
        r.cart.as_mut().unwrap().coupon_codes = vec![code.into()];
        r
    };
    // Every code the generation can make is asked for (and cached as missing) first.
    let mut asked = Vec::new();
    for n in 0..100 {
        let code = format!("G{n:02}");
        let resp = pricing.price_cart(cart(&code)).await.unwrap().into_inner();
        assert_eq!(status(&resp), v1::CouponStatus::NotFound);
        asked.push(code);
    }
    let (code, stdout, stderr) = run_cohort_env(
        &[
            "coupons",
            "generate",
            "--rule",
            &rule.id.to_string(),
            "--quantity",
            "20",
            "--length",
            "2",
            "--format",
            "numeric",
            "--prefix",
            "G",
        ],
        dir.path(),
        &env,
    )
    .unwrap();
    assert_eq!(code, 0, "{stderr}");
    let generated: Vec<String> = stdout.lines().map(str::to_owned).collect();
    assert_eq!(generated.len(), 20, "{stdout}");
    let fresh = generated.iter().find(|c| asked.contains(c)).unwrap();
    let written = Instant::now();
    loop {
        let resp = pricing.price_cart(cart(fresh)).await.unwrap().into_inner();
        if status(&resp) == v1::CouponStatus::Applied {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_secs(1),
            "{fresh} still {:?} a second after the CLI generated it",
            status(&resp)
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
