//! Bench-only: Cohort's cart price rules as a GoRules zen-engine decision table, so that
//! `benches/peer.rs` can time zen-engine beside `cohort_engine::price` on identical carts.
//!
//! - [`decision_graph`] turns `CartPriceRule`s into a JDM graph (inputNode →
//!   decisionTableNode → outputNode): one row per active rule, in Cohort's priority order
//!   `(sort_order, id)`, hit policy `collect`. Input columns test what the rules' cart-level
//!   gates test: website, customer group, coupon code (coupon-gated rules), the date range,
//!   the subtotal threshold, audience membership, a product found by SKU or category. Output
//!   columns: rule id, action, discount amount, sort order, stop flag.
//! - [`cart_input`] turns a `Cart` into the table's input: zen-engine's own JSON value
//!   ([`Variable`]), built directly so that money stays a `rust_decimal::Decimal` (zen's
//!   number type) end to end; going through `serde_json` would pass numbers through `f64`.
//! - [`PeerTable`] is the compiled decision (expressions pre-compiled, table index built),
//!   created once; [`PeerTable::evaluate`] runs it for one input.
//!
//! The table covers what the bench generator (`crates/cohort-engine/benches/stores.rs`)
//! produces, and exactly that: anything else (ANY / negated combines, subselects, other
//! cart attributes, SUBTOTAL_WITH_DISCOUNT, which moves as rules apply, generated coupon
//! codes, usage limits, found with several item conditions, numeric SKUs, which Cohort
//! compares numerically) is refused with [`PeerError::Unsupported`] rather than expressed
//! approximately. Action conditions ("apply to") are not cart-level gates and are not in
//! the table: zen answers which rules match the cart, not which lines they discount.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use chrono::Datelike;
use cohort_domain::condition::{AddressAttribute, Aggregator, Condition, Operator};
use cohort_domain::money::parse_decimal;
use cohort_domain::rule::{CartPriceRule, CouponType};
use cohort_domain::{Cart, Websites};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};
use zen_engine::model::GraphContent;
use zen_engine::{Decision, DecisionEngine};
use zen_expression::variable::{Symbol, ToVariable, Variable, VariableMap};

/// Why a rule set or a cart cannot be expressed for zen-engine, or zen failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerError {
    /// A rule uses something the table does not express.
    Unsupported { rule_id: u64, reason: String },
    /// The cart cannot be expressed as the table's input.
    Cart(String),
    /// zen-engine refused the graph or failed to evaluate it.
    Zen(String),
}

impl fmt::Display for PeerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeerError::Unsupported { rule_id, reason } => {
                write!(f, "rule {rule_id} cannot be expressed: {reason}")
            }
            PeerError::Cart(reason) => write!(f, "cart cannot be expressed: {reason}"),
            PeerError::Zen(reason) => write!(f, "zen-engine: {reason}"),
        }
    }
}

impl std::error::Error for PeerError {}

/// Input columns, in evaluation order: zen skips the columns its table index decides
/// (exact-value cells: website, group, coupon) and evaluates the others left to right,
/// stopping at the first failing cell, so the tests that usually fail come first and the
/// subtotal threshold, which a real cart usually passes, last (in one A/B run, about a
/// fifth less zen time on the audience-targeted shape than with the subtotal first).
/// `(column id and input field, column name)`.
const INPUTS: [(&str, &str); 8] = [
    ("website", "Website"),
    ("group", "Customer group"),
    ("coupon", "Coupon code"),
    ("today", "Date (yyyymmdd)"),
    ("audiences", "Audiences"),
    ("skus", "SKUs in cart"),
    ("categories", "Categories in cart"),
    ("subtotal", "Subtotal"),
];

/// Output columns: `(column id, output field)`.
const OUTPUTS: [(&str, &str); 5] = [
    ("out_id", "id"),
    ("out_action", "action"),
    ("out_amount", "amount"),
    ("out_sort", "sortOrder"),
    ("out_stop", "stop"),
];

/// One row's cells for the input columns, joined with `and` when a column is tested twice.
#[derive(Default)]
struct Cells {
    cells: [Vec<String>; INPUTS.len()],
}

impl Cells {
    fn push(&mut self, column: &str, cell: String) {
        if let Some(i) = INPUTS.iter().position(|(id, _)| *id == column) {
            self.cells[i].push(cell);
        }
    }
}

/// The JDM decision graph for `rules`: inactive rules are left out (they never match), the
/// others become one row each, in Cohort's priority order.
pub fn decision_graph(rules: &[CartPriceRule]) -> Result<Value, PeerError> {
    let mut ordered: Vec<&CartPriceRule> = rules.iter().filter(|r| r.active).collect();
    ordered.sort_by(|a, b| match a.sort_order.cmp(&b.sort_order) {
        Ordering::Equal => a.id.cmp(&b.id),
        other => other,
    });
    let rows = ordered
        .into_iter()
        .map(row)
        .collect::<Result<Vec<Value>, PeerError>>()?;
    let inputs: Vec<Value> = INPUTS
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name, "field": id }))
        .collect();
    let outputs: Vec<Value> = OUTPUTS
        .iter()
        .map(|(id, field)| json!({ "id": id, "name": field, "field": field }))
        .collect();
    Ok(json!({
        "nodes": [
            { "id": "request", "type": "inputNode", "name": "Cart", "content": {} },
            {
                "id": "rules",
                "type": "decisionTableNode",
                "name": "Cart price rules",
                "content": {
                    "hitPolicy": "collect",
                    "inputs": inputs,
                    "outputs": outputs,
                    "rules": rows,
                }
            },
            { "id": "response", "type": "outputNode", "name": "Matched rules", "content": {} }
        ],
        "edges": [
            { "id": "request-rules", "sourceId": "request", "targetId": "rules" },
            { "id": "rules-response", "sourceId": "rules", "targetId": "response" }
        ]
    }))
}

/// One table row for an active rule.
fn row(rule: &CartPriceRule) -> Result<Value, PeerError> {
    let unsupported = |reason: &str| PeerError::Unsupported {
        rule_id: rule.id,
        reason: reason.to_owned(),
    };
    if rule.uses_per_coupon > 0 || rule.uses_per_customer > 0 {
        return Err(unsupported("usage limits need the store's counters"));
    }
    let mut cells = Cells::default();
    cells.push(
        "website",
        one_of(&rule.website_ids).map_err(|e| unsupported(&e))?,
    );
    cells.push(
        "group",
        one_of(&rule.customer_group_ids).map_err(|e| unsupported(&e))?,
    );
    match rule.coupon_type {
        CouponType::NoCoupon => {}
        CouponType::Specific if !rule.use_auto_generation => {
            // Cohort matches the code case-insensitively (`cart_input` lower-cases the cart's).
            cells.push(
                "coupon",
                quoted(&rule.coupon_code.to_lowercase()).map_err(|e| unsupported(&e))?,
            );
        }
        CouponType::Specific | CouponType::Auto => {
            return Err(unsupported(
                "generated coupon codes need the store's coupon rows",
            ));
        }
    }
    match (rule.from_date, rule.to_date) {
        (Some(from), Some(to)) => cells.push("today", format!("[{}..{}]", day(from), day(to))),
        (Some(from), None) => cells.push("today", format!(">= {}", day(from))),
        (None, Some(to)) => cells.push("today", format!("<= {}", day(to))),
        (None, None) => {}
    }
    if let Some(root) = &rule.conditions {
        cart_conditions(root, &mut cells).map_err(|e| unsupported(&e))?;
    }

    let mut cells_json = Map::new();
    cells_json.insert("_id".into(), Value::String(rule.id.to_string()));
    for ((column, _), tests) in INPUTS.iter().zip(&cells.cells) {
        cells_json.insert((*column).into(), Value::String(tests.join(" and ")));
    }
    let outputs = [
        rule.id.to_string(),
        quoted(rule.simple_action.name()).map_err(|e| unsupported(&e))?,
        rule.discount_amount.normalize().to_string(),
        rule.sort_order.to_string(),
        rule.stop_rules_processing.to_string(),
    ];
    for ((column, _), expression) in OUTPUTS.iter().zip(outputs) {
        cells_json.insert((*column).into(), Value::String(expression));
    }
    Ok(Value::Object(cells_json))
}

/// The cart-level tree: an ALL combine (not negated) of supported leaves.
fn cart_conditions(root: &Condition, cells: &mut Cells) -> Result<(), String> {
    let Condition::Combine {
        aggregator: Aggregator::All,
        negate: false,
        conditions,
    } = root
    else {
        return Err("the root of the conditions must be an ALL combine, not negated".into());
    };
    for condition in conditions {
        match condition {
            Condition::Address {
                attribute: AddressAttribute::Subtotal,
                operator,
                values,
            } => {
                let [value] = values.as_slice() else {
                    return Err("a subtotal condition takes one value".into());
                };
                let threshold = parse_decimal(value.trim())?.normalize();
                let symbol = match operator {
                    Operator::Eq => "==",
                    Operator::Ne => "!=",
                    Operator::Gte => ">=",
                    Operator::Gt => ">",
                    Operator::Lte => "<=",
                    Operator::Lt => "<",
                    _ => return Err(format!("subtotal {} is not supported", operator.symbol())),
                };
                cells.push("subtotal", format!("{symbol} {threshold}"));
            }
            Condition::Audience {
                operator,
                audience_ids,
            } => {
                // Audience ids compare exactly (case-sensitive), as in Cohort.
                let function = if operator.is_negated() {
                    "none"
                } else {
                    "some"
                };
                let list = list(audience_ids.iter().map(String::as_str))?;
                cells.push("audiences", format!("{function}($, # in {list})"));
            }
            Condition::ProductFound {
                not_found: false,
                aggregator: _,
                conditions: found,
            } => {
                let [
                    Condition::Product {
                        attribute,
                        operator: operator @ (Operator::Eq | Operator::IsOneOf),
                        values,
                    },
                ] = found.as_slice()
                else {
                    return Err(
                        "product found supports one SKU or category test (== or is one of)".into(),
                    );
                };
                let (column, values): (&str, Vec<String>) = match attribute.as_str() {
                    "sku" => {
                        // As Cohort compiles it: list operators split on commas.
                        let values = normalized(values, operator.takes_list());
                        if values.iter().any(|v| parse_decimal(v).is_ok()) {
                            return Err("numeric SKU values compare numerically in Cohort".into());
                        }
                        ("skus", values)
                    }
                    // Category conditions hold "11, 12": any of those categories.
                    "category_ids" => ("categories", normalized(values, true)),
                    other => return Err(format!("product found on {other:?} is not supported")),
                };
                let list = list(values.iter().map(String::as_str))?;
                cells.push(column, format!("some($, # in {list})"));
            }
            other => {
                return Err(format!(
                    "cart condition {:?} is not supported",
                    other.kind_name()
                ));
            }
        }
    }
    Ok(())
}

/// Condition values as Cohort compiles them: trimmed, lower-cased, list operators split on
/// commas.
fn normalized(values: &[String], split: bool) -> Vec<String> {
    if split {
        values
            .iter()
            .flat_map(|v| v.split(','))
            .map(|p| p.trim().to_lowercase())
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        values.iter().map(|v| v.trim().to_lowercase()).collect()
    }
}

/// A zen string literal; values that would need escaping are refused.
fn quoted(value: &str) -> Result<String, String> {
    if value
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_control())
    {
        return Err(format!("{value:?} would need escaping"));
    }
    Ok(format!("\"{value}\""))
}

/// `["a", "b"]`.
fn list<'v>(values: impl Iterator<Item = &'v str>) -> Result<String, String> {
    let quoted = values.map(quoted).collect::<Result<Vec<_>, _>>()?;
    Ok(format!("[{}]", quoted.join(", ")))
}

/// A unary "is one of" cell: `"a", "b"` (zen's table index captures these).
fn one_of(values: &[String]) -> Result<String, String> {
    if values.is_empty() {
        return Err("an empty list never matches".into());
    }
    let quoted = values
        .iter()
        .map(|v| quoted(v))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(quoted.join(", "))
}

/// A date as the number yyyymmdd: ordered like the dates, compared as numbers by zen.
fn day(date: chrono::NaiveDate) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month()) * 100 + i64::from(date.day())
}

/// The table's input for a cart: website, customer group, the coupon code (lower-cased,
/// or null), today in the website's time zone (yyyymmdd), the subtotal (Σ of the rounded
/// row totals, as Cohort computes it, an exact decimal), the membership, and the distinct
/// lower-cased SKUs and categories of the lines. At most one coupon code.
pub fn cart_input(cart: &Cart, websites: &Websites) -> Result<Variable, PeerError> {
    let coupon = match cart.coupon_codes.as_slice() {
        [] => Variable::Null,
        [code] => code.trim().to_lowercase().to_variable(),
        _ => return Err(PeerError::Cart("more than one coupon code".into())),
    };
    let zone = websites.get(&cart.website_id).time_zone;
    let today = cart.evaluated_at.with_timezone(&zone).date_naive();
    let currency = cart.currency;
    let subtotal: Decimal = cart
        .items
        .iter()
        .map(|i| currency.round(i.qty * i.unit_price))
        .sum();
    let mut skus: Vec<String> = cart
        .items
        .iter()
        .map(|i| i.sku.trim().to_lowercase())
        .collect();
    skus.sort_unstable();
    skus.dedup();
    let mut categories: Vec<String> = cart
        .items
        .iter()
        .flat_map(|i| &i.category_ids)
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    let strings =
        |values: &[String]| Variable::from_array(values.iter().map(|v| v.to_variable()).collect());

    let mut input = VariableMap::with_capacity(INPUTS.len());
    let mut set = |key: &str, value: Variable| {
        input.insert(Symbol::from(key), value);
    };
    set("website", cart.website_id.to_variable());
    set("group", cart.customer_group_id.to_variable());
    set("coupon", coupon);
    set("today", Variable::Number(Decimal::from(day(today))));
    set("subtotal", Variable::Number(subtotal));
    set("audiences", strings(&cart.membership));
    set("skus", strings(&skus));
    set("categories", strings(&categories));
    Ok(Variable::from_object(input))
}

/// The compiled decision, created once and evaluated per cart.
pub struct PeerTable {
    decision: Decision,
    /// Rows of the table (active rules).
    pub rows: usize,
}

impl PeerTable {
    /// Generates the graph for `rules` and compiles it (expression bytecode, table index).
    pub fn new(rules: &[CartPriceRule]) -> Result<PeerTable, PeerError> {
        let graph = decision_graph(rules)?;
        PeerTable::from_graph(graph)
    }

    /// Compiles a JDM graph made by [`decision_graph`].
    pub fn from_graph(graph: Value) -> Result<PeerTable, PeerError> {
        let rows = graph["nodes"][1]["content"]["rules"]
            .as_array()
            .map_or(0, Vec::len);
        let mut content: GraphContent =
            serde_json::from_value(graph).map_err(|e| PeerError::Zen(e.to_string()))?;
        content.compile();
        let decision = DecisionEngine::default()
            .create_decision(Arc::new(content.into()))
            .map_err(|e| PeerError::Zen(e.to_string()))?;
        decision
            .validate()
            .map_err(|e| PeerError::Zen(e.to_string()))?;
        Ok(PeerTable { decision, rows })
    }

    /// Evaluates the table for one input: an array with one object per matching row
    /// (`id`, `action`, `amount`, `sortOrder`, `stop`), in priority order.
    pub async fn evaluate(&self, input: Variable) -> Result<Variable, PeerError> {
        self.decision
            .evaluate(input)
            .await
            .map(|response| response.result)
            .map_err(|e| PeerError::Zen(e.to_string()))
    }

    /// The ids of the rules whose rows match the input, in priority order.
    pub async fn matched_rule_ids(&self, input: Variable) -> Result<Vec<u64>, PeerError> {
        let result = self.evaluate(input).await?;
        rule_ids(&result)
    }
}

/// The `id` of every row in an [`PeerTable::evaluate`] result.
pub fn rule_ids(result: &Variable) -> Result<Vec<u64>, PeerError> {
    let Some(rows) = result.as_array() else {
        return Err(PeerError::Zen(format!(
            "expected an array of matched rows, got {}",
            result.type_name()
        )));
    };
    let rows = rows.borrow();
    rows.iter()
        .map(|row| {
            row.dot("id")
                .and_then(|id| id.as_number())
                .and_then(|id| id.to_u64())
                .ok_or_else(|| PeerError::Zen("a matched row has no integer id".into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(conditions: Option<Condition>) -> CartPriceRule {
        CartPriceRule {
            id: 7,
            active: true,
            website_ids: vec!["base".into()],
            customer_group_ids: vec!["0".into()],
            conditions,
            ..CartPriceRule::default()
        }
    }

    fn all(conditions: Vec<Condition>) -> Option<Condition> {
        Some(Condition::Combine {
            aggregator: Aggregator::All,
            negate: false,
            conditions,
        })
    }

    fn subtotal(attribute: AddressAttribute, value: &str) -> Condition {
        Condition::Address {
            attribute,
            operator: Operator::Gte,
            values: vec![value.into()],
        }
    }

    #[test]
    fn unsupported_rules_are_refused() {
        let cases = [
            rule(all(vec![subtotal(
                AddressAttribute::SubtotalWithDiscount,
                "10",
            )])),
            rule(Some(Condition::Combine {
                aggregator: Aggregator::Any,
                negate: false,
                conditions: vec![subtotal(AddressAttribute::Subtotal, "10")],
            })),
            rule(all(vec![subtotal(AddressAttribute::TotalQty, "2")])),
            CartPriceRule {
                coupon_type: CouponType::Auto,
                ..rule(None)
            },
            CartPriceRule {
                uses_per_customer: 1,
                ..rule(None)
            },
        ];
        for case in cases {
            assert!(
                matches!(
                    decision_graph(std::slice::from_ref(&case)),
                    Err(PeerError::Unsupported { rule_id: 7, .. })
                ),
                "{case:?}"
            );
        }
    }

    #[test]
    fn inactive_rules_are_left_out_and_cells_are_as_expected() {
        let mut inactive = rule(None);
        inactive.active = false;
        let mut r = rule(all(vec![subtotal(AddressAttribute::Subtotal, "99.50")]));
        r.coupon_type = CouponType::Specific;
        r.coupon_code = "SAVE-10".into();
        r.discount_amount = Decimal::new(1250, 2);
        let graph = decision_graph(&[inactive, r]).unwrap_or_default();
        let rows = &graph["nodes"][1]["content"]["rules"];
        assert_eq!(rows.as_array().map(Vec::len), Some(1));
        assert_eq!(rows[0]["coupon"], "\"save-10\"");
        assert_eq!(rows[0]["subtotal"], ">= 99.5");
        assert_eq!(rows[0]["website"], "\"base\"");
        assert_eq!(rows[0]["out_amount"], "12.5");
    }
}
