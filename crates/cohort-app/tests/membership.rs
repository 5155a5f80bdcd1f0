//! The membership sources against real parts: tokens signed and verified with the JOSE
//! crate (HS256 and ES256 keys made here), look-ups over HTTP to the fake AEP's Edge
//! Network and Profile Access endpoints, with its faults and counters.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use cohort_aep::{AepClient, AepConfig, LookupApi};
use cohort_aep_fake::{FakeAep, FakeConfig, Fault, Profile, Scope};
use cohort_app::membership::{
    LookupFallback, MembershipClaims, MembershipConfig, MembershipInput, MembershipMode, Resolver,
    SigningKey, TokenAlg, TokenKeyConfig, sign_token,
};
use cohort_domain::{Identity, Membership, MembershipSource};

const SECRET: &str = "0123456789abcdef0123456789abcdef-test";
const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap()
}

fn shopper() -> Identity {
    Identity {
        namespace: "ECID".into(),
        id: "41027536727812912240286213151155960004".into(),
    }
}

fn claims(sub: &str, iat: DateTime<Utc>, ttl_secs: i64) -> MembershipClaims {
    MembershipClaims {
        aud_ids: vec![VIP.into(), "b".into(), VIP.into()],
        sub: Some(sub.into()),
        idns: Some("ECID".into()),
        iat: Some(iat.timestamp()),
        exp: Some(iat.timestamp() + ttl_secs),
    }
}

fn hs_key(kid: &str, secret: &str) -> TokenKeyConfig {
    TokenKeyConfig {
        kid: kid.into(),
        alg: TokenAlg::Hs256,
        secret: Some(secret.into()),
        public_key_file: None,
        public_key_pem: None,
    }
}

fn hs_sign(kid: &str, secret: &str, claims: &MembershipClaims) -> String {
    let key = SigningKey::Hs256 {
        secret: secret.as_bytes().to_vec(),
    };
    sign_token(kid, &key, claims).unwrap()
}

fn token_resolver(keys: Vec<TokenKeyConfig>, trusted: &[&str]) -> Resolver {
    let config = MembershipConfig {
        mode: MembershipMode::Token,
        token_keys: keys,
        trusted_tokens: trusted.iter().map(|t| (*t).to_owned()).collect(),
        ..MembershipConfig::default()
    };
    Resolver::new(&config, None).unwrap()
}

async fn resolve(
    r: &Resolver,
    input: MembershipInput<'_>,
    plain: &[&str],
    identity: Option<&Identity>,
) -> Membership {
    let plain = plain.iter().map(|s| (*s).to_owned()).collect();
    r.resolve(&input, plain, identity, now(), 1000, 1024).await
}

fn token(t: &str) -> MembershipInput<'_> {
    MembershipInput {
        token: Some(t),
        ..MembershipInput::default()
    }
}

#[tokio::test]
async fn a_valid_token_counts_and_says_its_age() {
    let r = token_resolver(vec![hs_key("k1", SECRET)], &[]);
    let t = hs_sign(
        "k1",
        SECRET,
        &claims(&shopper().id, now() - chrono::Duration::seconds(90), 300),
    );
    let m = resolve(&r, token(&t), &[], Some(&shopper())).await;
    assert_eq!(m.source, MembershipSource::Token);
    assert_eq!(m.audience_ids, [VIP, "b"]);
    assert_eq!(m.age_ms, 90_000);
    assert_eq!(m.note, "");
    // Without an identity on the cart the subject is not checked.
    let m = resolve(&r, token(&t), &["forged"], None).await;
    assert_eq!(m.source, MembershipSource::Token);
    assert_eq!(m.audience_ids, [VIP, "b"]);
    assert_eq!(m.note, "header ignored in token mode");
}

#[tokio::test]
async fn forged_expired_and_foreign_tokens_do_not_count() {
    let r = token_resolver(vec![hs_key("k1", SECRET)], &[]);
    let id = shopper();
    let good = claims(&id.id, now(), 300);
    let cases = [
        (
            hs_sign("k1", "another-secret-of-at-least-32-bytes!!", &good),
            "token signature is not valid",
        ),
        (
            hs_sign(
                "k1",
                SECRET,
                &claims(&id.id, now() - chrono::Duration::seconds(400), 300),
            ),
            "token expired",
        ),
        (
            hs_sign("k1", SECRET, &claims("someone-else", now(), 300)),
            "token subject does not match cart.identity",
        ),
        (
            hs_sign(
                "k1",
                SECRET,
                &claims(&id.id, now() + chrono::Duration::seconds(600), 900),
            ),
            "token issued in the future",
        ),
        (
            hs_sign("k9", SECRET, &good),
            "token key id \"k9\" is unknown",
        ),
        ("not.a.jws".to_owned(), "token is not a compact JWS"),
        ("garbage".to_owned(), "token is not a compact JWS"),
    ];
    for (t, note) in cases {
        let m = resolve(&r, token(&t), &[], Some(&id)).await;
        assert_eq!(m.source, MembershipSource::None, "{note}");
        assert!(m.audience_ids.is_empty(), "{note}");
        assert_eq!(m.note, note);
    }
    // A tampered payload (an audience added) breaks the signature.
    let t = hs_sign("k1", SECRET, &good);
    let parts: Vec<&str> = t.split('.').collect();
    let mut forged = good.clone();
    forged.aud_ids.push("gold".into());
    let other = hs_sign("k1", "x-secret-x-secret-x-secret-x-secret", &forged);
    let payload = other.split('.').nth(1).unwrap();
    let spliced = format!("{}.{}.{}", parts[0], payload, parts[2]);
    let m = resolve(&r, token(&spliced), &[], Some(&id)).await;
    assert_eq!(m.note, "token signature is not valid");
    // Within the leeway an expired token still counts (clock skew).
    let t = hs_sign(
        "k1",
        SECRET,
        &claims(&id.id, now() - chrono::Duration::seconds(320), 300),
    );
    assert_eq!(
        resolve(&r, token(&t), &[], Some(&id)).await.source,
        MembershipSource::Token
    );
    // No token at all, with a header: nothing counts, and the answer says why.
    let m = resolve(&r, MembershipInput::default(), &[VIP], Some(&id)).await;
    assert_eq!(m.source, MembershipSource::None);
    assert_eq!(m.note, "no membership token; header ignored in token mode");
}

#[tokio::test]
async fn es256_keys_rotate_by_kid_and_the_algorithm_is_the_keys() {
    let old = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let new = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let es = |kid: &str, k: &rcgen::KeyPair| TokenKeyConfig {
        kid: kid.into(),
        alg: TokenAlg::Es256,
        secret: None,
        public_key_file: None,
        public_key_pem: Some(k.public_key_pem()),
    };
    let r = token_resolver(
        vec![es("old", &old), es("new", &new), hs_key("hs", SECRET)],
        &[],
    );
    let id = shopper();
    let sign = |kid: &str, k: &rcgen::KeyPair| {
        let key = SigningKey::Es256 {
            private_key_pem: k.serialize_pem().into_bytes(),
        };
        sign_token(kid, &key, &claims(&id.id, now(), 300)).unwrap()
    };
    for (kid, key) in [("old", &old), ("new", &new)] {
        let m = resolve(&r, token(&sign(kid, key)), &[], Some(&id)).await;
        assert_eq!(m.source, MembershipSource::Token, "{kid}");
    }
    // Signed by the new key but claiming the old kid: refused.
    let m = resolve(&r, token(&sign("old", &new)), &[], Some(&id)).await;
    assert_eq!(m.note, "token signature is not valid");
    // The classic confusion: an HS256 token keyed with the ES256 public key, naming the
    // ES256 kid. The key decides the algorithm, so it is refused before any HMAC.
    let confused = hs_sign("new", &new.public_key_pem(), &claims(&id.id, now(), 300));
    let m = resolve(&r, token(&confused), &[], Some(&id)).await;
    assert_eq!(m.note, "token algorithm HS256 is not key \"new\"'s (ES256)");
}

#[tokio::test]
async fn trusted_callers_keep_plain_membership() {
    let r = token_resolver(vec![hs_key("k1", SECRET)], &["back-office"]);
    assert!(r.is_trusted("back-office") && !r.is_trusted("back-offic") && !r.is_trusted(""));
    let trusted = MembershipInput {
        trusted: true,
        ..MembershipInput::default()
    };
    let m = resolve(&r, trusted, &[VIP], Some(&shopper())).await;
    assert_eq!(m.source, MembershipSource::Header);
    assert_eq!(m.audience_ids, [VIP]);
    let t = hs_sign("k1", SECRET, &claims(&shopper().id, now(), 60));
    let both = MembershipInput {
        token: Some(&t),
        trusted: true,
        ..MembershipInput::default()
    };
    let m = resolve(&r, both, &["extra"], Some(&shopper())).await;
    assert_eq!(m.source, MembershipSource::Token);
    assert_eq!(m.audience_ids, [VIP, "b", "extra"]);
}

#[test]
fn bad_key_configuration_names_the_key() {
    let check = |keys: Vec<TokenKeyConfig>| {
        let config = MembershipConfig {
            mode: MembershipMode::Token,
            token_keys: keys,
            ..MembershipConfig::default()
        };
        Resolver::new(&config, None).unwrap_err()
    };
    assert_eq!(
        check(vec![]),
        "membership.token_keys: token mode needs at least one key"
    );
    assert!(check(vec![hs_key("k", "short")]).contains("token_keys[0].secret must be at least 32"));
    assert!(check(vec![hs_key("k", SECRET), hs_key("k", SECRET)]).contains("used twice"));
    let mut es = hs_key("e", SECRET);
    es.alg = TokenAlg::Es256;
    assert!(check(vec![es.clone()]).contains("ES256 takes a public key"));
    es.secret = None;
    es.public_key_pem = Some("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".into());
    assert!(check(vec![es]).contains("token_keys[0]: not an EC public key PEM"));
}

// --- look-ups ---

struct Aep {
    fake: FakeAep,
    client: AepClient,
}

async fn aep() -> Aep {
    let mut config = FakeConfig::new("cid", "p8e-secret", "ORG@AdobeOrg");
    config.profiles = vec![
        Profile::new("ECID", &shopper().id, &[VIP, "b"]),
        Profile {
            exited: vec!["gone".into()],
            ..Profile::new("Email_LC_SHA256", "ab12", &["c"])
        },
    ];
    let fake = FakeAep::start(config).await.unwrap();
    let mut aep = AepConfig::new("cid", "p8e-secret", "ORG@AdobeOrg").with_base_url(&fake.url());
    aep.datastream_id = Some("ds-1".into());
    aep.request_timeout = Duration::from_secs(5);
    let client = AepClient::with_jitter_seed(aep, 7).unwrap();
    Aep { fake, client }
}

fn lookup_resolver(aep: &Aep, api: LookupApi, fallback: LookupFallback) -> Resolver {
    let config = MembershipConfig {
        mode: MembershipMode::Lookup,
        lookup: api,
        on_lookup_failure: fallback,
        lookup_timeout: Duration::from_millis(150),
        ..MembershipConfig::default()
    };
    Resolver::new(&config, Some(aep.client.clone())).unwrap()
}

#[tokio::test]
async fn edge_look_up_then_cache_and_the_header_is_ignored() {
    let aep = aep().await;
    let r = lookup_resolver(&aep, LookupApi::Edge, LookupFallback::None);
    r.warm_up().await;
    let id = shopper();
    let m = resolve(&r, MembershipInput::default(), &["forged-vip"], Some(&id)).await;
    assert_eq!(m.source, MembershipSource::Lookup, "{m:?}");
    assert_eq!(m.audience_ids, [VIP, "b"]);
    assert_eq!(m.note, "header ignored in lookup mode");
    let m = resolve(&r, MembershipInput::default(), &[], Some(&id)).await;
    assert_eq!(m.source, MembershipSource::Cache);
    assert_eq!(m.audience_ids, [VIP, "b"]);
    assert_eq!(aep.fake.stats().edge_lookups, 1);
    // An identity AEP does not know is a member of nothing (and that is cached too).
    let stranger = Identity {
        namespace: "ECID".into(),
        id: "1".into(),
    };
    let m = resolve(&r, MembershipInput::default(), &[], Some(&stranger)).await;
    assert_eq!(
        (m.source, m.audience_ids.len()),
        (MembershipSource::Lookup, 0)
    );
    // No identity: nothing to look up.
    let m = resolve(&r, MembershipInput::default(), &[VIP], None).await;
    assert_eq!(m.source, MembershipSource::None);
    assert_eq!(
        m.note,
        "no cart.identity to look up; header ignored in lookup mode"
    );
    assert_eq!(aep.fake.stats().rejected_requests, 0);
}

#[tokio::test]
async fn profile_look_up_counts_realized_not_exited() {
    let aep = aep().await;
    let r = lookup_resolver(&aep, LookupApi::Profile, LookupFallback::None);
    let id = Identity {
        namespace: "Email_LC_SHA256".into(),
        id: "ab12".into(),
    };
    let m = resolve(&r, MembershipInput::default(), &[], Some(&id)).await;
    assert_eq!(m.source, MembershipSource::Lookup);
    assert_eq!(m.audience_ids, ["c"]);
    // Unknown to the Profile API (404): a member of nothing, not a failure.
    let none = Identity {
        namespace: "ECID".into(),
        id: "404".into(),
    };
    let m = resolve(&r, MembershipInput::default(), &[], Some(&none)).await;
    assert_eq!((m.source, m.note.as_str()), (MembershipSource::Lookup, ""));
    assert_eq!(aep.fake.stats().profile_lookups, 2);
    assert_eq!(aep.fake.stats().edge_lookups, 0);
}

#[tokio::test]
async fn a_slow_aep_costs_the_budget_and_the_look_up_still_fills_the_cache() {
    let aep = aep().await;
    let r = lookup_resolver(&aep, LookupApi::Edge, LookupFallback::Header);
    r.warm_up().await;
    aep.fake
        .inject(Scope::Lookup, Fault::slow(Duration::from_millis(600)), 1);
    let id = shopper();
    let started = std::time::Instant::now();
    // Many carts of the same shopper at once: one look-up.
    let r = Arc::new(r);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let r = Arc::clone(&r);
            let id = id.clone();
            tokio::spawn(async move {
                r.resolve(
                    &MembershipInput::default(),
                    vec!["hdr".into()],
                    Some(&id),
                    now(),
                    1000,
                    1024,
                )
                .await
            })
        })
        .collect();
    for call in calls {
        let m = call.await.unwrap();
        assert_eq!(m.source, MembershipSource::Header);
        assert_eq!(m.audience_ids, ["hdr"]);
        assert_eq!(m.note, "look-up timed out after 150 ms: fallback header");
    }
    let waited = started.elapsed();
    assert!(waited < Duration::from_millis(600), "waited {waited:?}");
    assert_eq!(aep.fake.stats().edge_lookups, 1);
    // The look-up finishes in the background and fills the cache.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let m = resolve(&r, MembershipInput::default(), &[], Some(&id)).await;
    assert_eq!(m.source, MembershipSource::Cache, "{m:?}");
    assert_eq!(aep.fake.stats().edge_lookups, 1);
}

#[tokio::test]
async fn aep_errors_fall_back_as_configured() {
    let aep = aep().await;
    let none = lookup_resolver(&aep, LookupApi::Edge, LookupFallback::None);
    aep.fake
        .inject(Scope::Lookup, Fault::ServerError { status: 503 }, 1);
    let m = resolve(&none, MembershipInput::default(), &[VIP], Some(&shopper())).await;
    assert_eq!(m.source, MembershipSource::None);
    assert!(m.note.starts_with("look-up failed ("), "{}", m.note);
    assert!(
        m.note
            .ends_with(": fallback none; header ignored in lookup mode"),
        "{}",
        m.note
    );
    aep.fake.inject(
        Scope::Lookup,
        Fault::RateLimited {
            retry_after_secs: Some(1),
        },
        1,
    );
    let header = lookup_resolver(&aep, LookupApi::Edge, LookupFallback::Header);
    let m = resolve(
        &header,
        MembershipInput::default(),
        &[VIP],
        Some(&shopper()),
    )
    .await;
    assert_eq!(m.source, MembershipSource::Header);
    assert_eq!(m.note, "look-up failed (AEP answered 429): fallback header");
    // Nothing failed is cached: the next call looks up again and succeeds.
    let m = resolve(&header, MembershipInput::default(), &[], Some(&shopper())).await;
    assert_eq!(m.source, MembershipSource::Lookup);
}
