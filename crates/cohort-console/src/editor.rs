//! `/rules/new` and `/rules/{id}`: the rule editor. Every field of the rule model, grouped
//! as Adobe's form (Rule Information, Conditions, Actions, Labels), with the condition tree
//! builder (`tree`) for both trees and the Experience Platform Audience chooser. Saving is
//! one `CreateRule` / `UpdateRule` app call, so the console refuses exactly what gRPC
//! refuses; each violation is shown beside the field (or the condition) it names, and the
//! form keeps what was typed. An update echoes the version the page was loaded with: a
//! concurrent change is a conflict explained, never a lost write.
//!
//! The form works without JavaScript: Add, Remove, Open Chooser, Search and Pick are submit
//! buttons (`op`) that re-render the form with the change and save nothing. `console.js`
//! does the same in the page (fetching `/rules/node` and `/rules/chooser` fragments).

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohort_app::audiences::AudienceQuery;
use cohort_app::{AppError, ErrorKind};
use cohort_domain::FieldViolation;
use cohort_domain::names::Named;
use cohort_proto::v1;
use maud::{Markup, html};
use serde::Deserialize;

use crate::auth::{Signed, check_csrf};
use crate::layout::{Nav, page};
use crate::pages::{error_page, status_of};
use crate::sessions::Session;
use crate::tree::{self, Node, Root, Scope};
use crate::{Console, Shared};

/// How many audiences the chooser lists for one search.
const CHOOSER_RESULTS: u32 = 20;

/// The rule's scalar fields as typed.
#[derive(Debug, Clone, Default)]
struct Fields {
    id: u64,
    version: u64,
    name: String,
    description: String,
    active: bool,
    website_ids: String,
    customer_group_ids: String,
    from_date: String,
    to_date: String,
    sort_order: String,
    stop_rules_processing: bool,
    coupon_type: String,
    coupon_code: String,
    use_auto_generation: bool,
    uses_per_coupon: String,
    uses_per_customer: String,
    simple_action: String,
    discount_amount: String,
    discount_qty: String,
    discount_step: String,
    apply_to_shipping: bool,
    free_shipping: String,
    label_default: String,
    /// `store = label`, one per line.
    store_labels: String,
    exclusive_group: String,
    times_used: u64,
}

fn enum_name<E: TryFrom<i32>>(
    wire: i32,
    name: impl Fn(&E) -> &'static str,
    default: &str,
) -> String {
    E::try_from(wire).map_or_else(|_| default.to_owned(), |e| name(&e).to_owned())
}

impl Fields {
    fn new_rule(console: &Console) -> Fields {
        let set = console.app.rules.current();
        let mut websites: Vec<&str> = set.websites().by_id.keys().map(String::as_str).collect();
        websites.sort_unstable();
        if websites.is_empty() {
            websites.push("base");
        }
        Fields {
            active: true,
            website_ids: websites.join(", "),
            customer_group_ids: "0, 1".into(),
            sort_order: "0".into(),
            coupon_type: "COUPON_TYPE_NO_COUPON".into(),
            uses_per_coupon: "0".into(),
            uses_per_customer: "0".into(),
            simple_action: "SIMPLE_ACTION_BY_PERCENT".into(),
            discount_step: "0".into(),
            free_shipping: "FREE_SHIPPING_UNSPECIFIED".into(),
            ..Fields::default()
        }
    }

    fn of_rule(r: &v1::CartPriceRule) -> Fields {
        Fields {
            id: r.id,
            version: r.version,
            name: r.name.clone(),
            description: r.description.clone(),
            active: r.active,
            website_ids: r.website_ids.join(", "),
            customer_group_ids: r.customer_group_ids.join(", "),
            from_date: r.from_date.clone(),
            to_date: r.to_date.clone(),
            sort_order: r.sort_order.to_string(),
            stop_rules_processing: r.stop_rules_processing,
            coupon_type: enum_name(
                r.coupon_type,
                v1::CouponType::as_str_name,
                "COUPON_TYPE_NO_COUPON",
            ),
            coupon_code: r.coupon_code.clone(),
            exclusive_group: r.exclusive_group.clone(),
            use_auto_generation: r.use_auto_generation,
            uses_per_coupon: r.uses_per_coupon.to_string(),
            uses_per_customer: r.uses_per_customer.to_string(),
            simple_action: enum_name(
                r.simple_action,
                v1::SimpleAction::as_str_name,
                "SIMPLE_ACTION_BY_PERCENT",
            ),
            discount_amount: r.discount_amount.clone(),
            discount_qty: r.discount_qty.clone(),
            discount_step: r.discount_step.to_string(),
            apply_to_shipping: r.apply_to_shipping,
            free_shipping: enum_name(
                r.free_shipping,
                v1::FreeShipping::as_str_name,
                "FREE_SHIPPING_UNSPECIFIED",
            ),
            label_default: r.labels.get("").cloned().unwrap_or_default(),
            store_labels: r
                .labels
                .iter()
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, l)| format!("{k} = {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            times_used: r.times_used,
        }
    }

    fn of_form(form: &HashMap<&str, &str>) -> Fields {
        let text = |k: &str| form.get(k).map(|v| (*v).to_owned()).unwrap_or_default();
        let on = |k: &str| form.get(k).is_some_and(|v| *v == "1");
        Fields {
            id: text("id").trim().parse().unwrap_or(0),
            version: text("version").trim().parse().unwrap_or(0),
            name: text("name"),
            description: text("description"),
            active: on("active"),
            website_ids: text("website_ids"),
            customer_group_ids: text("customer_group_ids"),
            from_date: text("from_date"),
            to_date: text("to_date"),
            sort_order: text("sort_order"),
            stop_rules_processing: on("stop_rules_processing"),
            coupon_type: text("coupon_type"),
            coupon_code: text("coupon_code"),
            exclusive_group: text("exclusive_group"),
            use_auto_generation: on("use_auto_generation"),
            uses_per_coupon: text("uses_per_coupon"),
            uses_per_customer: text("uses_per_customer"),
            simple_action: text("simple_action"),
            discount_amount: text("discount_amount"),
            discount_qty: text("discount_qty"),
            discount_step: text("discount_step"),
            apply_to_shipping: on("apply_to_shipping"),
            free_shipping: text("free_shipping"),
            label_default: text("label_default"),
            store_labels: text("store_labels"),
            times_used: 0,
        }
    }

    /// The rule the form describes; what cannot be read (a number, a label line) is a
    /// violation with the field's path.
    fn to_rule(&self, trees: tree::Trees, v: &mut Vec<FieldViolation>) -> v1::CartPriceRule {
        let number = |field: &str, text: &str, v: &mut Vec<FieldViolation>| -> u32 {
            let t = text.trim();
            if t.is_empty() {
                return 0;
            }
            t.parse().unwrap_or_else(|_| {
                v.push(FieldViolation::new(
                    format!("rule.{field}"),
                    format!("write a whole number from 0 to {}, got {t:?}", u32::MAX),
                ));
                0
            })
        };
        let list = |s: &str| -> Vec<String> {
            s.split([',', ' ', '\n'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let mut labels = std::collections::HashMap::new();
        if !self.label_default.trim().is_empty() {
            labels.insert(String::new(), self.label_default.trim().to_owned());
        }
        for (n, line) in self.store_labels.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match line.split_once('=') {
                Some((store, label)) if !store.trim().is_empty() => {
                    labels.insert(store.trim().to_owned(), label.trim().to_owned());
                }
                _ => v.push(FieldViolation::new(
                    "rule.labels",
                    format!("line {}: write \"store code = label\", got {line:?}", n + 1),
                )),
            }
        }
        let chosen = |name: &str, field: &str, known: bool, v: &mut Vec<FieldViolation>| {
            if !known {
                v.push(FieldViolation::new(
                    format!("rule.{field}"),
                    format!("unknown choice {name:?}"),
                ));
            }
        };
        let coupon_type = v1::CouponType::from_str_name(&self.coupon_type);
        chosen(&self.coupon_type, "coupon_type", coupon_type.is_some(), v);
        let simple_action = v1::SimpleAction::from_str_name(&self.simple_action);
        chosen(
            &self.simple_action,
            "simple_action",
            simple_action.is_some(),
            v,
        );
        let free_shipping = v1::FreeShipping::from_str_name(&self.free_shipping);
        chosen(
            &self.free_shipping,
            "free_shipping",
            free_shipping.is_some(),
            v,
        );
        v1::CartPriceRule {
            id: self.id,
            version: self.version,
            name: self.name.trim().to_owned(),
            description: self.description.trim().to_owned(),
            active: self.active,
            website_ids: list(&self.website_ids),
            customer_group_ids: list(&self.customer_group_ids),
            from_date: self.from_date.trim().to_owned(),
            to_date: self.to_date.trim().to_owned(),
            sort_order: number("sort_order", &self.sort_order, v),
            stop_rules_processing: self.stop_rules_processing,
            coupon_type: coupon_type.map_or(0, |c| c as i32),
            coupon_code: self.coupon_code.trim().to_owned(),
            use_auto_generation: self.use_auto_generation,
            uses_per_coupon: number("uses_per_coupon", &self.uses_per_coupon, v),
            uses_per_customer: number("uses_per_customer", &self.uses_per_customer, v),
            conditions: trees.conditions,
            action_conditions: trees.action_conditions,
            simple_action: simple_action.map_or(0, |c| c as i32),
            discount_amount: self.discount_amount.trim().to_owned(),
            discount_qty: self.discount_qty.trim().to_owned(),
            discount_step: number("discount_step", &self.discount_step, v),
            apply_to_shipping: self.apply_to_shipping,
            free_shipping: free_shipping.map_or(0, |c| c as i32),
            labels,
            exclusive_group: self.exclusive_group.trim().to_owned(),
            ..v1::CartPriceRule::default()
        }
    }
}

/// Everything one rendering of the editor shows.
struct Editor<'a> {
    fields: Fields,
    nodes: Vec<Node>,
    /// Violations of scalar fields, by field name (`name`, `discount_amount`, …).
    field_errors: HashMap<String, Vec<String>>,
    node_errors: tree::NodeErrors,
    /// An error no field owns (a conflict, a read-only rule set).
    alert: Option<Markup>,
    chooser: Option<(&'a str, &'a str, Markup)>,
    saved: bool,
}

impl Editor<'_> {
    fn of(fields: Fields, nodes: Vec<Node>) -> Self {
        Editor {
            fields,
            nodes,
            field_errors: HashMap::new(),
            node_errors: HashMap::new(),
            alert: None,
            chooser: None,
            saved: false,
        }
    }

    /// Puts each violation beside its field or condition; paths of the trees go to the
    /// deepest condition they name.
    fn place(&mut self, violations: &[FieldViolation], paths: &tree::Paths) {
        let (by_node, rest) = tree::errors_by_node(violations, &self.nodes, paths);
        self.node_errors = by_node;
        for violation in rest {
            let field = violation
                .field
                .strip_prefix("rule.")
                .unwrap_or(&violation.field);
            let field = field.split(['.', '[']).next().unwrap_or(field).to_owned();
            let key = match field.as_str() {
                "conditions" | "action_conditions" => {
                    let root = if field == "conditions" { "c" } else { "a" };
                    self.node_errors
                        .entry(root.to_owned())
                        .or_default()
                        .push((String::new(), violation.description.clone()));
                    continue;
                }
                "labels" => "store_labels".to_owned(),
                _ => field,
            };
            self.field_errors
                .entry(key)
                .or_default()
                .push(violation.description.clone());
        }
    }
}

/// A store or app error that names a rule field in its message (`rule.coupon_code: …`) as
/// that field's violation.
fn as_violations(error: &AppError) -> Vec<FieldViolation> {
    if !error.violations().is_empty() {
        return error.violations().to_vec();
    }
    let message = error.to_string();
    match message.split_once(": ") {
        Some((field, description)) if field.starts_with("rule.") && !field.contains(' ') => {
            vec![FieldViolation::new(field, description)]
        }
        _ => Vec::new(),
    }
}

const COUPON_TYPES: [(&str, &str); 3] = [
    ("COUPON_TYPE_NO_COUPON", "No Coupon"),
    ("COUPON_TYPE_SPECIFIC", "Specific Coupon"),
    ("COUPON_TYPE_AUTO", "Auto (generated codes only)"),
];

const SIMPLE_ACTIONS: [(&str, &str); 4] = [
    (
        "SIMPLE_ACTION_BY_PERCENT",
        "Percent of product price discount",
    ),
    ("SIMPLE_ACTION_BY_FIXED", "Fixed amount discount"),
    (
        "SIMPLE_ACTION_CART_FIXED",
        "Fixed amount discount for whole cart",
    ),
    (
        "SIMPLE_ACTION_BUY_X_GET_Y",
        "Buy X get Y free (discount amount is Y)",
    ),
];

const FREE_SHIPPING: [(&str, &str); 3] = [
    ("FREE_SHIPPING_UNSPECIFIED", "No"),
    ("FREE_SHIPPING_MATCHING_ITEMS", "For matching items only"),
    (
        "FREE_SHIPPING_WHOLE_SHIPMENT",
        "For shipment with matching items",
    ),
];

fn render(console: &Console, session: &Session, e: &Editor<'_>) -> Markup {
    let f = &e.fields;
    let is_new = f.id == 0;
    let errors = |name: &str| e.field_errors.get(name);
    let invalid = |name: &str| errors(name).map(|_| "true");
    let described = |name: &str| errors(name).map(|_| format!("err-{name}"));
    let error_list = |name: &str| {
        html! {
            @if let Some(list) = errors(name) {
                span.field-error id=(format!("err-{name}")) role="alert" { (list.join("; ")) }
            }
        }
    };
    let text = |name: &str, label: &str, value: &str, hint: Option<&str>| {
        html! {
            label {
                (label)
                input type="text" name=(name) value=(value) aria-invalid=[invalid(name)] aria-describedby=[described(name)];
                @if let Some(hint) = hint { span.hint { (hint) } }
                (error_list(name))
            }
        }
    };
    let check = |name: &str, label: &str, on: bool| {
        html! {
            label.inline {
                input type="checkbox" name=(name) value="1" checked[on];
                (label)
            }
            (error_list(name))
        }
    };
    let choice = |name: &str, label: &str, options: &[(&str, &str)], current: &str| {
        html! {
            label {
                (label)
                select name=(name) aria-invalid=[invalid(name)] aria-describedby=[described(name)] {
                    @for (value, text) in options {
                        option value=(value) selected[*value == current] { (text) }
                    }
                }
                (error_list(name))
            }
        }
    };
    let action = if is_new {
        "/rules/new".to_owned()
    } else {
        format!("/rules/{}", f.id)
    };
    let read_only = console.app.rules.read_only();
    let view = tree::View {
        errors: e.node_errors.clone(),
        chooser: e.chooser.as_ref().map(|(u, q, m)| (*u, *q, m.clone())),
    };
    html! {
        h1 { @if is_new { "New cart price rule" } @else { "Rule " (f.id) ": " (f.name) } }
        @if e.saved { p.panel.ok role="status" { "Saved. The rule set in force is already the new one: there is no cache to clean." } }
        @if let Some(alert) = &e.alert { div.panel role="alert" { (alert) } }
        @if !e.field_errors.is_empty() || !e.node_errors.is_empty() {
            p.panel.error role="alert" { "Nothing was saved: fix the fields marked below." }
        }
        @if !is_new {
            p.muted {
                "Version " (f.version) " · used " (f.times_used) " times · "
                a href=(format!("/coupons?rule={}", f.id)) { "Coupons" }
            }
        }
        form.editor method="post" action=(action) novalidate {
            // Enter in a text field saves (the first submit button of a form is its default).
            button.visually-hidden type="submit" name="op" value="save" tabindex="-1" aria-hidden="true" { "Save" }
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="id" value=(f.id);
            input type="hidden" name="version" value=(f.version);
            fieldset {
                legend { "Rule Information" }
                div.grid {
                    (text("name", "Rule name", &f.name, None))
                    label { "Description"
                        textarea name="description" rows="2" aria-invalid=[invalid("description")] { (f.description) }
                        (error_list("description"))
                    }
                    (check("active", "Active", f.active))
                    (text("website_ids", "Websites", &f.website_ids, Some("website codes, comma separated")))
                    (text("customer_group_ids", "Customer groups", &f.customer_group_ids, Some("group ids, comma separated (0 = not logged in)")))
                    (choice("coupon_type", "Coupon", &COUPON_TYPES, &f.coupon_type))
                    (text("coupon_code", "Coupon code", &f.coupon_code, Some("for a specific coupon")))
                    (check("use_auto_generation", "Use auto generation (also accept generated codes)", f.use_auto_generation))
                    (text("uses_per_coupon", "Uses per coupon", &f.uses_per_coupon, Some("0 = unlimited")))
                    (text("uses_per_customer", "Uses per customer", &f.uses_per_customer, Some("0 = unlimited")))
                    label { "From" input type="date" name="from_date" value=(f.from_date) aria-invalid=[invalid("from_date")]; (error_list("from_date")) }
                    label { "To" input type="date" name="to_date" value=(f.to_date) aria-invalid=[invalid("to_date")]; (error_list("to_date")) }
                    (text("sort_order", "Priority", &f.sort_order, Some("lower runs first")))
                }
            }
            fieldset {
                legend { "Conditions" }
                p.hint { "Apply the rule only if the following conditions are met (leave blank for all carts)." }
                (tree::render_tree(Root::Cart, &e.nodes, &view))
            }
            fieldset {
                legend { "Actions" }
                div.grid {
                    (choice("simple_action", "Apply", &SIMPLE_ACTIONS, &f.simple_action))
                    (text("discount_amount", "Discount amount", &f.discount_amount, Some("percent, amount, or Y of buy X get Y")))
                    (text("discount_qty", "Maximum qty discount is applied to", &f.discount_qty, Some("empty or 0 = no cap")))
                    (text("discount_step", "Discount qty step (buy X)", &f.discount_step, None))
                    (check("apply_to_shipping", "Apply to shipping amount", f.apply_to_shipping))
                    (check("stop_rules_processing", "Discard subsequent rules", f.stop_rules_processing))
                    (text("exclusive_group", "Best-deal group", &f.exclusive_group, Some("of the rules sharing a group, only the best deal for the cart applies; empty = none")))
                    (choice("free_shipping", "Free shipping", &FREE_SHIPPING, &f.free_shipping))
                }
                p.hint { "Apply the rule only to cart items matching the following conditions (leave blank for all items)." }
                (tree::render_tree(Root::Action, &e.nodes, &view))
            }
            fieldset {
                legend { "Labels" }
                div.grid {
                    (text("label_default", "Default rule label for all store views", &f.label_default, None))
                    label { "Store view labels"
                        textarea name="store_labels" rows="3" aria-invalid=[invalid("store_labels")] aria-describedby=[described("store_labels")] placeholder="store code = label" { (f.store_labels) }
                        span.hint { "one \"store code = label\" per line" }
                        (error_list("store_labels"))
                    }
                }
            }
            datalist #product-attributes {
                @for (code, label) in tree::PRODUCT_ATTRIBUTES { option value=(code) { (label) } }
            }
            div.actions {
                @if read_only {
                    p { "Rules come from a read-only rules file (rules.file): they cannot be saved here." }
                    button type="submit" name="op" value="try" { "Try a cart with this draft" }
                } @else {
                    button.primary type="submit" name="op" value="save" { "Save" }
                    button type="submit" name="op" value="try" { "Try a cart with this draft" }
                }
                a href="/rules" { "Back to the rules" }
            }
        }
        @if !is_new && !read_only {
            form.delete method="post" action=(format!("/rules/{}/delete", f.id)) {
                input type="hidden" name="csrf" value=(session.csrf);
                button type="submit" { "Delete this rule" }
            }
        }
        script src="/assets/console.js" defer {}
    }
}

fn editor_page(
    console: &Console,
    session: &Session,
    status: StatusCode,
    editor: &Editor<'_>,
) -> Response {
    let title = if editor.fields.id == 0 {
        "New rule".to_owned()
    } else {
        format!("Rule {}", editor.fields.id)
    };
    (
        status,
        page(
            &title,
            &console.settings,
            Some(session),
            Nav::Rules,
            None,
            render(console, session, editor),
        ),
    )
        .into_response()
}

/// `GET /rules/new`
pub async fn new_rule(State(console): Shared, Signed(session): Signed) -> Response {
    let mut nodes = Vec::new();
    let mut next = 1;
    tree::nodes_of(None, Root::Cart, &mut next, &mut nodes);
    tree::nodes_of(None, Root::Action, &mut next, &mut nodes);
    let editor = Editor::of(Fields::new_rule(&console), nodes);
    editor_page(&console, &session, StatusCode::OK, &editor)
}

fn editor_of(rule: &v1::CartPriceRule) -> Editor<'static> {
    let mut nodes = Vec::new();
    let mut next = 1;
    tree::nodes_of(rule.conditions.as_ref(), Root::Cart, &mut next, &mut nodes);
    tree::nodes_of(
        rule.action_conditions.as_ref(),
        Root::Action,
        &mut next,
        &mut nodes,
    );
    Editor::of(Fields::of_rule(rule), nodes)
}

#[derive(Deserialize, Default)]
pub struct EditQuery {
    #[serde(default)]
    saved: String,
}

/// `GET /rules/{id}`
pub async fn edit_rule(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
    Query(query): Query<EditQuery>,
) -> Response {
    match console.app.get_rule(id).await {
        Ok(rule) => {
            let mut editor = editor_of(&rule);
            editor.saved = query.saved == "1";
            editor_page(&console, &session, StatusCode::OK, &editor)
        }
        Err(e) => error_page(&console, &session, status_of(&e), &e),
    }
}

/// `POST /rules/new`
pub async fn post_new(
    State(console): Shared,
    Signed(session): Signed,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    post_rule(&console, &session, None, pairs).await
}

/// `POST /rules/{id}`
pub async fn post_existing(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    post_rule(&console, &session, Some(id), pairs).await
}

/// A structural edit (re-rendered, nothing saved) or a save.
async fn post_rule(
    console: &Console,
    session: &Session,
    id: Option<u64>,
    pairs: Vec<(String, String)>,
) -> Response {
    let form: HashMap<&str, &str> = pairs
        .iter()
        .rev()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if let Some(refused) = check_csrf(session, form.get("csrf").copied().unwrap_or("")) {
        return refused;
    }
    let mut fields = Fields::of_form(&form);
    if let Some(id) = id {
        fields.id = id;
    } else {
        fields.id = 0;
        fields.version = 0;
    }
    let mut nodes = match tree::nodes_from_form(&pairs, console.app.max_rule_nodes) {
        Ok(nodes) => nodes,
        Err(v) => {
            let mut editor = Editor::of(fields, Vec::new());
            tree::nodes_of(None, Root::Cart, &mut 1, &mut editor.nodes);
            tree::nodes_of(None, Root::Action, &mut 1, &mut editor.nodes);
            editor.place(&[v], &tree::Paths::new());
            return editor_page(console, session, StatusCode::UNPROCESSABLE_ENTITY, &editor);
        }
    };
    let op = form.get("op").copied().unwrap_or("save");
    let (verb, arg) = op.split_once(':').unwrap_or((op, ""));
    match verb {
        "add" => {
            let choice = form
                .get(format!("n.{arg}.new").as_str())
                .copied()
                .unwrap_or("");
            tree::add(&mut nodes, arg, choice);
            editor_page(console, session, StatusCode::OK, &Editor::of(fields, nodes))
        }
        "remove" => {
            tree::remove(&mut nodes, arg);
            editor_page(console, session, StatusCode::OK, &Editor::of(fields, nodes))
        }
        "pick" => {
            if let Some((uid, audience)) = arg.split_once(':') {
                tree::pick(&mut nodes, uid, audience);
            }
            editor_page(console, session, StatusCode::OK, &Editor::of(fields, nodes))
        }
        "choose" => {
            let q = form
                .get(format!("chooser.{arg}").as_str())
                .copied()
                .unwrap_or("");
            let results = match chooser(console, arg, q).await {
                Ok(results) => results,
                Err(e) => return error_page(console, session, status_of(&e), &e),
            };
            let mut editor = Editor::of(fields, nodes);
            editor.chooser = Some((arg, q, results));
            editor_page(console, session, StatusCode::OK, &editor)
        }
        "try" => try_draft(console, session, fields, nodes).await,
        _ => save(console, session, fields, nodes).await,
    }
}

/// The rule the form describes, or the editor showing why it cannot be read.
fn rule_of(fields: Fields, nodes: Vec<Node>) -> Result<v1::CartPriceRule, Box<Editor<'static>>> {
    let mut v = Vec::new();
    let trees = tree::trees_of(&nodes, &mut v);
    let paths = trees.paths.clone();
    let rule = fields.to_rule(trees, &mut v);
    if v.is_empty() {
        return Ok(rule);
    }
    let mut editor = Editor::of(fields, nodes);
    editor.place(&v, &paths);
    Err(Box::new(editor))
}

/// "Try a cart with this draft": the Try page with the draft in place of the stored rule.
/// The draft is checked as a save would check it; nothing is saved.
async fn try_draft(
    console: &Console,
    session: &Session,
    fields: Fields,
    nodes: Vec<Node>,
) -> Response {
    let rule = match rule_of(fields.clone(), nodes.clone()) {
        Ok(rule) => rule,
        Err(editor) => {
            return editor_page(console, session, StatusCode::UNPROCESSABLE_ENTITY, &editor);
        }
    };
    if let Err(e) = console.app.parse_rule(Some(&rule)) {
        let mut editor = Editor::of(fields, nodes);
        let mut v = Vec::new();
        let paths = tree::trees_of(&editor.nodes, &mut v).paths;
        editor.place(&as_violations(&e), &paths);
        return editor_page(console, session, StatusCode::UNPROCESSABLE_ENTITY, &editor);
    }
    let form = crate::try_cart::TryForm::for_draft(&rule);
    crate::try_cart::try_page(console, session, &form, Some(&rule)).await
}

async fn save(console: &Console, session: &Session, fields: Fields, nodes: Vec<Node>) -> Response {
    let rule = match rule_of(fields.clone(), nodes.clone()) {
        Ok(rule) => rule,
        Err(editor) => {
            return editor_page(console, session, StatusCode::UNPROCESSABLE_ENTITY, &editor);
        }
    };
    let mut editor = Editor::of(fields, nodes);
    let paths = {
        let mut v = Vec::new();
        tree::trees_of(&editor.nodes, &mut v).paths
    };
    let saved = if rule.id == 0 {
        console.app.create_rule(Some(&rule), &session.actor()).await
    } else {
        console.app.update_rule(Some(&rule), &session.actor()).await
    };
    match saved {
        Ok(stored) => {
            tracing::info!(
                rule_id = stored.id,
                version = stored.version,
                action = if rule.id == 0 { "create" } else { "update" },
                "console: rule saved"
            );
            Redirect::to(&format!("/rules/{}?saved=1", stored.id)).into_response()
        }
        Err(e) if e.kind() == ErrorKind::Conflict => {
            let id = rule.id;
            let seen = rule.version;
            editor.alert = Some(html! {
                p.error {
                    "Rule " (id) " was changed by someone else after this form was loaded (you started from version "
                    (seen) "). Nothing was saved; your changes are still in the form below."
                }
                p { a href=(format!("/rules/{id}")) target="_blank" { "Open the current rule in a new tab" } " to see what changed, then redo your changes there." }
            });
            editor_page(console, session, StatusCode::CONFLICT, &editor)
        }
        Err(e) => {
            let violations = as_violations(&e);
            if violations.is_empty() {
                editor.alert = Some(html! { p.error { (e.to_string()) } });
            } else {
                editor.place(&violations, &paths);
            }
            editor_page(console, session, status_of(&e), &editor)
        }
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /rules/{id}/delete`
pub async fn delete_rule(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
    Form(form): Form<DeleteForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    match console.app.delete_rule(id, &session.actor()).await {
        Ok(()) => {
            tracing::info!(rule_id = id, action = "delete", "console: rule deleted");
            Redirect::to("/rules").into_response()
        }
        Err(e) => error_page(&console, &session, status_of(&e), &e),
    }
}

async fn chooser(console: &Console, uid: &str, q: &str) -> Result<Markup, AppError> {
    let found = console
        .app
        .list_audiences(&AudienceQuery {
            query: q.trim().to_owned(),
            page_size: CHOOSER_RESULTS,
            ..AudienceQuery::default()
        })
        .await?;
    let rows: Vec<(String, String, String)> = found
        .audiences
        .into_iter()
        .map(|v| {
            (
                v.audience.id,
                v.audience.name,
                v.audience.state.as_str().to_lowercase(),
            )
        })
        .collect();
    Ok(tree::chooser_results(uid, &rows, found.total_size))
}

#[derive(Deserialize, Default)]
pub struct ChooserQuery {
    #[serde(default)]
    node: String,
    #[serde(default)]
    q: String,
}

fn fragment(markup: Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

/// `GET /rules/chooser?node=&q=`: the chooser's results as a fragment (for `console.js`).
pub async fn chooser_fragment(
    State(console): Shared,
    Signed(_): Signed,
    Query(query): Query<ChooserQuery>,
) -> Response {
    if !tree::valid_uid(&query.node) {
        return (StatusCode::BAD_REQUEST, "node: not a node id").into_response();
    }
    match chooser(&console, &query.node, &query.q).await {
        Ok(m) => fragment(m),
        Err(e) => (status_of(&e), e.to_string()).into_response(),
    }
}

#[derive(Deserialize, Default)]
pub struct NodeQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    uid: String,
    #[serde(default)]
    scope: String,
}

/// `GET /rules/node?kind=&parent=&uid=&scope=`: a fresh condition as a fragment (for
/// `console.js`'s Add).
pub async fn node_fragment(Signed(_): Signed, Query(query): Query<NodeQuery>) -> Response {
    if !tree::valid_uid(&query.uid) || !tree::valid_uid(&query.parent) {
        return (StatusCode::BAD_REQUEST, "uid, parent: not node ids").into_response();
    }
    match Node::fresh(&query.kind, &query.uid, &query.parent) {
        Some(node) => fragment(tree::render_fresh(&node, Scope::parse(&query.scope))),
        None => (StatusCode::BAD_REQUEST, "kind: not a condition kind").into_response(),
    }
}
