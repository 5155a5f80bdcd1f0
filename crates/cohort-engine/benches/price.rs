//! Pricing benchmarks over a seeded synthetic catalogue: a mix of actions and conditions,
//! 20 % of rules audience-targeted.
//!
//! Sanity run: `cargo bench -p cohort-engine --bench price -- --quick`.

use std::hint::black_box;

use chrono::DateTime;
use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator,
};
use cohort_domain::rule::{CartPriceRule, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Currency, LineItem, Websites};
use cohort_engine::{RuleSet, price};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

/// SplitMix64: a tiny deterministic generator, so the data set is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SKUS: u64 = 500;
const CATEGORIES: u64 = 40;
const AUDIENCES: u64 = 50;

fn values(list: &[String]) -> Vec<String> {
    list.to_vec()
}

fn rules(count: usize, rng: &mut Rng) -> Vec<CartPriceRule> {
    (0..count)
        .map(|n| {
            let action = match rng.below(4) {
                0 => SimpleAction::ByPercent,
                1 => SimpleAction::ByFixed,
                2 => SimpleAction::CartFixed,
                _ => SimpleAction::BuyXGetY,
            };
            let mut cart_conditions = vec![Condition::Address {
                attribute: AddressAttribute::Subtotal,
                operator: Operator::Gte,
                values: vec![rng.below(300).to_string()],
            }];
            if rng.below(5) == 0 {
                cart_conditions.push(Condition::Audience {
                    operator: AudienceOperator::IsOneOf,
                    audience_ids: vec![format!("aud-{}", rng.below(AUDIENCES))],
                });
            }
            let action_conditions = match rng.below(3) {
                0 => None,
                1 => Some(Condition::Product {
                    attribute: "category_ids".into(),
                    operator: Operator::Eq,
                    values: vec![rng.below(CATEGORIES).to_string()],
                }),
                _ => Some(Condition::Product {
                    attribute: "sku".into(),
                    operator: Operator::IsOneOf,
                    values: values(
                        &(0..5)
                            .map(|_| format!("sku-{}", rng.below(SKUS)))
                            .collect::<Vec<_>>(),
                    ),
                }),
            };
            CartPriceRule {
                id: n as u64 + 1,
                name: format!("rule {n}"),
                active: rng.below(10) != 0,
                website_ids: vec!["base".into()],
                customer_group_ids: vec!["0".into(), "1".into()],
                sort_order: rng.below(10) as u32,
                stop_rules_processing: rng.below(10) == 0,
                conditions: Some(Condition::Combine {
                    aggregator: Aggregator::All,
                    negate: false,
                    conditions: cart_conditions,
                }),
                action_conditions: action_conditions.map(|c| Condition::Combine {
                    aggregator: Aggregator::All,
                    negate: false,
                    conditions: vec![c],
                }),
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
        })
        .collect()
}

fn cart(lines: usize, rng: &mut Rng) -> Cart {
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
    let mut membership: Vec<String> = (0..5)
        .map(|_| format!("aud-{}", rng.below(AUDIENCES)))
        .collect();
    membership.sort();
    membership.dedup();
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
        coupon_codes: vec![],
        membership,
        evaluated_at: DateTime::UNIX_EPOCH,
    }
}

fn setup(rule_count: usize, lines: usize) -> (RuleSet, Cart) {
    let mut rng = Rng(0xC0_4027 ^ (rule_count as u64) << 16 ^ lines as u64);
    let set = RuleSet::compile(rules(rule_count, &mut rng), Websites::default(), 1);
    (set, cart(lines, &mut rng))
}

fn shapes(c: &mut Criterion) {
    let usage = UsageView::default();
    let mut group = c.benchmark_group("price");
    for (rule_count, lines) in [(100, 100), (1_000, 20)] {
        let (set, cart) = setup(rule_count, lines);
        let id = format!("{rule_count}_rules_x_{lines}_lines");
        group.bench_function(id, |b| {
            b.iter(|| price(black_box(&set), black_box(&cart), &usage))
        });
    }
    group.finish();
}

fn growth(c: &mut Criterion) {
    let usage = UsageView::default();
    let mut group = c.benchmark_group("growth_20_lines");
    for rule_count in [100, 1_000, 10_000] {
        let (set, cart) = setup(rule_count, 20);
        group.bench_with_input(
            BenchmarkId::from_parameter(rule_count),
            &rule_count,
            |b, _| b.iter(|| price(black_box(&set), black_box(&cart), &usage)),
        );
    }
    group.finish();
}

criterion_group!(benches, shapes, growth);
criterion_main!(benches);
