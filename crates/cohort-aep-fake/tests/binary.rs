//! The `cohort-aep-fake` binary: starts, prints its address, serves the sample set, and
//! takes faults through its admin endpoints.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_serves_and_takes_faults_from_the_admin_endpoint() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cohort-aep-fake"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--client-id",
            "bin-client",
            "--org-id",
            "BIN@AdobeOrg",
        ])
        .env("COHORT_AEP_FAKE_CLIENT_SECRET", "p8e-bin-secret")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("cohort-aep-fake listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();

    let http = reqwest::Client::new();
    let token: Value = http
        .post(format!("{url}/ims/token/v3"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials&client_id=bin-client&client_secret=p8e-bin-secret&scope=openid")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let list = || {
        http.get(format!("{url}/data/core/ups/audiences?limit=100"))
            .header("authorization", &bearer)
            .header("x-api-key", "bin-client")
            .header("x-gw-ims-org-id", "BIN@AdobeOrg")
            .header("x-sandbox-name", "prod")
            .header("x-request-id", "bin-1")
            .send()
    };
    let page: Value = list().await.unwrap().json().await.unwrap();
    assert_eq!(page["_page"]["totalCount"], 36);

    let armed = http
        .post(format!("{url}/_fake/faults"))
        .json(
            &json!({"scope": "list", "fault": {"kind": "server_error", "status": 503}, "times": 1}),
        )
        .send()
        .await
        .unwrap();
    assert!(armed.status().is_success());
    assert_eq!(list().await.unwrap().status(), 503);
    assert_eq!(list().await.unwrap().status(), 200);

    let put = http
        .put(format!("{url}/_fake/audiences"))
        .json(&json!({"children": [{"id": "a", "name": "A", "lifecycleState": "published"}]}))
        .send()
        .await
        .unwrap();
    assert!(put.status().is_success());
    let page: Value = list().await.unwrap().json().await.unwrap();
    assert_eq!(page["_page"]["totalCount"], 1);

    let stats: Value = http
        .get(format!("{url}/_fake/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["token_requests"], 1);
    assert_eq!(stats["faults_served"], 1);
    drop(running);
}
