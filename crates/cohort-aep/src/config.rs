//! The `aep` config section (keys of AEP.md) and the Developer Console workspace JSON.
//!
//! Durations (`sync_interval`, timeouts, retry bounds) accept an integer number of seconds
//! or a string of number+unit pairs: `"15m"`, `"90s"`, `"1h30m"`, `"250ms"`, `"2d"`; a bare
//! number in a string (as environment variables give it) is seconds.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use crate::secret::Secret;

pub const DEFAULT_SCOPES: &str =
    "openid,session,AdobeID,read_organizations,additional_info.projectedProductContext";
pub const DEFAULT_IMS_URL: &str = "https://ims-na1.adobelogin.com";
pub const DEFAULT_PLATFORM_URL: &str = "https://platform.adobe.io";
/// The Edge Network's host for authenticated server-to-server calls.
pub const DEFAULT_EDGE_URL: &str = "https://server.adobedc.net";

/// Which listing endpoint to page: the audiences API, or the legacy segment definitions
/// that some orgs still only have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudiencesEndpoint {
    #[default]
    Audiences,
    SegmentDefinitions,
}

/// Which Experience Platform API answers a membership look-up: the Edge Network Server
/// API (`POST /ee/v2/interact`, the `activation:pull` handle's segments), or the Profile
/// Access API (`GET /data/core/ups/access/entities`, the realized and existing entries of
/// `segmentMembership`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupApi {
    #[default]
    Edge,
    Profile,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("aep.{field} is required")]
    Missing { field: &'static str },
    #[error("aep.{field} is invalid: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error("cannot read the Developer Console workspace file {path}: {reason}")]
    ConsoleFile { path: PathBuf, reason: String },
    #[error("the Developer Console workspace JSON is not usable: {reason}")]
    ConsoleJson { reason: String },
}

/// Every key is optional when deserializing so that an absent or partial `aep` section
/// still parses; [`AepConfig::validate`] (called by `AepClient::new`) names what is missing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AepConfig {
    pub client_id: String,
    pub client_secret: Secret,
    /// `…@AdobeOrg`
    pub org_id: String,
    pub technical_account_id: Option<String>,
    pub technical_account_email: Option<String>,
    /// Lower-case sandbox name, e.g. `prod`.
    pub sandbox: String,
    /// Comma-separated and opaque (a list is also accepted); `None` means the console
    /// file's scopes if one is loaded, else [`DEFAULT_SCOPES`].
    #[serde(deserialize_with = "de_scopes")]
    pub scopes: Option<String>,
    pub ims_url: String,
    pub platform_url: String,
    #[serde(deserialize_with = "de_duration")]
    pub sync_interval: Duration,
    /// The Edge Network Server API base URL (membership look-ups, `membership.lookup =
    /// "edge"`).
    pub edge_url: String,
    /// The datastream the Edge Network look-up is sent to (the storefront's Web SDK one,
    /// or a server-side one with the same audiences); required for edge look-ups.
    pub datastream_id: Option<String>,
    pub audiences_endpoint: AudiencesEndpoint,
    /// A Developer Console workspace JSON file; its credentials fill the fields left empty.
    pub console_file: Option<PathBuf>,
    /// Items requested per page (`limit`).
    pub page_size: u32,
    /// Safety stop for a server whose `_page.next` never ends.
    pub max_pages: u32,
    #[serde(deserialize_with = "de_duration")]
    pub connect_timeout: Duration,
    /// Bound on one HTTP exchange, body included.
    #[serde(deserialize_with = "de_duration")]
    pub request_timeout: Duration,
    /// First backoff step; doubles per retry up to `retry_max_delay`, with jitter.
    #[serde(deserialize_with = "de_duration")]
    pub retry_base_delay: Duration,
    #[serde(deserialize_with = "de_duration")]
    pub retry_max_delay: Duration,
    /// Total time one call (one page, one token fetch) may spend across its retries.
    #[serde(deserialize_with = "de_duration")]
    pub retry_max_elapsed: Duration,
    /// Bodies larger than this are refused rather than buffered.
    pub max_response_bytes: u64,
}

impl Default for AepConfig {
    fn default() -> Self {
        Self {
            client_id: String::new(),
            client_secret: Secret::default(),
            org_id: String::new(),
            technical_account_id: None,
            technical_account_email: None,
            sandbox: "prod".to_owned(),
            scopes: None,
            ims_url: DEFAULT_IMS_URL.to_owned(),
            platform_url: DEFAULT_PLATFORM_URL.to_owned(),
            edge_url: DEFAULT_EDGE_URL.to_owned(),
            sync_interval: Duration::from_secs(15 * 60),
            datastream_id: None,
            audiences_endpoint: AudiencesEndpoint::Audiences,
            console_file: None,
            page_size: 100,
            max_pages: 10_000,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry_base_delay: Duration::from_millis(500),
            retry_max_delay: Duration::from_secs(30),
            retry_max_elapsed: Duration::from_secs(120),
            max_response_bytes: 16 * 1024 * 1024,
        }
    }
}

impl AepConfig {
    /// The credentials; everything else at its default.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        org_id: impl Into<String>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            org_id: org_id.into(),
            ..Self::default()
        }
    }

    /// Points IMS, the platform and the Edge Network at one base URL (the fake serves
    /// all three).
    pub fn with_base_url(mut self, url: &str) -> Self {
        self.ims_url = url.to_owned();
        self.platform_url = url.to_owned();
        self.edge_url = url.to_owned();
        self
    }

    /// True when credentials are present (directly or through a console file), i.e. the
    /// operator meant AEP to be used.
    pub fn is_configured(&self) -> bool {
        self.console_file.is_some()
            || !(self.client_id.is_empty()
                && self.client_secret.is_empty()
                && self.org_id.is_empty())
    }

    /// The `scope` sent to IMS.
    pub fn scope_param(&self) -> &str {
        self.scopes.as_deref().unwrap_or(DEFAULT_SCOPES)
    }

    /// Loads `console_file` when set, then checks every field. `AepClient::new` calls it.
    pub fn resolve(mut self) -> Result<Self, ConfigError> {
        if let Some(path) = self.console_file.clone() {
            self.apply_console_file(&path)?;
        }
        self.validate()?;
        Ok(self)
    }

    /// A config from a Developer Console workspace JSON alone.
    pub fn from_console_json(text: &str) -> Result<Self, ConfigError> {
        let mut config = Self::default();
        config.apply_console_json(text)?;
        Ok(config)
    }

    pub fn apply_console_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::ConsoleFile {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        self.apply_console_json(&text)
    }

    /// Fills the credential fields that are still empty from the console JSON: explicit
    /// fields win, so an environment variable can override what the file says.
    pub fn apply_console_json(&mut self, text: &str) -> Result<(), ConfigError> {
        let console = crate::console::parse(text)?;
        if self.client_id.is_empty() {
            self.client_id = console.client_id;
        }
        if self.client_secret.is_empty() {
            self.client_secret = console.client_secret;
        }
        if self.org_id.is_empty() {
            self.org_id = console.org_id;
        }
        if self.technical_account_id.is_none() {
            self.technical_account_id = console.technical_account_id;
        }
        if self.technical_account_email.is_none() {
            self.technical_account_email = console.technical_account_email;
        }
        if self.scopes.is_none() && !console.scopes.is_empty() {
            self.scopes = Some(console.scopes.join(","));
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let required = [
            ("client_id", self.client_id.is_empty()),
            ("client_secret", self.client_secret.is_empty()),
            ("org_id", self.org_id.is_empty()),
            ("sandbox", self.sandbox.is_empty()),
        ];
        if let Some((field, _)) = required.into_iter().find(|(_, empty)| *empty) {
            return Err(ConfigError::Missing { field });
        }
        // Sandbox names are lower-case in AEP; a capitalised one is a typo that the
        // gateway would answer with a confusing 403.
        if !self
            .sandbox
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(invalid(
                "sandbox",
                "must be lower-case letters, digits, '-' or '_'",
            ));
        }
        for (field, url) in [
            ("ims_url", &self.ims_url),
            ("platform_url", &self.platform_url),
            ("edge_url", &self.edge_url),
        ] {
            let parsed = reqwest::Url::parse(url).map_err(|e| invalid(field, &e.to_string()))?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(invalid(field, "must be an http or https URL"));
            }
        }
        if self.page_size == 0 {
            return Err(invalid("page_size", "must be at least 1"));
        }
        if self.max_pages == 0 {
            return Err(invalid("max_pages", "must be at least 1"));
        }
        for (field, d) in [
            ("sync_interval", self.sync_interval),
            ("connect_timeout", self.connect_timeout),
            ("request_timeout", self.request_timeout),
            ("retry_max_elapsed", self.retry_max_elapsed),
        ] {
            if d.is_zero() {
                return Err(invalid(field, "must be greater than zero"));
            }
        }
        if self.max_response_bytes == 0 {
            return Err(invalid("max_response_bytes", "must be at least 1"));
        }
        Ok(())
    }
}

fn invalid(field: &'static str, reason: &str) -> ConfigError {
    ConfigError::Invalid {
        field,
        reason: reason.to_owned(),
    }
}

/// Parses `"15m"`, `"1h30m"`, `"250ms"`, `"90"` (seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty duration".to_owned());
    }
    if let Ok(secs) = text.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!("expected a number in {text:?}"));
        }
        let n: u64 = rest[..digits]
            .parse()
            .map_err(|_| format!("number too large in {text:?}"))?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let step = match unit.trim() {
            "ms" => Duration::from_millis(n),
            "s" => Duration::from_secs(n),
            "m" => Duration::from_secs(n.saturating_mul(60)),
            "h" => Duration::from_secs(n.saturating_mul(3600)),
            "d" => Duration::from_secs(n.saturating_mul(86_400)),
            other => {
                return Err(format!(
                    "unknown unit {other:?} in {text:?} (ms, s, m, h, d)"
                ));
            }
        };
        total = total.saturating_add(step);
    }
    Ok(total)
}

/// Reads a duration as [`parse_duration`] does (an integer is seconds), for other config
/// sections that take durations the same way.
pub fn de_duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Secs(u64),
        Text(String),
    }
    match Raw::deserialize(deserializer)? {
        Raw::Secs(secs) => Ok(Duration::from_secs(secs)),
        Raw::Text(text) => parse_duration(&text).map_err(serde::de::Error::custom),
    }
}

fn de_scopes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        List(Vec<String>),
    }
    Ok(match Option::<Raw>::deserialize(deserializer)? {
        None => None,
        Some(Raw::Text(text)) if text.trim().is_empty() => None,
        Some(Raw::Text(text)) => Some(text),
        Some(Raw::List(list)) => Some(list.join(",")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_in_every_accepted_form() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert!(parse_duration("5 fortnights").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn deserializes_with_defaults_and_mixed_duration_forms() {
        let json = serde_json::json!({
            "client_id": "cid", "client_secret": "p8e-s3cr3t", "org_id": "ORG@AdobeOrg",
            "sync_interval": "5m", "request_timeout": 12, "scopes": ["openid", "AdobeID"],
            "audiences_endpoint": "segment_definitions"
        });
        let config: AepConfig = serde_json::from_value(json).unwrap();
        assert_eq!(config.sync_interval, Duration::from_secs(300));
        assert_eq!(config.request_timeout, Duration::from_secs(12));
        assert_eq!(config.scope_param(), "openid,AdobeID");
        assert_eq!(
            config.audiences_endpoint,
            AudiencesEndpoint::SegmentDefinitions
        );
        assert_eq!(config.sandbox, "prod");
        assert_eq!(config.ims_url, DEFAULT_IMS_URL);
        assert!(config.validate().is_ok());
        assert!(!format!("{config:?}").contains("p8e-s3cr3t"));
    }

    #[test]
    fn empty_section_parses_but_does_not_validate() {
        let config: AepConfig = serde_json::from_str("{}").unwrap();
        assert!(!config.is_configured());
        assert_eq!(config.scope_param(), DEFAULT_SCOPES);
        assert_eq!(
            config.validate(),
            Err(ConfigError::Missing { field: "client_id" })
        );
    }

    #[test]
    fn validation_names_the_field() {
        let mut config = AepConfig::new("c", "s", "o");
        config.sandbox = "Prod".into();
        assert!(matches!(
            config.validate(),
            Err(ConfigError::Invalid {
                field: "sandbox",
                ..
            })
        ));
        let config = AepConfig::new("c", "s", "o").with_base_url("ftp://x");
        assert!(matches!(
            config.validate(),
            Err(ConfigError::Invalid {
                field: "ims_url",
                ..
            })
        ));
    }
}
