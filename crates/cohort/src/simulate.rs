//! `cohort simulate`: replays a file of carts against the database's live rules and against
//! them with a file of draft rules in place, one `App` simulation prepared once; prints the
//! summary as a table and writes each cart's figures as CSV or JSON with `--output`.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use cohort_app::MembershipInput;
use cohort_app::rules::read_file;
use cohort_domain::{Currency, ReplaySummary};
use cohort_proto::convert::{price_request_from_json, rule_file_from_json};
use cohort_server::Config;
use indicatif::{ProgressBar, ProgressStyle};
use rust_decimal::Decimal;

use crate::admin::with_app;

/// One cart's figures on both sides.
struct CartRow {
    line: usize,
    live_discount: Decimal,
    simulated_discount: Decimal,
    live_total: Decimal,
    simulated_total: Decimal,
}

pub struct Replay<'a> {
    pub rules: &'a Path,
    pub carts: &'a Path,
    pub disable: &'a [u64],
    pub output: Option<&'a Path>,
}

pub fn simulate(cfg: &Config, r: &Replay<'_>) -> Result<()> {
    let output_kind = match r.output {
        None => None,
        Some(p) => match p.extension().and_then(|e| e.to_str()) {
            Some("csv") => Some(Output::Csv),
            Some("json") => Some(Output::Json),
            _ => bail!("--output {}: name a .csv or a .json file", p.display()),
        },
    };
    let text = read_file(r.rules, "rules")?;
    let drafts =
        rule_file_from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", r.rules.display()))?;
    let carts = std::fs::File::open(r.carts)
        .with_context(|| format!("cannot read carts file {}", r.carts.display()))?;
    let size = carts.metadata().map(|m| m.len()).unwrap_or(0);
    with_app(cfg, false, async |app| {
        let prepared = app
            .prepare_simulation(&drafts.rules, r.disable)
            .await
            .map_err(|e| {
                // The file's rules are `rules[i]` in it; disabled ids are `--disable`'s.
                let text = e
                    .to_string()
                    .replace("draft_rules[", "rules[")
                    .replace("disabled_rule_ids[", "--disable[");
                if text.contains("--disable[") && !text.contains("rules[") {
                    anyhow::anyhow!("{text}")
                } else {
                    anyhow::anyhow!("{}: {text}", r.rules.display())
                }
            })?;
        let bar = ProgressBar::new(size).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
            )?
            .progress_chars("=> "),
        );
        let input = MembershipInput {
            header: &[],
            token: None,
            trusted: true,
        };
        let now = Utc::now();
        let mut summary = ReplaySummary::default();
        let mut rows = Vec::new();
        let mut reader = BufReader::new(carts);
        let mut buf = String::new();
        let mut line = 0;
        loop {
            buf.clear();
            let n = reader
                .read_line(&mut buf)
                .with_context(|| format!("reading {}", r.carts.display()))?;
            if n == 0 {
                break;
            }
            line += 1;
            bar.inc(n as u64);
            if buf.trim().is_empty() {
                continue;
            }
            let at = || format!("{}:{line}", r.carts.display());
            let request =
                price_request_from_json(&buf).map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
            let (live, simulated, comparison) = app
                .simulate_prepared(&prepared, request, &input, now)
                .await
                .map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
            summary
                .add(&live.priced, &simulated.priced, &comparison)
                .map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
            if output_kind.is_some() {
                rows.push(CartRow {
                    line,
                    live_discount: live.priced.discount_total,
                    simulated_discount: simulated.priced.discount_total,
                    live_total: live.priced.grand_total,
                    simulated_total: simulated.priced.grand_total,
                });
            }
            if summary.carts.is_multiple_of(1024) {
                bar.set_message(format!("{} carts", summary.carts));
            }
        }
        bar.finish_and_clear();
        if summary.carts == 0 {
            bail!("{}: no carts", r.carts.display());
        }
        print!("{}", table(&summary, &prepared.draft_rule_ids));
        if let (Some(path), Some(kind)) = (r.output, output_kind) {
            let currency = summary.currency.unwrap_or(Currency::USD);
            let text = match kind {
                Output::Csv => csv(&rows, currency),
                Output::Json => json(&rows, &summary, &prepared.draft_rule_ids)?,
            };
            std::fs::File::create(path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {} carts to {}", rows.len(), path.display());
        }
        Ok(())
    })
}

#[derive(Clone, Copy)]
enum Output {
    Csv,
    Json,
}

/// The summary as an aligned table: the carts, the discount on each side, then one row per
/// rule (draft ids marked).
fn table(s: &ReplaySummary, drafts: &[u64]) -> String {
    let c = s.currency.unwrap_or(Currency::USD);
    let m = |d: Decimal| c.format(d);
    let mut out = format!(
        "carts: {}   affected: {}   discount total: live {} -> simulated {} ({} {})\n\n",
        s.carts,
        s.affected,
        m(s.live_discount),
        m(s.simulated_discount),
        delta(s.simulated_discount - s.live_discount, c),
        c.code(),
    );
    out.push_str(&format!(
        "{:<24} {:>10} {:>14} {:>10} {:>14} {:>14}\n",
        "rule", "live carts", "live amount", "sim carts", "sim amount", "delta"
    ));
    for (id, t) in &s.rules {
        let name = if drafts.contains(id) {
            format!("{id} (draft)")
        } else {
            id.to_string()
        };
        out.push_str(&format!(
            "{:<24} {:>10} {:>14} {:>10} {:>14} {:>14}\n",
            name,
            t.live_carts,
            m(t.live_amount),
            t.simulated_carts,
            m(t.simulated_amount),
            delta(t.simulated_amount - t.live_amount, c),
        ));
    }
    out
}

/// A difference with its sign: "+4.50", "-1.00", "0.00".
fn delta(d: Decimal, c: Currency) -> String {
    let text = c.format(d);
    if d > Decimal::ZERO && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

fn csv(rows: &[CartRow], c: Currency) -> String {
    let mut out = String::from(
        "line,live_discount,simulated_discount,live_grand_total,simulated_grand_total,grand_total_delta\n",
    );
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            r.line,
            c.format(r.live_discount),
            c.format(r.simulated_discount),
            c.format(r.live_total),
            c.format(r.simulated_total),
            c.format(r.simulated_total - r.live_total),
        ));
    }
    out
}

fn json(rows: &[CartRow], s: &ReplaySummary, drafts: &[u64]) -> Result<String> {
    let c = s.currency.unwrap_or(Currency::USD);
    let m = |d: Decimal| c.format(d);
    let value = serde_json::json!({
        "currency": c.code(),
        "carts": s.carts,
        "affected": s.affected,
        "liveDiscount": m(s.live_discount),
        "simulatedDiscount": m(s.simulated_discount),
        "draftRuleIds": drafts,
        "rules": s.rules.iter().map(|(id, t)| serde_json::json!({
            "ruleId": id,
            "liveCarts": t.live_carts,
            "liveAmount": m(t.live_amount),
            "simulatedCarts": t.simulated_carts,
            "simulatedAmount": m(t.simulated_amount),
        })).collect::<Vec<_>>(),
        "cartResults": rows.iter().map(|r| serde_json::json!({
            "line": r.line,
            "liveDiscount": m(r.live_discount),
            "simulatedDiscount": m(r.simulated_discount),
            "liveGrandTotal": m(r.live_total),
            "simulatedGrandTotal": m(r.simulated_total),
        })).collect::<Vec<_>>(),
    });
    Ok(serde_json::to_string_pretty(&value)? + "\n")
}
