//! The `cohort` command.

mod offline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use cohort_server::Config;

#[derive(Parser)]
#[command(
    name = "cohort",
    version,
    about = "Audience-aware cart price rules with Adobe Commerce semantics, over gRPC"
)]
struct Cli {
    /// Configuration file (TOML); default: $COHORT_CONFIG, else ./cohort.toml if present.
    /// Environment variables COHORT__SECTION__KEY override it.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gRPC server until SIGINT/SIGTERM.
    Serve,
    /// Price one cart offline and print the PriceCartResponse as proto3 JSON.
    Price {
        /// Rules: a ListRulesResponse JSON file ({"rules": [...]}).
        #[arg(long, value_name = "FILE")]
        rules: PathBuf,
        /// Coupons: a ListCouponsResponse JSON file (generated codes, usage counts).
        #[arg(long, value_name = "FILE")]
        coupons: Option<PathBuf>,
        /// The cart: a PriceCartRequest JSON file.
        #[arg(long, value_name = "FILE")]
        cart: PathBuf,
        /// Include the trace: why each rule applied or not.
        #[arg(long)]
        explain: bool,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Check every rule of a ListRulesResponse JSON file; lists every violation.
    Validate {
        /// The rules file.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve => serve(cli.config),
        Command::Price {
            rules,
            coupons,
            cart,
            explain,
        } => load_config(cli.config.as_deref())
            .and_then(|cfg| offline::price(&cfg, &rules, coupons.as_deref(), &cart, explain)),
        Command::Rules {
            command: RulesCommand::Validate { file },
        } => offline::validate_rules(&file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cohort: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn load_config(file: Option<&std::path::Path>) -> anyhow::Result<Config> {
    Ok(Config::load(file)?)
}

fn serve(config: Option<PathBuf>) -> anyhow::Result<()> {
    let cfg = load_config(config.as_deref())?;
    init_tracing(&cfg)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(cohort_server::serve(cfg))?;
    Ok(())
}

fn init_tracing(cfg: &Config) -> anyhow::Result<()> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&cfg.log.level)
        .map_err(|e| anyhow::anyhow!("log.level {:?}: {e}", cfg.log.level))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cfg.log.format.as_str() {
        "json" => builder.json().init(),
        "human" => builder.init(),
        other => anyhow::bail!("log.format must be \"human\" or \"json\", got {other:?}"),
    }
    Ok(())
}
