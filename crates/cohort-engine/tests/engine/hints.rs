//! Near-miss hints: exact amounts for threshold-only misses, none where adding items would
//! change anything else the rule checks, and exactness as a property: adding the hinted
//! amount makes the rule apply, one unit less does not.

use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator, Condition, Operator as Op,
    SubselectAttribute,
};
use cohort_domain::rule::{FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, LineItem, Websites};
use cohort_engine::{PriceOptions, Priced, RuleHint, RuleOutcome, RuleSet, price_with};
use rust_decimal::Decimal;

use crate::support::*;

fn hints_of(rules: Vec<cohort_domain::rule::CartPriceRule>, cart: &Cart) -> Priced {
    let set = RuleSet::compile(rules, Websites::default(), 1);
    price_with(
        &set,
        cart,
        &UsageView::default(),
        &PriceOptions {
            explain: true,
            hints: true,
        },
    )
}

fn free_shipping_over(amount: &str) -> cohort_domain::rule::CartPriceRule {
    let mut r = rule(1, SimpleAction::ByPercent, "0");
    r.free_shipping = FreeShipping::WholeShipment;
    r.labels.insert(String::new(), "Free shipping".into());
    r.conditions = Some(all(vec![addr(A::Subtotal, Op::Gte, &[amount])]));
    r
}

fn one(p: &Priced) -> &RuleHint {
    assert_eq!(p.hints.len(), 1, "{:?}", p.hints);
    &p.hints[0]
}

/// A probe line adding `amount` that no rule discounts (as the shopper adding it would).
fn plus(cart: &Cart, f: impl FnOnce(&mut LineItem)) -> Cart {
    let mut line = item("added", "added", "1", "0");
    line.no_discount = true;
    f(&mut line);
    let mut c = cart.clone();
    c.items.push(line);
    c
}

#[test]
fn a_subtotal_threshold_gets_the_exact_amount_with_its_label() {
    let cart = cart(vec![item("a", "a", "1", "87.99")]);
    let p = hints_of(vec![free_shipping_over("100")], &cart);
    let h = one(&p);
    assert_eq!(
        (
            h.rule_id,
            &*h.label,
            h.attribute.as_str(),
            h.missing,
            h.money
        ),
        (1, "Free shipping", "subtotal", d("12.01"), true)
    );
    assert_eq!(h.condition_path, "1");
    // The trace carries the same hint.
    assert_eq!(trace(&p, 1).hint.as_ref(), Some(h));
    // Without `hints` the answer has none (the trace still does with explain).
    let plain = run(vec![free_shipping_over("100")], &cart);
    assert!(plain.hints.is_empty());
    assert!(trace(&plain, 1).hint.is_some());
}

#[test]
fn strict_thresholds_ranges_and_negations_take_the_first_step_that_holds() {
    let c = cart(vec![item("a", "a", "1", "50")]);
    let mut r = rule(1, SimpleAction::ByPercent, "10");
    // > 60: one cent past it.
    r.conditions = Some(all(vec![addr(A::Subtotal, Op::Gt, &["60"])]));
    assert_eq!(one(&hints_of(vec![r.clone()], &c)).missing, d("10.01"));
    // A range 70 ≤ subtotal < 80: 20.00.
    r.conditions = Some(all(vec![
        addr(A::Subtotal, Op::Lt, &["80"]),
        addr(A::Subtotal, Op::Gte, &["70"]),
    ]));
    let p = hints_of(vec![r.clone()], &c);
    assert_eq!(
        (one(&p).missing, one(&p).condition_path.as_str()),
        (d("20"), "1")
    );
    // "If ALL of these are FALSE": subtotal < 75 is false from 75.00 on.
    r.conditions = Some(Condition::Combine {
        aggregator: Aggregator::All,
        negate: true,
        conditions: vec![addr(A::Subtotal, Op::Lt, &["75"])],
    });
    assert_eq!(one(&hints_of(vec![r.clone()], &c)).missing, d("25"));
    // Already past an upper bound: adding never helps.
    r.conditions = Some(all(vec![addr(A::Subtotal, Op::Lt, &["40"])]));
    assert!(hints_of(vec![r], &c).hints.is_empty());
}

#[test]
fn quantities_weight_and_subselections_have_their_own_units() {
    let mut tee = item("a", "tee", "2", "10");
    tee.weight = d("0.25");
    let c = cart(vec![tee, item("b", "mug", "1", "8")]);
    let mut r = rule(1, SimpleAction::ByPercent, "10");
    r.conditions = Some(all(vec![addr(A::TotalQty, Op::Gt, &["4"])]));
    let h = hints_of(vec![r.clone()], &c).hints;
    assert_eq!(
        (h[0].attribute.as_str(), h[0].missing, h[0].money),
        ("total_qty", d("2"), false)
    );
    r.conditions = Some(all(vec![addr(A::Weight, Op::Gt, &["1"])]));
    let h = hints_of(vec![r.clone()], &c).hints;
    assert_eq!(
        (h[0].attribute.as_str(), h[0].missing),
        ("weight", d("0.5001"))
    );
    // Tees worth at least 50: 30.00 more of items the subselection counts.
    r.conditions = Some(all(vec![Condition::ProductSubselect {
        attribute: SubselectAttribute::RowTotal,
        operator: Op::Gte,
        values: vals(&["50"]),
        aggregator: Aggregator::All,
        conditions: vec![prod("sku", Op::Eq, &["tee"])],
    }]));
    let h = hints_of(vec![r.clone()], &c).hints;
    assert_eq!(
        (h[0].attribute.as_str(), h[0].missing, h[0].money),
        ("subselect_row_total", d("30"), true)
    );
    // No line the subselection counts: nothing to say what to add.
    r.conditions = Some(all(vec![Condition::ProductSubselect {
        attribute: SubselectAttribute::Qty,
        operator: Op::Gte,
        values: vals(&["3"]),
        aggregator: Aggregator::All,
        conditions: vec![prod("sku", Op::Eq, &["hat"])],
    }]));
    assert!(hints_of(vec![r], &c).hints.is_empty());
}

#[test]
fn no_hint_where_adding_items_is_not_enough_or_changes_more() {
    let c = cart(vec![item("a", "a", "1", "50")]);
    let over = addr(A::Subtotal, Op::Gte, &["100"]);
    let mut r = rule(1, SimpleAction::ByPercent, "10");
    // An audience the shopper lacks: no hint (membership is not for sale).
    r.conditions = Some(all(vec![
        over.clone(),
        aud(AudienceOperator::IsOneOf, &["vip"]),
    ]));
    assert!(hints_of(vec![r.clone()], &c).hints.is_empty());
    // ... but an audience the shopper has is no obstacle.
    let mut member = c.clone();
    member.membership = vec!["vip".into()];
    assert_eq!(one(&hints_of(vec![r.clone()], &member)).missing, d("50"));
    // Two amounts adding items would move (subtotal and qty), or a product found.
    r.conditions = Some(all(vec![over.clone(), addr(A::TotalQty, Op::Lt, &["3"])]));
    assert!(hints_of(vec![r.clone()], &c).hints.is_empty());
    r.conditions = Some(all(vec![
        over.clone(),
        Condition::ProductFound {
            not_found: false,
            aggregator: Aggregator::All,
            conditions: vec![prod("sku", Op::Eq, &["a"])],
        },
    ]));
    assert!(hints_of(vec![r.clone()], &c).hints.is_empty());
    // A failing address condition stays failed whatever is added.
    r.conditions = Some(all(vec![over.clone(), addr(A::CountryId, Op::Eq, &["FR"])]));
    assert!(hints_of(vec![r.clone()], &c).hints.is_empty());
    // A coupon rule without its code is not reached: no hint.
    let mut coupon = specific(rule(2, SimpleAction::ByPercent, "10"), "SAVE");
    coupon.conditions = Some(all(vec![over.clone()]));
    assert!(hints_of(vec![coupon], &c).hints.is_empty());
    // A rule that would reach no line (its action conditions match none) never applies.
    r.conditions = Some(all(vec![over.clone()]));
    r.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["other"])]));
    assert!(hints_of(vec![r.clone()], &c).hints.is_empty());
    // An earlier rule that stops processing once the subtotal reaches 80 would stop this
    // one first: the probe finds that, and the hint goes.
    r.action_conditions = None;
    let mut stopper = rule(0, SimpleAction::ByPercent, "5");
    stopper.sort_order = 0;
    stopper.stop_rules_processing = true;
    stopper.conditions = Some(all(vec![addr(A::Subtotal, Op::Gte, &["80"])]));
    r.sort_order = 1;
    let p = hints_of(vec![stopper, r], &c);
    assert!(p.hints.iter().all(|h| h.rule_id != 1), "{:?}", p.hints);
}

/// Exactness over seeded carts and thresholds: add the hint and the rule applies; one unit
/// less and its conditions fail.
#[test]
fn hints_are_exact_on_seeded_carts() {
    let mut rng = cohort_domain::seeded::SplitMix64(0x4_1475);
    let mut checked = 0;
    for _ in 0..400 {
        let lines = 1 + rng.next_u64() % 3;
        let items: Vec<LineItem> = (0..lines)
            .map(|i| {
                let mut l = item(
                    &format!("l{i}"),
                    &format!("s{i}"),
                    &(1 + rng.next_u64() % 3).to_string(),
                    &format!("{}.{:02}", rng.next_u64() % 60, rng.next_u64() % 100),
                );
                l.weight = Decimal::new((rng.next_u64() % 5000) as i64, 3);
                l
            })
            .collect();
        let c = cart(items);
        let (attribute, op) = [
            (A::Subtotal, Op::Gte),
            (A::Subtotal, Op::Gt),
            (A::SubtotalWithDiscount, Op::Gte),
            (A::TotalQty, Op::Gt),
            (A::Weight, Op::Gte),
        ][(rng.next_u64() % 5) as usize];
        let threshold = match attribute {
            A::TotalQty => (rng.next_u64() % 12).to_string(),
            A::Weight => format!("{}.{:03}", rng.next_u64() % 12, rng.next_u64() % 1000),
            _ => format!("{}.{:02}", rng.next_u64() % 250, rng.next_u64() % 100),
        };
        // An earlier 10 % rule on everything moves the subtotal with discount.
        let mut first = rule(1, SimpleAction::ByPercent, "10");
        first.sort_order = 0;
        let mut r = rule(2, SimpleAction::ByPercent, "20");
        r.sort_order = 1;
        r.conditions = Some(all(vec![addr(attribute, op, &[&threshold])]));
        let rules = vec![first, r];
        let p = hints_of(rules.clone(), &c);
        let Some(h) = p.hints.iter().find(|h| h.rule_id == 2) else {
            continue;
        };
        checked += 1;
        let unit = match attribute {
            A::TotalQty => Decimal::ONE,
            A::Weight => d("0.0001"),
            _ => d("0.01"),
        };
        let add = |amount: Decimal| {
            plus(&c, |l| match attribute {
                A::TotalQty => l.qty = amount,
                A::Weight => l.weight = amount,
                _ => {
                    l.unit_price = amount;
                    l.unit_price_incl_tax = amount;
                }
            })
        };
        let at = run(rules.clone(), &add(h.missing));
        assert_eq!(trace(&at, 2).outcome, RuleOutcome::Applied, "{h:?} {c:?}");
        if h.missing > unit {
            let short = run(rules.clone(), &add(h.missing - unit));
            assert_eq!(
                trace(&short, 2).outcome,
                RuleOutcome::ConditionsNotMet,
                "{h:?} {c:?}"
            );
        }
    }
    assert!(checked > 100, "only {checked} hints checked");
}
