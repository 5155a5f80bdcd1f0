//! The console over HTTP against the real `cohort serve` (and the real fake AEP): sign-in,
//! the session cookie's attributes, CSRF refusals, the audience dashboard, Sync now,
//! sign-out, and the closed and open consoles; the rule editor without script (Add,
//! Remove, Open Chooser, Pick, Save as form submits), its refusals and conflicts, draft
//! pricing, and the coupons page (generate, list, CSV). `console_browser.rs` drives the same
//! pages in headless Chromium with the script.

use cohort_tests::{AepFakeProcess, CohortServer, free_port};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

const ADMIN: &str = "console-admin-token";

struct Console {
    _server: CohortServer,
    url: String,
    http: reqwest::Client,
}

async fn start(fake: Option<&AepFakeProcess>, env: &[(&str, &str)]) -> Console {
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let mut all: Vec<(String, String)> = fake.map(AepFakeProcess::env).unwrap_or_default();
    all.push(("COHORT__CONSOLE__ADDR".into(), addr.clone()));
    all.push(("COHORT__AEP__SYNC_INTERVAL".into(), "1h".into()));
    all.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let server = CohortServer::start(&all).await.unwrap();
    Console {
        _server: server,
        url: format!("http://{addr}"),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

impl Console {
    async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut r = self.http.get(format!("{}{path}", self.url));
        if let Some(c) = cookie {
            r = r.header(COOKIE, c);
        }
        r.send().await.unwrap()
    }

    async fn post(
        &self,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        // application/x-www-form-urlencoded, as a browser sends a form.
        let mut encoder = reqwest::Url::parse("http://form.invalid/").unwrap();
        encoder.query_pairs_mut().extend_pairs(form);
        let body = encoder.query().unwrap_or_default().to_owned();
        let mut r = self
            .http
            .post(format!("{}{path}", self.url))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body);
        if let Some(c) = cookie {
            r = r.header(COOKIE, c);
        }
        r.send().await.unwrap()
    }

    /// Signs in; the `name=value` of the session cookie and its whole Set-Cookie line.
    async fn sign_in(&self) -> (String, String) {
        let resp = self.post("/login", None, &[("token", ADMIN)]).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert_eq!(resp.headers()[LOCATION], "/audiences");
        let set = resp.headers()[SET_COOKIE].to_str().unwrap().to_owned();
        (set.split(';').next().unwrap().to_owned(), set)
    }
}

fn csrf_of(html: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = html.find(marker).expect("a CSRF field") + marker.len();
    html[start..start + 64].to_owned()
}

#[tokio::test]
async fn sign_in_dashboard_sync_now_and_sign_out() {
    let fake = AepFakeProcess::start().unwrap();
    let console = start(Some(&fake), &[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)]).await;

    // No session: every page sends the visitor to /login.
    for path in ["/", "/audiences"] {
        let resp = console.get(path, None).await;
        assert!(resp.status().is_redirection(), "{path}");
        let to = resp.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(to == "/login" || to == "/audiences", "{path} → {to}");
    }
    assert_eq!(
        console
            .get("/audiences", Some("cohort_session=forged"))
            .await
            .headers()[LOCATION],
        "/login"
    );
    let form = console.get("/login", None).await;
    assert_eq!(form.status(), StatusCode::OK);
    let text = form.text().await.unwrap();
    assert!(
        text.contains(r#"<label for="token">Admin token</label>"#),
        "{text}"
    );

    // A wrong token: refused, no cookie.
    let resp = console.post("/login", None, &[("token", "guess")]).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().get(SET_COOKIE).is_none());

    let (cookie, set) = console.sign_in().await;
    for attribute in ["HttpOnly", "SameSite=Strict", "Max-Age=28800", "Path=/"] {
        assert!(set.contains(attribute), "{attribute}: {set}");
    }
    assert!(!set.contains("Secure"), "plain HTTP: {set}");

    // The start-up sync runs in the background: wait until its run has finished (on a
    // loaded machine the first page can come before it).
    let mut html = String::new();
    for _ in 0..100 {
        let page = console.get("/audiences", Some(&cookie)).await;
        assert_eq!(page.status(), StatusCode::OK);
        html = page.text().await.unwrap();
        if html.contains("Last run 1") && html.contains("sync-succeeded") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains("36 audiences"), "{html}");
    assert!(html.contains("6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63"));
    assert!(!html.contains(ADMIN), "the token is never rendered");
    let csrf = csrf_of(&html);

    // Search and filter go through ListAudiences.
    let html = console
        .get(
            "/audiences?q=zzz-no-such&state=active&order=name",
            Some(&cookie),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("0 audiences"), "{html}");

    // Sync now: refused without the CSRF token or with another one.
    for sent in [
        "",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ] {
        let resp = console
            .post("/audiences/sync", Some(&cookie), &[("csrf", sent)])
            .await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    }
    let resp = console
        .post("/audiences/sync", Some(&cookie), &[("csrf", &csrf)])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let html = console
        .get("/audiences", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"id="last-sync""#), "{html}");
    assert!(
        html.contains("Last run 2"),
        "the start-up run and ours: {html}"
    );
    assert!(html.contains("sync-succeeded"), "{html}");

    // Sign out: the session is gone on the server, not only in the browser.
    let resp = console
        .post("/logout", Some(&cookie), &[("csrf", &csrf)])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(
        resp.headers()[SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert_eq!(
        console.get("/audiences", Some(&cookie)).await.headers()[LOCATION],
        "/login"
    );
}

#[tokio::test]
async fn a_console_without_admin_tokens_is_closed_or_says_it_is_open() {
    let closed = start(None, &[("COHORT__AUTH__ADMIN_OPEN", "false")]).await;
    let resp = closed.post("/login", None, &[("token", "anything")]).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.text().await.unwrap().contains("The console is closed"));
    assert_eq!(
        closed.get("/audiences", None).await.headers()[LOCATION],
        "/login"
    );

    let open = start(None, &[("COHORT__AUTH__ADMIN_OPEN", "true")]).await;
    let resp = open.get("/login", None).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let cookie = resp.headers()[SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = open
        .get("/audiences", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("This console is open"), "{html}");
    assert!(
        html.contains("Experience Platform is not configured"),
        "{html}"
    );
}

#[tokio::test]
async fn the_rule_list_filters_and_toggles_with_the_version_it_showed() {
    use cohort_proto::v1;
    let fake = AepFakeProcess::start().unwrap();
    // A named token: the audit trail records "merch", the bearer stays ADMIN.
    let named = format!("merch:{ADMIN}");
    let console = start(Some(&fake), &[("COHORT__AUTH__ADMIN_TOKENS", &named)]).await;
    const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";
    // The start-up sync imports VIP; then a rule may name it.
    let mut audiences = console._server.audiences().await.unwrap();
    for _ in 0..300 {
        if audiences
            .get_audience(authed(v1::GetAudienceRequest { id: VIP.into() }))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut rules = console._server.rules().await.unwrap();
    let mut rule = v1::CartPriceRule {
        name: "VIP 50 %".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "50".into(),
        sort_order: 3,
        conditions: Some(v1::Condition {
            kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                operator: v1::AudienceOperator::IsOneOf as i32,
                audience_ids: vec![VIP.into()],
            })),
        }),
        ..Default::default()
    };
    let vip = rules
        .create_rule(authed(v1::CreateRuleRequest {
            rule: Some(rule.clone()),
        }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    rule.name = "Plain 5 %".into();
    rule.discount_amount = "5".into();
    rule.conditions = None;
    rules
        .create_rule(authed(v1::CreateRuleRequest {
            rule: Some(rule.clone()),
        }))
        .await
        .unwrap();
    // A near miss for the Try page: 1 % over 150.00.
    rule.name = "Big cart".into();
    rule.discount_amount = "1".into();
    rule.labels.insert(String::new(), "Big cart bonus".into());
    rule.conditions = Some(v1::Condition {
        kind: Some(v1::condition::Kind::Address(v1::AddressCondition {
            attribute: v1::AddressAttribute::Subtotal as i32,
            operator: v1::Operator::Gte as i32,
            values: vec!["150".into()],
        })),
    });
    rules
        .create_rule(authed(v1::CreateRuleRequest { rule: Some(rule) }))
        .await
        .unwrap();

    let (cookie, _) = console.sign_in().await;
    let html = console
        .get("/rules", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("VIP 50 %") && html.contains("Plain 5 %"),
        "{html}"
    );
    assert!(html.contains(VIP));
    let html = console
        .get(&format!("/rules?audience={VIP}"), Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("VIP 50 %") && !html.contains("Plain 5 %"),
        "{html}"
    );
    // The dashboard links the audience to its rule.
    let dashboard = console
        .get("/audiences", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains(&format!("#rule-{}\">rule {}</a>", vip.id, vip.id)),
        "{dashboard}"
    );

    // Try a cart: a VIP's lines get the 50 % (and the 5 %), with the trace as a table.
    let tried = console
        .get(
            &format!("/try?lines=tee%2C+2%2C+50&group=0&audiences={VIP}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(tried.status(), StatusCode::OK);
    let tried = tried.text().await.unwrap();
    assert!(
        tried.contains(r#"<td id="discount-total">52.50</td>"#),
        "{tried}"
    );
    assert!(
        tried.contains(r#"id="trace""#) && tried.contains("applied"),
        "{tried}"
    );
    assert!(
        tried.contains("Membership from <strong>header</strong>"),
        "{tried}"
    );
    assert!(
        tried.contains(
            "Add <strong>50.00</strong> to the subtotal for <strong>Big cart bonus</strong>"
        ),
        "{tried}"
    );
    let bad = console.get("/try?lines=tee%2C+two", Some(&cookie)).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("line 1: write"));
    let bad = console
        .get("/try?lines=tee%2C+-1%2C+5", Some(&cookie))
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(bad.text().await.unwrap().contains("cart.items[0].qty"));

    let csrf = csrf_of(&html);
    let path = format!("/rules/{}/active", vip.id);
    let version = vip.version.to_string();
    let toggle = [
        ("csrf", csrf.as_str()),
        ("version", &version),
        ("active", "0"),
    ];
    let no_csrf = console.post(&path, Some(&cookie), &toggle[1..]).await;
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    let resp = console.post(&path, Some(&cookie), &toggle).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let now = rules
        .get_rule(authed(v1::GetRuleRequest { id: vip.id }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert!(!now.active);
    // The same form again carries the version it was shown: a conflict, nothing saved.
    let stale = [
        ("csrf", csrf.as_str()),
        ("version", &version),
        ("active", "1"),
    ];
    let resp = console.post(&path, Some(&cookie), &stale).await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert!(resp.text().await.unwrap().contains("Nothing was saved"));
    let again = rules
        .get_rule(authed(v1::GetRuleRequest { id: vip.id }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert!(!again.active && again.version == now.version);

    // The audit trail: the console's deactivation as merch's, the refused one not at all.
    let trail = rules
        .list_rule_changes(authed(v1::ListRuleChangesRequest {
            rule_id: vip.id,
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner()
        .changes;
    let seen: Vec<_> = trail
        .iter()
        .map(|c| (c.action(), c.actor.as_str(), c.door(), c.version))
        .collect();
    assert_eq!(
        seen,
        [
            (
                v1::ChangeAction::Deactivate,
                "merch",
                v1::ChangeDoor::Console,
                2
            ),
            (v1::ChangeAction::Create, "merch", v1::ChangeDoor::Grpc, 1),
        ]
    );
    let deactivated = &trail[0];
    assert_eq!(
        (
            deactivated.before.as_ref().map(|r| r.active),
            deactivated.after.as_ref().map(|r| r.active)
        ),
        (Some(true), Some(false))
    );

    // The history page shows it, and restores version 1 as this session's write.
    let history = console
        .get(&format!("/rules/{}/history", vip.id), Some(&cookie))
        .await;
    assert_eq!(history.status(), StatusCode::OK);
    let history = history.text().await.unwrap();
    assert!(
        history.contains("deactivate") && history.contains("merch"),
        "{history}"
    );
    assert!(history.contains("Restore version 1"), "{history}");
    let restore = format!("/rules/{}/restore", vip.id);
    let no_csrf = console
        .post(&restore, Some(&cookie), &[("version", "1")])
        .await;
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    let resp = console
        .post(
            &restore,
            Some(&cookie),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = rules
        .get_rule(authed(v1::GetRuleRequest { id: vip.id }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert!(back.active && back.version == 3, "{back:?}");
    let latest = &rules
        .list_rule_changes(authed(v1::ListRuleChangesRequest {
            rule_id: vip.id,
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner()
        .changes[0];
    assert_eq!(
        (
            latest.action(),
            latest.actor.as_str(),
            latest.door(),
            latest.restored_version
        ),
        (
            v1::ChangeAction::Restore,
            "merch",
            v1::ChangeDoor::Console,
            1
        )
    );
    let missing = console
        .post(
            &restore,
            Some(&cookie),
            &[("csrf", &csrf), ("version", "9")],
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {ADMIN}").parse().unwrap());
    r
}

const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";

/// Waits (bounded) for the start-up sync to import VIP.
async fn wait_for_vip(console: &Console) {
    use cohort_proto::v1;
    let mut audiences = console._server.audiences().await.unwrap();
    for _ in 0..300 {
        if audiences
            .get_audience(authed(v1::GetAudienceRequest { id: VIP.into() }))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("VIP never imported");
}

/// The editor's form for a new rule: every field, both roots, and `extra` on top (later
/// pairs win, as the console reads them).
fn rule_form<'a>(csrf: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("op", "save"),
        ("csrf", csrf),
        ("name", "VIP half price"),
        ("active", "1"),
        ("website_ids", "base"),
        ("customer_group_ids", "0, 1"),
        ("coupon_type", "COUPON_TYPE_NO_COUPON"),
        ("sort_order", "1"),
        ("uses_per_coupon", "0"),
        ("uses_per_customer", "0"),
        ("simple_action", "SIMPLE_ACTION_BY_PERCENT"),
        ("discount_amount", "50"),
        ("discount_step", "0"),
        ("free_shipping", "FREE_SHIPPING_UNSPECIFIED"),
        ("n.c.parent", ""),
        ("n.c.kind", "combine"),
        ("n.c.agg", "AGGREGATOR_ALL"),
        ("n.c.flag", "0"),
        ("n.c.new", "audience"),
        ("n.a.parent", ""),
        ("n.a.kind", "combine"),
        ("n.a.agg", "AGGREGATOR_ALL"),
        ("n.a.flag", "0"),
    ];
    // A button's op is the last one sent; fields override by name.
    for (k, v) in extra {
        form.retain(|(key, _)| key != k);
        form.push((k, v));
    }
    form
}

fn audience_node(values: &str) -> Vec<(&str, &str)> {
    vec![
        ("n.s1.parent", "c"),
        ("n.s1.kind", "audience"),
        ("n.s1.op", "AUDIENCE_OPERATOR_IS_ONE_OF"),
        ("n.s1.values", values),
    ]
}

#[tokio::test]
async fn the_rule_editor_works_without_script_and_saves_through_the_grpc_checks() {
    use cohort_proto::v1;
    let fake = AepFakeProcess::start().unwrap();
    let console = start(Some(&fake), &[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)]).await;
    wait_for_vip(&console).await;
    let (cookie, _) = console.sign_in().await;

    assert!(
        console
            .get("/rules/new", None)
            .await
            .status()
            .is_redirection(),
        "no session"
    );
    let page = console.get("/rules/new", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    for group in ["Rule Information", "Conditions", "Actions", "Labels"] {
        assert!(
            html.contains(&format!("<legend>{group}</legend>")),
            "{group}"
        );
    }
    assert!(html.contains("Experience Platform Audience"));
    let csrf = csrf_of(&html);

    // Add: the server renders the form with a fresh audience condition (nothing saved).
    let added = console
        .post(
            "/rules/new",
            Some(&cookie),
            &rule_form(&csrf, &[("op", "add:c")]),
        )
        .await;
    assert_eq!(added.status(), StatusCode::OK);
    let html = added.text().await.unwrap();
    assert!(
        html.contains(r#"name="n.s1.kind" value="audience""#),
        "{html}"
    );
    // Open Chooser with a search: the matching synced audiences, each with Pick.
    let mut form = rule_form(&csrf, &[("op", "choose:s1"), ("chooser.s1", "VIP cust")]);
    form.extend(audience_node(""));
    let html = console
        .post("/rules/new", Some(&cookie), &form)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!(r#"value="pick:s1:{VIP}""#)),
        "{html}"
    );
    assert!(html.contains("VIP customers"));
    // Pick puts the id in the condition.
    let pick = format!("pick:s1:{VIP}");
    let mut form = rule_form(&csrf, &[("op", &pick)]);
    form.extend(audience_node(""));
    let html = console
        .post("/rules/new", Some(&cookie), &form)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!(r#"name="n.s1.values" value="{VIP}""#)),
        "{html}"
    );
    // Remove takes it out again.
    let mut form = rule_form(&csrf, &[("op", "remove:s1")]);
    form.extend(audience_node(VIP));
    let html = console
        .post("/rules/new", Some(&cookie), &form)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("n.s1.kind"));

    // Refusals: no CSRF token; violations beside their fields, the typed values kept.
    let mut form = rule_form("", &[]);
    form.extend(audience_node(VIP));
    assert_eq!(
        console
            .post("/rules/new", Some(&cookie), &form)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let mut form = rule_form(
        &csrf,
        &[
            ("name", " "),
            ("discount_amount", "150"),
            ("sort_order", "first"),
        ],
    );
    form.extend(audience_node(""));
    let refused = console.post("/rules/new", Some(&cookie), &form).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Nothing was saved"), "{html}");
    assert!(html.contains(r#"id="err-sort_order""#), "{html}");
    assert!(html.contains(r#"value="first""#), "the typed value stays");
    let mut form = rule_form(&csrf, &[("name", " "), ("discount_amount", "150")]);
    form.extend(audience_node(""));
    let html = console
        .post("/rules/new", Some(&cookie), &form)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"id="err-name""#), "{html}");
    assert!(html.contains(r#"id="err-discount_amount""#), "{html}");
    assert!(
        html.contains("audience_ids: at least one audience id is required"),
        "the violation is beside the condition: {html}"
    );
    // An audience never synced: the store's refusal, beside the conditions.
    let mut form = rule_form(&csrf, &[]);
    form.extend(audience_node("never-synced"));
    let refused = console.post("/rules/new", Some(&cookie), &form).await;
    assert!(refused.status().is_client_error());
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("audiences never imported: never-synced")
    );
    assert_eq!(
        console
            ._server
            .rules()
            .await
            .unwrap()
            .list_rules(authed(v1::ListRulesRequest::default()))
            .await
            .unwrap()
            .into_inner()
            .rules
            .len(),
        0,
        "nothing was written"
    );

    // Save: CreateRule; the answer is the stored rule's page.
    let mut form = rule_form(
        &csrf,
        &[
            ("label_default", "Half price for VIPs"),
            ("exclusive_group", " vip offers "),
        ],
    );
    form.extend(audience_node(VIP));
    let saved = console.post("/rules/new", Some(&cookie), &form).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(saved.headers()[LOCATION], "/rules/1?saved=1");
    let mut rules = console._server.rules().await.unwrap();
    let stored = rules
        .get_rule(authed(v1::GetRuleRequest { id: 1 }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert_eq!(stored.name, "VIP half price");
    assert_eq!(stored.discount_amount, "50");
    assert_eq!(stored.labels[""], "Half price for VIPs");
    assert_eq!(stored.exclusive_group, "vip offers", "the editor trims it");
    let Some(v1::condition::Kind::Combine(root)) =
        stored.conditions.as_ref().and_then(|c| c.kind.clone())
    else {
        panic!("the root combine: {stored:?}")
    };
    assert_eq!(
        root.conditions[0].kind,
        Some(v1::condition::Kind::Audience(v1::AudienceCondition {
            operator: v1::AudienceOperator::IsOneOf as i32,
            audience_ids: vec![VIP.into()],
        }))
    );
    assert!(
        stored.action_conditions.is_none(),
        "an empty root is no condition"
    );

    // A member's cart priced over gRPC gets the half; a non-member's does not.
    let mut pricing = console._server.pricing().await.unwrap();
    let mut call = tonic::Request::new(cohort_tests::one_line_cart("2", "50"));
    call.metadata_mut()
        .insert("aep-segments-membership", VIP.parse().unwrap());
    let member = pricing.price_cart(call).await.unwrap().into_inner();
    assert_eq!(member.discount_total, "50.00");
    let guest = pricing
        .price_cart(tonic::Request::new(cohort_tests::one_line_cart("2", "50")))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(guest.discount_total, "0.00");

    // The stored rule in the editor; an update with the version read, then a stale one.
    let html = console
        .get("/rules/1?saved=1", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("there is no cache to clean"), "{html}");
    assert!(html.contains(&format!(r#"value="{VIP}""#)));
    assert!(
        html.contains(r#"name="exclusive_group" value="vip offers""#),
        "{html}"
    );
    let mut form = rule_form(&csrf, &[("version", "1"), ("discount_amount", "40")]);
    form.extend(audience_node(VIP));
    let updated = console.post("/rules/1", Some(&cookie), &form).await;
    assert_eq!(updated.status(), StatusCode::SEE_OTHER);
    let mut form = rule_form(
        &csrf,
        &[
            ("version", "1"),
            ("discount_amount", "30"),
            ("name", "Mine"),
        ],
    );
    form.extend(audience_node(VIP));
    let stale = console.post("/rules/1", Some(&cookie), &form).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let html = stale.text().await.unwrap();
    assert!(html.contains("changed by someone else"), "{html}");
    assert!(html.contains(r#"value="Mine""#), "the typed changes stay");
    let now = rules
        .get_rule(authed(v1::GetRuleRequest { id: 1 }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert_eq!((now.version, now.discount_amount.as_str()), (2, "40"));

    // Try a cart with a draft: priced as if saved, nothing saved.
    let mut form = rule_form(
        &csrf,
        &[("op", "try"), ("version", "2"), ("discount_amount", "10")],
    );
    form.extend(audience_node(VIP));
    let tried = console.post("/rules/1", Some(&cookie), &form).await;
    assert_eq!(tried.status(), StatusCode::OK);
    let html = tried.text().await.unwrap();
    assert!(html.contains(r#"id="draft""#), "{html}");
    // The example lines (2 × 19.99 + 10) at 10 % for the member.
    assert!(
        html.contains(r#"<td id="discount-total">5.00</td>"#),
        "{html}"
    );
    // Beside it, the simulation against the live rule (40 %: 15.99 + 4.00 = 19.99 off):
    // 14.99 less discount, 14.99 more to pay.
    assert!(html.contains(r#"id="changes""#), "{html}");
    assert!(
        html.contains(r#"<td id="discount-delta">-14.99</td>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<td id="grand-delta">14.99</td>"#),
        "{html}"
    );
    let unchanged = rules
        .get_rule(authed(v1::GetRuleRequest { id: 1 }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert_eq!(unchanged.discount_amount, "40");

    // Delete, with the CSRF token only.
    assert_eq!(
        console
            .post("/rules/1/delete", Some(&cookie), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let deleted = console
        .post("/rules/1/delete", Some(&cookie), &[("csrf", &csrf)])
        .await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        console.get("/rules/1", Some(&cookie)).await.status(),
        StatusCode::NOT_FOUND
    );
    // Every console write of the rule is in its trail as the (unnamed) token's, door console:
    // its creation first, its deletion last.
    let trail = console
        ._server
        .rules()
        .await
        .unwrap()
        .list_rule_changes(authed(v1::ListRuleChangesRequest {
            rule_id: 1,
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner()
        .changes;
    assert!(trail.len() >= 2, "{trail:?}");
    assert!(
        trail
            .iter()
            .all(|c| c.actor == "admin-token-1" && c.door() == v1::ChangeDoor::Console),
        "{trail:?}"
    );
    assert_eq!(trail[0].action(), v1::ChangeAction::Delete);
    assert_eq!(trail.last().unwrap().action(), v1::ChangeAction::Create);
}

#[tokio::test]
async fn the_coupons_page_generates_lists_and_downloads_codes() {
    use cohort_proto::v1;
    let console = start(None, &[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)]).await;
    let mut rules = console._server.rules().await.unwrap();
    let auto = rules
        .create_rule(authed(v1::CreateRuleRequest {
            rule: Some(v1::CartPriceRule {
                name: "Mailing".into(),
                active: true,
                website_ids: vec!["base".into()],
                customer_group_ids: vec!["0".into()],
                coupon_type: v1::CouponType::Auto as i32,
                simple_action: v1::SimpleAction::ByPercent as i32,
                uses_per_coupon: 1,
                discount_amount: "10".into(),
                ..Default::default()
            }),
        }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let (cookie, _) = console.sign_in().await;
    let path = format!("/coupons?rule={}", auto.id);
    assert!(console.get(&path, None).await.status().is_redirection());
    let html = console
        .get(&path, Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Manage coupon codes"), "{html}");
    assert!(html.contains("No coupon code yet"));
    let csrf = csrf_of(&html);
    let rule = auto.id.to_string();

    // Bad options: beside their fields, nothing generated.
    for (quantity, length, field) in [
        ("many", "", "quantity"),
        ("0", "", "quantity"),
        ("5", "99", "length"),
    ] {
        let refused = console
            .post(
                "/coupons",
                Some(&cookie),
                &[
                    ("csrf", &csrf),
                    ("rule", &rule),
                    ("quantity", quantity),
                    ("length", length),
                ],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{quantity}"
        );
        let html = refused.text().await.unwrap();
        assert!(
            html.contains(&format!(r#"id="err-{field}""#)),
            "{field}: {html}"
        );
    }
    assert_eq!(
        console
            .post(
                "/coupons",
                Some(&cookie),
                &[("rule", &rule), ("quantity", "5")]
            )
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    let generated = console
        .post(
            "/coupons",
            Some(&cookie),
            &[
                ("csrf", &csrf),
                ("rule", &rule),
                ("quantity", "150"),
                ("length", "8"),
                ("format", "COUPON_FORMAT_NUMERIC"),
                ("prefix", "MAIL-"),
            ],
        )
        .await;
    assert_eq!(generated.status(), StatusCode::SEE_OTHER);
    let job = generated.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(job.starts_with(&format!("{path}&job=")), "{job}");
    let mut html = String::new();
    for _ in 0..100 {
        html = console.get(&job, Some(&cookie)).await.text().await.unwrap();
        if !html.contains("Generating") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains("Generated 150 codes."), "{html}");
    assert_eq!(html.matches("<code>MAIL-").count(), 100, "the first page");
    // The generation is in the rule's trail, as the console's, with its request.
    let trail = console
        ._server
        .rules()
        .await
        .unwrap()
        .list_rule_changes(authed(cohort_proto::v1::ListRuleChangesRequest {
            rule_id: auto.id,
            ..Default::default()
        }))
        .await
        .unwrap()
        .into_inner()
        .changes;
    let generation = &trail[0];
    assert_eq!(
        (
            generation.action(),
            generation.door(),
            generation.coupons_generated.as_ref().map(|g| g.quantity)
        ),
        (
            cohort_proto::v1::ChangeAction::GenerateCoupons,
            cohort_proto::v1::ChangeDoor::Console,
            Some(150)
        )
    );
    assert!(html.contains(r#"rel="next""#));

    let csv = console
        .get(&format!("/coupons.csv?rule={rule}"), Some(&cookie))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "code,generated,times_used,usage_limit,usage_per_customer,expires_on"
    );
    assert_eq!(lines.len(), 151);
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.starts_with("MAIL-") && l.contains(",true,0,1,0,"))
    );
    let code = lines[1].split(',').next().unwrap();
    assert!(code["MAIL-".len()..].chars().all(|c| c.is_ascii_digit()));
    assert_eq!(
        console
            .get("/coupons.csv?rule=999", Some(&cookie))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn with_server_tls_the_console_is_https_only_with_secure_cookies() {
    let ck = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("server.crt"), dir.path().join("server.key"));
    std::fs::write(&cert, ck.cert.pem()).unwrap();
    std::fs::write(&key, ck.signing_key.serialize_pem()).unwrap();
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let _server = CohortServer::start_tls(
        &[
            ("COHORT__SERVER__TLS_CERT", cert.to_str().unwrap()),
            ("COHORT__SERVER__TLS_KEY", key.to_str().unwrap()),
            ("COHORT__CONSOLE__ADDR", &addr),
            ("COHORT__AUTH__ADMIN_TOKENS", ADMIN),
        ],
        &ck.cert.pem(),
        None,
    )
    .await
    .unwrap();
    let https = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(ck.cert.pem().as_bytes()).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = format!("https://localhost:{port}");
    let form = https.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let signed = https
        .post(format!("{base}/login"))
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body(format!("token={ADMIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let set = signed.headers()[SET_COOKIE].to_str().unwrap();
    assert!(set.contains("Secure") && set.contains("HttpOnly"), "{set}");
    // Plain HTTP on the console's port gets no page.
    let plain = reqwest::Client::new()
        .get(format!("http://{addr}/login"))
        .send()
        .await;
    assert!(
        plain.is_err() || !plain.unwrap().status().is_success(),
        "the console must not answer in the clear"
    );
}
