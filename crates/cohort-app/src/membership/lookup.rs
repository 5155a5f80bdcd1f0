//! Look-ups of a shopper's audiences in Experience Platform, behind a bounded cache with a
//! time to live, one fetch at a time per identity (single flight), a bound on identities
//! fetched at once, and a per-call wait budget. A fetch runs in its own task: a caller that
//! stops waiting (its budget ran out) leaves it to finish and fill the cache for the next.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cohort_aep::{AepClient, LookupApi};
use cohort_domain::Identity;
use tokio::sync::watch;

/// A fetched membership.
struct Fetched {
    ids: Vec<String>,
    at: Instant,
}

type Outcome = Option<Result<Arc<Fetched>, String>>;

/// What a look-up gave a caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub ids: Vec<String>,
    /// Milliseconds since it was fetched.
    pub age_ms: u64,
    /// From the cache rather than a fetch made for this call.
    pub cached: bool,
}

pub struct Lookups {
    client: AepClient,
    api: LookupApi,
    ttl: Duration,
    max_in_flight: usize,
    /// Bound on one background fetch.
    fetch_bound: Duration,
    cache: quick_cache::sync::Cache<Identity, Arc<Fetched>>,
    in_flight: Mutex<HashMap<Identity, watch::Receiver<Outcome>>>,
}

impl Lookups {
    pub fn new(
        client: AepClient,
        api: LookupApi,
        ttl: Duration,
        entries: usize,
        max_in_flight: usize,
    ) -> Self {
        let fetch_bound = client.config().request_timeout;
        Self {
            client,
            api,
            ttl,
            max_in_flight,
            fetch_bound,
            cache: quick_cache::sync::Cache::new(entries.max(1)),
            in_flight: Mutex::new(HashMap::new()),
        }
    }

    pub fn client(&self) -> &AepClient {
        &self.client
    }

    /// The identity's membership: from the cache while fresh, else from a fetch (joined if
    /// one is running) waited for at most `budget`. The error is the note's reason
    /// ("timed out after 100 ms", "failed: ...").
    pub async fn get(
        self: &Arc<Self>,
        identity: &Identity,
        budget: Duration,
    ) -> Result<Found, String> {
        if let Some(hit) = self.cache.get(identity) {
            let age = hit.at.elapsed();
            if age < self.ttl {
                metrics::counter!("cohort_membership_cache_total", "result" => "hit").increment(1);
                return Ok(Found {
                    ids: hit.ids.clone(),
                    age_ms: millis(age),
                    cached: true,
                });
            }
        }
        metrics::counter!("cohort_membership_cache_total", "result" => "miss").increment(1);
        let result = self.wait(identity, budget).await;
        let outcome = match &result {
            Ok(_) => "ok",
            Err(Failure::TimedOut(_)) => "timeout",
            Err(Failure::Refused(_)) => "refused",
            Err(Failure::Failed(_)) => "error",
        };
        metrics::counter!("cohort_membership_lookups_total", "outcome" => outcome).increment(1);
        result.map_err(Failure::into_reason)
    }

    async fn wait(
        self: &Arc<Self>,
        identity: &Identity,
        budget: Duration,
    ) -> Result<Found, Failure> {
        let mut rx = self.join_or_start(identity)?;
        match tokio::time::timeout(budget, rx.wait_for(Option::is_some)).await {
            Err(_) => Err(Failure::TimedOut(budget)),
            Ok(Err(_)) => Err(Failure::Failed("was abandoned".to_owned())),
            Ok(Ok(outcome)) => match outcome.as_ref() {
                Some(Ok(fetched)) => Ok(Found {
                    ids: fetched.ids.clone(),
                    age_ms: millis(fetched.at.elapsed()),
                    cached: false,
                }),
                Some(Err(reason)) => Err(Failure::Failed(reason.clone())),
                None => Err(Failure::Failed("was abandoned".to_owned())),
            },
        }
    }

    /// Joins the identity's running fetch, or starts one.
    fn join_or_start(
        self: &Arc<Self>,
        identity: &Identity,
    ) -> Result<watch::Receiver<Outcome>, Failure> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rx) = in_flight.get(identity) {
            return Ok(rx.clone());
        }
        if in_flight.len() >= self.max_in_flight {
            return Err(Failure::Refused(self.max_in_flight));
        }
        let (tx, rx) = watch::channel(None);
        in_flight.insert(identity.clone(), rx.clone());
        drop(in_flight);
        let this = Arc::clone(self);
        let identity = identity.clone();
        tokio::spawn(async move { this.fetch(identity, tx).await });
        Ok(rx)
    }

    async fn fetch(self: Arc<Self>, identity: Identity, tx: watch::Sender<Outcome>) {
        let started = Instant::now();
        let fetched = tokio::time::timeout(
            self.fetch_bound,
            self.client
                .lookup_membership(self.api, &identity.namespace, &identity.id),
        )
        .await;
        metrics::histogram!("cohort_membership_lookup_duration_seconds")
            .record(started.elapsed().as_secs_f64());
        let outcome = match fetched {
            Ok(Ok(ids)) => {
                let fetched = Arc::new(Fetched {
                    ids,
                    at: Instant::now(),
                });
                self.cache.insert(identity.clone(), Arc::clone(&fetched));
                Ok(fetched)
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, namespace = %identity.namespace, "membership look-up failed");
                Err(format!("failed ({})", short(&e)))
            }
            Err(_) => Err(format!(
                "failed (no answer within {} ms)",
                self.fetch_bound.as_millis()
            )),
        };
        // The cache first, then the in-flight entry: a caller arriving in between finds
        // one or the other.
        self.in_flight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&identity);
        let _ = tx.send(Some(outcome));
    }

    /// Identities cached (fresh or stale).
    pub fn cached(&self) -> usize {
        self.cache.len()
    }
}

enum Failure {
    TimedOut(Duration),
    Refused(usize),
    Failed(String),
}

impl Failure {
    fn into_reason(self) -> String {
        match self {
            Failure::TimedOut(budget) => format!("timed out after {} ms", budget.as_millis()),
            Failure::Refused(n) => format!("refused ({n} look-ups in flight)"),
            Failure::Failed(reason) => reason,
        }
    }
}

/// A short reason for the note: the kind of failure, and the status when AEP answered.
fn short(e: &cohort_aep::AepError) -> String {
    use cohort_aep::AepError as E;
    match e {
        E::RateLimited { .. } => "AEP answered 429".to_owned(),
        E::Unauthorized { .. } | E::Auth { .. } => "AEP refused the credentials".to_owned(),
        other => {
            let text = other.to_string();
            let mut cut: String = text.chars().take(160).collect();
            if cut.len() < text.len() {
                cut.push('…');
            }
            cut
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
