//! The console over HTTP against the real `cohort serve` (and the real fake AEP): sign-in,
//! the session cookie's attributes, CSRF refusals, the audience dashboard, Sync now,
//! sign-out, and the closed and open consoles. (Browser-driven tests are still to come.)

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

    let page = console.get("/audiences", Some(&cookie)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
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
    let console = start(Some(&fake), &[("COHORT__AUTH__ADMIN_TOKENS", ADMIN)]).await;
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
}

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {ADMIN}").parse().unwrap());
    r
}
