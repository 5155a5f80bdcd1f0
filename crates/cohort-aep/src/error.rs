//! What can go wrong talking to AEP. Every variant names the request that failed (method
//! and path, never the query's values or headers) and carries only text that has been
//! through secret redaction, so an error can be logged or stored in a `SyncRun` as is.

use std::time::Duration;

use crate::config::ConfigError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AepError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// IMS refused the credentials (400/401 from `/ims/token/v3`), e.g. `invalid_client`.
    #[error("{request}: IMS refused the credentials ({status}): {error}: {description}")]
    Auth {
        request: String,
        status: u16,
        error: String,
        description: String,
    },
    /// The platform refused the access token even after one fresh token.
    #[error("{request}: access token rejected ({status} {code}): {message}")]
    Unauthorized {
        request: String,
        status: u16,
        code: String,
        message: String,
    },
    /// 403: API key, org, sandbox or product permission.
    #[error("{request}: permission denied ({status} {code}): {message}")]
    Forbidden {
        request: String,
        status: u16,
        code: String,
        message: String,
    },
    #[error("{request}: not found: {message}")]
    NotFound { request: String, message: String },
    /// Any other 4xx: the request itself is wrong (a missing header, a bad parameter).
    #[error("{request}: request rejected ({status} {code}): {message}")]
    Rejected {
        request: String,
        status: u16,
        code: String,
        message: String,
    },
    /// 429. `retry_after` is what the server asked for, when it said.
    #[error("{request}: rate limited (429){}", fmt_retry_after(*.retry_after))]
    RateLimited {
        request: String,
        retry_after: Option<Duration>,
    },
    #[error("{request}: server error {status}: {message}")]
    Server {
        request: String,
        status: u16,
        message: String,
    },
    #[error("{request}: no complete response within {timeout:?}")]
    Timeout { request: String, timeout: Duration },
    #[error("{request}: connection failed: {message}")]
    Network { request: String, message: String },
    /// The body was not the JSON the API documents (or `_page.next` did not advance).
    #[error("{request}: malformed response: {detail}")]
    Malformed { request: String, detail: String },
    #[error("{request}: response body exceeds the {limit}-byte limit")]
    TooLarge { request: String, limit: u64 },
    /// The set changed under the pager (its `totalCount` moved) on every try.
    #[error("{request}: the audience set kept changing while it was paged ({tries} tries)")]
    Inconsistent { request: String, tries: u32 },
    /// The retry budget (`retry_max_elapsed`) ran out; `last` is the final failure.
    #[error("gave up after {attempts} attempts in {elapsed:?}: {last}")]
    GaveUp {
        attempts: u32,
        elapsed: Duration,
        last: Box<AepError>,
    },
}

fn fmt_retry_after(retry_after: Option<Duration>) -> String {
    retry_after.map_or_else(String::new, |d| format!(", asked to retry after {d:?}"))
}

/// The broad class of an [`AepError`], for callers that map errors to status codes or
/// metrics without matching every variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AepErrorKind {
    Config,
    Auth,
    Permission,
    NotFound,
    InvalidRequest,
    RateLimited,
    Server,
    Timeout,
    Network,
    Malformed,
    TooLarge,
    Inconsistent,
}

impl AepError {
    pub fn kind(&self) -> AepErrorKind {
        match self {
            Self::Config(_) => AepErrorKind::Config,
            Self::Auth { .. } | Self::Unauthorized { .. } => AepErrorKind::Auth,
            Self::Forbidden { .. } => AepErrorKind::Permission,
            Self::NotFound { .. } => AepErrorKind::NotFound,
            Self::Rejected { .. } => AepErrorKind::InvalidRequest,
            Self::RateLimited { .. } => AepErrorKind::RateLimited,
            Self::Server { .. } => AepErrorKind::Server,
            Self::Timeout { .. } => AepErrorKind::Timeout,
            Self::Network { .. } => AepErrorKind::Network,
            Self::Malformed { .. } => AepErrorKind::Malformed,
            Self::TooLarge { .. } => AepErrorKind::TooLarge,
            Self::Inconsistent { .. } => AepErrorKind::Inconsistent,
            Self::GaveUp { last, .. } => last.kind(),
        }
    }

    /// Failures that another attempt may cure. 501 and 505 say the server will never
    /// handle the request, so they are final.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::RateLimited { .. } | Self::Timeout { .. } | Self::Network { .. } => true,
            Self::Server { status, .. } => !matches!(status, 501 | 505),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gave_up_reports_the_last_failure_and_its_kind() {
        let err = AepError::GaveUp {
            attempts: 4,
            elapsed: Duration::from_millis(1500),
            last: Box::new(AepError::RateLimited {
                request: "GET /data/core/ups/audiences".into(),
                retry_after: Some(Duration::from_secs(30)),
            }),
        };
        assert_eq!(err.kind(), AepErrorKind::RateLimited);
        assert_eq!(
            err.to_string(),
            "gave up after 4 attempts in 1.5s: GET /data/core/ups/audiences: rate limited \
             (429), asked to retry after 30s"
        );
    }
}
