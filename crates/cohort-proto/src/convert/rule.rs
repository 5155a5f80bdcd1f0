//! `cohort.v1.CartPriceRule` ↔ domain `CartPriceRule`. proto → domain parses (enums,
//! decimals, dates, the condition tree) and then runs the domain's "Validation on save", so
//! one call reports every violation with its path (`rule.conditions.combine.conditions[0]…`).

use chrono::NaiveDate;
use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Condition, Operator, SubselectAttribute,
};
use cohort_domain::rule::{CartPriceRule, CouponType, FreeShipping, SimpleAction};
use cohort_domain::validate::{MAX_TREE_DEPTH, MAX_TREE_NODES, rule_violations};
use cohort_domain::{FieldViolation, ValidationError, parse_decimal};
use rust_decimal::Decimal;

use super::time::{timestamp_from_datetime, timestamp_to_datetime};
use crate::v1;
use crate::v1::condition::Kind;

/// Parses and validates a rule. Paths start with `rule.`.
pub fn rule_from_proto(r: &v1::CartPriceRule) -> Result<CartPriceRule, ValidationError> {
    let mut v = Vec::new();
    let coupon_type = match v1::CouponType::try_from(r.coupon_type) {
        Ok(v1::CouponType::Unspecified | v1::CouponType::NoCoupon) => CouponType::NoCoupon,
        Ok(v1::CouponType::Specific) => CouponType::Specific,
        Ok(v1::CouponType::Auto) => CouponType::Auto,
        Err(_) => {
            v.push(unknown_enum("rule.coupon_type", r.coupon_type));
            CouponType::NoCoupon
        }
    };
    let simple_action = match v1::SimpleAction::try_from(r.simple_action) {
        Ok(v1::SimpleAction::ByPercent) => SimpleAction::ByPercent,
        Ok(v1::SimpleAction::ByFixed) => SimpleAction::ByFixed,
        Ok(v1::SimpleAction::CartFixed) => SimpleAction::CartFixed,
        Ok(v1::SimpleAction::BuyXGetY) => SimpleAction::BuyXGetY,
        Ok(v1::SimpleAction::Unspecified) => {
            v.push(FieldViolation::new("rule.simple_action", "is required"));
            SimpleAction::ByPercent
        }
        Err(_) => {
            v.push(unknown_enum("rule.simple_action", r.simple_action));
            SimpleAction::ByPercent
        }
    };
    let free_shipping = match v1::FreeShipping::try_from(r.free_shipping) {
        Ok(v1::FreeShipping::Unspecified) => FreeShipping::None,
        Ok(v1::FreeShipping::MatchingItems) => FreeShipping::MatchingItems,
        Ok(v1::FreeShipping::WholeShipment) => FreeShipping::WholeShipment,
        Err(_) => {
            v.push(unknown_enum("rule.free_shipping", r.free_shipping));
            FreeShipping::None
        }
    };
    let discount_amount = if r.discount_amount.is_empty() {
        Decimal::ZERO
    } else {
        parse_decimal(&r.discount_amount).unwrap_or_else(|e| {
            v.push(FieldViolation::new("rule.discount_amount", e));
            Decimal::ZERO
        })
    };
    let discount_qty = if r.discount_qty.is_empty() {
        None
    } else {
        match parse_decimal(&r.discount_qty) {
            Ok(q) if q.is_zero() => None,
            Ok(q) => Some(q),
            Err(e) => {
                v.push(FieldViolation::new("rule.discount_qty", e));
                None
            }
        }
    };
    let from_date = date(&r.from_date, "rule.from_date", &mut v);
    let to_date = date(&r.to_date, "rule.to_date", &mut v);
    let mut nodes = 0usize;
    let conditions = r
        .conditions
        .as_ref()
        .map(|c| tree_from_proto(c, "rule.conditions", &mut v, &mut nodes));
    let mut nodes = 0usize;
    let action_conditions = r
        .action_conditions
        .as_ref()
        .map(|c| tree_from_proto(c, "rule.action_conditions", &mut v, &mut nodes));

    let rule = CartPriceRule {
        id: r.id,
        name: r.name.clone(),
        description: r.description.clone(),
        active: r.active,
        website_ids: r.website_ids.clone(),
        customer_group_ids: r.customer_group_ids.clone(),
        from_date,
        to_date,
        sort_order: r.sort_order,
        stop_rules_processing: r.stop_rules_processing,
        coupon_type,
        coupon_code: r.coupon_code.clone(),
        use_auto_generation: r.use_auto_generation,
        uses_per_coupon: r.uses_per_coupon,
        uses_per_customer: r.uses_per_customer,
        conditions: conditions.flatten(),
        action_conditions: action_conditions.flatten(),
        simple_action,
        discount_amount,
        discount_qty,
        discount_step: r.discount_step,
        apply_to_shipping: r.apply_to_shipping,
        free_shipping,
        labels: r
            .labels
            .iter()
            .map(|(k, l)| (k.clone(), l.clone()))
            .collect(),
        times_used: r.times_used,
        version: r.version,
        created_at: r.created_at.as_ref().and_then(timestamp_to_datetime),
        updated_at: r.updated_at.as_ref().and_then(timestamp_to_datetime),
    };
    // Parse problems make the tree incomplete; only check semantics on what parsed.
    if v.is_empty() {
        v = rule_violations(&rule);
    }
    ValidationError::check(v)?;
    Ok(rule)
}

pub fn rule_to_proto(r: &CartPriceRule) -> v1::CartPriceRule {
    v1::CartPriceRule {
        id: r.id,
        name: r.name.clone(),
        description: r.description.clone(),
        active: r.active,
        website_ids: r.website_ids.clone(),
        customer_group_ids: r.customer_group_ids.clone(),
        from_date: r.from_date.map(|d| d.to_string()).unwrap_or_default(),
        to_date: r.to_date.map(|d| d.to_string()).unwrap_or_default(),
        sort_order: r.sort_order,
        stop_rules_processing: r.stop_rules_processing,
        coupon_type: match r.coupon_type {
            CouponType::NoCoupon => v1::CouponType::NoCoupon,
            CouponType::Specific => v1::CouponType::Specific,
            CouponType::Auto => v1::CouponType::Auto,
        } as i32,
        coupon_code: r.coupon_code.clone(),
        use_auto_generation: r.use_auto_generation,
        uses_per_coupon: r.uses_per_coupon,
        uses_per_customer: r.uses_per_customer,
        conditions: r.conditions.as_ref().map(condition_to_proto),
        action_conditions: r.action_conditions.as_ref().map(condition_to_proto),
        simple_action: match r.simple_action {
            SimpleAction::ByPercent => v1::SimpleAction::ByPercent,
            SimpleAction::ByFixed => v1::SimpleAction::ByFixed,
            SimpleAction::CartFixed => v1::SimpleAction::CartFixed,
            SimpleAction::BuyXGetY => v1::SimpleAction::BuyXGetY,
        } as i32,
        discount_amount: r.discount_amount.normalize().to_string(),
        discount_qty: r
            .discount_qty
            .map(|q| q.normalize().to_string())
            .unwrap_or_default(),
        discount_step: r.discount_step,
        apply_to_shipping: r.apply_to_shipping,
        free_shipping: match r.free_shipping {
            FreeShipping::None => v1::FreeShipping::Unspecified,
            FreeShipping::MatchingItems => v1::FreeShipping::MatchingItems,
            FreeShipping::WholeShipment => v1::FreeShipping::WholeShipment,
        } as i32,
        labels: r
            .labels
            .iter()
            .map(|(k, l)| (k.clone(), l.clone()))
            .collect(),
        times_used: r.times_used,
        version: r.version,
        created_at: r.created_at.map(timestamp_from_datetime),
        updated_at: r.updated_at.map(timestamp_from_datetime),
    }
}

fn unknown_enum(field: &str, value: i32) -> FieldViolation {
    FieldViolation::new(field, format!("unknown enum value {value}"))
}

fn date(s: &str, field: &str, v: &mut Vec<FieldViolation>) -> Option<NaiveDate> {
    if s.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if s.len() == 10 => Some(d),
        _ => {
            v.push(FieldViolation::new(
                field,
                format!("{s:?} is not a YYYY-MM-DD date"),
            ));
            None
        }
    }
}

/// Converts a tree rooted at `field`; `None` when the root itself has no kind.
fn tree_from_proto(
    c: &v1::Condition,
    field: &str,
    v: &mut Vec<FieldViolation>,
    nodes: &mut usize,
) -> Option<Condition> {
    let mut limit_hit = false;
    let node = node_from_proto(c, field, 1, v, nodes, &mut limit_hit, field);
    if limit_hit {
        return None;
    }
    node
}

#[allow(clippy::too_many_arguments)]
fn node_from_proto(
    c: &v1::Condition,
    path: &str,
    depth: usize,
    v: &mut Vec<FieldViolation>,
    nodes: &mut usize,
    limit_hit: &mut bool,
    root: &str,
) -> Option<Condition> {
    if *limit_hit {
        return None;
    }
    *nodes += 1;
    if depth > MAX_TREE_DEPTH {
        v.push(FieldViolation::new(
            root,
            format!("condition tree is deeper than {MAX_TREE_DEPTH} levels"),
        ));
        *limit_hit = true;
        return None;
    }
    if *nodes > MAX_TREE_NODES {
        v.push(FieldViolation::new(
            root,
            format!("condition tree has more than {MAX_TREE_NODES} nodes"),
        ));
        *limit_hit = true;
        return None;
    }
    let Some(kind) = &c.kind else {
        v.push(FieldViolation::new(
            path,
            "a condition needs one of combine, address, product_found, product_subselect, product, audience",
        ));
        return None;
    };
    let mut children = |list: &[v1::Condition], at: &str, v: &mut Vec<FieldViolation>| {
        let mut out = Vec::with_capacity(list.len());
        for (i, child) in list.iter().enumerate() {
            let child_path = format!("{at}.conditions[{i}]");
            if let Some(n) =
                node_from_proto(child, &child_path, depth + 1, v, nodes, limit_hit, root)
            {
                out.push(n);
            }
        }
        out
    };
    Some(match kind {
        Kind::Combine(x) => {
            let at = format!("{path}.combine");
            let aggregator = aggregator(x.aggregator, &format!("{at}.aggregator"), v);
            Condition::Combine {
                aggregator,
                negate: x.negate,
                conditions: children(&x.conditions, &at, v),
            }
        }
        Kind::Address(x) => {
            let at = format!("{path}.address");
            Condition::Address {
                attribute: address_attribute(x.attribute, &format!("{at}.attribute"), v)?,
                operator: operator(x.operator, &format!("{at}.operator"), v)?,
                values: x.values.clone(),
            }
        }
        Kind::ProductFound(x) => {
            let at = format!("{path}.product_found");
            let aggregator = aggregator(x.aggregator, &format!("{at}.aggregator"), v);
            Condition::ProductFound {
                not_found: x.not_found,
                aggregator,
                conditions: children(&x.conditions, &at, v),
            }
        }
        Kind::ProductSubselect(x) => {
            let at = format!("{path}.product_subselect");
            let attribute = subselect_attribute(x.attribute, &format!("{at}.attribute"), v);
            let op = operator(x.operator, &format!("{at}.operator"), v);
            let aggregator = aggregator(x.aggregator, &format!("{at}.aggregator"), v);
            let conditions = children(&x.conditions, &at, v);
            Condition::ProductSubselect {
                attribute: attribute?,
                operator: op?,
                values: x.values.clone(),
                aggregator,
                conditions,
            }
        }
        Kind::Product(x) => {
            let at = format!("{path}.product");
            if x.attribute.trim().is_empty() {
                v.push(FieldViolation::new(
                    format!("{at}.attribute"),
                    "is required",
                ));
            }
            Condition::Product {
                attribute: x.attribute.clone(),
                operator: operator(x.operator, &format!("{at}.operator"), v)?,
                values: x.values.clone(),
            }
        }
        Kind::Audience(x) => {
            let at = format!("{path}.audience");
            let op = match v1::AudienceOperator::try_from(x.operator) {
                Ok(v1::AudienceOperator::Matches) => AudienceOperator::Matches,
                Ok(v1::AudienceOperator::DoesNotMatch) => AudienceOperator::DoesNotMatch,
                Ok(v1::AudienceOperator::IsOneOf) => AudienceOperator::IsOneOf,
                Ok(v1::AudienceOperator::IsNotOneOf) => AudienceOperator::IsNotOneOf,
                Ok(v1::AudienceOperator::Unspecified) => {
                    v.push(FieldViolation::new(format!("{at}.operator"), "is required"));
                    return None;
                }
                Err(_) => {
                    v.push(unknown_enum(&format!("{at}.operator"), x.operator));
                    return None;
                }
            };
            Condition::Audience {
                operator: op,
                audience_ids: x.audience_ids.clone(),
            }
        }
    })
}

fn aggregator(value: i32, field: &str, v: &mut Vec<FieldViolation>) -> Aggregator {
    match v1::Aggregator::try_from(value) {
        Ok(v1::Aggregator::Unspecified | v1::Aggregator::All) => Aggregator::All,
        Ok(v1::Aggregator::Any) => Aggregator::Any,
        Err(_) => {
            v.push(unknown_enum(field, value));
            Aggregator::All
        }
    }
}

fn operator(value: i32, field: &str, v: &mut Vec<FieldViolation>) -> Option<Operator> {
    Some(match v1::Operator::try_from(value) {
        Ok(v1::Operator::Eq) => Operator::Eq,
        Ok(v1::Operator::Ne) => Operator::Ne,
        Ok(v1::Operator::Gte) => Operator::Gte,
        Ok(v1::Operator::Gt) => Operator::Gt,
        Ok(v1::Operator::Lte) => Operator::Lte,
        Ok(v1::Operator::Lt) => Operator::Lt,
        Ok(v1::Operator::Contains) => Operator::Contains,
        Ok(v1::Operator::NotContains) => Operator::NotContains,
        Ok(v1::Operator::IsOneOf) => Operator::IsOneOf,
        Ok(v1::Operator::IsNotOneOf) => Operator::IsNotOneOf,
        Ok(v1::Operator::Unspecified) => {
            v.push(FieldViolation::new(field, "is required"));
            return None;
        }
        Err(_) => {
            v.push(unknown_enum(field, value));
            return None;
        }
    })
}

fn address_attribute(
    value: i32,
    field: &str,
    v: &mut Vec<FieldViolation>,
) -> Option<AddressAttribute> {
    use v1::AddressAttribute as P;
    Some(match P::try_from(value) {
        Ok(P::Subtotal) => AddressAttribute::Subtotal,
        Ok(P::SubtotalWithDiscount) => AddressAttribute::SubtotalWithDiscount,
        Ok(P::SubtotalInclTax) => AddressAttribute::SubtotalInclTax,
        Ok(P::TotalQty) => AddressAttribute::TotalQty,
        Ok(P::Weight) => AddressAttribute::Weight,
        Ok(P::PaymentMethod) => AddressAttribute::PaymentMethod,
        Ok(P::ShippingMethod) => AddressAttribute::ShippingMethod,
        Ok(P::Postcode) => AddressAttribute::Postcode,
        Ok(P::Region) => AddressAttribute::Region,
        Ok(P::RegionId) => AddressAttribute::RegionId,
        Ok(P::CountryId) => AddressAttribute::CountryId,
        Ok(P::Unspecified) => {
            v.push(FieldViolation::new(field, "is required"));
            return None;
        }
        Err(_) => {
            v.push(unknown_enum(field, value));
            return None;
        }
    })
}

fn subselect_attribute(
    value: i32,
    field: &str,
    v: &mut Vec<FieldViolation>,
) -> Option<SubselectAttribute> {
    use v1::SubselectAttribute as P;
    Some(match P::try_from(value) {
        Ok(P::Qty) => SubselectAttribute::Qty,
        Ok(P::RowTotal) => SubselectAttribute::RowTotal,
        Ok(P::RowTotalInclTax) => SubselectAttribute::RowTotalInclTax,
        Ok(P::Unspecified) => {
            v.push(FieldViolation::new(field, "is required"));
            return None;
        }
        Err(_) => {
            v.push(unknown_enum(field, value));
            return None;
        }
    })
}

pub fn condition_to_proto(c: &Condition) -> v1::Condition {
    let kind = match c {
        Condition::Combine {
            aggregator,
            negate,
            conditions,
        } => Kind::Combine(v1::Combine {
            aggregator: aggregator_to_proto(*aggregator),
            negate: *negate,
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::Address {
            attribute,
            operator,
            values,
        } => Kind::Address(v1::AddressCondition {
            attribute: address_attribute_to_proto(*attribute),
            operator: operator_to_proto(*operator),
            values: values.clone(),
        }),
        Condition::ProductFound {
            not_found,
            aggregator,
            conditions,
        } => Kind::ProductFound(v1::ProductFound {
            not_found: *not_found,
            aggregator: aggregator_to_proto(*aggregator),
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::ProductSubselect {
            attribute,
            operator,
            values,
            aggregator,
            conditions,
        } => Kind::ProductSubselect(v1::ProductSubselect {
            attribute: match attribute {
                SubselectAttribute::Qty => v1::SubselectAttribute::Qty,
                SubselectAttribute::RowTotal => v1::SubselectAttribute::RowTotal,
                SubselectAttribute::RowTotalInclTax => v1::SubselectAttribute::RowTotalInclTax,
            } as i32,
            operator: operator_to_proto(*operator),
            values: values.clone(),
            aggregator: aggregator_to_proto(*aggregator),
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::Product {
            attribute,
            operator,
            values,
        } => Kind::Product(v1::ProductCondition {
            attribute: attribute.clone(),
            operator: operator_to_proto(*operator),
            values: values.clone(),
        }),
        Condition::Audience {
            operator,
            audience_ids,
        } => Kind::Audience(v1::AudienceCondition {
            operator: match operator {
                AudienceOperator::Matches => v1::AudienceOperator::Matches,
                AudienceOperator::DoesNotMatch => v1::AudienceOperator::DoesNotMatch,
                AudienceOperator::IsOneOf => v1::AudienceOperator::IsOneOf,
                AudienceOperator::IsNotOneOf => v1::AudienceOperator::IsNotOneOf,
            } as i32,
            audience_ids: audience_ids.clone(),
        }),
    };
    v1::Condition { kind: Some(kind) }
}

fn aggregator_to_proto(a: Aggregator) -> i32 {
    let p = match a {
        Aggregator::All => v1::Aggregator::All,
        Aggregator::Any => v1::Aggregator::Any,
    };
    p as i32
}

fn operator_to_proto(o: Operator) -> i32 {
    use v1::Operator as P;
    let p = match o {
        Operator::Eq => P::Eq,
        Operator::Ne => P::Ne,
        Operator::Gte => P::Gte,
        Operator::Gt => P::Gt,
        Operator::Lte => P::Lte,
        Operator::Lt => P::Lt,
        Operator::Contains => P::Contains,
        Operator::NotContains => P::NotContains,
        Operator::IsOneOf => P::IsOneOf,
        Operator::IsNotOneOf => P::IsNotOneOf,
    };
    p as i32
}

fn address_attribute_to_proto(a: AddressAttribute) -> i32 {
    use v1::AddressAttribute as P;
    let p = match a {
        AddressAttribute::Subtotal => P::Subtotal,
        AddressAttribute::SubtotalWithDiscount => P::SubtotalWithDiscount,
        AddressAttribute::SubtotalInclTax => P::SubtotalInclTax,
        AddressAttribute::TotalQty => P::TotalQty,
        AddressAttribute::Weight => P::Weight,
        AddressAttribute::PaymentMethod => P::PaymentMethod,
        AddressAttribute::ShippingMethod => P::ShippingMethod,
        AddressAttribute::Postcode => P::Postcode,
        AddressAttribute::Region => P::Region,
        AddressAttribute::RegionId => P::RegionId,
        AddressAttribute::CountryId => P::CountryId,
    };
    p as i32
}
