//! The usage counters pricing needs, read by the caller before pricing so the engine stays
//! pure: coupon rows for the requested codes and the cart customer's usage counts.

use std::collections::BTreeMap;

use crate::coupon::{Coupon, CouponCode};

/// A read-only snapshot of usage for one cart. The default (empty) view means "no coupon
/// rows known, nobody has used anything".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsageView {
    coupons: BTreeMap<CouponCode, Coupon>,
    /// The cart customer's uses per coupon.
    customer_coupon_uses: BTreeMap<CouponCode, u64>,
    /// The cart customer's uses per rule id.
    customer_rule_uses: BTreeMap<u64, u64>,
}

impl UsageView {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a coupon row, keyed by its [`CouponCode`].
    pub fn insert_coupon(&mut self, coupon: Coupon) {
        self.coupons.insert(CouponCode::new(&coupon.code), coupon);
    }

    /// Builder form of [`UsageView::insert_coupon`].
    pub fn with_coupon(mut self, coupon: Coupon) -> Self {
        self.insert_coupon(coupon);
        self
    }

    /// Records how often the cart's customer used a coupon code.
    pub fn set_customer_coupon_uses(&mut self, code: &str, uses: u64) {
        self.customer_coupon_uses
            .insert(CouponCode::new(code), uses);
    }

    /// Records how often the cart's customer used a rule.
    pub fn set_customer_rule_uses(&mut self, rule_id: u64, uses: u64) {
        self.customer_rule_uses.insert(rule_id, uses);
    }

    /// The coupon row for a code, matched by [`CouponCode`] (trimmed, case-insensitive).
    pub fn coupon(&self, code: &str) -> Option<&Coupon> {
        self.coupons.get(&CouponCode::new(code))
    }

    /// The cart customer's uses of a coupon code (0 when unknown).
    pub fn customer_coupon_uses(&self, code: &str) -> u64 {
        self.customer_coupon_uses
            .get(&CouponCode::new(code))
            .copied()
            .unwrap_or(0)
    }

    /// The cart customer's uses of a rule (0 when unknown).
    pub fn customer_rule_uses(&self, rule_id: u64) -> u64 {
        self.customer_rule_uses.get(&rule_id).copied().unwrap_or(0)
    }

    pub fn coupons(&self) -> impl Iterator<Item = &Coupon> {
        self.coupons.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case() {
        let mut view = UsageView::new().with_coupon(Coupon {
            code: "SAVE-10".into(),
            rule_id: 7,
            ..Coupon::default()
        });
        view.set_customer_coupon_uses("Save-10", 2);
        view.set_customer_rule_uses(7, 3);
        assert_eq!(view.coupon("save-10").map(|c| c.rule_id), Some(7));
        assert_eq!(view.customer_coupon_uses("SAVE-10"), 2);
        assert_eq!(view.customer_rule_uses(7), 3);
        assert_eq!(view.customer_rule_uses(8), 0);
        assert!(UsageView::default().coupon("x").is_none());
    }
}
