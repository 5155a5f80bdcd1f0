//! Simulation: one cart priced against the live rules and against them with draft rules in
//! place and some rules left out, side by side, with both traces and the differences.
//! Pure, as pricing is: nothing is stored, counted or published.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use cohort_domain::coupon::code_key;
use cohort_domain::error::{check_bytes, check_entries};
use cohort_domain::rule::{CartPriceRule, CouponType};
use cohort_domain::{Comparison, FieldViolation, ValidationError};
use cohort_engine::RuleSet;
use cohort_proto::convert::timestamp_field;
use cohort_proto::v1;

use crate::membership::MembershipInput;
use crate::pricing::Quote;
use crate::{App, AppError};

/// At most this many draft rules in one simulation.
pub const MAX_DRAFT_RULES: usize = 100;
/// At most this many disabled rule ids in one simulation.
pub const MAX_DISABLED_RULES: usize = 10_000;

/// The rule sets a simulation prices against ([`App::prepare_simulation`]).
pub struct Prepared {
    pub live: Arc<RuleSet>,
    pub simulated: RuleSet,
    /// The id each draft has in `simulated`, in order.
    pub draft_rule_ids: Vec<u64>,
}

/// Both sides of a simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub live: Quote,
    pub simulated: Quote,
    /// The id each draft has on the simulated side (a new rule's assigned id), in order.
    pub draft_rule_ids: Vec<u64>,
    pub comparison: Comparison,
}

impl App {
    /// Prices `request.cart` against the live rules, then against them with
    /// `request.draft_rules` in place and `request.disabled_rule_ids` left out; both with
    /// their traces, the membership counted as a trusted caller's, at `evaluated_at` (else
    /// the cart's, else `now`). Drafts are checked as `CreateRule` checks a rule (their
    /// paths `draft_rules[i]…`); a draft's or disabled id must be a stored rule's.
    pub async fn simulate_cart(
        &self,
        request: &v1::SimulateCartRequest,
        now: DateTime<Utc>,
    ) -> Result<Simulation, AppError> {
        // Bounds before any per-element work.
        let mut v = Vec::new();
        let max = self.limits.max_string_bytes;
        if check_entries(
            &mut v,
            || "audience_ids".into(),
            request.audience_ids.len(),
            self.limits.max_audiences,
            "audience ids",
        ) {
            for (i, id) in request.audience_ids.iter().enumerate() {
                check_bytes(&mut v, || format!("audience_ids[{i}]"), id, max);
            }
        }
        ValidationError::check(v)?;
        let evaluated_at = timestamp_field(request.evaluated_at.as_ref(), "evaluated_at")?;
        let prepared = self
            .prepare_simulation(&request.draft_rules, &request.disabled_rule_ids)
            .await?;
        let mut price_request = v1::PriceCartRequest {
            cart: request.cart.clone(),
            explain: true,
            hints: false,
        };
        if let (Some(at), Some(cart)) = (evaluated_at, price_request.cart.as_mut()) {
            cart.evaluated_at = Some(cohort_proto::convert::timestamp_from_datetime(at));
        }
        let input = MembershipInput {
            header: &request.audience_ids,
            token: None,
            trusted: true,
        };
        let (live, simulated, comparison) = self
            .simulate_prepared(&prepared, price_request, &input, now)
            .await?;
        Ok(Simulation {
            live,
            simulated,
            draft_rule_ids: prepared.draft_rule_ids,
            comparison,
        })
    }

    /// The two rule sets of a simulation: the live one, and it with `drafts` in place and
    /// `disabled` left out, each draft checked as a create checks it (paths
    /// `draft_rules[i]…`, `disabled_rule_ids[i]`). Built once for any number of carts.
    pub async fn prepare_simulation(
        &self,
        draft_rules: &[v1::CartPriceRule],
        disabled_rule_ids: &[u64],
    ) -> Result<Prepared, AppError> {
        let mut v = Vec::new();
        check_entries(
            &mut v,
            || "draft_rules".into(),
            draft_rules.len(),
            MAX_DRAFT_RULES,
            "draft rules",
        );
        check_entries(
            &mut v,
            || "disabled_rule_ids".into(),
            disabled_rule_ids.len(),
            MAX_DISABLED_RULES,
            "rule ids",
        );
        ValidationError::check(v)?;
        let live = self.rules.current();
        let mut drafts = Vec::with_capacity(draft_rules.len());
        let mut v = Vec::new();
        for (i, draft) in draft_rules.iter().enumerate() {
            let at = format!("draft_rules[{i}]");
            match self.parse_rule(Some(draft)) {
                Ok((_, rule)) => {
                    if rule.id != 0 && !live.contains(rule.id) {
                        v.push(FieldViolation::new(
                            format!("{at}.id"),
                            format!("no stored rule has id {} (0 for a new rule)", rule.id),
                        ));
                    } else if rule.id != 0 && drafts.iter().any(|d: &CartPriceRule| d.id == rule.id)
                    {
                        v.push(FieldViolation::new(
                            format!("{at}.id"),
                            format!("rule {} has an earlier draft", rule.id),
                        ));
                    }
                    self.draft_references(&rule, &at, &mut v).await?;
                    if rule.coupon_type == CouponType::Specific
                        && let Some(j) = drafts.iter().position(|d: &CartPriceRule| {
                            d.coupon_type == CouponType::Specific
                                && code_key(&d.coupon_code) == code_key(&rule.coupon_code)
                        })
                    {
                        // Saving both would fail on the code's uniqueness.
                        v.push(FieldViolation::new(
                            format!("{at}.coupon_code"),
                            format!("{:?} is also draft_rules[{j}]'s code", rule.coupon_code),
                        ));
                    }
                    drafts.push(rule);
                }
                Err(AppError::Invalid(e)) => v.extend(e.violations.into_iter().map(|f| {
                    FieldViolation::new(
                        match f.field.strip_prefix("rule") {
                            Some(rest) => format!("{at}{rest}"),
                            None => format!("{at}.{}", f.field),
                        },
                        f.description,
                    )
                })),
                Err(e) => return Err(e),
            }
        }
        for (i, &id) in disabled_rule_ids.iter().enumerate() {
            if !live.contains(id) {
                v.push(FieldViolation::new(
                    format!("disabled_rule_ids[{i}]"),
                    format!("no stored rule has id {id}"),
                ));
            } else if drafts.iter().any(|d| d.id == id) {
                v.push(FieldViolation::new(
                    format!("disabled_rule_ids[{i}]"),
                    format!("rule {id} is also a draft"),
                ));
            }
        }
        ValidationError::check(v)?;
        let (simulated, draft_rule_ids) = live.with_changes(drafts, disabled_rule_ids);
        Ok(Prepared {
            live,
            simulated,
            draft_rule_ids,
        })
    }

    /// One cart on both sides of a prepared simulation (with `request.explain` as asked).
    pub async fn simulate_prepared(
        &self,
        prepared: &Prepared,
        request: v1::PriceCartRequest,
        input: &MembershipInput<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Quote, Quote, Comparison), AppError> {
        // One membership and one usage read for both sides: what differs is the rules.
        let options = crate::pricing::options_of(&request);
        let ready = self
            .ready_cart(&[&prepared.live, &prepared.simulated], request, input, now)
            .await?;
        let (live, simulated) = ready.into_quotes(&prepared.live, &prepared.simulated, &options);
        let comparison = Comparison::of(&live.priced, &simulated.priced);
        Ok((live, simulated, comparison))
    }

    /// What `validate_rule` checks beyond the rule itself (`App::references`), as field
    /// violations at `at`.
    async fn draft_references(
        &self,
        rule: &CartPriceRule,
        at: &str,
        v: &mut Vec<FieldViolation>,
    ) -> Result<(), AppError> {
        let refs = self.references(rule).await?;
        if !refs.unknown_audiences.is_empty() {
            v.push(FieldViolation::new(
                format!("{at}.conditions"),
                format!(
                    "unknown audiences {} (import or sync them first)",
                    refs.unknown_audiences.join(", ")
                ),
            ));
        }
        if let Some(holder) = refs.code_taken_by {
            v.push(FieldViolation::new(
                format!("{at}.coupon_code"),
                format!("{:?} is taken by rule {holder}", rule.coupon_code),
            ));
        }
        Ok(())
    }
}
