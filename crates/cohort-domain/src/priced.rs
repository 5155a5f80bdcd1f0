//! The result of pricing one cart: the domain form of `PriceCartResponse`, with the explain
//! trace (what happened to each rule, and why). Every amount is already rounded to the cart
//! currency's minor unit. The engine produces it; adapters map it to their wire formats.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::Currency;

/// A priced cart.
///
/// `grand_total = subtotal − item_discount_total + shipping_amount − shipping_discount`;
/// `discount_total = item_discount_total + shipping_discount`.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub currency: Currency,
    /// Σ of the rounded line row totals.
    pub subtotal: Decimal,
    /// Σ line discounts.
    pub item_discount_total: Decimal,
    /// As the caller sent it (rounded); free shipping does not change it (RULES.md §7).
    pub shipping_amount: Decimal,
    pub shipping_discount: Decimal,
    pub discount_total: Decimal,
    pub grand_total: Decimal,
    /// A WHOLE_SHIPMENT rule fired, or every line is free-shipping.
    pub free_shipping: bool,
    /// In cart order.
    pub lines: Vec<LinePrice>,
    /// Rules that gave a discount or free shipping, in application order.
    pub applied_rules: Vec<AppliedRule>,
    /// One per requested coupon code, in request order.
    pub coupons: Vec<CouponResult>,
    /// The membership used (sorted, de-duplicated).
    pub audience_ids: Vec<String>,
    /// One entry per rule in priority order when `explain` was asked, else empty.
    pub trace: Vec<RuleTrace>,
    /// Near misses, in priority order, when `hints` was asked, else empty.
    pub hints: Vec<RuleHint>,
    pub ruleset_version: u64,
}

/// A near miss: a rule whose only failing cart conditions are thresholds on one amount the
/// shopper can grow by adding to the cart, and the smallest amount to add for them to hold
/// (exact: with `missing` added they hold, with one unit less they do not; the unit is the
/// currency's minor unit for money, 1 for quantities, 0.0001 for weight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHint {
    pub rule_id: u64,
    /// As the answer's applied rules label it.
    pub label: Arc<str>,
    /// `subtotal`, `subtotal_with_discount`, `subtotal_incl_tax`, `total_qty`, `weight`, or a
    /// products subselection's `subselect_qty`, `subselect_row_total`,
    /// `subselect_row_total_incl_tax`.
    pub attribute: String,
    /// 1-based child indexes from the root of `conditions` of the (first) condition on the
    /// attribute, as `RuleTrace::failed_condition_path` writes them.
    pub condition_path: String,
    pub missing: Decimal,
    /// `missing` is money (printed with the currency's decimals).
    pub money: bool,
}

/// One priced line.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePrice {
    pub line_id: String,
    /// qty × unit_price, rounded.
    pub row_total: Decimal,
    pub discount_amount: Decimal,
    pub row_total_after_discount: Decimal,
    pub free_shipping: bool,
    /// The qty that ships free when the rule capped it with `discount_qty`.
    pub free_shipping_qty: Option<Decimal>,
    /// Per rule that discounted this line (or gave it free shipping), in application order.
    pub discounts: Vec<RuleDiscount>,
    pub applied_rule_ids: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleDiscount {
    pub rule_id: u64,
    /// Shared with the rule set (or, for a coupon-code label, this answer): cloning is cheap.
    pub label: Arc<str>,
    pub amount: Decimal,
}

/// A rule that gave something to the cart.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedRule {
    pub rule_id: u64,
    pub name: String,
    /// Store label, else the coupon code used, else `"Discount"` (RULES.md §8).
    pub label: Arc<str>,
    /// Σ of its line discounts.
    pub discount_amount: Decimal,
    pub shipping_discount: Decimal,
    /// The requested code (as sent) through which the rule was reached.
    pub coupon_code: Option<String>,
}

/// What became of one requested coupon code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponResult {
    /// As requested.
    pub code: String,
    pub status: CouponStatus,
    /// The rule the code belongs to, when known.
    pub rule_id: Option<u64>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CouponStatus {
    /// Its rule gave a discount (items or shipping) or free shipping.
    Applied,
    NotFound,
    Expired,
    /// Inactive, outside its dates, wrong website or customer group.
    RuleInactive,
    UsageLimitReached,
    CustomerLimitReached,
    ConditionsNotMet,
    /// Valid, but gave nothing.
    NotApplicable,
}

/// What happened to one rule, in priority order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleTrace {
    pub rule_id: u64,
    pub outcome: RuleOutcome,
    /// 1-based child indexes from the root of `conditions` (`"1.2"`) for CONDITIONS_NOT_MET;
    /// empty otherwise or when the root itself failed.
    pub failed_condition_path: String,
    /// For STOPPED: the rule whose "discard subsequent rules" stopped the items.
    pub stopped_by_rule_id: Option<u64>,
    pub detail: String,
    /// For CONDITIONS_NOT_MET: what the cart lacks, when that is a near miss.
    pub hint: Option<RuleHint>,
    /// For OUTBID: the rule of the same exclusive group that applied instead.
    pub outbid_by_rule_id: Option<u64>,
    /// For OUTBID: how much more the winner gave (items + shipping), unrounded sums of
    /// rounded amounts, so exact.
    pub outbid_by: Option<Decimal>,
}

/// The first reason a rule did not apply, or APPLIED.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleOutcome {
    Applied,
    Inactive,
    OutsideDates,
    WebsiteMismatch,
    CustomerGroupMismatch,
    /// No usable coupon code for a SPECIFIC / AUTO rule (none given, or it expired).
    CouponMissing,
    CouponLimitReached,
    CustomerLimitReached,
    ConditionsNotMet,
    /// The action conditions matched no line (and nothing went to shipping).
    NoMatchingItems,
    /// Every matching line had been stopped by an earlier rule.
    Stopped,
    /// Lines matched, but the computed discount was zero (step gating, 0 %, nothing left).
    ZeroDiscount,
    /// Another rule of its exclusive group gave more and applied instead, or the group had
    /// more candidates than its bound and this one came after them.
    Outbid,
}

impl RuleTrace {
    pub fn new(rule_id: u64, outcome: RuleOutcome, detail: impl Into<String>) -> Self {
        RuleTrace {
            rule_id,
            outcome,
            failed_condition_path: String::new(),
            stopped_by_rule_id: None,
            detail: detail.into(),
            hint: None,
            outbid_by_rule_id: None,
            outbid_by: None,
        }
    }
}

/// Two pricings of one cart side by side (a simulation: the live rules, then with drafts):
/// each line's and each rule's discount on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// simulated − live.
    pub discount_total_delta: Decimal,
    pub grand_total_delta: Decimal,
    /// One per line, in cart order.
    pub lines: Vec<LineChange>,
    /// One per rule applied on either side: the live order first, then the simulation's
    /// new ones in its order.
    pub rules: Vec<RuleChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineChange {
    pub line_id: String,
    pub live: Decimal,
    pub simulated: Decimal,
}

/// A rule's discount on items and shipping, and its traced outcome, on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChange {
    pub rule_id: u64,
    pub live: Decimal,
    pub simulated: Decimal,
    pub live_outcome: Option<RuleOutcome>,
    pub simulated_outcome: Option<RuleOutcome>,
}

impl Comparison {
    /// `live` and `simulated` price the same cart (same lines in the same order).
    pub fn of(live: &Priced, simulated: &Priced) -> Comparison {
        let lines = live
            .lines
            .iter()
            .zip(&simulated.lines)
            .map(|(l, s)| LineChange {
                line_id: l.line_id.clone(),
                live: l.discount_amount,
                simulated: s.discount_amount,
            })
            .collect();
        let given = |p: &Priced, id: u64| {
            p.applied_rules
                .iter()
                .find(|a| a.rule_id == id)
                .map_or(Decimal::ZERO, |a| a.discount_amount + a.shipping_discount)
        };
        let outcome =
            |p: &Priced, id: u64| p.trace.iter().find(|t| t.rule_id == id).map(|t| t.outcome);
        let mut ids: Vec<u64> = live.applied_rules.iter().map(|a| a.rule_id).collect();
        for a in &simulated.applied_rules {
            if !ids.contains(&a.rule_id) {
                ids.push(a.rule_id);
            }
        }
        let rules = ids
            .into_iter()
            .map(|id| RuleChange {
                rule_id: id,
                live: given(live, id),
                simulated: given(simulated, id),
                live_outcome: outcome(live, id),
                simulated_outcome: outcome(simulated, id),
            })
            .collect();
        Comparison {
            discount_total_delta: simulated.discount_total - live.discount_total,
            grand_total_delta: simulated.grand_total - live.grand_total,
            lines,
            rules,
        }
    }
}

/// What a replay of many carts through a prepared simulation adds up to (one currency).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplaySummary {
    /// The first cart's; every other cart must have it too.
    pub currency: Option<Currency>,
    pub carts: u64,
    /// Carts whose grand total, or any line's discount, differs between the sides.
    pub affected: u64,
    /// Σ discount_total on each side.
    pub live_discount: Decimal,
    pub simulated_discount: Decimal,
    /// Per rule applied on either side, by id.
    pub rules: BTreeMap<u64, RuleTally>,
}

/// One rule over a replay: on how many carts it applied and what it gave (items and
/// shipping), on each side.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleTally {
    pub live_carts: u64,
    pub simulated_carts: u64,
    pub live_amount: Decimal,
    pub simulated_amount: Decimal,
}

impl ReplaySummary {
    /// Counts one cart priced on both sides; refused (and not counted) when its currency is
    /// not the replay's: sums across currencies mean nothing.
    pub fn add(
        &mut self,
        live: &Priced,
        simulated: &Priced,
        comparison: &Comparison,
    ) -> Result<(), String> {
        match self.currency {
            None => self.currency = Some(live.currency),
            Some(c) if c != live.currency => {
                return Err(format!(
                    "currency {}, the replay's is {} (replay one currency at a time)",
                    live.currency.code(),
                    c.code()
                ));
            }
            Some(_) => {}
        }
        self.carts += 1;
        if !comparison.grand_total_delta.is_zero()
            || comparison.lines.iter().any(|l| l.live != l.simulated)
        {
            self.affected += 1;
        }
        self.live_discount += live.discount_total;
        self.simulated_discount += simulated.discount_total;
        for a in &live.applied_rules {
            let t = self.rules.entry(a.rule_id).or_default();
            t.live_carts += 1;
            t.live_amount += a.discount_amount + a.shipping_discount;
        }
        for a in &simulated.applied_rules {
            let t = self.rules.entry(a.rule_id).or_default();
            t.simulated_carts += 1;
            t.simulated_amount += a.discount_amount + a.shipping_discount;
        }
        Ok(())
    }
}
