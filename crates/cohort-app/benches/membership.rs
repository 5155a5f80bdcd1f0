//! What trusted membership costs a PriceCart: `App::price_cart` (store reads, engine, trace
//! off) on a small cart with an audience rule, its membership from the header (the
//! baseline), from an HS256 token verified on every call, from an ES256 token, and from a
//! cached look-up (the fake AEP answered the first call; every measured call is a cache
//! hit), then the header again (run-order drift). Report each as a ratio to `header` from the
//! same run.
//!
//! `cargo bench -p cohort-app --bench membership`

use std::time::Duration;

use chrono::Utc;
use cohort_aep::{AepClient, AepConfig, LookupApi};
use cohort_aep_fake::{FakeAep, FakeConfig, Profile};
use cohort_app::membership::{
    MembershipClaims, MembershipConfig, MembershipInput, MembershipMode, Resolver, SigningKey,
    TokenAlg, TokenKeyConfig, sign_token,
};
use cohort_app::{App, AppConfig};
use cohort_domain::audience::{Audience, AudienceState};
use cohort_domain::{CartLimits, MembershipSource, Websites};
use cohort_proto::v1;
use criterion::{Criterion, criterion_group, criterion_main};

const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";
const SHOPPER: &str = "41027536727812912240286213151155960004";
const SECRET: &str = "bench-secret-0123456789abcdef0123456789";

fn request() -> v1::PriceCartRequest {
    v1::PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: "1".into(),
            identity: Some(v1::Identity {
                namespace: "ECID".into(),
                id: SHOPPER.into(),
            }),
            items: (0..3)
                .map(|i| v1::LineItem {
                    line_id: format!("l{i}"),
                    sku: format!("sku-{i}"),
                    qty: "2".into(),
                    unit_price: "19.99".into(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }),
        explain: false,
        hints: false,
    }
}

fn membership(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut fake = FakeConfig::new("bench-client", "p8e-bench-secret", "BENCH@AdobeOrg");
    fake.profiles = vec![Profile::new("ECID", SHOPPER, &[VIP])];
    let fake = runtime.block_on(FakeAep::start(fake)).expect("fake AEP");
    let mut aep = AepConfig::new("bench-client", "p8e-bench-secret", "BENCH@AdobeOrg")
        .with_base_url(&fake.url());
    aep.datastream_id = Some("bench-datastream".into());
    let client = AepClient::new(aep).expect("AEP client");

    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let header_config = MembershipConfig::default();
    let mut app = runtime
        .block_on(App::open(
            AppConfig {
                database_url: &url,
                websites: Websites::default(),
                rules_file: None,
                limits: CartLimits::default(),
                max_rule_nodes: 1000,
                membership: &header_config,
                usage_cache: Default::default(),
            },
            None,
        ))
        .expect("app");
    runtime.block_on(async {
        app.store
            .replace_audiences(&[Audience {
                id: VIP.into(),
                name: "VIP".into(),
                description: String::new(),
                namespace: "AEPSegments".into(),
                origin: "REAL_TIME_CUSTOMER_PROFILE".into(),
                state: AudienceState::Active,
                updated_at: None,
                synced_at: None,
            }])
            .await
            .expect("audience");
        let rule = v1::CartPriceRule {
            name: "VIP 20 %".into(),
            active: true,
            website_ids: vec!["base".into()],
            customer_group_ids: vec!["1".into()],
            simple_action: v1::SimpleAction::ByPercent as i32,
            discount_amount: "20".into(),
            conditions: Some(v1::Condition {
                kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                    operator: v1::AudienceOperator::IsOneOf as i32,
                    audience_ids: vec![VIP.into()],
                })),
            }),
            ..Default::default()
        };
        app.create_rule(Some(&rule), &cohort_app::Actor::cli())
            .await
            .expect("rule");
    });

    let es = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("EC key");
    let token_config = MembershipConfig {
        mode: MembershipMode::Token,
        token_keys: vec![
            TokenKeyConfig {
                kid: "hs".into(),
                alg: TokenAlg::Hs256,
                secret: Some(SECRET.into()),
                public_key_file: None,
                public_key_pem: None,
            },
            TokenKeyConfig {
                kid: "es".into(),
                alg: TokenAlg::Es256,
                secret: None,
                public_key_file: None,
                public_key_pem: Some(es.public_key_pem()),
            },
        ],
        ..MembershipConfig::default()
    };
    let now = Utc::now().timestamp();
    let claims = MembershipClaims {
        aud_ids: vec![VIP.into()],
        sub: Some(SHOPPER.into()),
        idns: Some("ECID".into()),
        iat: Some(now),
        exp: Some(now + 3600),
    };
    let hs_token = sign_token(
        "hs",
        &SigningKey::Hs256 {
            secret: SECRET.as_bytes().to_vec(),
        },
        &claims,
    )
    .expect("HS256 token");
    let es_token = sign_token(
        "es",
        &SigningKey::Es256 {
            private_key_pem: es.serialize_pem().into_bytes(),
        },
        &claims,
    )
    .expect("ES256 token");
    let lookup_config = MembershipConfig {
        mode: MembershipMode::Lookup,
        lookup: LookupApi::Edge,
        lookup_ttl: Duration::from_secs(3600),
        ..MembershipConfig::default()
    };

    let request = request();
    let header_ids = vec![VIP.to_owned()];
    let mut group = c.benchmark_group("price_cart_membership");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    type Case<'a> = (&'a str, Resolver, MembershipInput<'a>, MembershipSource);
    let cases: Vec<Case<'_>> = vec![
        (
            "header",
            Resolver::new(&header_config, None).expect("header"),
            MembershipInput::header(&header_ids),
            MembershipSource::Header,
        ),
        (
            "token_hs256",
            Resolver::new(&token_config, None).expect("token"),
            MembershipInput {
                token: Some(&hs_token),
                ..MembershipInput::default()
            },
            MembershipSource::Token,
        ),
        (
            "token_es256",
            Resolver::new(&token_config, None).expect("token"),
            MembershipInput {
                token: Some(&es_token),
                ..MembershipInput::default()
            },
            MembershipSource::Token,
        ),
        (
            "lookup_cached",
            Resolver::new(&lookup_config, Some(client.clone())).expect("lookup"),
            MembershipInput::default(),
            MembershipSource::Cache,
        ),
        // The baseline again, last: how much the run order alone moves a figure.
        (
            "header_again",
            Resolver::new(&header_config, None).expect("header"),
            MembershipInput::header(&header_ids),
            MembershipSource::Header,
        ),
    ];
    for (name, resolver, input, expected) in cases {
        app.membership = resolver;
        // The first call fills the look-up cache; every measured call is then a hit.
        runtime
            .block_on(app.price_cart(request.clone(), &input, Utc::now()))
            .expect("first price");
        let quote = runtime
            .block_on(app.price_cart(request.clone(), &input, Utc::now()))
            .expect("price");
        assert_eq!(quote.membership.source, expected, "{name}");
        assert_eq!(quote.priced.discount_total.to_string(), "23.99", "{name}");
        // The service owns the decoded request; the copy made for each call is not timed.
        group.bench_function(name, |b| {
            b.iter_batched(
                || request.clone(),
                |request| {
                    runtime
                        .block_on(app.price_cart(request, &input, Utc::now()))
                        .expect("price")
                },
                criterion::BatchSize::SmallInput,
            );
        });
    }
    group.finish();
    assert_eq!(
        fake.stats().edge_lookups,
        1,
        "one look-up for the whole bench"
    );
    runtime.block_on(app.close());
}

criterion_group!(benches, membership);
criterion_main!(benches);
