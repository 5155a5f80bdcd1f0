//! `cohort aep check` (the credentials against AEP itself) and `cohort audiences list | sync |
//! import` (on the database named by `database.url`, like the other admin commands).

use cohort_domain::Named;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use cohort_aep::{AepClient, AepConfig};
use cohort_app::audiences::AudienceQuery;
use cohort_app::fields::MAX_PAGE;
use cohort_app::sync::SyncError;
use cohort_domain::audience::{AudienceState, SyncRun, SyncStatus};
use cohort_server::Config;

use crate::admin::{runtime, with_app};

/// `p8e-…`: enough to tell two secrets apart, never enough to use one.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        "*".repeat(8)
    } else {
        chars[..4].iter().collect::<String>() + "…"
    }
}

fn or_dash(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("-")
}

fn print_rows(rows: &[(&str, String)]) {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, value) in rows {
        println!("{key:<width$}  {value}");
    }
}

/// Fetches a token and the first page, then prints what the credentials give access to.
/// The configuration rows are printed even when a call fails, so the operator sees which
/// client and sandbox were tried.
pub fn aep_check(cfg: &Config) -> Result<()> {
    if !cfg.aep.is_configured() {
        bail!(
            "aep is not configured: set aep.client_id, aep.client_secret and aep.org_id \
             (or aep.console_file)"
        );
    }
    let resolved: AepConfig = cfg
        .aep
        .clone()
        .resolve()
        .map_err(|e| anyhow!("aep check failed: {e}"))?;
    let mut rows = vec![
        ("client id", resolved.client_id.clone()),
        (
            "client secret",
            mask_secret(resolved.client_secret.expose()),
        ),
        ("org id", resolved.org_id.clone()),
        (
            "technical account id",
            or_dash(resolved.technical_account_id.as_deref()).to_owned(),
        ),
        (
            "technical account email",
            or_dash(resolved.technical_account_email.as_deref()).to_owned(),
        ),
        ("sandbox", resolved.sandbox.clone()),
        ("ims url", resolved.ims_url.clone()),
        ("platform url", resolved.platform_url.clone()),
        ("edge url", resolved.edge_url.clone()),
        (
            "datastream id",
            or_dash(resolved.datastream_id.as_deref()).to_owned(),
        ),
    ];
    let client = AepClient::new(resolved).map_err(|e| anyhow!("aep check failed: {e}"))?;
    let outcome = runtime()?.block_on(async {
        let token = client.token_info().await?;
        let page = client.list_audiences_page(0).await?;
        Ok::<_, cohort_aep::AepError>((token, page))
    });
    match outcome {
        Ok((token, page)) => {
            let left = token.expires_at - chrono::Utc::now();
            rows.push((
                "token expires",
                format!(
                    "{} (in {}h{:02}m)",
                    token.expires_at.format("%Y-%m-%d %H:%M:%S UTC"),
                    left.num_hours(),
                    left.num_minutes() % 60
                ),
            ));
            let visible = page
                .total_count
                .map_or_else(|| page.audiences.len().to_string(), |n| n.to_string());
            rows.push(("audiences visible", visible));
            print_rows(&rows);
            Ok(())
        }
        Err(e) => {
            print_rows(&rows);
            Err(anyhow!("aep check failed: {e}"))
        }
    }
}

pub struct ListArgs {
    pub query: String,
    pub states: Vec<String>,
    pub order_by: String,
    pub limit: u32,
}

pub fn list(cfg: &Config, args: ListArgs) -> Result<()> {
    cohort_app::audiences::parse_order_by(&args.order_by).map_err(|_| {
        anyhow!(
            "--order-by must be \"name\", \"name desc\", \"updated_at\" or \"updated_at desc\", \
             got {:?}",
            args.order_by
        )
    })?;
    let mut states = Vec::new();
    for s in &args.states {
        states.push(AudienceState::parse(s).ok_or_else(|| {
            anyhow!("--state must be active, draft, inactive or deleted, got {s:?}")
        })?);
    }
    with_app(cfg, false, async |app| {
        let mut query = AudienceQuery {
            query: args.query,
            states,
            order_by: args.order_by,
            ..AudienceQuery::default()
        };
        println!(
            "{:<36}  {:<8}  {:<20}  {:<10}  NAME",
            "ID", "STATE", "UPDATED", "RULES"
        );
        // Page by page (the app's pages hold at most MAX_PAGE) up to `--limit` rows.
        let (mut shown, mut total) = (0u32, 0u64);
        while shown < args.limit {
            query.page_size = (args.limit - shown).min(MAX_PAGE);
            let page = app.list_audiences(&query).await?;
            total = page.total_size;
            for view in &page.audiences {
                print_audience(view);
            }
            shown += page.audiences.len() as u32;
            if page.next_page_token.is_empty() {
                break;
            }
            query.page_token = page.next_page_token;
        }
        eprintln!("{shown} of {total} audiences");
        Ok(())
    })
}

fn print_audience(view: &cohort_app::audiences::AudienceView) {
    let a = &view.audience;
    let rules = if view.rule_ids.is_empty() {
        "-".to_owned()
    } else {
        view.rule_ids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let updated = a.updated_at.map_or_else(
        || "-".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
    );
    println!(
        "{:<36}  {:<8}  {:<20}  {:<10}  {}",
        a.id, a.state, updated, rules, a.name
    );
}

fn describe_run(run: &SyncRun) -> String {
    format!(
        "sync run {} {}: {} created, {} updated, {} deleted, {} unchanged",
        run.id,
        run.status,
        run.counts.created,
        run.counts.updated,
        run.counts.deleted,
        run.counts.unchanged
    )
}

pub fn sync(cfg: &Config) -> Result<()> {
    if !cfg.aep.is_configured() {
        bail!("aep is not configured (use `cohort audiences import FILE` for offline setups)");
    }
    with_app(cfg, true, async |app| {
        let run = app.syncer.run_once().await?;
        if run.status != SyncStatus::Succeeded {
            bail!(
                "sync run {} failed; the previous audiences stay: {}",
                run.id,
                run.error
            );
        }
        println!("{}", describe_run(&run));
        Ok(())
    })
}

pub fn import(cfg: &Config, file: &Path) -> Result<()> {
    with_app(cfg, false, async |app| {
        let imported = app.syncer.import_file(file).await.map_err(|e| match e {
            SyncError::File(message) => anyhow!("nothing imported: {message}"),
            other => anyhow!("{}: nothing imported: {other}", file.display()),
        })?;
        if imported.run.status != SyncStatus::Succeeded {
            bail!(
                "{}: nothing imported: {}",
                file.display(),
                imported.run.error
            );
        }
        println!("{}", describe_run(&imported.run));
        if imported.skipped > 0 {
            eprintln!(
                "skipped {} malformed items of {}",
                imported.skipped,
                file.display()
            );
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_masked() {
        assert_eq!(mask_secret("p8e-abcdefghijklmnop"), "p8e-…");
        assert_eq!(mask_secret("short"), "********");
        assert_eq!(mask_secret(""), "********");
    }
}
