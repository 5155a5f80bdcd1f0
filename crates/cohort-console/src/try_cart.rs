//! `/try`: price a cart against the live rules, as `PriceCart` does, and read the answer:
//! totals, per-line discounts, applied rules, coupon results and the trace (why each rule
//! did or did not apply). The console is an admin door, so the membership typed here counts
//! as a trusted caller's; with an identity and no audience ids, lookup mode looks it up.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use cohort_app::MembershipInput;
use cohort_proto::convert::{membership_to_proto, priced_to_proto};
use cohort_proto::v1;
use maud::{Markup, html};
use serde::Deserialize;

use crate::auth::Signed;
use crate::layout::{Nav, page};
use crate::sessions::Session;
use crate::{Console, Shared};

/// The form; every field is text as typed.
#[derive(Deserialize, Default)]
pub struct TryForm {
    #[serde(default)]
    pub lines: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    customer: String,
    #[serde(default)]
    coupon: String,
    #[serde(default)]
    audiences: String,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    identity: String,
    #[serde(default)]
    shipping: String,
    /// `YYYY-MM-DD`: priced at noon UTC of that day.
    #[serde(default)]
    date: String,
    /// A draft rule as JSON (`POST /try` from the editor).
    #[serde(default)]
    pub draft: String,
}

impl TryForm {
    /// The form the editor opens for a draft: the example lines, the draft's audiences as
    /// the membership (so a member's cart is what is priced first).
    pub fn for_draft(draft: &v1::CartPriceRule) -> TryForm {
        let mut audiences = Vec::new();
        crate::rules::audience_ids(draft.conditions.as_ref(), &mut audiences);
        TryForm {
            lines: EXAMPLE_LINES.to_owned(),
            audiences: audiences.join(", "),
            draft: serde_json::to_string(draft).unwrap_or_default(),
            ..TryForm::default()
        }
    }
}

const EXAMPLE_LINES: &str = "tee, 2, 19.99\nmug, 1, 10";

/// Lines as `sku, qty, unit price[, category ids separated by spaces]`; the error names
/// the line.
fn parse_lines(text: &str, max: usize) -> Result<Vec<v1::LineItem>, String> {
    // The bound first, by counting only: the cart's own checks come after the parse.
    let count = text.lines().filter(|l| !l.trim().is_empty()).count();
    if count > max {
        return Err(format!(
            "lines: at most {max} (limits.max_items), got {count}"
        ));
    }
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(',').map(str::trim).collect();
        if parts.len() < 3 || parts.len() > 4 {
            return Err(format!(
                "line {}: write \"sku, qty, unit price\" (and optionally category ids), got {line:?}",
                n + 1
            ));
        }
        items.push(v1::LineItem {
            line_id: format!("l{}", items.len() + 1),
            sku: parts[0].to_owned(),
            qty: parts[1].to_owned(),
            unit_price: parts[2].to_owned(),
            category_ids: parts
                .get(3)
                .map(|c| c.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    Ok(items)
}

fn request_of(form: &TryForm, max_items: usize) -> Result<v1::PriceCartRequest, String> {
    let evaluated_at = if form.date.trim().is_empty() {
        None
    } else {
        let day = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("date: write YYYY-MM-DD, got {:?}", form.date))?;
        let noon: DateTime<Utc> = day
            .and_hms_opt(12, 0, 0)
            .ok_or("date: not a day")?
            .and_utc();
        Some(cohort_proto::convert::timestamp_from_datetime(noon))
    };
    let or = |v: &str, d: &str| {
        if v.trim().is_empty() {
            d.to_owned()
        } else {
            v.trim().to_owned()
        }
    };
    Ok(v1::PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: or(&form.website, "base"),
            currency: String::new(),
            customer_group_id: or(&form.group, "0"),
            customer_id: form.customer.trim().to_owned(),
            items: parse_lines(&form.lines, max_items)?,
            shipping_amount: form.shipping.trim().to_owned(),
            coupon_codes: Some(form.coupon.trim())
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .into_iter()
                .collect(),
            identity: (!form.identity.trim().is_empty()).then(|| v1::Identity {
                namespace: or(&form.namespace, "ECID"),
                id: form.identity.trim().to_owned(),
            }),
            evaluated_at,
            ..Default::default()
        }),
        explain: true,
        hints: true,
    })
}

/// `GET /try`: the form, and the answer when lines were given.
pub async fn page_try(
    State(console): Shared,
    Signed(session): Signed,
    Query(form): Query<TryForm>,
) -> Response {
    try_page(&console, &session, &form, None).await
}

/// `POST /try`: the same with a draft rule from the editor (`draft`, the rule as JSON), priced
/// as if it were saved. Pricing changes nothing, so no CSRF token is needed.
pub async fn post_try(
    State(console): Shared,
    Signed(session): Signed,
    Form(form): Form<TryForm>,
) -> Response {
    let draft = if form.draft.trim().is_empty() {
        None
    } else {
        match serde_json::from_str::<v1::CartPriceRule>(&form.draft) {
            Ok(rule) => Some(rule),
            Err(e) => {
                return (StatusCode::BAD_REQUEST, format!("draft: not a rule: {e}"))
                    .into_response();
            }
        }
    };
    try_page(&console, &session, &form, draft.as_ref()).await
}

/// The page, with a draft when `POST /try` carried one.
pub async fn try_page(
    console: &Console,
    session: &Session,
    form: &TryForm,
    draft: Option<&v1::CartPriceRule>,
) -> Response {
    let mut status = StatusCode::OK;
    let result: Option<Markup> = if form.lines.trim().is_empty() {
        None
    } else {
        Some(match request_of(form, console.app.limits.max_items) {
            Err(problem) => {
                status = StatusCode::BAD_REQUEST;
                html! { p.error role="alert" { (problem) } }
            }
            Ok(mut request) => {
                // The website decides the currency; send the one it has.
                let website = request
                    .cart
                    .as_ref()
                    .map(|c| c.website_id.clone())
                    .unwrap_or_default();
                let currency = console
                    .app
                    .rules
                    .current()
                    .websites()
                    .get(&website)
                    .base_currency;
                if let Some(cart) = request.cart.as_mut() {
                    cart.currency = currency.code().to_owned();
                }
                let ids: Vec<String> = form
                    .audiences
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                let input = MembershipInput {
                    header: &ids,
                    token: None,
                    trusted: true,
                };
                // With a draft, the cart is simulated (`RuleService/SimulateCart`): the
                // draft's answer, and beside it what changes against the live rules.
                let priced = match draft {
                    None => console
                        .app
                        .price_cart(request, &input, Utc::now())
                        .await
                        .map(|quote| (quote, None)),
                    Some(draft) => console
                        .app
                        .simulate_cart(
                            &v1::SimulateCartRequest {
                                cart: request.cart,
                                audience_ids: ids.clone(),
                                evaluated_at: None,
                                draft_rules: vec![draft.clone()],
                                disabled_rule_ids: vec![],
                            },
                            Utc::now(),
                        )
                        .await
                        .map(|s| {
                            let changes = changes(&s);
                            (s.simulated, Some(changes))
                        }),
                };
                match priced {
                    Ok((quote, changes)) => {
                        let membership = membership_to_proto(quote.membership);
                        html! {
                            @if let Some(changes) = changes { (changes) }
                            (answer(&priced_to_proto(quote.priced), &membership))
                        }
                    }
                    Err(e) => {
                        status = StatusCode::BAD_REQUEST;
                        html! {
                            p.error role="alert" { (e.to_string()) }
                            ul { @for v in e.violations() { li { code { (v.field) } ": " (v.description) } } }
                        }
                    }
                }
            }
        })
    };
    let lines = if form.lines.is_empty() {
        EXAMPLE_LINES
    } else {
        form.lines.as_str()
    };
    let draft_json = draft.and_then(|d| serde_json::to_string(d).ok());
    let body = html! {
        h1 { "Try a cart" }
        @if let Some(d) = draft {
            p.panel role="status" #draft {
                "Priced against the live rules with the draft of "
                @if d.id == 0 { "a new rule" } @else { "rule " (d.id) }
                " “" (d.name) "” in place, as if it were saved. Nothing is saved: go back to the editor to save it."
            }
        }
        form.panel.try method=(if draft.is_some() { "post" } else { "get" }) action="/try" {
            @if let Some(json) = &draft_json { input type="hidden" name="draft" value=(json); }
            label { "Lines: sku, qty, unit price[, category ids]" textarea name="lines" rows="4" cols="50" { (lines) } }
            div.filters {
                label { "Website" input name="website" value=(if form.website.is_empty() { "base" } else { form.website.as_str() }); }
                label { "Customer group" input name="group" value=(if form.group.is_empty() { "0" } else { form.group.as_str() }); }
                label { "Customer id" input name="customer" value=(form.customer); }
                label { "Coupon" input name="coupon" value=(form.coupon); }
                label { "Shipping amount" input name="shipping" value=(form.shipping); }
                label { "Date (YYYY-MM-DD)" input name="date" value=(form.date); }
            }
            div.filters {
                label { "Audience ids (comma-separated)" input name="audiences" size="50" value=(form.audiences); }
                label { "Identity namespace" input name="namespace" value=(if form.namespace.is_empty() { "ECID" } else { form.namespace.as_str() }); }
                label { "Identity id (looked up in lookup mode)" input name="identity" value=(form.identity); }
            }
            button.primary type="submit" { "Price" }
        }
        @if let Some(result) = result { section #result aria-live="polite" { (result) } }
    };
    (
        status,
        page(
            "Try a cart",
            &console.settings,
            Some(session),
            Nav::Try,
            None,
            body,
        ),
    )
        .into_response()
}

fn outcome_name(outcome: i32) -> String {
    v1::RuleOutcome::try_from(outcome)
        .map(|o| {
            o.as_str_name()
                .trim_start_matches("RULE_OUTCOME_")
                .replace('_', " ")
                .to_lowercase()
        })
        .unwrap_or_else(|_| outcome.to_string())
}

/// What the draft changes against the live rules: totals, lines and rules, each live,
/// with the draft, and the difference.
fn changes(s: &cohort_app::Simulation) -> Markup {
    let c = s.live.priced.currency;
    let m = |d| c.format(d);
    let (live, sim) = (&s.live.priced, &s.simulated.priced);
    let name = |id: u64| {
        sim.applied_rules
            .iter()
            .chain(&live.applied_rules)
            .find(|a| a.rule_id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    html! {
        div.panel #changes {
            h2 { "Against the live rules" }
            table #change-totals {
                thead { tr { th { "" } th { "Live" } th { "With the draft" } th { "Change" } } }
                tbody {
                    tr { th scope="row" { "Discount total" } td { (m(live.discount_total)) } td { (m(sim.discount_total)) } td #discount-delta { (m(s.comparison.discount_total_delta)) } }
                    tr { th scope="row" { "Grand total" } td { (m(live.grand_total)) } td { (m(sim.grand_total)) } td #grand-delta { (m(s.comparison.grand_total_delta)) } }
                }
            }
            table #change-lines {
                thead { tr { th { "Line" } th { "Live discount" } th { "With the draft" } th { "Change" } } }
                tbody { @for l in &s.comparison.lines { tr {
                    td { (l.line_id) } td { (m(l.live)) } td { (m(l.simulated)) } td { (m(l.simulated - l.live)) }
                } } }
            }
            table #change-rules {
                thead { tr { th { "Rule" } th { "Live" } th { "With the draft" } th { "Change" } } }
                tbody { @for r in &s.comparison.rules { tr {
                    td { (r.rule_id) " " (name(r.rule_id)) @if s.draft_rule_ids.contains(&r.rule_id) { " (draft)" } }
                    td { (m(r.live)) } td { (m(r.simulated)) } td { (m(r.simulated - r.live)) }
                } } }
            }
        }
    }
}

fn answer(r: &v1::PriceCartResponse, m: &v1::Membership) -> Markup {
    let source = v1::MembershipSource::try_from(m.source)
        .map(|s| {
            s.as_str_name()
                .trim_start_matches("MEMBERSHIP_SOURCE_")
                .to_lowercase()
        })
        .unwrap_or_default();
    html! {
        div.panel {
            h2 { "Totals (" (r.currency) ")" }
            table #totals {
                tbody {
                    tr { th scope="row" { "Subtotal" } td { (r.subtotal) } }
                    tr { th scope="row" { "Item discounts" } td { (r.item_discount_total) } }
                    tr { th scope="row" { "Shipping" } td { (r.shipping_amount) } }
                    tr { th scope="row" { "Shipping discount" } td { (r.shipping_discount) } }
                    tr { th scope="row" { "Discount total" } td #discount-total { (r.discount_total) } }
                    tr { th scope="row" { "Grand total" } td #grand-total { strong { (r.grand_total) } } }
                }
            }
            p #membership { "Membership from " strong { (source) } ": "
                @if m.audience_ids.is_empty() { "no audiences" } @else { (m.audience_ids.join(", ")) }
                @if !m.note.is_empty() { " (" (m.note) ")" }
            }
        }
        div.panel {
            h2 { "Lines" }
            table #lines {
                thead { tr { th { "Line" } th { "Row total" } th { "Discount" } th { "After discount" } th { "By rule" } } }
                tbody { @for l in &r.lines { tr {
                    td { (l.line_id) } td { (l.row_total) } td { (l.discount_amount) } td { (l.row_total_after_discount) }
                    td { @for d in &l.discounts { (d.label) " (rule " (d.rule_id) "): " (d.amount) br; } }
                } } }
            }
        }
        @if !r.hints.is_empty() {
            div.panel { h2 { "Near misses" }
                ul #hints { @for h in &r.hints { li {
                    "Add " strong { (h.missing) } " to the " (h.attribute.replace('_', " "))
                    " for " strong { (h.label) } " (rule " (h.rule_id) ")"
                } } }
            }
        }
        @if !r.coupons.is_empty() {
            div.panel { h2 { "Coupons" }
                ul { @for c in &r.coupons { li { code { (c.code) } ": " (c.message) } } }
            }
        }
        div.panel {
            h2 { "Why each rule did or did not apply" }
            table #trace {
                thead { tr { th { "Rule" } th { "Outcome" } th { "Failed condition" } th { "Detail" } } }
                tbody { @for t in &r.trace { tr {
                    td { (t.rule_id) } td { (outcome_name(t.outcome)) }
                    td { @if t.failed_condition_path.is_empty() { "—" } @else { (t.failed_condition_path) } }
                    td { (t.detail) }
                } } }
            }
        }
    }
}
