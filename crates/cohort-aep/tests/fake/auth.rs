//! Token fetching, caching, refresh, single flight, and credential/permission errors.

use std::sync::Arc;
use std::time::{Duration, Instant};

use cohort_aep::{AepError, AepErrorKind};
use cohort_aep_fake::{FakeAep, FakeConfig, Fault, Scope};

use crate::{CLIENT_ID, Harness, ORG, SECRET, sample, shown};

const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";

#[tokio::test]
async fn one_token_serves_many_calls_and_token_info_reports_it() {
    let h = Harness::start(sample()).await;
    let client = h.client();
    assert!(client.cached_token_info().is_none());
    let info = client.token_info().await.unwrap();
    assert_eq!(info.expires_in, Duration::from_secs(86_399));
    assert!(info.refresh_at < info.expires_at && info.fetched_at < info.refresh_at);
    for _ in 0..3 {
        assert_eq!(
            client.get_audience(VIP).await.unwrap().name,
            "VIP customers"
        );
    }
    assert_eq!(h.fake.token_requests(), 1);
    assert!(h.logs().contains("fetched an IMS access token"));
    h.assert_no_secret(&[
        format!("{client:?}"),
        format!("{info:?}"),
        format!("{:?}", client.config()),
    ]);
}

#[tokio::test]
async fn wrong_secret_is_an_auth_error_without_retries() {
    let h = Harness::start(sample()).await;
    let mut config = h.config();
    config.client_secret = "p8e-WRONG-SECRET-also-never-logged".into();
    let err = h
        .client_with(config)
        .list_all_audiences()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), AepErrorKind::Auth);
    assert!(matches!(&err, AepError::Auth { status: 401, error, .. } if error == "invalid_client"));
    assert_eq!(h.fake.token_requests(), 1);
    let mut texts = shown(&err);
    texts.push(h.logs());
    assert!(texts.iter().all(|t| !t.contains("p8e-WRONG-SECRET")));
    h.assert_no_secret(&texts);
}

#[tokio::test]
async fn wrong_client_id_is_an_auth_error() {
    let h = Harness::start(sample()).await;
    let mut config = h.config();
    config.client_id = "someone-else".into();
    let err = h.client_with(config).token_info().await.unwrap_err();
    assert!(matches!(&err, AepError::Auth { status: 400, .. }), "{err}");
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn wrong_org_and_sandbox_are_permission_errors() {
    let mut fake_config = FakeConfig::new(CLIENT_ID, SECRET, ORG).with_audiences(sample());
    fake_config.sandbox = Some("prod".into());
    let h = Harness::start_with(fake_config).await;
    let mut config = h.config();
    config.org_id = "OTHER@AdobeOrg".into();
    let err = h
        .client_with(config)
        .list_all_audiences()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AepError::Forbidden { code, .. } if code == "403025"),
        "{err}"
    );
    let mut config = h.config();
    config.sandbox = "dev".into();
    let err2 = h.client_with(config).get_audience(VIP).await.unwrap_err();
    assert_eq!(err2.kind(), AepErrorKind::Permission, "{err2}");
    let mut texts = shown(&err);
    texts.extend(shown(&err2));
    h.assert_no_secret(&texts);
}

#[tokio::test]
async fn expired_token_is_refreshed_once_and_the_call_succeeds() {
    let h = Harness::start(sample()).await;
    let client = h.client();
    client.get_audience(VIP).await.unwrap();
    h.fake.expire_tokens();
    client.get_audience(VIP).await.unwrap();
    assert_eq!(h.fake.token_requests(), 2);
    assert_eq!(h.fake.stats().rejected_requests, 1);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn a_token_rejected_twice_is_an_error_after_exactly_one_refresh() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::Platform, Fault::InvalidToken, u32::MAX);
    let err = h.client().get_audience(VIP).await.unwrap_err();
    assert!(
        matches!(&err, AepError::Unauthorized { status: 401, code, .. } if code == "401013"),
        "{err}"
    );
    assert_eq!(err.kind(), AepErrorKind::Auth);
    assert_eq!(h.fake.token_requests(), 2);
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn token_is_replaced_before_it_expires() {
    let h = Harness::start(sample()).await;
    h.fake.set_token_ttl(Duration::from_secs(1));
    let client = h.client();
    client.get_audience(VIP).await.unwrap();
    // Past 90 % of the 1 s life but before expiry: the cache must fetch anew on its own,
    // so the platform never sees an expired token.
    tokio::time::sleep(Duration::from_millis(950)).await;
    client.get_audience(VIP).await.unwrap();
    assert_eq!(h.fake.token_requests(), 2);
    assert_eq!(h.fake.stats().rejected_requests, 0);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn token_endpoint_failures_are_retried() {
    let h = Harness::start(sample()).await;
    h.fake
        .inject(Scope::Token, Fault::ServerError { status: 503 }, 1);
    h.fake.inject(
        Scope::Token,
        Fault::RateLimited {
            retry_after_secs: None,
        },
        1,
    );
    h.client().token_info().await.unwrap();
    assert_eq!(h.fake.token_requests(), 3);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn malformed_token_response_is_reported() {
    let h = Harness::start(sample()).await;
    h.fake.inject(Scope::Token, Fault::MalformedJson, 1);
    let err = h.client().token_info().await.unwrap_err();
    assert!(
        matches!(&err, AepError::Malformed { request, .. } if request == "POST /ims/token/v3"),
        "{err}"
    );
    h.assert_no_secret(&shown(&err));
}

/// 50 concurrent calls on a multi-threaded runtime with a slow IMS: one token request.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_calls_share_one_token_request() {
    let fake = FakeAep::start(FakeConfig::new(CLIENT_ID, SECRET, ORG).with_audiences(sample()))
        .await
        .unwrap();
    fake.inject(Scope::Token, Fault::slow(Duration::from_millis(200)), 1);
    let config = cohort_aep::AepConfig::new(CLIENT_ID, SECRET, ORG).with_base_url(&fake.url());
    let client = Arc::new(cohort_aep::AepClient::with_jitter_seed(config, 1).unwrap());
    let start = Instant::now();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.get_audience(VIP).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().id, VIP);
    }
    assert_eq!(fake.token_requests(), 1);
    assert_eq!(fake.stats().get_requests, 50);
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn config_from_a_console_workspace_file_works_end_to_end() {
    let h = Harness::start(sample()).await;
    let dir = std::env::temp_dir().join(format!("cohort-aep-console-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("workspace.json");
    let console = serde_json::json!({"project": {
        "org": {"ims_org_id": ORG},
        "workspace": {"details": {"credentials": [{
            "integration_type": "oauth_server_to_server",
            "oauth_server_to_server": {"client_id": CLIENT_ID, "client_secrets": [SECRET],
                "technical_account_id": "T@techacct.adobe.com", "scopes": ["openid", "AdobeID"]}
        }]}}
    }});
    std::fs::write(&path, console.to_string()).unwrap();
    let mut config = cohort_aep::AepConfig::default().with_base_url(&h.fake.url());
    config.console_file = Some(path.clone());
    let client = h.client_with(config);
    assert_eq!(client.config().client_id, CLIENT_ID);
    client.token_info().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
    h.assert_no_secret(&[format!("{:?}", client.config())]);
}
