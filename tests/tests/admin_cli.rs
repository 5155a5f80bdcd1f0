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
