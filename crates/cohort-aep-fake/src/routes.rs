//! Adobe's endpoints as AEP.md describes them: the IMS token, the audiences API (list and
//! get) and the legacy segment definitions, behind the gateway's header and credential
//! checks. The fake is deliberately stricter than Adobe in one way: it also requires
//! `x-request-id`, so a client that stops sending it fails here first.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::faults::{Outcome, Scope, outcome};
use crate::state::{State, TokenCheck};

type Shared = AxumState<Arc<State>>;

/// The largest `limit` the fake honours; larger requests get this many.
const MAX_LIMIT: usize = 1000;
const DEFAULT_LIMIT: usize = 20;

pub(crate) fn gateway_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error_code": code, "message": message})),
    )
        .into_response()
}

fn service_error(status: StatusCode, code: &str, title: &str, message: &str) -> Response {
    let body = json!({
        "requestId": "fake-request",
        "errors": { status.as_u16().to_string(): [{"code": code, "message": message}] },
        "type": format!("http://ns.adobe.com/aep/errors/{code}"),
        "title": title,
        "status": status.as_u16(),
    });
    (status, Json(body)).into_response()
}

fn ims_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// Applies the first armed fault for `scopes`: either a ready response or a delay.
async fn apply_fault(state: &State, scopes: &[Scope]) -> Option<Response> {
    match outcome(&state.take_fault(scopes)?) {
        Outcome::Respond(response) => Some(response),
        Outcome::Delay(delay) => {
            tokio::time::sleep(delay).await;
            None
        }
    }
}

pub(crate) async fn token(
    AxumState(state): Shared,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    state.counters.token_requests.fetch_add(1, Ordering::SeqCst);
    if let Some(response) = apply_fault(&state, &[Scope::Token]).await {
        return response;
    }
    let Ok(Form(form)) = form else {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "the body must be application/x-www-form-urlencoded",
        );
    };
    let field = |key: &str| form.get(key).map(String::as_str).unwrap_or_default();
    if field("grant_type") != "client_credentials" {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    if field("client_id").is_empty() {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_id is missing",
        );
    }
    if field("client_id") != state.client_id {
        return ims_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "invalid client_id parameter",
        );
    }
    if field("client_secret") != state.client_secret {
        return ims_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "invalid client_secret parameter",
        );
    }
    if field("scope").trim().is_empty() {
        return ims_error(StatusCode::BAD_REQUEST, "invalid_scope", "scope is missing");
    }
    let (access_token, expires_in) = state.issue_token();
    tracing::debug!(expires_in, "fake IMS issued a token");
    Json(json!({"access_token": access_token, "token_type": "bearer", "expires_in": expires_in}))
        .into_response()
}

/// The gateway's checks, in the order Adobe's gateway reports them.
/// `Some(response)` is the gateway's refusal.
fn check_platform_headers(state: &State, headers: &HeaderMap) -> Option<Response> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let bearer = header("authorization").and_then(|v| {
        v.strip_prefix("Bearer ")
            .or_else(|| v.strip_prefix("bearer "))
    });
    let Some(token) = bearer.filter(|t| !t.is_empty()) else {
        return Some(gateway_error(
            StatusCode::UNAUTHORIZED,
            "403010",
            "Oauth token is missing.",
        ));
    };
    match header("x-api-key") {
        None | Some("") => {
            return Some(gateway_error(
                StatusCode::FORBIDDEN,
                "403000",
                "Api Key is required",
            ));
        }
        Some(key) if key != state.client_id => {
            return Some(gateway_error(
                StatusCode::FORBIDDEN,
                "403003",
                "Api Key is invalid",
            ));
        }
        Some(_) => {}
    }
    if !matches!(state.check_token(token), TokenCheck::Valid) {
        return Some(gateway_error(
            StatusCode::UNAUTHORIZED,
            "401013",
            "Oauth token is not valid",
        ));
    }
    match header("x-gw-ims-org-id") {
        None | Some("") => {
            return Some(gateway_error(
                StatusCode::BAD_REQUEST,
                "400003",
                "Missing header: x-gw-ims-org-id",
            ));
        }
        Some(org) if org != state.org_id => {
            return Some(gateway_error(
                StatusCode::FORBIDDEN,
                "403025",
                "Profile is not valid",
            ));
        }
        Some(_) => {}
    }
    match (header("x-sandbox-name"), &state.sandbox) {
        (None | Some(""), _) => {
            return Some(gateway_error(
                StatusCode::BAD_REQUEST,
                "400003",
                "Missing header: x-sandbox-name",
            ));
        }
        (Some(sent), Some(expected)) if sent != expected => {
            return Some(service_error(
                StatusCode::FORBIDDEN,
                "SANDBOX-403",
                "Forbidden",
                &format!("sandbox {sent} is not available to this client"),
            ));
        }
        _ => {}
    }
    if header("x-request-id").is_none_or(str::is_empty) {
        return Some(gateway_error(
            StatusCode::BAD_REQUEST,
            "400003",
            "Missing header: x-request-id",
        ));
    }
    None
}

/// Header checks, then faults: a fault only hits a request that would otherwise succeed,
/// so tests of retries also exercise the headers.
pub(crate) async fn platform_gate(
    state: &State,
    headers: &HeaderMap,
    scopes: &[Scope],
) -> Option<Response> {
    if let Some(response) = check_platform_headers(state, headers) {
        state
            .counters
            .rejected_requests
            .fetch_add(1, Ordering::SeqCst);
        return Some(response);
    }
    let mut all = vec![Scope::Platform];
    all.extend_from_slice(scopes);
    apply_fault(state, &all).await
}

struct Paging {
    start: usize,
    limit: usize,
}

/// `start` and `limit`; the error is the message of a 400.
fn paging(query: &HashMap<String, String>) -> Result<Paging, String> {
    let number = |key: &str, default: usize| match query.get(key) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| format!("query parameter {key} must be a non-negative integer")),
    };
    Ok(Paging {
        start: number("start", 0)?,
        limit: number("limit", DEFAULT_LIMIT)?.clamp(1, MAX_LIMIT),
    })
}

fn bad_paging(message: &str) -> Response {
    service_error(StatusCode::BAD_REQUEST, "UPS-400", "Bad Request", message)
}

fn text<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `sort=field:asc|desc` on `updateTime`, `createEpoch` or `name`; `property=audienceId==x`
/// (also `name==x`, `namespace==x`); `name=` is a case-insensitive contains.
fn filter_and_sort<'a>(items: &'a [Value], query: &HashMap<String, String>) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = items
        .iter()
        .filter(|item| {
            query
                .get("property")
                .is_none_or(|p| match p.split_once("==") {
                    Some((key, value)) => text(item, key) == value,
                    None => true,
                })
        })
        .filter(|item| {
            query.get("name").is_none_or(|n| {
                text(item, "name")
                    .to_lowercase()
                    .contains(&n.to_lowercase())
            })
        })
        .collect();
    if let Some(sort) = query.get("sort") {
        let (field, order) = sort.split_once(':').unwrap_or((sort.as_str(), "asc"));
        match field {
            "name" => out.sort_by(|a, b| text(a, "name").cmp(text(b, "name"))),
            "updateTime" | "createEpoch" | "updateEpoch" | "creationTime" => {
                out.sort_by_key(|item| item.get(field).and_then(Value::as_i64).unwrap_or(0));
            }
            _ => {}
        }
        if order == "desc" {
            out.reverse();
        }
    }
    out
}

pub(crate) async fn list_audiences(
    AxumState(state): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = platform_gate(&state, &headers, &[Scope::List]).await {
        return response;
    }
    let paging = match paging(&query) {
        Ok(p) => p,
        Err(message) => return bad_paging(&message),
    };
    let all = state.begin_list();
    let audiences = filter_and_sort(&all, &query);
    let total = audiences.len();
    let children: Vec<Value> = audiences
        .into_iter()
        .skip(paging.start)
        .take(paging.limit)
        .cloned()
        .collect();
    let after = paging.start.saturating_add(paging.limit);
    let mut page = json!({"totalCount": total, "pageSize": children.len()});
    let mut links = json!({});
    if after < total {
        page["next"] = if state.next_as_integer() {
            json!(after)
        } else {
            json!(after.to_string())
        };
        links["next"] =
            json!({"href": format!("@/audiences?start={after}&limit={}", paging.limit)});
    }
    Json(json!({"children": children, "_page": page, "_links": links})).into_response()
}

pub(crate) async fn get_audience(
    AxumState(state): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    state.counters.get_requests.fetch_add(1, Ordering::SeqCst);
    if let Some(response) = platform_gate(&state, &headers, &[Scope::Get]).await {
        return response;
    }
    match state.audiences().iter().find(|a| text(a, "id") == id) {
        Some(audience) => Json(audience.clone()).into_response(),
        None => service_error(
            StatusCode::NOT_FOUND,
            "UPS-AUDIENCE-404",
            "Not Found",
            &format!("Audience with id {id} was not found"),
        ),
    }
}

/// The legacy endpoint lists only segment definitions (`AEPSegments`), in its own shape.
pub(crate) async fn list_segment_definitions(
    AxumState(state): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = platform_gate(&state, &headers, &[Scope::List]).await {
        return response;
    }
    let paging = match paging(&query) {
        Ok(p) => p,
        Err(message) => return bad_paging(&message),
    };
    let all = state.begin_list();
    let definitions: Vec<&Value> = all
        .iter()
        .filter(|a| {
            matches!(
                a.get("namespace").and_then(Value::as_str),
                None | Some("AEPSegments")
            )
        })
        .collect();
    let total = definitions.len();
    let segments: Vec<Value> = definitions
        .into_iter()
        .skip(paging.start)
        .take(paging.limit)
        .map(|a| segment_definition(a, &state.org_id))
        .collect();
    let after = paging.start.saturating_add(paging.limit);
    let link = if after < total {
        json!({"next": format!("@/segment/definitions?start={after}&limit={}", paging.limit)})
    } else {
        json!({})
    };
    Json(json!({
        "segments": segments,
        "page": {
            "totalCount": total,
            "totalPages": total.div_ceil(paging.limit),
            "sortField": "creationTime",
            "sort": "desc",
            "pageSize": segments.len(),
            "limit": paging.limit,
        },
        "link": link,
    }))
    .into_response()
}

/// An audience in the legacy segment definition shape (no lifecycle state). Items that are
/// not objects pass through untouched, so malformed fixtures stay malformed.
fn segment_definition(audience: &Value, org_id: &str) -> Value {
    let Some(object) = audience.as_object() else {
        return audience.clone();
    };
    let mut out = serde_json::Map::new();
    for key in [
        "id",
        "name",
        "description",
        "expression",
        "mergePolicyId",
        "evaluationInfo",
        "ttlInDays",
        "creationTime",
        "updateTime",
        "updateEpoch",
    ] {
        if let Some(value) = object.get(key) {
            out.insert(key.to_owned(), value.clone());
        }
    }
    out.insert("schema".to_owned(), json!({"name": "_xdm.context.profile"}));
    out.insert("profileInstanceId".to_owned(), json!("ups"));
    out.insert("imsOrgId".to_owned(), json!(org_id));
    Value::Object(out)
}
