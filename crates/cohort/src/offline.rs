//! Offline commands: price a cart from files, validate a rules file. No server, no database.

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use cohort_domain::usage::UsageView;
use cohort_engine::PriceOptions;
use cohort_proto::convert::{
    FileError, cart_from_proto, coupons_from_json, price_request_from_json, priced_to_proto,
    rules_from_json,
};
use cohort_server::Config;
use cohort_server::rules::load_rules_file;

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {what} file {}", path.display()))
}

/// One line naming the file and every problem.
fn file_error(path: &Path, e: FileError) -> anyhow::Error {
    anyhow::anyhow!("{}: {e}", path.display())
}

pub fn price(
    cfg: &Config,
    rules_path: &Path,
    coupons_path: Option<&Path>,
    cart_path: &Path,
    explain: bool,
) -> Result<()> {
    // The same loader as the server's read-only `rules.file` mode.
    let ruleset = load_rules_file(rules_path, cfg.websites()?).map_err(anyhow::Error::msg)?;
    let mut usage = UsageView::default();
    if let Some(path) = coupons_path {
        for c in coupons_from_json(&read(path, "coupons")?).map_err(|e| file_error(path, e))? {
            usage.insert_coupon(c);
        }
    }
    let request =
        price_request_from_json(&read(cart_path, "cart")?).map_err(|e| file_error(cart_path, e))?;
    let cart = cart_from_proto(
        request.cart.as_ref(),
        &[],
        Utc::now(),
        &cfg.cart_limits(),
        ruleset.websites(),
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", cart_path.display()))?;
    let options = PriceOptions {
        explain: explain || request.explain,
        store: None,
    };
    let priced = cohort_engine::price_with(&ruleset, &cart, &usage, &options);
    let response = priced_to_proto(priced);
    println!("{}", serde_json::to_string_pretty(&response)?);
    Ok(())
}

pub fn validate_rules(path: &Path) -> Result<()> {
    match rules_from_json(&read(path, "rules")?) {
        Ok(rules) => {
            println!("{}: {} rules, all valid", path.display(), rules.len());
            Ok(())
        }
        Err(FileError::Invalid(e)) => {
            for v in &e.violations {
                eprintln!("{}: {v}", path.display());
            }
            bail!("{}: {} violations", path.display(), e.violations.len())
        }
        Err(e) => Err(file_error(path, e)),
    }
}
