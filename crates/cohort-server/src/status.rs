//! The one place errors become gRPC statuses (Quickwit's habit): an [`AppError`]'s kind picks
//! the code; validation errors are `INVALID_ARGUMENT` with `google.rpc.BadRequest` field
//! violations, so callers see which field was wrong, and the message repeats them for
//! clients that ignore details.
//!
//! Rust's orphan rule forbids `impl From<AppError> for Status` here (both are foreign), so
//! the mapping is [`grpc`], and handlers end in [`answer`]: their body is an `async` block
//! that uses `?` on `AppError`s.

use cohort_app::{AppError, ErrorKind};
use cohort_domain::ValidationError;
use tonic::{Code, Response, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// `INVALID_ARGUMENT` naming every offending field.
pub fn invalid_argument(err: &ValidationError) -> Status {
    let mut details = ErrorDetails::new();
    for v in &err.violations {
        details.add_bad_request_violation(v.field.clone(), v.description.clone());
    }
    Status::with_error_details(Code::InvalidArgument, err.to_string(), details)
}

/// `INVALID_ARGUMENT` for one field.
pub fn invalid_field(field: &str, description: impl Into<String>) -> Status {
    invalid_argument(&ValidationError::single(field, description))
}

/// The status of an application error.
pub fn grpc(err: AppError) -> Status {
    let code = match err.kind() {
        ErrorKind::Invalid => match &err {
            AppError::Invalid(e) => return invalid_argument(e),
            _ => Code::InvalidArgument,
        },
        ErrorKind::NotFound => Code::NotFound,
        ErrorKind::Conflict => Code::Aborted,
        ErrorKind::AlreadyExists => Code::AlreadyExists,
        ErrorKind::FailedPrecondition => Code::FailedPrecondition,
        ErrorKind::Exhausted => Code::ResourceExhausted,
        ErrorKind::Unavailable => Code::Unavailable,
        ErrorKind::Internal => Code::Internal,
    };
    Status::new(code, err.to_string())
}

/// A handler's answer: its message, or the status of its error.
pub fn answer<T>(result: Result<T, AppError>) -> Result<Response<T>, Status> {
    result.map(Response::new).map_err(grpc)
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
        let status = grpc(AppError::Invalid(err));
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(status.message().contains("cart.items[2].qty: must be > 0"));
        let bad = status.get_details_bad_request().unwrap();
        assert_eq!(bad.field_violations.len(), 2);
        assert_eq!(bad.field_violations[0].field, "cart.items[2].qty");
    }

    #[test]
    fn kinds_pick_codes() {
        let cases = [
            (ErrorKind::NotFound, Code::NotFound),
            (ErrorKind::Conflict, Code::Aborted),
            (ErrorKind::AlreadyExists, Code::AlreadyExists),
            (ErrorKind::FailedPrecondition, Code::FailedPrecondition),
            (ErrorKind::Exhausted, Code::ResourceExhausted),
            (ErrorKind::Unavailable, Code::Unavailable),
            (ErrorKind::Invalid, Code::InvalidArgument),
        ];
        for (kind, code) in cases {
            let status = grpc(AppError::new(kind, "x"));
            assert_eq!((status.code(), status.message()), (code, "x"));
        }
    }
}
