//! Cart price rules (Magento's `salesrule` entity) as Cohort stores and prices them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::condition::Condition;

/// How a rule is reached through coupons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CouponType {
    /// Applies without a code (UNSPECIFIED maps here).
    #[default]
    NoCoupon,
    /// Needs `coupon_code` (or, with `use_auto_generation`, one of its generated codes).
    Specific,
    /// Only through generated codes.
    Auto,
}

/// The discount the rule gives (Magento's `simple_action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SimpleAction {
    /// Percent of the item price (`by_percent`).
    #[default]
    ByPercent,
    /// Fixed amount per unit (`by_fixed`).
    ByFixed,
    /// One fixed amount for the whole cart, spread over the items (`cart_fixed`).
    CartFixed,
    /// Buy X (`discount_step`) get Y (`discount_amount`) free (`buy_x_get_y`).
    BuyXGetY,
}

impl SimpleAction {
    pub fn name(self) -> &'static str {
        match self {
            SimpleAction::ByPercent => "by_percent",
            SimpleAction::ByFixed => "by_fixed",
            SimpleAction::CartFixed => "cart_fixed",
            SimpleAction::BuyXGetY => "buy_x_get_y",
        }
    }
}

/// Free shipping granted by a rule (Magento's `simple_free_shipping`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FreeShipping {
    #[default]
    None,
    /// "For matching items only".
    MatchingItems,
    /// "For shipment with matching items".
    WholeShipment,
}

/// A cart price rule. Amounts are already-parsed decimals; dates are website-local days.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CartPriceRule {
    /// Assigned by the store; also breaks ties in `sort_order`.
    pub id: u64,
    pub name: String,
    pub description: String,
    pub active: bool,
    pub website_ids: Vec<String>,
    pub customer_group_ids: Vec<String>,
    /// Inclusive; `None` = open.
    pub from_date: Option<NaiveDate>,
    /// Inclusive; `None` = open.
    pub to_date: Option<NaiveDate>,
    /// Lower first.
    pub sort_order: u32,
    /// "Discard subsequent rules": per item in 2.4.7+ (RULES.md §3).
    pub stop_rules_processing: bool,
    pub coupon_type: CouponType,
    /// Required for SPECIFIC; matched case-insensitively and literally.
    pub coupon_code: String,
    /// SPECIFIC rules that also accept generated codes.
    pub use_auto_generation: bool,
    /// 0 = unlimited.
    pub uses_per_coupon: u32,
    /// 0 = unlimited; only logged-in customers are counted.
    pub uses_per_customer: u32,
    /// Cart-level tree; `None` = every cart.
    pub conditions: Option<Condition>,
    /// Item-level tree ("apply to"); `None` = every item.
    pub action_conditions: Option<Condition>,
    pub simple_action: SimpleAction,
    /// Percent, amount (base currency) or Y of buy X get Y.
    pub discount_amount: Decimal,
    /// Max qty discounted per line; `None` or 0 = no cap.
    pub discount_qty: Option<Decimal>,
    /// Qty step, or X of buy X get Y.
    pub discount_step: u32,
    pub apply_to_shipping: bool,
    pub free_shipping: FreeShipping,
    /// Store code → label; `""` is the default label.
    pub labels: BTreeMap<String, String>,
    /// Output only.
    pub times_used: u64,
    /// Optimistic-concurrency version, echoed on update.
    pub version: u64,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    /// Best-deal group (Cohort's own, not Adobe Commerce's): of the rules sharing a
    /// non-empty name, only the one giving the cart the largest discount applies
    /// (docs/rules.md). Trimmed; empty = none.
    pub exclusive_group: String,
}

impl CartPriceRule {
    /// Whether the rule can be reached through generated coupon codes.
    pub fn accepts_generated_codes(&self) -> bool {
        match self.coupon_type {
            CouponType::Auto => true,
            CouponType::Specific => self.use_auto_generation,
            CouponType::NoCoupon => false,
        }
    }

    /// Every audience id the rule's trees reference (for `Audience.rule_ids` and the
    /// existence check on save).
    pub fn audience_ids(&self) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for tree in [&self.conditions, &self.action_conditions]
            .into_iter()
            .flatten()
        {
            ids.extend(tree.audience_ids());
        }
        ids
    }

    /// The label for a store: `labels[store]`, else `labels[""]` (RULES.md §8; the caller
    /// falls back to the coupon code and then `"Discount"`).
    pub fn store_label(&self, store: Option<&str>) -> Option<&str> {
        self.store_label_key(store)
            .and_then(|key| self.labels.get(key))
            .map(String::as_str)
    }

    /// The key of `labels` that `store_label` reads (`store`, else `""`), when its label is
    /// not empty: for callers that keep their own copy of the labels by key.
    pub fn store_label_key<'a>(&'a self, store: Option<&'a str>) -> Option<&'a str> {
        let key = match store {
            Some(s) if self.labels.contains_key(s) => s,
            _ => "",
        };
        self.labels.get(key).filter(|l| !l.is_empty()).map(|_| key)
    }
}
