//! A small admin API under `/_fake/` so a test driving the binary (not the library) can
//! inject faults, swap the audience set and read counters. It is unauthenticated: the fake
//! is a test tool bound to loopback.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State as AxumState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::faults::{Fault, Scope};
use crate::state::State;

type Shared = AxumState<Arc<State>>;

#[derive(Deserialize)]
pub(crate) struct InjectRequest {
    scope: Scope,
    fault: Fault,
    #[serde(default = "one")]
    times: u32,
}

fn one() -> u32 {
    1
}

/// `POST /_fake/faults {"scope": "list", "fault": {"kind": "rate_limited", "retry_after_secs": 1}, "times": 2}`
pub(crate) async fn inject(
    AxumState(state): Shared,
    Json(request): Json<InjectRequest>,
) -> Response {
    state.arm(request.scope, request.fault, request.times);
    (StatusCode::OK, Json(json!({"armed": state.armed_faults()}))).into_response()
}

/// `GET /_fake/faults`
pub(crate) async fn faults(AxumState(state): Shared) -> Response {
    Json(json!({"armed": state.armed_faults()})).into_response()
}

/// `DELETE /_fake/faults`
pub(crate) async fn clear(AxumState(state): Shared) -> StatusCode {
    state.clear_faults();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(crate) struct AudiencesRequest {
    #[serde(flatten)]
    body: Value,
    /// Replace only after this many more list requests (to change the set mid-paging).
    #[serde(default)]
    after_list_requests: Option<u64>,
}

/// `PUT /_fake/audiences` with `{"children": [...]}` (optionally `"after_list_requests": n`)
/// or a bare array.
pub(crate) async fn put_audiences(AxumState(state): Shared, Json(body): Json<Value>) -> Response {
    let (audiences, after) = match body {
        Value::Array(items) => (items, None),
        other => match serde_json::from_value::<AudiencesRequest>(other) {
            Ok(request) => match crate::audiences_from_json(request.body) {
                Ok(items) => (items, request.after_list_requests),
                Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
            },
            Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        },
    };
    let count = audiences.len();
    match after {
        Some(n) => state.replace_audiences_after(n, audiences),
        None => state.set_audiences(audiences),
    }
    Json(json!({"audiences": count})).into_response()
}

/// `POST /_fake/tokens/expire`: every token issued so far is now expired.
pub(crate) async fn expire_tokens(AxumState(state): Shared) -> StatusCode {
    state.expire_tokens();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(crate) struct SettingsRequest {
    token_ttl_secs: Option<u64>,
    next_as_integer: Option<bool>,
}

/// `POST /_fake/settings {"token_ttl_secs": 2, "next_as_integer": true}`
pub(crate) async fn settings(
    AxumState(state): Shared,
    Json(request): Json<SettingsRequest>,
) -> StatusCode {
    if let Some(secs) = request.token_ttl_secs {
        state.set_token_ttl(Duration::from_secs(secs));
    }
    if let Some(yes) = request.next_as_integer {
        state.set_next_as_integer(yes);
    }
    StatusCode::NO_CONTENT
}

/// `GET /_fake/stats`
pub(crate) async fn stats(AxumState(state): Shared) -> Response {
    Json(state.stats()).into_response()
}

/// `PUT /_fake/profiles {"profiles": [{"namespace", "id", "audiences": [...]}]}`
pub(crate) async fn put_profiles(AxumState(state): Shared, Json(body): Json<Value>) -> Response {
    let profiles = body
        .get("profiles")
        .cloned()
        .map(serde_json::from_value::<Vec<crate::profiles::Profile>>);
    match profiles {
        Some(Ok(profiles)) => {
            let count = profiles.len();
            state.set_profiles(profiles);
            Json(json!({"profiles": count})).into_response()
        }
        _ => (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "expected {\"profiles\": [{\"namespace\", \"id\", \"audiences\"}]}"})),
        )
            .into_response(),
    }
}
