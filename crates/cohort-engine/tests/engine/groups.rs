//! Best-deal groups (docs/rules.md): of a group's candidates, only the one giving the cart
//! the largest discount applies; the others are OUTBID.

use cohort_domain::condition::{AddressAttribute, Operator};
use cohort_domain::priced::{CouponStatus, RuleOutcome};
use cohort_domain::rule::{CartPriceRule, SimpleAction};
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Websites};
use cohort_engine::{PriceOptions, Priced, RuleSet, price_unindexed, price_with};

use crate::support::*;

fn grouped(mut r: CartPriceRule, group: &str, sort_order: u32) -> CartPriceRule {
    r.exclusive_group = group.into();
    r.sort_order = sort_order;
    r
}

fn one_line() -> Cart {
    cart(vec![item("1", "A", "1", "100.00")])
}

/// Prices on both drivers (explained and not) and checks they agree on everything but the
/// trace; returns the explained answer.
fn both(set: &RuleSet, c: &Cart) -> Priced {
    let usage = UsageView::default();
    let plain = price_with(set, c, &usage, &PriceOptions::default());
    let unindexed = price_unindexed(set, c, &usage, &PriceOptions::default());
    assert_eq!(plain, unindexed, "indexed and un-indexed");
    let explain = PriceOptions {
        explain: true,
        ..Default::default()
    };
    let explained = price_with(set, c, &usage, &explain);
    let mut untraced = explained.clone();
    untraced.trace.clear();
    assert_eq!(plain, untraced, "the trace changes nothing else");
    explained
}

fn set(rules: Vec<CartPriceRule>) -> RuleSet {
    RuleSet::compile(rules, Websites::default(), 1)
}

#[test]
fn the_best_deal_wins_where_priority_would_pick_the_other() {
    let rules = vec![
        grouped(rule(1, SimpleAction::ByPercent, "10"), "vip", 1),
        grouped(rule(2, SimpleAction::ByPercent, "25"), "vip", 2),
    ];
    // Ungrouped, Magento stacks both: 10.00 then 25 % of the rest.
    let mut stacked = rules.clone();
    for r in &mut stacked {
        r.exclusive_group.clear();
    }
    let p = both(&set(stacked), &one_line());
    assert_eq!(p.discount_total, d("32.50"));
    assert_eq!(applied(&p), [1, 2]);

    let p = both(&set(rules), &one_line());
    assert_eq!(p.discount_total, d("25.00"));
    assert_eq!(applied(&p), [2]);
    assert_eq!(trace(&p, 2).outcome, RuleOutcome::Applied);
    let lost = trace(&p, 1);
    assert_eq!(lost.outcome, RuleOutcome::Outbid);
    assert_eq!(lost.outbid_by_rule_id, Some(2));
    assert_eq!(lost.outbid_by, Some(d("15.00")));
    assert!(
        lost.detail.contains("rule 2 gives 25.00"),
        "{}",
        lost.detail
    );
    assert!(lost.detail.contains("10.00"), "{}", lost.detail);
}

#[test]
fn equal_deals_go_to_the_earlier_rule() {
    let p = both(
        &set(vec![
            grouped(rule(7, SimpleAction::ByPercent, "10"), "g", 2),
            grouped(rule(3, SimpleAction::ByFixed, "10"), "g", 2),
            grouped(rule(9, SimpleAction::ByPercent, "10"), "g", 1),
        ]),
        &one_line(),
    );
    // (sort_order, id): 9 (sort 1) first, then 3, then 7.
    assert_eq!(applied(&p), [9]);
    for loser in [3, 7] {
        assert_eq!(trace(&p, loser).outcome, RuleOutcome::Outbid);
        assert_eq!(trace(&p, loser).outbid_by, Some(d("0")));
    }
}

#[test]
fn a_losing_stop_rule_stops_nothing_and_a_winning_one_stops_as_usual() {
    let stop = |mut r: CartPriceRule| {
        r.stop_rules_processing = true;
        r
    };
    let after = rule(5, SimpleAction::ByPercent, "5");
    let mut later = after.clone();
    later.sort_order = 9;
    // The stop rule loses: rule 5 still applies.
    let p = both(
        &set(vec![
            stop(grouped(rule(1, SimpleAction::ByPercent, "10"), "g", 1)),
            grouped(rule(2, SimpleAction::ByPercent, "20"), "g", 2),
            later.clone(),
        ]),
        &one_line(),
    );
    assert_eq!(applied(&p), [2, 5]);
    assert_eq!(p.discount_total, d("24.00"));
    // The stop rule wins: rule 5 is stopped on the line.
    let p = both(
        &set(vec![
            stop(grouped(rule(1, SimpleAction::ByPercent, "30"), "g", 1)),
            grouped(rule(2, SimpleAction::ByPercent, "20"), "g", 2),
            later,
        ]),
        &one_line(),
    );
    assert_eq!(applied(&p), [1]);
    assert_eq!(trace(&p, 5).outcome, RuleOutcome::Stopped);
    assert_eq!(trace(&p, 5).stopped_by_rule_id, Some(1));
}

#[test]
fn a_member_whose_conditions_fail_says_so_and_the_rest_compete() {
    let mut big = grouped(rule(1, SimpleAction::ByPercent, "50"), "g", 1);
    big.conditions = Some(all(vec![addr(
        AddressAttribute::Subtotal,
        Operator::Gte,
        &["500"],
    )]));
    let small = grouped(rule(2, SimpleAction::ByPercent, "10"), "g", 2);
    let p = both(&set(vec![big, small]), &one_line());
    assert_eq!(applied(&p), [2]);
    assert_eq!(trace(&p, 1).outcome, RuleOutcome::ConditionsNotMet);
    assert_eq!(trace(&p, 2).outcome, RuleOutcome::Applied);
}

#[test]
fn shipping_counts_in_the_bid_and_groups_are_decided_in_order() {
    let mut c = one_line();
    c.shipping_amount = d("30");
    let mut ship = grouped(rule(1, SimpleAction::ByPercent, "10"), "a", 1);
    ship.apply_to_shipping = true; // 10.00 + 3.00
    let items = grouped(rule(2, SimpleAction::ByFixed, "12"), "a", 2); // 12.00
    // A second group after the first sees only the first's winner.
    let b1 = grouped(rule(3, SimpleAction::ByPercent, "10"), "b", 3); // 10 % of 90.00 = 9.00
    let b2 = grouped(rule(4, SimpleAction::CartFixed, "8"), "b", 4); // 8.00
    let p = both(&set(vec![ship, items, b1, b2]), &c);
    assert_eq!(applied(&p), [1, 3]);
    assert_eq!(trace(&p, 2).outbid_by, Some(d("1.00")));
    assert_eq!(trace(&p, 4).outbid_by_rule_id, Some(3));
    assert_eq!(trace(&p, 4).outbid_by, Some(d("1.00")));
    assert_eq!(p.discount_total, d("22.00"));
}

#[test]
fn an_outbid_coupon_says_which_rule_won() {
    let coupon = specific(
        grouped(rule(1, SimpleAction::ByPercent, "5"), "g", 1),
        "SAVE5",
    );
    let auto = grouped(rule(2, SimpleAction::ByPercent, "15"), "g", 2);
    let mut c = one_line();
    c.coupon_codes = vec!["SAVE5".into()];
    let p = both(&set(vec![coupon, auto]), &c);
    assert_eq!(applied(&p), [2]);
    let result = &p.coupons[0];
    assert_eq!(result.status, CouponStatus::NotApplicable);
    assert_eq!(result.rule_id, Some(1));
    assert!(
        result.message.contains("rule 2 gives 15.00"),
        "{}",
        result.message
    );
}

#[test]
fn candidates_past_the_bound_are_outbid_unpriced() {
    let rules = vec![
        grouped(rule(1, SimpleAction::ByPercent, "10"), "g", 1),
        grouped(rule(2, SimpleAction::ByPercent, "20"), "g", 2),
        grouped(rule(3, SimpleAction::ByPercent, "90"), "g", 3),
    ];
    let p = both(
        &RuleSet::compile(rules, Websites::default(), 1).with_group_candidates(2),
        &one_line(),
    );
    assert_eq!(applied(&p), [2]);
    let past = trace(&p, 3);
    assert_eq!(past.outcome, RuleOutcome::Outbid);
    assert_eq!(past.outbid_by_rule_id, None);
    assert!(
        past.detail.contains("first 2 candidates"),
        "{}",
        past.detail
    );
}

#[test]
fn rules_without_a_group_price_as_before_beside_a_group() {
    let plain = vec![
        rule(1, SimpleAction::ByPercent, "10"),
        rule(2, SimpleAction::ByFixed, "3"),
    ];
    let mut with_group = plain.clone();
    // A group none of whose rules is a candidate for this cart (another website).
    let mut elsewhere = grouped(rule(3, SimpleAction::ByPercent, "50"), "g", 0);
    elsewhere.website_ids = vec!["other".into()];
    with_group.push(elsewhere);
    let c = cart(vec![
        item("1", "A", "2", "19.99"),
        item("2", "B", "1", "5.00"),
    ]);
    let a = both(&set(plain), &c);
    let mut b = both(&set(with_group), &c);
    b.trace.retain(|t| t.rule_id != 3);
    assert_eq!(a, b);
}

#[test]
fn a_sole_candidate_whose_conditions_fail_takes_no_part_even_in_item_order() {
    // Item priority puts first the lines of the earliest candidate whose action conditions
    // hold for them; with 50 % on 5.99 and 15.99 the order decides who gets the half cent.
    let c = cart(vec![
        item("1", "A", "1", "5.99"),
        item("2", "B", "1", "15.99"),
    ]);
    let mut failing = grouped(rule(1, SimpleAction::ByPercent, "10"), "g", 1);
    failing.conditions = Some(all(vec![addr(
        AddressAttribute::Subtotal,
        Operator::Gte,
        &["500"],
    )]));
    failing.action_conditions = Some(all(vec![prod("sku", Operator::Eq, &["B"])]));
    let mut half = rule(2, SimpleAction::ByPercent, "50");
    half.sort_order = 2;
    // Ungrouped, rule 1 is a §1 candidate: line 2 goes first and takes 8.00.
    let mut plain = failing.clone();
    plain.exclusive_group.clear();
    let p = both(&set(vec![plain, half.clone()]), &c);
    assert_eq!(discounts(&p), ds(&["2.99", "8.00"]));
    // Alone in its group and bidding nothing, it is left out: cart order, 3.00 and 7.99.
    let p = both(&set(vec![failing, half]), &c);
    assert_eq!(trace(&p, 1).outcome, RuleOutcome::ConditionsNotMet);
    assert_eq!(discounts(&p), ds(&["3.00", "7.99"]));
}

#[test]
fn a_cart_prices_at_most_its_probe_budget_of_candidates() {
    let groups = cohort_engine::MAX_GROUP_PROBES / 4 + 1;
    let rules: Vec<CartPriceRule> = (0..groups * 4)
        .map(|n| {
            let id = n as u64 + 1;
            grouped(
                rule(id, SimpleAction::ByFixed, "0.01"),
                &format!("g{}", n / 4),
                id as u32,
            )
        })
        .collect();
    let p = both(&set(rules), &one_line());
    let last = (groups * 4) as u64;
    let past = trace(&p, last);
    assert_eq!(past.outcome, RuleOutcome::Outbid);
    assert!(past.detail.contains("group pricings"), "{}", past.detail);
    // Every group within the budget applied its winner, the first of its four.
    assert_eq!(applied(&p).len(), groups - 1);
}
