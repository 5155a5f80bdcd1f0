//! Prometheus metrics on `metrics.addr` (`GET /metrics`): RPC counts and latency histograms
//! by method and code (from `layers::ObserveLayer`), load-shed count, usage records, and —
//! read at scrape time — rules loaded and rule set version, audiences by state, and the last
//! sync's result and age. Nothing secret is ever a label or a value.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::routing::get;
use chrono::Utc;
use cohort_store::{AudienceFilter, AudienceOrder, Store};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::rules::LiveRules;

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

const STATES: [&str; 4] = ["ACTIVE", "DRAFT", "INACTIVE", "DELETED"];

async fn refresh_gauges(store: &Store, rules: &LiveRules) {
    let set = rules.current();
    metrics::gauge!("cohort_rules_loaded").set(set.len() as f64);
    metrics::gauge!("cohort_ruleset_version").set(set.version() as f64);
    for state in STATES {
        let filter = AudienceFilter {
            states: vec![state.to_owned()],
            ..Default::default()
        };
        if let Ok((_, total)) = store
            .list_audiences(&filter, AudienceOrder::Name, 0, 0)
            .await
        {
            metrics::gauge!("cohort_audiences", "state" => state).set(total as f64);
        }
    }
    if let Ok(Some(run)) = store.latest_sync_run().await {
        let ok = if run.status == "SUCCEEDED" { 1.0 } else { 0.0 };
        metrics::gauge!("cohort_audience_sync_last_success").set(ok);
        let age = (Utc::now() - run.finished_at.unwrap_or(run.started_at)).num_seconds();
        metrics::gauge!("cohort_audience_sync_last_age_seconds").set(age.max(0) as f64);
    }
}

/// Serves `/metrics` on `addr` until the process ends.
pub async fn serve(addr: SocketAddr, store: Store, rules: Arc<LiveRules>) -> std::io::Result<()> {
    let Some(handle) = handle() else {
        return Ok(());
    };
    let app = Router::new().route(
        "/metrics",
        get(move || {
            let handle = handle.clone();
            let store = store.clone();
            let rules = rules.clone();
            async move {
                refresh_gauges(&store, &rules).await;
                handle.render()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "metrics on /metrics");
    axum::serve(listener, app).await
}
