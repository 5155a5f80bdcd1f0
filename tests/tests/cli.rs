//! The offline CLI end to end: every conformance case through `cohort price`, the explain
//! trace, `cohort rules validate`, and bad input (exit ≠ 0 with a clear reason).

use cohort_proto::cases::Case;
use cohort_proto::v1::{PriceCartResponse, RuleOutcome};
use cohort_tests::{cases_dir, run_cohort};

fn price_case(file: &str, dir: &std::path::Path) -> (Case, Result<PriceCartResponse, String>) {
    let text = std::fs::read_to_string(cases_dir().join(file)).unwrap();
    let case = Case::parse(&text).unwrap();
    let rules = dir.join("rules.json");
    let cart = dir.join("request.json");
    std::fs::write(&rules, &case.rules_json).unwrap();
    std::fs::write(&cart, &case.request_json).unwrap();
    let mut args = vec![
        "price",
        "--rules",
        rules.to_str().unwrap(),
        "--cart",
        cart.to_str().unwrap(),
        "--explain",
    ];
    let coupons = dir.join("coupons.json");
    if let Some(c) = &case.coupons_json {
        std::fs::write(&coupons, c).unwrap();
        args.extend(["--coupons", coupons.to_str().unwrap()]);
    }
    let (code, stdout, stderr) = run_cohort(&args, dir).unwrap();
    if code != 0 {
        return (case, Err(format!("exit {code}: {stderr}")));
    }
    let resp =
        serde_json::from_str(&stdout).map_err(|e| format!("bad JSON on stdout: {e}\n{stdout}"));
    (case, resp)
}

#[test]
fn every_conformance_case_passes_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "cases missing: {files:?}");
    let mut failures = Vec::new();
    for file in &files {
        let (case, resp) = price_case(file, dir.path());
        match resp {
            Err(e) => failures.push(format!("{file}: {e}")),
            Ok(resp) => {
                let diffs = case.check(&resp);
                if !diffs.is_empty() {
                    failures.push(format!("{file}: {}", diffs.join("; ")));
                }
                // --explain: one trace entry per rule; every rule that did not apply names
                // its reason.
                let rules: serde_json::Value = serde_json::from_str(&case.rules_json).unwrap();
                let count = rules["rules"].as_array().map_or(0, Vec::len);
                if resp.trace.len() != count {
                    failures.push(format!(
                        "{file}: {} trace entries for {count} rules",
                        resp.trace.len()
                    ));
                }
                for t in &resp.trace {
                    let applied = resp.applied_rules.iter().any(|a| a.rule_id == t.rule_id);
                    let outcome =
                        RuleOutcome::try_from(t.outcome).unwrap_or(RuleOutcome::Unspecified);
                    // A rule that reached a line and gave it 0.00 is applied (listed) with
                    // the outcome ZERO_DISCOUNT, as Magento records it.
                    let ran = matches!(outcome, RuleOutcome::Applied | RuleOutcome::ZeroDiscount);
                    if (applied && !ran)
                        || (!applied && outcome == RuleOutcome::Applied)
                        || outcome == RuleOutcome::Unspecified
                        || (!applied && t.detail.is_empty())
                    {
                        failures.push(format!("{file}: rule {} trace {t:?}", t.rule_id));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn explain_names_the_failing_condition() {
    let dir = tempfile::tempdir().unwrap();
    let (_, resp) = price_case("c28-subtotal-gte-200-one-product.json", dir.path());
    let resp = resp.unwrap();
    let t = &resp.trace[0];
    assert_eq!(t.outcome, RuleOutcome::ConditionsNotMet as i32, "{t:?}");
    assert_eq!(t.failed_condition_path, "1");
    assert!(t.detail.contains("subtotal"), "{t:?}");
    // The near miss, in the trace: 77.00 more (200.00 − 123.00).
    let hint = t.hint.as_ref().expect("a hint");
    assert_eq!(
        (hint.attribute.as_str(), hint.missing.as_str()),
        ("subtotal", "77.00")
    );
    assert!(resp.hints.is_empty(), "hints only on request");
}

#[test]
fn hints_list_the_near_misses_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(cases_dir().join("c28-subtotal-gte-200-one-product.json")).unwrap();
    let case = Case::parse(&text).unwrap();
    let (rules, cart) = (dir.path().join("rules.json"), dir.path().join("cart.json"));
    std::fs::write(&rules, &case.rules_json).unwrap();
    std::fs::write(&cart, &case.request_json).unwrap();
    let (code, stdout, stderr) = run_cohort(
        &[
            "price",
            "--rules",
            rules.to_str().unwrap(),
            "--cart",
            cart.to_str().unwrap(),
            "--hints",
        ],
        dir.path(),
    )
    .unwrap();
    assert_eq!(code, 0, "{stderr}");
    let resp: PriceCartResponse = serde_json::from_str(&stdout).unwrap();
    assert!(resp.trace.is_empty());
    let h = &resp.hints[0];
    assert_eq!(
        (
            h.rule_id,
            h.label.as_str(),
            h.attribute.as_str(),
            h.missing.as_str()
        ),
        (1, "Discount", "subtotal", "77.00")
    );
}

#[test]
fn bad_input_exits_non_zero_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str, body: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let good_cart = p(
        "cart.json",
        r#"{"cart": {"websiteId": "base", "currency": "USD", "customerGroupId": "0",
            "items": [{"lineId": "l1", "sku": "a", "qty": "1", "unitPrice": "10"}]}}"#,
    );
    let malformed = p("malformed.json", r#"{"rules": [ {"name": "x", "#);
    let unknown_enum = p(
        "enum.json",
        r#"{"rules": [{"name": "x", "websiteIds": ["base"], "customerGroupIds": ["0"],
            "simpleAction": "SIMPLE_ACTION_TO_PERCENT"}]}"#,
    );
    let invalid = p(
        "invalid.json",
        r#"{"rules": [
            {"id": "1", "name": "", "websiteIds": ["base"], "customerGroupIds": ["0"],
             "simpleAction": "SIMPLE_ACTION_BY_PERCENT", "discountAmount": "150"},
            {"id": "2", "name": "b", "websiteIds": ["base"], "customerGroupIds": ["0"],
             "simpleAction": "SIMPLE_ACTION_BUY_X_GET_Y", "discountAmount": "1",
             "conditions": {"combine": {"conditions": [
                {"address": {"attribute": "ADDRESS_ATTRIBUTE_SUBTOTAL", "operator": "OPERATOR_GTE", "values": ["a", "b"]}}]}}}
        ]}"#,
    );
    let bad_cart = p(
        "bad-cart.json",
        r#"{"cart": {"websiteId": "base", "currency": "USD", "customerGroupId": "0",
            "items": [{"lineId": "l1", "sku": "a", "qty": "-1", "unitPrice": "10"}]}}"#,
    );
    let empty_rules = p("empty.json", r#"{"rules": []}"#);

    for (rules, cart, needle) in [
        (&malformed, &good_cart, "ListRulesResponse"),
        (&unknown_enum, &good_cart, "SIMPLE_ACTION_TO_PERCENT"),
        (&invalid, &good_cart, "rules[0].discount_amount"),
        (&empty_rules, &bad_cart, "cart.items[0].qty"),
        (&empty_rules, &malformed, "PriceCartRequest"),
    ] {
        let (code, stdout, stderr) =
            run_cohort(&["price", "--rules", rules, "--cart", cart], dir.path()).unwrap();
        assert_ne!(code, 0, "{rules} {cart}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains(needle), "{needle} not in {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    }

    let (code, _, stderr) = run_cohort(&["rules", "validate", &invalid], dir.path()).unwrap();
    assert_ne!(code, 0);
    for path in [
        "rules[0].name",
        "rules[0].discount_amount",
        "rules[1].discount_step",
        "rules[1].conditions.combine.conditions[0].address.values",
    ] {
        assert!(stderr.contains(path), "{path} not in {stderr}");
    }
    let (code, stdout, _) = run_cohort(&["rules", "validate", &empty_rules], dir.path()).unwrap();
    assert_eq!(code, 0);
    assert!(stdout.contains("0 rules"));
    let (code, _, stderr) = run_cohort(
        &[
            "price",
            "--rules",
            "/nonexistent.json",
            "--cart",
            &good_cart,
        ],
        dir.path(),
    )
    .unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("/nonexistent.json"), "{stderr}");
}
