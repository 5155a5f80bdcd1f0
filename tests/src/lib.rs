//! Harness for the end-to-end tests: starts the real `cohort` binary on a free port with a
//! temporary SQLite file, waits for health, hands out gRPC clients, and stops the process
//! (SIGTERM, then SIGKILL) when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use cohort_proto::v1::audience_service_client::AudienceServiceClient;
use cohort_proto::v1::coupon_service_client::CouponServiceClient;
use cohort_proto::v1::pricing_service_client::PricingServiceClient;
use cohort_proto::v1::rule_service_client::RuleServiceClient;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent().unwrap_or(dir).to_path_buf()
}

/// The `cohort` binary under test: `$COHORT_BIN` (set by `cargo xtask test`), else built
/// once with cargo.
pub fn cohort_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(bin) = std::env::var_os("COHORT_BIN") {
            return PathBuf::from(bin);
        }
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--quiet", "--package", "cohort", "--bin", "cohort"])
            .current_dir(workspace_root())
            .status()
            .expect("running cargo build for the cohort binary");
        assert!(status.success(), "cargo build -p cohort failed");
        workspace_root().join("target/debug/cohort")
    })
    .clone()
}

/// The `cohort-aep-fake` binary, built next to `cohort` (`cargo xtask test` builds both).
pub fn aep_fake_bin() -> PathBuf {
    let bin = cohort_bin().with_file_name("cohort-aep-fake");
    if !bin.exists() {
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "build",
                "--quiet",
                "--package",
                "cohort-aep-fake",
                "--bin",
                "cohort-aep-fake",
            ])
            .current_dir(workspace_root())
            .status()
            .expect("running cargo build for the cohort-aep-fake binary");
        assert!(status.success(), "cargo build -p cohort-aep-fake failed");
    }
    bin
}

/// A running `cohort-aep-fake` process serving the shipped sample set (36 audiences);
/// killed when dropped. Faults and audience sets go through its `/_fake/` endpoints.
pub struct AepFakeProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`: `aep.ims_url`, `aep.platform_url` and `aep.edge_url`.
    pub url: String,
    pub client_id: String,
    pub client_secret: String,
    pub org_id: String,
}

impl AepFakeProcess {
    pub fn start() -> Result<AepFakeProcess> {
        Self::start_with(&[])
    }

    /// As `start`, with more arguments for the fake (e.g. `--token-ttl-secs N`).
    pub fn start_with(extra: &[&str]) -> Result<AepFakeProcess> {
        let (client_id, client_secret, org_id) = (
            "e2e-client",
            "p8e-e2e-S3cret-value",
            "E2E0123456789@AdobeOrg",
        );
        let mut child = Command::new(aep_fake_bin())
            .args(["--addr", "127.0.0.1:0", "--client-id", client_id])
            .args(["--org-id", org_id])
            .args(extra)
            .env("COHORT_AEP_FAKE_CLIENT_SECRET", client_secret)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting cohort-aep-fake")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let Some(url) = line.trim().strip_prefix("cohort-aep-fake listening on ") else {
            let _ = child.kill();
            bail!("unexpected first line from cohort-aep-fake: {line:?}");
        };
        Ok(AepFakeProcess {
            url: url.to_owned(),
            child,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            org_id: org_id.into(),
        })
    }

    /// `COHORT__AEP__*` variables pointing a server or the CLI at this fake, with a short
    /// retry budget so fault tests finish quickly.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("COHORT__AEP__CLIENT_ID", self.client_id.as_str()),
            ("COHORT__AEP__CLIENT_SECRET", self.client_secret.as_str()),
            ("COHORT__AEP__ORG_ID", self.org_id.as_str()),
            ("COHORT__AEP__IMS_URL", self.url.as_str()),
            ("COHORT__AEP__PLATFORM_URL", self.url.as_str()),
            ("COHORT__AEP__EDGE_URL", self.url.as_str()),
            ("COHORT__AEP__RETRY_BASE_DELAY", "10ms"),
            ("COHORT__AEP__RETRY_MAX_DELAY", "50ms"),
            ("COHORT__AEP__RETRY_MAX_ELAPSED", "1s"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

impl Drop for AepFakeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh, empty PostgreSQL database on the throwaway server that `cargo xtask test`
/// starts (`COHORT_TEST_POSTGRES_URL`); its URL.
pub async fn postgres_database() -> String {
    let Ok(admin) = std::env::var("COHORT_TEST_POSTGRES_URL") else {
        panic!(
            "COHORT_TEST_POSTGRES_URL is not set: run the suite with `cargo xtask test`, \
             which starts a throwaway PostgreSQL"
        );
    };
    use sqlx::Connection;
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "cohort_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connecting to the test PostgreSQL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .expect("CREATE DATABASE");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}

/// A guest cart on website `base` (USD) with one line `l1` of SKU `a`.
pub fn one_line_cart(qty: &str, unit_price: &str) -> cohort_proto::v1::PriceCartRequest {
    use cohort_proto::v1;
    v1::PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: "0".into(),
            items: vec![v1::LineItem {
                line_id: "l1".into(),
                sku: "a".into(),
                qty: qty.into(),
                unit_price: unit_price.into(),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A free TCP port on the loopback interface (for `metrics.addr`).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The Prometheus text of `/metrics` on `port`, asked again until the endpoint answers.
pub async fn scrape_metrics(port: u16) -> String {
    let url = format!("http://127.0.0.1:{port}/metrics");
    for _ in 0..100 {
        if let Ok(r) = reqwest::get(&url).await
            && let Ok(text) = r.text().await
        {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no metrics at {url}");
}

/// A plain HTTP/2 client: it runs no gRPC timer of its own, so an answer is the server's.
pub fn http2_client() -> reqwest::Client {
    reqwest::Client::builder()
        .http2_prior_knowledge()
        .build()
        .expect("an HTTP/2 client")
}

/// Posts one gRPC `frame` (flag, length, message) to `path` (`pkg.Service/Method`) of the
/// server at `addr`, with `headers` on top of the gRPC ones.
pub async fn post_grpc_frame(
    http: &reqwest::Client,
    addr: &str,
    path: &str,
    frame: Vec<u8>,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = http
        .post(format!("http://{addr}/{path}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(frame).send().await.expect("a gRPC answer")
}

/// The shared conformance cases.
pub fn cases_dir() -> PathBuf {
    workspace_root().join("testdata/cases")
}

/// A running `cohort serve`.
pub struct CohortServer {
    child: Option<Child>,
    pub addr: String,
    pub dir: tempfile::TempDir,
    stderr_log: PathBuf,
    database_url: String,
    /// The CA to trust when the server speaks TLS, and the client identity (cert, key) for
    /// mutual TLS.
    tls_ca: Option<String>,
    tls_identity: Option<(String, String)>,
}

impl CohortServer {
    /// Starts `cohort serve` with a temp SQLite file, port 0 and `env` on top.
    pub async fn start(env: &[(&str, &str)]) -> Result<CohortServer> {
        Self::start_with_args(env, &[]).await
    }

    /// Starts a TLS server (the env names the cert and key); `ca_pem` is trusted by clients.
    pub async fn start_tls(
        env: &[(&str, &str)],
        ca_pem: &str,
        identity: Option<(&str, &str)>,
    ) -> Result<CohortServer> {
        let identity = identity.map(|(c, k)| (c.to_owned(), k.to_owned()));
        Self::start_inner(env, &[], Some(ca_pem.to_owned()), identity).await
    }

    pub async fn start_with_args(env: &[(&str, &str)], args: &[&str]) -> Result<CohortServer> {
        Self::start_inner(env, args, None, None).await
    }

    async fn start_inner(
        env: &[(&str, &str)],
        args: &[&str],
        tls_ca: Option<String>,
        tls_identity: Option<(String, String)>,
    ) -> Result<CohortServer> {
        let dir = tempfile::tempdir()?;
        let db = env
            .iter()
            .find(|(k, _)| *k == "COHORT__DATABASE__URL")
            .map(|(_, v)| v.to_string())
            .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("cohort.db").display()));
        let stderr_log = dir.path().join("stderr.log");
        let stderr = std::fs::File::create(&stderr_log)?;
        let mut cmd = Command::new(cohort_bin());
        cmd.args(args)
            .arg("serve")
            .current_dir(dir.path())
            .env_remove("COHORT_CONFIG")
            .env("COHORT__SERVER__ADDR", "127.0.0.1:0")
            .env("COHORT__DATABASE__URL", &db)
            .env("COHORT__LOG__LEVEL", "info")
            // Tests that need the admin services without a token; tests of auth set tokens
            // (which admin_open never overrides) or set it back to false.
            .env("COHORT__AUTH__ADMIN_OPEN", "true")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().context("starting cohort serve")?;
        let stdout = child.stdout.take().context("no stdout")?;
        // The server prints "cohort listening on ADDR" once bound.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("cohort listening on ") {
                    let _ = tx.send(addr.to_owned());
                }
            }
        });
        let mut server = CohortServer {
            child: Some(child),
            addr: String::new(),
            dir,
            stderr_log,
            database_url: db,
            tls_ca,
            tls_identity,
        };
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => server.addr = addr,
            Err(_) => bail!("cohort serve did not start; stderr:\n{}", server.stderr()),
        }
        server.wait_serving().await?;
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_log).unwrap_or_default()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub async fn channel(&self) -> Result<Channel> {
        match &self.tls_ca {
            None => Ok(Channel::from_shared(self.url())?.connect().await?),
            Some(ca) => {
                let port = self.addr.rsplit(':').next().unwrap_or_default();
                let mut tls = tonic::transport::ClientTlsConfig::new()
                    .ca_certificate(tonic::transport::Certificate::from_pem(ca))
                    .domain_name("localhost");
                if let Some((cert, key)) = &self.tls_identity {
                    tls = tls.identity(tonic::transport::Identity::from_pem(cert, key));
                }
                Ok(Channel::from_shared(format!("https://localhost:{port}"))?
                    .tls_config(tls)?
                    .connect()
                    .await?)
            }
        }
    }

    pub async fn pricing(&self) -> Result<PricingServiceClient<Channel>> {
        Ok(PricingServiceClient::new(self.channel().await?))
    }

    pub async fn rules(&self) -> Result<RuleServiceClient<Channel>> {
        Ok(RuleServiceClient::new(self.channel().await?))
    }

    pub async fn coupons(&self) -> Result<CouponServiceClient<Channel>> {
        Ok(CouponServiceClient::new(self.channel().await?))
    }

    pub async fn audiences(&self) -> Result<AudienceServiceClient<Channel>> {
        Ok(AudienceServiceClient::new(self.channel().await?))
    }

    /// The database URL the server uses.
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// Polls grpc.health.v1 until the server reports SERVING.
    async fn wait_serving(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(channel) = self.channel().await {
                let mut health = HealthClient::new(channel);
                if let Ok(resp) = health
                    .check(HealthCheckRequest {
                        service: String::new(),
                    })
                    .await
                    && resp.into_inner().status == ServingStatus::Serving as i32
                {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                bail!("cohort never became SERVING; stderr:\n{}", self.stderr());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the exit status after a signal was sent by other means.
    pub async fn terminate_after_signal(&mut self) -> Result<std::process::ExitStatus> {
        let mut child = self.child.take().context("already stopped")?;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                bail!("cohort did not exit");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Sends SIGTERM and waits for the exit status (async, so this test's own client
    /// connections keep being served while the server drains).
    pub async fn terminate(&mut self) -> Result<std::process::ExitStatus> {
        let pid = self.child.as_ref().context("already stopped")?.id();
        signal(pid, "TERM")?;
        self.terminate_after_signal().await
    }
}

impl Drop for CohortServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Sends a signal by name with the system's `kill`.
pub fn signal(pid: u32, name: &str) -> Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()?;
    if !status.success() {
        bail!("kill -{name} {pid} failed");
    }
    Ok(())
}

/// Runs the `cohort` binary to completion: (exit code, stdout, stderr).
pub fn run_cohort(args: &[&str], cwd: &Path) -> Result<(i32, String, String)> {
    run_cohort_env(args, cwd, &[])
}

/// As `run_cohort`, with environment variables.
pub fn run_cohort_env(
    args: &[&str],
    cwd: &Path,
    env: &[(&str, &str)],
) -> Result<(i32, String, String)> {
    let out = Command::new(cohort_bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("COHORT_CONFIG")
        .envs(env.iter().copied())
        .output()
        .context("running cohort")?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}
