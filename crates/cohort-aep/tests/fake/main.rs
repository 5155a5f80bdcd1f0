//! The client against the fake over real HTTP. Every test captures all log output (the
//! client's, the fake's, reqwest's) at TRACE and checks that neither the client secret nor
//! an access token appears in it or in the errors returned.

mod auth;
mod faults;
mod listing;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cohort_aep::{AepClient, AepConfig};
use cohort_aep_fake::{FakeAep, FakeConfig};
use serde_json::Value;

pub const CLIENT_ID: &str = "cohort-test-client";
pub const SECRET: &str = "p8e-TEST-SECRET-never-log-0123456789";
pub const ORG: &str = "5A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg";
/// Every token the fake issues contains this.
const TOKEN_MARK: &str = ".fake-";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct Harness {
    pub fake: FakeAep,
    logs: Buffer,
    _guard: tracing::subscriber::DefaultGuard,
}

impl Harness {
    /// The fake with `audiences`, and a thread-local subscriber capturing everything: tests
    /// run on the current-thread runtime, so the client, the fake and reqwest all log here.
    pub async fn start(audiences: Vec<Value>) -> Self {
        Self::start_with(FakeConfig::new(CLIENT_ID, SECRET, ORG).with_audiences(audiences)).await
    }

    pub async fn start_with(config: FakeConfig) -> Self {
        let logs = Buffer::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        let fake = FakeAep::start(config).await.expect("fake starts");
        Self {
            fake,
            logs,
            _guard: guard,
        }
    }

    /// Short waits so fault tests stay fast.
    pub fn config(&self) -> AepConfig {
        let mut config = AepConfig::new(CLIENT_ID, SECRET, ORG).with_base_url(&self.fake.url());
        config.page_size = 10;
        config.request_timeout = Duration::from_secs(2);
        config.retry_base_delay = Duration::from_millis(10);
        config.retry_max_delay = Duration::from_millis(100);
        config.retry_max_elapsed = Duration::from_secs(3);
        config
    }

    pub fn client(&self) -> AepClient {
        self.client_with(self.config())
    }

    pub fn client_with(&self, config: AepConfig) -> AepClient {
        AepClient::with_jitter_seed(config, 7).expect("valid config")
    }

    pub fn logs(&self) -> String {
        String::from_utf8_lossy(&self.logs.0.lock().unwrap()).into_owned()
    }

    /// Fails if the secret or a token reached the logs or `shown` (errors' Display/Debug).
    pub fn assert_no_secret(&self, shown: &[String]) {
        let logs = self.logs();
        assert!(!logs.is_empty(), "log capture saw nothing");
        for text in shown.iter().chain([&logs]) {
            assert!(!text.contains(SECRET), "secret leaked: {text}");
            assert!(!text.contains(TOKEN_MARK), "access token leaked: {text}");
        }
    }
}

/// Display and Debug of an error, for [`Harness::assert_no_secret`].
pub fn shown<E: std::fmt::Display + std::fmt::Debug>(error: &E) -> Vec<String> {
    vec![error.to_string(), format!("{error:?}")]
}

pub fn sample() -> Vec<Value> {
    cohort_aep_fake::sample_audiences().expect("sample audiences parse")
}
