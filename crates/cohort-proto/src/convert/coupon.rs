//! `cohort.v1.Coupon` ↔ domain `Coupon`.

use chrono::NaiveDate;
use cohort_domain::coupon::Coupon;
use cohort_domain::{FieldViolation, ValidationError};

use crate::v1;

/// Parses a coupon row; `path` prefixes field names (e.g. `coupons[3]`).
pub fn coupon_from_proto(c: &v1::Coupon, path: &str) -> Result<Coupon, ValidationError> {
    let mut v = Vec::new();
    if c.code.trim().is_empty() {
        v.push(FieldViolation::new(format!("{path}.code"), "is required"));
    }
    let expires_on = if c.expires_on.is_empty() {
        None
    } else {
        match NaiveDate::parse_from_str(&c.expires_on, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                v.push(FieldViolation::new(
                    format!("{path}.expires_on"),
                    format!("{:?} is not a YYYY-MM-DD date", c.expires_on),
                ));
                None
            }
        }
    };
    ValidationError::check(v)?;
    Ok(Coupon {
        code: c.code.clone(),
        rule_id: c.rule_id,
        usage_limit: c.usage_limit,
        usage_per_customer: c.usage_per_customer,
        times_used: c.times_used,
        expires_on,
        generated: c.generated,
    })
}

pub fn coupon_to_proto(c: &Coupon) -> v1::Coupon {
    v1::Coupon {
        code: c.code.clone(),
        rule_id: c.rule_id,
        usage_limit: c.usage_limit,
        usage_per_customer: c.usage_per_customer,
        times_used: c.times_used,
        expires_on: c.expires_on.map(|d| d.to_string()).unwrap_or_default(),
        generated: c.generated,
    }
}
