//! RULES.md §1.4 and §8: coupon resolution and one CouponResult per requested code.

use cohort_domain::condition::{AddressAttribute as A, Operator as Op};
use cohort_domain::coupon::Coupon;
use cohort_domain::rule::CouponType;
use cohort_domain::rule::SimpleAction::*;
use cohort_domain::usage::UsageView;
use cohort_engine::{CouponStatus as S, Priced};

use crate::support::*;

fn priced_with(
    code: &str,
    rules: Vec<cohort_domain::rule::CartPriceRule>,
    usage: &UsageView,
    customer: Option<&str>,
) -> Priced {
    let mut c = cart(vec![item("l1", "a", "1", "100")]);
    c.coupon_codes = vec![code.into()];
    c.customer_id = customer.map(str::to_owned);
    run_usage(rules, &c, usage)
}

fn status(
    code: &str,
    rules: Vec<cohort_domain::rule::CartPriceRule>,
    usage: &UsageView,
    customer: Option<&str>,
) -> S {
    priced_with(code, rules, usage, customer).coupons[0].status
}

fn auto_rule() -> cohort_domain::rule::CartPriceRule {
    let mut r = rule(5, ByPercent, "10");
    r.coupon_type = CouponType::Auto;
    r
}

fn generated(code: &str) -> Coupon {
    Coupon {
        code: code.into(),
        rule_id: 5,
        generated: true,
        ..Coupon::default()
    }
}

#[test]
fn specific_codes_match_case_insensitively() {
    let none = UsageView::default();
    let p = priced_with(
        "welcome",
        vec![specific(rule(1, ByPercent, "10"), "WELCOME")],
        &none,
        None,
    );
    assert_eq!(p.coupons[0].status, S::Applied);
    assert_eq!(p.coupons[0].rule_id, Some(1));
    assert_eq!(p.coupons[0].code, "welcome");
    assert_eq!(
        status(
            "nope",
            vec![specific(rule(1, ByPercent, "10"), "WELCOME")],
            &none,
            None
        ),
        S::NotFound
    );
}

#[test]
fn a_coupon_rule_without_its_code_does_not_apply() {
    let p = run(
        vec![specific(rule(1, ByPercent, "10"), "X")],
        &cart(vec![item("l1", "a", "1", "10")]),
    );
    assert!(p.applied_rules.is_empty());
    assert!(p.coupons.is_empty());
}

#[test]
fn generated_codes_reach_auto_rules_and_auto_generation_specific_rules() {
    let usage = UsageView::default().with_coupon(generated("GEN-1"));
    assert_eq!(status("gen-1", vec![auto_rule()], &usage, None), S::Applied);
    let mut plain_specific = specific(rule(5, ByPercent, "10"), "MAIN");
    assert_eq!(
        status("GEN-1", vec![plain_specific.clone()], &usage, None),
        S::NotFound
    );
    plain_specific.use_auto_generation = true;
    assert_eq!(
        status("GEN-1", vec![plain_specific], &usage, None),
        S::Applied
    );
}

#[test]
fn usage_limit_and_expiry() {
    let used_up = UsageView::default().with_coupon(Coupon {
        usage_limit: 2,
        times_used: 2,
        ..generated("G")
    });
    assert_eq!(
        status("G", vec![auto_rule()], &used_up, None),
        S::UsageLimitReached
    );
    let unlimited = UsageView::default().with_coupon(Coupon {
        usage_limit: 0,
        times_used: 99,
        ..generated("G")
    });
    assert_eq!(status("G", vec![auto_rule()], &unlimited, None), S::Applied);
    let expired = UsageView::default().with_coupon(Coupon {
        expires_on: Some("2026-05-31".parse().unwrap()),
        ..generated("G")
    });
    assert_eq!(status("G", vec![auto_rule()], &expired, None), S::Expired);
    let last_day = UsageView::default().with_coupon(Coupon {
        expires_on: Some("2026-06-01".parse().unwrap()),
        ..generated("G")
    });
    assert_eq!(status("G", vec![auto_rule()], &last_day, None), S::Applied);
}

#[test]
fn per_customer_limits_apply_to_logged_in_customers_only() {
    let mut usage = UsageView::default().with_coupon(Coupon {
        usage_per_customer: 1,
        ..generated("G")
    });
    usage.set_customer_coupon_uses("g", 1);
    assert_eq!(
        status("G", vec![auto_rule()], &usage, Some("42")),
        S::CustomerLimitReached
    );
    assert_eq!(status("G", vec![auto_rule()], &usage, None), S::Applied);

    let mut limited = specific(rule(1, ByPercent, "10"), "ONCE");
    limited.uses_per_customer = 1;
    let mut usage = UsageView::default();
    usage.set_customer_rule_uses(1, 1);
    assert_eq!(
        status("ONCE", vec![limited.clone()], &usage, Some("42")),
        S::CustomerLimitReached
    );
    assert_eq!(status("ONCE", vec![limited], &usage, None), S::Applied);
}

#[test]
fn rule_problems_come_first() {
    let none = UsageView::default();
    let mut inactive = specific(rule(1, ByPercent, "10"), "C");
    inactive.active = false;
    assert_eq!(status("C", vec![inactive], &none, None), S::RuleInactive);
    let mut past = specific(rule(1, ByPercent, "10"), "C");
    past.to_date = Some("2026-01-01".parse().unwrap());
    assert_eq!(status("C", vec![past], &none, None), S::RuleInactive);
    let mut other_site = specific(rule(1, ByPercent, "10"), "C");
    other_site.website_ids = vals(&["other"]);
    assert_eq!(status("C", vec![other_site], &none, None), S::RuleInactive);
    let mut members_only = specific(rule(1, ByPercent, "10"), "C");
    members_only.customer_group_ids = vals(&["1"]);
    assert_eq!(
        status("C", vec![members_only], &none, None),
        S::RuleInactive
    );
}

#[test]
fn conditions_not_met_and_not_applicable() {
    let none = UsageView::default();
    let mut big = specific(rule(1, ByPercent, "10"), "BIG");
    big.conditions = Some(all(vec![addr(A::Subtotal, Op::Gte, &["200"])]));
    let p = priced_with("BIG", vec![big], &none, None);
    assert_eq!(p.coupons[0].status, S::ConditionsNotMet);
    assert_eq!(p.coupons[0].message, "subtotal 100.00 is not >= 200");
    let mut elsewhere = specific(rule(1, ByPercent, "10"), "SKU");
    elsewhere.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["zzz"])]));
    assert_eq!(
        status("SKU", vec![elsewhere], &none, None),
        S::NotApplicable
    );
}

#[test]
fn one_result_per_requested_code() {
    let mut c = cart(vec![item("l1", "a", "1", "100")]);
    c.coupon_codes = vals(&["A", "missing", "a"]);
    let p = run(vec![specific(rule(1, ByFixed, "5"), "a")], &c);
    let statuses: Vec<S> = p.coupons.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [S::Applied, S::NotFound, S::NotApplicable]);
    assert_eq!(p.discount_total, d("5"));
}
