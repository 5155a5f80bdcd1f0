//! The one place where errors become gRPC statuses (Quickwit's habit): validation errors are
//! `INVALID_ARGUMENT` with `google.rpc.BadRequest` field violations, so callers see which
//! field was wrong; the message repeats them for clients that ignore details.

use cohort_domain::{FieldViolation, ValidationError};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// `INVALID_ARGUMENT` naming every offending field.
pub fn invalid_argument(err: &ValidationError) -> Status {
    let mut details = ErrorDetails::new();
    for v in &err.violations {
        details.add_bad_request_violation(v.field.clone(), v.description.clone());
    }
    Status::with_error_details(Code::InvalidArgument, err.to_string(), details)
}

/// Longest string an admin request field may hold (order, customer, audience and rule ids,
/// codes, queries, page tokens), in bytes (`docs/limits.md`).
pub const MAX_FIELD_BYTES: usize = 1024;
/// Most entries of an admin request's list (RecordUsage's rule ids and coupon codes).
pub const MAX_FIELD_ENTRIES: usize = 1000;

/// A string field over [`MAX_FIELD_BYTES`], as a violation (the value is not echoed).
pub fn text_size(v: &mut Vec<FieldViolation>, field: impl FnOnce() -> String, s: &str) {
    cohort_domain::error::check_bytes(v, field, s, MAX_FIELD_BYTES);
}

/// A list over [`MAX_FIELD_ENTRIES`], as a violation; whether it is short enough to look into.
pub fn list_size(v: &mut Vec<FieldViolation>, field: &str, len: usize) -> bool {
    cohort_domain::error::check_entries(v, || field.to_owned(), len, MAX_FIELD_ENTRIES, "entries")
}

/// `INVALID_ARGUMENT` for the collected violations, if any.
pub fn refuse(v: Vec<FieldViolation>) -> Result<(), Status> {
    ValidationError::check(v).map_err(|e| invalid_argument(&e))
}

/// `INVALID_ARGUMENT` for one field.
pub fn invalid_field(field: &str, description: impl Into<String>) -> Status {
    invalid_argument(&ValidationError::single(field, description))
}

/// An internal failure: logged in full, reported without details that could leak
/// configuration or data.
pub fn internal(context: &str, err: &dyn std::fmt::Display) -> Status {
    tracing::error!(error = %err, "{context}");
    Status::internal(format!("{context}; see the server log"))
}

/// Store errors → gRPC codes.
pub fn store(err: cohort_store::StoreError) -> Status {
    use cohort_store::StoreError as E;
    match err {
        E::RuleNotFound(id) => Status::not_found(format!("rule {id} not found")),
        E::VersionConflict { .. } => {
            Status::aborted(format!("{err}; read the rule again and retry"))
        }
        E::CouponCodeTaken(code) => Status::already_exists(format!(
            "rule.coupon_code: coupon code {code:?} is already used"
        )),
        E::UnknownAudiences(ids) => Status::failed_precondition(format!(
            "rule.conditions: audiences never imported: {}",
            ids.join(", ")
        )),
        E::UnknownCoupon(code) => Status::not_found(format!("coupon {code:?} does not exist")),
        E::CouponLimitReached(code) => {
            Status::resource_exhausted(format!("coupon {code:?} reached its usage limit"))
        }
        E::CouponCustomerLimitReached(code) => Status::resource_exhausted(format!(
            "the customer reached the per-customer limit of coupon {code:?}"
        )),
        E::RuleCustomerLimitReached(id) => Status::resource_exhausted(format!(
            "the customer reached the per-customer limit of rule {id}"
        )),
        E::CodesExhausted(_) => Status::resource_exhausted(
            "the code space is exhausted: use a longer length or another format; nothing was stored",
        ),
        other => internal("database failure", &other),
    }
}

/// Audience sync errors → gRPC codes. A sync that ran and failed is not an error (its run
/// says FAILED); these are the cases where no run could be made or recorded.
pub fn sync(err: crate::audience_sync::SyncError) -> Status {
    use crate::audience_sync::SyncError as E;
    match err {
        E::NotConfigured => Status::failed_precondition("aep is not configured"),
        E::Store(e) => store(e),
        E::File(message) => Status::invalid_argument(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_violations_travel_as_details() {
        let err = ValidationError {
            violations: vec![
                cohort_domain::FieldViolation::new("cart.items[2].qty", "must be > 0"),
                cohort_domain::FieldViolation::new("cart.currency", "unknown"),
            ],
            omitted: 0,
        };
        let status = invalid_argument(&err);
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(status.message().contains("cart.items[2].qty: must be > 0"));
        let bad = status.get_details_bad_request().unwrap();
        assert_eq!(bad.field_violations.len(), 2);
        assert_eq!(bad.field_violations[0].field, "cart.items[2].qty");
    }
}
