//! Engine result → `PriceCartResponse`: amounts printed with exactly the currency's minor
//! units ("5.00").

use cohort_domain::{Currency, FieldViolation, ValidationError, parse_decimal};
use cohort_engine::{
    AppliedRule, CouponResult, CouponStatus, LinePrice, Priced, RuleDiscount, RuleOutcome,
    RuleTrace,
};
use rust_decimal::Decimal;

use crate::v1;

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
                status: coupon_status(r.status) as i32,
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
                outcome: outcome(t.outcome) as i32,
                stopped_by_rule_id: t.stopped_by_rule_id.unwrap_or(0),
                failed_condition_path: t.failed_condition_path,
                detail: t.detail,
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

/// `PriceCartResponse` → engine result, for callers that work on the domain form (e.g. to
/// compare two pricings). Every amount must be a decimal; paths name the bad field.
pub fn priced_from_proto(r: &v1::PriceCartResponse) -> Result<Priced, ValidationError> {
    let mut v = Vec::new();
    let currency = Currency::from_code(&r.currency).unwrap_or_else(|| {
        v.push(FieldViolation::new("currency", "is not an ISO 4217 code"));
        Currency::USD
    });
    let mut dec = |s: &str, field: String| -> Decimal {
        if s.is_empty() {
            return Decimal::ZERO;
        }
        parse_decimal(s).unwrap_or_else(|e| {
            v.push(FieldViolation::new(field, e));
            Decimal::ZERO
        })
    };
    let subtotal = dec(&r.subtotal, "subtotal".into());
    let item_discount_total = dec(&r.item_discount_total, "item_discount_total".into());
    let shipping_amount = dec(&r.shipping_amount, "shipping_amount".into());
    let shipping_discount = dec(&r.shipping_discount, "shipping_discount".into());
    let discount_total = dec(&r.discount_total, "discount_total".into());
    let grand_total = dec(&r.grand_total, "grand_total".into());
    let lines = r
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| LinePrice {
            line_id: l.line_id.clone(),
            row_total: dec(&l.row_total, format!("lines[{i}].row_total")),
            discount_amount: dec(&l.discount_amount, format!("lines[{i}].discount_amount")),
            row_total_after_discount: dec(
                &l.row_total_after_discount,
                format!("lines[{i}].row_total_after_discount"),
            ),
            free_shipping: l.free_shipping,
            free_shipping_qty: (!l.free_shipping_qty.is_empty()).then(|| {
                dec(
                    &l.free_shipping_qty,
                    format!("lines[{i}].free_shipping_qty"),
                )
            }),
            discounts: l
                .discounts
                .iter()
                .enumerate()
                .map(|(j, d)| RuleDiscount {
                    rule_id: d.rule_id,
                    label: d.label.as_str().into(),
                    amount: dec(&d.amount, format!("lines[{i}].discounts[{j}].amount")),
                })
                .collect(),
            applied_rule_ids: l.applied_rule_ids.clone(),
        })
        .collect();
    let applied_rules = r
        .applied_rules
        .iter()
        .enumerate()
        .map(|(i, a)| AppliedRule {
            rule_id: a.rule_id,
            name: a.name.clone(),
            label: a.label.as_str().into(),
            discount_amount: dec(
                &a.discount_amount,
                format!("applied_rules[{i}].discount_amount"),
            ),
            shipping_discount: dec(
                &a.shipping_discount,
                format!("applied_rules[{i}].shipping_discount"),
            ),
            coupon_code: Some(a.coupon_code.clone()).filter(|c| !c.is_empty()),
        })
        .collect();
    let mut coupons = Vec::with_capacity(r.coupons.len());
    for (i, c) in r.coupons.iter().enumerate() {
        let status = match v1::CouponStatus::try_from(c.status) {
            Ok(v1::CouponStatus::Applied) => CouponStatus::Applied,
            Ok(v1::CouponStatus::NotFound) => CouponStatus::NotFound,
            Ok(v1::CouponStatus::Expired) => CouponStatus::Expired,
            Ok(v1::CouponStatus::RuleInactive) => CouponStatus::RuleInactive,
            Ok(v1::CouponStatus::UsageLimitReached) => CouponStatus::UsageLimitReached,
            Ok(v1::CouponStatus::CustomerLimitReached) => CouponStatus::CustomerLimitReached,
            Ok(v1::CouponStatus::ConditionsNotMet) => CouponStatus::ConditionsNotMet,
            Ok(v1::CouponStatus::NotApplicable) => CouponStatus::NotApplicable,
            _ => {
                v.push(FieldViolation::new(
                    format!("coupons[{i}].status"),
                    "unknown or unset",
                ));
                continue;
            }
        };
        coupons.push(CouponResult {
            code: c.code.clone(),
            status,
            rule_id: (c.rule_id != 0).then_some(c.rule_id),
            message: c.message.clone(),
        });
    }
    let mut trace = Vec::with_capacity(r.trace.len());
    for (i, t) in r.trace.iter().enumerate() {
        use v1::RuleOutcome as P;
        let outcome = match P::try_from(t.outcome) {
            Ok(P::Applied) => RuleOutcome::Applied,
            Ok(P::Inactive) => RuleOutcome::Inactive,
            Ok(P::OutsideDates) => RuleOutcome::OutsideDates,
            Ok(P::WebsiteMismatch) => RuleOutcome::WebsiteMismatch,
            Ok(P::CustomerGroupMismatch) => RuleOutcome::CustomerGroupMismatch,
            Ok(P::CouponMissing) => RuleOutcome::CouponMissing,
            Ok(P::CouponLimitReached) => RuleOutcome::CouponLimitReached,
            Ok(P::CustomerLimitReached) => RuleOutcome::CustomerLimitReached,
            Ok(P::ConditionsNotMet) => RuleOutcome::ConditionsNotMet,
            Ok(P::NoMatchingItems) => RuleOutcome::NoMatchingItems,
            Ok(P::Stopped) => RuleOutcome::Stopped,
            Ok(P::ZeroDiscount) => RuleOutcome::ZeroDiscount,
            _ => {
                v.push(FieldViolation::new(
                    format!("trace[{i}].outcome"),
                    "unknown or unset",
                ));
                continue;
            }
        };
        trace.push(RuleTrace {
            rule_id: t.rule_id,
            outcome,
            failed_condition_path: t.failed_condition_path.clone(),
            stopped_by_rule_id: (t.stopped_by_rule_id != 0).then_some(t.stopped_by_rule_id),
            detail: t.detail.clone(),
        });
    }
    ValidationError::check(v)?;
    Ok(Priced {
        currency,
        subtotal,
        item_discount_total,
        shipping_amount,
        shipping_discount,
        discount_total,
        grand_total,
        free_shipping: r.free_shipping,
        lines,
        applied_rules,
        coupons,
        audience_ids: r.audience_ids.clone(),
        trace,
        ruleset_version: r.ruleset_version,
    })
}
