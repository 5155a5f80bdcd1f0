//! The condition tree builder: a rule's `conditions` and `action_conditions` as form
//! fields, and back.
//!
//! Every node is a set of fields named `n.<uid>.<field>` (`parent`, `kind`, `agg`, `flag`,
//! `attr`, `op`, `values`); its parent is named by uid, so nodes can be added and removed
//! (by the server re-rendering the form, or by `console.js` inserting the fragment
//! `/rules/node` renders) without renumbering anything. The form lists nodes in document
//! order, so a parent always comes before its children. Each tree has a root combine (uid
//! `c` for the cart conditions, `a` for the actions), as Magento's form does; an empty root
//! saves as "no condition".
//!
//! Reading a form never recurses on input: nodes are checked (known parent, a container,
//! depth, count) in one pass before any tree is built, so the build's recursion is bounded
//! by the domain's depth limit.

use std::collections::HashMap;

use cohort_domain::condition::NUMERIC_PRODUCT_ATTRIBUTES;
use cohort_domain::validate::MAX_TREE_DEPTH;
use cohort_domain::{FieldViolation, condition::AddressAttribute};
use cohort_proto::v1;
use cohort_proto::v1::condition::Kind;
use maud::{Markup, html};

/// The two trees of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// `conditions` (uid `c`), cart scope.
    Cart,
    /// `action_conditions` (uid `a`), item scope.
    Action,
}

impl Root {
    pub fn uid(self) -> &'static str {
        match self {
            Root::Cart => "c",
            Root::Action => "a",
        }
    }

    /// The rule field the tree is.
    pub fn field(self) -> &'static str {
        match self {
            Root::Cart => "rule.conditions",
            Root::Action => "rule.action_conditions",
        }
    }

    fn scope(self) -> Scope {
        match self {
            Root::Cart => Scope::Cart,
            Root::Action => Scope::Item,
        }
    }
}

/// Which conditions a container may hold (the domain's rule: cart attributes, products
/// found / subselections and audiences in the cart conditions; product attributes in the
/// actions and inside found / subselect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Cart,
    Item,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Cart => "cart",
            Scope::Item => "item",
        }
    }

    pub fn parse(s: &str) -> Scope {
        if s == "item" {
            Scope::Item
        } else {
            Scope::Cart
        }
    }
}

/// One node as the form holds it: text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    pub uid: String,
    /// The parent's uid; empty for a root.
    pub parent: String,
    /// `combine`, `address`, `product_found`, `product_subselect`, `product`, `audience`.
    pub kind: String,
    /// `AGGREGATOR_ALL` / `AGGREGATOR_ANY` (combine, found, subselect).
    pub agg: String,
    /// Combine: the children must be FALSE (`negate`); found: NOT FOUND.
    pub flag: bool,
    /// Address: `ADDRESS_ATTRIBUTE_*`; subselect: `SUBSELECT_ATTRIBUTE_*`; product: the
    /// attribute code.
    pub attr: String,
    /// `OPERATOR_*`, or `AUDIENCE_OPERATOR_*` for an audience.
    pub op: String,
    /// Comma-separated for list operators and audience ids.
    pub values: String,
}

impl Node {
    fn is_container(&self) -> bool {
        matches!(
            self.kind.as_str(),
            "combine" | "product_found" | "product_subselect"
        )
    }

    pub fn root(root: Root) -> Node {
        Node {
            uid: root.uid().to_owned(),
            kind: "combine".into(),
            agg: "AGGREGATOR_ALL".into(),
            ..Node::default()
        }
    }

    /// A fresh node from an "Add" choice (`combine`, `address:ADDRESS_ATTRIBUTE_X`,
    /// `product_found`, `product_subselect`, `product:sku`, `audience`); `None` for an
    /// unknown choice.
    pub fn fresh(choice: &str, uid: &str, parent: &str) -> Option<Node> {
        let (kind, attr) = choice.split_once(':').unwrap_or((choice, ""));
        let mut node = Node {
            uid: uid.to_owned(),
            parent: parent.to_owned(),
            kind: kind.to_owned(),
            attr: attr.to_owned(),
            ..Node::default()
        };
        match kind {
            "combine" | "product_found" => node.agg = "AGGREGATOR_ALL".into(),
            "product_subselect" => {
                node.agg = "AGGREGATOR_ALL".into();
                node.attr = "SUBSELECT_ATTRIBUTE_QTY".into();
                node.op = "OPERATOR_GTE".into();
            }
            "address" if v1::AddressAttribute::from_str_name(attr).is_some() => {
                node.op = "OPERATOR_EQ".into();
            }
            "product" => node.op = "OPERATOR_EQ".into(),
            "audience" => node.op = "AUDIENCE_OPERATOR_MATCHES".into(),
            _ => return None,
        }
        Some(node)
    }
}

/// A uid the form may use: 1 to 16 ASCII letters and digits.
pub fn valid_uid(uid: &str) -> bool {
    (1..=16).contains(&uid.len()) && uid.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The nodes of both trees, in document order, from the form's `n.<uid>.<field>` pairs.
/// More than `max_nodes` nodes is refused before anything else is looked at.
pub fn nodes_from_form(
    pairs: &[(String, String)],
    max_nodes: usize,
) -> Result<Vec<Node>, FieldViolation> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (key, value) in pairs {
        let Some(rest) = key.strip_prefix("n.") else {
            continue;
        };
        let Some((uid, field)) = rest.split_once('.') else {
            continue;
        };
        if !valid_uid(uid) {
            return Err(FieldViolation::new(
                "rule.conditions",
                format!("the form names a condition {uid:?}: not a node id"),
            ));
        }
        let i = match index.get(uid) {
            Some(&i) => i,
            None => {
                // Two roots plus both trees' limits.
                if nodes.len() >= max_nodes.saturating_mul(2).saturating_add(2) {
                    return Err(FieldViolation::new(
                        "rule.conditions",
                        format!("more than {max_nodes} conditions (limits.max_rule_nodes)"),
                    ));
                }
                index.insert(uid.to_owned(), nodes.len());
                nodes.push(Node {
                    uid: uid.to_owned(),
                    ..Node::default()
                });
                nodes.len() - 1
            }
        };
        let node = &mut nodes[i];
        let value = value.clone();
        match field {
            "parent" => node.parent = value,
            "kind" => node.kind = value,
            "agg" => node.agg = value,
            "flag" => node.flag = value == "1",
            "attr" => node.attr = value,
            "op" => node.op = value,
            "values" => node.values = value,
            _ => {}
        }
    }
    // Both roots exist even when the form left them out.
    for root in [Root::Cart, Root::Action] {
        if !index.contains_key(root.uid()) {
            nodes.insert(0, Node::root(root));
        }
    }
    Ok(nodes)
}

/// The nodes of a stored tree: uids `1`, `2`, … in document order after the root. A tree
/// whose root is not a combine gets a root ALL combine around it (the same condition).
pub fn nodes_of(tree: Option<&v1::Condition>, root: Root, next_uid: &mut u32, out: &mut Vec<Node>) {
    let mut top = Node::root(root);
    match tree.and_then(|c| c.kind.as_ref()) {
        Some(Kind::Combine(c)) => {
            top.agg = agg_name(c.aggregator);
            top.flag = c.negate;
            out.push(top);
            for child in &c.conditions {
                push_node(child, root.uid(), next_uid, out, 1);
            }
        }
        Some(_) => {
            out.push(top);
            if let Some(c) = tree {
                push_node(c, root.uid(), next_uid, out, 1);
            }
        }
        None => out.push(top),
    }
}

fn agg_name(wire: i32) -> String {
    match v1::Aggregator::try_from(wire) {
        Ok(v1::Aggregator::Any) => "AGGREGATOR_ANY".into(),
        _ => "AGGREGATOR_ALL".into(),
    }
}

fn op_name(wire: i32) -> String {
    v1::Operator::try_from(wire)
        .map(|o| o.as_str_name().to_owned())
        .unwrap_or_default()
}

fn push_node(
    c: &v1::Condition,
    parent: &str,
    next_uid: &mut u32,
    out: &mut Vec<Node>,
    depth: usize,
) {
    // Stored trees passed validation (≤ MAX_TREE_DEPTH); the guard keeps a bad row from
    // recursing without end.
    if depth > MAX_TREE_DEPTH {
        return;
    }
    let uid = next_uid.to_string();
    *next_uid += 1;
    let mut node = Node {
        uid: uid.clone(),
        parent: parent.to_owned(),
        ..Node::default()
    };
    let children: &[v1::Condition] = match c.kind.as_ref() {
        Some(Kind::Combine(x)) => {
            node.kind = "combine".into();
            node.agg = agg_name(x.aggregator);
            node.flag = x.negate;
            &x.conditions
        }
        Some(Kind::ProductFound(x)) => {
            node.kind = "product_found".into();
            node.agg = agg_name(x.aggregator);
            node.flag = x.not_found;
            &x.conditions
        }
        Some(Kind::ProductSubselect(x)) => {
            node.kind = "product_subselect".into();
            node.agg = agg_name(x.aggregator);
            node.attr = v1::SubselectAttribute::try_from(x.attribute)
                .map(|a| a.as_str_name().to_owned())
                .unwrap_or_default();
            node.op = op_name(x.operator);
            node.values = x.values.join(", ");
            &x.conditions
        }
        Some(Kind::Address(x)) => {
            node.kind = "address".into();
            node.attr = v1::AddressAttribute::try_from(x.attribute)
                .map(|a| a.as_str_name().to_owned())
                .unwrap_or_default();
            node.op = op_name(x.operator);
            node.values = x.values.join(", ");
            &[]
        }
        Some(Kind::Product(x)) => {
            node.kind = "product".into();
            node.attr = x.attribute.clone();
            node.op = op_name(x.operator);
            node.values = x.values.join(", ");
            &[]
        }
        Some(Kind::Audience(x)) => {
            node.kind = "audience".into();
            node.op = v1::AudienceOperator::try_from(x.operator)
                .map(|o| o.as_str_name().to_owned())
                .unwrap_or_default();
            node.values = x.audience_ids.join(", ");
            &[]
        }
        None => return,
    };
    out.push(node);
    for child in children {
        push_node(child, &uid, next_uid, out, depth + 1);
    }
}

/// Where each node's fields are in the proto (`rule.conditions.combine.conditions[0]`,
/// without the kind), for putting violations beside the node they name.
pub type Paths = HashMap<String, String>;

/// The proto trees of the form's nodes, or the violations of the form's structure and
/// values (enum choices) with the paths the rule would have.
pub struct Trees {
    pub conditions: Option<v1::Condition>,
    pub action_conditions: Option<v1::Condition>,
    pub paths: Paths,
}

pub fn trees_of(nodes: &[Node], v: &mut Vec<FieldViolation>) -> Trees {
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut kinds: HashMap<&str, &Node> = HashMap::new();
    let mut broken = false;
    for (i, node) in nodes.iter().enumerate() {
        let is_root = node.uid == "c" || node.uid == "a";
        if is_root {
            depth.insert(&node.uid, 1);
            kinds.insert(&node.uid, node);
            continue;
        }
        let parent_ok = kinds
            .get(node.parent.as_str())
            .is_some_and(|p| p.is_container());
        let d = depth.get(node.parent.as_str()).copied().unwrap_or(0) + 1;
        if !parent_ok {
            v.push(FieldViolation::new(
                "rule.conditions",
                format!(
                    "condition {} names parent {:?}, which is not a combination before it in the form",
                    node.uid, node.parent
                ),
            ));
            broken = true;
            continue;
        }
        if d > MAX_TREE_DEPTH {
            v.push(FieldViolation::new(
                "rule.conditions",
                format!("condition tree is deeper than {MAX_TREE_DEPTH} levels"),
            ));
            broken = true;
            break;
        }
        depth.insert(&node.uid, d);
        kinds.insert(&node.uid, node);
        children.entry(node.parent.as_str()).or_default().push(i);
    }
    let mut paths = Paths::new();
    if broken {
        return Trees {
            conditions: None,
            action_conditions: None,
            paths,
        };
    }
    let mut build = |root: Root| {
        let top = nodes.iter().find(|n| n.uid == root.uid())?;
        let empty = children.get(top.uid.as_str()).is_none_or(Vec::is_empty);
        paths.insert(top.uid.clone(), root.field().to_owned());
        if empty && !top.flag {
            return None;
        }
        Some(build_node(
            nodes,
            top,
            root.field(),
            &children,
            &mut paths,
            v,
        ))
    };
    let conditions = build(Root::Cart);
    let action_conditions = build(Root::Action);
    Trees {
        conditions,
        action_conditions,
        paths,
    }
}

fn split_values(values: &str) -> Vec<String> {
    values
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Values as the operator takes them: a list split on commas, or the one value typed.
fn values_for(op: Option<v1::Operator>, values: &str) -> Vec<String> {
    let list = matches!(
        op,
        Some(
            v1::Operator::Contains
                | v1::Operator::NotContains
                | v1::Operator::IsOneOf
                | v1::Operator::IsNotOneOf
        )
    );
    if list {
        split_values(values)
    } else if values.trim().is_empty() {
        Vec::new()
    } else {
        vec![values.trim().to_owned()]
    }
}

fn build_node(
    nodes: &[Node],
    node: &Node,
    path: &str,
    children: &HashMap<&str, Vec<usize>>,
    paths: &mut Paths,
    v: &mut Vec<FieldViolation>,
) -> v1::Condition {
    paths.insert(node.uid.clone(), path.to_owned());
    let at = format!("{path}.{}", node.kind);
    let mut kids = Vec::new();
    for (i, &c) in children
        .get(node.uid.as_str())
        .into_iter()
        .flatten()
        .enumerate()
    {
        kids.push(build_node(
            nodes,
            &nodes[c],
            &format!("{at}.conditions[{i}]"),
            children,
            paths,
            v,
        ));
    }
    let aggregator = v1::Aggregator::from_str_name(&node.agg).unwrap_or(v1::Aggregator::All) as i32;
    let mut operator = || match v1::Operator::from_str_name(&node.op) {
        Some(o) => (Some(o), o as i32),
        None => {
            v.push(FieldViolation::new(
                format!("{at}.operator"),
                "choose an operator",
            ));
            (None, 0)
        }
    };
    let kind = match node.kind.as_str() {
        "combine" => Kind::Combine(v1::Combine {
            aggregator,
            negate: node.flag,
            conditions: kids,
        }),
        "product_found" => Kind::ProductFound(v1::ProductFound {
            not_found: node.flag,
            aggregator,
            conditions: kids,
        }),
        "product_subselect" => {
            let (op, wire) = operator();
            let attribute = v1::SubselectAttribute::from_str_name(&node.attr).map_or_else(
                || {
                    v.push(FieldViolation::new(
                        format!("{at}.attribute"),
                        "choose what to total",
                    ));
                    0
                },
                |a| a as i32,
            );
            Kind::ProductSubselect(v1::ProductSubselect {
                attribute,
                operator: wire,
                values: values_for(op, &node.values),
                aggregator,
                conditions: kids,
            })
        }
        "address" => {
            let (op, wire) = operator();
            let attribute = v1::AddressAttribute::from_str_name(&node.attr).map_or_else(
                || {
                    v.push(FieldViolation::new(
                        format!("{at}.attribute"),
                        "unknown cart attribute",
                    ));
                    0
                },
                |a| a as i32,
            );
            Kind::Address(v1::AddressCondition {
                attribute,
                operator: wire,
                values: values_for(op, &node.values),
            })
        }
        "product" => {
            let (op, wire) = operator();
            Kind::Product(v1::ProductCondition {
                attribute: node.attr.trim().to_owned(),
                operator: wire,
                values: values_for(op, &node.values),
            })
        }
        "audience" => {
            let operator = v1::AudienceOperator::from_str_name(&node.op).map_or_else(
                || {
                    v.push(FieldViolation::new(
                        format!("{at}.operator"),
                        "choose an operator",
                    ));
                    0
                },
                |o| o as i32,
            );
            Kind::Audience(v1::AudienceCondition {
                operator,
                audience_ids: split_values(&node.values),
            })
        }
        other => {
            v.push(FieldViolation::new(
                path,
                format!("unknown condition kind {other:?}"),
            ));
            Kind::Combine(v1::Combine::default())
        }
    };
    v1::Condition { kind: Some(kind) }
}

/// Per node uid: (the field after the node's kind, what is wrong).
pub type NodeErrors = HashMap<String, Vec<(String, String)>>;

/// Violations by node uid: each violation goes to the deepest node whose path it starts
/// with; `rest` is what follows the node's kind (`values`, `audience_ids[0]`, or empty).
pub fn errors_by_node(
    violations: &[FieldViolation],
    nodes: &[Node],
    paths: &Paths,
) -> (NodeErrors, Vec<FieldViolation>) {
    let mut by_node = NodeErrors::new();
    let mut rest = Vec::new();
    for violation in violations {
        let mut best: Option<(&Node, usize, String)> = None;
        for node in nodes {
            let Some(path) = paths.get(&node.uid) else {
                continue;
            };
            let with_kind = format!("{path}.{}", node.kind);
            let tail = if violation.field == *path || violation.field == with_kind {
                Some(String::new())
            } else {
                violation
                    .field
                    .strip_prefix(&format!("{with_kind}."))
                    .map(str::to_owned)
            };
            if let Some(tail) = tail
                && best.as_ref().is_none_or(|(_, len, _)| path.len() > *len)
            {
                best = Some((node, path.len(), tail));
            }
        }
        match best {
            Some((node, _, tail)) => by_node
                .entry(node.uid.clone())
                .or_default()
                .push((tail, violation.description.clone())),
            None => rest.push(violation.clone()),
        }
    }
    (by_node, rest)
}

/// What the builder renders besides the nodes.
#[derive(Default)]
pub struct View<'a> {
    pub errors: NodeErrors,
    /// The audience node whose chooser is open (no-script path), with its results.
    pub chooser: Option<(&'a str, &'a str, Markup)>,
}

pub const OPERATOR_LABELS: [(&str, &str); 10] = [
    ("OPERATOR_EQ", "is"),
    ("OPERATOR_NE", "is not"),
    ("OPERATOR_GTE", "equals or greater than"),
    ("OPERATOR_GT", "greater than"),
    ("OPERATOR_LTE", "equals or less than"),
    ("OPERATOR_LT", "less than"),
    ("OPERATOR_CONTAINS", "contains"),
    ("OPERATOR_NOT_CONTAINS", "does not contain"),
    ("OPERATOR_IS_ONE_OF", "is one of"),
    ("OPERATOR_IS_NOT_ONE_OF", "is not one of"),
];

const AUDIENCE_OPERATOR_LABELS: [(&str, &str); 4] = [
    ("AUDIENCE_OPERATOR_MATCHES", "matches"),
    ("AUDIENCE_OPERATOR_DOES_NOT_MATCH", "does not match"),
    ("AUDIENCE_OPERATOR_IS_ONE_OF", "is one of"),
    ("AUDIENCE_OPERATOR_IS_NOT_ONE_OF", "is not one of"),
];

const SUBSELECT_LABELS: [(&str, &str); 3] = [
    ("SUBSELECT_ATTRIBUTE_QTY", "total quantity"),
    ("SUBSELECT_ATTRIBUTE_ROW_TOTAL", "total amount"),
    (
        "SUBSELECT_ATTRIBUTE_ROW_TOTAL_INCL_TAX",
        "total amount incl. tax",
    ),
];

/// Product attributes the engine knows (others are read from the line's attributes).
pub const PRODUCT_ATTRIBUTES: [(&str, &str); 6] = [
    ("sku", "SKU"),
    ("category_ids", "Category"),
    ("attribute_set_id", "Attribute set"),
    (NUMERIC_PRODUCT_ATTRIBUTES[0], "Price in cart"),
    (NUMERIC_PRODUCT_ATTRIBUTES[1], "Quantity in cart"),
    (NUMERIC_PRODUCT_ATTRIBUTES[2], "Row total in cart"),
];

pub fn address_label(attr: AddressAttribute) -> &'static str {
    match attr {
        AddressAttribute::Subtotal => "Subtotal (excl. tax)",
        AddressAttribute::SubtotalWithDiscount => "Subtotal (incl. discount)",
        AddressAttribute::SubtotalInclTax => "Subtotal (incl. tax)",
        AddressAttribute::TotalQty => "Total items quantity",
        AddressAttribute::Weight => "Total weight",
        AddressAttribute::PaymentMethod => "Payment method",
        AddressAttribute::ShippingMethod => "Shipping method",
        AddressAttribute::Postcode => "Shipping postcode",
        AddressAttribute::Region => "Shipping region",
        AddressAttribute::RegionId => "Shipping state/province",
        AddressAttribute::CountryId => "Shipping country",
    }
}

fn address_attr_label(wire_name: &str) -> String {
    AddressAttribute::ALL
        .iter()
        .find(|a| format!("ADDRESS_ATTRIBUTE_{}", a.name().to_uppercase()) == wire_name)
        .map_or_else(|| wire_name.to_owned(), |a| address_label(*a).to_owned())
}

/// The "Add" choices of a container of `scope`.
pub fn add_choices(scope: Scope) -> Vec<(String, String)> {
    let mut out = vec![("combine".to_owned(), "Conditions combination".to_owned())];
    match scope {
        Scope::Cart => {
            out.push(("audience".into(), "Experience Platform Audience".into()));
            out.push((
                "product_found".into(),
                "Product attribute combination".into(),
            ));
            out.push(("product_subselect".into(), "Products subselection".into()));
            for a in AddressAttribute::ALL {
                out.push((
                    format!("address:ADDRESS_ATTRIBUTE_{}", a.name().to_uppercase()),
                    format!("Cart attribute: {}", address_label(a)),
                ));
            }
        }
        Scope::Item => {
            for (code, label) in PRODUCT_ATTRIBUTES {
                out.push((
                    format!("product:{code}"),
                    format!("Product attribute: {label}"),
                ));
            }
            out.push(("product:".into(), "Product attribute: another code".into()));
        }
    }
    out
}

/// The builder for one tree.
pub fn render_tree(root: Root, nodes: &[Node], view: &View<'_>) -> Markup {
    let mut children: HashMap<&str, Vec<&Node>> = HashMap::new();
    for node in nodes {
        children.entry(node.parent.as_str()).or_default().push(node);
    }
    let top = nodes
        .iter()
        .find(|n| n.uid == root.uid())
        .cloned()
        .unwrap_or_else(|| Node::root(root));
    html! {
        ul.tree aria-label=(match root { Root::Cart => "Cart conditions", Root::Action => "Items the actions apply to" }) {
            (render_node(&top, root.scope(), &children, view, 1))
        }
    }
}

fn select(name: &str, label: &str, options: &[(&str, &str)], current: &str) -> Markup {
    html! {
        select name=(name) aria-label=(label) {
            @for (value, text) in options {
                option value=(value) selected[*value == current] { (text) }
            }
        }
    }
}

fn render_node(
    node: &Node,
    scope: Scope,
    children: &HashMap<&str, Vec<&Node>>,
    view: &View<'_>,
    depth: usize,
) -> Markup {
    let uid = node.uid.as_str();
    let f = |field: &str| format!("n.{uid}.{field}");
    let errors = view.errors.get(uid);
    let invalid =
        |field: &str| errors.is_some_and(|e| e.iter().any(|(tail, _)| tail.starts_with(field)));
    let is_root = node.parent.is_empty();
    let child_scope = match node.kind.as_str() {
        "product_found" | "product_subselect" => Scope::Item,
        _ => scope,
    };
    let agg = [("AGGREGATOR_ALL", "ALL"), ("AGGREGATOR_ANY", "ANY")];
    html! {
        li.node id=(format!("node-{uid}")) data-uid=(uid) data-scope=(child_scope.name()) {
            input type="hidden" name=(f("parent")) value=(node.parent);
            input type="hidden" name=(f("kind")) value=(node.kind);
            div.row {
                @match node.kind.as_str() {
                    "combine" => {
                        span { "If" }
                        (select(&f("agg"), "all or any", &agg, &node.agg))
                        span { "of these conditions are" }
                        (select(&f("flag"), "true or false", &[("0", "TRUE"), ("1", "FALSE")], if node.flag { "1" } else { "0" }))
                    }
                    "product_found" => {
                        span { "If an item is" }
                        (select(&f("flag"), "found or not found", &[("0", "FOUND"), ("1", "NOT FOUND")], if node.flag { "1" } else { "0" }))
                        span { "in the cart with" }
                        (select(&f("agg"), "all or any", &agg, &node.agg))
                        span { "of these conditions true:" }
                    }
                    "product_subselect" => {
                        span { "If" }
                        (select(&f("attr"), "what to total", &SUBSELECT_LABELS, &node.attr))
                        (select(&f("op"), "operator", &OPERATOR_LABELS, &node.op))
                        input type="text" name=(f("values")) value=(node.values) aria-label="value" aria-invalid=[invalid("values").then_some("true")] size="8";
                        span { "for a subselection of items in the cart matching" }
                        (select(&f("agg"), "all or any", &agg, &node.agg))
                        span { "of these conditions:" }
                    }
                    "address" => {
                        input type="hidden" name=(f("attr")) value=(node.attr);
                        span.attr { (address_attr_label(&node.attr)) }
                        (select(&f("op"), "operator", &OPERATOR_LABELS, &node.op))
                        input type="text" name=(f("values")) value=(node.values) aria-label=(format!("{} value", address_attr_label(&node.attr))) aria-invalid=[invalid("values").then_some("true")];
                    }
                    "product" => {
                        span { "Product attribute" }
                        input type="text" name=(f("attr")) value=(node.attr) list="product-attributes" aria-label="product attribute code" aria-invalid=[invalid("attribute").then_some("true")] size="14";
                        (select(&f("op"), "operator", &OPERATOR_LABELS, &node.op))
                        input type="text" name=(f("values")) value=(node.values) aria-label="value" aria-invalid=[invalid("values").then_some("true")];
                    }
                    "audience" => {
                        span.attr { "Experience Platform Audience" }
                        (select(&f("op"), "audience operator", &AUDIENCE_OPERATOR_LABELS, &node.op))
                        input.audience-ids type="text" name=(f("values")) value=(node.values) aria-label="audience ids, comma separated" aria-invalid=[invalid("audience_ids").then_some("true")] size="40" id=(format!("ids-{uid}"));
                        button type="submit" name="op" value=(format!("choose:{uid}")) aria-controls=(format!("chooser-{uid}")) { "Open Chooser" }
                    }
                    other => { span.error { "unknown condition " (other) } }
                }
                @if !is_root {
                    button.remove type="submit" name="op" value=(format!("remove:{uid}")) aria-label="Remove this condition" title="Remove" { "✕" }
                }
            }
            @if let Some(errors) = errors {
                @for (tail, description) in errors {
                    p.field-error role="alert" { @if !tail.is_empty() { (tail) ": " } (description) }
                }
            }
            @if node.kind == "audience" {
                @let open = view.chooser.as_ref().filter(|(u, _, _)| *u == uid);
                div.chooser id=(format!("chooser-{uid}")) hidden[open.is_none()] {
                    label { "Search audiences by name or id"
                        input type="search" name=(format!("chooser.{uid}")) value=(open.map_or("", |(_, q, _)| *q)) data-chooser=(uid);
                    }
                    button type="submit" name="op" value=(format!("choose:{uid}")) { "Search" }
                    div.chooser-results id=(format!("chooser-results-{uid}")) aria-live="polite" {
                        @if let Some((_, _, results)) = open { (results) }
                    }
                }
            }
            @if node.is_container() {
                ul.children id=(format!("children-{uid}")) aria-label="conditions inside" {
                    @if depth < MAX_TREE_DEPTH {
                        @for child in children.get(uid).into_iter().flatten() {
                            (render_node(child, child_scope, children, view, depth + 1))
                        }
                    }
                }
                div.add {
                    label.inline {
                        span.visually-hidden { "Condition to add" }
                        select name=(f("new")) aria-label="condition to add" {
                            @for (value, text) in add_choices(child_scope) {
                                option value=(value) { (text) }
                            }
                        }
                    }
                    button type="submit" name="op" value=(format!("add:{uid}")) { "Add" }
                }
            }
        }
    }
}

/// One node alone (what `/rules/node` answers for `console.js`).
pub fn render_fresh(node: &Node, scope: Scope) -> Markup {
    render_node(node, scope, &HashMap::new(), &View::default(), 2)
}

/// The chooser's results: a pick button per audience.
pub fn chooser_results(uid: &str, found: &[(String, String, String)], total: u64) -> Markup {
    html! {
        @if found.is_empty() {
            p { "No synced audience matches." }
        } @else {
            p.muted { (found.len()) " of " (total) " audiences" }
            ul.picks {
                @for (id, name, state) in found {
                    li {
                        button type="submit" name="op" value=(format!("pick:{uid}:{id}")) data-pick=(id) data-node=(uid) {
                            "Pick"
                        }
                        " " strong { (name) } " " span.id { (id) } " " span.state { (state) }
                    }
                }
            }
        }
    }
}

/// Adds `id` to a node's audience ids (once).
pub fn pick(nodes: &mut [Node], uid: &str, id: &str) {
    if let Some(node) = nodes.iter_mut().find(|n| n.uid == uid) {
        let mut ids = split_values(&node.values);
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_owned());
        }
        node.values = ids.join(", ");
    }
}

/// Removes a node and everything under it.
pub fn remove(nodes: &mut Vec<Node>, uid: &str) {
    if uid == "c" || uid == "a" {
        return;
    }
    let mut gone = vec![uid.to_owned()];
    // Document order: children follow their parent, so one pass finds every descendant.
    for node in nodes.iter() {
        if gone.contains(&node.parent) {
            gone.push(node.uid.clone());
        }
    }
    nodes.retain(|n| !gone.contains(&n.uid));
}

/// Adds a fresh node as the last child of `parent`; the new node's uid.
pub fn add(nodes: &mut Vec<Node>, parent: &str, choice: &str) -> Option<String> {
    let next = nodes
        .iter()
        .filter_map(|n| n.uid.strip_prefix('s').and_then(|u| u.parse::<u32>().ok()))
        .max()
        .unwrap_or(0)
        + 1;
    let uid = format!("s{next}");
    let node = Node::fresh(choice, &uid, parent)?;
    if !nodes.iter().any(|n| n.uid == parent && n.is_container()) {
        return None;
    }
    // After the parent's last descendant.
    let mut at = nodes.iter().position(|n| n.uid == parent)? + 1;
    let mut inside = vec![parent.to_owned()];
    while at < nodes.len() && inside.contains(&nodes[at].parent) {
        inside.push(nodes[at].uid.clone());
        at += 1;
    }
    nodes.insert(at, node);
    Some(uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_form_tree_becomes_the_proto_tree_and_back() {
        let form = pairs(&[
            ("n.c.parent", ""),
            ("n.c.kind", "combine"),
            ("n.c.agg", "AGGREGATOR_ANY"),
            ("n.c.flag", "0"),
            ("n.1.parent", "c"),
            ("n.1.kind", "audience"),
            ("n.1.op", "AUDIENCE_OPERATOR_MATCHES"),
            ("n.1.values", "seg-a, seg-b"),
            ("n.2.parent", "c"),
            ("n.2.kind", "product_found"),
            ("n.2.agg", "AGGREGATOR_ALL"),
            ("n.3.parent", "2"),
            ("n.3.kind", "product"),
            ("n.3.attr", "sku"),
            ("n.3.op", "OPERATOR_IS_ONE_OF"),
            ("n.3.values", "a,b"),
            ("n.a.parent", ""),
            ("n.a.kind", "combine"),
            ("n.a.agg", "AGGREGATOR_ALL"),
        ]);
        let nodes = nodes_from_form(&form, 100).unwrap();
        let mut v = Vec::new();
        let trees = trees_of(&nodes, &mut v);
        assert!(v.is_empty(), "{v:?}");
        assert!(
            trees.action_conditions.is_none(),
            "an empty root is no condition"
        );
        let Some(Kind::Combine(root)) = trees.conditions.as_ref().and_then(|c| c.kind.clone())
        else {
            panic!("root is a combine")
        };
        assert_eq!(root.aggregator, v1::Aggregator::Any as i32);
        let Some(Kind::Audience(a)) = &root.conditions[0].kind else {
            panic!("first child is the audience")
        };
        assert_eq!(a.audience_ids, ["seg-a", "seg-b"]);
        let Some(Kind::ProductFound(found)) = &root.conditions[1].kind else {
            panic!("second child is found")
        };
        let Some(Kind::Product(p)) = &found.conditions[0].kind else {
            panic!("found holds the product condition")
        };
        assert_eq!(p.values, ["a", "b"]);
        assert_eq!(
            trees.paths["3"],
            "rule.conditions.combine.conditions[1].product_found.conditions[0]"
        );

        let mut next = 1;
        let mut back = Vec::new();
        nodes_of(trees.conditions.as_ref(), Root::Cart, &mut next, &mut back);
        assert_eq!(back.len(), 4);
        assert_eq!(back[1].values, "seg-a, seg-b");
        assert_eq!(back[3].parent, back[2].uid);
    }

    #[test]
    fn bad_structure_is_a_violation_not_a_tree() {
        let form = pairs(&[("n.1.parent", "9"), ("n.1.kind", "audience")]);
        let nodes = nodes_from_form(&form, 100).unwrap();
        let mut v = Vec::new();
        let trees = trees_of(&nodes, &mut v);
        assert!(trees.conditions.is_none());
        assert_eq!(v[0].field, "rule.conditions");
        assert!(v[0].description.contains("parent"), "{v:?}");

        let many: Vec<(String, String)> = (0..300)
            .map(|i| (format!("n.{i}.kind"), "combine".to_owned()))
            .collect();
        let refused = nodes_from_form(&many, 100).unwrap_err();
        assert!(
            refused.description.contains("max_rule_nodes"),
            "{refused:?}"
        );
        assert!(nodes_from_form(&pairs(&[("n.x-y.kind", "combine")]), 100).is_err());
    }

    #[test]
    fn a_chain_deeper_than_the_limit_is_refused_before_building() {
        let mut form = Vec::new();
        let mut parent = "c".to_owned();
        for i in 0..40 {
            let uid = format!("d{i}");
            form.push((format!("n.{uid}.parent"), parent.clone()));
            form.push((format!("n.{uid}.kind"), "combine".to_owned()));
            parent = uid;
        }
        let nodes = nodes_from_form(&form, 100).unwrap();
        let mut v = Vec::new();
        let trees = trees_of(&nodes, &mut v);
        assert!(trees.conditions.is_none());
        assert!(v[0].description.contains("deeper"), "{v:?}");
    }

    #[test]
    fn add_remove_and_pick_edit_the_nodes() {
        let mut nodes = vec![Node::root(Root::Cart), Node::root(Root::Action)];
        let audience = add(&mut nodes, "c", "audience").unwrap();
        let combine = add(&mut nodes, "c", "combine").unwrap();
        let inner = add(&mut nodes, &combine, "address:ADDRESS_ATTRIBUTE_SUBTOTAL").unwrap();
        assert!(
            add(&mut nodes, &audience, "combine").is_none(),
            "not a container"
        );
        assert!(add(&mut nodes, "c", "nonsense").is_none());
        let order: Vec<&str> = nodes.iter().map(|n| n.uid.as_str()).collect();
        assert_eq!(order, ["c", &audience, &combine, &inner, "a"]);
        pick(&mut nodes, &audience, "seg-1");
        pick(&mut nodes, &audience, "seg-1");
        pick(&mut nodes, &audience, "seg-2");
        assert_eq!(nodes[1].values, "seg-1, seg-2");
        remove(&mut nodes, &combine);
        let order: Vec<&str> = nodes.iter().map(|n| n.uid.as_str()).collect();
        assert_eq!(order, ["c", &audience, "a"]);
        remove(&mut nodes, "c");
        assert_eq!(nodes.len(), 3, "roots stay");
    }

    #[test]
    fn violations_go_to_the_deepest_node_they_name() {
        let nodes = vec![
            Node::root(Root::Cart),
            Node::fresh("combine", "1", "c").unwrap(),
            Node::fresh("audience", "2", "1").unwrap(),
        ];
        let mut v = Vec::new();
        let trees = trees_of(&nodes, &mut v);
        assert!(v.is_empty());
        let violations = vec![
            FieldViolation::new(
                "rule.conditions.combine.conditions[0].combine.conditions[0].audience.audience_ids",
                "at least one audience id is required",
            ),
            FieldViolation::new("rule.name", "is required"),
        ];
        let (by_node, rest) = errors_by_node(&violations, &nodes, &trees.paths);
        assert_eq!(by_node["2"][0].0, "audience_ids");
        assert!(!by_node.contains_key("1"));
        assert_eq!(rest[0].field, "rule.name");
    }
}
