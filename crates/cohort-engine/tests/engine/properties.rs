//! Property tests of engine invariants. Deterministic: a fixed seed and no failure files.

use cohort_domain::condition::{
    AddressAttribute as A, AudienceOperator, Condition, Operator as Op,
};
use cohort_domain::rule::{CartPriceRule, FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, LineItem, Websites};
use cohort_engine::{PriceOptions, Priced, RuleOutcome, RuleSet, price_with};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use rust_decimal::Decimal;

use crate::support::any as any_of;
use crate::support::{addr, all, aud, cart, d, item, prod, rule, vals};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 200,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x00C0_4027),
        ..ProptestConfig::default()
    }
}

fn cents(max: i64) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(|c| Decimal::new(c, 2))
}

fn line_item() -> impl Strategy<Value = LineItem> {
    (0..4usize, 1..6i64, cents(20_000), any::<bool>()).prop_map(|(sku, qty, price, no_discount)| {
        let mut i = item("", ["a", "b", "c", "d"][sku], "1", "0");
        i.qty = Decimal::from(qty);
        i.unit_price = price;
        i.unit_price_incl_tax = price;
        i.no_discount = no_discount && sku == 3;
        i
    })
}

fn shop_cart() -> impl Strategy<Value = Cart> {
    (
        prop::collection::vec(line_item(), 0..7),
        cents(2_000),
        prop::sample::subsequence(vec!["seg-1".to_string(), "seg-2".to_string()], 0..=2),
    )
        .prop_map(|(mut items, shipping, membership)| {
            for (n, i) in items.iter_mut().enumerate() {
                i.line_id = format!("l{n}");
            }
            let mut c = cart(items);
            c.shipping_amount = shipping;
            c.membership = membership;
            c
        })
}

/// Any of the four actions (shared with the index property test).
pub(crate) fn action() -> impl Strategy<Value = SimpleAction> {
    prop_oneof![
        Just(SimpleAction::ByPercent),
        Just(SimpleAction::ByFixed),
        Just(SimpleAction::CartFixed),
        Just(SimpleAction::BuyXGetY),
    ]
}

fn cart_rule(audience: bool) -> impl Strategy<Value = CartPriceRule> {
    (
        (action(), 0..10_000i64, 0..4u32, prop::option::of(1..4i64)),
        (
            any::<bool>(),
            any::<bool>(),
            0..4usize,
            0..4usize,
            0..3u32,
            any::<bool>(),
        ),
    )
        .prop_map(
            move |((act, amount, step, qty), (stop, ship, when, to, sort, free))| {
                let amount = match act {
                    SimpleAction::ByPercent => Decimal::new(amount % 10_001, 2),
                    SimpleAction::BuyXGetY => Decimal::from(amount % 3),
                    _ => Decimal::new(amount, 2),
                };
                let mut r = rule(0, act, "0");
                r.discount_amount = amount;
                r.discount_step = if act == SimpleAction::BuyXGetY {
                    step.max(1)
                } else {
                    step % 2
                };
                r.discount_qty = qty.map(Decimal::from);
                r.stop_rules_processing = stop;
                r.apply_to_shipping = ship;
                r.sort_order = sort;
                r.free_shipping = if free {
                    FreeShipping::MatchingItems
                } else {
                    FreeShipping::None
                };
                r.conditions = match when {
                    0 => None,
                    1 => Some(all(vec![addr(A::SubtotalWithDiscount, Op::Gte, &["50"])])),
                    2 if audience => Some(all(vec![aud(AudienceOperator::Matches, &["seg-1"])])),
                    _ => Some(any_of(vec![addr(A::TotalQty, Op::Gt, &["3"])])),
                };
                r.action_conditions = match to {
                    0 | 1 => None,
                    2 => Some(all(vec![prod("sku", Op::IsOneOf, &["a", "b"])])),
                    _ => Some(all(vec![prod("quote_item_price", Op::Gte, &["50"])])),
                };
                r
            },
        )
}

fn rule_list(audience: bool) -> impl Strategy<Value = Vec<CartPriceRule>> {
    prop::collection::vec(cart_rule(audience), 0..6).prop_map(|mut rules| {
        for (n, r) in rules.iter_mut().enumerate() {
            r.id = n as u64 + 1;
        }
        rules
    })
}

fn priced(rules: Vec<CartPriceRule>, cart: &Cart) -> Priced {
    let set = RuleSet::compile(rules, Websites::default(), 1);
    let options = PriceOptions {
        explain: true,
        ..Default::default()
    };
    price_with(&set, cart, &UsageView::default(), &options)
}

fn without_trace(mut p: Priced) -> Priced {
    p.trace.clear();
    p
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn line_discounts_stay_within_the_row_and_totals_add_up(
        rules in rule_list(true), c in shop_cart()
    ) {
        let p = priced(rules, &c);
        for l in &p.lines {
            prop_assert!(l.discount_amount >= Decimal::ZERO);
            prop_assert!(l.discount_amount <= l.row_total, "{l:?}");
            prop_assert_eq!(l.discounts.iter().map(|x| x.amount).sum::<Decimal>(), l.discount_amount);
        }
        prop_assert!(p.shipping_discount <= p.shipping_amount);
        let lines: Decimal = p.lines.iter().map(|l| l.discount_amount).sum();
        prop_assert_eq!(p.item_discount_total, lines);
        prop_assert_eq!(p.discount_total, lines + p.shipping_discount);
        prop_assert_eq!(
            p.grand_total,
            p.subtotal - p.item_discount_total + p.shipping_amount - p.shipping_discount
        );
        prop_assert!(p.grand_total >= Decimal::ZERO);
    }

    #[test]
    fn cart_fixed_shares_add_up_to_the_capped_amount(
        mut rules in rule_list(false), c in shop_cart(), amount in cents(50_000)
    ) {
        // Earlier rules never stop lines, so every line reaches the cart-fixed rule.
        for r in &mut rules {
            r.stop_rules_processing = false;
        }
        let before = priced(rules.clone(), &c);
        let mut fixed = rule(100, SimpleAction::CartFixed, "0");
        fixed.discount_amount = amount;
        fixed.sort_order = 10;
        rules.push(fixed);
        let after = priced(rules, &c);
        let worth: Decimal = before
            .lines
            .iter()
            .zip(&c.items)
            .filter(|(_, i)| !i.no_discount)
            .map(|(l, _)| l.row_total_after_discount)
            .sum();
        let given = after
            .applied_rules
            .iter()
            .find(|r| r.rule_id == 100)
            .map_or(Decimal::ZERO, |r| r.discount_amount);
        prop_assert_eq!(given, amount.min(worth));
    }

    #[test]
    fn the_same_input_gives_the_same_output(rules in rule_list(true), c in shop_cart()) {
        prop_assert_eq!(priced(rules.clone(), &c), priced(rules, &c));
    }

    #[test]
    fn removing_a_rule_that_took_no_part_changes_nothing(
        rules in rule_list(true), extra in cart_rule(true), inactive in any::<bool>(), c in shop_cart()
    ) {
        let mut extra = extra;
        extra.id = 99;
        extra.active = !inactive;
        if !inactive {
            // Matches no line, so it claims no line's priority (RULES.md §3).
            extra.action_conditions = Some(all(vec![prod("sku", Op::Eq, &["none"])]));
            extra.stop_rules_processing = false;
        }
        let mut with = rules.clone();
        with.push(extra);
        let p = priced(with, &c);
        let outcome = p.trace.iter().find(|t| t.rule_id == 99).map(|t| t.outcome);
        prop_assume!(matches!(
            outcome,
            Some(RuleOutcome::Inactive | RuleOutcome::NoMatchingItems | RuleOutcome::ConditionsNotMet)
        ));
        prop_assert_eq!(without_trace(p), without_trace(priced(rules, &c)));
    }

    #[test]
    fn membership_only_matters_to_audience_rules(rules in rule_list(false), c in shop_cart()) {
        let mut other = c.clone();
        other.membership = vec!["seg-1".into(), "seg-9".into()];
        let mut a = priced(rules.clone(), &c);
        let mut b = priced(rules, &other);
        a.audience_ids.clear();
        b.audience_ids.clear();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn an_audience_rule_sees_membership() {
    let mut r = rule(1, SimpleAction::ByFixed, "1");
    r.conditions = Some(all(vec![Condition::Audience {
        operator: AudienceOperator::Matches,
        audience_ids: vals(&["seg-1"]),
    }]));
    let mut c = cart(vec![item("l1", "a", "1", "10")]);
    assert_eq!(priced(vec![r.clone()], &c).discount_total, d("0"));
    c.membership = vals(&["seg-1"]);
    assert_eq!(priced(vec![r], &c).discount_total, d("1"));
}
