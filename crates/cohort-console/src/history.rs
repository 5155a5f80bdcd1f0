//! `/rules/{id}/history`: a rule's audit trail (who changed what, through which door, when)
//! with a Restore button on every recorded version, which writes it back through
//! `App::restore_rule` (recorded as this session's actor).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use cohort_app::audit::{ChangeQuery, change_text};
use maud::html;
use serde::Deserialize;

use crate::Shared;
use crate::auth::{Signed, check_csrf};
use crate::layout::{Nav, page};
use crate::pages::{error_page, status_of};

/// Entries shown: the newest 100 (the CLI and gRPC page further).
const SHOWN: u32 = 100;

/// `GET /rules/{id}/history`
pub async fn history(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
) -> Response {
    let found = match console
        .app
        .list_rule_changes(&ChangeQuery {
            rule_id: id,
            page_size: SHOWN,
            page_token: String::new(),
        })
        .await
    {
        Ok(found) => found,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    let read_only = console.app.rules.read_only();
    let body = html! {
        h1 { "History of rule " (id) }
        p { a href=(format!("/rules/{id}")) { "Edit the rule" } " · " a href="/rules" { "All rules" } }
        @if found.changes.is_empty() {
            p.panel { "No change of this rule is recorded." }
        } @else {
            table #history {
                thead { tr {
                    th scope="col" { "When" } th scope="col" { "Action" } th scope="col" { "Version" }
                    th scope="col" { "Who" } th scope="col" { "Changed" } th scope="col" { span.visually-hidden { "Restore" } }
                } }
                tbody { @for c in &found.changes {
                    @let text = change_text(c);
                    tr id=(format!("change-{}", c.id)) {
                        td { (text.when) }
                        td { (text.action) }
                        td { (c.version) }
                        td { (c.actor) " " span.muted { "(" (text.door) ")" } }
                        td { (text.changed) }
                        td {
                            @if c.after.is_some() && !read_only {
                                form method="post" action=(format!("/rules/{id}/restore")) {
                                    input type="hidden" name="csrf" value=(session.csrf);
                                    input type="hidden" name="version" value=(c.version);
                                    button type="submit" { "Restore version " (c.version) }
                                }
                            }
                        }
                    }
                } }
            }
            @if !found.next_page_token.is_empty() {
                p.muted { "Older entries: cohort rules history " (id) " --limit 500" }
            }
        }
    };
    page(
        "Rule history",
        &console.settings,
        Some(&session),
        Nav::Rules,
        None,
        body,
    )
    .into_response()
}

#[derive(Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: u64,
}

/// `POST /rules/{id}/restore`: the recorded version back as the rule's next one.
pub async fn restore(
    State(console): Shared,
    Signed(session): Signed,
    Path(id): Path<u64>,
    Form(form): Form<RestoreForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    match console
        .app
        .restore_rule(id, form.version, &session.actor())
        .await
    {
        Ok(rule) => {
            tracing::info!(
                rule_id = id,
                version = form.version,
                "console: rule restored"
            );
            Redirect::to(&format!("/rules/{}/history", rule.id)).into_response()
        }
        Err(e) => error_page(&console, &session, status_of(&e), &e),
    }
}
