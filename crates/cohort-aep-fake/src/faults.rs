//! Faults the fake can be told to produce, each for the next N matching requests. They are
//! plain data (serde) so the binary's admin endpoint can take them as JSON.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Which requests a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// `POST /ims/token/v3`
    Token,
    /// Every platform call.
    Platform,
    /// The two listing endpoints only.
    List,
    /// `GET /data/core/ups/audiences/{id}` only.
    Get,
    /// The membership look-ups: `POST /ee/v2/interact` and
    /// `GET /data/core/ups/access/entities`.
    Lookup,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// 429 with `Retry-After: <secs>` when given, else with no hint at all.
    RateLimited { retry_after_secs: Option<u64> },
    /// 429 with the throttler's array body carrying `retryAfterMs`, and no header.
    RateLimitedBody { retry_after_ms: u64 },
    /// A 5xx (or any status) with a gateway-style body.
    ServerError { status: u16 },
    /// Waits, then answers normally.
    Slow { delay_ms: u64 },
    /// 200 with a truncated JSON body.
    MalformedJson,
    /// 200 with a valid JSON body of about `bytes` bytes.
    Oversized { bytes: usize },
    /// 401 `401013 Oauth token is not valid` whatever token was sent.
    InvalidToken,
}

impl Fault {
    pub fn slow(delay: Duration) -> Self {
        Self::Slow {
            delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
        }
    }
}

/// A fault armed for `remaining` more requests in `scope`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArmedFault {
    pub scope: Scope,
    pub fault: Fault,
    pub remaining: u32,
}

/// What a fault turns into: a ready response, or a delay before the normal one.
pub(crate) enum Outcome {
    Respond(Response),
    Delay(Duration),
}

pub(crate) fn outcome(fault: &Fault) -> Outcome {
    match fault {
        Fault::RateLimited { retry_after_secs } => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                axum::Json(json!({"error_code": "429001", "message": "Too many requests"})),
            )
                .into_response();
            if let Some(secs) = retry_after_secs {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(*secs));
            }
            Outcome::Respond(response)
        }
        Fault::RateLimitedBody { retry_after_ms } => Outcome::Respond(
            (
                StatusCode::TOO_MANY_REQUESTS,
                axum::Json(json!([{
                    "message": "Too many requests, please retry later",
                    "cause": "rate limit exceeded",
                    "retryAfterMs": retry_after_ms.to_string(),
                    "statusCode": 429
                }])),
            )
                .into_response(),
        ),
        Fault::ServerError { status } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Outcome::Respond(
                (
                    status,
                    axum::Json(json!({
                        "error_code": format!("{}", status.as_u16()),
                        "message": status.canonical_reason().unwrap_or("Server error")
                    })),
                )
                    .into_response(),
            )
        }
        Fault::Slow { delay_ms } => Outcome::Delay(Duration::from_millis(*delay_ms)),
        Fault::MalformedJson => Outcome::Respond(
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                r#"{"children": [{"id": "6f3b9c2e-8d41-4a7f"#,
            )
                .into_response(),
        ),
        Fault::Oversized { bytes } => {
            let body = format!(r#"{{"children": [], "padding": "{}"}}"#, "x".repeat(*bytes));
            Outcome::Respond(
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    body,
                )
                    .into_response(),
            )
        }
        Fault::InvalidToken => Outcome::Respond(crate::routes::gateway_error(
            StatusCode::UNAUTHORIZED,
            "401013",
            "Oauth token is not valid",
        )),
    }
}
