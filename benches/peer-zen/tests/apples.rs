//! The comparison is apples to apples: on the bench's own rule sets and carts (the very
//! same generator, `crates/cohort-engine/benches/stores.rs`), the rows zen-engine's table
//! matches are exactly the rules whose cart-level gates and conditions hold in Cohort.
//!
//! Cohort's side comes from its explain trace, which lists every rule. A rule passed the
//! cart level when its outcome is APPLIED, NO_MATCHING_ITEMS, STOPPED or ZERO_DISCOUNT (it
//! was a candidate and its cart conditions held); INACTIVE, OUTSIDE_DATES, WEBSITE_MISMATCH,
//! CUSTOMER_GROUP_MISMATCH, COUPON_MISSING, COUPON/CUSTOMER_LIMIT_REACHED and
//! CONDITIONS_NOT_MET mean it did not. "Discard subsequent rules" stops items, not rules
//! (2.4.7+ semantics): every candidate is still reached and its cart conditions evaluated,
//! so a stopped rule shows as STOPPED (or, with lines left, APPLIED), never hidden; and the
//! cart conditions the generator uses (SUBTOTAL, audiences, product found) do not move as
//! earlier rules apply, so the set does not depend on the order either.

use std::collections::{BTreeMap, BTreeSet};

use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Websites};
use cohort_engine::{PriceOptions, RuleOutcome, RuleSet, price, price_with};
use cohort_peer_zen::{PeerTable, cart_input};
use rust_decimal::Decimal;

#[path = "../../../crates/cohort-engine/benches/stores.rs"]
mod stores;

use stores::{Shape, store};

/// The shapes of `benches/peer.rs` (the engine bench's, with realistic at 1k and 10k rules).
const SHAPES: [(&str, Shape, usize, usize); 5] = [
    ("realistic 1k x 20", Shape::Realistic, 1_000, 20),
    ("realistic 10k x 20", Shape::Realistic, 10_000, 20),
    ("targets 100 x 100", Shape::Realistic, 100, 100),
    (
        "targets 10k x 20 (1% audience)",
        Shape::AudienceTargeted,
        10_000,
        20,
    ),
    ("all broad 1k x 20", Shape::AllBroad, 1_000, 20),
];

fn passed_cart_level(outcome: RuleOutcome) -> bool {
    match outcome {
        RuleOutcome::Applied
        | RuleOutcome::NoMatchingItems
        | RuleOutcome::Stopped
        | RuleOutcome::ZeroDiscount
        | RuleOutcome::Outbid => true,
        RuleOutcome::Inactive
        | RuleOutcome::OutsideDates
        | RuleOutcome::WebsiteMismatch
        | RuleOutcome::CustomerGroupMismatch
        | RuleOutcome::CouponMissing
        | RuleOutcome::CouponLimitReached
        | RuleOutcome::CustomerLimitReached
        | RuleOutcome::ConditionsNotMet => false,
    }
}

/// Cohort's side: (rules past the cart level, outcome counts).
fn cohort_side(
    set: &RuleSet,
    cart: &Cart,
    rule_count: usize,
) -> (BTreeSet<u64>, BTreeMap<String, usize>) {
    let usage = UsageView::default();
    let options = PriceOptions {
        explain: true,
        ..Default::default()
    };
    let priced = price_with(set, cart, &usage, &options);
    // The trace names every rule exactly once, so no rule's outcome is hidden.
    assert_eq!(priced.trace.len(), rule_count, "one trace entry per rule");
    let ids: BTreeSet<u64> = priced.trace.iter().map(|t| t.rule_id).collect();
    assert_eq!(ids.len(), rule_count, "every rule traced once");
    // The explain path prices like the indexed one (minus the trace).
    let mut plain = priced.clone();
    plain.trace.clear();
    assert_eq!(
        plain,
        price(set, cart, &usage),
        "explain and plain pricing differ"
    );

    let mut outcomes = BTreeMap::new();
    for t in &priced.trace {
        *outcomes.entry(format!("{:?}", t.outcome)).or_insert(0) += 1;
    }
    let passed = priced
        .trace
        .iter()
        .filter(|t| passed_cart_level(t.outcome))
        .map(|t| t.rule_id)
        .collect();
    (passed, outcomes)
}

/// Variants of the bench cart that move each gate: no coupon, no audiences, a tiny
/// subtotal, a year earlier (other rules in and out of their dates).
fn variants(cart: &Cart) -> Vec<(&'static str, Cart)> {
    let no_coupon = Cart {
        coupon_codes: Vec::new(),
        ..cart.clone()
    };
    let no_audiences = Cart {
        membership: Vec::new(),
        ..cart.clone()
    };
    let mut small = cart.clone();
    for item in &mut small.items {
        item.qty = Decimal::ONE;
        item.unit_price = Decimal::new(250, 2);
        item.unit_price_incl_tax = item.unit_price;
    }
    let earlier = Cart {
        evaluated_at: cart.evaluated_at - chrono::Days::new(365),
        ..cart.clone()
    };
    vec![
        ("bench cart", cart.clone()),
        ("no coupon", no_coupon),
        ("no audiences", no_audiences),
        ("small subtotal", small),
        ("a year earlier", earlier),
    ]
}

#[tokio::test]
async fn zen_matches_exactly_the_rules_past_cohorts_cart_level() {
    let websites = Websites::default();
    for (name, shape, rule_count, lines) in SHAPES {
        let (rules, cart) = store(shape, rule_count, lines);
        let table = PeerTable::new(&rules).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            table.rows, rule_count,
            "{name}: every generated rule is active"
        );
        let set = RuleSet::compile(rules, websites.clone(), 1);
        let mut strict_somewhere = false;
        for (variant, cart) in variants(&cart) {
            let (expected, outcomes) = cohort_side(&set, &cart, rule_count);
            let input = cart_input(&cart, &websites).unwrap_or_else(|e| panic!("{name}: {e}"));
            let matched = table
                .matched_rule_ids(input)
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let matched_set: BTreeSet<u64> = matched.iter().copied().collect();
            assert_eq!(
                matched.len(),
                matched_set.len(),
                "{name}, {variant}: a row twice"
            );
            assert_eq!(
                matched_set, expected,
                "{name}, {variant}: zen's rows differ from Cohort's cart-level rules ({outcomes:?})"
            );
            eprintln!(
                "{name}, {variant}: {} of {rule_count} rules past the cart level; {outcomes:?}",
                expected.len()
            );
            if variant == "bench cart" {
                assert!(
                    !expected.is_empty(),
                    "{name}: no rule passes: a vacuous comparison"
                );
            }
            strict_somewhere |= !expected.is_empty() && expected.len() < rule_count;
        }
        assert!(strict_somewhere, "{name}: the gates never separate rules");
    }
}

#[test]
fn more_than_one_coupon_is_refused() {
    let (_, mut cart) = store(Shape::Realistic, 100, 2);
    cart.coupon_codes = vec!["A".into(), "B".into()];
    assert!(cart_input(&cart, &Websites::default()).is_err());
}
