//! Evaluating compiled conditions against a cart (and, for item trees, one line), plus the
//! explanation of a failed cart tree for the trace.

use cohort_domain::condition::{AddressAttribute, Operator, SubselectAttribute};
use cohort_domain::money::parse_decimal;
use rust_decimal::Decimal;

use crate::compile::{Cond, ProductAttribute, Test};
use crate::facts::{AttributeValue, CartFacts, ItemView, Value, text};

impl Test {
    /// RULES.md §2 operator semantics. A missing value satisfies only negated operators.
    pub(crate) fn matches(&self, value: &Value<'_>) -> bool {
        let negated = self.operator.is_negated();
        if *value == Value::Missing {
            return negated;
        }
        let positive = match self.operator {
            Operator::Eq | Operator::Ne => self.equals(value),
            Operator::Contains | Operator::NotContains => self.contains(value),
            Operator::IsOneOf | Operator::IsNotOneOf => self.one_of(value),
            Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte => self.compare(value),
        };
        positive != negated
    }

    /// Numbers numerically, strings case-insensitively; a list holds V's value.
    fn equals(&self, value: &Value<'_>) -> bool {
        match value {
            Value::Missing => false,
            Value::Number(n) => self.numbers.contains(&Some(*n)),
            Value::Text(s) => {
                let number = if self.has_number { number_of(s) } else { None };
                self.values
                    .iter()
                    .zip(&self.numbers)
                    .any(|(v, num)| match (num, number) {
                        (Some(a), Some(b)) => *a == b,
                        _ => v == s,
                    })
            }
            Value::List(list) => self.overlaps(list),
        }
    }

    /// Scalar: some value of V is a substring; list: any overlap.
    fn contains(&self, value: &Value<'_>) -> bool {
        match value {
            Value::Missing => false,
            Value::Number(n) => {
                let s = n.normalize().to_string();
                self.values.iter().any(|v| s.contains(v.as_str()))
            }
            Value::Text(s) => self.values.iter().any(|v| s.contains(v.as_str())),
            Value::List(list) => self.overlaps(list),
        }
    }

    /// Scalar: v is in V; list: any overlap.
    fn one_of(&self, value: &Value<'_>) -> bool {
        match value {
            Value::Missing => false,
            Value::Number(n) => self.numbers.contains(&Some(*n)),
            Value::Text(s) => self.set.contains(*s) || (self.has_number && self.equals(value)),
            Value::List(list) => self.overlaps(list),
        }
    }

    fn overlaps(&self, list: &[String]) -> bool {
        list.iter().any(|e| self.set.contains(e))
    }

    /// Numeric only: a non-numeric value (or condition value) is false.
    fn compare(&self, value: &Value<'_>) -> bool {
        let actual = match value {
            Value::Number(n) => Some(*n),
            Value::Text(s) => number_of(s),
            Value::Missing | Value::List(_) => None,
        };
        let (Some(actual), Some(expected)) = (actual, self.first_number()) else {
            return false;
        };
        match self.operator {
            Operator::Gt => actual > expected,
            Operator::Gte => actual >= expected,
            Operator::Lt => actual < expected,
            Operator::Lte => actual <= expected,
            _ => false,
        }
    }
}

/// A text value as a number, rejecting obvious non-numbers cheaply (SKUs, codes) before
/// the strict parser, which allocates its error message.
fn number_of(s: &str) -> Option<Decimal> {
    let numeric_chars = s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'));
    if numeric_chars && !s.is_empty() {
        parse_decimal(s).ok()
    } else {
        None
    }
}

/// Evaluates a node. Cart-level nodes read `facts`; product nodes read `item` (missing when
/// there is none). Recursion depth is bounded by the compiler's depth limit.
pub(crate) fn eval(cond: &Cond, facts: &CartFacts<'_>, item: Option<&ItemView<'_>>) -> bool {
    match cond {
        Cond::Combine {
            all,
            negate,
            children,
        } => aggregate(*all, *negate, children, |c| eval(c, facts, item)),
        Cond::Address { attribute, test } => test.matches(&address_value(*attribute, facts)),
        Cond::Found {
            not_found,
            all,
            children,
        } => found(*not_found, *all, children, facts),
        Cond::Subselect {
            attribute,
            test,
            all,
            children,
        } => test.matches(&Value::Number(subselect_sum(
            *attribute, *all, children, facts,
        ))),
        Cond::Product { attribute, test } => match item {
            Some(item) => test.matches(&product_value(attribute, item)),
            None => test.matches(&Value::Missing),
        },
        Cond::Audience { operator, ids, .. } => {
            let overlap = facts.membership.iter().any(|m| ids.contains(m));
            overlap != operator.is_negated()
        }
        Cond::Invalid { .. } => false,
    }
}

/// Magento's Combine: no children = true; `negate` inverts each child before aggregating.
pub(crate) fn aggregate(
    all: bool,
    negate: bool,
    children: &[Cond],
    f: impl Fn(&Cond) -> bool,
) -> bool {
    if all {
        children.iter().all(|c| f(c) != negate)
    } else {
        children.is_empty() || children.iter().any(|c| f(c) != negate)
    }
}

/// RULES.md §2 "Product found". With `not_found`, true when no item satisfies any child.
/// Without children every item satisfies them, so the node is true for any non-empty cart,
/// found or not found (Magento's `Found::validate` asks `Combine::validate` per item, and
/// that is true without conditions).
fn found(not_found: bool, all: bool, children: &[Cond], facts: &CartFacts<'_>) -> bool {
    if facts.items.is_empty() {
        return false;
    }
    if children.is_empty() {
        return true;
    }
    if not_found {
        !facts
            .items
            .iter()
            .any(|i| children.iter().any(|c| eval(c, facts, Some(i))))
    } else {
        facts
            .items
            .iter()
            .any(|i| aggregate(all, false, children, |c| eval(c, facts, Some(i))))
    }
}

pub(crate) fn subselect_sum(
    attribute: SubselectAttribute,
    all: bool,
    children: &[Cond],
    facts: &CartFacts<'_>,
) -> Decimal {
    facts
        .items
        .iter()
        .filter(|i| aggregate(all, false, children, |c| eval(c, facts, Some(i))))
        .map(|i| match attribute {
            SubselectAttribute::Qty => i.item.qty,
            SubselectAttribute::RowTotal => i.row_total,
            SubselectAttribute::RowTotalInclTax => i.row_total_incl_tax(),
        })
        .sum()
}

pub(crate) fn address_value<'f>(
    attribute: AddressAttribute,
    facts: &'f CartFacts<'_>,
) -> Value<'f> {
    match attribute {
        AddressAttribute::Subtotal => Value::Number(facts.subtotal),
        AddressAttribute::SubtotalWithDiscount => Value::Number(facts.subtotal_with_discount),
        AddressAttribute::SubtotalInclTax => Value::Number(facts.subtotal_incl_tax()),
        AddressAttribute::TotalQty => Value::Number(facts.total_qty),
        AddressAttribute::Weight => Value::Number(facts.weight()),
        AddressAttribute::PaymentMethod => text(&facts.payment_method),
        AddressAttribute::ShippingMethod => text(&facts.shipping_method),
        AddressAttribute::Postcode => text(&facts.postcode),
        AddressAttribute::Region => text(&facts.region),
        AddressAttribute::RegionId => text(&facts.region_id),
        AddressAttribute::CountryId => text(&facts.country_id),
    }
}

pub(crate) fn product_value<'i>(attribute: &ProductAttribute, item: &'i ItemView<'_>) -> Value<'i> {
    match attribute {
        ProductAttribute::Sku => text(&item.sku),
        // For categories EQ/NE act as CONTAINS/NOT_CONTAINS through the list semantics.
        ProductAttribute::CategoryIds => Value::List(&item.categories),
        ProductAttribute::AttributeSetId => text(&item.attribute_set_id),
        ProductAttribute::Price => Value::Number(item.item.unit_price),
        ProductAttribute::Qty => Value::Number(item.item.qty),
        ProductAttribute::RowTotal => Value::Number(item.row_total),
        ProductAttribute::Custom(key) => match item.attributes.get(key.as_str()) {
            None => Value::Missing,
            Some(AttributeValue::Text(s)) => text(s),
            Some(AttributeValue::List(list)) => Value::List(list),
        },
    }
}

/// Why a cart tree is false: the 1-based path of the first failing child from the root
/// (`"1.2"`; empty when the root itself fails) and a human-readable detail.
pub(crate) fn explain(cond: &Cond, facts: &CartFacts<'_>) -> (String, String) {
    match cond {
        Cond::Combine {
            all,
            negate,
            children,
        } => explain_combine(*all, *negate, children, facts, ""),
        leaf => (String::new(), leaf_detail(leaf, facts, None)),
    }
}

fn explain_combine(
    all: bool,
    negate: bool,
    children: &[Cond],
    facts: &CartFacts<'_>,
    prefix: &str,
) -> (String, String) {
    let path_of = |i: usize| {
        if prefix.is_empty() {
            (i + 1).to_string()
        } else {
            format!("{prefix}.{}", i + 1)
        }
    };
    if all {
        for (i, child) in children.iter().enumerate() {
            if eval(child, facts, None) != negate {
                continue;
            }
            let path = path_of(i);
            if negate {
                return (path, "condition is true but must be false".to_owned());
            }
            if let Cond::Combine {
                all,
                negate,
                children,
            } = child
            {
                return explain_combine(*all, *negate, children, facts, &path);
            }
            return (path, leaf_detail(child, facts, None));
        }
        (prefix.to_owned(), "conditions are not met".to_owned())
    } else {
        let wanted = if negate { "false" } else { "true" };
        let first = children
            .first()
            .map(|c| match c {
                Cond::Combine { .. } => String::new(),
                leaf if !negate => format!("; first: {}", leaf_detail(leaf, facts, None)),
                _ => String::new(),
            })
            .unwrap_or_default();
        (
            prefix.to_owned(),
            format!(
                "none of the {} conditions is {wanted}{first}",
                children.len()
            ),
        )
    }
}

fn show(value: &Value<'_>, money: Option<cohort_domain::Currency>) -> String {
    match value {
        Value::Missing => "(missing)".to_owned(),
        Value::Number(n) => match money {
            Some(currency) => currency.format(*n),
            None => n.normalize().to_string(),
        },
        Value::Text(s) => (*s).to_owned(),
        Value::List(list) => format!("[{}]", list.join(", ")),
    }
}

fn leaf_detail(cond: &Cond, facts: &CartFacts<'_>, item: Option<&ItemView<'_>>) -> String {
    match cond {
        Cond::Address { attribute, test } => {
            let money = attribute.is_money().then_some(facts.currency);
            format!(
                "{} {} is not {} {}",
                attribute.name(),
                show(&address_value(*attribute, facts), money),
                test.operator.symbol(),
                test.raw.join(", ")
            )
        }
        Cond::Product { attribute, test } => match item {
            Some(item) => format!(
                "{} {} is not {} {}",
                attribute.name(),
                show(&product_value(attribute, item), None),
                test.operator.symbol(),
                test.raw.join(", ")
            ),
            None => format!(
                "product condition on {} outside an item context is missing",
                attribute.name()
            ),
        },
        Cond::Found { not_found, .. } => {
            if facts.items.is_empty() {
                "the cart is empty".to_owned()
            } else if *not_found {
                "an item matching the conditions was found".to_owned()
            } else {
                "no item matches the conditions".to_owned()
            }
        }
        Cond::Subselect {
            attribute,
            test,
            all,
            children,
        } => {
            let sum = subselect_sum(*attribute, *all, children, facts);
            let money = (*attribute != SubselectAttribute::Qty).then_some(facts.currency);
            format!(
                "{} of matching items {} is not {} {}",
                attribute.name(),
                show(&Value::Number(sum), money),
                test.operator.symbol(),
                test.raw.join(", ")
            )
        }
        Cond::Audience { operator, raw, .. } => format!(
            "membership [{}] fails \"{} {}\"",
            facts.membership.join(", "),
            operator.symbol(),
            raw.join(", ")
        ),
        Cond::Invalid { reason } => reason.clone(),
        Cond::Combine { .. } => "conditions are not met".to_owned(),
    }
}
