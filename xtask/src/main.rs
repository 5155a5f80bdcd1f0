//! `cargo xtask …`: the project's automation, in Rust (no shell scripts, no Makefile).

use anyhow::Result;
use clap::{Parser, Subcommand};

use xtask::{codegen, test};

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
    }
}
