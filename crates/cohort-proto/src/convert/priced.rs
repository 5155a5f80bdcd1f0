//! Engine result → `PriceCartResponse`: amounts printed with exactly the currency's minor
//! units ("5.00").

use cohort_domain::Currency;
use cohort_engine::{CouponStatus, Priced, RuleOutcome};

use crate::v1;

pub fn priced_to_proto(p: &Priced) -> v1::PriceCartResponse {
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
            .iter()
            .map(|l| v1::LinePrice {
                line_id: l.line_id.clone(),
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
                        label: d.label.clone(),
                        amount: money(d.amount),
                    })
                    .collect(),
                applied_rule_ids: l.applied_rule_ids.clone(),
            })
            .collect(),
        applied_rules: p
            .applied_rules
            .iter()
            .map(|a| v1::AppliedRule {
                rule_id: a.rule_id,
                name: a.name.clone(),
                label: a.label.clone(),
                discount_amount: money(a.discount_amount),
                shipping_discount: money(a.shipping_discount),
                coupon_code: a.coupon_code.clone().unwrap_or_default(),
            })
            .collect(),
        coupons: p
            .coupons
            .iter()
            .map(|r| v1::CouponResult {
                code: r.code.clone(),
                status: coupon_status(r.status) as i32,
                rule_id: r.rule_id.unwrap_or(0),
                message: r.message.clone(),
            })
            .collect(),
        audience_ids: p.audience_ids.clone(),
        trace: p
            .trace
            .iter()
            .map(|t| v1::RuleTrace {
                rule_id: t.rule_id,
                outcome: outcome(t.outcome) as i32,
                failed_condition_path: t.failed_condition_path.clone(),
                stopped_by_rule_id: t.stopped_by_rule_id.unwrap_or(0),
                detail: t.detail.clone(),
            })
            .collect(),
        ruleset_version: p.ruleset_version,
    }
}

pub fn coupon_status(s: CouponStatus) -> v1::CouponStatus {
    use v1::CouponStatus as P;
    match s {
        CouponStatus::Applied => P::Applied,
        CouponStatus::NotFound => P::NotFound,
        CouponStatus::Expired => P::Expired,
        CouponStatus::RuleInactive => P::RuleInactive,
        CouponStatus::UsageLimitReached => P::UsageLimitReached,
        CouponStatus::CustomerLimitReached => P::CustomerLimitReached,
        CouponStatus::ConditionsNotMet => P::ConditionsNotMet,
        CouponStatus::NotApplicable => P::NotApplicable,
    }
}

pub fn outcome(o: RuleOutcome) -> v1::RuleOutcome {
    use v1::RuleOutcome as P;
    match o {
        RuleOutcome::Applied => P::Applied,
        RuleOutcome::Inactive => P::Inactive,
        RuleOutcome::OutsideDates => P::OutsideDates,
        RuleOutcome::WebsiteMismatch => P::WebsiteMismatch,
        RuleOutcome::CustomerGroupMismatch => P::CustomerGroupMismatch,
        RuleOutcome::CouponMissing => P::CouponMissing,
        RuleOutcome::CouponLimitReached => P::CouponLimitReached,
        RuleOutcome::CustomerLimitReached => P::CustomerLimitReached,
        RuleOutcome::ConditionsNotMet => P::ConditionsNotMet,
        RuleOutcome::NoMatchingItems => P::NoMatchingItems,
        RuleOutcome::Stopped => P::Stopped,
        RuleOutcome::ZeroDiscount => P::ZeroDiscount,
    }
}
