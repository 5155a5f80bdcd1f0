//! RULES.md §3: the rule loop that prices one cart against a [`RuleSet`].

use cohort_domain::Cart;
use cohort_domain::rule::{FreeShipping, SimpleAction};
use cohort_domain::usage::UsageView;
use rust_decimal::Decimal;

use crate::actions::{ItemState, gate, line_amount, rule_qty, split_cart_fixed};
use crate::candidate::{CodeState, Eligibility, select};
use crate::compile::{CompiledRule, RuleSet};
use crate::condition::{eval, explain};
use crate::facts::CartFacts;
use crate::limits::{MAX_CART_AMOUNT, MAX_ITEMS, MAX_QTY};
use crate::priced::{AppliedRule, CouponResult, CouponStatus, LinePrice, Priced, RuleDiscount};
use crate::rounding::Carries;
use crate::shipping::{ShippingInput, shipping_discount};
use crate::trace::{RuleOutcome, RuleTrace};

/// Options of one pricing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceOptions {
    /// Fill `Priced::trace`.
    pub explain: bool,
    /// Store code for labels; `None` uses the default label `labels[""]`.
    pub store: Option<String>,
}

/// Prices a cart without a trace. Pure and deterministic.
pub fn price(set: &RuleSet, cart: &Cart, usage: &UsageView) -> Priced {
    price_with(set, cart, usage, &PriceOptions::default())
}

/// What one rule did, for coupon results and the applied-rule list.
#[derive(Debug, Default)]
struct RuleResult {
    reached: bool,
    conditions_failed: bool,
    applied: bool,
    items: Decimal,
    shipping: Decimal,
    coupon: Option<usize>,
    label: String,
    /// Why a reached rule gave nothing (coupon messages).
    detail: String,
}

/// Prices a cart. Never panics: a cart outside the magnitude bounds of [`crate::limits`]
/// is returned undiscounted, with every coupon NOT_APPLICABLE naming the reason.
pub fn price_with(set: &RuleSet, cart: &Cart, usage: &UsageView, options: &PriceOptions) -> Priced {
    if let Some(reason) = out_of_range(cart) {
        return unpriced(set, cart, &reason);
    }
    let currency = cart.currency;
    let zone = set.websites.get(&cart.website_id).time_zone;
    let today = cart.evaluated_at.with_timezone(&zone).date_naive();
    let selection = select(set, cart, usage, today);
    let mut facts = CartFacts::new(cart);
    let row_totals: Vec<Decimal> = facts
        .items
        .iter()
        .map(|i| currency.round(i.row_total))
        .collect();
    let order = item_priority(set, &selection.rules, &facts);
    let mut states = vec![ItemState::default(); cart.items.len()];
    let shipping_amount = currency.round(cart.shipping_amount).max(Decimal::ZERO);
    let mut shipping_discounted = Decimal::ZERO;
    let mut shipping_stopped = false;
    let mut whole_shipment_free = false;
    let mut carries = Carries::new(currency);
    let mut results: Vec<RuleResult> = Vec::with_capacity(set.rules.len());
    let mut trace = Vec::new();

    for (index, rule) in set.rules.iter().enumerate() {
        let mut result = RuleResult::default();
        let coupon = match &selection.rules[index] {
            Eligibility::Rejected { outcome, detail } => {
                if options.explain {
                    trace.push(RuleTrace::new(rule.rule.id, *outcome, detail.clone()));
                }
                results.push(result);
                continue;
            }
            Eligibility::Candidate { coupon } => *coupon,
        };
        result.reached = true;
        result.coupon = coupon;
        let want_detail = options.explain || coupon.is_some();
        // Cart conditions are evaluated when the rule is reached, so they see the
        // discounts of earlier rules (SUBTOTAL_WITH_DISCOUNT).
        if let Some(conditions) = &rule.conditions
            && !eval(conditions, &facts, None)
        {
            result.conditions_failed = true;
            if want_detail {
                let (path, detail) = explain(conditions, &facts);
                result.detail = detail.clone();
                if options.explain {
                    let mut entry =
                        RuleTrace::new(rule.rule.id, RuleOutcome::ConditionsNotMet, detail);
                    entry.failed_condition_path = path;
                    trace.push(entry);
                }
            }
            results.push(result);
            continue;
        }
        let coupon_code = coupon
            .and_then(|j| cart.coupon_codes.get(j))
            .map(String::as_str);
        result.label = label(rule, coupon_code, options.store.as_deref());

        // Lines the rule reaches, in item priority order.
        let mut matched = Vec::new();
        let mut stopped_by = None;
        for &k in &order {
            let view = &facts.items[k];
            if view.item.no_discount {
                continue;
            }
            if let Some(actions) = &rule.actions
                && !eval(actions, &facts, Some(view))
            {
                continue;
            }
            if let Some(by) = states[k].stopped_by {
                stopped_by.get_or_insert(by);
                continue;
            }
            matched.push(k);
        }

        let mut gate_detail = None;
        let mut free_units = Decimal::ZERO;
        let mut cart_fixed_shipping = Decimal::ZERO;
        let mut processed = Vec::with_capacity(matched.len());
        let mut amounts = Vec::with_capacity(matched.len());
        if rule.rule.simple_action == SimpleAction::CartFixed {
            // discount_step is ignored by cart-fixed rules.
            let targets: Vec<(Decimal, Decimal)> = matched
                .iter()
                .map(|&k| {
                    let item = facts.items[k].item;
                    let available = (item.unit_price * rule_qty(rule, item.qty)
                        - states[k].discount)
                        .max(Decimal::ZERO);
                    (
                        available,
                        (row_totals[k] - states[k].discount).max(Decimal::ZERO),
                    )
                })
                .collect();
            let split = split_cart_fixed(
                rule,
                &targets,
                shipping_amount - shipping_discounted,
                &mut carries,
            );
            processed.extend(matched.iter().copied());
            amounts = split.shares;
            cart_fixed_shipping = split.shipping;
        } else {
            for &k in &matched {
                let item = facts.items[k].item;
                if let Some(why) = gate(rule, item.qty) {
                    gate_detail.get_or_insert(why);
                    continue;
                }
                let state = &mut states[k];
                let (exact, free) = line_amount(rule, item.unit_price, item.qty, state);
                free_units += free;
                let rounded = carries.round_for_percent(state.discount_percent, exact);
                let room = (row_totals[k] - state.discount).max(Decimal::ZERO);
                processed.push(k);
                amounts.push(rounded.min(room).max(Decimal::ZERO));
            }
        }

        for (&k, &amount) in processed.iter().zip(&amounts) {
            let state = &mut states[k];
            if amount > Decimal::ZERO {
                state.discount += amount;
                state.discounts.push((rule.rule.id, amount));
                state.applied.push(rule.rule.id);
                result.items += amount;
            }
            // Per-item stop, as in 2.4.7+: later rules skip this line only. A line the rule
            // processed is stopped even at a zero amount (the "0 % + discard" exclusion).
            if rule.rule.stop_rules_processing {
                state.stopped_by = Some(rule.rule.id);
            }
        }

        if rule.rule.apply_to_shipping && !shipping_stopped {
            let input = ShippingInput {
                shipping_amount,
                discounted: shipping_discounted,
                cart_fixed_share: cart_fixed_shipping,
                free_units,
                total_qty: facts.total_qty,
            };
            result.shipping = shipping_discount(rule, &input, currency);
            shipping_discounted += result.shipping;
        }
        // A rule that discards subsequent rules also ends the shipping loop after it.
        if rule.rule.stop_rules_processing {
            shipping_stopped = true;
        }

        let mut gave_free_shipping = false;
        if !matched.is_empty() {
            match rule.rule.free_shipping {
                FreeShipping::None => {}
                FreeShipping::WholeShipment => {
                    whole_shipment_free = true;
                    gave_free_shipping = true;
                }
                FreeShipping::MatchingItems => {
                    gave_free_shipping = true;
                    for &k in &matched {
                        mark_free(&mut states[k], rule, facts.items[k].item.qty);
                    }
                }
            }
        }

        result.applied =
            result.items > Decimal::ZERO || result.shipping > Decimal::ZERO || gave_free_shipping;
        facts.subtotal_with_discount = facts.subtotal
            - states.iter().map(|s| s.discount).sum::<Decimal>()
            - shipping_discounted;

        if want_detail {
            let (outcome, detail) = if result.applied {
                (
                    RuleOutcome::Applied,
                    format!(
                        "items {}, shipping {}{}",
                        currency.format(result.items),
                        currency.format(result.shipping),
                        if gave_free_shipping {
                            ", free shipping"
                        } else {
                            ""
                        }
                    ),
                )
            } else if matched.is_empty() && stopped_by.is_some() {
                (
                    RuleOutcome::Stopped,
                    "every matching line was stopped by an earlier rule".to_owned(),
                )
            } else if matched.is_empty() {
                (
                    RuleOutcome::NoMatchingItems,
                    "no line matches the action conditions".to_owned(),
                )
            } else {
                let why = gate_detail
                    .filter(|_| processed.is_empty())
                    .unwrap_or_else(|| "the discount computed to zero".to_owned());
                (RuleOutcome::ZeroDiscount, why)
            };
            result.detail = detail.clone();
            if options.explain {
                let mut entry = RuleTrace::new(rule.rule.id, outcome, detail);
                if outcome == RuleOutcome::Stopped {
                    entry.stopped_by_rule_id = stopped_by;
                }
                trace.push(entry);
            }
        }
        results.push(result);
    }

    let lines: Vec<LinePrice> = cart
        .items
        .iter()
        .zip(&states)
        .zip(&row_totals)
        .map(|((item, state), &row_total)| LinePrice {
            line_id: item.line_id.clone(),
            row_total,
            discount_amount: state.discount,
            row_total_after_discount: row_total - state.discount,
            free_shipping: state.free_shipping,
            free_shipping_qty: state.free_shipping_qty,
            discounts: state
                .discounts
                .iter()
                .map(|&(rule_id, amount)| RuleDiscount {
                    rule_id,
                    label: set
                        .by_id
                        .get(&rule_id)
                        .map(|&i| results[i].label.clone())
                        .unwrap_or_default(),
                    amount,
                })
                .collect(),
            applied_rule_ids: state.applied.clone(),
        })
        .collect();
    let applied_rules = set
        .rules
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.applied)
        .map(|(rule, r)| AppliedRule {
            rule_id: rule.rule.id,
            name: rule.rule.name.clone(),
            label: r.label.clone(),
            discount_amount: r.items,
            shipping_discount: r.shipping,
            coupon_code: r.coupon.and_then(|j| cart.coupon_codes.get(j)).cloned(),
        })
        .collect();
    let coupons = coupon_results(set, cart, &selection.codes, &results);

    let item_discount_total: Decimal = states.iter().map(|s| s.discount).sum();
    let free_shipping =
        whole_shipment_free || (!states.is_empty() && states.iter().all(|s| s.free_shipping));
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

fn mark_free(state: &mut ItemState, rule: &CompiledRule, line_qty: Decimal) {
    // The qty ships free only up to discount_qty when the rule caps it (RULES.md §7).
    let capped = rule.discount_qty.filter(|q| *q < line_qty);
    state.free_shipping_qty = if state.free_shipping {
        match (state.free_shipping_qty, capped) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        }
    } else {
        capped
    };
    state.free_shipping = true;
    if !state.applied.contains(&rule.rule.id) {
        state.applied.push(rule.rule.id);
    }
}

/// RULES.md §8: store label, default label, coupon code, "Discount".
fn label(rule: &CompiledRule, coupon: Option<&str>, store: Option<&str>) -> String {
    rule.rule
        .store_label(store)
        .or(coupon)
        .unwrap_or("Discount")
        .to_owned()
}

fn coupon_results(
    set: &RuleSet,
    cart: &Cart,
    codes: &[CodeState],
    results: &[RuleResult],
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
                let result = &results[*rule_index];
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
fn out_of_range(cart: &Cart) -> Option<String> {
    let qty = Decimal::from(MAX_QTY);
    let amount = Decimal::from(MAX_CART_AMOUNT);
    if cart.items.len() > MAX_ITEMS {
        return Some(format!("more than {MAX_ITEMS} lines"));
    }
    if cart.shipping_amount.abs() > amount {
        return Some("shipping_amount is out of range".to_owned());
    }
    cart.items.iter().find_map(|i| {
        (i.qty.abs() > qty
            || i.unit_price.abs() > amount
            || i.unit_price_incl_tax.abs() > amount
            || i.weight.abs() > amount)
            .then(|| format!("line {:?} has an amount out of range", i.line_id))
    })
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
        ruleset_version: set.version(),
    }
}
