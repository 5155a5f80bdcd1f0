//! `cargo xtask test`: everything but the format check, on a fresh machine.
//!
//! Starts a throwaway PostgreSQL (see `postgres`) for the store contract suite and the
//! replica tests, builds the `cohort` binary first so the end-to-end tests start exactly the code under
//! test (they find it through `COHORT_BIN`), then runs every test of the workspace's default
//! members with cargo-nextest when it is installed (plain `cargo test` otherwise), then the
//! doc tests. Default members, not `--workspace`: the bench-only `benches/peer-zen` would
//! build zen-engine (`cargo test -p cohort-peer-zen` runs it by hand).

use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::project_root;

pub fn run(extra: &[String]) -> Result<()> {
    let root = project_root();
    cargo(&[
        "build",
        "--package",
        "cohort",
        "--package",
        "cohort-aep-fake",
        "--bin",
        "cohort",
        "--bin",
        "cohort-aep-fake",
    ])?;
    let bin = root.join("target/debug/cohort");
    if !bin.exists() {
        bail!("{} was not built", bin.display());
    }
    // Stopped when `pg` drops, also when a test fails.
    let pg = crate::postgres::TempPostgres::start()?;
    let envs = [
        ("COHORT_BIN", bin.display().to_string()),
        ("COHORT_TEST_POSTGRES_URL", pg.url.clone()),
    ];

    let nextest = Command::new("cargo")
        .args(["nextest", "--version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    let mut args: Vec<String> = if nextest {
        ["nextest", "run", "--no-fail-fast"]
            .map(String::from)
            .to_vec()
    } else {
        ["test", "--no-fail-fast"].map(String::from).to_vec()
    };
    args.extend(extra.iter().cloned());
    // Doc tests first (nextest does not run them), so the run ends on the suite's summary.
    if nextest && extra.is_empty() {
        run_cargo(&["test".into(), "--doc".into()], &envs)?;
    }
    run_cargo(&args, &envs)?;
    Ok(())
}

fn cargo(args: &[&str]) -> Result<()> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    run_cargo(&args, &[])
}

pub(crate) fn run_cargo(args: &[String], envs: &[(&str, String)]) -> Result<()> {
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .current_dir(project_root())
        .status()
        .with_context(|| format!("running cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}
