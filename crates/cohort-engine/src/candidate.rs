//! RULES.md §1: which rules are candidates for a cart, and what each requested coupon code
//! resolves to.

use chrono::NaiveDate;
use cohort_domain::Cart;
use cohort_domain::coupon::code_key;
use cohort_domain::rule::CouponType;
use cohort_domain::usage::UsageView;

use crate::compile::{CompiledRule, RuleSet};
use cohort_domain::priced::CouponStatus;
use cohort_domain::priced::RuleOutcome;

/// Whether a rule takes part in the rule loop.
#[derive(Debug, Clone)]
pub(crate) enum Eligibility {
    /// A candidate, reached through the requested code at this index (coupon rules).
    Candidate { coupon: Option<usize> },
    Rejected {
        outcome: RuleOutcome,
        detail: String,
    },
}

/// What a requested code resolved to before pricing.
#[derive(Debug, Clone)]
pub(crate) enum CodeState {
    /// The status is known without pricing.
    Final {
        status: CouponStatus,
        rule_id: Option<u64>,
        message: String,
    },
    /// Usable: the status depends on what the rule at this index does.
    Usable { rule_index: usize },
}

pub(crate) struct Selection {
    /// One per rule, in priority order.
    pub rules: Vec<Eligibility>,
    /// One per requested code, in request order.
    pub codes: Vec<CodeState>,
}

/// The rule's own first failing check among active, dates, website, customer group.
fn basic_check(
    rule: &CompiledRule,
    cart: &Cart,
    today: NaiveDate,
) -> Option<(RuleOutcome, String)> {
    let r = &rule.rule;
    if !r.active {
        return Some((RuleOutcome::Inactive, "rule is inactive".to_owned()));
    }
    if let Some(from) = r.from_date
        && today < from
    {
        return Some((
            RuleOutcome::OutsideDates,
            format!("{today} is before from_date {from}"),
        ));
    }
    if let Some(to) = r.to_date
        && today > to
    {
        return Some((
            RuleOutcome::OutsideDates,
            format!("{today} is after to_date {to}"),
        ));
    }
    if !rule.website_ids.contains(&cart.website_id) {
        return Some((
            RuleOutcome::WebsiteMismatch,
            format!(
                "website {:?} is not one of [{}]",
                cart.website_id,
                r.website_ids.join(", ")
            ),
        ));
    }
    if !rule.customer_group_ids.contains(&cart.customer_group_id) {
        return Some((
            RuleOutcome::CustomerGroupMismatch,
            format!(
                "customer group {:?} is not one of [{}]",
                cart.customer_group_id,
                r.customer_group_ids.join(", ")
            ),
        ));
    }
    None
}

fn logged_in(cart: &Cart) -> bool {
    cart.customer_id.as_deref().is_some_and(|id| !id.is_empty())
}

/// The rule's `uses_per_customer`, for logged-in customers only (guests are never limited).
fn rule_customer_limit(rule: &CompiledRule, cart: &Cart, usage: &UsageView) -> Option<String> {
    let limit = rule.rule.uses_per_customer;
    let used = usage.customer_rule_uses(rule.rule.id);
    (logged_in(cart) && limit > 0 && used >= u64::from(limit))
        .then(|| format!("customer used the rule {used} of {limit} times"))
}

/// The coupon-level checks of a code that belongs to `rule`: expiry, usage limit,
/// per-customer limits.
fn coupon_check(
    rule: &CompiledRule,
    code: &str,
    cart: &Cart,
    usage: &UsageView,
    today: NaiveDate,
) -> Option<(CouponStatus, String)> {
    let row = usage.coupon(code).filter(|c| c.rule_id == rule.rule.id);
    if let Some(row) = row {
        if row.expired_on(today) {
            let last = row.expires_on.map(|d| d.to_string()).unwrap_or_default();
            return Some((
                CouponStatus::Expired,
                format!("coupon expired after {last}"),
            ));
        }
        if row.limit_reached() {
            return Some((
                CouponStatus::UsageLimitReached,
                format!(
                    "coupon used {} of {} times",
                    row.times_used, row.usage_limit
                ),
            ));
        }
        let used = usage.customer_coupon_uses(code);
        if logged_in(cart)
            && row.usage_per_customer > 0
            && used >= u64::from(row.usage_per_customer)
        {
            return Some((
                CouponStatus::CustomerLimitReached,
                format!(
                    "customer used the coupon {used} of {} times",
                    row.usage_per_customer
                ),
            ));
        }
    } else if rule.rule.coupon_type == CouponType::Specific && !rule.rule.use_auto_generation {
        // Without a coupon row, a single-code rule's uses are the coupon's uses.
        let limit = rule.rule.uses_per_coupon;
        if limit > 0 && rule.rule.times_used >= u64::from(limit) {
            return Some((
                CouponStatus::UsageLimitReached,
                format!("coupon used {} of {limit} times", rule.rule.times_used),
            ));
        }
    }
    rule_customer_limit(rule, cart, usage).map(|m| (CouponStatus::CustomerLimitReached, m))
}

fn outcome_of(status: CouponStatus) -> RuleOutcome {
    match status {
        CouponStatus::UsageLimitReached => RuleOutcome::CouponLimitReached,
        CouponStatus::CustomerLimitReached => RuleOutcome::CustomerLimitReached,
        _ => RuleOutcome::CouponMissing,
    }
}

/// What the requested codes resolved to (RULES.md §1.4), shared by both pricing paths.
pub(crate) struct Codes {
    /// One per requested code, in request order.
    pub states: Vec<CodeState>,
    /// `(rule index, code index)` of each usable code: the coupon rules that are candidates.
    pub reached: Vec<(usize, usize)>,
    /// The first coupon-level failure per rule, for its trace outcome when no code reached it.
    pub failures: Vec<(usize, RuleOutcome, String)>,
}

impl Codes {
    /// The code through which rule `index` was reached, if any.
    pub fn via(&self, index: usize) -> Option<usize> {
        self.reached
            .iter()
            .find(|(r, _)| *r == index)
            .map(|(_, j)| *j)
    }
}

/// Resolves every requested code. Only the rules codes point at are checked, so this costs
/// O(codes), not O(rules).
pub(crate) fn resolve_codes(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    today: NaiveDate,
) -> Codes {
    let mut codes = Codes {
        states: Vec::with_capacity(cart.coupon_codes.len()),
        reached: Vec::new(),
        failures: Vec::new(),
    };
    for (j, requested) in cart.coupon_codes.iter().enumerate() {
        let key = code_key(requested);
        let code = key.as_str();
        let target = set.by_code.get(code).copied().or_else(|| {
            // Generated codes: only for AUTO rules or SPECIFIC rules with auto generation.
            usage
                .coupon(code)
                .and_then(|c| set.by_id.get(&c.rule_id).copied())
                .filter(|&i| set.rules[i].rule.accepts_generated_codes())
        });
        let Some(index) = target else {
            codes.states.push(CodeState::Final {
                status: CouponStatus::NotFound,
                rule_id: None,
                message: format!("coupon code {requested:?} does not exist"),
            });
            continue;
        };
        let rule = &set.rules[index];
        let rule_id = Some(rule.rule.id);
        if let Some((_, detail)) = basic_check(rule, cart, today) {
            codes.states.push(CodeState::Final {
                status: CouponStatus::RuleInactive,
                rule_id,
                message: detail,
            });
            continue;
        }
        if let Some((status, message)) = coupon_check(rule, code, cart, usage, today) {
            if !codes.failures.iter().any(|(r, _, _)| *r == index) {
                codes.failures.push((
                    index,
                    outcome_of(status),
                    format!("coupon {requested:?}: {message}"),
                ));
            }
            codes.states.push(CodeState::Final {
                status,
                rule_id,
                message,
            });
            continue;
        }
        if let Some(first) = codes.via(index) {
            codes.states.push(CodeState::Final {
                status: CouponStatus::NotApplicable,
                rule_id,
                message: format!(
                    "the rule is already reached through coupon {:?}",
                    cart.coupon_codes[first]
                ),
            });
            continue;
        }
        codes.reached.push((index, j));
        codes.states.push(CodeState::Usable { rule_index: index });
    }
    codes
}

/// Whether a logged-in customer used up the rule's `uses_per_customer`, without building
/// the message (the indexed path only needs the answer).
pub(crate) fn customer_limited(rule: &CompiledRule, cart: &Cart, usage: &UsageView) -> bool {
    let limit = rule.rule.uses_per_customer;
    limit > 0 && logged_in(cart) && usage.customer_rule_uses(rule.rule.id) >= u64::from(limit)
}

/// Whether rule `index` is a §1 candidate for the cart (what [`select`] makes
/// `Eligibility::Candidate`), for one rule: the best-deal groups ask it of their members.
pub(crate) fn eligible(
    set: &RuleSet,
    cart: &Cart,
    usage: &UsageView,
    today: NaiveDate,
    codes: &Codes,
    index: usize,
) -> bool {
    let rule = &set.rules[index];
    basic_check(rule, cart, today).is_none()
        && match rule.rule.coupon_type {
            CouponType::NoCoupon => !customer_limited(rule, cart, usage),
            CouponType::Specific | CouponType::Auto => codes.via(index).is_some(),
        }
}

/// RULES.md §1 for every rule and every requested code (the un-indexed path and explain).
pub(crate) fn select(set: &RuleSet, cart: &Cart, usage: &UsageView, today: NaiveDate) -> Selection {
    let codes = resolve_codes(set, cart, usage, today);
    let rules = set
        .rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            if let Some((outcome, detail)) = basic_check(rule, cart, today) {
                return Eligibility::Rejected { outcome, detail };
            }
            match rule.rule.coupon_type {
                CouponType::NoCoupon => match rule_customer_limit(rule, cart, usage) {
                    Some(detail) => Eligibility::Rejected {
                        outcome: RuleOutcome::CustomerLimitReached,
                        detail,
                    },
                    None => Eligibility::Candidate { coupon: None },
                },
                CouponType::Specific | CouponType::Auto => {
                    let failure = codes.failures.iter().find(|(r, _, _)| *r == i);
                    match (codes.via(i), failure) {
                        (Some(j), _) => Eligibility::Candidate { coupon: Some(j) },
                        (None, Some((_, outcome, detail))) => Eligibility::Rejected {
                            outcome: *outcome,
                            detail: detail.clone(),
                        },
                        (None, None) => Eligibility::Rejected {
                            outcome: RuleOutcome::CouponMissing,
                            detail: "no coupon code for this rule was given".to_owned(),
                        },
                    }
                }
            }
        })
        .collect();
    Selection {
        rules,
        codes: codes.states,
    }
}
