//! Reading an HTTP response within the size limit and turning Adobe's error bodies into
//! [`AepError`]s. Adobe answers in several shapes: the gateway's `{"error_code", "message"}`,
//! the services' `{"title", "errors": {"404": [{"code", "message"}]}}`, IMS's `{"error",
//! "error_description"}` and the throttler's `[{"message", "retryAfterMs", …}]`.

use std::time::Duration;

use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::error::AepError;
use crate::secret::Secret;

/// Error bodies are only read for their message; more than this is noise.
const ERROR_BODY_LIMIT: u64 = 64 * 1024;
const MESSAGE_LIMIT: usize = 300;

pub(crate) fn transport_error(
    request: &str,
    timeout: Duration,
    error: &reqwest::Error,
) -> AepError {
    if error.is_timeout() {
        return AepError::Timeout {
            request: request.to_owned(),
            timeout,
        };
    }
    // reqwest's top-level message is generic ("error sending request"); the cause says
    // what actually happened (connection refused, reset, …).
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    AepError::Network {
        request: request.to_owned(),
        message,
    }
}

/// The body, or `TooLarge` as soon as it is known to exceed `limit` (from `Content-Length`
/// or while streaming), so a hostile or broken server cannot make us buffer gigabytes.
pub(crate) async fn read_body(
    mut response: Response,
    limit: u64,
    request: &str,
    timeout: Duration,
) -> Result<Vec<u8>, AepError> {
    let too_large = || AepError::TooLarge {
        request: request.to_owned(),
        limit,
    };
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(request, timeout, &e))?
    {
        if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads an error response's body for its message; an unreadable one reads as empty, since
/// the status alone already says what failed.
pub(crate) async fn read_error_body(response: Response, limit: u64, request: &str) -> Vec<u8> {
    read_body(
        response,
        limit.min(ERROR_BODY_LIMIT),
        request,
        Duration::ZERO,
    )
    .await
    .unwrap_or_default()
}

/// `(code, message)` from any of Adobe's error shapes, secrets redacted.
pub(crate) fn describe(body: &[u8], secrets: &[&Secret]) -> (String, String) {
    let (code, message) = match serde_json::from_slice::<Value>(body) {
        Ok(json) => describe_json(&json),
        Err(_) => (
            String::new(),
            String::from_utf8_lossy(body).trim().to_owned(),
        ),
    };
    let redact = |text: String| secrets.iter().fold(text, |t, s| s.redact(&t));
    (redact(code), truncate(redact(message)))
}

fn describe_json(json: &Value) -> (String, String) {
    let json = match json {
        Value::Array(items) => items.first().unwrap_or(&Value::Null),
        other => other,
    };
    let text = |key: &str| match json.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(code) = text("error_code") {
        return (code, text("message").unwrap_or_default());
    }
    if let Some(error) = text("error") {
        return (error, text("error_description").unwrap_or_default());
    }
    // Service errors: the first entry of `errors`, falling back to title/detail.
    let first = json
        .get("errors")
        .and_then(Value::as_object)
        .and_then(|by_status| by_status.values().next())
        .and_then(Value::as_array)
        .and_then(|list| list.first());
    if let Some(first) = first {
        let field = |key: &str| first.get(key).and_then(Value::as_str).unwrap_or_default();
        return (field("code").to_owned(), field("message").to_owned());
    }
    let message = text("message")
        .or_else(|| text("detail"))
        .or_else(|| text("title"))
        .unwrap_or_default();
    (text("code").unwrap_or_default(), message)
}

fn truncate(mut text: String) -> String {
    if text.len() > MESSAGE_LIMIT {
        let mut cut = MESSAGE_LIMIT;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// The wait a 429 asks for: `Retry-After` seconds, else the body's `retryAfterMs`.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap, body: &[u8]) -> Option<Duration> {
    let header = headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    header.or_else(|| {
        let json: Value = serde_json::from_slice(body).ok()?;
        let item = match &json {
            Value::Array(items) => items.first()?,
            other => other,
        };
        let ms = match item.get("retryAfterMs")? {
            Value::String(s) => s.trim().parse::<u64>().ok()?,
            Value::Number(n) => n.as_u64()?,
            _ => return None,
        };
        Some(Duration::from_millis(ms))
    })
}

/// The error for a non-2xx platform status.
pub(crate) fn platform_error(
    request: &str,
    status: StatusCode,
    code: String,
    message: String,
) -> AepError {
    let request = request.to_owned();
    let status_u16 = status.as_u16();
    match status_u16 {
        401 => AepError::Unauthorized {
            request,
            status: status_u16,
            code,
            message,
        },
        403 => AepError::Forbidden {
            request,
            status: status_u16,
            code,
            message,
        },
        404 => AepError::NotFound { request, message },
        429 => AepError::RateLimited {
            request,
            retry_after: None,
        },
        500..=599 => AepError::Server {
            request,
            status: status_u16,
            message: if code.is_empty() {
                message
            } else {
                format!("{code}: {message}")
            },
        },
        _ => AepError::Rejected {
            request,
            status: status_u16,
            code,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    #[test]
    fn describes_every_error_shape() {
        let d = |s: &str| describe(s.as_bytes(), &[]);
        assert_eq!(
            d(r#"{"error_code":"403003","message":"Api Key is invalid"}"#),
            ("403003".into(), "Api Key is invalid".into())
        );
        assert_eq!(
            d(
                r#"{"error":"invalid_client","error_description":"invalid client_secret parameter"}"#
            ),
            (
                "invalid_client".into(),
                "invalid client_secret parameter".into()
            )
        );
        assert_eq!(
            d(
                r#"{"requestId":"r","errors":{"404":[{"code":"UPS-404","message":"Audience not found"}]},"title":"Not Found","status":404}"#
            ),
            ("UPS-404".into(), "Audience not found".into())
        );
        assert_eq!(
            d(r#"[{"message":"Too many requests","retryAfterMs":"100","statusCode":429}]"#),
            (String::new(), "Too many requests".into())
        );
        assert_eq!(d("<html>Bad Gateway</html>").1, "<html>Bad Gateway</html>");
        assert!(d(&"x".repeat(5000)).1.len() < 400);
    }

    #[test]
    fn redacts_secrets_from_server_messages() {
        let secret = Secret::new("p8e-LEAKY");
        let (_, message) = describe(
            br#"{"error":"invalid_client","error_description":"bad p8e-LEAKY"}"#,
            &[&secret],
        );
        assert_eq!(message, "bad ***");
    }

    #[test]
    fn retry_after_prefers_the_header_then_the_body() {
        let mut headers = HeaderMap::new();
        let body = br#"[{"message":"slow down","retryAfterMs":"250"}]"#;
        assert_eq!(
            retry_after(&headers, body),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after(&headers, br#"{"retryAfterMs":40}"#),
            Some(Duration::from_millis(40))
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, body), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&HeaderMap::new(), b"nope"), None);
    }
}
