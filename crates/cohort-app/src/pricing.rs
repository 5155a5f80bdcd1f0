//! Pricing: the cart as sent (proto) → the validated domain cart → the usage it needs, read
//! from the store → the engine → the domain's `Priced`. Pure: pricing never writes.

use chrono::{DateTime, Utc};
use cohort_domain::coupon::Coupon;
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, CartLimits, Priced, parse_date};
use cohort_engine::{PriceOptions, RuleSet};
use cohort_proto::convert::cart_from_proto;
use cohort_proto::v1;
use cohort_store::CouponRow;

use crate::{App, AppError};

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
/// `membership` is merged with `cart.audience_ids`.
pub fn cart_of(
    set: &RuleSet,
    request: &v1::PriceCartRequest,
    membership: &[String],
    now: DateTime<Utc>,
    limits: &CartLimits,
) -> Result<Cart, AppError> {
    Ok(cart_from_proto(
        request.cart.as_ref(),
        membership,
        now,
        limits,
        set.websites(),
    )?)
}

/// Prices a validated cart with the usage already read: the engine's call, shared by the
/// service and offline pricing.
pub fn price(set: &RuleSet, cart: &Cart, usage: &UsageView, explain: bool) -> Priced {
    cohort_engine::price_with(set, cart, usage, &PriceOptions { explain })
}

impl App {
    /// Prices one cart. `membership` is the shopper's audiences from the transport (the
    /// `aep-segments-membership` header), merged with `cart.audience_ids`; `now` is the
    /// instant used when the cart has no `evaluated_at`.
    pub async fn price_cart(
        &self,
        request: &v1::PriceCartRequest,
        membership: &[String],
        now: DateTime<Utc>,
    ) -> Result<Priced, AppError> {
        let ruleset = self.rules.current();
        let cart = cart_of(&ruleset, request, membership, now, &self.limits)?;
        // In read-only file mode the database holds no rules, hence no coupon rows or usage.
        let usage = if self.rules.read_only() {
            UsageView::default()
        } else {
            self.usage_view(&cart, &ruleset).await?
        };
        Ok(price(&ruleset, &cart, &usage, request.explain))
    }

    /// The usage pricing needs, read before pricing so the engine stays pure: coupon rows for
    /// the requested codes, and a logged-in customer's counts for those codes and for the
    /// rules that limit uses per customer. Nothing is read for a plain guest cart.
    async fn usage_view(&self, cart: &Cart, ruleset: &RuleSet) -> Result<UsageView, AppError> {
        let mut view = UsageView::default();
        if !cart.coupon_codes.is_empty() {
            for c in self.store.coupons_by_codes(&cart.coupon_codes).await? {
                view.insert_coupon(coupon_from_row(c));
            }
        }
        if let Some(customer) = &cart.customer_id {
            let limited = ruleset.customer_limited_rule_ids();
            if !limited.is_empty() || !cart.coupon_codes.is_empty() {
                let usage = self
                    .store
                    .customer_usage(customer, &cart.coupon_codes, limited)
                    .await?;
                for (code, n) in usage.coupons {
                    view.set_customer_coupon_uses(&code, n);
                }
                for (id, n) in usage.rules {
                    view.set_customer_rule_uses(id, n);
                }
            }
        }
        Ok(view)
    }
}
