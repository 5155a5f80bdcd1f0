//! The cart as conditions see it, prepared once per pricing: lower-cased strings, split
//! multiselect values and the cart totals of RULES.md §2.

use std::borrow::Cow;
use std::cell::OnceCell;
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
    /// Trimmed and lower-cased: borrowed from the line when it already is.
    pub sku: Cow<'a, str>,
    /// Trimmed, lower-cased, non-empty: borrowed when every id already is.
    pub categories: Cow<'a, [String]>,
    pub attribute_set_id: Cow<'a, str>,
    pub attributes: BTreeMap<&'a str, AttributeValue>,
    /// qty × unit_price, exact.
    pub row_total: Decimal,
    /// `row_total` rounded to the currency's minor unit.
    pub row_total_rounded: Decimal,
    /// qty × unit_price_incl_tax, exact; computed when a condition first asks.
    row_total_incl_tax: OnceCell<Decimal>,
}

impl<'a> ItemView<'a> {
    pub fn new(item: &'a LineItem, currency: Currency) -> ItemView<'a> {
        let row_total = item.qty * item.unit_price;
        ItemView {
            item,
            sku: normalized(&item.sku),
            categories: normalized_list(&item.category_ids),
            attribute_set_id: normalized(&item.attribute_set_id),
            attributes: attribute_values(&item.attributes),
            row_total,
            row_total_rounded: currency.round(row_total),
            row_total_incl_tax: OnceCell::new(),
        }
    }

    pub fn row_total_incl_tax(&self) -> Decimal {
        *self
            .row_total_incl_tax
            .get_or_init(|| self.item.qty * self.item.unit_price_incl_tax)
    }
}

/// A line's non-blank attributes, normalized; multiselect values (comma-separated, API.md
/// `LineItem.attributes`) split into lists.
fn attribute_values(attributes: &BTreeMap<String, String>) -> BTreeMap<&str, AttributeValue> {
    // Collecting even nothing into a map costs a sort's set-up: most lines have none.
    if attributes.is_empty() {
        return BTreeMap::new();
    }
    attributes
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| {
            let value = if v.contains(',') {
                AttributeValue::List(
                    v.split(',')
                        .map(|p| normalized(p).into_owned())
                        .filter(|p| !p.is_empty())
                        .collect(),
                )
            } else {
                AttributeValue::Text(normalized(v).into_owned())
            };
            (k.as_str(), value)
        })
        .collect()
}

/// Cart-level facts; `subtotal_with_discount` moves as rules apply.
#[derive(Debug)]
pub(crate) struct CartFacts<'a> {
    pub currency: Currency,
    pub items: Vec<ItemView<'a>>,
    pub subtotal: Decimal,
    pub subtotal_with_discount: Decimal,
    pub total_qty: Decimal,
    /// Σ qty × unit_price_incl_tax and Σ qty × weight, computed when a condition asks.
    subtotal_incl_tax: OnceCell<Decimal>,
    weight: OnceCell<Decimal>,
    pub payment_method: Cow<'a, str>,
    pub shipping_method: Cow<'a, str>,
    pub postcode: Cow<'a, str>,
    pub region: Cow<'a, str>,
    pub region_id: Cow<'a, str>,
    pub country_id: Cow<'a, str>,
    /// Sorted, de-duplicated audience ids.
    pub membership: &'a [String],
}

impl<'a> CartFacts<'a> {
    /// `subtotal` is Σ of the rounded row totals, as Magento sums rounded `row_total`s.
    pub fn new(cart: &'a Cart) -> CartFacts<'a> {
        let currency = cart.currency;
        let items: Vec<ItemView<'a>> = cart
            .items
            .iter()
            .map(|i| ItemView::new(i, currency))
            .collect();
        let subtotal = items.iter().map(|i| i.row_total_rounded).sum();
        let address = cart.shipping_address.as_ref();
        CartFacts {
            currency,
            subtotal,
            subtotal_with_discount: subtotal,
            total_qty: cart.items.iter().map(|i| i.qty).sum(),
            subtotal_incl_tax: OnceCell::new(),
            weight: OnceCell::new(),
            payment_method: normalized(&cart.payment_method),
            shipping_method: normalized(&cart.shipping_method),
            postcode: address.map(|a| normalized(&a.postcode)).unwrap_or_default(),
            region: address.map(|a| normalized(&a.region)).unwrap_or_default(),
            region_id: address
                .map(|a| normalized(&a.region_id))
                .unwrap_or_default(),
            country_id: address
                .map(|a| normalized(&a.country_id))
                .unwrap_or_default(),
            membership: &cart.membership,
            items,
        }
    }
}

impl CartFacts<'_> {
    pub fn subtotal_incl_tax(&self) -> Decimal {
        *self
            .subtotal_incl_tax
            .get_or_init(|| self.items.iter().map(ItemView::row_total_incl_tax).sum())
    }

    pub fn weight(&self) -> Decimal {
        *self
            .weight
            .get_or_init(|| self.items.iter().map(|i| i.item.qty * i.item.weight).sum())
    }
}

/// `s` trimmed and lower-cased, borrowed when that changes nothing (the usual case: SKUs,
/// ids and method codes arrive lower-case), so preparing a cart allocates little.
pub(crate) fn normalized(s: &str) -> Cow<'_, str> {
    // Ends that are visible ASCII need no trimming (Unicode-aware `trim` decodes chars).
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    let bytes = s.as_bytes();
    let trimmed = if visible(bytes.first()) && visible(bytes.last()) {
        s
    } else {
        s.trim()
    };
    if trimmed
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(trimmed.to_lowercase())
    }
}

/// Each element normalized, empty ones dropped; borrowed when that changes nothing.
fn normalized_list(list: &[String]) -> Cow<'_, [String]> {
    let unchanged = list
        .iter()
        .all(|e| !e.is_empty() && matches!(normalized(e), Cow::Borrowed(b) if b.len() == e.len()));
    if unchanged {
        Cow::Borrowed(list)
    } else {
        Cow::Owned(
            list.iter()
                .map(|e| normalized(e).into_owned())
                .filter(|e| !e.is_empty())
                .collect(),
        )
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
