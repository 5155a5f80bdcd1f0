//! The one error of the application core. Each front door maps its [`ErrorKind`] once: the
//! gRPC server to a status code (with the field violations as `google.rpc.BadRequest`), the
//! CLI to a one-line message and a failing exit code.

use cohort_domain::ValidationError;
use cohort_store::StoreError;

/// What kind of failure, independent of any transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input is wrong; [`AppError::violations`] names each field.
    Invalid,
    NotFound,
    /// A write raced another (a stale rule version): read again and retry.
    Conflict,
    AlreadyExists,
    /// The request is fine but the state does not allow it (read-only rules, AEP not
    /// configured, a rule that takes no generated codes, unknown audiences).
    FailedPrecondition,
    /// A limit was reached (coupon usage, code space).
    Exhausted,
    /// Try again later.
    Unavailable,
    /// Ours: logged in full, reported without detail.
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(ValidationError),
    #[error("{message}")]
    Failed { kind: ErrorKind, message: String },
    /// `context` is what callers see; `detail` goes to the log only (it may name
    /// configuration or data).
    #[error("{context}")]
    Internal { context: String, detail: String },
}

impl AppError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Invalid(_) => ErrorKind::Invalid,
            AppError::Failed { kind, .. } => *kind,
            AppError::Internal { .. } => ErrorKind::Internal,
        }
    }

    /// The field violations of an [`ErrorKind::Invalid`] error (empty otherwise).
    pub fn violations(&self) -> &[cohort_domain::FieldViolation] {
        match self {
            AppError::Invalid(e) => &e.violations,
            _ => &[],
        }
    }

    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AppError::Failed {
            kind,
            message: message.into(),
        }
    }

    /// One invalid field.
    pub fn field(field: &str, description: impl Into<String>) -> Self {
        AppError::Invalid(ValidationError::single(field, description))
    }

    /// An internal failure; `detail` is logged (once, here) and never shown to callers.
    pub fn internal(context: &str, detail: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "{context}");
        AppError::Internal {
            context: format!("{context}; see the server log"),
            detail: detail.to_string(),
        }
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Invalid(e)
    }
}

impl From<cohort_proto::convert::FileError> for AppError {
    /// Every violation keeps its field (`rules[2].discount_amount`); a JSON error names the
    /// field where parsing stopped.
    fn from(e: cohort_proto::convert::FileError) -> Self {
        use cohort_proto::convert::FileError as F;
        match e {
            F::Invalid(v) => AppError::Invalid(v),
            F::Json { ref path, .. } => {
                let field = if path.is_empty() {
                    "file"
                } else {
                    path.as_str()
                };
                AppError::field(field, e.to_string())
            }
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        use ErrorKind as K;
        use StoreError as E;
        let (kind, message) = match err {
            E::RuleNotFound(id) => (K::NotFound, format!("rule {id} not found")),
            E::VersionConflict { .. } => {
                (K::Conflict, format!("{err}; read the rule again and retry"))
            }
            E::CouponCodeTaken(code) => (
                K::AlreadyExists,
                format!("rule.coupon_code: coupon code {code:?} is already used"),
            ),
            E::UnknownAudiences(ids) => (
                K::FailedPrecondition,
                format!(
                    "rule.conditions: audiences never imported: {}",
                    ids.join(", ")
                ),
            ),
            E::UnknownCoupon(code) => (K::NotFound, format!("coupon {code:?} does not exist")),
            E::CouponLimitReached(code) => (
                K::Exhausted,
                format!("coupon {code:?} reached its usage limit"),
            ),
            E::CouponCustomerLimitReached(code) => (
                K::Exhausted,
                format!("the customer reached the per-customer limit of coupon {code:?}"),
            ),
            E::RuleCustomerLimitReached(id) => (
                K::Exhausted,
                format!("the customer reached the per-customer limit of rule {id}"),
            ),
            E::CodesExhausted(_) => (
                K::Exhausted,
                "the code space is exhausted: use a longer length or another format; nothing was stored"
                    .to_owned(),
            ),
            other => return AppError::internal("database failure", &other),
        };
        AppError::new(kind, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_kind_and_hide_internals() {
        let e = AppError::from(StoreError::RuleNotFound(7));
        assert_eq!(
            (e.kind(), e.to_string().as_str()),
            (ErrorKind::NotFound, "rule 7 not found")
        );
        let e = AppError::from(StoreError::Corrupt("secret row".into()));
        assert_eq!(e.kind(), ErrorKind::Internal);
        assert!(!e.to_string().contains("secret"), "{e}");
        let e = AppError::field("page_size", "at most 500, got 501");
        assert_eq!(e.kind(), ErrorKind::Invalid);
        assert_eq!(e.violations()[0].field, "page_size");
    }
}
