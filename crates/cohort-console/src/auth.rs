//! The sign-in gate: [`Signed`] extracts the visitor's live session from the
//! `cohort_session` cookie, or answers with a redirect to `/login`. [`check_csrf`] guards
//! every state-changing form.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use cohort_app::membership::same_secret;

use crate::Console;
use crate::sessions::Session;

pub const COOKIE: &str = "cohort_session";

/// A request with a live session.
pub struct Signed(pub Session);

impl FromRequestParts<Arc<Console>> for Signed {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        console: &Arc<Console>,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        jar.get(COOKIE)
            .and_then(|c| console.sessions.get(c.value()))
            .map(Signed)
            .ok_or_else(|| Redirect::to("/login").into_response())
    }
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure under TLS, expiring with the
/// session.
pub fn session_cookie(console: &Console, session: &Session) -> Cookie<'static> {
    let max_age = i64::try_from(console.sessions.ttl().as_secs()).unwrap_or(i64::MAX);
    Cookie::build((COOKIE, session.id.clone()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(console.settings.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age))
        .build()
}

/// The cookie that removes the session cookie.
pub fn cleared_cookie(console: &Console) -> Cookie<'static> {
    let mut c = session_cookie(console, &crate::sessions::placeholder());
    c.make_removal();
    c
}

/// The 403 refusal, unless the form's token is the session's.
pub fn check_csrf(session: &Session, sent: &str) -> Option<Response> {
    if same_secret(&session.csrf, sent) {
        None
    } else {
        Some(
            (
                StatusCode::FORBIDDEN,
                "the form's CSRF token is missing or stale: reload the page and try again",
            )
                .into_response(),
        )
    }
}

/// The name of the admin token `token` is (constant time per token), if it is one.
pub fn admin_name(console: &Console, token: &str) -> Option<String> {
    let tokens = cohort_app::AdminToken::parse_all(&console.settings.admin_tokens);
    cohort_app::audit::admin_name(&tokens, token).map(str::to_owned)
}
