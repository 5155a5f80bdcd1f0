//! The fake's shared state: credentials, the audience set, issued tokens, armed faults and
//! request counters. One `std` mutex guards the mutable part; it is never held across an
//! await.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use crate::faults::{ArmedFault, Fault, Scope};
use crate::profiles::Profile;

pub(crate) struct State {
    pub client_id: String,
    pub client_secret: String,
    pub org_id: String,
    pub sandbox: Option<String>,
    pub counters: Counters,
    profiles: std::sync::RwLock<HashMap<(String, String), Profile>>,
    mutable: Mutex<Mutable>,
}

struct Mutable {
    audiences: Arc<Vec<Value>>,
    /// Replaces `audiences` once this many list requests have been served.
    pending: Option<(u64, Vec<Value>)>,
    tokens: HashMap<String, Instant>,
    token_ttl: Duration,
    token_seq: u64,
    faults: Vec<ArmedFault>,
    next_as_integer: bool,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub token_requests: AtomicU64,
    pub tokens_issued: AtomicU64,
    pub list_requests: AtomicU64,
    pub get_requests: AtomicU64,
    /// `POST /ee/v2/interact` requests (before the header checks).
    pub edge_lookups: AtomicU64,
    /// `GET /data/core/ups/access/entities` requests (before the header checks).
    pub profile_lookups: AtomicU64,
    /// Platform requests refused for a header or credential problem.
    pub rejected_requests: AtomicU64,
    pub faults_served: AtomicU64,
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FakeStats {
    pub token_requests: u64,
    pub tokens_issued: u64,
    pub list_requests: u64,
    pub get_requests: u64,
    pub edge_lookups: u64,
    pub profile_lookups: u64,
    pub rejected_requests: u64,
    pub faults_served: u64,
}

pub(crate) enum TokenCheck {
    Valid,
    Unknown,
    Expired,
}

impl State {
    pub fn new(
        client_id: String,
        client_secret: String,
        org_id: String,
        sandbox: Option<String>,
        audiences: Vec<Value>,
        token_ttl: Duration,
        next_as_integer: bool,
    ) -> Self {
        Self {
            client_id,
            client_secret,
            org_id,
            sandbox,
            counters: Counters::default(),
            profiles: std::sync::RwLock::default(),
            mutable: Mutex::new(Mutable {
                audiences: Arc::new(audiences),
                pending: None,
                tokens: HashMap::new(),
                token_ttl,
                token_seq: 0,
                faults: Vec::new(),
                next_as_integer,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Mutable> {
        // Every update leaves the state consistent, so a poisoned lock is still usable.
        self.mutable.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn arm(&self, scope: Scope, fault: Fault, times: u32) {
        if times > 0 {
            self.lock().faults.push(ArmedFault {
                scope,
                fault,
                remaining: times,
            });
        }
    }

    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    pub fn armed_faults(&self) -> Vec<ArmedFault> {
        self.lock().faults.clone()
    }

    /// Takes the first armed fault that applies to a request in `scopes`.
    pub fn take_fault(&self, scopes: &[Scope]) -> Option<Fault> {
        let mut state = self.lock();
        let index = state
            .faults
            .iter()
            .position(|f| scopes.contains(&f.scope))?;
        let armed = &mut state.faults[index];
        let fault = armed.fault.clone();
        armed.remaining -= 1;
        if armed.remaining == 0 {
            state.faults.remove(index);
        }
        self.counters.faults_served.fetch_add(1, Ordering::Relaxed);
        Some(fault)
    }

    pub fn issue_token(&self) -> (String, u64) {
        let mut state = self.lock();
        state.token_seq += 1;
        let ttl = state.token_ttl;
        // Looks like the JWTs IMS issues; the content is irrelevant to clients.
        let token = format!(
            "eyJhbGciOiJSUzI1NiJ9.fake-{}-{:x}.c2lnbmF0dXJl",
            state.token_seq,
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        // A lifetime beyond the clock's range (tests send u64::MAX seconds to clients) is a
        // token that never expires here.
        let far = Duration::from_secs(100 * 365 * 24 * 3600);
        state
            .tokens
            .insert(token.clone(), Instant::now() + ttl.min(far));
        self.counters.tokens_issued.fetch_add(1, Ordering::Relaxed);
        (token, ttl.as_secs().max(1))
    }

    pub fn check_token(&self, token: &str) -> TokenCheck {
        match self.lock().tokens.get(token) {
            None => TokenCheck::Unknown,
            Some(expiry) if Instant::now() >= *expiry => TokenCheck::Expired,
            Some(_) => TokenCheck::Valid,
        }
    }

    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for expiry in self.lock().tokens.values_mut() {
            *expiry = now;
        }
    }

    pub fn set_token_ttl(&self, ttl: Duration) {
        self.lock().token_ttl = ttl;
    }

    pub fn set_audiences(&self, audiences: Vec<Value>) {
        let mut state = self.lock();
        state.audiences = Arc::new(audiences);
        state.pending = None;
    }

    pub fn replace_audiences_after(&self, list_requests: u64, audiences: Vec<Value>) {
        let served = self.counters.list_requests.load(Ordering::SeqCst);
        self.lock().pending = Some((served + list_requests, audiences));
    }

    pub fn audiences(&self) -> Arc<Vec<Value>> {
        Arc::clone(&self.lock().audiences)
    }

    /// Counts a list request and returns the set it must be served from, applying a
    /// pending replacement first when its turn has come.
    pub fn begin_list(&self) -> Arc<Vec<Value>> {
        let served = self.counters.list_requests.fetch_add(1, Ordering::SeqCst);
        let mut state = self.lock();
        if state
            .pending
            .as_ref()
            .is_some_and(|(after, _)| served >= *after)
            && let Some((_, audiences)) = state.pending.take()
        {
            state.audiences = Arc::new(audiences);
        }
        Arc::clone(&state.audiences)
    }

    pub fn next_as_integer(&self) -> bool {
        self.lock().next_as_integer
    }

    pub fn set_next_as_integer(&self, yes: bool) {
        self.lock().next_as_integer = yes;
    }

    /// Replaces every profile.
    pub fn set_profiles(&self, profiles: Vec<Profile>) {
        let map = profiles
            .into_iter()
            .map(|p| ((p.namespace.clone(), p.id.clone()), p))
            .collect();
        *self.profiles.write().unwrap_or_else(|e| e.into_inner()) = map;
    }

    pub fn profile(&self, namespace: &str, id: &str) -> Option<Profile> {
        self.profiles
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(namespace.to_owned(), id.to_owned()))
            .cloned()
    }

    pub fn stats(&self) -> FakeStats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::SeqCst);
        FakeStats {
            token_requests: get(&c.token_requests),
            tokens_issued: get(&c.tokens_issued),
            list_requests: get(&c.list_requests),
            get_requests: get(&c.get_requests),
            edge_lookups: get(&c.edge_lookups),
            profile_lookups: get(&c.profile_lookups),
            rejected_requests: get(&c.rejected_requests),
            faults_served: get(&c.faults_served),
        }
    }
}
