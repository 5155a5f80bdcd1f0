//! `cohort-aep-fake`: the fake AEP as a process, for the demo and for tests that drive a
//! binary. Faults are injected through its `/_fake/` admin endpoints.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use cohort_aep_fake::{FakeAep, FakeConfig, load_audiences, load_profiles, sample_audiences};

#[derive(Parser)]
#[command(
    about = "A fake Adobe Experience Platform (IMS token, audiences APIs, membership look-ups)"
)]
struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Audiences in Adobe's `children` shape; the shipped sample set when omitted.
    #[arg(long)]
    audiences: Option<PathBuf>,
    #[arg(long, env = "COHORT_AEP_FAKE_CLIENT_ID")]
    client_id: String,
    /// Prefer the environment variable: command lines are visible to other users.
    #[arg(long, env = "COHORT_AEP_FAKE_CLIENT_SECRET", hide_env_values = true)]
    client_secret: String,
    #[arg(long, env = "COHORT_AEP_FAKE_ORG_ID")]
    org_id: String,
    /// Only accept this sandbox name (any by default).
    #[arg(long)]
    sandbox: Option<String>,
    /// Shopper profiles for the membership look-ups:
    /// `{"profiles": [{"namespace", "id", "audiences": [...]}]}`.
    #[arg(long)]
    profiles: Option<PathBuf>,
    /// Lifetime of issued tokens in seconds.
    #[arg(long, default_value_t = 86_399)]
    token_ttl_secs: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let audiences = match &args.audiences {
        Some(path) => {
            load_audiences(path).with_context(|| format!("loading {}", path.display()))?
        }
        None => sample_audiences().context("loading the sample audiences")?,
    };
    let mut config = FakeConfig::new(&args.client_id, &args.client_secret, &args.org_id);
    config.addr = args.addr;
    config.sandbox = args.sandbox;
    config.audiences = audiences;
    config.token_ttl = Duration::from_secs(args.token_ttl_secs);
    if let Some(path) = &args.profiles {
        config.profiles =
            load_profiles(path).with_context(|| format!("loading {}", path.display()))?;
    }
    let fake = FakeAep::start(config).await?;
    println!("cohort-aep-fake listening on {}", fake.url());
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    drop(fake);
    Ok(())
}
