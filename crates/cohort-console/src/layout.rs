//! The page frame (header, navigation, open-console banner, sign-out) and the embedded
//! stylesheet: every asset is in the binary, nothing comes from a CDN.

use axum::http::header;
use axum::response::IntoResponse;
use maud::{DOCTYPE, Markup, html};

use crate::Settings;
use crate::sessions::Session;

const STYLESHEET: &str = include_str!("../assets/console.css");
const SCRIPT: &str = include_str!("../assets/console.js");

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLESHEET,
    )
}

/// Which navigation entry is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Audiences,
    Rules,
    Try,
    None,
}

/// A whole page: `title`, the signed-in frame around `body`. `refresh_secs` reloads the
/// page (a sync in progress).
pub fn page(
    title: &str,
    settings: &Settings,
    session: Option<&Session>,
    nav: Nav,
    refresh_secs: Option<u32>,
    body: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(secs) = refresh_secs {
                    meta http-equiv="refresh" content=(secs);
                }
                title { (title) " · Cohort" }
                link rel="stylesheet" href="/assets/console.css";
            }
            body {
                @if settings.open() {
                    div.banner role="status" {
                        "This console is open: no admin token is configured and auth.admin_open is set, so anyone who reaches it can change rules."
                    }
                }
                header {
                    span.brand { "Cohort" }
                    @if let Some(session) = session {
                        nav aria-label="Main" {
                            a href="/audiences" aria-current=[(nav == Nav::Audiences).then_some("page")] { "Audiences" }
                            a href="/rules" aria-current=[(nav == Nav::Rules).then_some("page")] { "Rules" }
                            a href="/try" aria-current=[(nav == Nav::Try).then_some("page")] { "Try a cart" }
                        }
                        form method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(session.csrf);
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}
