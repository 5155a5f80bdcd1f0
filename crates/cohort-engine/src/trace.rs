//! The explain trace: what happened to each rule, and why.

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
}

impl RuleTrace {
    pub(crate) fn new(rule_id: u64, outcome: RuleOutcome, detail: impl Into<String>) -> Self {
        RuleTrace {
            rule_id,
            outcome,
            failed_condition_path: String::new(),
            stopped_by_rule_id: None,
            detail: detail.into(),
        }
    }
}
