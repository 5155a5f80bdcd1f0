//! Membership you can trust, end to end: the real `cohort serve` against the real
//! `cohort-aep-fake` (audiences synced at start-up, shopper profiles for the look-ups).
//! Lookup mode: a member's cart gets the audience rule with no header, a forged header is
//! ignored, a second call inside the TTL costs no look-up, a slow AEP costs at most the
//! budget and falls back as configured. Token mode: tokens minted by `cohort membership
//! sign` (HS256 from the config, ES256 from a private key file) apply; forged, expired and
//! wrong-subject ones do not, each with its note.

use std::path::Path;
use std::time::{Duration, Instant};

use cohort_proto::v1::{self, MembershipSource};
use cohort_tests::{AepFakeProcess, CohortServer, free_port, run_cohort_env, scrape_metrics};
use serde_json::{Value, json};
use tonic::Code;

const ADMIN: &str = "admin-e2e-token";
const SHOP: &str = "storefront-token";
const BACK_OFFICE: &str = "back-office-token";
/// The first audience of the fake's sample set.
const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";
const MEMBER: &str = "41027536727812912240286213151155960004";
const STRANGER: &str = "99999999999999999999999999999999999999";
const SECRET: &str = "e2e-membership-secret-0123456789abcdef";

fn authed<T>(msg: T, token: &str) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    r
}

fn profiles_file(dir: &Path) -> String {
    let path = dir.join("profiles.json");
    let body = json!({"profiles": [
        {"namespace": "ECID", "id": MEMBER, "audiences": [VIP]},
        {"namespace": "ECID", "id": "slow-shopper", "audiences": [VIP]}
    ]});
    std::fs::write(&path, body.to_string()).unwrap();
    path.display().to_string()
}

/// A server synced from `fake`, with a 20 % rule for VIP members.
async fn start(fake: &AepFakeProcess, extra: &[(&str, &str)], args: &[&str]) -> CohortServer {
    let mut env = fake.env();
    for (k, v) in [
        ("COHORT__AUTH__ADMIN_TOKENS", ADMIN),
        (
            "COHORT__AUTH__PRICING_TOKENS",
            &format!("{SHOP},{BACK_OFFICE}"),
        ),
        ("COHORT__MEMBERSHIP__TRUSTED_TOKENS", BACK_OFFICE),
        ("COHORT__AEP__SYNC_INTERVAL", "1h"),
        ("COHORT__AEP__DATASTREAM_ID", "e2e-datastream"),
    ] {
        env.push((k.to_owned(), v.to_owned()));
    }
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let server = CohortServer::start_with_args(&env, args).await.unwrap();
    // The start-up sync imports VIP; then the rule can name it.
    let mut audiences = server.audiences().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while audiences
        .get_audience(authed(v1::GetAudienceRequest { id: VIP.into() }, ADMIN))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "no sync:\n{}", server.stderr());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rule = v1::CartPriceRule {
        name: "VIP 20 %".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "20".into(),
        conditions: Some(v1::Condition {
            kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                operator: v1::AudienceOperator::IsOneOf as i32,
                audience_ids: vec![VIP.into()],
            })),
        }),
        ..Default::default()
    };
    server
        .rules()
        .await
        .unwrap()
        .create_rule(authed(v1::CreateRuleRequest { rule: Some(rule) }, ADMIN))
        .await
        .unwrap();
    server
}

fn cart(identity: Option<&str>) -> v1::PriceCartRequest {
    let mut request = cohort_tests::one_line_cart("2", "50");
    let cart = request.cart.as_mut().unwrap();
    cart.identity = identity.map(|id| v1::Identity {
        namespace: "ECID".into(),
        id: id.into(),
    });
    request.explain = true;
    request
}

/// A PriceCart call with the storefront's token and `metadata` on top.
fn call(
    request: v1::PriceCartRequest,
    token: &str,
    metadata: &[(&'static str, &str)],
) -> tonic::Request<v1::PriceCartRequest> {
    let mut r = authed(request, token);
    for (k, v) in metadata {
        r.metadata_mut().insert(*k, v.parse().unwrap());
    }
    r
}

async fn price(
    server: &CohortServer,
    request: tonic::Request<v1::PriceCartRequest>,
) -> (v1::PriceCartResponse, v1::Membership) {
    let resp = server
        .pricing()
        .await
        .unwrap()
        .price_cart(request)
        .await
        .unwrap()
        .into_inner();
    let membership = resp.membership.clone().expect("membership in every answer");
    (resp, membership)
}

async fn fake_stats(fake: &AepFakeProcess) -> Value {
    reqwest::get(format!("{}/_fake/stats", fake.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn fake_fault(fake: &AepFakeProcess, fault: Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}/_fake/faults", fake.url))
        .json(&json!({"scope": "lookup", "fault": fault, "times": 1}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
}

#[tokio::test]
async fn lookup_mode_knows_membership_itself() {
    let dir = tempfile::tempdir().unwrap();
    let fake = AepFakeProcess::start_with(&["--profiles", &profiles_file(dir.path())]).unwrap();
    let metrics = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics}");
    let server = start(
        &fake,
        &[
            ("COHORT__MEMBERSHIP__MODE", "lookup"),
            ("COHORT__MEMBERSHIP__LOOKUP", "edge"),
            ("COHORT__MEMBERSHIP__LOOKUP_TIMEOUT", "150ms"),
            ("COHORT__MEMBERSHIP__LOOKUP_TTL", "1h"),
            ("COHORT__MEMBERSHIP__ON_LOOKUP_FAILURE", "none"),
            ("COHORT__METRICS__ADDR", &metrics_addr),
        ],
        &[],
    )
    .await;

    // A member, no header: the look-up finds VIP.
    let (resp, m) = price(&server, call(cart(Some(MEMBER)), SHOP, &[])).await;
    assert_eq!(m.source, MembershipSource::Lookup as i32, "{m:?}");
    assert_eq!(m.audience_ids, [VIP]);
    assert_eq!(resp.audience_ids, [VIP]);
    assert_eq!(resp.discount_total, "20.00");

    // Again inside the TTL: from the cache, no look-up.
    let (resp, m) = price(&server, call(cart(Some(MEMBER)), SHOP, &[])).await;
    assert_eq!(m.source, MembershipSource::Cache as i32);
    assert_eq!(resp.discount_total, "20.00");
    assert_eq!(fake_stats(&fake).await["edge_lookups"], 1);

    // A stranger forging the header: ignored, and the answer says so.
    let forged = [("aep-segments-membership", VIP)];
    let (resp, m) = price(&server, call(cart(Some(STRANGER)), SHOP, &forged)).await;
    assert_eq!(m.source, MembershipSource::Lookup as i32);
    assert!(m.audience_ids.is_empty());
    assert_eq!(m.note, "header ignored in lookup mode");
    assert_eq!(resp.discount_total, "0.00");
    let trace = &resp.trace[0];
    assert!(
        trace.detail.ends_with("(membership from lookup)"),
        "{}",
        trace.detail
    );
    // Also with no identity at all.
    let (resp, m) = price(&server, call(cart(None), SHOP, &forged)).await;
    assert_eq!(m.source, MembershipSource::None as i32);
    assert_eq!(
        m.note,
        "no cart.identity to look up; header ignored in lookup mode"
    );
    assert_eq!(resp.discount_total, "0.00");

    // A trusted back office may still send plain membership.
    let (resp, m) = price(&server, call(cart(None), BACK_OFFICE, &forged)).await;
    assert_eq!(m.source, MembershipSource::Header as i32);
    assert_eq!(resp.discount_total, "20.00");

    // A slow AEP: the call waits the budget (well inside a 2 s deadline, while AEP takes
    // 3 s), then falls back to none.
    fake_fault(&fake, json!({"kind": "slow", "delay_ms": 3000})).await;
    let mut slow = call(cart(Some("slow-shopper")), SHOP, &[]);
    slow.set_timeout(Duration::from_secs(2));
    let (resp, m) = price(&server, slow).await;
    assert_eq!(m.source, MembershipSource::None as i32);
    assert_eq!(m.note, "look-up timed out after 150 ms: fallback none");
    assert_eq!(resp.discount_total, "0.00");
    // AEP failing outright: also priced, also none.
    fake_fault(&fake, json!({"kind": "server_error", "status": 503})).await;
    let (_, m) = price(&server, call(cart(Some("someone-new")), SHOP, &[])).await;
    assert_eq!(m.source, MembershipSource::None as i32);
    assert!(m.note.starts_with("look-up failed ("), "{}", m.note);

    // A half identity is refused, naming the field.
    let mut half = cart(None);
    half.cart.as_mut().unwrap().identity = Some(v1::Identity {
        namespace: "ECID".into(),
        id: String::new(),
    });
    let status = server
        .pricing()
        .await
        .unwrap()
        .price_cart(call(half, SHOP, &[]))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status.message().contains("cart.identity.id"), "{status:?}");

    let text = scrape_metrics(metrics).await;
    for line in [
        "cohort_membership_cache_total{result=\"hit\"} 1",
        "cohort_membership_lookups_total{outcome=\"timeout\"} 1",
        "cohort_membership_source_total{source=\"cache\"} 1",
    ] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    assert!(text.contains("cohort_membership_lookup_duration_seconds_bucket"));
}

#[tokio::test]
async fn lookup_failures_can_fall_back_to_the_header_and_profile_lookups_work() {
    let dir = tempfile::tempdir().unwrap();
    let fake = AepFakeProcess::start_with(&["--profiles", &profiles_file(dir.path())]).unwrap();
    let server = start(
        &fake,
        &[
            ("COHORT__MEMBERSHIP__MODE", "lookup"),
            ("COHORT__MEMBERSHIP__LOOKUP", "profile"),
            ("COHORT__MEMBERSHIP__LOOKUP_TIMEOUT", "150ms"),
            ("COHORT__MEMBERSHIP__ON_LOOKUP_FAILURE", "header"),
        ],
        &[],
    )
    .await;
    let (resp, m) = price(&server, call(cart(Some(MEMBER)), SHOP, &[])).await;
    assert_eq!(m.source, MembershipSource::Lookup as i32);
    assert_eq!(resp.discount_total, "20.00");
    assert_eq!(fake_stats(&fake).await["profile_lookups"], 1);
    fake_fault(
        &fake,
        json!({"kind": "rate_limited", "retry_after_secs": 1}),
    )
    .await;
    let header = [("aep-segments-membership", VIP)];
    let (resp, m) = price(&server, call(cart(Some("new-shopper")), SHOP, &header)).await;
    assert_eq!(m.source, MembershipSource::Header as i32);
    assert_eq!(m.note, "look-up failed (AEP answered 429): fallback header");
    assert_eq!(resp.discount_total, "20.00");
}

fn sign(cfg: &Path, args: &[&str]) -> String {
    let mut all = vec!["--config", cfg.to_str().unwrap(), "membership", "sign"];
    all.extend_from_slice(args);
    let (code, out, err) = run_cohort_env(&all, cfg.parent().unwrap(), &[]).unwrap();
    assert_eq!(code, 0, "{err}");
    out.trim().to_owned()
}

#[tokio::test]
async fn token_mode_counts_only_valid_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let es = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    std::fs::write(dir.path().join("es.pub.pem"), es.public_key_pem()).unwrap();
    let private = dir.path().join("es.key.pem");
    std::fs::write(&private, es.serialize_pem()).unwrap();
    let config = dir.path().join("cohort.toml");
    std::fs::write(
        &config,
        format!(
            "[membership]\nmode = \"token\"\n\n[[membership.token_keys]]\nkid = \"k1\"\nalg = \"HS256\"\nsecret = \"{SECRET}\"\n\n[[membership.token_keys]]\nkid = \"edge-fn\"\nalg = \"ES256\"\npublic_key_file = \"{}\"\n",
            dir.path().join("es.pub.pem").display()
        ),
    )
    .unwrap();
    // The same kid with another secret: what a forger without the secret can make.
    let forger = dir.path().join("forger.toml");
    std::fs::write(
        &forger,
        "[[membership.token_keys]]\nkid = \"k1\"\nalg = \"HS256\"\nsecret = \"not-the-secret-but-32-bytes-long!!\"\n",
    )
    .unwrap();
    let fake = AepFakeProcess::start().unwrap();
    let server = start(&fake, &[], &["--config", config.to_str().unwrap()]).await;

    let member = [
        "--kid",
        "k1",
        "--audiences",
        VIP,
        "--sub",
        MEMBER,
        "--namespace",
        "ECID",
    ];
    let valid = sign(&config, &member);
    let (resp, m) = price(
        &server,
        call(
            cart(Some(MEMBER)),
            SHOP,
            &[("cohort-membership-token", &valid)],
        ),
    )
    .await;
    assert_eq!(m.source, MembershipSource::Token as i32, "{m:?}");
    assert_eq!(m.audience_ids, [VIP]);
    assert_eq!(resp.discount_total, "20.00");

    let es_token = sign(
        &config,
        &[
            "--kid",
            "edge-fn",
            "--private-key",
            private.to_str().unwrap(),
            "--audiences",
            VIP,
            "--sub",
            MEMBER,
        ],
    );
    let (resp, m) = price(
        &server,
        call(
            cart(Some(MEMBER)),
            SHOP,
            &[("cohort-membership-token", &es_token)],
        ),
    )
    .await;
    assert_eq!(m.source, MembershipSource::Token as i32, "{m:?}");
    assert_eq!(resp.discount_total, "20.00");

    let hour_ago = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let mut expired_args = member.to_vec();
    expired_args.extend(["--ttl", "5m", "--issued-at", &hour_ago]);
    let stranger = ["--kid", "k1", "--audiences", VIP, "--sub", STRANGER];
    for (token, note) in [
        (sign(&forger, &member), "token signature is not valid"),
        (sign(&config, &expired_args), "token expired"),
        (
            sign(&config, &stranger),
            "token subject does not match cart.identity",
        ),
    ] {
        let (resp, m) = price(
            &server,
            call(
                cart(Some(MEMBER)),
                SHOP,
                &[("cohort-membership-token", &token)],
            ),
        )
        .await;
        assert_eq!(m.source, MembershipSource::None as i32, "{note}");
        assert_eq!(m.note, note);
        assert_eq!(resp.discount_total, "0.00", "{note}");
    }

    // The header alone no longer counts...
    let forged = [("aep-segments-membership", VIP)];
    let (resp, m) = price(&server, call(cart(Some(MEMBER)), SHOP, &forged)).await;
    assert_eq!(m.note, "no membership token; header ignored in token mode");
    assert_eq!(resp.discount_total, "0.00");
    // ...but does from a trusted back office.
    let (resp, m) = price(&server, call(cart(None), BACK_OFFICE, &forged)).await;
    assert_eq!(m.source, MembershipSource::Header as i32);
    assert_eq!(resp.discount_total, "20.00");

    // The CLI refuses what it cannot sign, in one line.
    let (code, _, err) = run_cohort_env(
        &[
            "--config",
            config.to_str().unwrap(),
            "membership",
            "sign",
            "--kid",
            "edge-fn",
        ],
        dir.path(),
        &[],
    )
    .unwrap();
    assert_ne!(code, 0);
    assert!(
        err.contains("--private-key") && err.lines().count() == 1,
        "{err}"
    );
}

#[tokio::test]
async fn a_broken_membership_section_stops_start_up() {
    let dir = tempfile::tempdir().unwrap();
    for (env, needle) in [
        (
            vec![("COHORT__MEMBERSHIP__MODE", "lookup")],
            "needs the aep section",
        ),
        (
            vec![("COHORT__MEMBERSHIP__MODE", "token")],
            "token mode needs at least one key",
        ),
        (
            vec![("COHORT__MEMBERSHIP__TRUSTED_TOKENS", "unknown")],
            "membership.trusted_tokens[0]",
        ),
    ] {
        let mut all = env.clone();
        all.push(("COHORT__DATABASE__URL", "sqlite::memory:"));
        let (code, _, err) = run_cohort_env(&["serve"], dir.path(), &all).unwrap();
        assert_ne!(code, 0, "{env:?}");
        assert!(err.contains(needle), "{env:?}: {err}");
    }
}
