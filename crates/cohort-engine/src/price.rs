//! RULES.md §3: pricing one cart against a [`RuleSet`]. Two drivers run the same rule
//! loop (`apply`): the indexed one visits only the rules that can apply (`plan`); the
//! un-indexed one visits every rule and is the reference (and the explain path, since the
//! trace lists every rule).

use std::sync::Arc;

use cohort_domain::Cart;
use cohort_domain::usage::UsageView;
use rust_decimal::Decimal;

use crate::apply::{RuleResult, Run};
use crate::candidate::{CodeState, Eligibility, resolve_codes, select};
use crate::compile::{CompiledRule, RuleSet};
use crate::condition::eval;
use crate::facts::CartFacts;
use crate::limits::{MAX_CART_AMOUNT, MAX_ITEMS, MAX_QTY};
use crate::plan::{LineMasks, LineTokens, Plan};
use cohort_domain::priced::RuleTrace;
use cohort_domain::priced::{AppliedRule, CouponResult, CouponStatus, LinePrice, Priced};

/// Options of one pricing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceOptions {
    /// Fill `Priced::trace` (with each near miss's hint).
    pub explain: bool,
    /// Fill `Priced::hints`: near misses that are exact for this cart (`hint`).
    pub hints: bool,
}

/// Prices a cart without a trace. Pure and deterministic.
pub fn price(set: &RuleSet, cart: &Cart, usage: &UsageView) -> Priced {
    price_with(set, cart, usage, &PriceOptions::default())
}

/// Prices a cart. Never panics: a cart outside the magnitude bounds of [`crate::limits`]
/// is returned undiscounted, with every coupon NOT_APPLICABLE naming the reason.
///
/// Without `explain` only the rules the candidate index cannot rule out are visited; the
/// result equals [`price_unindexed`]'s. With `explain` every rule is visited, as the trace
/// names each one.
pub fn price_with(set: &RuleSet, cart: &Cart, usage: &UsageView, options: &PriceOptions) -> Priced {
    price_driven(set, cart, usage, options, Driver::Auto)
}

/// Prices a cart visiting every rule (no candidate index): the reference the indexed path
/// is tested against, and the explain and hints path.
#[doc(hidden)]
pub fn price_unindexed(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
) -> Priced {
    price_driven(set, cart, usage, options, Driver::Unindexed)
}

/// Which rule loop prices a cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Driver {
    /// The indexed loop unless the trace or hints are wanted (they need every rule).
    Auto,
    /// Always the loop over every rule.
    Unindexed,
}

/// One pricing with the rules marked in `excluded` left out as if they were not in the set
/// (best-deal groups), and the near-miss candidates found when `near_misses`.
pub(crate) fn run(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
    driver: Driver,
    excluded: Option<&[bool]>,
    near_misses: bool,
) -> (Priced, Vec<crate::hint::Candidate>) {
    if driver == Driver::Unindexed
        || options.explain
        || options.hints
        || !set.index.usable(set.rules.len())
    {
        run_unindexed(set, cart, usage, options, near_misses, excluded)
    } else {
        (price_indexed(set, cart, usage, excluded), Vec::new())
    }
}

/// A pricing with its best-deal groups decided (`groups`), then its near misses checked.
fn grouped(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
    driver: Driver,
    near_misses: bool,
) -> (Priced, Vec<crate::hint::Candidate>) {
    if set.has_groups() {
        crate::groups::price_grouped(set, cart, usage, options, driver, near_misses)
    } else {
        run(set, cart, usage, options, driver, None, near_misses)
    }
}

fn price_driven(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
    driver: Driver,
) -> Priced {
    let (mut priced, candidates) = grouped(set, cart, usage, options, driver, true);
    if candidates.is_empty() {
        return priced;
    }
    // Each near miss is checked by pricing probes (`hint`); those pricings look for none.
    let probe = PriceOptions {
        explain: true,
        hints: false,
    };
    let hints = crate::hint::checked(cart, candidates, |c| {
        grouped(set, c, usage, &probe, Driver::Unindexed, false).0
    });
    if options.explain {
        for hint in &hints {
            if let Some(entry) = priced.trace.iter_mut().find(|t| {
                t.rule_id == hint.rule_id
                    && t.outcome == cohort_domain::priced::RuleOutcome::ConditionsNotMet
            }) {
                entry.hint = Some(hint.clone());
            }
        }
    }
    if options.hints {
        priced.hints = hints;
    }
    priced
}

/// The un-indexed rule loop; with `near_misses`, also the near-miss candidates found on the
/// way (for the trace or the hints) to check.
fn run_unindexed(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    options: &PriceOptions,
    near_misses: bool,
    excluded: Option<&[bool]>,
) -> (Priced, Vec<crate::hint::Candidate>) {
    if let Some(reason) = out_of_range(cart) {
        return (unpriced(set, cart, &reason), Vec::new());
    }
    let today = today(set, cart);
    let mut selection = select(set, cart, usage, today);
    if let Some(excluded) = excluded {
        for (eligibility, &out) in selection.rules.iter_mut().zip(excluded) {
            if out && matches!(eligibility, Eligibility::Candidate { .. }) {
                // The group decides this entry's trace (`groups`).
                *eligibility = Eligibility::Rejected {
                    outcome: cohort_domain::priced::RuleOutcome::Outbid,
                    detail: String::new(),
                };
            }
        }
    }
    let mut run = Run::new(set, cart, options.explain);
    run.want_hints = near_misses && (options.hints || options.explain);
    run.order = item_priority(set, &selection.rules, &run.facts);
    let mut results = Vec::new();
    for (index, eligibility) in selection.rules.iter().enumerate() {
        match eligibility {
            Eligibility::Rejected { outcome, detail } => {
                if options.explain {
                    let id = set.rules[index].rule.id;
                    run.trace.push(RuleTrace::new(id, *outcome, detail.clone()));
                }
            }
            Eligibility::Candidate { coupon } => {
                let result = run.apply(index, *coupon);
                results.push((index, result));
            }
        }
    }
    let candidates = std::mem::take(&mut run.hints);
    (finish(run, &selection.codes, &results), candidates)
}

fn price_indexed(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    excluded: Option<&[bool]>,
) -> Priced {
    if let Some(reason) = out_of_range(cart) {
        return unpriced(set, cart, &reason);
    }
    let today = today(set, cart);
    let mut codes = resolve_codes(set, cart, usage, today);
    if let Some(excluded) = excluded {
        // A left-out coupon rule is not reached; its code's result is the group's to say.
        codes.reached.retain(|&(i, _)| !excluded[i]);
    }
    let plan = Plan::new(set, cart, usage, today).excluding(excluded);
    let mut run = Run::new(set, cart, false);
    let tokens = LineTokens::new(&run.facts);
    run.order = plan.priority(&run.facts, &tokens, &codes);
    let runs = plan.runs(&run.facts, &tokens, &codes);
    run.masks = Some(LineMasks::new(&set.index, tokens));
    let mut results = Vec::with_capacity(runs.len());
    for (index, coupon) in runs {
        let result = run.apply(index, coupon);
        results.push((index, result));
    }
    finish(run, &codes.states, &results)
}

/// The evaluation date in the website's time zone (RULES.md §1.2).
pub(crate) fn today(set: &RuleSet, cart: &Cart) -> chrono::NaiveDate {
    let zone = set.websites.get(&cart.website_id).time_zone;
    cart.evaluated_at.with_timezone(&zone).date_naive()
}

/// The result of rule `index`, when it was reached; `results` is in priority order.
fn result_of(results: &[(usize, RuleResult)], index: usize) -> Option<&RuleResult> {
    results
        .binary_search_by_key(&index, |(i, _)| *i)
        .ok()
        .map(|n| &results[n].1)
}

/// Builds the answer from the final state and the reached rules' results.
fn finish(run: Run<'_>, codes: &[CodeState], results: &[(usize, RuleResult)]) -> Priced {
    let Run {
        set,
        cart,
        facts,
        row_totals,
        states,
        shipping_amount,
        shipping_discounted,
        whole_shipment_free,
        trace,
        ..
    } = run;
    let currency = cart.currency;
    let item_discount_total: Decimal = states.iter().map(|s| s.discount).sum();
    let free_shipping =
        whole_shipment_free || (!states.is_empty() && states.iter().all(|s| s.free_shipping));
    let lines: Vec<LinePrice> = cart
        .items
        .iter()
        .zip(states)
        .zip(&row_totals)
        .map(|((item, state), &row_total)| LinePrice {
            line_id: item.line_id.clone(),
            row_total,
            discount_amount: state.discount,
            row_total_after_discount: row_total - state.discount,
            free_shipping: state.free_shipping,
            free_shipping_qty: state.free_shipping_qty,
            discounts: state.discounts,
            applied_rule_ids: state.applied,
        })
        .collect();
    let applied_rules = results
        .iter()
        .filter(|(_, r)| r.recorded)
        .map(|(i, r)| AppliedRule {
            rule_id: set.rules[*i].rule.id,
            name: set.rules[*i].rule.name.clone(),
            label: Arc::clone(&r.label),
            discount_amount: r.items,
            shipping_discount: r.shipping,
            coupon_code: r.coupon.and_then(|j| cart.coupon_codes.get(j)).cloned(),
        })
        .collect();
    let coupons = coupon_results(set, cart, codes, results);
    Priced {
        currency,
        subtotal: facts.subtotal,
        item_discount_total,
        shipping_amount,
        shipping_discount: shipping_discounted,
        discount_total: item_discount_total + shipping_discounted,
        grand_total: facts.subtotal - item_discount_total + shipping_amount - shipping_discounted,
        free_shipping,
        lines,
        applied_rules,
        coupons,
        audience_ids: cart.membership.clone(),
        trace,
        hints: Vec::new(),
        ruleset_version: set.version(),
    }
}

/// RULES.md §3 "priority order of items": lines whose first matching candidate rule comes
/// earlier go first; ties and unmatched lines keep cart order, unmatched at the end.
fn item_priority(set: &RuleSet, eligibility: &[Eligibility], facts: &CartFacts<'_>) -> Vec<usize> {
    let candidates: Vec<&CompiledRule> = set
        .rules
        .iter()
        .zip(eligibility)
        .filter(|(_, e)| matches!(e, Eligibility::Candidate { .. }))
        .map(|(r, _)| r)
        .collect();
    let mut keyed: Vec<(usize, usize)> = facts
        .items
        .iter()
        .enumerate()
        .map(|(k, view)| {
            let first = candidates
                .iter()
                .position(|r| {
                    r.actions
                        .as_ref()
                        .is_none_or(|a| eval(a, facts, Some(view)))
                })
                .unwrap_or(usize::MAX);
            (first, k)
        })
        .collect();
    keyed.sort_by_key(|&(first, k)| (first, k));
    keyed.into_iter().map(|(_, k)| k).collect()
}

fn coupon_results(
    set: &RuleSet,
    cart: &Cart,
    codes: &[CodeState],
    results: &[(usize, RuleResult)],
) -> Vec<CouponResult> {
    cart.coupon_codes
        .iter()
        .zip(codes)
        .map(|(code, state)| match state {
            CodeState::Final {
                status,
                rule_id,
                message,
            } => CouponResult {
                code: code.clone(),
                status: *status,
                rule_id: *rule_id,
                message: message.clone(),
            },
            CodeState::Usable { rule_index } => {
                // A usable code's rule is a candidate, so it was reached on both paths.
                let Some(result) = result_of(results, *rule_index) else {
                    return CouponResult {
                        code: code.clone(),
                        status: CouponStatus::NotApplicable,
                        rule_id: Some(set.rules[*rule_index].rule.id),
                        message: String::new(),
                    };
                };
                let status = if result.applied {
                    CouponStatus::Applied
                } else if result.conditions_failed {
                    CouponStatus::ConditionsNotMet
                } else {
                    CouponStatus::NotApplicable
                };
                CouponResult {
                    code: code.clone(),
                    status,
                    rule_id: Some(set.rules[*rule_index].rule.id),
                    message: if result.applied {
                        String::new()
                    } else {
                        result.detail.clone()
                    },
                }
            }
        })
        .collect()
}

/// Inputs beyond the bounds of [`crate::limits`] could overflow decimal arithmetic.
pub(crate) fn out_of_range(cart: &Cart) -> Option<String> {
    if cart.items.len() > MAX_ITEMS {
        return Some(format!("more than {MAX_ITEMS} lines"));
    }
    if beyond(cart.shipping_amount, MAX_CART_AMOUNT) {
        return Some("shipping_amount is out of range".to_owned());
    }
    cart.items.iter().find_map(|i| {
        (beyond(i.qty, MAX_QTY)
            || beyond(i.unit_price, MAX_CART_AMOUNT)
            || beyond(i.unit_price_incl_tax, MAX_CART_AMOUNT)
            || beyond(i.weight, MAX_CART_AMOUNT))
        .then(|| format!("line {:?} has an amount out of range", i.line_id))
    })
}

/// `|value| > limit`. |value| = mantissa / 10^scale ≤ |mantissa|, so a mantissa within the
/// limit settles it without a decimal comparison (checked for every line of every cart).
fn beyond(value: Decimal, limit: i64) -> bool {
    value.mantissa().unsigned_abs() > limit.unsigned_abs() as u128
        && value.abs() > Decimal::from(limit)
}

/// An undiscounted answer for a cart that cannot be priced safely.
fn unpriced(set: &RuleSet, cart: &Cart, reason: &str) -> Priced {
    let currency = cart.currency;
    let lines: Vec<LinePrice> = cart
        .items
        .iter()
        .map(|i| {
            let row_total = i
                .qty
                .checked_mul(i.unit_price)
                .map(|t| currency.round(t))
                .unwrap_or(Decimal::ZERO);
            LinePrice {
                line_id: i.line_id.clone(),
                row_total,
                discount_amount: Decimal::ZERO,
                row_total_after_discount: row_total,
                free_shipping: false,
                free_shipping_qty: None,
                discounts: Vec::new(),
                applied_rule_ids: Vec::new(),
            }
        })
        .collect();
    let subtotal = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| acc.checked_add(l.row_total))
        .unwrap_or(Decimal::MAX);
    let shipping_amount = currency.round(cart.shipping_amount);
    Priced {
        currency,
        subtotal,
        item_discount_total: Decimal::ZERO,
        shipping_amount,
        shipping_discount: Decimal::ZERO,
        discount_total: Decimal::ZERO,
        grand_total: subtotal
            .checked_add(shipping_amount)
            .unwrap_or(Decimal::MAX),
        free_shipping: false,
        lines,
        applied_rules: Vec::new(),
        coupons: cart
            .coupon_codes
            .iter()
            .map(|code| CouponResult {
                code: code.clone(),
                status: CouponStatus::NotApplicable,
                rule_id: None,
                message: format!("cart not priced: {reason}"),
            })
            .collect(),
        audience_ids: cart.membership.clone(),
        trace: Vec::new(),
        hints: Vec::new(),
        ruleset_version: set.version(),
    }
}
