//! Commands on the database named by `database.url`: migrate, rules export/import/history/
//! restore, coupons generate, audiences list/sync/import. Writes are recorded in the audit
//! trail as the operator's (`cohort_app::Actor::cli`: `$COHORT_ACTOR`, else the login). Each opens the application core on the database
//! (`with_app`) and makes one `App` call; a running server sees the changes within its
//! poll interval.

use std::path::Path;

use anyhow::{Context, Result, bail};
use cohort_app::App;
use cohort_proto::v1;
use cohort_server::Config;

/// A single-threaded runtime for one command.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Opens the application on the configured database (migrating it, loading its rules; the
/// database's rules even when `rules.file` is set, since these commands work on the
/// database), runs `f`, and closes it.
/// Only `audiences sync` talks to AEP (`aep`); the others never build its client, so an AEP
/// setting they do not use cannot fail them.
pub fn with_app<T>(cfg: &Config, aep: bool, f: impl AsyncFnOnce(&App) -> Result<T>) -> Result<T> {
    let mut cfg = cfg.clone();
    cfg.rules.file = None;
    runtime()?.block_on(async {
        let client = if aep {
            cohort_server::serve::aep_client(&cfg)?
        } else {
            None
        };
        let app = cohort_server::open_app(&cfg, client).await?;
        let out = f(&app).await;
        app.close().await;
        out
    })
}

pub fn migrate(cfg: &Config) -> Result<()> {
    with_app(cfg, false, async |app| {
        println!(
            "{} database {} migrated; rule set version {}",
            app.store.kind(),
            cohort_store::redact_url(&cfg.database.url),
            app.rules.current().version()
        );
        Ok(())
    })
}

pub fn export_rules(cfg: &Config, file: &Path) -> Result<()> {
    with_app(cfg, false, async |app| {
        let (version, list) = app.export_rules().await?;
        std::fs::write(file, serde_json::to_string_pretty(&list)? + "\n")
            .with_context(|| format!("writing {}", file.display()))?;
        println!(
            "exported {} rules (rule set version {version}) to {}",
            list.rules.len(),
            file.display()
        );
        Ok(())
    })
}

/// Creates every rule of the file (new ids, in file order) in one transaction: a file with
/// any invalid rule, clashing code or unknown audience writes nothing.
pub fn import_rules(cfg: &Config, file: &Path) -> Result<()> {
    let text = cohort_app::rules::read_file(file, "rules")?;
    // The file is checked before the database is opened: a bad file touches nothing.
    cohort_app::rules::validate_rules_text(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    with_app(cfg, false, async |app| {
        let (rules, version) = app
            .import_rules(&text, &cohort_app::Actor::cli())
            .await
            .map_err(|e| anyhow::anyhow!("{}: nothing imported: {e}", file.display()))?;
        for (sent_id, created) in &rules {
            println!("rule {sent_id} -> id {} ({})", created.id, created.name);
        }
        println!("imported {} rules; rule set version {version}", rules.len());
        Ok(())
    })
}

pub fn generate_coupons(cfg: &Config, request: &v1::GenerateCouponsRequest) -> Result<()> {
    with_app(cfg, false, async |app| {
        let generated = app
            .generate_coupons(request, &cohort_app::Actor::cli())
            .await?;
        if generated.count == 0 {
            bail!("no code generated");
        }
        for code in &generated.codes {
            println!("{code}");
        }
        eprintln!(
            "generated {} codes for rule {} (first {} listed)",
            generated.count,
            request.rule_id,
            generated.codes.len()
        );
        Ok(())
    })
}

/// `cohort rules history ID`: the audit trail of one rule (0 = every rule), newest first.
pub fn rule_history(cfg: &Config, id: u64, limit: u32, json: bool) -> Result<()> {
    with_app(cfg, false, async |app| {
        let page = app
            .list_rule_changes(&cohort_app::audit::ChangeQuery {
                rule_id: id,
                page_size: limit.clamp(1, cohort_app::fields::MAX_PAGE),
                page_token: String::new(),
            })
            .await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&page)?);
            return Ok(());
        }
        if page.changes.is_empty() {
            bail!("no recorded change of rule {id}");
        }
        println!(
            "{:<6} {:<24} {:<8} {:<17} {:<8} {:<16} CHANGED",
            "ENTRY", "WHEN", "RULE", "ACTION", "VERSION", "ACTOR (DOOR)"
        );
        for c in &page.changes {
            let text = cohort_app::audit::change_text(c);
            println!(
                "{:<6} {:<24} {:<8} {:<17} {:<8} {:<16} {}",
                c.id,
                text.when,
                c.rule_id,
                text.action,
                c.version,
                format!("{} ({})", c.actor, text.door),
                text.changed,
            );
        }
        if !page.next_page_token.is_empty() {
            eprintln!("(older entries not shown: --limit)");
        }
        Ok(())
    })
}

/// `cohort rules restore ID --version V`.
pub fn restore_rule(cfg: &Config, id: u64, version: u64) -> Result<()> {
    with_app(cfg, false, async |app| {
        let rule = app
            .restore_rule(id, version, &cohort_app::Actor::cli())
            .await?;
        println!(
            "rule {id} restored from version {version} as version {} ({}); rule set version {}",
            rule.version,
            rule.name,
            app.rules.current().version()
        );
        Ok(())
    })
}
