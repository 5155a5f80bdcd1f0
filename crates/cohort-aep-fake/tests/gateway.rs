//! The fake's wire behaviour, checked with a plain HTTP client: IMS answers, the gateway's
//! header checks in order, paging envelopes of both endpoints, and the sample file.

use cohort_aep_fake::{FakeAep, FakeConfig, Fault, Scope, sample_audiences};
use reqwest::StatusCode;
use serde_json::Value;

const ID: &str = "client-1";
const SECRET: &str = "p8e-gateway-secret";
const ORG: &str = "ORG1@AdobeOrg";

async fn start() -> FakeAep {
    FakeAep::start(FakeConfig::new(ID, SECRET, ORG).with_audiences(sample_audiences().unwrap()))
        .await
        .unwrap()
}

async fn token(fake: &FakeAep, http: &reqwest::Client, secret: &str) -> (StatusCode, Value) {
    let response = http
        .post(format!("{}/ims/token/v3", fake.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("grant_type=client_credentials&client_id={ID}&client_secret={secret}&scope=openid,AdobeID"))
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn get(
    fake: &FakeAep,
    http: &reqwest::Client,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut request = http.get(format!("{}{path}", fake.url()));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn sample_file_has_every_lifecycle_state_and_the_vip_audience() {
    let audiences = sample_audiences().unwrap();
    assert!(audiences.len() >= 30);
    for state in ["published", "draft", "inactive", "archived"] {
        assert!(
            audiences.iter().any(|a| a["lifecycleState"] == state),
            "{state}"
        );
    }
    let vip = audiences
        .iter()
        .find(|a| a["name"] == "VIP customers")
        .unwrap();
    assert_eq!(vip["id"], "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63");
    assert!(audiences.iter().any(|a| a["namespace"] != "AEPSegments"));
}

#[tokio::test]
async fn ims_issues_tokens_and_refuses_bad_secrets() {
    let fake = start().await;
    let http = reqwest::Client::new();
    let (status, body) = token(&fake, &http, SECRET).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86_399);
    let (status, body) = token(&fake, &http, "wrong").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn gateway_checks_headers_in_order() {
    let fake = start().await;
    let http = reqwest::Client::new();
    let (_, body) = token(&fake, &http, SECRET).await;
    let bearer = format!("Bearer {}", body["access_token"].as_str().unwrap());
    let path = "/data/core/ups/audiences?start=0&limit=2";
    let full = [
        ("authorization", bearer.as_str()),
        ("x-api-key", ID),
        ("x-gw-ims-org-id", ORG),
        ("x-sandbox-name", "prod"),
        ("x-request-id", "r1"),
    ];
    let cases = [
        (0, StatusCode::UNAUTHORIZED, "403010"),
        (1, StatusCode::FORBIDDEN, "403000"),
        (2, StatusCode::BAD_REQUEST, "400003"),
        (3, StatusCode::BAD_REQUEST, "400003"),
        (4, StatusCode::BAD_REQUEST, "400003"),
    ];
    for (missing, status, code) in cases {
        let headers: Vec<_> = full
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != missing)
            .map(|(_, h)| *h)
            .collect();
        let (got, body) = get(&fake, &http, path, &headers).await;
        assert_eq!(
            (got, body["error_code"].as_str().unwrap()),
            (status, code),
            "without {}",
            full[missing].0
        );
    }
    let mut bad_key = full;
    bad_key[1] = ("x-api-key", "nope");
    assert_eq!(
        get(&fake, &http, path, &bad_key).await.1["error_code"],
        "403003"
    );
    let mut bad_token = full;
    bad_token[0] = ("authorization", "Bearer forged");
    assert_eq!(
        get(&fake, &http, path, &bad_token).await.1["error_code"],
        "401013"
    );

    let (status, page) = get(&fake, &http, path, &full).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["_page"]["next"], "2");
    assert_eq!(page["_page"]["pageSize"], 2);
    assert_eq!(
        page["_links"]["next"]["href"],
        "@/audiences?start=2&limit=2"
    );
    assert_eq!(page["children"].as_array().unwrap().len(), 2);

    let (_, filtered) = get(
        &fake,
        &http,
        "/data/core/ups/audiences?name=loyalty&sort=name:desc",
        &full,
    )
    .await;
    let names: Vec<_> = filtered["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Loyalty silver", "Loyalty platinum", "Loyalty gold"]
    );

    let (status, legacy) = get(
        &fake,
        &http,
        "/data/core/ups/segment/definitions?start=0&limit=5",
        &full,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(legacy["page"]["limit"], 5);
    assert!(legacy["segments"][0].get("lifecycleState").is_none());

    let (status, missing) = get(&fake, &http, "/data/core/ups/audiences/nope", &full).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["status"], 404);
    assert!(missing["errors"]["404"][0]["message"].is_string());

    fake.inject(
        Scope::Platform,
        Fault::RateLimited {
            retry_after_secs: Some(7),
        },
        1,
    );
    let response = http.get(format!("{}{path}", fake.url()));
    let response = full
        .iter()
        .fold(response, |r, (k, v)| r.header(*k, *v))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "7");
}
