//! The seeded synthetic store of the pricing benches: rule sets shaped like real ones and
//! the cart priced against them. A plain module shared by file path, so that every bench
//! prices the very same data: `benches/price.rs` (`mod stores;`) and the zen-engine peer
//! crate (`benches/peer-zen`, through `#[path = ...] mod stores;`).
//!
//! Realistic mix (share of rules): 35 % coupon-gated, 25 % audience-gated (2 of 1,000
//! audiences), 25 % product-specific (found + apply-to on 5 of 5,000 SKUs), 14.5 % dated
//! outside today, 0.5 % broad (a subtotal threshold). The cart: `lines` lines, the first
//! coupon-gated rule's code (when there is one), 3 audiences, evaluated on 2026-06-01.

use chrono::{DateTime, NaiveDate};
use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator,
};
use cohort_domain::rule::{CartPriceRule, CouponType, SimpleAction};
use cohort_domain::{Cart, Currency, LineItem};
use rust_decimal::Decimal;

/// The data set is the same on every run.
use cohort_domain::seeded::SplitMix64 as Rng;

const SKUS: u64 = 5_000;
const CATEGORIES: u64 = 200;
const AUDIENCES: u64 = 1_000;
/// The shopper's audiences; other rules draw from the rest.
const SHOPPER: [u64; 3] = [7, 70, 700];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default()
}

fn all(conditions: Vec<Condition>) -> Condition {
    Condition::Combine {
        aggregator: Aggregator::All,
        negate: false,
        conditions,
    }
}

fn subtotal_at_least(rng: &mut Rng, max: u64) -> Condition {
    Condition::Address {
        attribute: AddressAttribute::Subtotal,
        operator: Operator::Gte,
        values: vec![rng.below(max).to_string()],
    }
}

fn audience(ids: Vec<u64>) -> Condition {
    Condition::Audience {
        operator: AudienceOperator::IsOneOf,
        audience_ids: ids.into_iter().map(|a| format!("aud-{a}")).collect(),
    }
}

/// An audience id the shopper lacks.
fn other_audience(rng: &mut Rng) -> u64 {
    loop {
        let a = rng.below(AUDIENCES);
        if !SHOPPER.contains(&a) {
            return a;
        }
    }
}

fn category_actions(rng: &mut Rng) -> Option<Condition> {
    Some(all(vec![Condition::Product {
        attribute: "category_ids".into(),
        operator: Operator::Eq,
        values: vec![rng.below(CATEGORIES).to_string()],
    }]))
}

/// A rule with a random action; targeting is filled in by the caller.
fn base(n: usize, rng: &mut Rng) -> CartPriceRule {
    let action = match rng.below(4) {
        0 => SimpleAction::ByPercent,
        1 => SimpleAction::ByFixed,
        2 => SimpleAction::CartFixed,
        _ => SimpleAction::BuyXGetY,
    };
    CartPriceRule {
        id: n as u64 + 1,
        name: format!("rule {n}"),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        sort_order: rng.below(10) as u32,
        stop_rules_processing: rng.below(10) == 0,
        simple_action: action,
        discount_amount: match action {
            SimpleAction::ByPercent => Decimal::from(rng.below(30) + 1),
            SimpleAction::BuyXGetY => Decimal::ONE,
            _ => Decimal::new(rng.below(2_000) as i64 + 1, 2),
        },
        discount_step: if action == SimpleAction::BuyXGetY {
            2
        } else {
            0
        },
        apply_to_shipping: rng.below(4) == 0,
        ..CartPriceRule::default()
    }
}

/// A broad rule: a subtotal threshold, every item or one category.
fn broad(r: &mut CartPriceRule, rng: &mut Rng) {
    r.conditions = Some(all(vec![subtotal_at_least(rng, 300)]));
    r.action_conditions = if rng.below(2) == 0 {
        None
    } else {
        category_actions(rng)
    };
}

/// The realistic mix. `shopper_share` (per mille of all rules) are audience-gated on one of
/// the shopper's audiences; the other audience-gated rules miss the shopper.
fn mix(count: usize, rng: &mut Rng, shopper_share: u64) -> Vec<CartPriceRule> {
    (0..count)
        .map(|n| {
            let mut r = base(n, rng);
            let roll = rng.below(1_000);
            match roll {
                0..350 => {
                    broad(&mut r, rng);
                    r.coupon_type = CouponType::Specific;
                    r.coupon_code = format!("CODE-{n}");
                }
                350..600 => {
                    let ids = if roll - 350 < shopper_share {
                        vec![SHOPPER[n % 3], other_audience(rng)]
                    } else {
                        vec![other_audience(rng), other_audience(rng)]
                    };
                    r.conditions = Some(all(vec![audience(ids), subtotal_at_least(rng, 100)]));
                    r.action_conditions = if rng.below(2) == 0 {
                        None
                    } else {
                        category_actions(rng)
                    };
                }
                600..850 => {
                    let skus: Vec<String> =
                        (0..5).map(|_| format!("sku-{}", rng.below(SKUS))).collect();
                    let test = Condition::Product {
                        attribute: "sku".into(),
                        operator: Operator::IsOneOf,
                        values: skus,
                    };
                    r.conditions = Some(all(vec![Condition::ProductFound {
                        not_found: false,
                        aggregator: Aggregator::All,
                        conditions: vec![test.clone()],
                    }]));
                    r.action_conditions = Some(all(vec![test]));
                }
                850..995 => {
                    broad(&mut r, rng);
                    // Mostly expired promotions, some not started yet.
                    let days = chrono::Days::new(rng.below(300) + 1);
                    if rng.below(3) == 0 {
                        r.from_date = today().checked_add_days(days);
                    } else {
                        r.from_date = today().checked_sub_days(chrono::Days::new(400));
                        r.to_date = today().checked_sub_days(days);
                    }
                }
                _ => broad(&mut r, rng),
            }
            r
        })
        .collect()
}

/// The `targets` 10k shape: every rule audience-gated on a category promotion, 1 % of them
/// on one of the shopper's audiences.
fn audience_targeted(count: usize, rng: &mut Rng) -> Vec<CartPriceRule> {
    (0..count)
        .map(|n| {
            let mut r = base(n, rng);
            let ids = if n % 100 == 0 {
                vec![SHOPPER[n / 100 % 3], other_audience(rng)]
            } else {
                vec![other_audience(rng), other_audience(rng)]
            };
            r.conditions = Some(all(vec![audience(ids), subtotal_at_least(rng, 100)]));
            r.action_conditions = category_actions(rng);
            r
        })
        .collect()
}

fn all_broad(count: usize, rng: &mut Rng) -> Vec<CartPriceRule> {
    (0..count)
        .map(|n| {
            let mut r = base(n, rng);
            broad(&mut r, rng);
            r
        })
        .collect()
}

fn cart(lines: usize, rules: &[CartPriceRule], rng: &mut Rng) -> Cart {
    let items = (0..lines)
        .map(|n| {
            let price = Decimal::new(rng.below(20_000) as i64 + 100, 2);
            LineItem {
                line_id: format!("l{n}"),
                sku: format!("sku-{}", rng.below(SKUS)),
                qty: Decimal::from(rng.below(4) + 1),
                unit_price: price,
                unit_price_incl_tax: price,
                weight: Decimal::ONE,
                category_ids: (0..3).map(|_| rng.below(CATEGORIES).to_string()).collect(),
                attribute_set_id: "4".into(),
                ..LineItem::default()
            }
        })
        .collect();
    let coupon = rules.iter().find(|r| !r.coupon_code.is_empty());
    let mut membership: Vec<String> = SHOPPER.iter().map(|a| format!("aud-{a}")).collect();
    membership.sort();
    Cart {
        website_id: "base".into(),
        currency: Currency::USD,
        customer_group_id: "1".into(),
        customer_id: Some("42".into()),
        items,
        shipping_address: None,
        shipping_method: "flatrate_flatrate".into(),
        shipping_amount: Decimal::new(1_000, 2),
        payment_method: "checkmo".into(),
        coupon_codes: coupon.map(|r| r.coupon_code.clone()).into_iter().collect(),
        membership,
        evaluated_at: DateTime::from_naive_utc_and_offset(
            today().and_hms_opt(12, 0, 0).unwrap_or_default(),
            chrono::Utc,
        ),
    }
}

/// Which generator a rule set comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The store-like mix (`mix`, no rule on the shopper's audiences).
    Realistic,
    /// Every rule audience-gated, 1 % on the shopper's audiences (`audience_targeted`).
    AudienceTargeted,
    /// Every rule broad: a subtotal threshold (`all_broad`).
    AllBroad,
}

/// The rules of `shape` (`rule_count` of them) and the cart priced against them
/// (`lines` lines), from a seed derived from the sizes: the same on every run and in every
/// bench that asks for the same shape and sizes.
pub fn store(shape: Shape, rule_count: usize, lines: usize) -> (Vec<CartPriceRule>, Cart) {
    let mut rng = Rng(0xC0_4027 ^ ((rule_count as u64) << 16) ^ lines as u64);
    let rules = match shape {
        Shape::Realistic => mix(rule_count, &mut rng, 0),
        Shape::AudienceTargeted => audience_targeted(rule_count, &mut rng),
        Shape::AllBroad => all_broad(rule_count, &mut rng),
    };
    let cart = cart(lines, &rules, &mut rng);
    (rules, cart)
}
