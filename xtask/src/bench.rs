//! `cargo xtask bench …`: service benchmarks on a release build, on 127.0.0.1 only, each
//! figure beside a baseline measured in the same run.
//!
//! - `usage`: RecordUsage throughput on SQLite and PostgreSQL vs GetRule on the same server.
//! - `visibility`: rule write on replica A → priced on replica B (PostgreSQL).
//! - `service [--rules 0,1000,10000] [--lines N] [--duration S] [--h2-connections C]
//!   [--h2-streams M] [--connections C] [--pin]`: for each rule count (stored in SQLite, so
//!   coupon rows and customers' counts are real), an empty unary RPC and the four PriceCart
//!   calls (guest / customer, without / with a coupon) under h2load (16 × 8 by default;
//!   installs `nghttp2-client` when `h2load` is missing), each with its ratio to the empty
//!   RPC and the server's CPU per call; for the first non-empty rule set also the benchmark
//!   cart's latency at half load (Poisson arrivals sent on schedule by the bench's own
//!   open-loop HTTP/2 client over C connections, default 4) and one call at a time; `--pin`
//!   puts the server on CPU 0 and the clients on CPU 1.
//!
//! Engine benchmarks are criterion benches: `cargo bench -p cohort-engine`.

use anyhow::Result;

use crate::project_root;
use crate::test::run_cargo;

pub fn run(what: &str, extra: &[String]) -> Result<()> {
    if what == "service"
        && std::process::Command::new("h2load")
            .arg("--version")
            .output()
            .is_err()
    {
        let apt = |args: &[&str]| std::process::Command::new("apt-get").args(args).status();
        anyhow::ensure!(apt(&["update", "-qq"])?.success(), "apt-get update failed");
        anyhow::ensure!(
            apt(&["install", "-y", "-qq", "nghttp2-client"])?.success(),
            "installing nghttp2-client failed"
        );
    }
    run_cargo(
        &[
            "build",
            "--release",
            "--package",
            "cohort",
            "--package",
            "cohort-tests",
            "--bin",
            "cohort",
            "--bin",
            "cohort-bench",
        ]
        .map(String::from),
        &[],
    )?;
    let root = project_root();
    let pg = crate::postgres::TempPostgres::start()?;
    let status = std::process::Command::new(root.join("target/release/cohort-bench"))
        .arg(what)
        .args(extra)
        .env("COHORT_BIN", root.join("target/release/cohort"))
        .env("COHORT_TEST_POSTGRES_URL", &pg.url)
        .status()?;
    anyhow::ensure!(status.success(), "cohort-bench {what} failed ({status})");
    Ok(())
}
