//! Bounds on request fields, checked before any work on them (`docs/limits.md`), and page
//! sizes. Field names are the API's (`page_size`, `coupon_codes[3]`), which the CLI and the
//! console use too.

use cohort_domain::{FieldViolation, ValidationError};

use crate::AppError;

/// Longest string a request field may hold (order, customer, audience and rule ids, codes,
/// queries, page tokens), in bytes.
pub const MAX_FIELD_BYTES: usize = 1024;
/// Most entries of a request's list (RecordUsage's rule ids and coupon codes).
pub const MAX_FIELD_ENTRIES: usize = 1000;

/// A page when none is asked for, and the most one may hold.
pub const DEFAULT_PAGE: u32 = 100;
pub const MAX_PAGE: u32 = 500;

/// A string field over [`MAX_FIELD_BYTES`], as a violation (the value is not echoed).
pub fn text_size(v: &mut Vec<FieldViolation>, field: impl FnOnce() -> String, s: &str) {
    cohort_domain::error::check_bytes(v, field, s, MAX_FIELD_BYTES);
}

/// A list over [`MAX_FIELD_ENTRIES`], as a violation; whether it is short enough to look into.
pub fn list_size(v: &mut Vec<FieldViolation>, field: &str, len: usize) -> bool {
    cohort_domain::error::check_entries(v, || field.to_owned(), len, MAX_FIELD_ENTRIES, "entries")
}

/// The collected violations, if any, as an error.
pub fn refuse(v: Vec<FieldViolation>) -> Result<(), AppError> {
    ValidationError::check(v).map_err(AppError::Invalid)
}

/// `page_size`: 0 means [`DEFAULT_PAGE`]; over [`MAX_PAGE`] is refused.
pub fn page_size(requested: u32) -> Result<u32, AppError> {
    match requested {
        0 => Ok(DEFAULT_PAGE),
        n if n <= MAX_PAGE => Ok(n),
        n => Err(AppError::field(
            "page_size",
            format!("at most {MAX_PAGE}, got {n}"),
        )),
    }
}

pub(crate) fn bad_page_token() -> AppError {
    AppError::field("page_token", "is not a token from a previous response")
}

/// A required text field: present once trimmed.
pub(crate) fn required(field: &str, value: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        return Err(AppError::field(field, "is required"));
    }
    Ok(())
}
