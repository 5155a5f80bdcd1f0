//! The cart to price, the websites it can belong to, and the checks of API.md "Cart input".

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::error::{FieldViolation, ValidationError};
use crate::money::Currency;

/// A cart as the pricing engine sees it: decimals parsed, membership resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Cart {
    pub website_id: String,
    pub currency: Currency,
    /// `"0"` is NOT LOGGED IN.
    pub customer_group_id: String,
    /// `None` for guests: per-customer limits only apply when set.
    pub customer_id: Option<String>,
    pub items: Vec<LineItem>,
    pub shipping_address: Option<Address>,
    /// `carrier_method`, e.g. `flatrate_flatrate`.
    pub shipping_method: String,
    pub shipping_amount: Decimal,
    pub payment_method: String,
    /// As requested (case kept for the response); matched case-insensitively.
    pub coupon_codes: Vec<String>,
    /// AEP audience ids the shopper belongs to: sorted and de-duplicated.
    pub membership: Vec<String>,
    pub evaluated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineItem {
    pub line_id: String,
    pub sku: String,
    pub qty: Decimal,
    /// Excluding tax.
    pub unit_price: Decimal,
    /// Defaults to `unit_price` when the caller sends none.
    pub unit_price_incl_tax: Decimal,
    /// Per unit; zero when unknown.
    pub weight: Decimal,
    /// The caller includes anchor ancestors.
    pub category_ids: Vec<String>,
    pub attribute_set_id: String,
    /// Multiselect values are comma-separated.
    pub attributes: BTreeMap<String, String>,
    pub no_discount: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    pub country_id: String,
    pub region: String,
    pub region_id: String,
    pub postcode: String,
}

/// Largest line quantity accepted (Magento's own maximum is 99,999,999).
pub const MAX_QTY: i64 = 1_000_000_000;
/// Largest unit price, unit weight or shipping amount accepted: far above any real cart,
/// and low enough that no pricing arithmetic can leave `Decimal`'s range.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// Largest Σ qty × unit_price (and Σ qty × unit_price_incl_tax) plus shipping of one cart: every
/// total then keeps the currency's decimals exactly (10^15 × 10^4 is far inside `Decimal`'s
/// 96-bit mantissa).
pub const MAX_CART_TOTAL: i64 = MAX_AMOUNT;

/// Request limits from config (`limits.*`). `docs/limits.md` lists each with its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CartLimits {
    pub max_items: usize,
    pub max_coupons: usize,
    pub max_audiences: usize,
    /// Longest string field (ids, SKUs, codes, attribute keys and values), in bytes.
    pub max_string_bytes: usize,
    pub max_categories_per_line: usize,
    pub max_attributes_per_line: usize,
    /// Candidates of one best-deal group priced per cart (`exclusive_group`); the rest
    /// are OUTBID unpriced. Each costs one more pricing of the cart.
    pub max_group_candidates: usize,
}

/// Longest decimal string (qty, prices, weight, shipping): 28 digits, a sign and a point
/// fit easily.
pub const MAX_DECIMAL_CHARS: usize = 40;

impl Default for CartLimits {
    fn default() -> Self {
        // max_coupons 1: Magento Open Source accepts one coupon per cart.
        Self {
            max_items: 1000,
            max_coupons: 1,
            max_audiences: 1000,
            max_string_bytes: 1024,
            max_categories_per_line: 256,
            max_attributes_per_line: 128,
            max_group_candidates: 16,
        }
    }
}

/// Per-website settings from config (`websites.<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebsiteSettings {
    pub base_currency: Currency,
    /// Rule dates are compared in this zone.
    pub time_zone: Tz,
}

impl Default for WebsiteSettings {
    fn default() -> Self {
        Self {
            base_currency: Currency::USD,
            time_zone: Tz::UTC,
        }
    }
}

/// Known websites; a website not configured gets the default settings (USD, UTC).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Websites {
    pub default: WebsiteSettings,
    pub by_id: HashMap<String, WebsiteSettings>,
}

impl Websites {
    pub fn get(&self, website_id: &str) -> WebsiteSettings {
        self.by_id.get(website_id).copied().unwrap_or(self.default)
    }
}

impl Cart {
    /// Row total of every line: Σ qty × unit_price.
    pub fn subtotal(&self) -> Decimal {
        self.items.iter().map(LineItem::row_total).sum()
    }

    /// Checks API.md "Cart input" on an already-parsed cart. Field paths start at `cart.`.
    pub fn validate(
        &self,
        limits: &CartLimits,
        websites: &Websites,
    ) -> Result<(), ValidationError> {
        ValidationError::check(self.violations(limits, websites))
    }

    /// Every violation of [`Cart::validate`], uncapped, in field order of the checks.
    pub fn violations(&self, limits: &CartLimits, websites: &Websites) -> Vec<FieldViolation> {
        let mut v = Vec::new();
        if self.website_id.is_empty() {
            v.push(FieldViolation::new("cart.website_id", "is required"));
        }
        if self.customer_group_id.is_empty() {
            v.push(FieldViolation::new(
                "cart.customer_group_id",
                "is required (\"0\" for guests)",
            ));
        }
        let base = websites.get(&self.website_id).base_currency;
        if self.currency != base {
            v.push(FieldViolation::new(
                "cart.currency",
                format!(
                    "must be the website's base currency {base}, got {}",
                    self.currency
                ),
            ));
        }
        let max_amount = Decimal::from(MAX_AMOUNT);
        if self.shipping_amount.is_sign_negative() && !self.shipping_amount.is_zero() {
            v.push(FieldViolation::new("cart.shipping_amount", "must be >= 0"));
        } else if self.shipping_amount > max_amount {
            v.push(FieldViolation::new(
                "cart.shipping_amount",
                format!("must be <= {MAX_AMOUNT}"),
            ));
        }
        if self.items.len() > limits.max_items {
            v.push(FieldViolation::new(
                "cart.items",
                format!(
                    "at most {} items, got {}",
                    limits.max_items,
                    self.items.len()
                ),
            ));
        }
        if self.coupon_codes.len() > limits.max_coupons {
            v.push(FieldViolation::new(
                "cart.coupon_codes",
                format!(
                    "at most {} coupon codes, got {}",
                    limits.max_coupons,
                    self.coupon_codes.len()
                ),
            ));
        }
        for (i, code) in self.coupon_codes.iter().enumerate() {
            if code.trim().is_empty() {
                v.push(FieldViolation::new(
                    format!("cart.coupon_codes[{i}]"),
                    "must not be empty",
                ));
            }
        }
        if self.membership.len() > limits.max_audiences {
            v.push(FieldViolation::new(
                "cart.audience_ids",
                format!(
                    "at most {} audience ids, got {}",
                    limits.max_audiences,
                    self.membership.len()
                ),
            ));
        }
        let mut seen = HashSet::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            if item.line_id.is_empty() {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].line_id"),
                    "is required",
                ));
            } else if !seen.insert(item.line_id.as_str()) {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].line_id"),
                    format!("duplicate line_id {:?}", item.line_id),
                ));
            }
            if item.qty <= Decimal::ZERO {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].qty"),
                    "must be > 0",
                ));
            }
            if item.unit_price.is_sign_negative() && !item.unit_price.is_zero() {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].unit_price"),
                    "must be >= 0",
                ));
            }
            if item.unit_price_incl_tax.is_sign_negative() && !item.unit_price_incl_tax.is_zero() {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].unit_price_incl_tax"),
                    "must be >= 0",
                ));
            }
            if item.weight.is_sign_negative() && !item.weight.is_zero() {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].weight"),
                    "must be >= 0",
                ));
            }
            // Magnitudes, so that no pricing sum can leave Decimal's range or lose the
            // currency's decimals (the engine's own guard stays as a second line).
            if item.qty > Decimal::from(MAX_QTY) {
                v.push(FieldViolation::new(
                    format!("cart.items[{i}].qty"),
                    format!("must be <= {MAX_QTY}"),
                ));
            }
            for (field, value) in [
                ("unit_price", item.unit_price),
                ("unit_price_incl_tax", item.unit_price_incl_tax),
                ("weight", item.weight),
            ] {
                if value > max_amount {
                    v.push(FieldViolation::new(
                        format!("cart.items[{i}].{field}"),
                        format!("must be <= {MAX_AMOUNT}"),
                    ));
                }
            }
        }
        if v.is_empty() {
            // Each line is within bounds, so these sums cannot overflow.
            let total = |price: fn(&LineItem) -> Decimal| {
                self.items
                    .iter()
                    .map(|i| i.qty * price(i))
                    .fold(self.shipping_amount, |a, b| a + b)
            };
            let limit = Decimal::from(MAX_CART_TOTAL);
            if total(|i| i.unit_price) > limit || total(|i| i.unit_price_incl_tax) > limit {
                v.push(FieldViolation::new(
                    "cart.items",
                    format!("the cart's total (with shipping) must be <= {MAX_CART_TOTAL}"),
                ));
            }
        }
        v
    }
}

impl LineItem {
    /// qty × unit_price, unrounded.
    pub fn row_total(&self) -> Decimal {
        self.qty * self.unit_price
    }
}

/// Sorted, de-duplicated union of audience id lists; empty ids are dropped.
pub fn merge_membership<'a>(sources: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut ids: Vec<String> = sources
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart() -> Cart {
        Cart {
            website_id: "base".into(),
            currency: Currency::USD,
            customer_group_id: "0".into(),
            customer_id: None,
            items: vec![
                LineItem {
                    line_id: "a".into(),
                    qty: Decimal::ONE,
                    unit_price: Decimal::TEN,
                    ..LineItem::default()
                },
                LineItem {
                    line_id: "b".into(),
                    qty: Decimal::TWO,
                    unit_price: Decimal::ONE,
                    ..LineItem::default()
                },
            ],
            shipping_address: None,
            shipping_method: String::new(),
            shipping_amount: Decimal::ZERO,
            payment_method: String::new(),
            coupon_codes: vec![],
            membership: vec![],
            evaluated_at: DateTime::UNIX_EPOCH,
        }
    }

    fn fields(c: &Cart, limits: &CartLimits) -> Vec<String> {
        match c.validate(limits, &Websites::default()) {
            Ok(()) => vec![],
            Err(e) => e.violations.into_iter().map(|v| v.field).collect(),
        }
    }

    #[test]
    fn a_valid_cart_passes() {
        assert!(fields(&cart(), &CartLimits::default()).is_empty());
        assert_eq!(cart().subtotal(), Decimal::from(12));
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut c = cart();
        c.items[1].qty = Decimal::ZERO;
        c.items[0].unit_price = Decimal::NEGATIVE_ONE;
        c.items.push(LineItem {
            line_id: "a".into(),
            qty: Decimal::ONE,
            ..LineItem::default()
        });
        c.currency = Currency::from_code("EUR").unwrap();
        c.coupon_codes = vec!["x".into(), "y".into()];
        assert_eq!(
            fields(&c, &CartLimits::default()),
            [
                "cart.currency",
                "cart.coupon_codes",
                "cart.items[0].unit_price",
                "cart.items[1].qty",
                "cart.items[2].line_id"
            ]
        );
    }

    #[test]
    fn amounts_beyond_the_bounds_are_refused() {
        let mut c = cart();
        c.items[0].unit_price = Decimal::from(MAX_AMOUNT) + Decimal::ONE;
        c.items[1].qty = Decimal::from(2_000_000_000);
        c.items[1].weight = Decimal::from(MAX_AMOUNT) * Decimal::TEN;
        let f = fields(&c, &CartLimits::default());
        assert!(f.contains(&"cart.items[0].unit_price".to_owned()), "{f:?}");
        assert!(f.contains(&"cart.items[1].qty".to_owned()), "{f:?}");
        assert!(f.contains(&"cart.items[1].weight".to_owned()), "{f:?}");
        // Each line within bounds, the cart beyond them.
        let mut c = cart();
        c.items[0].qty = Decimal::from(MAX_QTY);
        c.items[0].unit_price = Decimal::from(MAX_AMOUNT);
        assert_eq!(fields(&c, &CartLimits::default()), ["cart.items"]);
    }

    #[test]
    fn too_many_items_is_rejected() {
        let limits = CartLimits {
            max_items: 1,
            ..CartLimits::default()
        };
        assert_eq!(fields(&cart(), &limits), ["cart.items"]);
    }

    #[test]
    fn website_currency_comes_from_config() {
        let mut websites = Websites::default();
        websites.by_id.insert(
            "jp".into(),
            WebsiteSettings {
                base_currency: Currency::from_code("JPY").unwrap(),
                time_zone: "Asia/Tokyo".parse().unwrap(),
            },
        );
        let mut c = cart();
        c.website_id = "jp".into();
        assert!(c.validate(&CartLimits::default(), &websites).is_err());
        c.currency = Currency::from_code("JPY").unwrap();
        assert!(c.validate(&CartLimits::default(), &websites).is_ok());
    }

    #[test]
    fn membership_is_sorted_and_deduplicated() {
        assert_eq!(
            merge_membership(["b", " a", "", "b", "c "]),
            ["a", "b", "c"]
        );
    }
}
