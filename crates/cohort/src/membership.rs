//! `cohort membership sign`: mints a membership token, signed with an HS256 key of the
//! config's `membership.token_keys` (by `--kid`) or an ES256 private key file.

use std::path::Path;

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use cohort_app::membership::{MembershipClaims, SigningKey, TokenAlg, sign_token};
use cohort_server::Config;

pub struct SignArgs {
    pub kid: String,
    pub private_key: Option<std::path::PathBuf>,
    pub audiences: Vec<String>,
    pub sub: Option<String>,
    pub namespace: Option<String>,
    pub ttl: String,
    pub issued_at: Option<String>,
}

pub fn sign(cfg: &Config, args: SignArgs) -> anyhow::Result<()> {
    let key = match &args.private_key {
        Some(path) => SigningKey::Es256 {
            private_key_pem: read(path)?,
        },
        None => {
            let Some(key) = cfg.membership.token_keys.iter().find(|k| k.kid == args.kid) else {
                bail!(
                    "--kid {:?} is not a key of membership.token_keys (an ES256 key needs \
                     --private-key FILE)",
                    args.kid
                );
            };
            match (key.alg, &key.secret) {
                (TokenAlg::Hs256, Some(secret)) => SigningKey::Hs256 {
                    secret: secret.as_bytes().to_vec(),
                },
                _ => bail!(
                    "membership.token_keys {:?} is {}: Cohort holds only its public key; sign \
                     with --private-key FILE",
                    args.kid,
                    key.alg.name()
                ),
            }
        }
    };
    let ttl = cohort_aep::parse_duration(&args.ttl).map_err(|e| anyhow::anyhow!("--ttl: {e}"))?;
    if ttl.is_zero() {
        bail!("--ttl must be greater than zero");
    }
    let iat: DateTime<Utc> = match &args.issued_at {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map_err(|e| anyhow::anyhow!("--issued-at {text:?}: {e}"))?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    let ttl_secs = i64::try_from(ttl.as_secs()).context("--ttl is too long")?;
    let audiences: Vec<String> = args
        .audiences
        .iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    let claims = MembershipClaims {
        aud_ids: audiences,
        sub: args.sub,
        idns: args.namespace,
        iat: Some(iat.timestamp()),
        exp: Some(iat.timestamp().saturating_add(ttl_secs)),
    };
    let token = sign_token(&args.kid, &key, &claims).map_err(|e| anyhow::anyhow!(e))?;
    println!("{token}");
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("--private-key {}", path.display()))
}
