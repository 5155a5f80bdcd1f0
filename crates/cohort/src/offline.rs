//! Offline commands: price a cart from files, validate a rules file. No server, no database.

use std::path::Path;

use anyhow::{Result, bail};
use chrono::Utc;
use cohort_app::pricing::{cart_of, price as price_cart};
use cohort_app::rules::{load_rules_file, read_file, validate_rules_text};
use cohort_domain::usage::UsageView;
use cohort_proto::convert::{
    FileError, coupons_from_json, price_request_from_json, priced_to_proto,
};
use cohort_server::Config;

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
    hints: bool,
) -> Result<()> {
    // The same loader as the server's read-only `rules.file` mode.
    let ruleset = load_rules_file(
        rules_path,
        cfg.websites()?,
        cfg.cart_limits().max_group_candidates,
    )?;
    let mut usage = UsageView::default();
    if let Some(path) = coupons_path {
        for c in coupons_from_json(&read_file(path, "coupons")?).map_err(|e| file_error(path, e))? {
            usage.insert_coupon(c);
        }
    }
    let request = price_request_from_json(&read_file(cart_path, "cart")?)
        .map_err(|e| file_error(cart_path, e))?;
    let options = cohort_app::pricing::PriceOptions {
        explain: explain || request.explain,
        hints: hints || request.hints,
    };
    let cart = cart_of(&ruleset, request.cart, &[], Utc::now(), &cfg.cart_limits())
        .map_err(|e| anyhow::anyhow!("{}: {e}", cart_path.display()))?;
    let priced = price_cart(&ruleset, &cart, &usage, &options);
    println!(
        "{}",
        serde_json::to_string_pretty(&priced_to_proto(priced))?
    );
    Ok(())
}

pub fn validate_rules(path: &Path) -> Result<()> {
    match validate_rules_text(&read_file(path, "rules")?) {
        Ok(count) => {
            println!("{}: {count} rules, all valid", path.display());
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
