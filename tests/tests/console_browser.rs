//! The console in a real browser: headless Chromium driven through `chromedriver`
//! (WebDriver, `fantoccini`) against the real `cohort serve` and fake AEP: sign in with
//! the admin token, open the audience dashboard, search, Sync now, sign out; Adobe's flow
//! (Add New Rule, an Experience Platform Audience condition picked with Open Chooser, 50 %,
//! Save, then a member's cart priced over gRPC gets the discount), validation errors beside
//! their fields, draft pricing and coupon generation; and the refusals (no session lands on
//! the sign-in page, a wrong token stays there). Each page is
//! saved as a screenshot under `target/console-screenshots/` (and into `docs/console/`
//! with `COHORT_UPDATE_SCREENSHOTS=1`). Needs Debian's `chromium` and `chromium-driver`
//! (`.ci/run` installs them).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cohort_tests::{AepFakeProcess, CohortServer, free_port, workspace_root};
use fantoccini::{Client, ClientBuilder, Locator};

const ADMIN: &str = "browser-admin-token";

/// A `chromedriver` process, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The browsers the console is checked in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Browser {
    /// Debian `chromium` + `chromium-driver`; the screenshots come from it.
    Chromium,
    /// Debian `firefox-esr` + `geckodriver` (`.ci/run` installs it with `cargo install`).
    Firefox,
}

fn driver(kind: Browser) -> Driver {
    let port = free_port();
    let (program, hint) = match kind {
        Browser::Chromium => ("chromedriver", "Debian chromium-driver"),
        Browser::Firefox => ("geckodriver", "cargo install geckodriver"),
    };
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} ({hint}; .ci/run installs it) must be on PATH: {e}"));
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

fn chromedriver() -> Driver {
    driver(Browser::Chromium)
}

async fn browser(driver: &Driver) -> Client {
    open_browser(driver, Browser::Chromium).await
}

async fn open_browser(driver: &Driver, kind: Browser) -> Client {
    let mut caps = serde_json::Map::new();
    match kind {
        Browser::Chromium => {
            caps.insert(
                "goog:chromeOptions".into(),
                serde_json::json!({"args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--lang=en-US"
                ]}),
            );
        }
        Browser::Firefox => {
            caps.insert(
                "moz:firefoxOptions".into(),
                serde_json::json!({"args": ["-headless", "--width=1280", "--height=900"]}),
            );
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.clone());
        match builder.connect(&driver.url).await {
            Ok(client) => return client,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("no WebDriver session from the {kind:?} driver: {e}"),
        }
    }
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    let dir = workspace_root().join("target/console-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
    if std::env::var_os("COHORT_UPDATE_SCREENSHOTS").is_some() {
        let docs: PathBuf = workspace_root().join("docs/console");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join(format!("{name}.png")), &png).unwrap();
    }
}

async fn click(client: &Client, locator: Locator<'_>) {
    client
        .find(locator)
        .await
        .unwrap_or_else(|e| panic!("{locator:?}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Waits (bounded) for an element after a navigation a click started.
async fn wait_for(client: &Client, css: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"));
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_merchandiser_signs_in_searches_syncs_and_signs_out() {
    let fake = AepFakeProcess::start().unwrap();
    let console_port = free_port();
    let console_addr = format!("127.0.0.1:{console_port}");
    let mut env = fake.env();
    env.push(("COHORT__AUTH__ADMIN_TOKENS".into(), ADMIN.into()));
    env.push(("COHORT__CONSOLE__ADDR".into(), console_addr.clone()));
    env.push(("COHORT__AEP__SYNC_INTERVAL".into(), "1h".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let _server = CohortServer::start(&env).await.unwrap();
    let base = format!("http://{console_addr}");
    let driver = chromedriver();
    let client = browser(&driver).await;

    // No session: the dashboard sends the browser to the sign-in page.
    client.goto(&format!("{base}/audiences")).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().path(), "/login");
    screenshot(&client, "login").await;

    // A wrong token stays on the sign-in page with the reason.
    client
        .find(Locator::Id("token"))
        .await
        .unwrap()
        .send_keys("guess")
        .await
        .unwrap();
    click(&client, Locator::Css("button[type=submit]")).await;
    wait_for(&client, "[role=alert]").await;
    assert!(
        text_of(&client, "[role=alert]")
            .await
            .contains("not an admin token")
    );

    // The admin token opens the dashboard.
    client
        .find(Locator::Id("token"))
        .await
        .unwrap()
        .send_keys(ADMIN)
        .await
        .unwrap();
    click(&client, Locator::Css("button[type=submit]")).await;
    wait_for(&client, "#audiences").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/audiences");
    assert_eq!(text_of(&client, "h1").await, "Audiences");
    let rows = client
        .find_all(Locator::Css("#audiences tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 36, "the sample set, synced at start-up");
    screenshot(&client, "audiences").await;

    // Search by name through the form.
    let search = client.find(Locator::Css("input[name=q]")).await.unwrap();
    search.send_keys("loyalty").await.unwrap();
    click(&client, Locator::Css("form.filters button")).await;
    wait_for(&client, "input[name=q][value=loyalty]").await;
    let found = client
        .find_all(Locator::Css("#audiences tbody tr"))
        .await
        .unwrap();
    assert!(
        !found.is_empty() && found.len() < 36,
        "{} rows",
        found.len()
    );

    // Sync now: the run's result is on the dashboard.
    client.goto(&format!("{base}/audiences")).await.unwrap();
    click(
        &client,
        Locator::Css("form[action='/audiences/sync'] button"),
    )
    .await;
    wait_for(&client, "#last-sync").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let last = text_of(&client, "#last-sync").await;
        if last.contains("Last run 2: succeeded") {
            assert!(last.contains("unchanged 36"), "{last}");
            break;
        }
        assert!(Instant::now() < deadline, "no second run: {last}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        client.refresh().await.unwrap();
    }
    screenshot(&client, "audiences-synced").await;

    // The rule list (empty here: rules come from gRPC, the CLI or, later, this console).
    click(&client, Locator::LinkText("Rules")).await;
    wait_for(&client, "#rules").await;
    assert_eq!(text_of(&client, "h1").await, "Cart price rules");
    screenshot(&client, "rules").await;

    // Try a cart: the answer's totals and trace on the page.
    click(&client, Locator::LinkText("Try a cart")).await;
    wait_for(&client, "textarea[name=lines]").await;
    click(&client, Locator::Css("form.try button")).await;
    wait_for(&client, "#grand-total").await;
    assert_eq!(text_of(&client, "#grand-total").await, "49.98");
    screenshot(&client, "try").await;

    // Sign out; the dashboard is closed again.
    click(&client, Locator::Css("form[action='/logout'] button")).await;
    wait_for(&client, "#token").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/login");
    client.goto(&format!("{base}/audiences")).await.unwrap();
    assert_eq!(client.current_url().await.unwrap().path(), "/login");
    client.close().await.unwrap();
}

const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";

async fn sign_in(client: &Client, base: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    client
        .find(Locator::Id("token"))
        .await
        .unwrap()
        .send_keys(ADMIN)
        .await
        .unwrap();
    click(client, Locator::Css("button[type=submit]")).await;
    wait_for(client, "#audiences").await;
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Waits (bounded) until an element's text is `expected` (the page a click opened).
async fn wait_text(client: &Client, css: &str, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(e) = client.find(Locator::Css(css)).await
            && e.text().await.is_ok_and(|t| t == expected)
        {
            return;
        }
        assert!(Instant::now() < deadline, "{css} never showed {expected:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn value_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_merchandiser_creates_an_audience_rule_with_the_chooser_and_a_member_gets_it() {
    editor_flow(Browser::Chromium).await;
}

/// The same flow in Firefox: the script and the forms work there too.
#[tokio::test]
async fn the_editor_flow_works_in_firefox() {
    editor_flow(Browser::Firefox).await;
}

/// Adobe's flow; screenshots from Chromium only (the docs show one browser).
async fn editor_flow(kind: Browser) {
    use cohort_proto::v1;
    let fake = AepFakeProcess::start().unwrap();
    let console_port = free_port();
    let console_addr = format!("127.0.0.1:{console_port}");
    let mut env = fake.env();
    env.push(("COHORT__AUTH__ADMIN_TOKENS".into(), ADMIN.into()));
    env.push(("COHORT__CONSOLE__ADDR".into(), console_addr.clone()));
    env.push(("COHORT__AEP__SYNC_INTERVAL".into(), "1h".into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let server = CohortServer::start(&env).await.unwrap();
    let base = format!("http://{console_addr}");
    let driver = driver(kind);
    let client = open_browser(&driver, kind).await;

    // Sign in, open the dashboard, Sync now.
    sign_in(&client, &base).await;
    click(
        &client,
        Locator::Css("form[action='/audiences/sync'] button"),
    )
    .await;
    wait_for(&client, "#last-sync").await;

    // Rules → Add New Rule.
    click(&client, Locator::LinkText("Rules")).await;
    wait_for(&client, "#rules").await;
    click(&client, Locator::LinkText("Add New Rule")).await;
    wait_for(&client, "form.editor").await;

    // Save with no name: the refusal is beside the field; nothing is saved.
    type_into(&client, "input[name=name]", "").await;
    click(&client, Locator::Css("button.primary[value=save]")).await;
    wait_for(&client, "#err-name").await;
    assert!(text_of(&client, "#err-name").await.contains("is required"));
    if kind == Browser::Chromium {
        screenshot(&client, "rule-errors").await;
    }

    // Rule Information, then an Experience Platform Audience condition added in the page.
    type_into(&client, "input[name=name]", "VIP half price").await;
    client
        .find(Locator::Css("select[name='n.c.new']"))
        .await
        .unwrap()
        .select_by_value("audience")
        .await
        .unwrap();
    click(&client, Locator::Css("button[value='add:c']")).await;
    // Uids starting with "j" are made by console.js; the server's own are "s1", "s2"…
    wait_for(
        &client,
        "#children-c li.node[data-uid^='j'] input.audience-ids",
    )
    .await;

    // Open Chooser, search by name, Pick.
    click(
        &client,
        Locator::Css("#children-c button[value^='choose:']"),
    )
    .await;
    wait_for(
        &client,
        "#children-c .chooser:not([hidden]) input[type=search]",
    )
    .await;
    type_into(
        &client,
        "#children-c .chooser input[type=search]",
        "VIP cust",
    )
    .await;
    wait_for(&client, &format!("button[data-pick='{VIP}']")).await;
    if kind == Browser::Chromium {
        screenshot(&client, "rule-chooser").await;
    }
    click(&client, Locator::Css(&format!("button[data-pick='{VIP}']"))).await;
    assert_eq!(
        text_of(&client, &format!("button[data-pick='{VIP}']")).await,
        "Picked",
        "picked in the page"
    );
    assert_eq!(
        value_of(&client, "#children-c input.audience-ids").await,
        VIP
    );

    // Actions: 50 % of the price; Save.
    type_into(&client, "input[name=discount_amount]", "50").await;
    type_into(&client, "input[name=label_default]", "Half price for VIPs").await;
    if kind == Browser::Chromium {
        screenshot(&client, "rule-editor").await;
    }
    click(&client, Locator::Css("button.primary[value=save]")).await;
    wait_for(&client, "p.ok").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/rules/1");
    assert!(text_of(&client, "p.ok").await.contains("no cache to clean"));

    // A member's cart over gRPC gets the half; a guest's does not.
    let mut pricing = server.pricing().await.unwrap();
    let mut call = tonic::Request::new(cohort_tests::one_line_cart("2", "50"));
    call.metadata_mut()
        .insert("aep-segments-membership", VIP.parse().unwrap());
    let member = pricing.price_cart(call).await.unwrap().into_inner();
    assert_eq!(member.discount_total, "50.00");
    assert_eq!(member.lines[0].discounts[0].label, "Half price for VIPs");
    let guest = pricing
        .price_cart(tonic::Request::new(cohort_tests::one_line_cart("2", "50")))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(guest.discount_total, "0.00");

    // Try a cart with a draft of the rule (25 %): priced as if saved, nothing saved.
    type_into(&client, "input[name=discount_amount]", "25").await;
    click(&client, Locator::Css("button[value=try]")).await;
    wait_for(&client, "#draft").await;
    type_into(&client, "textarea[name=lines]", "tee, 2, 50").await;
    click(&client, Locator::Css("form.try button.primary")).await;
    wait_text(&client, "#discount-total", "25.00").await;
    assert!(text_of(&client, "#draft").await.contains("rule 1"));
    if kind == Browser::Chromium {
        screenshot(&client, "try-draft").await;
    }
    let mut rules = server.rules().await.unwrap();
    let stored = rules
        .get_rule(authed(v1::GetRuleRequest { id: 1 }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert_eq!(stored.discount_amount, "50");

    // Coupons of an AUTO rule: generate, see them listed.
    let auto = rules
        .create_rule(authed(v1::CreateRuleRequest {
            rule: Some(v1::CartPriceRule {
                name: "Mailing".into(),
                active: true,
                website_ids: vec!["base".into()],
                customer_group_ids: vec!["0".into()],
                coupon_type: v1::CouponType::Auto as i32,
                simple_action: v1::SimpleAction::ByPercent as i32,
                discount_amount: "10".into(),
                ..Default::default()
            }),
        }))
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    client
        .goto(&format!("{base}/coupons?rule={}", auto.id))
        .await
        .unwrap();
    wait_for(&client, "form.generate").await;
    type_into(&client, "input[name=quantity]", "20").await;
    type_into(&client, "input[name=prefix]", "VIP-").await;
    click(&client, Locator::Css("form.generate button")).await;
    wait_for(&client, "p.ok").await;
    assert_eq!(text_of(&client, "p.ok").await, "Generated 20 codes.");
    let rows = client
        .find_all(Locator::Css("#coupons tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 20);
    if kind == Browser::Chromium {
        screenshot(&client, "coupons").await;
    }
    client.close().await.unwrap();
}

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    r.metadata_mut()
        .insert("authorization", format!("Bearer {ADMIN}").parse().unwrap());
    r
}
