//! Rule checks of API.md "Validation on save" that need no database: value counts and types,
//! condition placement, amounts, coupons, dates and tree limits. Unknown enum values are
//! rejected by the proto conversion, audience existence and code clashes with generated
//! coupons by the store.
//!
//! Every violation is collected (never just the first) with a field path such as
//! `rule.conditions.combine.conditions[2].product.values`.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::condition::{Condition, is_numeric_product_attribute};
use crate::error::{FieldViolation, ValidationError, check_bytes, check_entries};
use crate::money::parse_decimal;
use crate::rule::{CartPriceRule, CouponType, SimpleAction};

/// A tree may be at most this many levels deep (a single node is 1 level).
pub const MAX_TREE_DEPTH: usize = 32;
/// A tree may hold at most this many nodes.
pub const MAX_TREE_NODES: usize = 10_000;
/// Longest name, coupon code, website or customer group id, label, condition attribute,
/// condition value or audience id of a rule, in bytes.
pub const MAX_RULE_STRING_BYTES: usize = 1024;
/// Longest rule description, in bytes.
pub const MAX_DESCRIPTION_BYTES: usize = 64 * 1024;
/// Most website ids, customer group ids or labels of a rule, values of one condition, or
/// audience ids of one audience condition.
pub const MAX_RULE_LIST: usize = 1000;

fn too_long(field: impl FnOnce() -> String, s: &str, max: usize, out: &mut Vec<FieldViolation>) {
    check_bytes(out, field, s, max);
}

fn short_list(field: &str, len: usize, out: &mut Vec<FieldViolation>) -> bool {
    check_entries(out, || field.to_owned(), len, MAX_RULE_LIST, "entries")
}

/// Longest `exclusive_group` name accepted.
pub const MAX_GROUP_BYTES: usize = 100;

/// Sizes of a rule's own fields (its trees are bounded by depth, nodes and `check_values`).
fn rule_size_violations(rule: &CartPriceRule, out: &mut Vec<FieldViolation>) {
    too_long(
        || "rule.name".into(),
        &rule.name,
        MAX_RULE_STRING_BYTES,
        out,
    );
    too_long(
        || "rule.description".into(),
        &rule.description,
        MAX_DESCRIPTION_BYTES,
        out,
    );
    too_long(
        || "rule.coupon_code".into(),
        &rule.coupon_code,
        MAX_RULE_STRING_BYTES,
        out,
    );
    too_long(
        || "rule.exclusive_group".into(),
        &rule.exclusive_group,
        MAX_GROUP_BYTES,
        out,
    );
    for (field, ids) in [
        ("rule.website_ids", &rule.website_ids),
        ("rule.customer_group_ids", &rule.customer_group_ids),
    ] {
        if short_list(field, ids.len(), out) {
            for (i, id) in ids.iter().enumerate() {
                too_long(|| format!("{field}[{i}]"), id, MAX_RULE_STRING_BYTES, out);
            }
        }
    }
    if short_list("rule.labels", rule.labels.len(), out) {
        for (store, label) in &rule.labels {
            too_long(|| "rule.labels".into(), store, MAX_RULE_STRING_BYTES, out);
            if store.len() <= MAX_RULE_STRING_BYTES {
                too_long(
                    || format!("rule.labels[{store:?}]"),
                    label,
                    MAX_RULE_STRING_BYTES,
                    out,
                );
            }
        }
    }
}

/// Checks one rule; `Err` holds every violation found.
pub fn validate_rule(rule: &CartPriceRule) -> Result<(), ValidationError> {
    ValidationError::check(rule_violations(rule))
}

/// Every violation of one rule, in field order; empty when the rule is valid.
pub fn rule_violations(rule: &CartPriceRule) -> Vec<FieldViolation> {
    let mut out = Vec::new();
    rule_size_violations(rule, &mut out);
    if rule.name.trim().is_empty() {
        out.push(FieldViolation::new("rule.name", "is required"));
    }
    check_ids(&rule.website_ids, "rule.website_ids", &mut out);
    check_ids(
        &rule.customer_group_ids,
        "rule.customer_group_ids",
        &mut out,
    );
    if let (Some(from), Some(to)) = (rule.from_date, rule.to_date)
        && from > to
    {
        out.push(FieldViolation::new(
            "rule.from_date",
            format!("{from} is after to_date {to}"),
        ));
    }
    if rule.exclusive_group.chars().any(char::is_control) {
        out.push(FieldViolation::new(
            "rule.exclusive_group",
            "must not contain control characters",
        ));
    }
    if rule.coupon_type == CouponType::Specific && rule.coupon_code.trim().is_empty() {
        out.push(FieldViolation::new(
            "rule.coupon_code",
            "is required for a SPECIFIC coupon rule",
        ));
    }
    if let Some(tree) = &rule.conditions {
        check_tree(tree, "rule.conditions", Scope::Cart, &mut out);
    }
    if let Some(tree) = &rule.action_conditions {
        check_tree(tree, "rule.action_conditions", Scope::Item, &mut out);
    }
    let amount = rule.discount_amount;
    if rule.simple_action == SimpleAction::ByPercent
        && (amount < Decimal::ZERO || amount > Decimal::ONE_HUNDRED)
    {
        out.push(FieldViolation::new(
            "rule.discount_amount",
            format!("a percent must be between 0 and 100, got {amount}"),
        ));
    } else if amount < Decimal::ZERO {
        out.push(FieldViolation::new(
            "rule.discount_amount",
            format!("must be >= 0, got {amount}"),
        ));
    }
    if let Some(qty) = rule.discount_qty
        && qty < Decimal::ZERO
    {
        out.push(FieldViolation::new(
            "rule.discount_qty",
            format!("must be >= 0, got {qty}"),
        ));
    }
    if rule.simple_action == SimpleAction::BuyXGetY && rule.discount_step == 0 {
        out.push(FieldViolation::new(
            "rule.discount_step",
            "buy X get Y needs X (discount_step) > 0",
        ));
    }
    out
}

/// Checks that no two SPECIFIC rules share a coupon code (case-insensitive). Paths name the
/// later rule: `rules[3].coupon_code`. The API maps this to `ALREADY_EXISTS`.
pub fn validate_coupon_codes_unique(rules: &[CartPriceRule]) -> Result<(), ValidationError> {
    let mut first_by_code: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let Some(code) = specific_code(rule) else {
            continue;
        };
        match first_by_code.get(&code) {
            Some(&owner) => out.push(FieldViolation::new(
                format!("rules[{i}].coupon_code"),
                format!(
                    "coupon code {:?} is already used by rule {owner}",
                    rule.coupon_code
                ),
            )),
            None => {
                first_by_code.insert(code, rule.id);
            }
        }
    }
    ValidationError::check(out)
}

/// The clash of `rule`'s coupon code with an existing rule (other than itself), as the
/// violation `rule.coupon_code`.
pub fn coupon_code_conflict(
    rule: &CartPriceRule,
    existing: &[CartPriceRule],
) -> Option<FieldViolation> {
    let code = specific_code(rule)?;
    let owner = existing
        .iter()
        .find(|other| other.id != rule.id && specific_code(other).as_deref() == Some(&code))?;
    Some(FieldViolation::new(
        "rule.coupon_code",
        format!(
            "coupon code {:?} is already used by rule {}",
            rule.coupon_code, owner.id
        ),
    ))
}

fn specific_code(rule: &CartPriceRule) -> Option<String> {
    (rule.coupon_type == CouponType::Specific && !rule.coupon_code.trim().is_empty())
        .then(|| rule.coupon_code.to_lowercase())
}

fn check_ids(ids: &[String], field: &str, out: &mut Vec<FieldViolation>) {
    if ids.is_empty() {
        out.push(FieldViolation::new(field, "at least one is required"));
    }
    for (i, id) in ids.iter().enumerate() {
        if id.trim().is_empty() {
            out.push(FieldViolation::new(
                format!("{field}[{i}]"),
                "must not be empty",
            ));
        }
    }
}

/// Where a node sits: cart trees hold address / found / subselect / audience nodes, item
/// trees (action conditions and the children of found / subselect) hold product nodes, as
/// in Magento's admin where each tree offers only its own condition types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Cart,
    Item,
}

/// Walks the tree with an explicit stack so that no input can overflow the call stack;
/// nodes below the depth limit are not visited, and the walk stops once the node limit is
/// exceeded.
fn check_tree(root: &Condition, root_field: &str, scope: Scope, out: &mut Vec<FieldViolation>) {
    let mut stack: Vec<(&Condition, String, usize, Scope)> =
        vec![(root, format!("{root_field}.{}", root.kind_name()), 1, scope)];
    let mut visited = 0usize;
    let mut reported_depth = false;
    while let Some((node, path, depth, scope)) = stack.pop() {
        visited += 1;
        if depth > MAX_TREE_DEPTH {
            if !reported_depth {
                out.push(FieldViolation::new(
                    root_field,
                    format!("condition tree is deeper than {MAX_TREE_DEPTH} levels"),
                ));
                reported_depth = true;
            }
            continue;
        }
        check_node(node, &path, scope, out);
        let children = node.children();
        if visited + stack.len() + children.len() > MAX_TREE_NODES {
            out.push(FieldViolation::new(
                root_field,
                format!("condition tree has more than {MAX_TREE_NODES} nodes"),
            ));
            return;
        }
        let child_scope = match node {
            Condition::ProductFound { .. } | Condition::ProductSubselect { .. } => Scope::Item,
            _ => scope,
        };
        for (i, child) in children.iter().enumerate().rev() {
            stack.push((
                child,
                format!("{path}.conditions[{i}].{}", child.kind_name()),
                depth + 1,
                child_scope,
            ));
        }
    }
}

fn check_node(node: &Condition, path: &str, scope: Scope, out: &mut Vec<FieldViolation>) {
    let cart_only = matches!(
        node,
        Condition::Address { .. }
            | Condition::ProductFound { .. }
            | Condition::ProductSubselect { .. }
            | Condition::Audience { .. }
    );
    if cart_only && scope == Scope::Item {
        out.push(FieldViolation::new(
            path,
            format!(
                "{} conditions are only allowed in the cart conditions, not in \
                 action_conditions or inside product_found / product_subselect",
                node.kind_name()
            ),
        ));
    }
    match node {
        Condition::Combine { .. } | Condition::ProductFound { .. } => {}
        Condition::Address {
            attribute,
            operator,
            values,
        } => check_values(path, *operator, values, attribute.is_numeric(), out),
        Condition::ProductSubselect {
            operator, values, ..
        } => check_values(path, *operator, values, true, out),
        Condition::Product {
            attribute,
            operator,
            values,
        } => {
            if scope == Scope::Cart {
                out.push(FieldViolation::new(
                    path,
                    "product conditions are only allowed in action_conditions, \
                     product_found or product_subselect",
                ));
            }
            if attribute.trim().is_empty() {
                out.push(FieldViolation::new(
                    format!("{path}.attribute"),
                    "is required",
                ));
            }
            too_long(
                || format!("{path}.attribute"),
                attribute,
                MAX_RULE_STRING_BYTES,
                out,
            );
            let numeric = is_numeric_product_attribute(attribute);
            check_values(path, *operator, values, numeric, out);
        }
        Condition::Audience { audience_ids, .. } => {
            if audience_ids.is_empty() {
                out.push(FieldViolation::new(
                    format!("{path}.audience_ids"),
                    "at least one audience id is required",
                ));
            }
            if !short_list(&format!("{path}.audience_ids"), audience_ids.len(), out) {
                return;
            }
            for (i, id) in audience_ids.iter().enumerate() {
                too_long(
                    || format!("{path}.audience_ids[{i}]"),
                    id,
                    MAX_RULE_STRING_BYTES,
                    out,
                );
                if id.trim().is_empty() {
                    out.push(FieldViolation::new(
                        format!("{path}.audience_ids[{i}]"),
                        "must not be empty",
                    ));
                }
            }
        }
    }
}

fn check_values(
    path: &str,
    operator: crate::condition::Operator,
    values: &[String],
    numeric: bool,
    out: &mut Vec<FieldViolation>,
) {
    if !short_list(&format!("{path}.values"), values.len(), out) {
        return;
    }
    for (i, value) in values.iter().enumerate() {
        too_long(
            || format!("{path}.values[{i}]"),
            value,
            MAX_RULE_STRING_BYTES,
            out,
        );
    }
    if operator.takes_list() {
        if values.is_empty() {
            out.push(FieldViolation::new(
                format!("{path}.values"),
                format!("operator {:?} needs at least one value", operator.symbol()),
            ));
        }
    } else if values.len() != 1 {
        out.push(FieldViolation::new(
            format!("{path}.values"),
            format!(
                "operator {:?} takes exactly one value, got {}",
                operator.symbol(),
                values.len()
            ),
        ));
    }
    if numeric {
        for (i, value) in values.iter().enumerate() {
            if let Err(e) = parse_decimal(value.trim()) {
                out.push(FieldViolation::new(format!("{path}.values[{i}]"), e));
            }
        }
    }
}
