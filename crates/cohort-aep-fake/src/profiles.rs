//! Shopper profiles for the two membership look-ups: the Edge Network Server API's
//! `POST /ee/v2/interact` (an `activation:pull` handle with the profile's segments) and the
//! Profile Access API's `GET /data/core/ups/access/entities` (the profile's
//! `segmentMembership` map), both behind the gateway's header checks and the `lookup`
//! fault scope, each counted in the stats.
//!
//! The profiles file: `{"profiles": [{"namespace": "ECID", "id": "…", "audiences": [ids],
//! "exited": [ids]}]}` (`exited` optional: entries Adobe keeps with status `exited`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::{Query, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::FakeError;
use crate::faults::Scope;
use crate::routes::platform_gate;
use crate::state::State;

type Shared = AxumState<Arc<State>>;

/// One shopper.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Profile {
    pub namespace: String,
    pub id: String,
    /// Audiences the shopper is in (status `realized`).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Audiences the shopper left (status `exited`: listed by the Profile API, not a
    /// membership).
    #[serde(default)]
    pub exited: Vec<String>,
}

impl Profile {
    pub fn new(namespace: &str, id: &str, audiences: &[&str]) -> Self {
        Self {
            namespace: namespace.to_owned(),
            id: id.to_owned(),
            audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
            exited: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct ProfilesFile {
    profiles: Vec<Profile>,
}

/// Reads a profiles file.
pub fn load_profiles(path: &Path) -> Result<Vec<Profile>, FakeError> {
    let text = std::fs::read_to_string(path).map_err(|source| FakeError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let file: ProfilesFile = serde_json::from_str(&text)?;
    Ok(file.profiles)
}

/// The Edge Network's error envelope.
fn edge_error(status: StatusCode, code: &str, title: &str, detail: &str) -> Response {
    (
        status,
        Json(json!({
            "type": format!("https://ns.adobe.com/aep/errors/{code}"),
            "status": status.as_u16(),
            "title": title,
            "detail": detail,
            "report": {"requestId": "fake-request"}
        })),
    )
        .into_response()
}

/// The first identity of `event.xdm.identityMap`.
fn identity_of(body: &Value) -> Option<(String, String)> {
    let map = body.pointer("/event/xdm/identityMap")?.as_object()?;
    map.iter().find_map(|(namespace, entries)| {
        let id = entries.as_array()?.first()?.get("id")?.as_str()?;
        Some((namespace.clone(), id.to_owned()))
    })
}

/// `POST /ee/v2/interact?dataStreamId=…`
pub(crate) async fn interact(
    AxumState(state): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: Option<Json<Value>>,
) -> Response {
    state.counters.edge_lookups.fetch_add(1, Ordering::SeqCst);
    if let Some(response) = platform_gate(&state, &headers, &[Scope::Lookup]).await {
        return response;
    }
    if query
        .get("dataStreamId")
        .is_none_or(|d| d.trim().is_empty())
    {
        return edge_error(
            StatusCode::BAD_REQUEST,
            "EXEG-0003-400",
            "Invalid datastream ID",
            "The dataStreamId query parameter is required.",
        );
    }
    let Some(Json(body)) = body else {
        return edge_error(
            StatusCode::BAD_REQUEST,
            "EXEG-0104-422",
            "Unprocessable Entity",
            "The request body is not a JSON event.",
        );
    };
    let Some((namespace, id)) = identity_of(&body) else {
        return edge_error(
            StatusCode::BAD_REQUEST,
            "EXEG-0306-400",
            "No identity",
            "event.xdm.identityMap holds no identity.",
        );
    };
    let segments: Vec<Value> = state
        .profile(&namespace, &id)
        .map(|p| {
            p.audiences
                .iter()
                .map(|a| json!({"id": a, "namespace": {"code": "ups"}}))
                .collect()
        })
        .unwrap_or_default();
    Json(json!({
        "requestId": format!("fake-{}", state.counters.edge_lookups.load(Ordering::SeqCst)),
        "handle": [
            {"type": "identity:result", "payload": [{"id": id, "namespace": {"code": namespace}}]},
            {"type": "state:store", "payload": [{"key": "kndctr_fake_cluster", "value": "or2", "maxAge": 1800}]},
            {"type": "activation:pull", "eventIndex": 0, "payload": [
                {"type": "profileLookup", "destinationId": "fake-destination", "alias": "commerce",
                 "segments": segments}
            ]}
        ]
    }))
    .into_response()
}

/// `GET /data/core/ups/access/entities?schema.name=_xdm.context.profile&entityId=…&entityIdNS=…`
pub(crate) async fn entities(
    AxumState(state): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    state
        .counters
        .profile_lookups
        .fetch_add(1, Ordering::SeqCst);
    if let Some(response) = platform_gate(&state, &headers, &[Scope::Lookup]).await {
        return response;
    }
    let param = |k: &str| query.get(k).map(String::as_str).unwrap_or_default();
    if param("schema.name") != "_xdm.context.profile" {
        return profile_error(
            StatusCode::BAD_REQUEST,
            "UPS-1101-400",
            "schema.name must be _xdm.context.profile",
        );
    }
    let (id, namespace) = (param("entityId"), param("entityIdNS"));
    if id.is_empty() || namespace.is_empty() {
        return profile_error(
            StatusCode::BAD_REQUEST,
            "UPS-1102-400",
            "entityId and entityIdNS are required",
        );
    }
    let Some(profile) = state.profile(namespace, id) else {
        return profile_error(
            StatusCode::NOT_FOUND,
            "UPS-1100-404",
            &format!("no profile for {namespace} {id}"),
        );
    };
    let entry =
        |status: &str| json!({"status": status, "lastQualificationTime": "2026-11-30T10:00:00Z"});
    let mut ups = serde_json::Map::new();
    for a in &profile.exited {
        ups.insert(a.clone(), entry("exited"));
    }
    for a in &profile.audiences {
        ups.insert(a.clone(), entry("realized"));
    }
    let entity_id = format!("fake-entity-{namespace}-{id}");
    Json(json!({
        entity_id.clone(): {
            "entityId": entity_id,
            "mergePolicyId": "00000000-0000-4000-8000-00000000a0a0",
            "sources": ["fake-dataset"],
            "entity": {"segmentMembership": {"ups": ups}},
            "lastModifiedAt": "2026-11-30T10:00:00Z"
        }
    }))
    .into_response()
}

fn profile_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({
            "type": format!("http://ns.adobe.com/aep/errors/{code}"),
            "title": status.canonical_reason().unwrap_or("Error"),
            "status": status.as_u16(),
            "report": {"tenantInfo": {"sandboxName": "prod"}},
            "detail": message
        })),
    )
        .into_response()
}
