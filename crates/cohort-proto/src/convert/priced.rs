//! The domain's priced result → `PriceCartResponse`: amounts printed with exactly the currency's minor
//! units ("5.00").

use cohort_domain::{Currency, Membership, Priced, RuleHint};

use super::enums::{COUPON_STATUSES, MEMBERSHIP_SOURCES, RULE_OUTCOMES, to_proto};

use crate::v1;

/// A hint's amount as the API prints it: money with the currency's decimals, else plain.
pub fn hint_missing(currency: Currency, h: &RuleHint) -> String {
    if h.money {
        currency.format(h.missing)
    } else {
        h.missing.normalize().to_string()
    }
}

fn hint_to_proto(currency: Currency, h: RuleHint) -> v1::RuleHint {
    v1::RuleHint {
        rule_id: h.rule_id,
        label: h.label.to_string(),
        missing: hint_missing(currency, &h),
        attribute: h.attribute,
        condition_path: h.condition_path,
    }
}

/// Consumes the answer so its strings move into the response instead of being copied.
pub fn priced_to_proto(p: Priced) -> v1::PriceCartResponse {
    let c = p.currency;
    let money = |d| Currency::format(&c, d);
    v1::PriceCartResponse {
        currency: c.code().to_owned(),
        subtotal: money(p.subtotal),
        item_discount_total: money(p.item_discount_total),
        shipping_amount: money(p.shipping_amount),
        shipping_discount: money(p.shipping_discount),
        discount_total: money(p.discount_total),
        grand_total: money(p.grand_total),
        free_shipping: p.free_shipping,
        lines: p
            .lines
            .into_iter()
            .map(|l| v1::LinePrice {
                row_total: money(l.row_total),
                discount_amount: money(l.discount_amount),
                row_total_after_discount: money(l.row_total_after_discount),
                free_shipping: l.free_shipping,
                free_shipping_qty: l
                    .free_shipping_qty
                    .map(|q| q.normalize().to_string())
                    .unwrap_or_default(),
                discounts: l
                    .discounts
                    .iter()
                    .map(|d| v1::RuleDiscount {
                        rule_id: d.rule_id,
                        label: d.label.to_string(),
                        amount: money(d.amount),
                    })
                    .collect(),
                applied_rule_ids: l.applied_rule_ids,
                line_id: l.line_id,
            })
            .collect(),
        applied_rules: p
            .applied_rules
            .into_iter()
            .map(|a| v1::AppliedRule {
                rule_id: a.rule_id,
                label: a.label.to_string(),
                discount_amount: money(a.discount_amount),
                shipping_discount: money(a.shipping_discount),
                coupon_code: a.coupon_code.unwrap_or_default(),
                name: a.name,
            })
            .collect(),
        coupons: p
            .coupons
            .into_iter()
            .map(|r| v1::CouponResult {
                status: to_proto(&COUPON_STATUSES, r.status),
                rule_id: r.rule_id.unwrap_or(0),
                code: r.code,
                message: r.message,
            })
            .collect(),
        audience_ids: p.audience_ids,
        trace: p
            .trace
            .into_iter()
            .map(|t| v1::RuleTrace {
                rule_id: t.rule_id,
                outcome: to_proto(&RULE_OUTCOMES, t.outcome),
                stopped_by_rule_id: t.stopped_by_rule_id.unwrap_or(0),
                failed_condition_path: t.failed_condition_path,
                detail: t.detail,
                hint: t.hint.map(|h| hint_to_proto(c, h)),
                outbid_by_rule_id: t.outbid_by_rule_id.unwrap_or(0),
                outbid_by: t.outbid_by.map(|d| c.format(d)).unwrap_or_default(),
            })
            .collect(),
        hints: p.hints.into_iter().map(|h| hint_to_proto(c, h)).collect(),
        ruleset_version: p.ruleset_version,
        membership: None,
    }
}

/// The membership part of the answer.
pub fn membership_to_proto(m: Membership) -> v1::Membership {
    v1::Membership {
        source: to_proto(&MEMBERSHIP_SOURCES, m.source),
        audience_ids: m.audience_ids,
        age_ms: m.age_ms,
        note: m.note,
    }
}

/// A simulation's two answers (with their membership) and their differences →
/// `SimulateCartResponse`; amounts in the cart currency's decimals.
pub fn simulation_to_proto(
    live: (Priced, Membership),
    simulated: (Priced, Membership),
    comparison: &cohort_domain::Comparison,
    draft_rule_ids: Vec<u64>,
) -> v1::SimulateCartResponse {
    let c = live.0.currency;
    let money = |d| Currency::format(&c, d);
    let side = |(p, m): (Priced, Membership)| {
        let mut r = priced_to_proto(p);
        r.membership = Some(membership_to_proto(m));
        r
    };
    let outcome =
        |o: Option<cohort_domain::RuleOutcome>| o.map_or(0, |o| to_proto(&RULE_OUTCOMES, o));
    v1::SimulateCartResponse {
        discount_total_delta: money(comparison.discount_total_delta),
        grand_total_delta: money(comparison.grand_total_delta),
        lines: comparison
            .lines
            .iter()
            .map(|l| v1::LineDelta {
                line_id: l.line_id.clone(),
                live_discount: money(l.live),
                simulated_discount: money(l.simulated),
                delta: money(l.simulated - l.live),
            })
            .collect(),
        rules: comparison
            .rules
            .iter()
            .map(|r| v1::RuleDelta {
                rule_id: r.rule_id,
                live_discount: money(r.live),
                simulated_discount: money(r.simulated),
                delta: money(r.simulated - r.live),
                live_outcome: outcome(r.live_outcome),
                simulated_outcome: outcome(r.simulated_outcome),
            })
            .collect(),
        draft_rule_ids,
        live: Some(side(live)),
        simulated: Some(side(simulated)),
    }
}

/// One replayed cart's totals → `CartSimulated`.
pub fn cart_simulated_to_proto(index: u64, live: &Priced, simulated: &Priced) -> v1::CartSimulated {
    let c = live.currency;
    v1::CartSimulated {
        index,
        live_discount: c.format(live.discount_total),
        simulated_discount: c.format(simulated.discount_total),
        live_grand_total: c.format(live.grand_total),
        simulated_grand_total: c.format(simulated.grand_total),
    }
}

/// A replay's totals → `ReplaySummary` (USD decimals when no cart was replayed).
pub fn replay_summary_to_proto(
    s: &cohort_domain::ReplaySummary,
    draft_rule_ids: Vec<u64>,
) -> v1::ReplaySummary {
    let c = s.currency.unwrap_or(Currency::USD);
    v1::ReplaySummary {
        currency: s.currency.map(|c| c.code().to_owned()).unwrap_or_default(),
        carts: s.carts,
        affected: s.affected,
        live_discount: c.format(s.live_discount),
        simulated_discount: c.format(s.simulated_discount),
        rules: s
            .rules
            .iter()
            .map(|(&rule_id, t)| v1::RuleTally {
                rule_id,
                live_carts: t.live_carts,
                live_amount: c.format(t.live_amount),
                simulated_carts: t.simulated_carts,
                simulated_amount: c.format(t.simulated_amount),
            })
            .collect(),
        draft_rule_ids,
    }
}
