//! The candidate index changes nothing: random carts priced through the index
//! (`price_with` without explain) and without it (`price_unindexed`) give equal `Priced`,
//! and equal the explain path's answer minus its trace. The generators aim at what the index
//! keys on: websites, groups, dates, coupons, per-customer limits, audience and found-item
//! gates, SKU / category action conditions (numeric SKUs included), and rules whose cart
//! conditions fail but whose action conditions still order the lines.

use chrono::NaiveDate;
use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator as Aud, Condition, Operator as Op,
};
use cohort_domain::rule::{CartPriceRule, CouponType, FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, LineItem, Websites};
use cohort_engine::{PriceOptions, RuleSet, price_unindexed, price_with};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use rust_decimal::Decimal;

use crate::properties::action;
use crate::support::{addr, all, any as any_of, aud, cart, item, prod, rule};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 1_000,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x1D_E7),
        ..ProptestConfig::default()
    }
}

const SKUS: [&str; 5] = ["a", "B", "1", "1.0", " c "];
const CATEGORIES: [&str; 4] = ["10", "11", "12", ""];
const AUDIENCES: [&str; 3] = ["seg-1", "seg-2", "Seg-1"];

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, day).unwrap_or_default()
}

/// Item-level trees, many of them indexable.
fn item_tree() -> impl Strategy<Value = Option<Condition>> {
    // Universal trees (0, 1) are rare: the first universal candidate claims every line,
    // hiding the order the other trees decide.
    (
        prop_oneof![1 => 0..2usize, 8 => 2..9usize],
        0..5usize,
        0..5usize,
    )
        .prop_map(|(shape, a, b)| {
            let sku = |n: usize| SKUS[n].trim().to_owned();
            let cat = |n: usize| CATEGORIES[n % 4].to_owned();
            Some(match shape {
                0 => return None,
                1 => all(vec![]),
                2 => all(vec![prod("sku", Op::IsOneOf, &[&sku(a), &sku(b)])]),
                3 => all(vec![prod("sku", Op::Eq, &[&sku(a)])]),
                4 => all(vec![prod("category_ids", Op::Eq, &[&cat(a)])]),
                5 => any_of(vec![prod("category_ids", Op::IsOneOf, &[&cat(a), &cat(b)])]),
                6 => all(vec![
                    prod("sku", Op::IsOneOf, &[&sku(a), &sku(b)]),
                    prod("quote_item_price", Op::Gte, &["20"]),
                ]),
                7 => all(vec![prod("quote_item_price", Op::Gte, &["50"])]),
                _ => any_of(vec![
                    prod("sku", Op::Ne, &[&sku(a)]),
                    prod("category_ids", Op::Contains, &[&cat(b)]),
                ]),
            })
        })
}

/// Cart trees: audience gates, found-item gates, thresholds, negations.
fn cart_tree() -> impl Strategy<Value = Option<Condition>> {
    (0..10usize, 0..3usize, item_tree(), 0..4usize).prop_map(|(shape, a, found, op)| {
        let audience = [
            Aud::Matches,
            Aud::IsOneOf,
            Aud::DoesNotMatch,
            Aud::IsNotOneOf,
        ][op];
        let found_node = |not_found: bool| Condition::ProductFound {
            not_found,
            aggregator: if op % 2 == 0 {
                Aggregator::All
            } else {
                Aggregator::Any
            },
            conditions: match &found {
                Some(Condition::Combine { conditions, .. }) => conditions.clone(),
                Some(other) => vec![other.clone()],
                None => vec![],
            },
        };
        Some(match shape {
            0 => return None,
            1 => all(vec![aud(audience, &[AUDIENCES[a]])]),
            2 => all(vec![
                aud(audience, &[AUDIENCES[a], AUDIENCES[(a + 1) % 3]]),
                addr(A::SubtotalWithDiscount, Op::Gte, &["40"]),
            ]),
            3 => all(vec![found_node(false)]),
            4 => all(vec![found_node(true)]),
            5 => any_of(vec![aud(audience, &[AUDIENCES[a]])]),
            6 => any_of(vec![
                aud(audience, &[AUDIENCES[a]]),
                addr(A::TotalQty, Op::Gt, &["3"]),
            ]),
            7 => Condition::Combine {
                aggregator: Aggregator::All,
                negate: true,
                conditions: vec![aud(audience, &[AUDIENCES[a]])],
            },
            8 => all(vec![
                addr(A::SubtotalWithDiscount, Op::Gte, &["60"]),
                found_node(false),
            ]),
            _ => all(vec![addr(A::Subtotal, Op::Gte, &["30"])]),
        })
    })
}

fn index_rule() -> impl Strategy<Value = CartPriceRule> {
    (
        (
            action(),
            1..5_000i64,
            0..3u32,
            any::<bool>(),
            any::<bool>(),
            0..4u32,
        ),
        (cart_tree(), item_tree()),
        (
            0..6usize,
            0..4usize,
            0..4usize,
            0..4usize,
            0..3u32,
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (act, amount, step, stop, ship, sort),
                (conditions, actions),
                (coupon, web, grp, dates, limit, active),
            )| {
                let mut r = rule(0, act, "0");
                r.discount_amount = match act {
                    SimpleAction::ByPercent => Decimal::new(amount % 10_001, 2),
                    SimpleAction::BuyXGetY => Decimal::from(amount % 3),
                    _ => Decimal::new(amount, 2),
                };
                r.discount_step = if act == SimpleAction::BuyXGetY {
                    step.max(1)
                } else {
                    step % 2
                };
                r.stop_rules_processing = stop;
                r.apply_to_shipping = ship;
                r.sort_order = sort;
                r.active = active || sort != 0;
                r.free_shipping = if amount % 7 == 0 {
                    FreeShipping::MatchingItems
                } else {
                    FreeShipping::None
                };
                r.conditions = conditions;
                r.action_conditions = actions;
                r.website_ids = [
                    vec!["base"],
                    vec!["eu"],
                    vec!["base", "eu"],
                    vec!["base", "base"],
                ][web]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                r.customer_group_ids = [vec!["0"], vec!["1"], vec!["0", "1"], vec![]][grp]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                (r.from_date, r.to_date) = match dates {
                    0 => (None, None),
                    1 => (Some(date(2)), Some(date(20))),
                    2 => (None, Some(date(1))),
                    _ => (Some(date(15)), None),
                };
                r.uses_per_customer = limit;
                if coupon >= 4 {
                    r.coupon_type = CouponType::Specific;
                    r.coupon_code = ["SAVE", "save2"][coupon - 4].into();
                }
                r
            },
        )
}

/// With `probe`, a last cart-fixed rule of an amount that does not split evenly: its
/// shares (carried rounding, remainder on the last line) show the item priority order.
fn rules() -> impl Strategy<Value = Vec<CartPriceRule>> {
    (prop::collection::vec(index_rule(), 0..12), any::<bool>()).prop_map(|(mut rules, probe)| {
        for (n, r) in rules.iter_mut().enumerate() {
            r.id = n as u64 + 1;
        }
        if probe {
            let mut fixed = rule(99, SimpleAction::CartFixed, "10.01");
            fixed.sort_order = 9;
            fixed.website_ids = vec!["base".into(), "eu".into(), "us".into()];
            fixed.customer_group_ids = vec!["0".into(), "1".into(), "2".into()];
            rules.push(fixed);
        }
        rules
    })
}

fn line() -> impl Strategy<Value = LineItem> {
    (
        0..5usize,
        1..5i64,
        0..20_000i64,
        prop::collection::vec(0..4usize, 0..3),
        0..8u32,
    )
        .prop_map(|(sku, qty, cents, cats, flags)| {
            let mut i = item("", SKUS[sku], "1", "0");
            i.qty = Decimal::from(qty);
            i.unit_price = Decimal::new(cents, 2);
            i.unit_price_incl_tax = i.unit_price;
            i.category_ids = cats.into_iter().map(|c| CATEGORIES[c].to_owned()).collect();
            i.no_discount = flags == 0;
            i
        })
}

fn shopper() -> impl Strategy<Value = (Cart, UsageView)> {
    (
        prop::collection::vec(line(), 0..7),
        (
            0..2_000i64,
            prop::sample::subsequence(AUDIENCES.to_vec(), 0..=3),
        ),
        (0..3usize, 0..3usize, 0..4u32, 0..4usize, 0..3u64),
    )
        .prop_map(
            |(mut items, (shipping, membership), (web, grp, day, codes, used))| {
                for (n, i) in items.iter_mut().enumerate() {
                    i.line_id = format!("l{n}");
                }
                let mut c = cart(items);
                c.shipping_amount = Decimal::new(shipping, 2);
                let mut membership: Vec<String> =
                    membership.into_iter().map(str::to_owned).collect();
                membership.sort();
                c.membership = membership;
                c.website_id = ["base", "eu", "us"][web].into();
                c.customer_group_id = ["0", "1", "2"][grp].into();
                c.customer_id = (grp == 1).then(|| "42".to_owned());
                let instants = [
                    "2026-05-31T12:00:00Z",
                    "2026-06-01T12:00:00Z",
                    "2026-06-10T12:00:00Z",
                    "2026-06-25T12:00:00Z",
                ];
                c.evaluated_at = crate::support::at(instants[day as usize]);
                c.coupon_codes = [
                    vec![],
                    vec!["save"],
                    vec!["SAVE2", "nope"],
                    vec!["save", "Save"],
                ][codes]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                let mut usage = UsageView::default();
                for id in 1..=12 {
                    usage.set_customer_rule_uses(id, used * (id % 2));
                }
                (c, usage)
            },
        )
}

/// Both drivers price alike, the explained answer lists every rule and its trace changes
/// nothing else.
fn paths_agree(
    rules: Vec<CartPriceRule>,
    c: &Cart,
    usage: &UsageView,
) -> Result<(), proptest::test_runner::TestCaseError> {
    let set = RuleSet::compile(rules, Websites::default(), 1);
    let plain = PriceOptions::default();
    let indexed = price_with(&set, c, usage, &plain);
    prop_assert_eq!(&indexed, &price_unindexed(&set, c, usage, &plain));
    let explain = PriceOptions {
        explain: true,
        ..Default::default()
    };
    let mut explained = price_with(&set, c, usage, &explain);
    prop_assert_eq!(explained.trace.len(), set.len());
    explained.trace.clear();
    prop_assert_eq!(indexed, explained);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_index_prices_exactly_as_visiting_every_rule(rules in rules(), (c, usage) in shopper()) {
        paths_agree(rules, &c, &usage)?;
    }

    /// With best-deal groups the two drivers still agree, and the trace changes nothing else.
    #[test]
    fn groups_price_the_same_on_both_paths(rules in rules(), (c, usage) in shopper(), seed in 0u64..4) {
        let rules: Vec<_> = rules
            .into_iter()
            .map(|mut r| {
                r.exclusive_group = match (r.id + seed) % 4 {
                    0 => String::new(),
                    1 | 3 => "a".into(),
                    _ => "b".into(),
                };
                r
            })
            .collect();
        paths_agree(rules, &c, &usage)?;
    }
}
