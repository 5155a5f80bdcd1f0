//! One handler per page or form. Each action is one `App` call, exactly as gRPC makes it.

use std::time::Duration;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use chrono::{DateTime, Utc};
use cohort_app::audiences::AudienceQuery;
use cohort_app::{AppError, ErrorKind};
use cohort_domain::{AudienceState, Named, SyncStatus};
use maud::{Markup, html};
use serde::Deserialize;

use crate::Shared;
use crate::auth::{Signed, admin_name, check_csrf, cleared_cookie, session_cookie};
use crate::layout::{Nav, page};
use crate::sessions::Session;

/// How long Sync now waits for the run before showing it as running.
const SYNC_WAIT: Duration = Duration::from_secs(3);
const PAGE_SIZE: u32 = 50;

pub async fn home() -> Redirect {
    Redirect::to("/audiences")
}

fn login_page(console: &crate::Console, error: Option<&str>) -> Markup {
    let closed = console.settings.admin_tokens.is_empty() && !console.settings.admin_open;
    page(
        "Sign in",
        &console.settings,
        None,
        Nav::None,
        None,
        html! {
            div.login.panel {
                h1 { "Sign in" }
                @if closed {
                    p.error role="alert" {
                        "The console is closed: no admin token is configured (auth.admin_tokens)."
                    }
                }
                @if let Some(error) = error {
                    p.error role="alert" { (error) }
                }
                form method="post" action="/login" {
                    label for="token" { "Admin token" }
                    input id="token" name="token" type="password" autocomplete="current-password" required autofocus;
                    button.primary type="submit" { "Sign in" }
                }
            }
        },
    )
}

/// `GET /login`: the form; an open console signs the visitor in at once.
pub async fn login_form(State(console): Shared, jar: CookieJar) -> Response {
    if console.settings.open() {
        return signed_in(&console, jar, cohort_app::audit::ANONYMOUS);
    }
    login_page(&console, None).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    token: String,
}

/// `POST /login`: an admin token opens a session.
pub async fn login(
    State(console): Shared,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let Some(actor) = admin_name(&console, &form.token) else {
        tracing::info!("console sign-in refused");
        return (
            StatusCode::UNAUTHORIZED,
            login_page(&console, Some("That token is not an admin token.")),
        )
            .into_response();
    };
    tracing::info!(actor = %actor, "console sign-in");
    signed_in(&console, jar, &actor)
}

/// A new session for `actor`: its cookie, and on to the dashboard.
fn signed_in(console: &crate::Console, jar: CookieJar, actor: &str) -> Response {
    match console.sessions.create(actor) {
        Some(session) => (
            jar.add(session_cookie(console, &session)),
            Redirect::to("/audiences"),
        )
            .into_response(),
        None => unavailable(),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`
pub async fn logout(
    State(console): Shared,
    Signed(session): Signed,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    console.sessions.remove(&session.id);
    (jar.add(cleared_cookie(&console)), Redirect::to("/login")).into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "no randomness for a session; try again",
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub struct AudiencesQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    page: String,
}

const ORDERS: [(&str, &str); 4] = [
    ("name", "Name A–Z"),
    ("name desc", "Name Z–A"),
    ("updated_at desc", "Recently updated"),
    ("updated_at", "Least recently updated"),
];

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "—".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// A day, or a dash.
pub(crate) fn when_date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// An app error as a page: field violations named, the rest by kind.
pub(crate) fn error_page(
    console: &crate::Console,
    session: &Session,
    status: StatusCode,
    error: &AppError,
) -> Response {
    let body = html! {
        h1 { "That did not work" }
        div.panel {
            p.error role="alert" { (error.to_string()) }
            @for v in error.violations() {
                p { code { (v.field) } ": " (v.description) }
            }
            p { a href="/audiences" { "Back to the audiences" } }
        }
    };
    (
        status,
        page(
            "Error",
            &console.settings,
            Some(session),
            Nav::None,
            None,
            body,
        ),
    )
        .into_response()
}

pub(crate) fn status_of(error: &AppError) -> StatusCode {
    match error.kind() {
        ErrorKind::Invalid => StatusCode::BAD_REQUEST,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict | ErrorKind::AlreadyExists => StatusCode::CONFLICT,
        ErrorKind::FailedPrecondition => StatusCode::CONFLICT,
        ErrorKind::Exhausted => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// `GET /audiences`: the dashboard.
pub async fn audiences(
    State(console): Shared,
    Signed(session): Signed,
    Query(query): Query<AudiencesQuery>,
) -> Response {
    let states: Vec<AudienceState> = AudienceState::parse(&query.state).into_iter().collect();
    let order = if ORDERS.iter().any(|(o, _)| *o == query.order) {
        query.order.clone()
    } else {
        "name".to_owned()
    };
    let search = AudienceQuery {
        query: query.q.clone(),
        states,
        order_by: order.clone(),
        page_size: PAGE_SIZE,
        page_token: query.page.clone(),
        ..AudienceQuery::default()
    };
    let found = match console.app.list_audiences(&search).await {
        Ok(found) => found,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    let run = match console.app.latest_sync_run().await {
        Ok(run) => run,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    let running = run
        .as_ref()
        .is_some_and(|r| r.status == SyncStatus::Running);
    let sync_available = console.app.syncer.is_configured();
    let next = (!found.next_page_token.is_empty()).then(|| {
        format!(
            "/audiences?q={}&state={}&order={}&page={}",
            encode(&query.q),
            encode(&query.state),
            encode(&order),
            encode(&found.next_page_token)
        )
    });
    let body = html! {
        h1 { "Audiences" }
        section.panel aria-labelledby="sync-title" {
            h2 #sync-title { "Experience Platform sync" }
            @match &run {
                None => p { "No sync has run yet." },
                Some(run) => p #last-sync {
                    "Last run " (run.id) ": "
                    strong class=(format!("sync-{}", run.status.as_str().to_lowercase())) { (run.status.as_str().to_lowercase()) }
                    ", started " (when(Some(run.started_at)))
                    @if let Some(done) = run.finished_at { ", finished " (when(Some(done))) }
                    ". Created " (run.counts.created) ", updated " (run.counts.updated)
                    ", deleted " (run.counts.deleted) ", unchanged " (run.counts.unchanged) "."
                    @if !run.error.is_empty() { br; span.error { (run.error) } }
                },
            }
            @if sync_available {
                form method="post" action="/audiences/sync" {
                    input type="hidden" name="csrf" value=(session.csrf);
                    button.primary type="submit" disabled[running] { @if running { "Sync running…" } @else { "Sync now" } }
                }
            } @else {
                p { "Experience Platform is not configured (the aep section): audiences come from " code { "cohort audiences import" } "." }
            }
        }
        form.filters method="get" action="/audiences" role="search" {
            label { "Search id, name or description" input type="search" name="q" value=(query.q); }
            label { "State"
                select name="state" {
                    option value="" selected[query.state.is_empty()] { "Any" }
                    @for (state, name) in AudienceState::NAMES {
                        option value=(name) selected[query.state.eq_ignore_ascii_case(name)] { (format!("{state:?}")) }
                    }
                }
            }
            label { "Sort"
                select name="order" {
                    @for (value, text) in ORDERS {
                        option value=(value) selected[order == value] { (text) }
                    }
                }
            }
            button type="submit" { "Search" }
        }
        p { (found.total_size) " audience" @if found.total_size != 1 { "s" } }
        table #audiences {
            thead { tr { th scope="col" { "Name" } th scope="col" { "State" } th scope="col" { "Updated in AEP" } th scope="col" { "Used by rules" } } }
            tbody {
                @for view in &found.audiences {
                    tr {
                        td { (view.audience.name) br; span.id { (view.audience.id) } }
                        td { span class=(format!("state state-{}", view.audience.state.as_str().to_lowercase())) { (view.audience.state.as_str().to_lowercase()) } }
                        td { (when(view.audience.updated_at)) }
                        td {
                            @if view.rule_ids.is_empty() { "—" }
                            @for id in &view.rule_ids { a href=(format!("/rules?audience={}#rule-{id}", encode(&view.audience.id))) { "rule " (id) } " " }
                        }
                    }
                }
            }
        }
        div.pager {
            @if let Some(next) = next { a href=(next) rel="next" { "Next page" } }
        }
    };
    page(
        "Audiences",
        &console.settings,
        Some(&session),
        Nav::Audiences,
        running.then_some(2),
        body,
    )
    .into_response()
}

/// `POST /audiences/sync`: one run, waited for a few seconds; the dashboard shows it
/// (reloading itself while it runs).
pub async fn sync_now(
    State(console): Shared,
    Signed(session): Signed,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    match console.app.sync_audiences(SYNC_WAIT).await {
        Ok(_) => Redirect::to("/audiences").into_response(),
        Err(e) => error_page(&console, &session, status_of(&e), &e),
    }
}

/// Percent-encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}
