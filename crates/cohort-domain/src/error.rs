//! Validation errors that name the offending field, so callers see *which* input was wrong
//! (gRPC maps them to `INVALID_ARGUMENT` with `google.rpc.BadRequest` field violations).

use std::fmt;

/// One invalid field: a path such as `cart.items[2].qty` and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldViolation {
    pub field: String,
    pub description: String,
}

impl FieldViolation {
    pub fn new(field: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            description: description.into(),
        }
    }
}

impl fmt::Display for FieldViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.description)
    }
}

/// Pushes a violation of `field` when `s` is over `max` bytes; the message gives the size,
/// never the value (it may be megabytes, or a secret).
pub fn check_bytes(
    out: &mut Vec<FieldViolation>,
    field: impl FnOnce() -> String,
    s: &str,
    max: usize,
) {
    if s.len() > max {
        out.push(FieldViolation::new(
            field(),
            format!("at most {max} bytes, got {}", s.len()),
        ));
    }
}

/// Pushes a violation of `field` when a list of `len` `what` holds more than `max`; whether
/// it is short enough to look into.
pub fn check_entries(
    out: &mut Vec<FieldViolation>,
    field: impl FnOnce() -> String,
    len: usize,
    max: usize,
    what: &str,
) -> bool {
    if len > max {
        out.push(FieldViolation::new(
            field(),
            format!("at most {max} {what}, got {len}"),
        ));
        return false;
    }
    true
}

/// At most this many violations are reported; the rest are only counted (`omitted`), so a
/// hostile input with a million bad fields gets a short answer.
pub const MAX_REPORTED_VIOLATIONS: usize = 20;

/// The violations found in one input (the first [`MAX_REPORTED_VIOLATIONS`], in field
/// order, plus how many more there were); never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    pub violations: Vec<FieldViolation>,
    /// Violations found beyond the reported ones.
    pub omitted: usize,
}

impl ValidationError {
    pub fn single(field: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            violations: vec![FieldViolation::new(field, description)],
            omitted: 0,
        }
    }

    /// `Ok(())` when nothing was collected, the error otherwise, capped at
    /// [`MAX_REPORTED_VIOLATIONS`].
    pub fn check(mut violations: Vec<FieldViolation>) -> Result<(), ValidationError> {
        if violations.is_empty() {
            return Ok(());
        }
        let omitted = violations.len().saturating_sub(MAX_REPORTED_VIOLATIONS);
        violations.truncate(MAX_REPORTED_VIOLATIONS);
        Err(ValidationError {
            violations,
            omitted,
        })
    }

    /// Every violation found, reported and omitted.
    pub fn count(&self) -> usize {
        self.violations.len() + self.omitted
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        if self.omitted > 0 {
            write!(f, "; and {} more", self.omitted)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn violations_are_capped_and_counted() {
        let many: Vec<FieldViolation> = (0..300_000)
            .map(|i| FieldViolation::new(format!("cart.coupon_codes[{i}]"), "must not be empty"))
            .collect();
        let err = ValidationError::check(many).unwrap_err();
        assert_eq!(err.violations.len(), MAX_REPORTED_VIOLATIONS);
        assert_eq!(err.count(), 300_000);
        let text = err.to_string();
        assert!(text.ends_with("; and 299980 more"), "{text}");
        assert!(text.len() < 1_000);
    }
}
