//! The randomized differential test: seeded rule sets and carts over the whole rule model,
//! priced by the engine (indexed and explain paths) and by the reference evaluator of
//! `reference.rs`, which must agree on every figure, applied rule id and coupon status.
//!
//! 2,000 cases run in the normal suite. `cargo xtask fuzz-engine` runs 100,000 (or
//! `COHORT_DIFFERENTIAL_CASES`) in release mode. A difference fails with the shrunk
//! (minimal) rules, cart and usage that show it.
//!
//! The same generators feed the invariant property tests at the end of this file.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator, Condition, Operator as Op,
    SubselectAttribute,
};
use cohort_domain::coupon::Coupon;
use cohort_domain::rule::{CartPriceRule, CouponType, FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::validate::validate_rule;
use cohort_domain::{Address, Cart, Currency, LineItem, WebsiteSettings, Websites};
use cohort_engine::{CouponStatus, PriceOptions, Priced, RuleOutcome, RuleSet, price_with};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use rust_decimal::Decimal;

use crate::reference::{self, Status};
use crate::support::{at, d};

/// Cases per property: 2,000 by default, `COHORT_DIFFERENTIAL_CASES` to change it.
fn cases() -> u32 {
    std::env::var("COHORT_DIFFERENTIAL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn config(seed: u64) -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 20_000,
        ..ProptestConfig::default()
    }
}

fn pick(choices: &'static [&'static str]) -> impl Strategy<Value = Decimal> + Clone {
    prop::sample::select(choices).prop_map(d)
}

fn strings(choices: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    prop::sample::select(choices).prop_map(str::to_owned)
}

fn cents(max: i64) -> impl Strategy<Value = Decimal> + Clone {
    (0..=max).prop_map(|c| Decimal::new(c, 2))
}

/// The websites of the generated carts: `base` (USD, UTC), `jp` (JPY, no minor unit, and a
/// time zone nine hours ahead, so dates move), and `other` (defaults).
pub fn websites() -> Websites {
    let mut by_id = std::collections::HashMap::new();
    by_id.insert(
        "jp".to_owned(),
        WebsiteSettings {
            base_currency: Currency::from_code("JPY").unwrap(),
            time_zone: chrono_tz::Asia::Tokyo,
        },
    );
    Websites {
        default: WebsiteSettings::default(),
        by_id,
    }
}

// ---------------------------------------------------------------------------------------
// Carts

fn qty() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (1..6i64).prop_map(Decimal::from),
        // 6 and 12 make buy-X-get-Y divisions by the qty non-terminating (issue class 5).
        3 => pick(&["0.5", "1.5", "2.25", "3.333", "0.001", "10", "6", "12", "4.5"]),
    ]
}

fn price() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        5 => cents(20_000),
        3 => pick(&["0", "0.001", "0.004", "0.005", "0.01", "5.99", "15.99", "19.99", "3.3333", "0.333", "2.675", "1000"]),
    ]
}

fn line_item() -> impl Strategy<Value = LineItem> {
    (
        (
            strings(&["a", "b", "c", "d", "A", " b "]),
            qty(),
            price(),
            prop_oneof![3 => Just(None), 1 => pick(&["1.2", "1.19", "0"]).prop_map(Some)],
            pick(&["0", "1", "0.5", "2.25"]),
        ),
        (
            prop::sample::subsequence(vec!["1", "2", "3", "4", " 5 "], 0..=3),
            strings(&["4", "9", "", "4.0"]),
            strings(&["", "red", "blue", "red,blue", " Red ", "  "]),
            strings(&["", "10", "12.5", "1"]),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |((sku, qty, unit_price, tax, weight), (categories, set, color, size, no_discount))| {
                let mut attributes = BTreeMap::new();
                if !color.is_empty() {
                    attributes.insert("color".to_owned(), color);
                }
                if !size.is_empty() {
                    attributes.insert("size".to_owned(), size);
                }
                LineItem {
                    line_id: String::new(),
                    sku,
                    qty,
                    unit_price,
                    unit_price_incl_tax: tax.map_or(unit_price, |t| unit_price * t),
                    weight,
                    category_ids: categories.into_iter().map(str::to_owned).collect(),
                    attribute_set_id: set,
                    attributes,
                    no_discount,
                }
            },
        )
}

fn address() -> impl Strategy<Value = Option<Address>> {
    prop::option::weighted(
        0.6,
        (
            strings(&["US", "de", ""]),
            strings(&["CA", "ny", ""]),
            strings(&["12", ""]),
            strings(&["10001", "90210", ""]),
        )
            .prop_map(|(country_id, region, region_id, postcode)| Address {
                country_id,
                region,
                region_id,
                postcode,
            }),
    )
}

fn shop_cart() -> impl Strategy<Value = Cart> {
    (
        (
            prop::collection::vec(line_item(), 0..7),
            prop_oneof![10 => Just("base"), 1 => Just("jp"), 1 => Just("other")],
            strings(&["0", "1"]),
            prop::option::weighted(0.4, Just("c1".to_owned())),
            pick(&["0", "5", "10", "7.77", "0.01", "12.345", "0.03"]),
        ),
        (
            address(),
            strings(&["flatrate_flatrate", "freeshipping_freeshipping", ""]),
            strings(&["checkmo", "free", ""]),
            prop::sample::subsequence(
                vec![
                    "SAVE", " save ", "HALF", "GEN-1", "gen-2", "GEN-EXP", "nope",
                ],
                0..=2,
            ),
            prop::sample::subsequence(vec!["seg-1", "seg-2", "seg-3"], 0..=3),
            strings(&[
                "2026-06-01T12:00:00Z",
                "2026-05-31T20:00:00Z",
                "2026-06-30T23:59:59Z",
            ]),
        ),
    )
        .prop_map(
            |(
                (mut items, website, group, customer, shipping),
                (address, method, payment, codes, membership, when),
            )| {
                for (n, i) in items.iter_mut().enumerate() {
                    i.line_id = format!("l{n}");
                }
                let currency = websites().get(website).base_currency;
                Cart {
                    website_id: website.to_owned(),
                    currency,
                    customer_group_id: group,
                    customer_id: customer,
                    items,
                    shipping_address: address,
                    shipping_method: method,
                    shipping_amount: shipping,
                    payment_method: payment,
                    coupon_codes: codes.into_iter().map(str::to_owned).collect(),
                    membership: membership.into_iter().map(str::to_owned).collect(),
                    evaluated_at: at(&when),
                }
            },
        )
}

// ---------------------------------------------------------------------------------------
// Conditions

fn operator() -> impl Strategy<Value = Op> {
    prop::sample::select(vec![
        Op::Eq,
        Op::Ne,
        Op::Gte,
        Op::Gt,
        Op::Lte,
        Op::Lt,
        Op::Contains,
        Op::NotContains,
        Op::IsOneOf,
        Op::IsNotOneOf,
    ])
}

fn aggregator() -> impl Strategy<Value = Aggregator> {
    prop_oneof![Just(Aggregator::All), Just(Aggregator::Any)]
}

/// Values for `operator`: exactly one for scalar operators, one to three for list ones.
fn values(operator: Op, pool: &'static [&'static str]) -> BoxedStrategy<Vec<String>> {
    let one = strings(pool);
    if operator.takes_list() {
        prop::collection::vec(one, 1..=3).boxed()
    } else {
        one.prop_map(|v| vec![v]).boxed()
    }
}

const NUMBERS: &[&str] = &["0", "1", "2", "3", "10", "19.99", "50", "0.5", "100", "1.5"];

fn product_leaf() -> impl Strategy<Value = Condition> {
    let attributes: &[(&str, &[&str])] = &[
        ("sku", &["a", "b", "A", "c, d", "x", " b"]),
        ("category_ids", &["1", "2", "3, 4", "9", "5"]),
        ("attribute_set_id", &["4", "9", "4.0"]),
        ("quote_item_price", NUMBERS),
        ("quote_item_qty", NUMBERS),
        ("quote_item_row_total", NUMBERS),
        ("color", &["red", "blue", "re", "red,blue"]),
        ("size", &["10", "12.5", "1", "10.0"]),
    ];
    (prop::sample::select(attributes.to_vec()), operator()).prop_flat_map(
        |((attribute, pool), operator)| {
            values(operator, pool).prop_map(move |values| Condition::Product {
                attribute: attribute.to_owned(),
                operator,
                values,
            })
        },
    )
}

fn item_tree(depth: u32) -> BoxedStrategy<Condition> {
    if depth == 0 {
        return product_leaf().boxed();
    }
    prop_oneof![
        2 => product_leaf(),
        1 => (aggregator(), prop::bool::weighted(0.2), prop::collection::vec(item_tree(depth - 1), 0..3))
            .prop_map(|(aggregator, negate, conditions)| Condition::Combine {
                aggregator,
                negate,
                conditions,
            }),
    ]
    .boxed()
}

fn address_leaf() -> impl Strategy<Value = Condition> {
    let attributes: &[(A, &[&str])] = &[
        (A::Subtotal, &["0", "10", "50", "100", "200", "19.99"]),
        (A::SubtotalWithDiscount, &["0", "10", "50", "100", "45.5"]),
        (A::SubtotalInclTax, &["10", "50", "120"]),
        (A::TotalQty, &["1", "2", "3", "1.5"]),
        (A::Weight, &["0", "1", "5"]),
        (A::PaymentMethod, &["checkmo", "free", "check"]),
        (
            A::ShippingMethod,
            &["flatrate_flatrate", "flat", "freeshipping_freeshipping"],
        ),
        (A::Postcode, &["10001", "100", "90210"]),
        (A::Region, &["ca", "NY", "c"]),
        (A::RegionId, &["12", "12.0"]),
        (A::CountryId, &["US", "de", "u"]),
    ];
    (prop::sample::select(attributes.to_vec()), operator()).prop_flat_map(
        |((attribute, pool), operator)| {
            values(operator, pool).prop_map(move |values| Condition::Address {
                attribute,
                operator,
                values,
            })
        },
    )
}

fn cart_leaf() -> impl Strategy<Value = Condition> {
    prop_oneof![
        4 => address_leaf(),
        2 => (any::<bool>(), aggregator(), prop::collection::vec(item_tree(1), 0..3)).prop_map(
            |(not_found, aggregator, conditions)| Condition::ProductFound {
                not_found,
                aggregator,
                conditions,
            }
        ),
        2 => (
            prop::sample::select(vec![
                SubselectAttribute::Qty,
                SubselectAttribute::RowTotal,
                SubselectAttribute::RowTotalInclTax,
            ]),
            operator(),
            aggregator(),
            prop::collection::vec(item_tree(1), 0..3),
        )
            .prop_flat_map(|(attribute, operator, aggregator, conditions)| {
                values(operator, &["1", "2", "3", "20", "50.5", "100"]).prop_map(move |values| {
                    Condition::ProductSubselect {
                        attribute,
                        operator,
                        values,
                        aggregator,
                        conditions: conditions.clone(),
                    }
                })
            }),
        2 => (
            prop::sample::select(vec![
                AudienceOperator::Matches,
                AudienceOperator::DoesNotMatch,
                AudienceOperator::IsOneOf,
                AudienceOperator::IsNotOneOf,
            ]),
            prop::sample::subsequence(vec!["seg-1", "seg-2", "seg-3", "SEG-1"], 1..=2),
        )
            .prop_map(|(operator, ids)| Condition::Audience {
                operator,
                audience_ids: ids.into_iter().map(str::to_owned).collect(),
            }),
    ]
}

fn cart_tree(depth: u32) -> BoxedStrategy<Condition> {
    if depth == 0 {
        return cart_leaf().boxed();
    }
    (
        aggregator(),
        prop::bool::weighted(0.15),
        prop::collection::vec(
            prop_oneof![3 => cart_leaf().boxed(), 1 => cart_tree(depth - 1)],
            0..3,
        ),
    )
        .prop_map(|(aggregator, negate, conditions)| Condition::Combine {
            aggregator,
            negate,
            conditions,
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------
// Rules and usage

fn action() -> impl Strategy<Value = SimpleAction> {
    prop_oneof![
        Just(SimpleAction::ByPercent),
        Just(SimpleAction::ByFixed),
        Just(SimpleAction::CartFixed),
        Just(SimpleAction::BuyXGetY),
    ]
}

fn amount(action: SimpleAction) -> BoxedStrategy<Decimal> {
    match action {
        SimpleAction::ByPercent => {
            pick(&["0", "10", "15.5", "33.33", "50", "100", "12.345", "25", "7"]).boxed()
        }
        SimpleAction::BuyXGetY => pick(&["0", "1", "2", "0.5", "1"]).boxed(),
        _ => prop_oneof![
            2 => cents(3_000),
            3 => pick(&["0", "0.01", "1", "2.5", "5", "10", "15", "1.005", "0.333", "100", "0.005"]),
        ]
        .boxed(),
    }
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One rule; `n` (its 1-based position) makes its SPECIFIC coupon code unique.
fn cart_rule() -> impl Strategy<Value = CartPriceRule> {
    (
        action().prop_flat_map(|a| (Just(a), amount(a))),
        (
            prop::option::weighted(0.3, pick(&["1", "2", "0.5", "0"])),
            0..4u32,
            prop::bool::weighted(0.3),
            prop::bool::weighted(0.35),
            prop_oneof![5 => Just(FreeShipping::None), 1 => Just(FreeShipping::MatchingItems), 1 => Just(FreeShipping::WholeShipment)],
            0..3u32,
        ),
        (
            // Most rules are candidates for most carts, so that rules meet each other.
            prop::bool::weighted(0.95),
            prop_oneof![8 => Just(0usize), 1 => Just(1), 1 => Just(2), 1 => Just(3), 1 => Just(4)],
            prop_oneof![
                10 => Just(vec!["base"]),
                1 => Just(vec!["base", "jp"]),
                1 => Just(vec!["jp"]),
                1 => Just(vec!["other", "base"]),
                1 => Just(vec!["other"]),
            ],
            prop_oneof![6 => Just(vec!["0", "1"]), 1 => Just(vec!["0"]), 1 => Just(vec!["1"])],
        ),
        (
            prop_oneof![10 => Just(0u8), 2 => Just(1), 1 => Just(2), 1 => Just(3)],
            0..3u32,
            0..3u32,
            0..3u64,
        ),
        (
            prop::option::weighted(0.4, cart_tree(2)),
            prop::option::weighted(0.4, item_tree(2)),
        ),
    )
        .prop_map(
            |(
                (simple_action, discount_amount),
                (discount_qty, step, stop, to_shipping, free_shipping, sort_order),
                (active, dates, websites, groups),
                (coupon, uses_per_coupon, uses_per_customer, times_used),
                (conditions, action_conditions),
            )| {
                let (from_date, to_date) = [
                    (None, None),
                    (Some("2026-06-01"), None),
                    (None, Some("2026-05-31")),
                    (Some("2026-06-02"), None),
                    (Some("2026-05-01"), Some("2026-06-30")),
                ][dates];
                let discount_step = if simple_action == SimpleAction::BuyXGetY {
                    step.max(1)
                } else {
                    step
                };
                let (coupon_type, use_auto_generation) = match coupon {
                    0 => (CouponType::NoCoupon, false),
                    1 => (CouponType::Specific, false),
                    2 => (CouponType::Auto, false),
                    _ => (CouponType::Specific, true),
                };
                CartPriceRule {
                    name: "r".to_owned(),
                    active,
                    website_ids: websites.into_iter().map(str::to_owned).collect(),
                    customer_group_ids: groups.into_iter().map(str::to_owned).collect(),
                    from_date: from_date.map(date),
                    to_date: to_date.map(date),
                    sort_order,
                    stop_rules_processing: stop,
                    coupon_type,
                    use_auto_generation,
                    uses_per_coupon,
                    uses_per_customer,
                    conditions,
                    action_conditions,
                    simple_action,
                    discount_amount,
                    discount_qty,
                    discount_step,
                    apply_to_shipping: to_shipping,
                    free_shipping,
                    times_used,
                    ..CartPriceRule::default()
                }
            },
        )
}

/// SPECIFIC codes by rule id; the carts ask for some of them (in other cases too).
const CODES: &[&str] = &["SAVE", "HALF", "DEAL", "OFF", "MORE", "LESS", "LAST"];

fn rule_list() -> impl Strategy<Value = Vec<CartPriceRule>> {
    prop::collection::vec(cart_rule(), 0..7).prop_map(|mut rules| {
        for (n, r) in rules.iter_mut().enumerate() {
            r.id = n as u64 + 1;
            if r.coupon_type == CouponType::Specific {
                r.coupon_code = CODES[n].to_owned();
            }
        }
        rules
    })
}

/// Generated coupon rows for `GEN-1`, `gen-2` and an expired `GEN-EXP`, a row for `SAVE`
/// at times, and the cart customer's counts.
fn usage() -> impl Strategy<Value = UsageView> {
    (
        prop::collection::vec((1..8u64, 0..3u32, 0..3u32, 0..3u64), 4),
        prop::bool::weighted(0.3),
        (0..3u64, 0..3u64, prop::collection::vec(0..3u64, 7)),
    )
        .prop_map(|(rows, save_row, (gen_uses, save_uses, rule_uses))| {
            let mut view = UsageView::new();
            let codes = ["GEN-1", "gen-2", "GEN-EXP", "SAVE"];
            for (n, (rule_id, usage_limit, usage_per_customer, times_used)) in
                rows.into_iter().enumerate()
            {
                if n == 3 && !save_row {
                    continue;
                }
                view.insert_coupon(Coupon {
                    code: codes[n].to_owned(),
                    // SAVE belongs to rule 1 (CODES[0]).
                    rule_id: if n == 3 { 1 } else { rule_id },
                    usage_limit,
                    usage_per_customer,
                    times_used,
                    expires_on: (n == 2).then(|| date("2026-05-01")),
                    generated: n < 3,
                });
            }
            view.set_customer_coupon_uses("GEN-1", gen_uses);
            view.set_customer_coupon_uses("save", save_uses);
            for (n, uses) in rule_uses.into_iter().enumerate() {
                view.set_customer_rule_uses(n as u64 + 1, uses);
            }
            view
        })
}

// ---------------------------------------------------------------------------------------
// Comparison

fn status_of(status: CouponStatus) -> Status {
    match status {
        CouponStatus::Applied => Status::Applied,
        CouponStatus::NotFound => Status::NotFound,
        CouponStatus::Expired => Status::Expired,
        CouponStatus::RuleInactive => Status::RuleInactive,
        CouponStatus::UsageLimitReached => Status::UsageLimitReached,
        CouponStatus::CustomerLimitReached => Status::CustomerLimitReached,
        CouponStatus::ConditionsNotMet => Status::ConditionsNotMet,
        CouponStatus::NotApplicable => Status::NotApplicable,
    }
}

/// Every way `got` differs from the reference's `want`; empty when they agree.
fn differences(got: &Priced, want: &reference::Priced) -> Vec<String> {
    let mut out = Vec::new();
    let mut same = |what: &str, g: String, w: String| {
        if g != w {
            out.push(format!("{what}: engine {g}, reference {w}"));
        }
    };
    let money = |x: Decimal| x.normalize().to_string();
    same("subtotal", money(got.subtotal), money(want.subtotal));
    same(
        "item_discount_total",
        money(got.item_discount_total),
        money(want.item_discount_total),
    );
    same(
        "shipping_amount",
        money(got.shipping_amount),
        money(want.shipping_amount),
    );
    same(
        "shipping_discount",
        money(got.shipping_discount),
        money(want.shipping_discount),
    );
    same(
        "discount_total",
        money(got.discount_total),
        money(want.discount_total),
    );
    same(
        "grand_total",
        money(got.grand_total),
        money(want.grand_total),
    );
    same(
        "free_shipping",
        got.free_shipping.to_string(),
        want.free_shipping.to_string(),
    );
    same(
        "applied_rules",
        format!(
            "{:?}",
            got.applied_rules
                .iter()
                .map(|r| (
                    r.rule_id,
                    money(r.discount_amount),
                    money(r.shipping_discount)
                ))
                .collect::<Vec<_>>()
        ),
        format!(
            "{:?}",
            want.applied
                .iter()
                .map(|r| (r.rule_id, money(r.items), money(r.shipping)))
                .collect::<Vec<_>>()
        ),
    );
    same(
        "coupons",
        format!(
            "{:?}",
            got.coupons
                .iter()
                .map(|c| (status_of(c.status), c.rule_id))
                .collect::<Vec<_>>()
        ),
        format!("{:?}", want.coupons),
    );
    for (g, w) in got.lines.iter().zip(&want.lines) {
        let id = &w.line_id;
        same(
            &format!("{id}.row_total"),
            money(g.row_total),
            money(w.row_total),
        );
        same(
            &format!("{id}.discount_amount"),
            money(g.discount_amount),
            money(w.discount),
        );
        same(
            &format!("{id}.row_total_after_discount"),
            money(g.row_total_after_discount),
            money(w.row_total_after_discount),
        );
        same(
            &format!("{id}.discounts"),
            format!(
                "{:?}",
                g.discounts
                    .iter()
                    .map(|x| (x.rule_id, money(x.amount)))
                    .collect::<Vec<_>>()
            ),
            format!(
                "{:?}",
                w.discounts
                    .iter()
                    .map(|(r, a)| (*r, money(*a)))
                    .collect::<Vec<_>>()
            ),
        );
        same(
            &format!("{id}.applied_rule_ids"),
            format!("{:?}", g.applied_rule_ids),
            format!("{:?}", w.applied_rule_ids),
        );
        same(
            &format!("{id}.free_shipping"),
            g.free_shipping.to_string(),
            w.free_shipping.to_string(),
        );
        same(
            &format!("{id}.free_shipping_qty"),
            format!("{:?}", g.free_shipping_qty.map(money)),
            format!("{:?}", w.free_shipping_qty.map(money)),
        );
    }
    if got.lines.len() != want.lines.len() {
        out.push(format!(
            "lines: engine {}, reference {}",
            got.lines.len(),
            want.lines.len()
        ));
    }
    out
}

fn engine(rules: &[CartPriceRule], cart: &Cart, usage: &UsageView, explain: bool) -> Priced {
    let set = RuleSet::compile(rules.to_vec(), websites(), 1);
    let options = PriceOptions {
        explain,
        hints: explain,
    };
    price_with(&set, cart, usage, &options)
}

/// The generator's rules are valid (what RuleService would store).
fn all_valid(rules: &[CartPriceRule]) -> Result<(), String> {
    for r in rules {
        validate_rule(r).map_err(|e| format!("rule {}: {e}", r.id))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(0x00D1_FF00))]

    /// The engine, indexed and with explain, prices every cart as the reference does.
    #[test]
    fn the_engine_agrees_with_the_reference(
        rules in rule_list(), cart in shop_cart(), usage in usage()
    ) {
        prop_assert!(all_valid(&rules).is_ok(), "{:?}", all_valid(&rules));
        let want = reference::price(&rules, &cart, &usage, &websites());
        for explain in [false, true] {
            let got = engine(&rules, &cart, &usage, explain);
            let diffs = differences(&got, &want);
            prop_assert!(
                diffs.is_empty(),
                "explain = {explain}:\n  {}\nrules: {rules:#?}\ncart: {cart:#?}\nusage: {usage:#?}",
                diffs.join("\n  ")
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Invariants (RULES.md §5, §3)

/// `x` has no more decimals than the currency prints.
fn printed(x: Decimal, currency: Currency) -> bool {
    x == currency.round(x)
}

proptest! {
    #![proptest_config(config(0x00F1_6E55))]

    /// Every printed figure is rounded, and the totals are exact sums and differences of
    /// the printed figures.
    #[test]
    fn printed_figures_add_up(rules in rule_list(), cart in shop_cart(), usage in usage()) {
        let p = engine(&rules, &cart, &usage, false);
        let c = cart.currency;
        let mut figures = vec![
            p.subtotal, p.item_discount_total, p.shipping_amount, p.shipping_discount,
            p.discount_total, p.grand_total,
        ];
        for l in &p.lines {
            figures.extend([l.row_total, l.discount_amount, l.row_total_after_discount]);
            figures.extend(l.discounts.iter().map(|x| x.amount));
            prop_assert_eq!(l.row_total_after_discount, l.row_total - l.discount_amount);
            prop_assert_eq!(l.discounts.iter().map(|x| x.amount).sum::<Decimal>(), l.discount_amount);
        }
        for r in &p.applied_rules {
            figures.extend([r.discount_amount, r.shipping_discount]);
        }
        for x in &figures {
            prop_assert!(printed(*x, c), "{x} is not rounded to {}", c.code());
        }
        prop_assert_eq!(p.subtotal, p.lines.iter().map(|l| l.row_total).sum::<Decimal>());
        prop_assert_eq!(p.item_discount_total, p.lines.iter().map(|l| l.discount_amount).sum::<Decimal>());
        prop_assert_eq!(p.item_discount_total, p.applied_rules.iter().map(|r| r.discount_amount).sum::<Decimal>());
        prop_assert_eq!(p.shipping_discount, p.applied_rules.iter().map(|r| r.shipping_discount).sum::<Decimal>());
        prop_assert_eq!(p.discount_total, p.item_discount_total + p.shipping_discount);
        prop_assert_eq!(
            p.grand_total,
            p.subtotal - p.item_discount_total + p.shipping_amount - p.shipping_discount
        );
    }

    /// A line's discount stays within 0..row total; shipping within 0..shipping.
    #[test]
    fn discounts_stay_within_what_they_discount(
        rules in rule_list(), cart in shop_cart(), usage in usage()
    ) {
        let p = engine(&rules, &cart, &usage, false);
        for l in &p.lines {
            prop_assert!(l.discount_amount >= Decimal::ZERO && l.discount_amount <= l.row_total, "{l:?}");
        }
        prop_assert!(p.shipping_discount >= Decimal::ZERO && p.shipping_discount <= p.shipping_amount);
        prop_assert!(p.grand_total >= Decimal::ZERO);
    }

    /// Every applied rule id (the answer's and each line's) is a rule that passed its cart
    /// conditions when it was reached (its trace says it ran: applied or zero discount).
    #[test]
    fn applied_rules_passed_their_conditions(
        rules in rule_list(), cart in shop_cart(), usage in usage()
    ) {
        let p = engine(&rules, &cart, &usage, true);
        let ran = |id: u64| {
            p.trace.iter().any(|t| {
                t.rule_id == id
                    && matches!(t.outcome, RuleOutcome::Applied | RuleOutcome::ZeroDiscount)
            })
        };
        for r in &p.applied_rules {
            prop_assert!(ran(r.rule_id), "rule {} applied: {:?}", r.rule_id, p.trace);
        }
        for l in &p.lines {
            for id in &l.applied_rule_ids {
                prop_assert!(ran(*id), "rule {id} on {}: {:?}", l.line_id, p.trace);
                prop_assert!(p.applied_rules.iter().any(|r| r.rule_id == *id));
            }
        }
    }
}
