//! [`AepClient`]: the IMS token and the platform calls, with the headers, timeouts, size
//! limit, retries and the one-refresh-after-401 rule applied to every request.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use reqwest::{Url, redirect};
use serde_json::Value;

use crate::audiences::{self, AepAudience, AudiencePage};
use crate::config::{AepConfig, AudiencesEndpoint, ConfigError, LookupApi};
use crate::edge::edge_segment_ids;
use crate::error::AepError;
use crate::profile::profile_member_ids;
use crate::response;
use crate::retry::{Failure, Jitter, RetryPolicy, with_retries};
use crate::secret::Secret;
use crate::token::{CachedToken, TokenCache, TokenInfo};

const TOKEN_PATH: &str = "/ims/token/v3";
const AUDIENCES_PATH: &str = "/data/core/ups/audiences";
const SEGMENT_DEFINITIONS_PATH: &str = "/data/core/ups/segment/definitions";
const EDGE_INTERACT_PATH: &str = "/ee/v2/interact";
const PROFILE_ACCESS_PATH: &str = "/data/core/ups/access/entities";
/// A listing whose `totalCount` moves between pages is started over this many times.
const LIST_TRIES: u32 = 3;

/// `application/x-www-form-urlencoded` keeps only these unescaped.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// Every audience of the org, from one consistent pass over all pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceList {
    pub audiences: Vec<AepAudience>,
    /// Malformed items skipped across all pages.
    pub skipped: usize,
    pub pages: u32,
    /// The server's `totalCount`, when it gave one.
    pub total_count: Option<u64>,
    /// Passes started over because the set changed while being paged.
    pub restarts: u32,
}

/// Cheap to clone; clones share the token cache and the connection pool.
#[derive(Clone)]
pub struct AepClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: AepConfig,
    http: reqwest::Client,
    tokens: TokenCache,
    retry: RetryPolicy,
    jitter: Jitter,
    token_url: Url,
    platform_url: Url,
    /// Distinguishes this client's `x-request-id`s from other replicas'.
    instance: u64,
    request_seq: AtomicU64,
}

impl fmt::Debug for AepClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AepClient")
            .field("platform_url", &self.inner.config.platform_url)
            .field("org_id", &self.inner.config.org_id)
            .field("sandbox", &self.inner.config.sandbox)
            .finish_non_exhaustive()
    }
}

impl AepClient {
    /// Resolves (console file) and validates `config`; no network call is made.
    pub fn new(config: AepConfig) -> Result<Self, AepError> {
        Self::build(config, Jitter::from_entropy())
    }

    /// Like [`AepClient::new`] with a fixed jitter seed, so retry delays are reproducible.
    pub fn with_jitter_seed(config: AepConfig, seed: u64) -> Result<Self, AepError> {
        Self::build(config, Jitter::seeded(seed))
    }

    fn build(config: AepConfig, jitter: Jitter) -> Result<Self, AepError> {
        let config = config.resolve()?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("cohort-aep/", env!("CARGO_PKG_VERSION")))
            // Adobe does not redirect these APIs; following one would send the token to
            // wherever the redirect points.
            .redirect(redirect::Policy::none())
            .build()
            .map_err(|e| ConfigError::Invalid {
                field: "http_client",
                reason: e.to_string(),
            })?;
        let token_url = join(&config.ims_url, "ims_url", TOKEN_PATH)?;
        let platform_url = join(&config.platform_url, "platform_url", "")?;
        let retry = RetryPolicy {
            base_delay: config.retry_base_delay,
            max_delay: config.retry_max_delay,
            max_elapsed: config.retry_max_elapsed,
        };
        let instance = jitter.next_u64() & 0xffff_ffff;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                http,
                tokens: TokenCache::default(),
                retry,
                jitter,
                token_url,
                platform_url,
                instance,
                request_seq: AtomicU64::new(0),
            }),
        })
    }

    pub fn config(&self) -> &AepConfig {
        &self.inner.config
    }

    /// A usable token's lifetime, fetching one if needed (`aep check` uses this to prove
    /// the credentials work).
    pub async fn token_info(&self) -> Result<TokenInfo, AepError> {
        Ok(self.token().await?.info.clone())
    }

    /// The cached token's lifetime, without any network call.
    pub fn cached_token_info(&self) -> Option<TokenInfo> {
        self.inner.tokens.current_info()
    }

    /// Every page of the configured endpoint, or an error: never a partial list. Items are
    /// de-duplicated by `id` (the last one seen wins), since an audience created during the
    /// pass shifts later ones onto the next page.
    pub async fn list_all_audiences(&self) -> Result<AudienceList, AepError> {
        for pass in 0..LIST_TRIES {
            match self.list_pass().await? {
                Some(mut list) => {
                    list.restarts = pass;
                    return Ok(list);
                }
                None => {
                    tracing::warn!(pass, "AEP audience set changed while paging; starting over")
                }
            }
        }
        Err(AepError::Inconsistent {
            request: format!("GET {}", self.list_path()),
            tries: LIST_TRIES,
        })
    }

    /// One pass; `None` when `totalCount` moved between pages (an audience appeared or
    /// vanished, so offsets shifted and an audience may have been missed).
    async fn list_pass(&self) -> Result<Option<AudienceList>, AepError> {
        let mut list = AudienceList {
            audiences: Vec::new(),
            skipped: 0,
            pages: 0,
            total_count: None,
            restarts: 0,
        };
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut start = 0u64;
        loop {
            let page = self.list_audiences_page(start).await?;
            list.pages += 1;
            if list.pages == 1 {
                list.total_count = page.total_count;
            } else if page.total_count != list.total_count {
                return Ok(None);
            }
            list.skipped += page.skipped;
            for audience in page.audiences {
                match index.get(&audience.id) {
                    Some(&i) => list.audiences[i] = audience,
                    None => {
                        index.insert(audience.id.clone(), list.audiences.len());
                        list.audiences.push(audience);
                    }
                }
            }
            let Some(next) = page.next else { break };
            let request = || format!("GET {}", self.list_path());
            if next <= start {
                return Err(AepError::Malformed {
                    request: request(),
                    detail: format!("next page offset {next} does not advance past {start}"),
                });
            }
            if list.pages >= self.inner.config.max_pages {
                return Err(AepError::Malformed {
                    request: request(),
                    detail: format!(
                        "more than max_pages ({}) pages",
                        self.inner.config.max_pages
                    ),
                });
            }
            start = next;
        }
        if let Some(total) = list.total_count {
            let seen = (list.audiences.len() + list.skipped) as u64;
            if seen != total {
                tracing::warn!(total, seen, "AEP totalCount differs from the items listed");
            }
        }
        tracing::info!(
            audiences = list.audiences.len(),
            skipped = list.skipped,
            pages = list.pages,
            "listed AEP audiences"
        );
        Ok(Some(list))
    }

    /// One page of the configured endpoint starting at offset `start`.
    pub async fn list_audiences_page(&self, start: u64) -> Result<AudiencePage, AepError> {
        let path = self.list_path();
        let request = format!("GET {path}");
        let mut url = self.platform(path);
        url.query_pairs_mut()
            .append_pair("start", &start.to_string())
            .append_pair("limit", &self.inner.config.page_size.to_string());
        let body = self.platform_get(url, &request).await?;
        let page = match self.inner.config.audiences_endpoint {
            AudiencesEndpoint::Audiences => audiences::parse_audiences_page(&body),
            AudiencesEndpoint::SegmentDefinitions => {
                audiences::parse_segment_definitions_page(&body, start)
            }
        };
        page.map_err(|detail| AepError::Malformed { request, detail })
    }

    /// `GET /data/core/ups/audiences/{id}`; `NotFound` for an unknown id.
    pub async fn get_audience(&self, id: &str) -> Result<AepAudience, AepError> {
        let request = format!("GET {AUDIENCES_PATH}/{{id}}");
        if id.trim().is_empty() {
            return Err(AepError::NotFound {
                request,
                message: "empty audience id".to_owned(),
            });
        }
        let mut url = self.platform(AUDIENCES_PATH);
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.push(id);
        }
        let body = self.platform_get(url, &request).await?;
        audiences::parse_audience(&body).map_err(|detail| AepError::Malformed { request, detail })
    }

    fn list_path(&self) -> &'static str {
        match self.inner.config.audiences_endpoint {
            AudiencesEndpoint::Audiences => AUDIENCES_PATH,
            AudiencesEndpoint::SegmentDefinitions => SEGMENT_DEFINITIONS_PATH,
        }
    }

    fn platform(&self, path: &str) -> Url {
        let mut url = self.inner.platform_url.clone();
        let joined = format!("{}{path}", url.path().trim_end_matches('/'));
        url.set_path(&joined);
        url
    }

    async fn token(&self) -> Result<Arc<CachedToken>, AepError> {
        self.inner.tokens.get(|| self.fetch_token()).await
    }

    /// A GET with the platform headers, retried, and re-sent once with a fresh token if
    /// the platform says the token is not valid (it may have been revoked or expired early).
    async fn platform_get(&self, url: Url, request: &str) -> Result<Value, AepError> {
        let mut refreshed = false;
        loop {
            let token = self.token().await?;
            let result = with_retries(
                &self.inner.retry,
                &self.inner.jitter,
                request,
                |remaining| self.get_once(url.clone(), &token, request, remaining),
            )
            .await;
            match result {
                Err(AepError::Unauthorized { .. }) if !refreshed => {
                    tracing::info!(request, "AEP rejected the access token; fetching a new one");
                    self.inner.tokens.invalidate(&token);
                    refreshed = true;
                }
                other => return other,
            }
        }
    }

    async fn get_once(
        &self,
        url: Url,
        token: &CachedToken,
        request: &str,
        remaining: Duration,
    ) -> Result<Value, Failure> {
        let timeout = self.attempt_timeout(remaining);
        self.send_once(url, None, token, request, timeout).await
    }

    /// One exchange with the platform headers: a GET, or a JSON POST when `body` is given.
    async fn send_once(
        &self,
        url: Url,
        body: Option<&Value>,
        token: &CachedToken,
        request: &str,
        timeout: Duration,
    ) -> Result<Value, Failure> {
        let config = &self.inner.config;
        let mut bearer = HeaderValue::from_str(&format!("Bearer {}", token.token.expose()))
            .map_err(|_| AepError::Malformed {
                request: request.to_owned(),
                detail: "IMS issued an access token that is not a valid header value".to_owned(),
            })?;
        // Keeps the token out of any Debug output of the request's headers.
        bearer.set_sensitive(true);
        let request_id = self.request_id();
        tracing::debug!(request, %request_id, "AEP request");
        let builder = match body {
            None => self.inner.http.get(url),
            Some(body) => self.inner.http.post(url).json(body),
        };
        let response = builder
            .timeout(timeout)
            .header(AUTHORIZATION, bearer)
            .header("x-api-key", &config.client_id)
            .header("x-gw-ims-org-id", &config.org_id)
            .header("x-sandbox-name", &config.sandbox)
            .header("x-request-id", &request_id)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| response::transport_error(request, timeout, &e))?;
        let status = response.status();
        tracing::debug!(request, %request_id, status = status.as_u16(), "AEP response");
        if status.is_success() {
            let body =
                response::read_body(response, config.max_response_bytes, request, timeout).await?;
            return serde_json::from_slice(&body).map_err(|e| {
                Failure::from(AepError::Malformed {
                    request: request.to_owned(),
                    detail: format!("body is not JSON: {e}"),
                })
            });
        }
        let headers = response.headers().clone();
        let body = response::read_error_body(response, config.max_response_bytes, request).await;
        let (code, message) = response::describe(&body, &[&config.client_secret, &token.token]);
        let error = response::platform_error(request, status, code, message);
        let retry_after = response::retry_after(&headers, &body);
        Err(match error {
            AepError::RateLimited { request, .. } => Failure {
                error: AepError::RateLimited {
                    request,
                    retry_after,
                },
                retry_after,
            },
            other => other.into(),
        })
    }

    /// The audience ids a shopper identity is a member of, asked of Experience Platform
    /// once: no retries, each exchange bounded by `request_timeout` (the caller bounds
    /// the whole with its own budget). A token the platform rejects is replaced once.
    /// An identity unknown to the Profile Access API is a member of nothing.
    pub async fn lookup_membership(
        &self,
        api: LookupApi,
        namespace: &str,
        id: &str,
    ) -> Result<Vec<String>, AepError> {
        let (request, url, body) = match api {
            LookupApi::Edge => {
                let datastream =
                    self.inner
                        .config
                        .datastream_id
                        .as_deref()
                        .ok_or(ConfigError::Missing {
                            field: "datastream_id",
                        })?;
                let mut url = join(&self.inner.config.edge_url, "edge_url", EDGE_INTERACT_PATH)?;
                url.query_pairs_mut()
                    .append_pair("dataStreamId", datastream);
                let body = serde_json::json!({
                    "event": {"xdm": {
                        "eventType": "decisioning.propositionFetch",
                        "identityMap": {namespace: [
                            {"id": id, "primary": true, "authenticatedState": "ambiguous"}
                        ]}
                    }},
                    "query": {"identity": {"fetch": [namespace]}}
                });
                (format!("POST {EDGE_INTERACT_PATH}"), url, Some(body))
            }
            LookupApi::Profile => {
                let mut url = self.platform(PROFILE_ACCESS_PATH);
                url.query_pairs_mut()
                    .append_pair("schema.name", "_xdm.context.profile")
                    .append_pair("entityId", id)
                    .append_pair("entityIdNS", namespace)
                    .append_pair("fields", "segmentMembership");
                (format!("GET {PROFILE_ACCESS_PATH}"), url, None)
            }
        };
        let timeout = self.inner.config.request_timeout;
        let mut refreshed = false;
        let value = loop {
            let token = self.token().await?;
            match self
                .send_once(url.clone(), body.as_ref(), &token, &request, timeout)
                .await
            {
                Ok(value) => break value,
                Err(Failure {
                    error: AepError::Unauthorized { .. },
                    ..
                }) if !refreshed => {
                    self.inner.tokens.invalidate(&token);
                    refreshed = true;
                }
                Err(Failure {
                    error: AepError::NotFound { .. },
                    ..
                }) if api == LookupApi::Profile => return Ok(Vec::new()),
                Err(failure) => return Err(failure.error),
            }
        };
        match api {
            LookupApi::Edge => edge_segment_ids(&value).map_err(|e| AepError::Malformed {
                request,
                detail: e.to_string(),
            }),
            LookupApi::Profile => Ok(profile_member_ids(&value)),
        }
    }

    /// `POST /ims/token/v3` with the client credentials grant, retried like any call.
    async fn fetch_token(&self) -> Result<CachedToken, AepError> {
        let config = &self.inner.config;
        let request = "POST /ims/token/v3";
        let body = [
            ("grant_type", "client_credentials"),
            ("client_id", config.client_id.as_str()),
            ("client_secret", config.client_secret.expose()),
            ("scope", config.scope_param()),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, FORM)))
        .collect::<Vec<_>>()
        .join("&");
        let body = Secret::new(body);
        let token = with_retries(
            &self.inner.retry,
            &self.inner.jitter,
            request,
            |remaining| self.token_once(&body, request, remaining),
        )
        .await?;
        tracing::info!(
            expires_in_secs = token.info.expires_in.as_secs(),
            refresh_at = %token.info.refresh_at,
            "fetched an IMS access token"
        );
        Ok(token)
    }

    async fn token_once(
        &self,
        body: &Secret,
        request: &str,
        remaining: Duration,
    ) -> Result<CachedToken, Failure> {
        let config = &self.inner.config;
        let timeout = self.attempt_timeout(remaining);
        let response = self
            .inner
            .http
            .post(self.inner.token_url.clone())
            .timeout(timeout)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body.expose().to_owned())
            .send()
            .await
            .map_err(|e| response::transport_error(request, timeout, &e))?;
        let status = response.status();
        if status.is_success() {
            let body =
                response::read_body(response, config.max_response_bytes, request, timeout).await?;
            return parse_token(&body).map_err(|detail| {
                Failure::from(AepError::Malformed {
                    request: request.to_owned(),
                    detail,
                })
            });
        }
        let headers = response.headers().clone();
        let body = response::read_error_body(response, config.max_response_bytes, request).await;
        let (code, message) = response::describe(&body, &[&config.client_secret]);
        let status_u16 = status.as_u16();
        let error = match status_u16 {
            // IMS answers bad credentials and bad scopes with 400 or 401, both final.
            400 | 401 | 403 => AepError::Auth {
                request: request.to_owned(),
                status: status_u16,
                error: code,
                description: message,
            },
            429 => {
                let retry_after = response::retry_after(&headers, &body);
                return Err(Failure {
                    error: AepError::RateLimited {
                        request: request.to_owned(),
                        retry_after,
                    },
                    retry_after,
                });
            }
            _ => response::platform_error(request, status, code, message),
        };
        Err(error.into())
    }

    /// The per-attempt timeout, shortened to what is left of the retry budget so the budget
    /// bounds the whole call.
    fn attempt_timeout(&self, remaining: Duration) -> Duration {
        self.inner
            .config
            .request_timeout
            .min(remaining)
            .max(Duration::from_millis(1))
    }

    fn request_id(&self) -> String {
        let seq = self.inner.request_seq.fetch_add(1, Ordering::Relaxed);
        format!("cohort-{:08x}-{seq}", self.inner.instance)
    }
}

fn parse_token(body: &[u8]) -> Result<CachedToken, String> {
    let json: Value = serde_json::from_slice(body).map_err(|e| format!("body is not JSON: {e}"))?;
    let access_token = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or("no access_token")?;
    let token_type = json
        .get("token_type")
        .and_then(Value::as_str)
        .unwrap_or("bearer")
        .to_owned();
    let expires_in = match json.get("expires_in") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|secs| *secs > 0)
    .ok_or("no positive expires_in")?;
    Ok(CachedToken::new(
        Secret::new(access_token),
        token_type,
        Duration::from_secs(expires_in),
    ))
}

fn join(base: &str, field: &'static str, path: &str) -> Result<Url, ConfigError> {
    let joined = format!("{}{path}", base.trim_end_matches('/'));
    Url::parse(&joined).map_err(|e| ConfigError::Invalid {
        field,
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bodies_are_parsed_strictly() {
        let t = parse_token(br#"{"access_token":"eyJ","token_type":"bearer","expires_in":86399}"#)
            .unwrap();
        assert_eq!(t.info.expires_in, Duration::from_secs(86399));
        assert!(parse_token(br#"{"access_token":"eyJ","expires_in":"60"}"#).is_ok());
        assert!(parse_token(br#"{"access_token":"","expires_in":60}"#).is_err());
        assert!(parse_token(br#"{"access_token":"x","expires_in":0}"#).is_err());
        assert!(parse_token(b"<html>").is_err());
    }

    #[test]
    fn debug_shows_no_credentials() {
        let client =
            AepClient::new(AepConfig::new("cid", "p8e-TOPSECRET", "ORG@AdobeOrg")).unwrap();
        let debug = format!("{client:?}");
        assert!(debug.contains("ORG@AdobeOrg") && !debug.contains("p8e-TOPSECRET"));
    }

    #[test]
    fn platform_paths_keep_a_base_path_prefix() {
        let config = AepConfig::new("c", "s", "o").with_base_url("http://127.0.0.1:9/prefix/");
        let client = AepClient::new(config).unwrap();
        assert_eq!(
            client.platform(AUDIENCES_PATH).as_str(),
            "http://127.0.0.1:9/prefix/data/core/ups/audiences"
        );
        assert_eq!(
            client.inner.token_url.as_str(),
            "http://127.0.0.1:9/prefix/ims/token/v3"
        );
    }
}
