//! Hostile input never panics: huge trees, out-of-range amounts, empty carts.

use cohort_domain::condition::{AddressAttribute as A, Condition, Operator as Op};
use cohort_domain::rule::SimpleAction::*;
use cohort_engine::{CouponStatus, RuleOutcome};
use rust_decimal::Decimal;

use crate::support::*;

#[test]
fn a_100_000_deep_tree_compiles_to_never_true() {
    let mut tree = addr(A::Subtotal, Op::Gt, &["0"]);
    for _ in 0..100_000 {
        tree = all(vec![tree]);
    }
    let mut r = rule(1, ByPercent, "10");
    r.conditions = Some(tree);
    let p = run(vec![r], &cart(vec![item("l1", "a", "1", "10")]));
    assert_eq!(p.discount_total, d("0"));
    let t = trace(&p, 1);
    assert_eq!(t.outcome, RuleOutcome::ConditionsNotMet);
    assert!(t.detail.contains("deeper than 32"), "{}", t.detail);
}

#[test]
fn a_huge_flat_tree_is_never_true() {
    let leaves: Vec<Condition> = (0..20_000)
        .map(|_| addr(A::TotalQty, Op::Gt, &["0"]))
        .collect();
    let mut r = rule(1, ByPercent, "10");
    r.action_conditions = Some(any(leaves));
    let p = run(vec![r], &cart(vec![item("l1", "a", "1", "10")]));
    assert_eq!(p.discount_total, d("0"));
}

#[test]
fn out_of_range_amounts_are_not_priced() {
    let mut c = cart(vec![item("l1", "a", "1", "10")]);
    c.items[0].qty = Decimal::MAX;
    c.items[0].unit_price = Decimal::MAX;
    c.coupon_codes = vals(&["X"]);
    let p = run(vec![rule(1, ByPercent, "10")], &c);
    assert_eq!(p.discount_total, d("0"));
    assert_eq!(p.coupons[0].status, CouponStatus::NotApplicable);
    assert!(p.coupons[0].message.contains("out of range"));
}

#[test]
fn extreme_rule_amounts_and_odd_quantities_do_not_panic() {
    let mut huge = rule(1, ByFixed, "0");
    huge.discount_amount = Decimal::MAX;
    huge.discount_qty = Some(Decimal::MAX);
    let mut bxgy = rule(2, BuyXGetY, "0");
    bxgy.discount_amount = Decimal::MAX;
    bxgy.discount_step = u32::MAX;
    let mut fixed = rule(3, CartFixed, "0");
    fixed.discount_amount = Decimal::MAX;
    fixed.apply_to_shipping = true;
    let mut c = cart(vec![
        item("l1", "a", "0.0001", "999999999999"),
        item("l2", "b", "0", "-5"),
    ]);
    c.shipping_amount = d("-3");
    let p = run(vec![huge, bxgy, fixed], &c);
    assert!(p.lines.iter().all(|l| l.discount_amount >= Decimal::ZERO));
    let p = run(vec![rule(1, CartFixed, "10")], &cart(vec![]));
    assert_eq!(p.grand_total, d("0"));
}
