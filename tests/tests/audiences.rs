//! Audience sync end to end: the real `cohort serve` against the real `cohort-aep-fake`
//! binary. SyncAudiences then ListAudiences through gRPC; faults injected through the fake's
//! admin endpoint never leave a partial set; ListAudiences filters, sorts and pages; the
//! `aep check` and `audiences import` commands.

use std::time::{Duration, Instant};

use cohort_proto::v1::{self, AudienceState, SyncStatus};
use cohort_tests::{AepFakeProcess, CohortServer, run_cohort_env};
use serde_json::{Value, json};
use tonic::Code;

const ADMIN: &str = "admin-e2e-token";

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {ADMIN}").parse().unwrap());
    r
}

/// A server synced from `fake`, with pages of 10 (the sample's 36 audiences are 4 pages).
async fn start_server(fake: &AepFakeProcess, extra: &[(&str, &str)]) -> CohortServer {
    let mut env = fake.env();
    env.push(("COHORT__AUTH__ADMIN_TOKENS".into(), ADMIN.into()));
    env.push(("COHORT__AEP__PAGE_SIZE".into(), "10".into()));
    env.push(("COHORT__AEP__SYNC_INTERVAL".into(), "1h".into()));
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    CohortServer::start(&env).await.unwrap()
}

/// Waits for the start-up sync to finish and returns its run.
async fn startup_run(server: &CohortServer) -> v1::SyncRun {
    let mut client = server.audiences().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let run = client
            .get_sync_status(authed(v1::GetSyncStatusRequest {}))
            .await
            .unwrap()
            .into_inner()
            .run;
        if let Some(run) = run
            && run.status != SyncStatus::Running as i32
        {
            return run;
        }
        assert!(
            Instant::now() < deadline,
            "no start-up sync; stderr:\n{}",
            server.stderr()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn list_all(server: &CohortServer, mut req: v1::ListAudiencesRequest) -> Vec<v1::Audience> {
    let mut client = server.audiences().await.unwrap();
    let mut out = Vec::new();
    loop {
        let resp = client
            .list_audiences(authed(req.clone()))
            .await
            .unwrap()
            .into_inner();
        out.extend(resp.audiences);
        if resp.next_page_token.is_empty() {
            return out;
        }
        req.page_token = resp.next_page_token;
    }
}

async fn fake_admin(fake: &AepFakeProcess, method: reqwest::Method, path: &str, body: Value) {
    let resp = reqwest::Client::new()
        .request(method, format!("{}{path}", fake.url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
}

async fn inject(fake: &AepFakeProcess, fault: Value, times: u32) {
    fake_admin(
        fake,
        reqwest::Method::POST,
        "/_fake/faults",
        json!({"scope": "list", "fault": fault, "times": times}),
    )
    .await;
}

fn sample() -> Vec<Value> {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(
            cohort_tests::workspace_root().join("crates/cohort-aep-fake/data/audiences.json"),
        )
        .unwrap(),
    )
    .unwrap();
    json["children"].as_array().unwrap().clone()
}

#[tokio::test]
async fn sync_audiences_then_list_them_through_grpc() {
    let fake = AepFakeProcess::start().unwrap();
    let server = start_server(&fake, &[]).await;

    // At start-up.
    let first = startup_run(&server).await;
    assert_eq!(
        first.status,
        SyncStatus::Succeeded as i32,
        "{}",
        first.error
    );
    assert_eq!(first.created, 36);

    let mut client = server.audiences().await.unwrap();
    let err = client
        .sync_audiences(v1::SyncAudiencesRequest {})
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::Unauthenticated);

    // On demand.
    let run = client
        .sync_audiences(authed(v1::SyncAudiencesRequest {}))
        .await
        .unwrap()
        .into_inner()
        .run
        .unwrap();
    assert_eq!(run.status, SyncStatus::Succeeded as i32, "{}", run.error);
    assert!(run.id > first.id);
    assert_eq!((run.created, run.unchanged, run.deleted), (0, 36, 0));
    assert!(run.finished_at.is_some());

    let resp = client
        .list_audiences(authed(v1::ListAudiencesRequest::default()))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.total_size, 36);
    assert_eq!(resp.audiences.len(), 36);
    assert!(resp.next_page_token.is_empty());
    let vip = resp
        .audiences
        .iter()
        .find(|a| a.id == "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63")
        .unwrap();
    assert_eq!(vip.name, "VIP customers");
    assert_eq!(vip.namespace, "AEPSegments");
    assert_eq!(vip.origin, "REAL_TIME_CUSTOMER_PROFILE");
    assert_eq!(vip.state, AudienceState::Active as i32);
    assert_eq!(vip.updated_at.as_ref().unwrap().seconds, 1_692_933_350);
    assert!(vip.synced_at.is_some());
    assert!(vip.rule_ids.is_empty());

    // A rule referencing it is listed by the audience.
    let mut rules = server.rules().await.unwrap();
    let rule = v1::CartPriceRule {
        name: "VIP 10%".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["1".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "10".into(),
        conditions: Some(v1::Condition {
            kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                operator: v1::AudienceOperator::Matches as i32,
                audience_ids: vec![vip.id.clone()],
            })),
        }),
        ..Default::default()
    };
    let created = rules
        .create_rule(authed(v1::CreateRuleRequest { rule: Some(rule) }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let got = client
        .get_audience(authed(v1::GetAudienceRequest { id: vip.id.clone() }))
        .await
        .unwrap()
        .into_inner()
        .audience
        .unwrap();
    assert_eq!(got.rule_ids, [created.id]);
    let err = client
        .get_audience(authed(v1::GetAudienceRequest { id: "nope".into() }))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::NotFound);

    let mut health =
        tonic_health::pb::health_client::HealthClient::new(server.channel().await.unwrap());
    let status = health
        .check(tonic_health::pb::HealthCheckRequest {
            service: "cohort.v1.AudienceService".into(),
        })
        .await
        .unwrap()
        .into_inner()
        .status;
    assert_eq!(
        status,
        tonic_health::pb::health_check_response::ServingStatus::Serving as i32
    );
    assert!(!server.stderr().contains(&fake.client_secret));
}

#[tokio::test]
async fn a_sync_under_faults_never_leaves_a_partial_set() {
    let fake = AepFakeProcess::start().unwrap();
    let server = start_server(&fake, &[]).await;
    let first = startup_run(&server).await;
    assert_eq!(
        first.status,
        SyncStatus::Succeeded as i32,
        "{}",
        first.error
    );
    let before = list_all(&server, v1::ListAudiencesRequest::default()).await;
    assert_eq!(before.len(), 36);

    // AEP now lists a different set: 20 of the audiences, renamed.
    let changed: Vec<Value> = sample()
        .into_iter()
        .take(20)
        .map(|mut a| {
            let name = format!("{} (renamed)", a["name"].as_str().unwrap());
            a["name"] = json!(name);
            a
        })
        .collect();
    fake_admin(
        &fake,
        reqwest::Method::PUT,
        "/_fake/audiences",
        json!({"children": changed}),
    )
    .await;

    let client = server.audiences().await.unwrap();
    let sync = |mut client: v1::audience_service_client::AudienceServiceClient<_>| async move {
        client
            .sync_audiences(authed(v1::SyncAudiencesRequest {}))
            .await
            .unwrap()
            .into_inner()
            .run
            .unwrap()
    };
    let unchanged = || async { list_all(&server, v1::ListAudiencesRequest::default()).await };

    // 1. The second page is malformed, after a good first page.
    inject(&fake, json!({"kind": "slow", "delay_ms": 1}), 1).await;
    inject(&fake, json!({"kind": "malformed_json"}), 1).await;
    let run = sync(client.clone()).await;
    assert_eq!(run.status, SyncStatus::Failed as i32);
    assert!(run.error.contains("malformed response"), "{}", run.error);
    assert_eq!((run.created, run.updated, run.deleted), (0, 0, 0));
    assert_eq!(unchanged().await, before);

    // 2. The platform keeps failing with 503 until the retry budget runs out.
    inject(&fake, json!({"kind": "server_error", "status": 503}), 1000).await;
    let run = sync(client.clone()).await;
    assert_eq!(run.status, SyncStatus::Failed as i32);
    assert!(run.error.contains("503"), "{}", run.error);
    assert_eq!(unchanged().await, before);
    fake_admin(&fake, reqwest::Method::DELETE, "/_fake/faults", json!({})).await;

    // 3. Rate limited on the second (last) page, every retry.
    inject(&fake, json!({"kind": "slow", "delay_ms": 1}), 1).await;
    inject(
        &fake,
        json!({"kind": "rate_limited", "retry_after_secs": null}),
        1000,
    )
    .await;
    let run = sync(client.clone()).await;
    assert_eq!(
        run.status,
        SyncStatus::Failed as i32,
        "{run:?}\n{}",
        server.stderr()
    );
    assert!(run.error.contains("429"), "{}", run.error);
    assert_eq!(unchanged().await, before);
    fake_admin(&fake, reqwest::Method::DELETE, "/_fake/faults", json!({})).await;

    // The error is what GetSyncStatus reports, and it carries no secret.
    let status = latest_run(&server).await;
    assert_eq!(status, run);
    assert!(!status.error.contains(&fake.client_secret));

    // 4. A transient fault is retried within the run, then the next run recovers.
    inject(&fake, json!({"kind": "server_error", "status": 502}), 1).await;
    let run = sync(client.clone()).await;
    assert_eq!(run.status, SyncStatus::Succeeded as i32, "{}", run.error);
    // The 16 vanished ones are marked DELETED (those archived already were DELETED).
    let newly_deleted = sample()[20..]
        .iter()
        .filter(|a| a["lifecycleState"] != "archived")
        .count() as u32;
    assert_eq!(
        (run.created, run.updated, run.deleted),
        (0, 20, newly_deleted)
    );
    assert!(run.error.is_empty());
    let after = list_all(&server, v1::ListAudiencesRequest::default()).await;
    assert_eq!(after.len(), 36, "vanished audiences are kept");
    let deleted = after
        .iter()
        .filter(|a| a.state == AudienceState::Deleted as i32)
        .count();
    let renamed = after
        .iter()
        .filter(|a| a.name.ends_with("(renamed)"))
        .count();
    assert_eq!(renamed, 20);
    let deleted_among_renamed = after
        .iter()
        .filter(|a| a.name.ends_with("(renamed)") && a.state == AudienceState::Deleted as i32)
        .count();
    assert_eq!(deleted, 16 + deleted_among_renamed);
    let status = latest_run(&server).await;
    assert_eq!(status.status, SyncStatus::Succeeded as i32);
    assert!(!server.stderr().contains(&fake.client_secret));
}

/// 25 audiences: names "Audience 00".."Audience 24", states cycling ACTIVE, DRAFT,
/// INACTIVE, DELETED, one update per day from 2024-01-01, "gold" in every fifth description.
fn filter_set() -> Vec<Value> {
    let states = ["published", "draft", "inactive", "archived"];
    (0..25)
        .map(|i: i64| {
            json!({
                "id": format!("aud-{i:02}"),
                "name": format!("Audience {i:02}"),
                "description": if i % 5 == 0 { format!("Gold tier {i}") } else { String::new() },
                "namespace": "AEPSegments",
                "lifecycleState": states[(i % 4) as usize],
                "updateTime": 1_704_067_200_000i64 + i * 86_400_000,
            })
        })
        .collect()
}

fn ids(audiences: &[v1::Audience]) -> Vec<String> {
    audiences.iter().map(|a| a.id.clone()).collect()
}

#[tokio::test]
async fn list_audiences_filters_sorts_and_pages() {
    let fake = AepFakeProcess::start().unwrap();
    fake_admin(
        &fake,
        reqwest::Method::PUT,
        "/_fake/audiences",
        json!({"children": filter_set()}),
    )
    .await;
    let server = start_server(&fake, &[]).await;
    let run = startup_run(&server).await;
    assert_eq!(run.created, 25, "{}", run.error);
    let mut client = server.audiences().await.unwrap();
    let all: Vec<String> = (0..25).map(|i| format!("aud-{i:02}")).collect();

    // Pages of 10: 10 + 10 + 5, total_size on every page, tokens chain.
    let mut req = v1::ListAudiencesRequest {
        page_size: 10,
        ..Default::default()
    };
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let resp = client
            .list_audiences(authed(req.clone()))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(resp.total_size, 25);
        pages += 1;
        assert_eq!(resp.audiences.len(), if pages < 3 { 10 } else { 5 });
        seen.extend(ids(&resp.audiences));
        if resp.next_page_token.is_empty() {
            break;
        }
        req.page_token = resp.next_page_token;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, all);

    // Orders.
    let ordered = |order_by: &str| {
        list_all(
            &server,
            v1::ListAudiencesRequest {
                order_by: order_by.into(),
                page_size: 7,
                ..Default::default()
            },
        )
    };
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(ids(&ordered("name").await), all);
    assert_eq!(ids(&ordered("name desc").await), reversed);
    assert_eq!(ids(&ordered("updated_at").await), all);
    assert_eq!(ids(&ordered("updated_at desc").await), reversed);
    for bad in ["size", "name sideways", "name,updated_at"] {
        let err = client
            .list_audiences(authed(v1::ListAudiencesRequest {
                order_by: bad.into(),
                ..Default::default()
            }))
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::InvalidArgument);
        assert!(err.message().contains("order_by"), "{}", err.message());
    }
    let err = client
        .list_audiences(authed(v1::ListAudiencesRequest {
            page_size: 501,
            ..Default::default()
        }))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
    assert!(err.message().contains("page_size"), "{}", err.message());
    let err = client
        .list_audiences(authed(v1::ListAudiencesRequest {
            page_token: "x".into(),
            ..Default::default()
        }))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);

    // Query: substring of id, name or description, any case.
    let query = |q: &str| {
        list_all(
            &server,
            v1::ListAudiencesRequest {
                query: q.into(),
                ..Default::default()
            },
        )
    };
    assert_eq!(
        ids(&query("GOLD").await),
        ["aud-00", "aud-05", "aud-10", "aud-15", "aud-20"]
    );
    assert_eq!(ids(&query("audience 1").await).len(), 10);
    assert_eq!(ids(&query("AUD-2").await).len(), 5);
    assert!(query("%").await.is_empty());

    // States.
    let with_states = list_all(
        &server,
        v1::ListAudiencesRequest {
            states: vec![AudienceState::Draft as i32, AudienceState::Deleted as i32],
            ..Default::default()
        },
    )
    .await;
    assert_eq!(with_states.len(), 12);
    assert!(with_states.iter().all(
        |a| a.state == AudienceState::Draft as i32 || a.state == AudienceState::Deleted as i32
    ));

    // Updated range (exclusive) combined with a state and an order.
    let day = |i: i64| {
        cohort_proto::convert::timestamp_from_datetime(
            chrono::DateTime::from_timestamp(1_704_067_200 + i * 86_400, 0).unwrap(),
        )
    };
    let ranged = list_all(
        &server,
        v1::ListAudiencesRequest {
            updated_after: Some(day(3)),
            updated_before: Some(day(12)),
            states: vec![AudienceState::Active as i32],
            order_by: "updated_at desc".into(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(ids(&ranged), ["aud-08", "aud-04"]);
}

async fn latest_run(server: &CohortServer) -> v1::SyncRun {
    let mut client = server.audiences().await.unwrap();
    client
        .get_sync_status(authed(v1::GetSyncStatusRequest {}))
        .await
        .unwrap()
        .into_inner()
        .run
        .unwrap()
}

/// A sync left RUNNING by a process that stopped mid-run is marked FAILED by the next run,
/// and while another process holds the sync lock (the server's SQLite file lock) an import
/// waits, then gives up with one line and changes nothing.
#[tokio::test]
async fn a_run_left_running_is_failed_by_the_next_and_a_held_lock_refuses_imports() {
    let server = CohortServer::start(&[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)])
        .await
        .unwrap();
    // Another process on the same database: it holds the sync lock and has a run RUNNING.
    let other = cohort_store::Store::connect(server.database_url())
        .await
        .unwrap();
    let lock = other.try_sync_lock().await.unwrap().expect("free");
    let stale = other.start_sync_run().await.unwrap();

    let file = server.dir.path().join("export.json");
    std::fs::write(&file, json!({ "children": sample() }).to_string()).unwrap();
    let env = [("COHORT__DATABASE__URL", server.database_url())];
    let import = || {
        run_cohort_env(
            &["audiences", "import", file.to_str().unwrap()],
            server.dir.path(),
            &env,
        )
        .unwrap()
    };
    let (code, _, stderr) = import();
    assert_ne!(code, 0);
    assert!(
        stderr.contains("another replica is syncing audiences"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        list_all(&server, v1::ListAudiencesRequest::default())
            .await
            .is_empty()
    );

    // The other process dies: the OS drops its file lock, its run stays RUNNING.
    drop(lock);
    assert_eq!(latest_run(&server).await.status, SyncStatus::Running as i32);
    let (code, stdout, stderr) = import();
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("36 created"), "{stdout}");
    let latest = latest_run(&server).await;
    assert_eq!(latest.status, SyncStatus::Succeeded as i32);
    assert!(latest.id > stale);

    let pool = sqlx::SqlitePool::connect(server.database_url())
        .await
        .unwrap();
    let (status, error): (String, String) =
        sqlx::query_as("SELECT status, error FROM sync_runs WHERE id = $1")
            .bind(stale as i64)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), error.as_str()),
        ("FAILED", cohort_store::INTERRUPTED)
    );
}

#[tokio::test]
async fn without_aep_sync_is_refused_and_import_works() {
    let server = CohortServer::start(&[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)])
        .await
        .unwrap();
    let mut client = server.audiences().await.unwrap();
    let err = client
        .sync_audiences(authed(v1::SyncAudiencesRequest {}))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::FailedPrecondition);
    assert_eq!(err.message(), "aep is not configured");
    let status = client
        .get_sync_status(authed(v1::GetSyncStatusRequest {}))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(status.run, None);

    // `cohort audiences import` on the server's database: malformed items are skipped.
    let mut items = sample();
    items.push(json!({"name": "no id"}));
    items.push(json!({"id": "x", "name": "Bad state", "lifecycleState": "exploded"}));
    let file = server.dir.path().join("export.json");
    std::fs::write(&file, json!({"children": items}).to_string()).unwrap();
    let env = [("COHORT__DATABASE__URL", server.database_url())];
    let (code, stdout, stderr) = run_cohort_env(
        &["audiences", "import", file.to_str().unwrap()],
        server.dir.path(),
        &env,
    )
    .unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("36 created"), "{stdout}");
    assert!(stderr.contains("skipped 2 malformed items"), "{stderr}");
    let listed = list_all(&server, v1::ListAudiencesRequest::default()).await;
    assert_eq!(listed.len(), 36);
    let run = latest_run(&server).await;
    assert_eq!(
        (run.status, run.created),
        (SyncStatus::Succeeded as i32, 36)
    );

    let (code, stdout, stderr) = run_cohort_env(
        &["audiences", "list", "--query", "vip"],
        server.dir.path(),
        &env,
    )
    .unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("VIP customers"), "{stdout}");
    assert!(stderr.contains("of 1 audiences"), "{stderr}");

    // Not JSON: nothing changes, one line, exit != 0.
    std::fs::write(&file, "{\"children\": [").unwrap();
    let (code, _, stderr) = run_cohort_env(
        &["audiences", "import", file.to_str().unwrap()],
        server.dir.path(),
        &env,
    )
    .unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    // And `audiences sync` without AEP says so.
    let (code, _, stderr) =
        run_cohort_env(&["audiences", "sync"], server.dir.path(), &env).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("aep is not configured"), "{stderr}");
}

#[test]
fn aep_check_prints_the_table_or_the_cause() {
    let fake = AepFakeProcess::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = fake.env();
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env.push((
        "COHORT__AEP__TECHNICAL_ACCOUNT_ID",
        "TA123@techacct.adobe.com",
    ));
    let (code, stdout, stderr) = run_cohort_env(&["aep", "check"], dir.path(), &env).unwrap();
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "client id",
        "e2e-client",
        "client secret            p8e-…",
        "technical account id     TA123@techacct.adobe.com",
        "technical account email  -",
        "sandbox                  prod",
        "token expires",
        "audiences visible        36",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in\n{stdout}");
    }
    assert!(!stdout.contains(&fake.client_secret), "{stdout}");

    let wrong = "p8e-wrong-secret-value";
    env.retain(|(k, _)| *k != "COHORT__AEP__CLIENT_SECRET");
    env.push(("COHORT__AEP__CLIENT_SECRET", wrong));
    let (code, stdout, stderr) = run_cohort_env(&["aep", "check"], dir.path(), &env).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("invalid_client"), "{stderr}");
    assert!(stderr.contains("client_secret"), "{stderr}");
    assert!(!stdout.contains(wrong) && !stderr.contains(wrong));
    assert!(!stdout.contains("audiences visible"), "{stdout}");

    // Nothing configured at all.
    let (code, _, stderr) = run_cohort_env(&["aep", "check"], dir.path(), &[]).unwrap();
    assert_ne!(code, 0);
    assert!(stderr.contains("aep is not configured"), "{stderr}");
}

/// SyncAudiences runs outside the caller's deadline: a caller with a 1 s deadline, against
/// a platform that takes 2.5 s for a page, gets the run RUNNING within its deadline (no
/// DEADLINE_EXCEEDED, nothing left RUNNING for good), and the run then finishes on its own.
#[tokio::test]
async fn a_slow_sync_answers_running_within_the_deadline_and_finishes() {
    let fake = AepFakeProcess::start().unwrap();
    let server = start_server(&fake, &[("COHORT__AEP__RETRY_MAX_ELAPSED", "30s")]).await;
    let first = startup_run(&server).await;
    inject(&fake, json!({"kind": "slow", "delay_ms": 2500}), 1).await;
    let mut client = server.audiences().await.unwrap();
    let mut request = authed(v1::SyncAudiencesRequest {});
    request.set_timeout(Duration::from_secs(1));
    let started = Instant::now();
    let run = client
        .sync_audiences(request)
        .await
        .expect("answered within the deadline")
        .into_inner()
        .run
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(run.status, SyncStatus::Running as i32, "{run:?}");
    assert_ne!(run.id, first.id);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let latest = latest_run(&server).await;
        if latest.id == run.id && latest.status != SyncStatus::Running as i32 {
            assert_eq!(latest.status, SyncStatus::Succeeded as i32, "{latest:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the run never finished: {latest:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An IMS token lifetime of u64::MAX seconds used to overflow the token cache's clock and end
/// the periodic sync; it is clamped, and the periodic sync goes on.
#[tokio::test]
async fn a_huge_ims_lifetime_does_not_end_the_periodic_sync() {
    let fake = AepFakeProcess::start_with(&["--token-ttl-secs", &u64::MAX.to_string()]).unwrap();
    let server = start_server(&fake, &[("COHORT__AEP__SYNC_INTERVAL", "1s")]).await;
    let first = startup_run(&server).await;
    assert_eq!(first.status, SyncStatus::Succeeded as i32, "{first:?}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let latest = latest_run(&server).await;
        if latest.id >= first.id + 2 && latest.status == SyncStatus::Succeeded as i32 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the periodic sync stopped: {latest:?}\n{}",
            server.stderr()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
