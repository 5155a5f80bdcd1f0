//! testdata/cases translated by hand (the lead's runner executes the JSON files too).

use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator, Condition, Operator as Op,
    SubselectAttribute,
};
use cohort_domain::rule::SimpleAction::*;
use cohort_engine::CouponStatus;

use crate::support::*;

const SEG: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";

#[test]
fn c1a_cart_fixed_15_over_22_14_43_7_50_0() {
    let mut r = specific(rule(1, CartFixed, "15"), "CART_FIXED_DISCOUNT_15");
    r.stop_rules_processing = true;
    r.conditions = Some(all(vec![addr(A::Subtotal, Op::Gt, &["45"])]));
    let mut c = cart(vec![
        item("l1", "a", "1", "22.00"),
        item("l2", "b", "1", "14.00"),
        item("l3", "c", "1", "43.00"),
        item("l4", "d", "1", "7.50"),
        item("l5", "e", "1", "0.00"),
    ]);
    c.coupon_codes = vec!["CART_FIXED_DISCOUNT_15".into()];
    let p = run(vec![r], &c);
    assert_eq!(discounts(&p), ds(&["3.82", "2.42", "7.46", "1.30", "0.00"]));
    assert_eq!(p.discount_total, d("15.00"));
    assert_eq!(p.coupons[0].status, CouponStatus::Applied);
}

#[test]
fn c1b_cart_fixed_15_over_47_33_9_50_42_0() {
    let mut r = specific(rule(1, CartFixed, "15"), "CART_FIXED_DISCOUNT_15");
    r.conditions = Some(all(vec![addr(A::Subtotal, Op::Gt, &["45"])]));
    let mut c = cart(vec![
        item("l1", "a", "1", "47.00"),
        item("l2", "b", "1", "33.00"),
        item("l3", "c", "1", "9.50"),
        item("l4", "d", "1", "42.00"),
        item("l5", "e", "1", "0.00"),
    ]);
    c.coupon_codes = vec!["cart_fixed_discount_15".into()];
    let p = run(vec![r], &c);
    assert_eq!(discounts(&p), ds(&["5.36", "3.77", "1.08", "4.79", "0.00"]));
    assert_eq!(p.discount_total, d("15.00"));
}

fn c5(percent: &str) -> Vec<rust_decimal::Decimal> {
    let mut fixed = rule(2, CartFixed, "10");
    fixed.discount_step = 10;
    let c = cart(vec![
        item("l1", "simple1", "1", "5.99"),
        item("l2", "simple2", "1", "15.99"),
    ]);
    let p = run(vec![rule(1, ByPercent, percent), fixed], &c);
    assert_eq!(p.discount_total, discounts(&p).iter().sum());
    discounts(&p)
}

#[test]
fn c5_percent_then_cart_fixed_pool_is_net_of_earlier_discounts() {
    assert_eq!(c5("0"), ds(&["2.73", "7.27"]));
    assert_eq!(c5("15.5"), ds(&["3.65", "9.76"]));
    assert_eq!(c5("50"), ds(&["5.72", "15.27"]));
    assert_eq!(c5("100"), ds(&["5.99", "15.99"]));
}

#[test]
fn c15_discard_subsequent_rules_is_per_item() {
    let cat = |v: &str| Some(all(vec![prod("category_ids", Op::Eq, &[v])]));
    let mut r1 = specific(rule(1, ByFixed, "10"), "test");
    r1.action_conditions = cat("11");
    let mut r2 = rule(2, ByFixed, "5");
    r2.sort_order = 1;
    r2.stop_rules_processing = true;
    r2.action_conditions = cat("12");
    let mut r3 = rule(3, ByFixed, "2");
    r3.sort_order = 2;
    r3.action_conditions = cat("13");
    let with_cats = |mut i: cohort_domain::LineItem, cats: &[&str]| {
        i.category_ids = vals(cats);
        i
    };
    let mut c = cart(vec![
        with_cats(item("l1", "p1", "1", "40"), &["11"]),
        with_cats(item("l2", "p2", "1", "30"), &["11", "12"]),
        with_cats(item("l3", "p3", "1", "20"), &["12", "13"]),
        with_cats(item("l4", "p4", "1", "10"), &["13"]),
    ]);
    c.coupon_codes = vec!["test".into()];
    let p = run(vec![r1, r2, r3], &c);
    assert_eq!(p.discount_total, d("32.00"));
    assert_eq!(applied(&p), [1, 2, 3]);
    assert_eq!(discounts(&p), ds(&["10", "15", "5", "2"]));
    assert_eq!(line(&p, "l2").applied_rule_ids, [1, 2]);
    assert_eq!(line(&p, "l3").applied_rule_ids, [2]);
    assert_eq!(p.coupons[0].status, CouponStatus::Applied);
}

fn c16(qty: &str) -> cohort_engine::Priced {
    let r1 = rule(1, ByFixed, "10");
    let mut r2 = rule(2, ByPercent, "20");
    r2.sort_order = 2;
    r2.discount_step = 3;
    let mut r3 = rule(3, BuyXGetY, "3");
    r3.sort_order = 4;
    r3.discount_step = 5;
    r3.stop_rules_processing = true;
    run(vec![r1, r2, r3], &cart(vec![item("l1", "p1", qty, "123")]))
}

#[test]
fn c16_step_gating_compounding_and_buy_x_get_y() {
    let p = c16("1");
    assert_eq!((p.discount_total, applied(&p)), (d("10.00"), vec![1]));
    let p = c16("3");
    assert_eq!((p.discount_total, applied(&p)), (d("97.80"), vec![1, 2]));
    let p = c16("9");
    assert_eq!(
        (p.discount_total, applied(&p)),
        (d("564.60"), vec![1, 2, 3])
    );
    assert_eq!(line(&p, "l1").applied_rule_ids, [1, 2, 3]);
}

#[test]
fn c17_buy_x_get_y_uses_the_effective_price() {
    let mut r2 = rule(2, BuyXGetY, "2");
    r2.sort_order = 4;
    r2.discount_step = 3;
    let p = run(
        vec![rule(1, ByFixed, "10"), r2],
        &cart(vec![item("l1", "p1", "5", "123")]),
    );
    assert_eq!(p.discount_total, d("276.00"));
}

#[test]
fn c18_and_c27a_buy_x_get_y_figures() {
    let bxgy = |x: u32, y: &str, qty: &str, price: &str| {
        let mut r = rule(1, BuyXGetY, y);
        r.discount_step = x;
        r.stop_rules_processing = true;
        let p = run(vec![r], &cart(vec![item("l1", "p", qty, price)]));
        (p.discount_total, applied(&p).len())
    };
    assert_eq!(bxgy(3, "1", "3", "123"), (d("0"), 0));
    assert_eq!(bxgy(3, "1", "4", "123"), (d("123"), 1));
    assert_eq!(bxgy(1, "5", "1", "20"), (d("0"), 0));
    assert_eq!(bxgy(1, "5", "4", "20"), (d("60"), 1));
    assert_eq!(bxgy(1, "5", "6", "20"), (d("100"), 1));
    assert_eq!(bxgy(2, "1", "3", "10"), (d("10"), 1));
}

#[test]
fn c21_stop_and_subtotal_with_discount_conditions() {
    let sku = |s: &str| Some(all(vec![prod("sku", Op::Eq, &[s])]));
    let mut r1 = rule(1, ByPercent, "50");
    r1.sort_order = 1;
    r1.stop_rules_processing = true;
    r1.action_conditions = sku("p1");
    let mut r2 = rule(2, ByPercent, "25");
    r2.sort_order = 2;
    r2.conditions = Some(all(vec![addr(A::SubtotalWithDiscount, Op::Lt, &["300"])]));
    r2.action_conditions = sku("p2");
    let mut r3 = rule(3, ByFixed, "30");
    r3.sort_order = 3;
    r3.conditions = Some(all(vec![addr(A::SubtotalWithDiscount, Op::Gt, &["250"])]));
    let c = cart(vec![
        item("l1", "p1", "1", "100"),
        item("l2", "p2", "1", "100"),
        item("l3", "p3", "1", "100"),
    ]);
    let p = run(vec![r1, r2, r3], &c);
    assert_eq!(p.discount_total, d("75.00"));
    assert_eq!(applied(&p), [1, 2]);
    assert_eq!(discounts(&p), ds(&["50", "25", "0"]));
    assert_eq!(
        trace(&p, 3).detail,
        "subtotal_with_discount 225.00 is not > 250"
    );
}

#[test]
fn c28_c29_cart_conditions_gate_cart_fixed() {
    let cond = |attr, op, v: &str, qty: &str, amount: &str| {
        let mut r = rule(1, CartFixed, amount);
        r.conditions = Some(all(vec![addr(attr, op, &[v])]));
        run(vec![r], &cart(vec![item("l1", "p", qty, "123")])).discount_total
    };
    assert_eq!(cond(A::Subtotal, Op::Gte, "200", "1", "0.01"), d("0"));
    assert_eq!(cond(A::Subtotal, Op::Gte, "200", "2", "0.01"), d("0.01"));
    assert_eq!(cond(A::TotalQty, Op::Gt, "1", "1", "1.00"), d("0"));
    assert_eq!(cond(A::TotalQty, Op::Gt, "1", "2", "1.00"), d("1.00"));
}

#[test]
fn c3_coupon_codes_match_literally() {
    let mut c = cart(vec![item("l1", "simple-10", "1", "10")]);
    c.coupon_codes = vec!["2?ds5!2d".into()];
    let r = specific(rule(1, CartFixed, "5"), "2?ds5!2d");
    let p = run(vec![r.clone()], &c);
    assert_eq!(p.discount_total, d("5.00"));
    assert_eq!(p.coupons[0].status, CouponStatus::Applied);
    c.coupon_codes = vec!["2xds5!2d".into()];
    let p = run(vec![r], &c);
    assert_eq!(p.coupons[0].status, CouponStatus::NotFound);
}

fn subselect(
    attr: SubselectAttribute,
    v: &str,
    aggregator: Aggregator,
    children: Vec<Condition>,
) -> Condition {
    all(vec![Condition::ProductSubselect {
        attribute: attr,
        operator: Op::Gte,
        values: vals(&[v]),
        aggregator,
        conditions: children,
    }])
}

#[test]
fn c32_products_subselection_rows() {
    let case = |cond: Condition, items| {
        let mut r = rule(1, ByPercent, "10");
        r.conditions = Some(cond);
        run(vec![r], &cart(items)).discount_total
    };
    let sku = |s: &str| prod("sku", Op::Eq, &[s]);
    use SubselectAttribute::*;
    let row1 = subselect(Qty, "2", Aggregator::All, vec![sku("simple1")]);
    assert_eq!(
        case(row1, vec![item("l1", "simple1", "2", "10")]),
        d("2.00")
    );
    let row2 = subselect(
        Qty,
        "2",
        Aggregator::Any,
        vec![sku("simple1"), sku("simple3")],
    );
    let items2 = vec![
        item("l1", "simple1", "1", "10"),
        item("l2", "simple2", "2", "20"),
    ];
    assert_eq!(case(row2, items2), d("0"));
    let row3 = subselect(
        Qty,
        "2",
        Aggregator::Any,
        vec![sku("simple1"), sku("nonexistent")],
    );
    let items3 = vec![
        item("l1", "simple1", "3", "10"),
        item("l2", "simple2", "1", "20"),
    ];
    assert_eq!(case(row3, items3), d("5.00"));
    let row4 = subselect(
        RowTotal,
        "2000",
        Aggregator::All,
        vec![prod("quote_item_price", Op::Gte, &["2000"])],
    );
    assert_eq!(case(row4, vec![item("l1", "x", "1", "2500")]), d("250.00"));
    let row5 = subselect(Qty, "1", Aggregator::All, vec![sku("nonexistent-product")]);
    assert_eq!(case(row5, vec![item("l1", "simple1", "5", "10")]), d("0"));
    let row6 = subselect(Qty, "1", Aggregator::All, vec![]);
    assert_eq!(
        case(row6, vec![item("l1", "simple1", "2", "10")]),
        d("2.00")
    );
}

#[test]
fn c43_c44_c45_the_three_basic_actions() {
    let one = |action, amount: &str, qty: &str| {
        run(
            vec![rule(1, action, amount)],
            &cart(vec![item("l1", "p", qty, "123")]),
        )
        .discount_total
    };
    assert_eq!(one(ByPercent, "50", "1"), d("61.50"));
    assert_eq!(one(ByFixed, "10", "2"), d("20.00"));
    assert_eq!(one(CartFixed, "19.99", "2"), d("19.99"));
}

#[test]
fn audience_cases() {
    let case = |op, membership: &[&str]| {
        let mut r = rule(1, ByPercent, "50");
        r.conditions = Some(all(vec![aud(op, &[SEG])]));
        let mut c = cart(vec![item("l1", "tee-blue", "1", "40")]);
        c.membership = vals(membership);
        run(vec![r], &c).discount_total
    };
    assert_eq!(case(AudienceOperator::DoesNotMatch, &[]), d("20.00"));
    assert_eq!(case(AudienceOperator::IsOneOf, &[SEG]), d("20.00"));
    assert_eq!(
        case(
            AudienceOperator::IsOneOf,
            &["b2d74e18-3a5c-4f96-9e0b-7d1f2c8a5e40"]
        ),
        d("0")
    );
}
