//! `/rules`: the rule list (name, active, dates, priority, coupon, audiences, times used),
//! its filters (active only, audience, coupon), and activate/deactivate with the version
//! the page showed, so a concurrent change is a conflict explained, not a lost write.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use cohort_app::ErrorKind;
use cohort_app::rules::RuleQuery;
use maud::html;
use serde::Deserialize;

use crate::Shared;
use crate::auth::{Signed, check_csrf};
use crate::layout::{Nav, page};
use crate::pages::{encode, error_page, status_of};

const PAGE_SIZE: u32 = 50;

/// Every audience id a condition tree names, in order, once each.
pub fn audience_ids(condition: Option<&cohort_proto::v1::Condition>, out: &mut Vec<String>) {
    use cohort_proto::v1::condition::Kind;
    let Some(kind) = condition.and_then(|c| c.kind.as_ref()) else {
        return;
    };
    let children = match kind {
        Kind::Audience(a) => {
            for id in &a.audience_ids {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
            return;
        }
        Kind::Combine(c) => &c.conditions,
        Kind::ProductFound(f) => &f.conditions,
        Kind::ProductSubselect(s) => &s.conditions,
        Kind::Address(_) | Kind::Product(_) => return,
    };
    for child in children {
        audience_ids(Some(child), out);
    }
}

fn rule_audiences(rule: &cohort_proto::v1::CartPriceRule) -> Vec<String> {
    let mut out = Vec::new();
    audience_ids(rule.conditions.as_ref(), &mut out);
    audience_ids(rule.action_conditions.as_ref(), &mut out);
    out
}

#[derive(Deserialize, Default)]
pub struct RulesQuery {
    #[serde(default)]
    active: String,
    #[serde(default)]
    audience: String,
    #[serde(default)]
    coupon: String,
    #[serde(default)]
    page: String,
}

/// `GET /rules`
pub async fn list(
    State(console): Shared,
    Signed(session): Signed,
    Query(query): Query<RulesQuery>,
) -> Response {
    let active_only = query.active == "1";
    let search = RuleQuery {
        active_only,
        audience_id: query.audience.trim().to_owned(),
        coupon_code: query.coupon.trim().to_owned(),
        page_size: PAGE_SIZE,
        page_token: query.page.clone(),
    };
    let found = match console.app.list_rules(&search).await {
        Ok(found) => found,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    let next = (!found.next_page_token.is_empty()).then(|| {
        format!(
            "/rules?active={}&audience={}&coupon={}&page={}",
            encode(&query.active),
            encode(&query.audience),
            encode(&query.coupon),
            encode(&found.next_page_token)
        )
    });
    let read_only = console.app.rules.read_only();
    let body = html! {
        h1 { "Cart price rules" }
        @if !read_only { p { a.button.primary href="/rules/new" { "Add New Rule" } } }
        @if read_only {
            p.panel { "Rules come from a read-only rules file (rules.file): they cannot be changed here." }
        }
        form.filters method="get" action="/rules" role="search" {
            label { "Audience id" input type="search" name="audience" value=(query.audience); }
            label { "Coupon code" input type="search" name="coupon" value=(query.coupon); }
            label.inline { input type="checkbox" name="active" value="1" checked[active_only]; "Active only" }
            button type="submit" { "Filter" }
        }
        table #rules {
            thead { tr {
                th scope="col" { "Priority" } th scope="col" { "Name" } th scope="col" { "Active" }
                th scope="col" { "From" } th scope="col" { "To" } th scope="col" { "Coupon" }
                th scope="col" { "Audiences" } th scope="col" { "Times used" } th scope="col" { span.visually-hidden { "Actions" } }
            } }
            tbody {
                @for rule in &found.rules {
                    @let audiences = rule_audiences(rule);
                    tr id=(format!("rule-{}", rule.id)) {
                        td { (rule.sort_order) }
                        td { a href=(format!("/rules/{}", rule.id)) { (rule.name) } br; span.id { "rule " (rule.id) } " · " a href=(format!("/coupons?rule={}", rule.id)) { "coupons" } " · " a href=(format!("/rules/{}/history", rule.id)) { "history" } }
                        td { @if rule.active { span.state.state-active { "active" } } @else { span.state { "inactive" } } }
                        td { @if rule.from_date.is_empty() { "—" } @else { (rule.from_date) } }
                        td { @if rule.to_date.is_empty() { "—" } @else { (rule.to_date) } }
                        td { @if rule.coupon_code.is_empty() { @if rule.use_auto_generation { "generated codes" } @else { "—" } } @else { code { (rule.coupon_code) } } }
                        td { @if audiences.is_empty() { "—" } @for id in &audiences { span.id { (id) } br; } }
                        td { (rule.times_used) }
                        td {
                            @if !read_only {
                                form method="post" action=(format!("/rules/{}/active", rule.id)) {
                                    input type="hidden" name="csrf" value=(session.csrf);
                                    input type="hidden" name="version" value=(rule.version);
                                    input type="hidden" name="active" value=(if rule.active { "0" } else { "1" });
                                    button type="submit" { @if rule.active { "Deactivate" } @else { "Activate" } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if found.rules.is_empty() { p { "No rule matches." } }
        div.pager { @if let Some(next) = next { a href=(next) rel="next" { "Next page" } } }
    };
    page(
        "Rules",
        &console.settings,
        Some(&session),
        Nav::Rules,
        None,
        body,
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct ActiveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: u64,
    #[serde(default)]
    active: String,
}

/// `POST /rules/{id}/active`: `UpdateRule` with the rule as read and the version the page
/// showed.
pub async fn set_active(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
    Form(form): Form<ActiveForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    let mut rule = match console.app.get_rule(id).await {
        Ok(rule) => rule,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    rule.active = form.active == "1";
    rule.version = form.version;
    match console.app.update_rule(Some(&rule), &session.actor()).await {
        Ok(_) => Redirect::to(&format!("/rules#rule-{id}")).into_response(),
        Err(e) if e.kind() == ErrorKind::Conflict => {
            let body = html! {
                h1 { "The rule changed in the meantime" }
                div.panel {
                    p.error role="alert" {
                        "Rule " (id) " was changed by someone else after this page was loaded (you saw version "
                        (form.version) "). Nothing was saved."
                    }
                    p { a href="/rules" { "Reload the rules" } " and try again." }
                }
            };
            (
                StatusCode::CONFLICT,
                page(
                    "Conflict",
                    &console.settings,
                    Some(&session),
                    Nav::Rules,
                    None,
                    body,
                ),
            )
                .into_response()
        }
        Err(e) => error_page(&console, &session, status_of(&e), &e),
    }
}
