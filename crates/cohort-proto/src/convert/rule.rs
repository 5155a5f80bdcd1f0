//! `cohort.v1.CartPriceRule` ↔ domain `CartPriceRule`. proto → domain parses (enums,
//! decimals, dates, the condition tree) and then runs the domain's "Validation on save", so
//! one call reports every violation with its path (`rule.conditions.combine.conditions[0]…`).

use cohort_domain::condition::Condition;
use cohort_domain::rule::{CartPriceRule, SimpleAction};
use cohort_domain::validate::{MAX_TREE_DEPTH, MAX_TREE_NODES, rule_violations};
use cohort_domain::{FieldViolation, ValidationError, parse_decimal};

use super::enums::{
    self, ADDRESS_ATTRIBUTES, AGGREGATORS, AUDIENCE_OPERATORS, COUPON_TYPES, FREE_SHIPPING,
    OPERATORS, SIMPLE_ACTIONS, SUBSELECT_ATTRIBUTES, to_proto,
};
use super::time::{timestamp_from_datetime, timestamp_to_datetime};
use super::{decimal_or_zero, optional_date};
use crate::v1;
use crate::v1::condition::Kind;

/// Parses and validates a rule. Paths start with `rule.`.
pub fn rule_from_proto(r: &v1::CartPriceRule) -> Result<CartPriceRule, ValidationError> {
    let mut v = Vec::new();
    let coupon_type =
        enums::field(&COUPON_TYPES, r.coupon_type, "rule.coupon_type", &mut v).unwrap_or_default();
    let simple_action = enums::field(
        &SIMPLE_ACTIONS,
        r.simple_action,
        "rule.simple_action",
        &mut v,
    )
    .unwrap_or(SimpleAction::ByPercent);
    let free_shipping = enums::field(
        &FREE_SHIPPING,
        r.free_shipping,
        "rule.free_shipping",
        &mut v,
    )
    .unwrap_or_default();
    let discount_amount = decimal_or_zero(&r.discount_amount, "rule.discount_amount", &mut v);
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
    let from_date = optional_date(&r.from_date, "rule.from_date", &mut v);
    let to_date = optional_date(&r.to_date, "rule.to_date", &mut v);
    let conditions = r
        .conditions
        .as_ref()
        .map(|c| TreeReader::read(c, "rule.conditions", &mut v));
    let action_conditions = r
        .action_conditions
        .as_ref()
        .map(|c| TreeReader::read(c, "rule.action_conditions", &mut v));

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
        exclusive_group: r.exclusive_group.trim().to_owned(),
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
        coupon_type: to_proto(&COUPON_TYPES, r.coupon_type),
        coupon_code: r.coupon_code.clone(),
        use_auto_generation: r.use_auto_generation,
        uses_per_coupon: r.uses_per_coupon,
        uses_per_customer: r.uses_per_customer,
        conditions: r.conditions.as_ref().map(condition_to_proto),
        action_conditions: r.action_conditions.as_ref().map(condition_to_proto),
        simple_action: to_proto(&SIMPLE_ACTIONS, r.simple_action),
        discount_amount: r.discount_amount.normalize().to_string(),
        discount_qty: r
            .discount_qty
            .map(|q| q.normalize().to_string())
            .unwrap_or_default(),
        discount_step: r.discount_step,
        apply_to_shipping: r.apply_to_shipping,
        free_shipping: to_proto(&FREE_SHIPPING, r.free_shipping),
        labels: r
            .labels
            .iter()
            .map(|(k, l)| (k.clone(), l.clone()))
            .collect(),
        times_used: r.times_used,
        version: r.version,
        created_at: r.created_at.map(timestamp_from_datetime),
        updated_at: r.updated_at.map(timestamp_from_datetime),
        exclusive_group: r.exclusive_group.clone(),
    }
}

/// Reads one condition tree, counting its nodes and depth against the domain's bounds: once
/// a bound is hit the tree is refused whole (one violation at its root), and no more of it
/// is read.
struct TreeReader<'v> {
    violations: &'v mut Vec<FieldViolation>,
    /// The tree's field (`rule.conditions`), where a bound violation is reported.
    root: &'v str,
    nodes: usize,
    limit_hit: bool,
}

impl<'v> TreeReader<'v> {
    /// The tree rooted at `root`; `None` when it is refused or its root has no kind.
    fn read(c: &v1::Condition, root: &'v str, v: &'v mut Vec<FieldViolation>) -> Option<Condition> {
        let mut reader = TreeReader {
            violations: v,
            root,
            nodes: 0,
            limit_hit: false,
        };
        let node = reader.node(c, root, 1);
        if reader.limit_hit { None } else { node }
    }

    /// Whether one more node at `depth` stays within the bounds (else the tree is refused).
    fn admit(&mut self, depth: usize) -> bool {
        if self.limit_hit {
            return false;
        }
        self.nodes += 1;
        let over = if depth > MAX_TREE_DEPTH {
            format!("condition tree is deeper than {MAX_TREE_DEPTH} levels")
        } else if self.nodes > MAX_TREE_NODES {
            format!("condition tree has more than {MAX_TREE_NODES} nodes")
        } else {
            return true;
        };
        self.violations.push(FieldViolation::new(self.root, over));
        self.limit_hit = true;
        false
    }

    fn children(&mut self, list: &[v1::Condition], at: &str, depth: usize) -> Vec<Condition> {
        let mut out = Vec::with_capacity(list.len());
        for (i, child) in list.iter().enumerate() {
            if let Some(n) = self.node(child, &format!("{at}.conditions[{i}]"), depth + 1) {
                out.push(n);
            }
        }
        out
    }

    fn field<D: Copy, P: Copy + Into<i32>>(
        &mut self,
        table: &[(D, P)],
        wire: i32,
        field: String,
    ) -> Option<D> {
        enums::field(table, wire, &field, self.violations)
    }

    fn node(&mut self, c: &v1::Condition, path: &str, depth: usize) -> Option<Condition> {
        if !self.admit(depth) {
            return None;
        }
        let Some(kind) = &c.kind else {
            self.violations.push(FieldViolation::new(
                path,
                "a condition needs one of combine, address, product_found, product_subselect, product, audience",
            ));
            return None;
        };
        Some(match kind {
            Kind::Combine(x) => {
                let at = format!("{path}.combine");
                let aggregator = self.field(&AGGREGATORS, x.aggregator, format!("{at}.aggregator"));
                Condition::Combine {
                    aggregator: aggregator.unwrap_or_default(),
                    negate: x.negate,
                    conditions: self.children(&x.conditions, &at, depth),
                }
            }
            Kind::Address(x) => {
                let at = format!("{path}.address");
                Condition::Address {
                    attribute: self.field(
                        &ADDRESS_ATTRIBUTES,
                        x.attribute,
                        format!("{at}.attribute"),
                    )?,
                    operator: self.field(&OPERATORS, x.operator, format!("{at}.operator"))?,
                    values: x.values.clone(),
                }
            }
            Kind::ProductFound(x) => {
                let at = format!("{path}.product_found");
                let aggregator = self.field(&AGGREGATORS, x.aggregator, format!("{at}.aggregator"));
                Condition::ProductFound {
                    not_found: x.not_found,
                    aggregator: aggregator.unwrap_or_default(),
                    conditions: self.children(&x.conditions, &at, depth),
                }
            }
            Kind::ProductSubselect(x) => {
                let at = format!("{path}.product_subselect");
                let attribute = self.field(
                    &SUBSELECT_ATTRIBUTES,
                    x.attribute,
                    format!("{at}.attribute"),
                );
                let op = self.field(&OPERATORS, x.operator, format!("{at}.operator"));
                let aggregator = self.field(&AGGREGATORS, x.aggregator, format!("{at}.aggregator"));
                let conditions = self.children(&x.conditions, &at, depth);
                Condition::ProductSubselect {
                    attribute: attribute?,
                    operator: op?,
                    values: x.values.clone(),
                    aggregator: aggregator.unwrap_or_default(),
                    conditions,
                }
            }
            Kind::Product(x) => {
                let at = format!("{path}.product");
                if x.attribute.trim().is_empty() {
                    self.violations.push(FieldViolation::new(
                        format!("{at}.attribute"),
                        "is required",
                    ));
                }
                Condition::Product {
                    attribute: x.attribute.clone(),
                    operator: self.field(&OPERATORS, x.operator, format!("{at}.operator"))?,
                    values: x.values.clone(),
                }
            }
            Kind::Audience(x) => {
                let at = format!("{path}.audience");
                Condition::Audience {
                    operator: self.field(
                        &AUDIENCE_OPERATORS,
                        x.operator,
                        format!("{at}.operator"),
                    )?,
                    audience_ids: x.audience_ids.clone(),
                }
            }
        })
    }
}

pub fn condition_to_proto(c: &Condition) -> v1::Condition {
    let kind = match c {
        Condition::Combine {
            aggregator,
            negate,
            conditions,
        } => Kind::Combine(v1::Combine {
            aggregator: to_proto(&AGGREGATORS, *aggregator),
            negate: *negate,
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::Address {
            attribute,
            operator,
            values,
        } => Kind::Address(v1::AddressCondition {
            attribute: to_proto(&ADDRESS_ATTRIBUTES, *attribute),
            operator: to_proto(&OPERATORS, *operator),
            values: values.clone(),
        }),
        Condition::ProductFound {
            not_found,
            aggregator,
            conditions,
        } => Kind::ProductFound(v1::ProductFound {
            not_found: *not_found,
            aggregator: to_proto(&AGGREGATORS, *aggregator),
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::ProductSubselect {
            attribute,
            operator,
            values,
            aggregator,
            conditions,
        } => Kind::ProductSubselect(v1::ProductSubselect {
            attribute: to_proto(&SUBSELECT_ATTRIBUTES, *attribute),
            operator: to_proto(&OPERATORS, *operator),
            values: values.clone(),
            aggregator: to_proto(&AGGREGATORS, *aggregator),
            conditions: conditions.iter().map(condition_to_proto).collect(),
        }),
        Condition::Product {
            attribute,
            operator,
            values,
        } => Kind::Product(v1::ProductCondition {
            attribute: attribute.clone(),
            operator: to_proto(&OPERATORS, *operator),
            values: values.clone(),
        }),
        Condition::Audience {
            operator,
            audience_ids,
        } => Kind::Audience(v1::AudienceCondition {
            operator: to_proto(&AUDIENCE_OPERATORS, *operator),
            audience_ids: audience_ids.clone(),
        }),
    };
    v1::Condition { kind: Some(kind) }
}
