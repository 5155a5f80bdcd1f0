//! `cargo xtask …`: the project's automation, in Rust (no shell scripts, no Makefile).

use anyhow::Result;
use clap::{Parser, Subcommand};

use xtask::{bench, codegen, fuzz_engine, release, test};

#[derive(Parser)]
#[command(name = "xtask", about = "Cohort project automation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate crates/cohort-proto/src/gen from proto/ (protox, no protoc needed).
    Codegen {
        /// Fail, naming the fix, when the committed generated code is stale.
        #[arg(long)]
        check: bool,
    },
    /// Service benchmarks on a release build: `usage` (RecordUsage throughput on SQLite and
    /// PostgreSQL) or `visibility` (rule write → other replica). Extra options go to the
    /// driver (e.g. `--orders 5000 --concurrency 32`, `--writes 100`).
    Bench {
        what: String,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Build the release archive dist/cohort-<version>-<target>.tar.gz and its .sha256
    /// (refuses a dirty tree); with --check ARCHIVE, verify an archive instead.
    Release {
        #[arg(long, value_name = "ARCHIVE")]
        check: Option<std::path::PathBuf>,
    },
    /// The engine's randomized differential test against the reference evaluator of
    /// RULES.md, in release mode, at a large count of seeded carts per property, and the
    /// hostile-input target (large and deep carts and rule sets, each within a time limit).
    FuzzEngine {
        #[arg(long, default_value_t = 100_000)]
        cases: u32,
        #[arg(long, default_value_t = 2_000)]
        hostile: u32,
    },
    /// Run the whole test suite: unit, property, codegen freshness and end-to-end tests.
    Test {
        /// Extra arguments passed to the test runner (e.g. a filter).
        #[arg(trailing_var_arg = true)]
        args: Vec<String>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Codegen { check } => codegen::run(check),
        Command::Test { args } => test::run(&args),
        Command::Bench { what, args } => bench::run(&what, &args),
        Command::Release { check } => release::run(check),
        Command::FuzzEngine { cases, hostile } => fuzz_engine::run(cases, hostile),
    }
}
