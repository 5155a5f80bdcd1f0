//! The cart as conditions see it, prepared once per pricing: lower-cased strings, split
//! multiselect values and the cart totals of RULES.md §2.

use std::collections::BTreeMap;

use cohort_domain::{Cart, Currency, LineItem};
use rust_decimal::Decimal;

/// A product attribute value as compared by conditions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Missing,
    Number(Decimal),
    /// Lower-cased.
    Text(&'a str),
    /// Lower-cased elements (categories, multiselect attributes).
    List(&'a [String]),
}

#[derive(Debug)]
pub(crate) enum AttributeValue {
    Text(String),
    List(Vec<String>),
}

/// One line prepared for condition evaluation.
#[derive(Debug)]
pub(crate) struct ItemView<'a> {
    pub item: &'a LineItem,
    pub sku: String,
    pub categories: Vec<String>,
    pub attribute_set_id: String,
    pub attributes: BTreeMap<&'a str, AttributeValue>,
    /// qty × unit_price, exact.
    pub row_total: Decimal,
    /// qty × unit_price_incl_tax, exact.
    pub row_total_incl_tax: Decimal,
}

impl<'a> ItemView<'a> {
    pub fn new(item: &'a LineItem) -> ItemView<'a> {
        let attributes = item
            .attributes
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| {
                // Multiselect values arrive comma-separated (API.md LineItem.attributes).
                let value = if v.contains(',') {
                    AttributeValue::List(
                        v.split(',')
                            .map(|p| p.trim().to_lowercase())
                            .filter(|p| !p.is_empty())
                            .collect(),
                    )
                } else {
                    AttributeValue::Text(v.trim().to_lowercase())
                };
                (k.as_str(), value)
            })
            .collect();
        ItemView {
            item,
            sku: item.sku.trim().to_lowercase(),
            categories: item
                .category_ids
                .iter()
                .map(|c| c.trim().to_lowercase())
                .filter(|c| !c.is_empty())
                .collect(),
            attribute_set_id: item.attribute_set_id.trim().to_lowercase(),
            attributes,
            row_total: item.qty * item.unit_price,
            row_total_incl_tax: item.qty * item.unit_price_incl_tax,
        }
    }
}

/// Cart-level facts; `subtotal_with_discount` moves as rules apply.
#[derive(Debug)]
pub(crate) struct CartFacts<'a> {
    pub currency: Currency,
    pub items: Vec<ItemView<'a>>,
    pub subtotal: Decimal,
    pub subtotal_with_discount: Decimal,
    pub subtotal_incl_tax: Decimal,
    pub total_qty: Decimal,
    pub weight: Decimal,
    pub payment_method: String,
    pub shipping_method: String,
    pub postcode: String,
    pub region: String,
    pub region_id: String,
    pub country_id: String,
    /// Sorted, de-duplicated audience ids.
    pub membership: &'a [String],
}

impl<'a> CartFacts<'a> {
    /// `subtotal` is Σ of the rounded row totals, as Magento sums rounded `row_total`s.
    pub fn new(cart: &'a Cart) -> CartFacts<'a> {
        let items: Vec<ItemView<'a>> = cart.items.iter().map(ItemView::new).collect();
        let currency = cart.currency;
        let subtotal = items.iter().map(|i| currency.round(i.row_total)).sum();
        let lower = |s: &str| s.trim().to_lowercase();
        let address = cart.shipping_address.as_ref();
        CartFacts {
            currency,
            subtotal,
            subtotal_with_discount: subtotal,
            subtotal_incl_tax: items.iter().map(|i| i.row_total_incl_tax).sum(),
            total_qty: cart.items.iter().map(|i| i.qty).sum(),
            weight: cart.items.iter().map(|i| i.qty * i.weight).sum(),
            payment_method: lower(&cart.payment_method),
            shipping_method: lower(&cart.shipping_method),
            postcode: address.map(|a| lower(&a.postcode)).unwrap_or_default(),
            region: address.map(|a| lower(&a.region)).unwrap_or_default(),
            region_id: address.map(|a| lower(&a.region_id)).unwrap_or_default(),
            country_id: address.map(|a| lower(&a.country_id)).unwrap_or_default(),
            membership: &cart.membership,
            items,
        }
    }
}

/// Empty strings count as missing attributes.
pub(crate) fn text(s: &str) -> Value<'_> {
    if s.is_empty() {
        Value::Missing
    } else {
        Value::Text(s)
    }
}
