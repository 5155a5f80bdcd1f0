//! The console in a real browser: headless Chromium driven through `chromedriver`
//! (WebDriver, `fantoccini`) against the real `cohort serve` and fake AEP: sign in with
//! the admin token, open the audience dashboard, search, Sync now, sign out; and the
//! refusals (no session lands on the sign-in page, a wrong token stays there). Each page is
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

fn chromedriver() -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (Debian chromium-driver; .ci/run installs it) must be on PATH");
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

async fn browser(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1280,900", "--lang=en-US"
        ]}),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
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
            Err(e) => panic!("no WebDriver session from chromedriver: {e}"),
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
