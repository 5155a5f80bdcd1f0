//! Prometheus metrics on `metrics.addr` (`GET /metrics`): RPC counts and latency histograms
//! by method and code (from `layers::ObserveLayer`), load-shed count, usage records, and —
//! read at scrape time — rules loaded and rule set version, audiences by state, and the last
//! sync's result and age; membership sources, look-ups by outcome, look-up cache hits and
//! misses and look-up latency (recorded by `cohort_app::membership`). Nothing secret is ever a label or a value.

use cohort_domain::Named;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use chrono::Utc;
use cohort_app::{App, LiveRules};
use cohort_domain::{AudienceState, SyncStatus};
use cohort_store::{AudienceFilter, AudienceOrder, Store};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// The process-wide recorder (metrics has one global recorder; a second server in the same
/// process, as in `cohort demo`, shares it).
fn handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("cohort_rpc_duration_seconds".into()),
                    &[
                        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                        0.25, 0.5, 1.0, 2.5, 5.0,
                    ],
                )
                .ok()?
                .set_buckets_for_metric(
                    Matcher::Full("cohort_membership_lookup_duration_seconds".into()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                        10.0, 30.0,
                    ],
                )
                .ok()?;
            match builder.install_recorder() {
                Ok(h) => Some(h),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .clone()
}

/// Installs the recorder early so counters recorded before the first scrape are kept.
pub fn init() {
    let _ = handle();
}

/// The database-backed gauges are read at most this often, however often `/metrics` is
/// scraped (and by however many scrapers at once): a scrape costs no query within it.
const DB_GAUGES_TTL: Duration = Duration::from_secs(5);

/// When the database-backed gauges were last read.
#[derive(Default)]
struct DbGauges {
    last: tokio::sync::Mutex<Option<Instant>>,
}

impl DbGauges {
    /// Reads them when the last read is older than the TTL (scrapes wait for a read in
    /// progress instead of starting their own); whether this call read them.
    async fn refresh_if_due(&self, store: &Store, now: Instant) -> bool {
        let mut last = self.last.lock().await;
        if last.is_some_and(|t| now.saturating_duration_since(t) < DB_GAUGES_TTL) {
            return false;
        }
        refresh_db_gauges(store).await;
        *last = Some(now);
        true
    }
}

fn refresh_rule_gauges(rules: &LiveRules) {
    let set = rules.current();
    metrics::gauge!("cohort_rules_loaded").set(set.len() as f64);
    metrics::gauge!("cohort_ruleset_version").set(set.version() as f64);
}

/// The usage cache's counts as counters (absolute values: they only grow) and its sizes.
fn refresh_usage_cache(usage: &cohort_app::UsageCache) {
    let s = usage.stats();
    for (cache, result, n) in [
        ("coupons", "hit", s.coupon_hits),
        ("coupons", "miss", s.coupon_misses),
        ("customers", "hit", s.customer_hits),
        ("customers", "miss", s.customer_misses),
    ] {
        metrics::counter!("cohort_usage_cache_total", "cache" => cache, "result" => result)
            .absolute(n);
    }
    metrics::counter!("cohort_usage_cache_refreshes_total").absolute(s.refreshes);
    metrics::counter!("cohort_usage_cache_flushes_total").absolute(s.flushes);
    metrics::gauge!("cohort_usage_cache_entries", "cache" => "coupons").set(s.coupons as f64);
    metrics::gauge!("cohort_usage_cache_entries", "cache" => "customers").set(s.customers as f64);
}

async fn refresh_db_gauges(store: &Store) {
    for &(state, name) in AudienceState::NAMES {
        let filter = AudienceFilter {
            states: vec![state],
            ..Default::default()
        };
        if let Ok((_, total)) = store
            .list_audiences(&filter, AudienceOrder::Name, 0, 0)
            .await
        {
            metrics::gauge!("cohort_audiences", "state" => name).set(total as f64);
        }
    }
    if let Ok(Some(run)) = store.latest_sync_run().await {
        let ok = if run.status == SyncStatus::Succeeded {
            1.0
        } else {
            0.0
        };
        metrics::gauge!("cohort_audience_sync_last_success").set(ok);
        let age = (Utc::now() - run.finished_at.unwrap_or(run.started_at)).num_seconds();
        metrics::gauge!("cohort_audience_sync_last_age_seconds").set(age.max(0) as f64);
    }
}

/// Serves `/metrics` on `addr` until the process ends.
pub async fn serve(addr: SocketAddr, app: Arc<App>) -> std::io::Result<()> {
    let Some(handle) = handle() else {
        return Ok(());
    };
    let db_gauges = Arc::new(DbGauges::default());
    let routes = Router::new().route(
        "/metrics",
        get(move || {
            let handle = handle.clone();
            let app = app.clone();
            let db_gauges = db_gauges.clone();
            async move {
                db_gauges.refresh_if_due(&app.store, Instant::now()).await;
                refresh_rule_gauges(&app.rules);
                refresh_usage_cache(&app.usage);
                handle.render()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "metrics on /metrics");
    axum::serve(listener, routes).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn database_gauges_are_read_at_most_once_per_ttl() {
        let store = Store::connect("sqlite::memory:").await.unwrap();
        let gauges = DbGauges::default();
        let t0 = Instant::now();
        assert!(gauges.refresh_if_due(&store, t0).await);
        assert!(
            !gauges
                .refresh_if_due(&store, t0 + Duration::from_secs(1))
                .await
        );
        assert!(!gauges.refresh_if_due(&store, t0 + DB_GAUGES_TTL / 2).await);
        assert!(gauges.refresh_if_due(&store, t0 + DB_GAUGES_TTL).await);
    }
}
