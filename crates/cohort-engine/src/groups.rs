//! Best-deal groups (docs/rules.md, "Best-deal groups"): of the candidate rules sharing an
//! `exclusive_group`, only the one that gives the cart the largest discount applies.
//!
//! Groups are decided one at a time, in priority order of their first member. Each of a
//! group's candidates (§1 eligible, the first `max_group_candidates` in priority order) is
//! priced alone of its group at its place in rule order: groups already decided keep only
//! their winner, groups not yet decided none of their candidates. A candidate that passes
//! its cart conditions and reaches a line or the shipping (it is listed in the probe's
//! applied rules) bids its total discount there (items + shipping); the largest bid wins,
//! ties by priority order, i.e. `(sort_order, id)`. The cart is then priced with every
//! other candidate left out, as if it were not in the rule set: losers stop nothing, take
//! no part in item priority and give nothing.

use cohort_domain::Cart;
use cohort_domain::priced::{CouponResult, CouponStatus, Priced, RuleOutcome, RuleTrace};
use cohort_domain::usage::UsageView;
use rust_decimal::Decimal;

use crate::candidate::{eligible, resolve_codes};
use crate::compile::RuleSet;
use crate::hint::Candidate;
use crate::price::{Driver, PriceOptions, out_of_range, run, today};

/// Candidates of all groups priced for one cart, whatever the groups' own bounds: past it,
/// candidates are OUTBID unpriced (a cart costs at most this many pricings more).
pub const MAX_GROUP_PROBES: usize = 64;

/// What the answer says of a candidate left out of the final pricing.
struct LeftOut {
    index: usize,
    trace: RuleTrace,
    /// Its code's result (at the code's index in the request), when a code reached it.
    coupon: Option<(usize, CouponResult)>,
}

/// One candidate's probe: its bid when it took part.
struct Probe {
    index: usize,
    priced: Priced,
    bid: Option<Decimal>,
    trace: Option<RuleTrace>,
    coupon: Option<(usize, CouponResult)>,
}

/// Prices a cart whose rule set has best-deal groups (see the module doc).
pub(crate) fn price_grouped(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
    driver: Driver,
    near_misses: bool,
) -> (Priced, Vec<Candidate>) {
    if out_of_range(cart).is_some() {
        // Declined whole (`price::unpriced`): nothing to decide.
        return run(set, cart, usage, options, driver, None, near_misses);
    }
    let today = today(set, cart);
    let codes = resolve_codes(set, cart, usage, today);
    let candidates: Vec<Vec<usize>> = set
        .groups
        .iter()
        .map(|group| {
            group
                .iter()
                .copied()
                .filter(|&i| eligible(set, cart, usage, today, &codes, i))
                .collect()
        })
        .collect();
    if candidates.iter().all(Vec::is_empty) {
        return run(set, cart, usage, options, driver, None, near_misses);
    }
    // Every candidate is out until its group is decided.
    let mut excluded = vec![false; set.rules.len()];
    for &i in candidates.iter().flatten() {
        excluded[i] = true;
    }
    // Probes only need the bids, and each candidate's trace and coupon result when the
    // answer shows them.
    let probe_options = PriceOptions {
        explain: options.explain,
        hints: false,
    };
    let mut left_out: Vec<LeftOut> = Vec::new();
    // The winner's probe of the last group decided, while nothing has changed since: it is
    // the final pricing when the answer wants nothing the probes left out.
    let mut last: Option<Priced> = None;
    let mut probes_left = MAX_GROUP_PROBES;
    for (g, members) in candidates.iter().enumerate() {
        let name = set.rules[set.groups[g][0]].rule.exclusive_group.trim();
        let bound = set.max_group_candidates.min(members.len()).min(probes_left);
        probes_left -= bound;
        let (priced, beyond) = members.split_at(bound);
        for &i in beyond {
            let rule = &set.rules[i].rule;
            let detail = if bound < set.max_group_candidates {
                format!(
                    "the cart's {MAX_GROUP_PROBES} group pricings went to earlier candidates; \
                     this rule of group {name:?} came after them"
                )
            } else {
                format!(
                    "group {name:?} prices its first {bound} candidates per cart; \
                     this rule came after them"
                )
            };
            left_out.push(LeftOut {
                index: i,
                trace: RuleTrace::new(rule.id, RuleOutcome::Outbid, detail.clone()),
                coupon: coupon_left_out(set, cart, &codes.reached, i, &detail),
            });
        }
        // A sole candidate is priced too: one that bids nothing is left out as in a
        // contest, so a rival's eligibility never changes what the others do.
        let probes: Vec<Probe> = priced
            .iter()
            .map(|&i| {
                excluded[i] = false;
                let (p, _) = run(
                    set,
                    cart,
                    usage,
                    &probe_options,
                    driver,
                    Some(&excluded),
                    false,
                );
                excluded[i] = true;
                probe_of(set, &codes.reached, p, i)
            })
            .collect();
        // The largest bid; `max_by` keeps the last of equals, so compare with the earlier
        // index winning ties (`priced` is in priority order).
        let winner = probes
            .iter()
            .filter_map(|p| p.bid.map(|b| (p.index, b)))
            .reduce(|best, next| if next.1 > best.1 { next } else { best });
        if let Some((w, _)) = winner {
            excluded[w] = false;
        }
        for probe in probes {
            if Some(probe.index) == winner.map(|(w, _)| w) {
                last = Some(probe.priced);
                continue;
            }
            let rule = &set.rules[probe.index].rule;
            let (trace, coupon) = match (probe.bid, winner) {
                (Some(bid), Some((w, best))) => {
                    let by = best - bid;
                    let winner_id = set.rules[w].rule.id;
                    let detail = format!(
                        "group {name:?}: rule {winner_id} gives {} against this rule's {} (by {})",
                        cart.currency.format(best),
                        cart.currency.format(bid),
                        cart.currency.format(by)
                    );
                    let mut trace = RuleTrace::new(rule.id, RuleOutcome::Outbid, detail.clone());
                    trace.outbid_by_rule_id = Some(winner_id);
                    trace.outbid_by = Some(by);
                    let coupon = coupon_left_out(set, cart, &codes.reached, probe.index, &detail);
                    (trace, coupon)
                }
                // It took no part (its conditions failed, or it reached nothing): what its
                // own pricing said of it.
                _ => (
                    probe.trace.unwrap_or_else(|| {
                        RuleTrace::new(rule.id, RuleOutcome::Outbid, String::new())
                    }),
                    probe.coupon,
                ),
            };
            left_out.push(LeftOut {
                index: probe.index,
                trace,
                coupon,
            });
        }
    }
    let reusable = !options.explain && !options.hints;
    let (mut priced, near) = match last.filter(|_| reusable) {
        Some(priced) => (priced, Vec::new()),
        None => run(
            set,
            cart,
            usage,
            options,
            driver,
            Some(&excluded),
            near_misses,
        ),
    };
    for out in left_out {
        let id = set.rules[out.index].rule.id;
        if options.explain
            && let Some(entry) = priced.trace.iter_mut().find(|t| t.rule_id == id)
        {
            *entry = out.trace;
        }
        if let Some((j, result)) = out.coupon
            && let Some(slot) = priced.coupons.get_mut(j)
        {
            *slot = result;
        }
    }
    (priced, near)
}

/// What candidate `index`'s probe says of it.
fn probe_of(set: &RuleSet, reached: &[(usize, usize)], priced: Priced, index: usize) -> Probe {
    let id = set.rules[index].rule.id;
    let bid = priced
        .applied_rules
        .iter()
        .find(|a| a.rule_id == id)
        .map(|a| a.discount_amount + a.shipping_discount);
    let trace = priced.trace.iter().find(|t| t.rule_id == id).cloned();
    let coupon = code_of(reached, index).and_then(|j| Some((j, priced.coupons.get(j)?.clone())));
    Probe {
        index,
        priced,
        bid,
        trace,
        coupon,
    }
}

/// The code index that reached rule `index`, if one did.
fn code_of(reached: &[(usize, usize)], index: usize) -> Option<usize> {
    reached.iter().find(|(i, _)| *i == index).map(|(_, j)| *j)
}

/// The result of the code that reached a left-out coupon rule: NOT_APPLICABLE, why.
fn coupon_left_out(
    set: &RuleSet,
    cart: &Cart,
    reached: &[(usize, usize)],
    index: usize,
    detail: &str,
) -> Option<(usize, CouponResult)> {
    code_of(reached, index).map(|j| {
        let result = CouponResult {
            code: cart.coupon_codes[j].clone(),
            status: CouponStatus::NotApplicable,
            rule_id: Some(set.rules[index].rule.id),
            message: detail.to_owned(),
        };
        (j, result)
    })
}
