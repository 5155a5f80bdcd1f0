//! A fake Adobe Experience Platform for tests, benches and `cohort demo`: IMS's
//! `POST /ims/token/v3`, the platform's audiences and legacy segment definitions
//! endpoints, and the two membership look-ups (the Edge Network's `/ee/v2/interact` and the
//! Profile Access API, answered from a set of shopper profiles) on one port, answering with the bodies and error shapes of AEP.md, enforcing
//! the gateway headers and the client credentials, paging, and producing faults on demand
//! (429 with or without `Retry-After`, 5xx, slow or malformed or oversized responses,
//! token expiry, the audience set changing between pages).
//!
//! Layout: `state` (credentials, audiences, tokens, armed faults, counters), `routes`
//! (Adobe's endpoints), `profiles` (the look-ups), `faults` (what can be injected), `admin` (the `/_fake/` endpoints
//! that let a test drive the binary). [`FakeAep`] is the library handle; `main.rs` wraps it.
//!
//! Architecture invariant: the fake only speaks Adobe's wire formats; it shares no code or
//! types with `cohort-aep`, so the client cannot pass its tests by agreeing with itself.

mod admin;
mod faults;
mod profiles;
mod routes;
mod state;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post, put};
use serde_json::Value;
use tokio::sync::oneshot;

pub use faults::{ArmedFault, Fault, Scope};
pub use profiles::{Profile, load_profiles};
pub use state::FakeStats;

use state::State;

/// The sample audience set shipped with the crate (Adobe's `children` shape).
pub const SAMPLE_AUDIENCES_JSON: &str = include_str!("../data/audiences.json");

#[derive(Debug, thiserror::Error)]
pub enum FakeError {
    #[error("cannot read the audience file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the audience file is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the audience file has no \"children\" array")]
    NoChildren,
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

#[derive(Debug, Clone)]
pub struct FakeConfig {
    /// Default `127.0.0.1:0` (any free port).
    pub addr: SocketAddr,
    pub client_id: String,
    pub client_secret: String,
    pub org_id: String,
    /// `None` accepts any sandbox name (the header is still required).
    pub sandbox: Option<String>,
    /// Raw items, served as they are (so malformed items can be tested).
    pub audiences: Vec<Value>,
    /// The `expires_in` of issued tokens; default 86399 s as IMS.
    pub token_ttl: Duration,
    /// Send `_page.next` as an integer instead of Adobe's usual string.
    pub next_as_integer: bool,
    /// The shoppers the membership look-ups know.
    pub profiles: Vec<Profile>,
}

impl FakeConfig {
    pub fn new(client_id: &str, client_secret: &str, org_id: &str) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            org_id: org_id.to_owned(),
            sandbox: None,
            audiences: Vec::new(),
            token_ttl: Duration::from_secs(86_399),
            next_as_integer: false,
            profiles: Vec::new(),
        }
    }

    pub fn with_audiences(mut self, audiences: Vec<Value>) -> Self {
        self.audiences = audiences;
        self
    }
}

/// The shipped sample set.
pub fn sample_audiences() -> Result<Vec<Value>, FakeError> {
    audiences_from_json(serde_json::from_str(SAMPLE_AUDIENCES_JSON)?)
}

/// Reads `{"children": [...]}` (a saved audiences response) or a bare array.
pub fn load_audiences(path: &Path) -> Result<Vec<Value>, FakeError> {
    let text = std::fs::read_to_string(path).map_err(|source| FakeError::Read {
        path: path.display().to_string(),
        source,
    })?;
    audiences_from_json(serde_json::from_str(&text)?)
}

pub fn audiences_from_json(json: Value) -> Result<Vec<Value>, FakeError> {
    match json {
        Value::Array(items) => Ok(items),
        Value::Object(mut object) => match object.remove("children") {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(FakeError::NoChildren),
        },
        _ => Err(FakeError::NoChildren),
    }
}

/// `count` generated audiences, all valid, for volume tests.
pub fn generated_audiences(count: usize) -> Vec<Value> {
    (0..count)
        .map(|i| {
            let id = format!("00000000-0000-4000-8000-{i:012x}");
            serde_json::json!({
                "id": id, "audienceId": id, "name": format!("Generated audience {i}"),
                "namespace": "AEPSegments", "originName": "REAL_TIME_CUSTOMER_PROFILE",
                "lifecycleState": "published", "updateTime": 1_717_000_000_000i64 + i as i64,
                "createEpoch": 1_700_000_000, "updateEpoch": 1_717_000_000
            })
        })
        .collect()
}

/// A running fake. Dropping it stops the server.
pub struct FakeAep {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for FakeAep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeAep")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakeAep {
    /// Binds `config.addr` and serves in a background task of the current runtime.
    pub async fn start(config: FakeConfig) -> Result<Self, FakeError> {
        let state = Arc::new(State::new(
            config.client_id,
            config.client_secret,
            config.org_id,
            config.sandbox,
            config.audiences,
            config.token_ttl,
            config.next_as_integer,
        ));
        state.set_profiles(config.profiles);
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| FakeError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| FakeError::Bind {
            addr: config.addr,
            source,
        })?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = router(Arc::clone(&state));
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "fake AEP server stopped");
            }
        });
        Ok(Self {
            addr,
            state,
            shutdown: Some(shutdown),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: both `ims_url` and `platform_url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Arms `fault` for the next `times` requests in `scope` (`u32::MAX`: until cleared).
    pub fn inject(&self, scope: Scope, fault: Fault, times: u32) {
        self.state.arm(scope, fault, times);
    }

    pub fn clear_faults(&self) {
        self.state.clear_faults();
    }

    pub fn set_audiences(&self, audiences: Vec<Value>) {
        self.state.set_audiences(audiences);
    }

    /// Replaces the set once `list_requests` more list requests have been served: the
    /// "changed between pages" fault.
    pub fn replace_audiences_after(&self, list_requests: u64, audiences: Vec<Value>) {
        self.state.replace_audiences_after(list_requests, audiences);
    }

    pub fn audiences(&self) -> Vec<Value> {
        self.state.audiences().as_ref().clone()
    }

    /// Every token issued so far is expired from now on (the platform answers 401013).
    pub fn expire_tokens(&self) {
        self.state.expire_tokens();
    }

    /// Lifetime of tokens issued from now on (whole seconds, at least 1, on the wire).
    pub fn set_token_ttl(&self, ttl: Duration) {
        self.state.set_token_ttl(ttl);
    }

    pub fn set_next_as_integer(&self, yes: bool) {
        self.state.set_next_as_integer(yes);
    }

    pub fn stats(&self) -> FakeStats {
        self.state.stats()
    }

    /// Replaces the shopper profiles the look-ups answer from.
    pub fn set_profiles(&self, profiles: Vec<Profile>) {
        self.state.set_profiles(profiles);
    }

    pub fn token_requests(&self) -> u64 {
        self.stats().token_requests
    }

    /// List requests that passed the header checks and any fault.
    pub fn list_requests(&self) -> u64 {
        self.stats().list_requests
    }

    /// Stops accepting connections; also done on drop.
    pub fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl Drop for FakeAep {
    fn drop(&mut self) {
        self.stop();
    }
}

fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/ims/token/v3", post(routes::token))
        .route("/ee/v2/interact", post(profiles::interact))
        .route("/data/core/ups/access/entities", get(profiles::entities))
        .route("/data/core/ups/audiences", get(routes::list_audiences))
        .route("/data/core/ups/audiences/{id}", get(routes::get_audience))
        .route(
            "/data/core/ups/segment/definitions",
            get(routes::list_segment_definitions),
        )
        .route(
            "/_fake/faults",
            post(admin::inject).get(admin::faults).delete(admin::clear),
        )
        .route("/_fake/audiences", put(admin::put_audiences))
        .route("/_fake/profiles", put(admin::put_profiles))
        .route("/_fake/tokens/expire", post(admin::expire_tokens))
        .route("/_fake/settings", post(admin::settings))
        .route("/_fake/stats", get(admin::stats))
        .with_state(state)
}
