//! `cohort.v1.Coupon` ↔ domain `Coupon`.

use cohort_domain::coupon::Coupon;
use cohort_domain::coupon_codes::{CodeSpec, CouponFormat, DEFAULT_LENGTH};
use cohort_domain::{FieldViolation, ValidationError};

use super::enums::{self, COUPON_FORMATS};
use super::optional_date;
use crate::v1;

/// Parses a coupon row; `path` prefixes field names (e.g. `coupons[3]`).
pub fn coupon_from_proto(c: &v1::Coupon, path: &str) -> Result<Coupon, ValidationError> {
    let mut v = Vec::new();
    if c.code.trim().is_empty() {
        v.push(FieldViolation::new(format!("{path}.code"), "is required"));
    }
    let expires_on = optional_date(&c.expires_on, &format!("{path}.expires_on"), &mut v);
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

/// A `GenerateCouponsRequest` as the domain's code specification (defaults filled in:
/// length 12, delimiter `-`); the spec itself is validated by `CodeSpec::validate`.
pub fn code_spec_from_proto(req: &v1::GenerateCouponsRequest) -> Result<CodeSpec, ValidationError> {
    let mut v = Vec::new();
    let format = enums::from_proto(&COUPON_FORMATS, req.format).unwrap_or_else(|| {
        v.push(FieldViolation::new(
            "format",
            format!("unknown enum value {}", req.format),
        ));
        CouponFormat::Alphanumeric
    });
    ValidationError::check(v)?;
    Ok(CodeSpec {
        quantity: req.quantity,
        length: if req.length == 0 {
            DEFAULT_LENGTH
        } else {
            req.length
        },
        format,
        prefix: req.prefix.clone(),
        suffix: req.suffix.clone(),
        dash_every: req.dash_every,
        delimiter: if req.delimiter.is_empty() {
            "-".into()
        } else {
            req.delimiter.clone()
        },
    })
}
