//! Whose audiences count: the shopper's membership from the source `membership.mode`
//! chooses. `header` takes the `aep-segments-membership` metadata and `cart.audience_ids`
//! as sent; `token` only a verified signed token (`token`); `lookup` asks Experience
//! Platform for `cart.identity` (`lookup`), ignoring what the caller claims. Callers with
//! a `trusted_tokens` bearer may still send plain membership in both. The answer's
//! [`Membership`] names the source and what was ignored.

pub mod config;
pub mod lookup;
pub mod token;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use cohort_aep::{AepClient, LookupApi};
use cohort_domain::{Identity, Membership, MembershipSource, Named, ValidationError};
use cohort_proto::v1;

pub use config::{LookupFallback, MembershipConfig, MembershipMode, TokenAlg, TokenKeyConfig};
pub use lookup::{Found, Lookups};
pub use token::{Keys, MAX_TOKEN_BYTES, MembershipClaims, SigningKey, Verified, sign_token};

use crate::AppError;

/// What the transport carried besides the cart.
#[derive(Debug, Clone, Copy, Default)]
pub struct MembershipInput<'a> {
    /// The ids of the `aep-segments-membership` metadata.
    pub header: &'a [String],
    /// The `cohort-membership-token` metadata.
    pub token: Option<&'a str>,
    /// The caller's bearer token is one of `membership.trusted_tokens`.
    pub trusted: bool,
}

impl<'a> MembershipInput<'a> {
    pub fn header(ids: &'a [String]) -> Self {
        Self {
            header: ids,
            ..Self::default()
        }
    }
}

/// The configured membership source.
pub struct Resolver {
    mode: MembershipMode,
    trusted: Vec<String>,
    fallback: LookupFallback,
    budget: std::time::Duration,
    keys: Keys,
    lookups: Option<Arc<Lookups>>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("mode", &self.mode)
            .field("trusted", &self.trusted.len())
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

/// Compares two secrets without an early exit on the first differing byte (bearer tokens
/// here and in the server's auth).
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Resolver {
    /// Plain membership as sent: today's behaviour, and what tests without config use.
    pub fn header() -> Self {
        Self {
            mode: MembershipMode::Header,
            trusted: Vec::new(),
            fallback: LookupFallback::None,
            budget: std::time::Duration::ZERO,
            keys: Keys::default(),
            lookups: None,
        }
    }

    /// Checks the section against what the mode needs; the error names the key.
    pub fn new(config: &MembershipConfig, aep: Option<AepClient>) -> Result<Self, String> {
        let keys = Keys::load(&config.token_keys, config.token_leeway)?;
        if config.mode == MembershipMode::Token && keys.is_empty() {
            return Err("membership.token_keys: token mode needs at least one key".into());
        }
        if let Some(i) = config
            .trusted_tokens
            .iter()
            .position(|t| t.trim().is_empty())
        {
            return Err(format!(
                "membership.trusted_tokens[{i}] is empty (an unresolved secret?)"
            ));
        }
        // Without a client (the CLI's database commands, which never price) lookup mode
        // has nothing to ask; the configuration
        // check refuses lookup mode without an `aep` section.
        let lookups = match (config.mode, aep) {
            (MembershipMode::Lookup, Some(client)) => {
                if config.lookup == LookupApi::Edge
                    && client
                        .config()
                        .datastream_id
                        .as_deref()
                        .is_none_or(|d| d.trim().is_empty())
                {
                    return Err(
                        "aep.datastream_id is required for membership.lookup = \"edge\"".into(),
                    );
                }
                for (field, zero) in [
                    ("lookup_timeout", config.lookup_timeout.is_zero()),
                    ("lookup_ttl", config.lookup_ttl.is_zero()),
                    ("lookup_cache_entries", config.lookup_cache_entries == 0),
                    ("lookup_max_in_flight", config.lookup_max_in_flight == 0),
                ] {
                    if zero {
                        return Err(format!("membership.{field} must be greater than zero"));
                    }
                }
                Some(Arc::new(Lookups::new(
                    client,
                    config.lookup,
                    config.lookup_ttl,
                    config.lookup_cache_entries,
                    config.lookup_max_in_flight,
                )))
            }
            _ => None,
        };
        Ok(Self {
            mode: config.mode,
            trusted: config
                .trusted_tokens
                .iter()
                .map(|t| t.trim().to_owned())
                .collect(),
            fallback: config.on_lookup_failure,
            budget: config.lookup_timeout,
            keys,
            lookups,
        })
    }

    pub fn mode(&self) -> MembershipMode {
        self.mode
    }

    /// The look-up cache, in lookup mode.
    pub fn lookups(&self) -> Option<&Arc<Lookups>> {
        self.lookups.as_ref()
    }

    /// Fetches the AEP access token ahead of the first look-up, so it does not spend the
    /// first carts' budgets (lookup mode only; failures are logged, look-ups retry).
    pub async fn warm_up(&self) {
        if let Some(lookups) = &self.lookups
            && let Err(e) = lookups.client().token_info().await
        {
            tracing::warn!(error = %e, "could not fetch the AEP token for membership look-ups yet");
        }
    }

    /// `bearer` (the caller's `authorization` token) is a trusted one.
    pub fn is_trusted(&self, bearer: &str) -> bool {
        self.trusted.iter().any(|t| same_secret(t, bearer.trim()))
    }

    /// The membership a cart is priced with. `plain` is the header's ids merged with
    /// `cart.audience_ids`; `now` is the server's clock (token expiry).
    pub async fn resolve(
        &self,
        input: &MembershipInput<'_>,
        plain: Vec<String>,
        identity: Option<&Identity>,
        now: DateTime<Utc>,
        max_ids: usize,
        max_id_bytes: usize,
    ) -> Membership {
        let has_plain = !plain.is_empty();
        let ignored = |mode: &str| {
            if !has_plain {
                String::new()
            } else {
                format!("header ignored in {mode} mode")
            }
        };
        let resolved = match self.mode {
            MembershipMode::Header => {
                let mut m = Membership::new(MembershipSource::Header, plain);
                if input.token.is_some() {
                    m.add_note("token ignored in header mode");
                }
                m
            }
            MembershipMode::Token => {
                let verified = input.token.map(|t| {
                    self.keys
                        .verify(t, identity, now.timestamp_millis(), max_ids, max_id_bytes)
                });
                match verified {
                    Some(Ok(v)) if input.trusted => {
                        let ids = v.audience_ids.into_iter().chain(plain).collect();
                        Membership::new(MembershipSource::Token, ids).with_age_ms(v.age_ms)
                    }
                    Some(Ok(v)) => Membership::new(MembershipSource::Token, v.audience_ids)
                        .with_age_ms(v.age_ms)
                        .with_note(ignored("token")),
                    Some(Err(reason)) if input.trusted && has_plain => {
                        Membership::new(MembershipSource::Header, plain).with_note(reason)
                    }
                    Some(Err(reason)) => Membership::none(reason).with_note(ignored("token")),
                    None if input.trusted => Membership::new(MembershipSource::Header, plain),
                    None => Membership::none("no membership token").with_note(ignored("token")),
                }
            }
            MembershipMode::Lookup => {
                if input.trusted && has_plain {
                    Membership::new(MembershipSource::Header, plain)
                } else {
                    self.look_up(identity, plain, &ignored("lookup")).await
                }
            }
        };
        metrics::counter!("cohort_membership_source_total", "source" => resolved.source.as_str())
            .increment(1);
        resolved
    }

    async fn look_up(
        &self,
        identity: Option<&Identity>,
        plain: Vec<String>,
        ignored: &str,
    ) -> Membership {
        let Some(lookups) = &self.lookups else {
            return Membership::none("look-ups are not configured").with_note(ignored);
        };
        let Some(identity) = identity else {
            return Membership::none("no cart.identity to look up").with_note(ignored);
        };
        match lookups.get(identity, self.budget).await {
            Ok(found) => {
                let source = if found.cached {
                    MembershipSource::Cache
                } else {
                    MembershipSource::Lookup
                };
                Membership::new(source, found.ids)
                    .with_age_ms(if found.cached { found.age_ms } else { 0 })
                    .with_note(ignored)
            }
            Err(reason) => match self.fallback {
                LookupFallback::None => {
                    Membership::none(format!("look-up {reason}: fallback none")).with_note(ignored)
                }
                LookupFallback::Header => Membership::new(MembershipSource::Header, plain)
                    .with_note(format!("look-up {reason}: fallback header")),
            },
        }
    }
}

/// `cart.identity`, checked: both parts or neither, within the string bound, no control
/// characters.
pub fn identity_of(
    identity: Option<&v1::Identity>,
    max_bytes: usize,
) -> Result<Option<Identity>, AppError> {
    let Some(identity) = identity else {
        return Ok(None);
    };
    let (namespace, id) = (identity.namespace.trim(), identity.id.trim());
    if namespace.is_empty() && id.is_empty() {
        return Ok(None);
    }
    for (field, value) in [
        ("cart.identity.namespace", namespace),
        ("cart.identity.id", id),
    ] {
        let problem = if value.is_empty() {
            Some("is required when cart.identity is set".to_owned())
        } else if value.len() > max_bytes {
            Some(format!("at most {max_bytes} bytes, got {}", value.len()))
        } else if value.chars().any(char::is_control) {
            Some("must not contain control characters".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(AppError::Invalid(ValidationError::single(field, problem)));
        }
    }
    Ok(Some(Identity {
        namespace: namespace.to_owned(),
        id: id.to_owned(),
    }))
}
