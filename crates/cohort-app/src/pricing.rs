//! Pricing: the cart as sent (proto) → the validated domain cart → its membership (header,
//! token or look-up) → the usage it needs, from the usage cache → the engine → the domain's
//! `Priced` with the membership's source. Pure: pricing never writes.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use cohort_domain::coupon::Coupon;
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, CartLimits, Membership, Named, Priced, parse_date};
pub use cohort_engine::PriceOptions;
use cohort_engine::RuleSet;
use cohort_proto::convert::cart_from_proto;
use cohort_proto::v1;
use cohort_store::CouponRow;

use crate::membership::{MAX_TOKEN_BYTES, MembershipInput, identity_of};
use crate::{App, AppError};

/// A validated cart with its membership and usage, ready to price ([`App::ready_cart`]).
pub(crate) struct ReadyCart {
    cart: Cart,
    membership: Membership,
    usage: UsageView,
}

impl ReadyCart {
    /// The cart priced against `ruleset`; audience details in the trace name the
    /// membership's source.
    pub(crate) fn priced(&self, ruleset: &RuleSet, options: &PriceOptions) -> Priced {
        let mut priced = price(ruleset, &self.cart, &self.usage, options);
        for trace in &mut priced.trace {
            if trace.detail.starts_with(AUDIENCE_DETAIL) {
                trace.detail = format!(
                    "{} (membership from {})",
                    trace.detail,
                    self.membership.source.as_str()
                );
            }
        }
        priced
    }

    /// The quote of one pricing: the membership moves into it (the service's path: no
    /// copy of the audience ids per call).
    pub(crate) fn into_quote(self, ruleset: &RuleSet, options: &PriceOptions) -> Quote {
        Quote {
            priced: self.priced(ruleset, options),
            membership: self.membership,
        }
    }

    /// The quotes of a simulation's two sides, one membership for both.
    pub(crate) fn into_quotes(
        self,
        live: &RuleSet,
        simulated: &RuleSet,
        options: &PriceOptions,
    ) -> (Quote, Quote) {
        let live = Quote {
            priced: self.priced(live, options),
            membership: self.membership.clone(),
        };
        (live, self.into_quote(simulated, options))
    }
}

/// A priced cart and the membership it was priced with.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub priced: Priced,
    pub membership: Membership,
}

/// The engine's detail of a failed audience condition starts so; the source is added to it.
const AUDIENCE_DETAIL: &str = "membership [";

/// A stored coupon row as the engine's coupon.
pub fn coupon_from_row(c: CouponRow) -> Coupon {
    Coupon {
        code: c.code,
        rule_id: c.rule_id,
        usage_limit: c.usage_limit,
        usage_per_customer: c.usage_per_customer,
        times_used: c.times_used,
        expires_on: c.expires_on.as_deref().and_then(parse_date),
        generated: c.generated,
    }
}

/// The cart of a request, validated against the limits and the rule set's websites;
/// `membership` is merged with `cart.audience_ids`. The cart's strings move into the
/// domain cart.
pub fn cart_of(
    set: &RuleSet,
    cart: Option<v1::Cart>,
    membership: &[String],
    now: DateTime<Utc>,
    limits: &CartLimits,
) -> Result<Cart, AppError> {
    Ok(cart_from_proto(
        cart,
        membership,
        now,
        limits,
        set.websites(),
    )?)
}

/// Prices a validated cart with the usage already read: the engine's call, shared by the
/// service and offline pricing.
pub fn price(set: &RuleSet, cart: &Cart, usage: &UsageView, options: &PriceOptions) -> Priced {
    cohort_engine::price_with(set, cart, usage, options)
}

/// What a request asks of the engine: the trace, the near-miss hints.
pub fn options_of(request: &v1::PriceCartRequest) -> PriceOptions {
    PriceOptions {
        explain: request.explain,
        hints: request.hints,
    }
}

impl App {
    /// Prices one cart. `input` is what the transport carried (the membership header's
    /// ids, a membership token, whether the caller is trusted); `now` is the server's
    /// clock: the instant used when the cart has no `evaluated_at`, and the one token
    /// expiry is checked against.
    pub async fn price_cart(
        &self,
        request: v1::PriceCartRequest,
        input: &MembershipInput<'_>,
        now: DateTime<Utc>,
    ) -> Result<Quote, AppError> {
        self.price_with(&self.rules.current(), request, input, now)
            .await
    }

    pub(crate) async fn price_with(
        &self,
        ruleset: &RuleSet,
        request: v1::PriceCartRequest,
        input: &MembershipInput<'_>,
        now: DateTime<Utc>,
    ) -> Result<Quote, AppError> {
        let options = options_of(&request);
        let ready = self.ready_cart(&[ruleset], request, input, now).await?;
        Ok(ready.into_quote(ruleset, &options))
    }

    /// A cart ready for the engine: validated, its membership resolved and the usage the
    /// rule sets `sets` need read, once. A simulation prices one `ReadyCart` against both
    /// of its sets, so the two sides see the same membership and usage (and a look-up is
    /// made, and counted, once).
    pub(crate) async fn ready_cart(
        &self,
        sets: &[&RuleSet],
        request: v1::PriceCartRequest,
        input: &MembershipInput<'_>,
        now: DateTime<Utc>,
    ) -> Result<ReadyCart, AppError> {
        if let Some(token) = input.token
            && token.len() > MAX_TOKEN_BYTES
        {
            return Err(AppError::Invalid(cohort_domain::ValidationError::single(
                cohort_proto::MEMBERSHIP_TOKEN_METADATA,
                format!("at most {MAX_TOKEN_BYTES} bytes, got {}", token.len()),
            )));
        }
        let Some(first) = sets.first() else {
            return Err(AppError::internal(
                "pricing",
                &"no rule set to price against",
            ));
        };
        // The whole cart is checked before any look-up is spent on it.
        let mut sent = request.cart;
        let identity = sent.as_mut().and_then(|c| c.identity.take());
        let mut cart = cart_of(first, sent, input.header, now, &self.limits)?;
        let identity = identity_of(identity.as_ref(), self.limits.max_string_bytes)?;
        let plain = std::mem::take(&mut cart.membership);
        let membership = self
            .membership
            .resolve(
                input,
                plain,
                identity.as_ref(),
                now,
                self.limits.max_audiences,
                self.limits.max_string_bytes,
            )
            .await;
        cart.membership = membership.audience_ids.clone();
        // In read-only file mode the database holds no rules, hence no coupon rows or usage.
        let usage = if self.rules.read_only() {
            UsageView::default()
        } else if let [one] = sets {
            // The service's case: the set's own list, no copy.
            self.usage_view(&cart, one.customer_limited_rule_ids())
                .await?
        } else {
            let mut limited: Vec<u64> = sets
                .iter()
                .flat_map(|s| s.customer_limited_rule_ids().iter().copied())
                .collect();
            limited.sort_unstable();
            limited.dedup();
            self.usage_view(&cart, &limited).await?
        };
        Ok(ReadyCart {
            cart,
            membership,
            usage,
        })
    }

    /// The usage pricing needs, from the usage cache (the store on a miss) so the engine
    /// stays pure: the coupon rows of the requested codes, and a logged-in customer's
    /// counts of those coupons and of the rules that limit uses per customer. Nothing is
    /// read for a plain guest cart.
    async fn usage_view(&self, cart: &Cart, limited: &[u64]) -> Result<UsageView, AppError> {
        let mut view = UsageView::default();
        let mut found: Vec<Arc<Coupon>> = Vec::with_capacity(cart.coupon_codes.len());
        for code in &cart.coupon_codes {
            if let Some(coupon) = self.usage.coupon(code).await? {
                view.insert_coupon(Coupon::clone(&coupon));
                found.push(coupon);
            }
        }
        if let Some(customer) = &cart.customer_id
            && (!limited.is_empty() || !found.is_empty())
        {
            let usage = self.usage.customer(customer).await?;
            if !usage.is_empty() {
                for coupon in &found {
                    let n = usage.coupon_uses(&coupon.code, coupon.rule_id);
                    if n > 0 {
                        view.set_customer_coupon_uses(&coupon.code, n);
                    }
                }
                for &id in limited {
                    let n = usage.rule_uses(id);
                    if n > 0 {
                        view.set_customer_rule_uses(id, n);
                    }
                }
            }
        }
        Ok(view)
    }
}
