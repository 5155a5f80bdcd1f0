//! Commands on the database named by `database.url`: migrate, rules export/import,
//! coupons generate. A running server sees the changes within its poll interval.

use std::path::Path;

use anyhow::{Context, Result, bail};
use cohort_proto::convert::{rule_from_proto, rules_from_json};
use cohort_proto::v1;
use cohort_server::Config;
use cohort_server::rules::{row_to_proto, rule_write};
use cohort_store::Store;

fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

async fn open(cfg: &Config) -> Result<Store> {
    Store::connect(&cfg.database.url)
        .await
        .with_context(|| format!("database {}", cohort_store::redact_url(&cfg.database.url)))
}

pub fn migrate(cfg: &Config) -> Result<()> {
    runtime()?.block_on(async {
        let store = open(cfg).await?;
        let version = store.ruleset_version().await?;
        println!(
            "{} database {} migrated; rule set version {version}",
            store.kind(),
            cohort_store::redact_url(&cfg.database.url)
        );
        store.close().await;
        Ok(())
    })
}

pub fn export_rules(cfg: &Config, file: &Path) -> Result<()> {
    runtime()?.block_on(async {
        let store = open(cfg).await?;
        let (version, rows) = store.load_rules().await?;
        let rules = rows
            .iter()
            .map(row_to_proto)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| anyhow::anyhow!(e))?;
        let count = rules.len();
        let list = v1::ListRulesResponse {
            rules,
            next_page_token: String::new(),
        };
        std::fs::write(file, serde_json::to_string_pretty(&list)? + "\n")
            .with_context(|| format!("writing {}", file.display()))?;
        println!(
            "exported {count} rules (rule set version {version}) to {}",
            file.display()
        );
        Ok(())
    })
}

/// Creates every rule of the file (new ids, in file order) in one transaction: a file with
/// any invalid rule, clashing code or unknown audience writes nothing.
pub fn import_rules(cfg: &Config, file: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    rules_from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let list: v1::ListRulesResponse = serde_json::from_str(&text)?;
    let mut writes = Vec::with_capacity(list.rules.len());
    for r in &list.rules {
        let domain = rule_from_proto(r).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        writes.push(rule_write(r, &domain).map_err(|e| anyhow::anyhow!(e))?);
    }
    runtime()?.block_on(async {
        let store = open(cfg).await?;
        let (rows, version) = store
            .create_rules(&writes)
            .await
            .map_err(|e| anyhow::anyhow!("{}: nothing imported: {e}", file.display()))?;
        for (r, row) in list.rules.iter().zip(&rows) {
            println!("rule {} -> id {} ({})", r.id, row.id, r.name);
        }
        println!("imported {} rules; rule set version {version}", rows.len());
        Ok(())
    })
}

pub struct GenerateArgs {
    pub rule_id: u64,
    pub request: v1::GenerateCouponsRequest,
}

pub fn generate_coupons(cfg: &Config, args: GenerateArgs) -> Result<()> {
    runtime()?.block_on(async {
        let store = open(cfg).await?;
        let spec = cohort_server::coupon_service::code_spec(&args.request)
            .map_err(|s| anyhow::anyhow!("{}", s.message()))?;
        let (generated, codes) =
            cohort_server::coupon_service::generate_coupons(&store, args.rule_id, &spec)
                .await
                .map_err(|s| anyhow::anyhow!("{}", s.message()))?;
        if generated == 0 {
            bail!("no code generated");
        }
        for code in &codes {
            println!("{code}");
        }
        eprintln!(
            "generated {generated} codes for rule {} (first {} listed)",
            args.rule_id,
            codes.len()
        );
        Ok(())
    })
}
