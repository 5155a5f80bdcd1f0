//! The hostile-input fuzz target: seeded large and deep carts and rule sets, as an attacker
//! or a careless client would send them (hundreds of thousands of codes, categories and
//! attributes, megabyte strings, out-of-range amounts, trees hundreds of levels deep or
//! thousands wide), through the whole pricing path a request takes: proto → validated
//! domain cart (with the default limits) → compiled rules → engine. Every input must be
//! refused with field violations or priced, never panic, and finish within a per-input
//! time limit.
//!
//! Stable Rust (cargo-fuzz needs nightly, which this project's machines do not have): 48
//! inputs in the normal suite, `COHORT_HOSTILE_CASES=N` for more (`cargo xtask
//! fuzz-engine` runs 2,000 in release mode).

use std::time::{Duration, Instant};

use chrono::DateTime;
use cohort_domain::usage::UsageView;
use cohort_domain::{CartLimits, Websites};
use cohort_engine::{PriceOptions, RuleSet, price_with};
use cohort_proto::convert::{cart_from_proto, rule_from_proto};
use cohort_proto::v1;
use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// One input's budget for the whole path, generous for a debug build on a shared 2-core
/// machine: the inputs that used to hold a core took 14 s to minutes.
const PER_INPUT: Duration = Duration::from_secs(3);

fn cases() -> u64 {
    std::env::var("COHORT_HOSTILE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// What an input makes enormous: one dimension per input, a few megabytes at most (as
/// much as a request of `server.max_message_bytes` can carry); the rest stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Rules,
    Depth,
    Width,
    Values,
    Lines,
    Text,
    Decimal,
    Categories,
    Attributes,
    Coupons,
    Audiences,
}

const DIMS: [Dim; 11] = [
    Dim::Rules,
    Dim::Depth,
    Dim::Width,
    Dim::Values,
    Dim::Lines,
    Dim::Text,
    Dim::Decimal,
    Dim::Categories,
    Dim::Attributes,
    Dim::Coupons,
    Dim::Audiences,
];

struct Gen {
    rng: TestRng,
    /// The enormous dimension, until its first use.
    huge: Option<Dim>,
}

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.rng.random::<u64>() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// A small size, or (the first time `dim` is asked, if it is this input's) an enormous one.
    fn size(&mut self, dim: Dim, small: u64, huge: u64) -> usize {
        if self.huge == Some(dim) {
            self.huge = None;
            (huge / 2 + self.below(huge / 2)) as usize
        } else {
            self.below(small) as usize
        }
    }
    fn text(&mut self) -> String {
        match self.below(6) {
            0 => String::new(),
            1 => " padded ".into(),
            2 => "x".repeat(self.size(Dim::Text, 64, 3 << 20)),
            3 => "\u{1F600}é\u{0}".repeat(self.size(Dim::Text, 8, 50_000)),
            _ => format!("v{}", self.below(10)),
        }
    }
    fn decimal(&mut self) -> String {
        match self.below(9) {
            0 => "1e16".into(),
            1 => "10000000000000000".into(),
            2 => "2000000000".into(),
            3 => "-1".into(),
            4 => "79228162514264337593543950335".into(),
            5 => "9".repeat(self.size(Dim::Decimal, 30, 200_000)),
            6 => "0.0000000000000000000000000001".into(),
            7 => String::new(),
            _ => format!("{}.{:02}", self.below(1000), self.below(100)),
        }
    }
}

fn cart(g: &mut Gen) -> v1::Cart {
    let lines = g.size(Dim::Lines, 8, 3_000);
    let items = (0..lines)
        .map(|n| v1::LineItem {
            line_id: if g.chance(5) {
                g.text()
            } else {
                format!("l{n}")
            },
            sku: g.text(),
            qty: g.decimal(),
            unit_price: g.decimal(),
            unit_price_incl_tax: if g.chance(50) {
                String::new()
            } else {
                g.decimal()
            },
            weight: g.decimal(),
            category_ids: (0..g.size(Dim::Categories, 4, 300_000))
                .map(|i| format!("{}", i % 7))
                .collect(),
            attribute_set_id: g.text(),
            attributes: (0..g.size(Dim::Attributes, 3, 100_000))
                .map(|i| {
                    (
                        format!("k{i}"),
                        if i == 0 { g.text() } else { "a,b".into() },
                    )
                })
                .collect(),
            no_discount: g.chance(10),
        })
        .collect();
    v1::Cart {
        website_id: if g.chance(80) {
            "base".into()
        } else {
            g.text()
        },
        currency: if g.chance(85) { "USD".into() } else { g.text() },
        customer_group_id: "0".into(),
        customer_id: if g.chance(30) {
            g.text()
        } else {
            String::new()
        },
        items,
        shipping_address: g.chance(30).then(|| v1::Address {
            country_id: g.text(),
            region: g.text(),
            region_id: g.text(),
            postcode: g.text(),
        }),
        shipping_method: g.text(),
        shipping_amount: g.decimal(),
        payment_method: g.text(),
        coupon_codes: (0..g.size(Dim::Coupons, 2, 300_000))
            .map(|_| String::new())
            .collect(),
        audience_ids: (0..g.size(Dim::Audiences, 3, 200_000))
            .map(|i| format!("seg-{i}"))
            .collect(),
        evaluated_at: None,
        // Checked by the application (membership), not by the cart's parser.
        identity: None,
    }
}

/// A condition tree `depth` levels deep along one branch and `width` wide at the root.
fn tree(g: &mut Gen, depth: usize, width: usize) -> v1::Condition {
    use v1::condition::Kind;
    let leaf = |g: &mut Gen| v1::Condition {
        kind: Some(Kind::Product(v1::ProductCondition {
            attribute: "sku".into(),
            operator: v1::Operator::IsOneOf as i32,
            values: (0..g.size(Dim::Values, 3, 200_000))
                .map(|i| format!("s{i}"))
                .collect(),
        })),
    };
    let mut node = leaf(g);
    for _ in 0..depth {
        node = v1::Condition {
            kind: Some(Kind::Combine(v1::Combine {
                aggregator: v1::Aggregator::Any as i32,
                negate: false,
                conditions: vec![node],
            })),
        };
    }
    let mut children = vec![node];
    children.extend((0..width).map(|_| leaf(g)));
    v1::Condition {
        kind: Some(Kind::Combine(v1::Combine {
            aggregator: v1::Aggregator::Any as i32,
            negate: false,
            conditions: children,
        })),
    }
}

fn rules(g: &mut Gen) -> Vec<v1::CartPriceRule> {
    (0..g.size(Dim::Rules, 4, 2_000))
        .map(|n| v1::CartPriceRule {
            id: n as u64 + 1,
            name: format!("r{n}"),
            active: true,
            website_ids: vec!["base".into()],
            customer_group_ids: vec!["0".into()],
            simple_action: v1::SimpleAction::ByPercent as i32,
            discount_amount: "10".into(),
            discount_step: if g.chance(5) { u32::MAX } else { 0 },
            action_conditions: g.chance(60).then(|| {
                let (depth, width) = (g.size(Dim::Depth, 4, 400), g.size(Dim::Width, 4, 40_000));
                tree(g, depth, width)
            }),
            ..Default::default()
        })
        .collect()
}

#[test]
fn hostile_carts_and_rules_are_refused_or_priced_in_time() {
    let limits = CartLimits::default();
    let websites = Websites::default();
    let mut slowest = Duration::ZERO;
    for case in 0..cases() {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&(0x4057_11E0 + case).to_le_bytes());
        let mut g = Gen {
            rng: TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
            huge: Some(DIMS[case as usize % DIMS.len()]),
        };
        let (proto_rules, proto_cart) = (rules(&mut g), cart(&mut g));
        let started = Instant::now();
        // Rules as RuleService would take them: invalid ones refused with field paths.
        let valid: Vec<_> = proto_rules
            .iter()
            .filter_map(|r| match rule_from_proto(r) {
                Ok(rule) => Some(rule),
                Err(e) => {
                    assert!(!e.violations.is_empty(), "case {case}");
                    None
                }
            })
            .collect();
        let set = RuleSet::compile(valid, websites.clone(), 1);
        match cart_from_proto(
            Some(proto_cart),
            &[],
            DateTime::UNIX_EPOCH,
            &limits,
            &websites,
        ) {
            Err(e) => {
                assert!(!e.violations.is_empty(), "case {case}");
                assert!(e.to_string().len() < 8_192, "case {case}: a short answer");
            }
            Ok(domain) => {
                for explain in [false, true] {
                    let options = PriceOptions {
                        explain,
                        hints: explain,
                    };
                    let priced = price_with(&set, &domain, &UsageView::default(), &options);
                    assert_eq!(priced.lines.len(), domain.items.len(), "case {case}");
                }
            }
        }
        let took = started.elapsed();
        slowest = slowest.max(took);
        assert!(took < PER_INPUT, "case {case} took {took:?}");
    }
    eprintln!("hostile inputs: {} cases, slowest {slowest:?}", cases());
}
