//! Rule condition trees: the cart-level `conditions` and the item-level `action_conditions`
//! of a cart price rule (Magento's `SalesRule\Model\Rule\Condition\*` classes).

use std::collections::BTreeSet;

/// How a combine (or found / subselect) node aggregates its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Aggregator {
    /// Every child true (UNSPECIFIED maps here, as Magento's default "ALL").
    #[default]
    All,
    /// At least one child true.
    Any,
}

/// Comparison operators of address and product conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Eq,
    Ne,
    Gte,
    Gt,
    Lte,
    Lt,
    Contains,
    NotContains,
    IsOneOf,
    IsNotOneOf,
}

impl Operator {
    /// List operators take one or more values; the others exactly one.
    pub fn takes_list(self) -> bool {
        matches!(
            self,
            Operator::Contains | Operator::NotContains | Operator::IsOneOf | Operator::IsNotOneOf
        )
    }

    /// Negated operators are true for a missing attribute (RULES.md §2).
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            Operator::Ne | Operator::NotContains | Operator::IsNotOneOf
        )
    }

    /// The operator as Magento's admin shows it, for trace details.
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Eq => "==",
            Operator::Ne => "!=",
            Operator::Gte => ">=",
            Operator::Gt => ">",
            Operator::Lte => "<=",
            Operator::Lt => "<",
            Operator::Contains => "contains",
            Operator::NotContains => "does not contain",
            Operator::IsOneOf => "is one of",
            Operator::IsNotOneOf => "is not one of",
        }
    }
}

/// Cart ("shipping address") attributes of an address condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressAttribute {
    Subtotal,
    SubtotalWithDiscount,
    SubtotalInclTax,
    TotalQty,
    Weight,
    PaymentMethod,
    ShippingMethod,
    Postcode,
    Region,
    RegionId,
    CountryId,
}

impl AddressAttribute {
    pub const ALL: [AddressAttribute; 11] = [
        AddressAttribute::Subtotal,
        AddressAttribute::SubtotalWithDiscount,
        AddressAttribute::SubtotalInclTax,
        AddressAttribute::TotalQty,
        AddressAttribute::Weight,
        AddressAttribute::PaymentMethod,
        AddressAttribute::ShippingMethod,
        AddressAttribute::Postcode,
        AddressAttribute::Region,
        AddressAttribute::RegionId,
        AddressAttribute::CountryId,
    ];

    /// Attributes whose values must be decimals.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            AddressAttribute::Subtotal
                | AddressAttribute::SubtotalWithDiscount
                | AddressAttribute::SubtotalInclTax
                | AddressAttribute::TotalQty
                | AddressAttribute::Weight
        )
    }

    /// Money attributes print with the currency's decimals in trace details.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            AddressAttribute::Subtotal
                | AddressAttribute::SubtotalWithDiscount
                | AddressAttribute::SubtotalInclTax
        )
    }

    /// snake_case name (the proto enum value without its prefix, lower-cased).
    pub fn name(self) -> &'static str {
        match self {
            AddressAttribute::Subtotal => "subtotal",
            AddressAttribute::SubtotalWithDiscount => "subtotal_with_discount",
            AddressAttribute::SubtotalInclTax => "subtotal_incl_tax",
            AddressAttribute::TotalQty => "total_qty",
            AddressAttribute::Weight => "weight",
            AddressAttribute::PaymentMethod => "payment_method",
            AddressAttribute::ShippingMethod => "shipping_method",
            AddressAttribute::Postcode => "postcode",
            AddressAttribute::Region => "region",
            AddressAttribute::RegionId => "region_id",
            AddressAttribute::CountryId => "country_id",
        }
    }
}

/// What a products subselection sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubselectAttribute {
    Qty,
    RowTotal,
    RowTotalInclTax,
}

impl SubselectAttribute {
    pub fn name(self) -> &'static str {
        match self {
            SubselectAttribute::Qty => "qty",
            SubselectAttribute::RowTotal => "row_total",
            SubselectAttribute::RowTotalInclTax => "row_total_incl_tax",
        }
    }
}

/// Operators of the Experience Platform audience condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudienceOperator {
    Matches,
    DoesNotMatch,
    IsOneOf,
    IsNotOneOf,
}

impl AudienceOperator {
    /// DOES_NOT_MATCH and IS_NOT_ONE_OF pass when the membership does not overlap.
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            AudienceOperator::DoesNotMatch | AudienceOperator::IsNotOneOf
        )
    }

    pub fn symbol(self) -> &'static str {
        match self {
            AudienceOperator::Matches => "matches",
            AudienceOperator::DoesNotMatch => "does not match",
            AudienceOperator::IsOneOf => "is one of",
            AudienceOperator::IsNotOneOf => "is not one of",
        }
    }
}

/// Product attributes that are numbers rather than strings.
pub const NUMERIC_PRODUCT_ATTRIBUTES: [&str; 3] =
    ["quote_item_price", "quote_item_qty", "quote_item_row_total"];

/// Whether a product condition attribute is compared numerically.
pub fn is_numeric_product_attribute(attribute: &str) -> bool {
    NUMERIC_PRODUCT_ATTRIBUTES.contains(&attribute)
}

/// One node of a condition tree.
///
/// `Drop` is implemented iteratively so that a hostile, very deep tree (rejected by
/// validation, but it has to be built before it can be rejected) never overflows the stack
/// when it is freed. The price of that: fields cannot be moved out by pattern matching;
/// match on a reference instead. `Clone`, `PartialEq` and `Debug` are recursive: use them
/// only on validated trees (≤ 32 levels).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Magento's `Combine`: ALL / ANY of the children, each inverted when `negate`
    /// ("If ALL of these conditions are FALSE").
    Combine {
        aggregator: Aggregator,
        negate: bool,
        conditions: Vec<Condition>,
    },
    /// A cart attribute (Magento's `Address` condition). Cart trees only.
    Address {
        attribute: AddressAttribute,
        operator: Operator,
        values: Vec<String>,
    },
    /// "If an item is (not) found in the cart with ALL/ANY of these conditions true"
    /// (Magento's `Product\Found`). Cart trees only; its children are product conditions.
    ProductFound {
        not_found: bool,
        aggregator: Aggregator,
        conditions: Vec<Condition>,
    },
    /// "If total quantity / amount of items matching … is …" (Magento's `Product\Subselect`).
    /// Cart trees only; its children are product conditions.
    ProductSubselect {
        attribute: SubselectAttribute,
        operator: Operator,
        values: Vec<String>,
        aggregator: Aggregator,
        conditions: Vec<Condition>,
    },
    /// An item attribute (Magento's `Product` condition): `sku`, `category_ids`,
    /// `attribute_set_id`, `quote_item_price`, `quote_item_qty`, `quote_item_row_total` or a
    /// key of the line's `attributes`. Item trees (action conditions, found, subselect) only.
    Product {
        attribute: String,
        operator: Operator,
        values: Vec<String>,
    },
    /// Adobe Experience Platform audience membership. Cart trees only.
    Audience {
        operator: AudienceOperator,
        audience_ids: Vec<String>,
    },
}

impl Condition {
    /// The children of a combine, found or subselect node; empty for leaves.
    pub fn children(&self) -> &[Condition] {
        match self {
            Condition::Combine { conditions, .. }
            | Condition::ProductFound { conditions, .. }
            | Condition::ProductSubselect { conditions, .. } => conditions,
            _ => &[],
        }
    }

    fn children_mut(&mut self) -> Option<&mut Vec<Condition>> {
        match self {
            Condition::Combine { conditions, .. }
            | Condition::ProductFound { conditions, .. }
            | Condition::ProductSubselect { conditions, .. } => Some(conditions),
            _ => None,
        }
    }

    /// The proto `oneof kind` name of this node, used in field paths.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Condition::Combine { .. } => "combine",
            Condition::Address { .. } => "address",
            Condition::ProductFound { .. } => "product_found",
            Condition::ProductSubselect { .. } => "product_subselect",
            Condition::Product { .. } => "product",
            Condition::Audience { .. } => "audience",
        }
    }

    /// Every audience id referenced anywhere in the tree (walked iteratively).
    pub fn audience_ids(&self) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            if let Condition::Audience { audience_ids, .. } = node {
                ids.extend(audience_ids.iter().cloned());
            }
            stack.extend(node.children());
        }
        ids
    }
}

impl Drop for Condition {
    fn drop(&mut self) {
        let Some(children) = self.children_mut() else {
            return;
        };
        if children.is_empty() {
            return;
        }
        let mut stack = std::mem::take(children);
        while let Some(mut node) = stack.pop() {
            if let Some(grandchildren) = node.children_mut() {
                stack.append(grandchildren);
            }
            // `node` now has no children, so dropping it does not recurse.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_very_deep_tree_drops_without_overflow() {
        let mut tree = Condition::Combine {
            aggregator: Aggregator::All,
            negate: false,
            conditions: vec![],
        };
        for _ in 0..200_000 {
            tree = Condition::Combine {
                aggregator: Aggregator::Any,
                negate: true,
                conditions: vec![tree],
            };
        }
        drop(tree);
    }

    #[test]
    fn audience_ids_are_collected_from_nested_nodes() {
        let tree = Condition::Combine {
            aggregator: Aggregator::All,
            negate: false,
            conditions: vec![
                Condition::Audience {
                    operator: AudienceOperator::Matches,
                    audience_ids: vec!["b".into()],
                },
                Condition::Combine {
                    aggregator: Aggregator::Any,
                    negate: false,
                    conditions: vec![Condition::Audience {
                        operator: AudienceOperator::IsNotOneOf,
                        audience_ids: vec!["a".into(), "b".into()],
                    }],
                },
            ],
        };
        assert_eq!(
            tree.audience_ids().into_iter().collect::<Vec<_>>(),
            ["a", "b"]
        );
    }
}
