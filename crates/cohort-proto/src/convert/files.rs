//! The CLI's file formats (proto3 JSON): a rules file is a `ListRulesResponse`, a coupons
//! file a `ListCouponsResponse`, a cart a `PriceCartRequest`. Errors name the file's field
//! paths (`rules[2].discount_amount`).

use cohort_domain::coupon::Coupon;
use cohort_domain::rule::CartPriceRule;
use cohort_domain::validate::validate_coupon_codes_unique;
use cohort_domain::{FieldViolation, ValidationError};

use super::coupon::coupon_from_proto;
use super::rule::rule_from_proto;
use crate::v1;

/// Why a file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("not valid {what} JSON: {source}")]
    Json {
        what: &'static str,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Invalid(#[from] ValidationError),
}

/// Every rule of a `ListRulesResponse` JSON text, validated (paths `rules[i].…`), with
/// coupon codes unique across rules.
pub fn rules_from_json(text: &str) -> Result<Vec<CartPriceRule>, FileError> {
    let list: v1::ListRulesResponse =
        serde_json::from_str(text).map_err(|source| FileError::Json {
            what: "ListRulesResponse",
            source,
        })?;
    rules_from_proto_list(&list.rules).map_err(FileError::Invalid)
}

/// Validates a list of proto rules, reporting every violation as `rules[i].…`.
pub fn rules_from_proto_list(
    list: &[v1::CartPriceRule],
) -> Result<Vec<CartPriceRule>, ValidationError> {
    let mut rules = Vec::with_capacity(list.len());
    let mut violations = Vec::new();
    for (i, r) in list.iter().enumerate() {
        match rule_from_proto(r) {
            Ok(rule) => rules.push(rule),
            Err(e) => violations.extend(e.violations.into_iter().map(|f| FieldViolation {
                field: rebase(&f.field, &format!("rules[{i}]")),
                description: f.description,
            })),
        }
    }
    ValidationError::check(violations)?;
    validate_coupon_codes_unique(&rules)?;
    let mut seen = std::collections::HashSet::new();
    let dup: Vec<_> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !seen.insert(r.id))
        .map(|(i, r)| {
            FieldViolation::new(
                format!("rules[{i}].id"),
                format!("duplicate rule id {}", r.id),
            )
        })
        .collect();
    ValidationError::check(dup)?;
    Ok(rules)
}

/// Every coupon of a `ListCouponsResponse` JSON text.
pub fn coupons_from_json(text: &str) -> Result<Vec<Coupon>, FileError> {
    let list: v1::ListCouponsResponse =
        serde_json::from_str(text).map_err(|source| FileError::Json {
            what: "ListCouponsResponse",
            source,
        })?;
    let mut coupons = Vec::with_capacity(list.coupons.len());
    let mut violations = Vec::new();
    for (i, c) in list.coupons.iter().enumerate() {
        match coupon_from_proto(c, &format!("coupons[{i}]")) {
            Ok(c) => coupons.push(c),
            Err(e) => violations.extend(e.violations),
        }
    }
    ValidationError::check(violations)?;
    Ok(coupons)
}

/// A `PriceCartRequest` JSON text.
pub fn price_request_from_json(text: &str) -> Result<v1::PriceCartRequest, FileError> {
    serde_json::from_str(text).map_err(|source| FileError::Json {
        what: "PriceCartRequest",
        source,
    })
}

/// `rule.x.y` → `rules[3].x.y`.
fn rebase(field: &str, prefix: &str) -> String {
    match field.strip_prefix("rule") {
        Some(rest) if rest.is_empty() || rest.starts_with('.') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{field}"),
    }
}
