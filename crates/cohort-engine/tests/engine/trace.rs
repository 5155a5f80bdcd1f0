//! The explain trace: one outcome per rule, with paths and details.

use cohort_domain::condition::{AddressAttribute as A, Aggregator, Condition, Operator as Op};
use cohort_domain::rule::SimpleAction::*;
use cohort_domain::usage::UsageView;
use cohort_engine::{RuleOutcome as O, RuleSet, price};

use crate::support::*;

fn outcome_of(r: cohort_domain::rule::CartPriceRule) -> O {
    let id = r.id;
    let mut c = cart(vec![item("l1", "a", "1", "100")]);
    c.customer_id = Some("42".into());
    let mut usage = UsageView::default();
    usage.set_customer_rule_uses(id, 3);
    trace(&run_usage(vec![r], &c, &usage), id).outcome
}

#[test]
fn candidate_outcomes_in_check_order() {
    let base = || rule(1, ByPercent, "10");
    assert_eq!(outcome_of(base()), O::Applied);
    let mut r = base();
    r.active = false;
    r.website_ids = vals(&["x"]);
    assert_eq!(outcome_of(r), O::Inactive);
    let mut r = base();
    r.to_date = Some("2026-05-31".parse().unwrap());
    r.website_ids = vals(&["x"]);
    assert_eq!(outcome_of(r), O::OutsideDates);
    let mut r = base();
    r.website_ids = vals(&["x"]);
    assert_eq!(outcome_of(r), O::WebsiteMismatch);
    let mut r = base();
    r.customer_group_ids = vals(&["1"]);
    assert_eq!(outcome_of(r), O::CustomerGroupMismatch);
    assert_eq!(outcome_of(specific(base(), "C")), O::CouponMissing);
    let mut r = base();
    r.uses_per_customer = 3;
    assert_eq!(outcome_of(r), O::CustomerLimitReached);
}

#[test]
fn coupon_limit_reached_outcome() {
    let mut r = specific(rule(1, ByPercent, "10"), "C");
    r.uses_per_coupon = 1;
    r.times_used = 1;
    let mut c = cart(vec![item("l1", "a", "1", "100")]);
    c.coupon_codes = vals(&["C"]);
    let p = run(vec![r], &c);
    assert_eq!(trace(&p, 1).outcome, O::CouponLimitReached);
    assert_eq!(
        p.coupons[0].status,
        cohort_engine::CouponStatus::UsageLimitReached
    );
}

#[test]
fn conditions_not_met_names_the_failing_path() {
    let mut r = rule(1, ByPercent, "10");
    r.conditions = Some(all(vec![
        addr(A::TotalQty, Op::Gte, &["1"]),
        Condition::Combine {
            aggregator: Aggregator::All,
            negate: false,
            conditions: vec![
                addr(A::PaymentMethod, Op::Ne, &["x"]),
                addr(A::Subtotal, Op::Gte, &["200"]),
            ],
        },
    ]));
    let mut c = cart(vec![item("l1", "a", "1", "123")]);
    c.shipping_amount = d("5");
    let p = run(vec![r], &c);
    let t = trace(&p, 1);
    assert_eq!(t.outcome, O::ConditionsNotMet);
    assert_eq!(t.failed_condition_path, "2.2");
    assert_eq!(t.detail, "subtotal 123.00 is not >= 200");
}

#[test]
fn no_matching_items_stopped_and_zero_discount() {
    let c = cart(vec![item("l1", "a", "1", "100")]);
    let mut nothing = rule(1, ByPercent, "10");
    nothing.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["zzz"])]));
    assert_eq!(
        trace(&run(vec![nothing], &c), 1).outcome,
        O::NoMatchingItems
    );

    let mut stopper = rule(1, ByPercent, "10");
    stopper.stop_rules_processing = true;
    let p = run(vec![stopper, rule(2, ByPercent, "10")], &c);
    assert_eq!(trace(&p, 2).outcome, O::Stopped);
    assert_eq!(trace(&p, 2).stopped_by_rule_id, Some(1));

    let p = run(vec![rule(1, ByPercent, "0")], &c);
    assert_eq!(trace(&p, 1).outcome, O::ZeroDiscount);
    let mut gated = rule(1, BuyXGetY, "1");
    gated.discount_step = 2;
    let t = run(vec![gated], &c).trace[0].clone();
    assert_eq!(t.outcome, O::ZeroDiscount);
    assert!(t.detail.contains("needs more than 2 units"), "{}", t.detail);
}

#[test]
fn a_zero_percent_rule_with_stop_protects_its_items() {
    let mut guard = rule(1, ByPercent, "0");
    guard.stop_rules_processing = true;
    guard.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["a"])]));
    let c = cart(vec![
        item("l1", "a", "1", "100"),
        item("l2", "b", "1", "100"),
    ]);
    let p = run(vec![guard, rule(2, ByPercent, "10")], &c);
    assert_eq!(discounts(&p), ds(&["0", "10"]));
}

#[test]
fn the_trace_is_only_filled_when_asked() {
    let set = RuleSet::compile(vec![rule(1, ByPercent, "10")], Default::default(), 1);
    let p = price(
        &set,
        &cart(vec![item("l1", "a", "1", "10")]),
        &UsageView::default(),
    );
    assert!(p.trace.is_empty());
    let p = run(
        vec![rule(2, ByPercent, "10"), rule(1, ByPercent, "10")],
        &cart(vec![]),
    );
    let ids: Vec<u64> = p.trace.iter().map(|t| t.rule_id).collect();
    assert_eq!(ids, [1, 2], "one entry per rule, in priority order");
}
