//! The `membership` config section. Names are the contract: operators and tests write them.

use std::path::PathBuf;
use std::time::Duration;

use cohort_aep::{LookupApi, de_duration};
use serde::Deserialize;

/// Where membership comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipMode {
    /// The `aep-segments-membership` metadata and `cart.audience_ids`, as sent (Adobe's
    /// storefront behaviour; anyone who can set the header can claim an audience).
    #[default]
    Header,
    /// Only a verified `cohort-membership-token` counts.
    Token,
    /// Cohort asks Experience Platform for `cart.identity`'s audiences.
    Lookup,
}

/// What a look-up that fails or runs out of time falls back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LookupFallback {
    /// No membership: audience rules do not apply (safe; a member may miss a discount).
    #[default]
    None,
    /// The header and `cart.audience_ids` as sent (available; a forged header then
    /// counts while Experience Platform is down).
    Header,
}

/// A token signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TokenAlg {
    /// HMAC-SHA256 with a shared secret.
    #[serde(rename = "HS256", alias = "hs256")]
    Hs256,
    /// ECDSA P-256 with SHA-256: Cohort holds only the public key.
    #[serde(rename = "ES256", alias = "es256")]
    Es256,
}

impl TokenAlg {
    pub fn name(self) -> &'static str {
        match self {
            TokenAlg::Hs256 => "HS256",
            TokenAlg::Es256 => "ES256",
        }
    }
}

/// One token verification key. Several keys (distinct `kid`s) allow rotation: sign with the
/// new one once every replica knows it, drop the old one once its tokens have expired.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenKeyConfig {
    /// The JWS header's `kid`.
    pub kid: String,
    pub alg: TokenAlg,
    /// HS256: the shared secret (at least 32 bytes).
    #[serde(default)]
    pub secret: Option<String>,
    /// ES256: the public key (PEM, `BEGIN PUBLIC KEY`) in a file...
    #[serde(default)]
    pub public_key_file: Option<PathBuf>,
    /// ...or inline.
    #[serde(default)]
    pub public_key_pem: Option<String>,
}

impl std::fmt::Debug for TokenKeyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeyConfig")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("public_key_file", &self.public_key_file)
            .field("public_key_pem", &self.public_key_pem.is_some())
            .finish()
    }
}

/// The `membership` section.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MembershipConfig {
    pub mode: MembershipMode,
    /// Pricing tokens (`auth.pricing_tokens` or `auth.admin_tokens`) whose callers may still
    /// send plain membership in token and lookup mode (a back office, a call centre).
    pub trusted_tokens: Vec<String>,
    /// Which API answers a look-up: `edge` (needs `aep.datastream_id`) or `profile`.
    pub lookup: LookupApi,
    /// How long a looked-up membership is reused.
    #[serde(deserialize_with = "de_duration")]
    pub lookup_ttl: Duration,
    /// Identities cached at most (least recently and least often used go first).
    pub lookup_cache_entries: usize,
    /// The longest a PriceCart waits for a look-up; then it falls back. The look-up itself
    /// goes on in the background (bounded by `aep.request_timeout`) and fills the cache.
    #[serde(deserialize_with = "de_duration")]
    pub lookup_timeout: Duration,
    /// Distinct identities looked up at once at most; beyond it a cart falls back at once.
    pub lookup_max_in_flight: usize,
    pub on_lookup_failure: LookupFallback,
    /// Keys that verify `cohort-membership-token`s.
    pub token_keys: Vec<TokenKeyConfig>,
    /// Clock skew allowed on a token's `exp` and `iat`.
    #[serde(deserialize_with = "de_duration")]
    pub token_leeway: Duration,
}

impl Default for MembershipConfig {
    fn default() -> Self {
        Self {
            mode: MembershipMode::Header,
            trusted_tokens: Vec::new(),
            lookup: LookupApi::Edge,
            lookup_ttl: Duration::from_secs(60),
            lookup_cache_entries: 100_000,
            lookup_timeout: Duration::from_millis(100),
            lookup_max_in_flight: 256,
            on_lookup_failure: LookupFallback::None,
            token_keys: Vec::new(),
            token_leeway: Duration::from_secs(30),
        }
    }
}

impl std::fmt::Debug for MembershipConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MembershipConfig")
            .field("mode", &self.mode)
            .field(
                "trusted_tokens",
                &format_args!("[{} redacted]", self.trusted_tokens.len()),
            )
            .field("lookup", &self.lookup)
            .field("lookup_ttl", &self.lookup_ttl)
            .field("lookup_cache_entries", &self.lookup_cache_entries)
            .field("lookup_timeout", &self.lookup_timeout)
            .field("lookup_max_in_flight", &self.lookup_max_in_flight)
            .field("on_lookup_failure", &self.on_lookup_failure)
            .field("token_keys", &self.token_keys)
            .field("token_leeway", &self.token_leeway)
            .finish()
    }
}
