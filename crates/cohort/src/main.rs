//! The `cohort` command.

mod admin;
mod audiences;
mod demo;
mod membership;
mod offline;
mod simulate;

use cohort_domain::Named;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Pricing allocates many small, short-lived strings and vectors per call (the response
/// lines, labels, lower-cased attributes); under glibc's malloc that was a fifth of the
/// server's CPU in the h2load profile (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
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
    /// See Cohort work in one command: a fake Adobe Experience Platform, a server on a temp
    /// SQLite file, synced audiences, sample rules and priced carts with explanations.
    Demo {
        /// Leave the server up (on server.addr, default 127.0.0.1:50051) for `buf curl`.
        #[arg(long)]
        keep_running: bool,
    },
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
        /// Include near-miss hints: what the cart lacks for a rule ("add 12.01 to subtotal").
        #[arg(long)]
        hints: bool,
    },
    /// Replay carts against the database's live rules and against them with draft rules
    /// in place: per cart the live and simulated totals, a summary per rule. Nothing is
    /// stored or counted.
    Simulate {
        /// Draft rules: a ListRulesResponse JSON file; id 0 is a new rule, a stored id an
        /// edited version of that rule.
        #[arg(long, value_name = "FILE")]
        rules: PathBuf,
        /// Carts: one PriceCartRequest JSON per line (its `audienceIds` counted as trusted).
        #[arg(long, value_name = "FILE")]
        carts: PathBuf,
        /// Stored rules to leave out of the simulated side.
        #[arg(long, value_name = "IDS", value_delimiter = ',')]
        disable: Vec<u64>,
        /// Each cart's figures, as CSV (`.csv`) or JSON with the summary (`.json`).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Create or upgrade the database schema (`serve` also does it at start-up).
    Migrate,
    /// Work with rules and rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Work with coupons in the database.
    Coupons {
        #[command(subcommand)]
        command: CouponsCommand,
    },
    /// Adobe Experience Platform connection.
    Aep {
        #[command(subcommand)]
        command: AepCommand,
    },
    /// Audiences in the database: list, sync from AEP, import an export.
    Audiences {
        #[command(subcommand)]
        command: AudiencesCommand,
    },
    /// Signed membership (`membership.mode = "token"`).
    Membership {
        #[command(subcommand)]
        command: MembershipCommand,
    },
}

#[derive(Subcommand)]
enum MembershipCommand {
    /// Print a signed membership token (compact JWS) for the `cohort-membership-token`
    /// metadata: for tests, and to check an integration's own tokens against.
    Sign {
        /// Key id: an HS256 key of membership.token_keys (its secret signs), or the kid an
        /// ES256 --private-key is known by.
        #[arg(long)]
        kid: String,
        /// ES256 private key (PEM); Cohort's config holds only the public half.
        #[arg(long, value_name = "FILE")]
        private_key: Option<PathBuf>,
        /// Audience ids the shopper is a member of (comma-separated, repeatable).
        #[arg(long, value_delimiter = ',')]
        audiences: Vec<String>,
        /// The shopper's identity id (`sub`): pricing checks it against cart.identity.id.
        #[arg(long)]
        sub: Option<String>,
        /// The identity's namespace (`idns`), e.g. ECID: checked against
        /// cart.identity.namespace.
        #[arg(long)]
        namespace: Option<String>,
        /// Lifetime, e.g. 90s, 5m, 1h.
        #[arg(long, default_value = "5m")]
        ttl: String,
        /// Issue time (RFC 3339), for reproducible tokens; default now.
        #[arg(long, value_name = "TIME")]
        issued_at: Option<String>,
    },
}

#[derive(Subcommand)]
enum AepCommand {
    /// Fetch a token and one page of audiences; print the credentials in use (secret
    /// masked), the token's expiry and how many audiences are visible.
    Check,
}

#[derive(Subcommand)]
enum AudiencesCommand {
    /// List the stored audiences (id, state, last update in AEP, referencing rules, name).
    List {
        /// Case-insensitive substring of id, name or description.
        #[arg(long, default_value = "")]
        query: String,
        /// Only this state (active, draft, inactive, deleted); repeatable.
        #[arg(long = "state")]
        states: Vec<String>,
        /// "name", "name desc", "updated_at" or "updated_at desc".
        #[arg(long, default_value = "name")]
        order_by: String,
        /// At most this many rows.
        #[arg(long, default_value_t = 1000)]
        limit: u32,
    },
    /// Run one sync from AEP into the database now (all or nothing).
    Sync,
    /// Import an AEP audiences export ({"children": [...]}) as the whole set, for setups
    /// without AEP access: audiences it does not list are marked DELETED.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum CouponsCommand {
    /// Generate unique codes for a rule (AUTO, or SPECIFIC with use_auto_generation).
    Generate {
        /// The rule id.
        #[arg(long)]
        rule: u64,
        /// How many codes (1..250000).
        #[arg(long)]
        quantity: u32,
        /// Length of the random part (default 12; lengthened when the space is too small).
        #[arg(long, default_value_t = 12)]
        length: u32,
        /// alphanumeric, alphabetic or numeric.
        #[arg(long, default_value = "alphanumeric")]
        format: String,
        #[arg(long, default_value = "")]
        prefix: String,
        #[arg(long, default_value = "")]
        suffix: String,
        /// Insert the delimiter every N characters (0 = never).
        #[arg(long, default_value_t = 0)]
        dash_every: u32,
        #[arg(long, default_value = "-")]
        delimiter: String,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Check every rule of a ListRulesResponse JSON file; lists every violation.
    Validate {
        /// The rules file.
        file: PathBuf,
    },
    /// Write every stored rule to FILE (the format of `price --rules`).
    Export { file: PathBuf },
    /// Create every rule of FILE (the format of `price --rules`), all or nothing.
    Import { file: PathBuf },
    /// A rule's audit trail, newest first: who changed it, through which door, when, and
    /// which fields changed.
    History {
        /// The rule id (also after its deletion); 0 = every rule.
        id: u64,
        /// Entries shown at most.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print the entries as ListRuleChangesResponse JSON, with the rule before and after.
        #[arg(long)]
        json: bool,
    },
    /// Write a recorded version of a rule back as its next version (bringing a deleted rule
    /// back under its id).
    Restore {
        /// The rule id.
        id: u64,
        /// The version to bring back (see `rules history`).
        #[arg(long)]
        version: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve => serve(cli.config),
        Command::Demo { keep_running } => load_config(cli.config.as_deref()).and_then(|mut cfg| {
            // Quiet by default: the demo prints its own tables.
            if std::env::var_os("COHORT__LOG__LEVEL").is_none() {
                cfg.log.level = "error".into();
            }
            init_tracing(&cfg)?;
            demo::run(cfg, keep_running)
        }),
        Command::Price {
            rules,
            coupons,
            cart,
            explain,
            hints,
        } => load_config(cli.config.as_deref()).and_then(|cfg| {
            offline::price(&cfg, &rules, coupons.as_deref(), &cart, explain, hints)
        }),
        Command::Rules {
            command: RulesCommand::Validate { file },
        } => offline::validate_rules(&file),
        Command::Migrate => load_config(cli.config.as_deref()).and_then(|c| admin::migrate(&c)),
        Command::Simulate {
            rules,
            carts,
            disable,
            output,
        } => load_config(cli.config.as_deref()).and_then(|c| {
            simulate::simulate(
                &c,
                &simulate::Replay {
                    rules: &rules,
                    carts: &carts,
                    disable: &disable,
                    output: output.as_deref(),
                },
            )
        }),
        Command::Rules {
            command: RulesCommand::Export { file },
        } => load_config(cli.config.as_deref()).and_then(|c| admin::export_rules(&c, &file)),
        Command::Rules {
            command: RulesCommand::Import { file },
        } => load_config(cli.config.as_deref()).and_then(|c| admin::import_rules(&c, &file)),
        Command::Rules {
            command: RulesCommand::History { id, limit, json },
        } => load_config(cli.config.as_deref())
            .and_then(|c| admin::rule_history(&c, id, limit, json)),
        Command::Rules {
            command: RulesCommand::Restore { id, version },
        } => load_config(cli.config.as_deref()).and_then(|c| admin::restore_rule(&c, id, version)),
        Command::Aep {
            command: AepCommand::Check,
        } => load_config(cli.config.as_deref()).and_then(|c| audiences::aep_check(&c)),
        Command::Audiences {
            command:
                AudiencesCommand::List {
                    query,
                    states,
                    order_by,
                    limit,
                },
        } => load_config(cli.config.as_deref()).and_then(|c| {
            audiences::list(
                &c,
                audiences::ListArgs {
                    query,
                    states,
                    order_by,
                    limit,
                },
            )
        }),
        Command::Audiences {
            command: AudiencesCommand::Sync,
        } => load_config(cli.config.as_deref()).and_then(|c| audiences::sync(&c)),
        Command::Audiences {
            command: AudiencesCommand::Import { file },
        } => load_config(cli.config.as_deref()).and_then(|c| audiences::import(&c, &file)),
        Command::Membership {
            command:
                MembershipCommand::Sign {
                    kid,
                    private_key,
                    audiences,
                    sub,
                    namespace,
                    ttl,
                    issued_at,
                },
        } => load_config(cli.config.as_deref()).and_then(|c| {
            membership::sign(
                &c,
                membership::SignArgs {
                    kid,
                    private_key,
                    audiences,
                    sub,
                    namespace,
                    ttl,
                    issued_at,
                },
            )
        }),
        Command::Coupons {
            command:
                CouponsCommand::Generate {
                    rule,
                    quantity,
                    length,
                    format,
                    prefix,
                    suffix,
                    dash_every,
                    delimiter,
                },
        } => load_config(cli.config.as_deref()).and_then(|c| {
            let Some(format) = cohort_domain::coupon_codes::CouponFormat::parse(&format) else {
                anyhow::bail!(
                    "--format must be alphanumeric, alphabetic or numeric, got {format:?}"
                );
            };
            admin::generate_coupons(
                &c,
                &cohort_proto::v1::GenerateCouponsRequest {
                    rule_id: rule,
                    quantity,
                    length,
                    format: cohort_proto::convert::enums::to_proto(
                        &cohort_proto::convert::enums::COUPON_FORMATS,
                        format,
                    ),
                    prefix,
                    suffix,
                    dash_every,
                    delimiter,
                },
            )
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cohort: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes joined by ": ", each cause only when the text so far does not
/// already say it (many errors print their source inside their own message), on one line.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(text.as_str()) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
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

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn causes_already_in_the_message_are_not_repeated() {
        let io = std::io::Error::other("Connection refused (os error 111)");
        let inner = anyhow::Error::new(io)
            .context("error communicating with database: Connection refused (os error 111)");
        let outer = inner.context("database postgres://x");
        assert_eq!(
            one_line(&outer),
            "database postgres://x: error communicating with database: Connection refused (os error 111)"
        );
        let plain = anyhow::anyhow!("bad\nfile").context("rules.json");
        assert_eq!(one_line(&plain), "rules.json: bad file");
    }
}
