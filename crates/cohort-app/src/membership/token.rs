//! Signed membership: a compact JWS (`cohort-membership-token`) whose claims carry the
//! shopper's audiences. HS256 with a shared secret or ES256 with a public key, chosen by
//! the header's `kid`; the algorithm is the key's, never the token's say. Expiry and issue
//! time are checked against the server's clock with a small leeway, never against the
//! cart's `evaluated_at` (which the caller sets).

use std::collections::HashMap;
use std::time::Duration;

use cohort_domain::Identity;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::config::{TokenAlg, TokenKeyConfig};

/// Longest token accepted, in bytes (a token with 1000 audience ids is about 45 KiB;
/// the metadata limit of HTTP/2 is lower than that anyway).
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;
/// Shortest HS256 secret accepted.
pub const MIN_SECRET_BYTES: usize = 32;

/// The claims of a membership token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipClaims {
    /// Audience ids the shopper is a member of.
    #[serde(default)]
    pub aud_ids: Vec<String>,
    /// The shopper's identity id (`cart.identity.id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    /// The identity's namespace (`cart.identity.namespace`); checked when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idns: Option<String>,
    /// Issued at, seconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Expires at, seconds since the epoch (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
}

/// A verified token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub audience_ids: Vec<String>,
    /// Milliseconds since `iat` (0 without one).
    pub age_ms: u64,
}

struct Key {
    alg: TokenAlg,
    decoding: DecodingKey,
}

/// The configured verification keys by `kid`.
#[derive(Default)]
pub struct Keys {
    keys: HashMap<String, Key>,
    leeway_secs: i64,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut kids: Vec<&String> = self.keys.keys().collect();
        kids.sort();
        f.debug_struct("Keys").field("kids", &kids).finish()
    }
}

fn pem_of(key: &TokenKeyConfig, field: &str) -> Result<Vec<u8>, String> {
    match (&key.public_key_pem, &key.public_key_file) {
        (Some(pem), None) => Ok(pem.as_bytes().to_vec()),
        (None, Some(path)) => std::fs::read(path)
            .map_err(|e| format!("{field}.public_key_file {}: {e}", path.display())),
        _ => Err(format!(
            "{field}: ES256 needs one of public_key_file or public_key_pem"
        )),
    }
}

impl Keys {
    /// Checks and loads every key; the error names the key (`membership.token_keys[i]`).
    pub fn load(configs: &[TokenKeyConfig], leeway: Duration) -> Result<Keys, String> {
        let mut keys = HashMap::new();
        for (i, c) in configs.iter().enumerate() {
            let field = format!("membership.token_keys[{i}]");
            if c.kid.trim().is_empty() {
                return Err(format!("{field}.kid is required"));
            }
            let decoding = match c.alg {
                TokenAlg::Hs256 => {
                    if c.public_key_file.is_some() || c.public_key_pem.is_some() {
                        return Err(format!("{field}: HS256 takes a secret, not a public key"));
                    }
                    let secret = c.secret.as_deref().unwrap_or_default();
                    if secret.len() < MIN_SECRET_BYTES {
                        return Err(format!(
                            "{field}.secret must be at least {MIN_SECRET_BYTES} bytes"
                        ));
                    }
                    DecodingKey::from_secret(secret.as_bytes())
                        .map_err(|e| format!("{field}: {e}"))?
                }
                TokenAlg::Es256 => {
                    if c.secret.is_some() {
                        return Err(format!("{field}: ES256 takes a public key, not a secret"));
                    }
                    DecodingKey::from_ec_pem(&pem_of(c, &field)?)
                        .map_err(|e| format!("{field}: not an EC public key PEM: {e}"))?
                }
            };
            if keys
                .insert(
                    c.kid.clone(),
                    Key {
                        alg: c.alg,
                        decoding,
                    },
                )
                .is_some()
            {
                return Err(format!("{field}.kid {:?} is used twice", c.kid));
            }
        }
        Ok(Keys {
            keys,
            leeway_secs: i64::try_from(leeway.as_secs()).unwrap_or(i64::MAX),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Verifies `token` at `now_secs` (the server's clock). The error is the note the
    /// answer carries ("token expired", ...). `identity`, when the cart names one, must be
    /// the token's `sub` (and `idns`, when the token has one).
    pub fn verify(
        &self,
        token: &str,
        identity: Option<&Identity>,
        now_ms: i64,
        max_ids: usize,
        max_id_bytes: usize,
    ) -> Result<Verified, String> {
        let header = jsonwebtoken::decode_header(token)
            .map_err(|_| "token is not a compact JWS".to_owned())?;
        let (kid, key) = match header.kid.as_deref() {
            Some(kid) => match self.keys.get(kid) {
                Some(key) => (kid, key),
                None => return Err(format!("token key id {kid:?} is unknown")),
            },
            None if self.keys.len() == 1 => match self.keys.iter().next() {
                Some((kid, key)) => (kid.as_str(), key),
                None => return Err("no token key is configured".to_owned()),
            },
            None => return Err("token has no kid and several keys are configured".to_owned()),
        };
        let alg = match key.alg {
            TokenAlg::Hs256 => Algorithm::HS256,
            TokenAlg::Es256 => Algorithm::ES256,
        };
        if header.alg != alg {
            return Err(format!(
                "token algorithm {:?} is not key {kid:?}'s ({})",
                header.alg,
                key.alg.name()
            ));
        }
        // Signature and algorithm only: the time claims are checked below against the
        // clock given, so tests and replicas agree on one instant.
        let mut validation = Validation::new(alg);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<MembershipClaims>(token, &key.decoding, &validation)
            .map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::InvalidSignature => {
                    "token signature is not valid".to_owned()
                }
                _ => "token claims are not valid".to_owned(),
            })?
            .claims;
        let now = now_ms.div_euclid(1000);
        let exp = claims.exp.ok_or("token has no exp")?;
        if now > exp.saturating_add(self.leeway_secs) {
            return Err("token expired".to_owned());
        }
        if let Some(iat) = claims.iat
            && iat > now.saturating_add(self.leeway_secs)
        {
            return Err("token issued in the future".to_owned());
        }
        if let Some(identity) = identity {
            let sub_ok = claims.sub.as_deref() == Some(identity.id.as_str());
            let ns_ok = claims
                .idns
                .as_deref()
                .is_none_or(|ns| ns == identity.namespace);
            if !(sub_ok && ns_ok) {
                return Err("token subject does not match cart.identity".to_owned());
            }
        }
        let mut ids: Vec<String> = claims
            .aud_ids
            .into_iter()
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > max_ids {
            return Err(format!(
                "token carries {} audience ids; at most {max_ids}",
                ids.len()
            ));
        }
        if ids.iter().any(|id| id.len() > max_id_bytes) {
            return Err(format!(
                "token carries an audience id longer than {max_id_bytes} bytes"
            ));
        }
        let age_ms = claims
            .iat
            .map(|iat| now_ms.saturating_sub(iat.saturating_mul(1000)).max(0))
            .map_or(0, |ms| u64::try_from(ms).unwrap_or(0));
        Ok(Verified {
            audience_ids: ids,
            age_ms,
        })
    }
}

/// What signs a token: an HS256 secret or an ES256 private key (PEM, PKCS#8
/// `BEGIN PRIVATE KEY`).
pub enum SigningKey {
    Hs256 { secret: Vec<u8> },
    Es256 { private_key_pem: Vec<u8> },
}

/// Mints a token (`cohort membership sign`, tests, integrations).
pub fn sign_token(
    kid: &str,
    key: &SigningKey,
    claims: &MembershipClaims,
) -> Result<String, String> {
    let (alg, encoding) = match key {
        SigningKey::Hs256 { secret } => (
            Algorithm::HS256,
            EncodingKey::from_secret(secret).map_err(|e| format!("HS256 secret: {e}"))?,
        ),
        SigningKey::Es256 { private_key_pem } => (
            Algorithm::ES256,
            EncodingKey::from_ec_pem(private_key_pem)
                .map_err(|e| format!("not an EC private key PEM: {e}"))?,
        ),
    };
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &encoding).map_err(|e| format!("signing: {e}"))
}
