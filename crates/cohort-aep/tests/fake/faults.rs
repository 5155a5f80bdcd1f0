//! Rate limits, server errors, timeouts, malformed and oversized bodies, and the total
//! retry budget.

use std::time::{Duration, Instant};

use cohort_aep::{AepError, AepErrorKind};
use cohort_aep_fake::{Fault, Scope};

use crate::{Harness, sample, shown};

#[tokio::test]
async fn rate_limit_with_retry_after_is_honoured() {
    let h = Harness::start(sample()).await;
    h.fake.inject(
        Scope::List,
        Fault::RateLimited {
            retry_after_secs: Some(1),
        },
        1,
    );
    let start = Instant::now();
    let list = h.client().list_all_audiences().await.unwrap();
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        start.elapsed()
    );
    assert_eq!(list.audiences.len(), 36);
    assert!(h.logs().contains("retrying"));
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn rate_limit_without_retry_after_backs_off() {
    let h = Harness::start(sample()).await;
    h.fake.inject(
        Scope::List,
        Fault::RateLimited {
            retry_after_secs: None,
        },
        3,
    );
    let start = Instant::now();
    let list = h.client().list_all_audiences().await.unwrap();
    // Backoff 10, 20, 40 ms with half jitter: at least 35 ms, far below a second.
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(35) && waited < Duration::from_secs(1),
        "{waited:?}"
    );
    assert_eq!(list.audiences.len(), 36);
    assert_eq!(h.fake.stats().faults_served, 3);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn rate_limit_body_retry_after_ms_is_honoured() {
    let h = Harness::start(sample()).await;
    h.fake.inject(
        Scope::Get,
        Fault::RateLimitedBody {
            retry_after_ms: 300,
        },
        1,
    );
    let start = Instant::now();
    h.client()
        .get_audience("6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63")
        .await
        .unwrap();
    assert!(start.elapsed() >= Duration::from_millis(300));
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn retry_after_beyond_the_budget_gives_up_at_once_and_says_so() {
    let h = Harness::start(sample()).await;
    h.fake.inject(
        Scope::List,
        Fault::RateLimited {
            retry_after_secs: Some(60),
        },
        1,
    );
    let start = Instant::now();
    let err = h.client().list_all_audiences().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(err.kind(), AepErrorKind::RateLimited);
    let AepError::GaveUp {
        attempts: 1, last, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(
        matches!(**last, AepError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(60))
    );
    assert!(err.to_string().contains("retry after 60s"), "{err}");
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn server_errors_are_retried() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::List, Fault::ServerError { status: 503 }, 1);
    h.fake
        .inject(Scope::List, Fault::ServerError { status: 502 }, 1);
    let list = h.client().list_all_audiences().await.unwrap();
    assert_eq!(list.audiences.len(), 36);
    assert_eq!(h.fake.stats().faults_served, 2);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn persistent_server_errors_give_up_within_the_total_budget() {
    let h = Harness::start(sample()).await;
    h.fake.inject(
        Scope::Platform,
        Fault::ServerError { status: 500 },
        u32::MAX,
    );
    let mut config = h.config();
    config.retry_max_elapsed = Duration::from_millis(300);
    let start = Instant::now();
    let err = h
        .client_with(config)
        .list_all_audiences()
        .await
        .unwrap_err();
    let took = start.elapsed();
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(err.kind(), AepErrorKind::Server);
    let AepError::GaveUp {
        attempts, elapsed, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(
        *attempts > 2 && *elapsed < Duration::from_millis(300),
        "{err}"
    );
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn not_implemented_is_final() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::List, Fault::ServerError { status: 501 }, u32::MAX);
    let err = h.client().list_all_audiences().await.unwrap_err();
    assert!(matches!(err, AepError::Server { status: 501, .. }), "{err}");
    assert_eq!(h.fake.stats().faults_served, 1);
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn a_slow_response_times_out_and_is_retried() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::List, Fault::slow(Duration::from_secs(3)), 1);
    let mut config = h.config();
    config.request_timeout = Duration::from_millis(200);
    let start = Instant::now();
    let list = h.client_with(config).list_all_audiences().await.unwrap();
    assert_eq!(list.audiences.len(), 36);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(h.logs().contains("no complete response"));
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn always_slow_gives_up_as_a_timeout_within_the_budget() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::List, Fault::slow(Duration::from_secs(5)), u32::MAX);
    let mut config = h.config();
    config.request_timeout = Duration::from_millis(150);
    config.retry_max_elapsed = Duration::from_millis(500);
    let start = Instant::now();
    let err = h
        .client_with(config)
        .list_all_audiences()
        .await
        .unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(err.kind(), AepErrorKind::Timeout, "{err}");
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn malformed_json_is_an_error_naming_the_request() {
    let h = Harness::start(sample()).await;
    h.fake.inject(Scope::List, Fault::MalformedJson, 1);
    let err = h.client().list_all_audiences().await.unwrap_err();
    assert_eq!(err.kind(), AepErrorKind::Malformed);
    assert!(
        err.to_string()
            .starts_with("GET /data/core/ups/audiences: malformed response"),
        "{err}"
    );
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::List, Fault::Oversized { bytes: 300_000 }, 1);
    let mut config = h.config();
    config.max_response_bytes = 64 * 1024;
    let err = h
        .client_with(config)
        .list_all_audiences()
        .await
        .unwrap_err();
    assert!(
        matches!(err, AepError::TooLarge { limit: 65_536, .. }),
        "{err}"
    );
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn unreachable_server_is_a_network_error() {
    let h = Harness::start(sample()).await;
    let mut config = h.config().with_base_url("http://127.0.0.1:9");
    config.retry_max_elapsed = Duration::from_millis(200);
    let err = h.client_with(config).token_info().await.unwrap_err();
    assert_eq!(err.kind(), AepErrorKind::Network, "{err}");
    h.assert_no_secret(&shown(&err));
}
