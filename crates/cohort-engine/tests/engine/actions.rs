//! RULES.md §3–§8: actions, rounding carries, caps, shipping, free shipping and labels.

use cohort_domain::condition::Operator as Op;
use cohort_domain::rule::FreeShipping;
use cohort_domain::rule::SimpleAction::*;
use cohort_domain::{Currency, WebsiteSettings, Websites};
use cohort_engine::{RuleOutcome, RuleSet, price};

use crate::support::*;

#[test]
fn percent_carry_gives_3_00_and_7_99() {
    let c = cart(vec![
        item("l1", "a", "1", "5.99"),
        item("l2", "b", "1", "15.99"),
    ]);
    let p = run(vec![rule(1, ByPercent, "50")], &c);
    assert_eq!(discounts(&p), ds(&["3.00", "7.99"]));
    assert_eq!(p.grand_total, d("10.99"));
}

#[test]
fn cart_fixed_carry_gives_exactly_the_amount() {
    let c = cart(vec![
        item("l1", "a", "1", "22"),
        item("l2", "b", "1", "14"),
        item("l3", "c", "1", "43"),
        item("l4", "d", "1", "7.50"),
        item("l5", "e", "1", "0.00"),
    ]);
    let p = run(vec![rule(1, CartFixed, "15")], &c);
    assert_eq!(discounts(&p), ds(&["3.82", "2.42", "7.46", "1.30", "0.00"]));
    assert_eq!(p.applied_rules[0].discount_amount, d("15.00"));
}

#[test]
fn cart_fixed_is_capped_at_what_the_items_are_worth() {
    let c = cart(vec![
        item("l1", "a", "1", "3"),
        item("l2", "b", "2", "1.25"),
    ]);
    let p = run(vec![rule(1, CartFixed, "100")], &c);
    assert_eq!(discounts(&p), ds(&["3", "2.50"]));
    assert_eq!(p.grand_total, d("0"));
}

#[test]
fn percent_compounds_on_what_is_left_and_caps_at_100() {
    let c = cart(vec![item("l1", "a", "1", "100")]);
    let p = run(vec![rule(1, ByPercent, "50"), rule(2, ByPercent, "50")], &c);
    assert_eq!(discounts(&p), ds(&["75"]));
    let p = run(vec![rule(1, ByPercent, "150")], &c);
    assert_eq!(discounts(&p), ds(&["100"]));
}

#[test]
fn discount_qty_and_step_limit_the_units() {
    let c = cart(vec![item("l1", "a", "7", "10")]);
    let mut capped = rule(1, ByFixed, "1");
    capped.discount_qty = Some(d("2"));
    assert_eq!(discounts(&run(vec![capped], &c)), ds(&["2"]));
    let mut stepped = rule(1, ByFixed, "1");
    stepped.discount_step = 3;
    assert_eq!(discounts(&run(vec![stepped], &c)), ds(&["6"]));
    let mut pct = rule(1, ByPercent, "10");
    pct.discount_step = 3;
    pct.discount_qty = Some(d("5"));
    assert_eq!(discounts(&run(vec![pct], &c)), ds(&["3"]));
}

#[test]
fn an_item_discount_never_exceeds_its_row_total() {
    let c = cart(vec![item("l1", "a", "2", "3")]);
    let p = run(vec![rule(1, ByFixed, "5"), rule(2, ByFixed, "1")], &c);
    assert_eq!(discounts(&p), ds(&["6"]));
    assert_eq!(line(&p, "l1").row_total_after_discount, d("0"));
    // Rule 2 reached the line and gave it 0.00: recorded, as Magento records it.
    assert_eq!(applied(&p), [1, 2]);
    assert_eq!(p.applied_rules[1].discount_amount, d("0"));
    assert_eq!(line(&p, "l1").applied_rule_ids, [1, 2]);
    assert_eq!(trace(&p, 2).outcome, RuleOutcome::ZeroDiscount);
}

#[test]
fn no_discount_lines_are_skipped() {
    let mut c = cart(vec![item("l1", "a", "1", "10"), item("l2", "b", "1", "10")]);
    c.items[0].no_discount = true;
    let p = run(vec![rule(1, CartFixed, "5")], &c);
    assert_eq!(discounts(&p), ds(&["0", "5"]));
}

#[test]
fn items_claimed_by_earlier_rules_come_first() {
    // Rule 1 claims l2, so the order is l2, l1, l3: the carry lands on l1, not l2.
    let mut r1 = rule(1, ByPercent, "0");
    r1.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["b"])]));
    let r2 = rule(2, CartFixed, "10");
    let c = cart(vec![
        item("l1", "a", "1", "10"),
        item("l2", "b", "1", "10"),
        item("l3", "c", "1", "10"),
    ]);
    let p = run(vec![r1, r2], &c);
    assert_eq!(discounts(&p), ds(&["3.34", "3.33", "3.33"]));
}

fn shipped(amount: &str) -> cohort_domain::Cart {
    let mut c = cart(vec![item("l1", "a", "2", "10"), item("l2", "b", "2", "20")]);
    c.shipping_amount = d(amount);
    c
}

#[test]
fn shipping_discounts_per_action() {
    let ship = |mut r: cohort_domain::rule::CartPriceRule| {
        r.apply_to_shipping = true;
        run(vec![r], &shipped("10")).shipping_discount
    };
    assert_eq!(ship(rule(1, ByPercent, "25")), d("2.50"));
    assert_eq!(ship(rule(1, ByFixed, "4")), d("4"));
    assert_eq!(ship(rule(1, ByFixed, "40")), d("10"));
    // 15 over 20 + 40 + shipping 10: items take 4.29 + 8.57, shipping the rest.
    assert_eq!(ship(rule(1, CartFixed, "15")), d("2.14"));
    let mut bxgy = rule(1, BuyXGetY, "1");
    bxgy.discount_step = 1;
    // 10 / 4 units × 2 free units.
    assert_eq!(ship(bxgy), d("5"));
}

#[test]
fn cart_fixed_with_shipping_adds_up_to_the_amount() {
    let mut r = rule(1, CartFixed, "15");
    r.apply_to_shipping = true;
    let p = run(vec![r], &shipped("10"));
    assert_eq!(p.discount_total, d("15"));
    assert_eq!(p.grand_total, d("55"));
}

#[test]
fn a_stopping_rule_ends_the_shipping_loop() {
    let mut r1 = rule(1, ByPercent, "10");
    r1.apply_to_shipping = true;
    r1.stop_rules_processing = true;
    let mut r2 = rule(2, ByPercent, "10");
    r2.apply_to_shipping = true;
    let p = run(vec![r1, r2], &shipped("10"));
    assert_eq!(p.shipping_discount, d("1"));
}

#[test]
fn a_rule_without_matching_items_can_still_discount_shipping() {
    let mut r = rule(1, ByFixed, "3");
    r.apply_to_shipping = true;
    r.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["zzz"])]));
    let p = run(vec![r], &shipped("10"));
    assert_eq!(
        (p.item_discount_total, p.shipping_discount),
        (d("0"), d("3"))
    );
    assert_eq!(applied(&p), [1]);
}

#[test]
fn free_shipping_flags() {
    let mut matching = rule(1, ByPercent, "0");
    matching.free_shipping = FreeShipping::MatchingItems;
    matching.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["a"])]));
    matching.discount_qty = Some(d("1"));
    let p = run(vec![matching], &shipped("10"));
    assert!(line(&p, "l1").free_shipping && !line(&p, "l2").free_shipping);
    assert_eq!(line(&p, "l1").free_shipping_qty, Some(d("1")));
    assert!(!p.free_shipping);
    assert_eq!(
        p.grand_total,
        d("70"),
        "free shipping is a flag, not a discount"
    );

    let mut whole = rule(2, ByPercent, "0");
    whole.free_shipping = FreeShipping::WholeShipment;
    let p = run(vec![whole], &shipped("10"));
    assert!(p.free_shipping);
    assert_eq!(applied(&p), [2]);

    let mut every = rule(3, ByPercent, "0");
    every.free_shipping = FreeShipping::MatchingItems;
    assert!(run(vec![every], &shipped("10")).free_shipping);
}

#[test]
fn labels_fall_back_to_coupon_then_discount() {
    let mut labelled = rule(1, ByFixed, "1");
    labelled.labels.insert("".into(), "Summer".into());
    let coupon = specific(rule(2, ByFixed, "1"), "SAVE");
    let plain = rule(3, ByFixed, "1");
    let mut c = cart(vec![item("l1", "a", "5", "10")]);
    c.coupon_codes = vec!["save".into()];
    let p = run(vec![labelled, coupon, plain], &c);
    let labels: Vec<_> = p.applied_rules.iter().map(|r| &*r.label).collect();
    assert_eq!(labels, ["Summer", "save", "Discount"]);
    assert_eq!(p.applied_rules[1].coupon_code.as_deref(), Some("save"));
    assert_eq!(&*line(&p, "l1").discounts[0].label, "Summer");
}

#[test]
fn amounts_round_to_the_currency_minor_unit() {
    let mut c = cart(vec![
        item("l1", "a", "1", "999"),
        item("l2", "b", "1", "1001"),
    ]);
    c.currency = Currency::from_code("JPY").unwrap();
    let p = run(vec![rule(1, ByPercent, "15")], &c);
    // 149.85 → 150 (carry −0.15), 150.15 − 0.15 = 150.
    assert_eq!(discounts(&p), ds(&["150", "150"]));
}

#[test]
fn dates_are_compared_in_the_website_time_zone() {
    let mut r = rule(1, ByFixed, "1");
    r.from_date = Some("2026-06-02".parse().unwrap());
    let mut websites = Websites::default();
    websites.by_id.insert(
        "base".into(),
        WebsiteSettings {
            base_currency: Currency::USD,
            time_zone: "Asia/Tokyo".parse().unwrap(),
        },
    );
    let mut c = cart(vec![item("l1", "a", "1", "10")]);
    c.evaluated_at = at("2026-06-01T16:00:00Z"); // 2026-06-02 01:00 in Tokyo
    let usage = Default::default();
    let tokyo = RuleSet::compile(vec![r.clone()], websites, 7);
    let p = price(&tokyo, &c, &usage);
    assert_eq!(p.discount_total, d("1"));
    assert_eq!(p.ruleset_version, 7);
    let utc = RuleSet::compile(vec![r], Websites::default(), 1);
    assert_eq!(price(&utc, &c, &usage).discount_total, d("0"));
}
