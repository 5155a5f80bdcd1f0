//! Cohort's application core: every operation behind the front doors (the gRPC server, the
//! `cohort` CLI and the coming web console), each an [`App`] method taking and returning
//! domain or API message types: rules (`rules`: the stored-rule codec, validated writes
//! that bump the version and swap the rebuilt set in, the file loader, [`LiveRules`]),
//! coupons (`coupons`: generation, listing, usage), audiences (`audiences`: search, read,
//! sync now; `sync`: the [`Syncer`] and export imports), membership (`membership`: the
//! header, a signed token or a cached look-up in Experience Platform, by config) and
//! pricing (`pricing`: the membership, the usage from the usage cache (`usage`) and the call
//! into the engine). Failures are one [`AppError`] with a [`ErrorKind`]
//! that each front door maps once.
//!
//! Architecture invariant: transport-free. No tonic, no clap, no HTTP server; it depends on
//! the domain, the engine, the AEP client, the store and the proto messages (the API's
//! data, not its transport), and nothing in it knows who called.

pub mod audiences;
pub mod audit;
pub mod coupons;
pub mod error;
pub mod fields;
pub mod membership;
pub mod pricing;
pub mod rules;
pub mod simulate;
pub mod sync;
pub mod usage;

use std::path::Path;
use std::sync::Arc;

use cohort_aep::AepClient;
use cohort_domain::{CartLimits, Websites};
use cohort_store::Store;

pub use audit::{Actor, AdminToken, Door};
pub use error::{AppError, ErrorKind};
pub use membership::{MembershipConfig, MembershipInput, Resolver};
pub use pricing::Quote;
pub use rules::LiveRules;
pub use simulate::Simulation;
pub use sync::Syncer;
pub use usage::{UsageCache, UsageCacheConfig, UsageCacheStats};

/// What an [`App`] is opened with (the parts of the configuration it uses).
#[derive(Debug, Clone)]
pub struct AppConfig<'a> {
    pub database_url: &'a str,
    pub websites: Websites,
    /// Price with this rules file, read-only, instead of the database's rules.
    pub rules_file: Option<&'a Path>,
    pub limits: CartLimits,
    /// `limits.max_rule_nodes`, at most the domain's bound.
    pub max_rule_nodes: usize,
    /// The `membership` section.
    pub membership: &'a MembershipConfig,
    /// The `usage_cache` section.
    pub usage_cache: UsageCacheConfig,
}

/// The application: the store, the live rule set, the audience syncer and the bounds.
/// Cheap to share (`Arc` the whole, or clone the parts).
pub struct App {
    pub store: Store,
    pub rules: Arc<LiveRules>,
    pub syncer: Arc<Syncer>,
    pub limits: CartLimits,
    pub max_rule_nodes: usize,
    /// Where the shopper's membership comes from.
    pub membership: Resolver,
    /// Coupon rows and customers' counts for pricing, following every replica's writes.
    pub usage: Arc<UsageCache>,
}

/// Opening failed: which part, and why.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("database {url}: {source}")]
    Store {
        /// Without its password.
        url: String,
        source: cohort_store::StoreError,
    },
    #[error("rules: {0}")]
    Rules(AppError),
    #[error("{0}")]
    Membership(String),
}

impl App {
    /// Connects to (and migrates) the database and loads the rule set: the database's, or
    /// the rules file's in read-only mode. `aep` is `None` when AEP is not configured
    /// (syncs are refused; imports still work).
    pub async fn open(config: AppConfig<'_>, aep: Option<AepClient>) -> Result<App, OpenError> {
        // Configuration first: a wrong membership section stops start-up before any
        // connection is made.
        let membership =
            Resolver::new(config.membership, aep.clone()).map_err(OpenError::Membership)?;
        let store = Store::connect(config.database_url)
            .await
            .map_err(|source| OpenError::Store {
                url: cohort_store::redact_url(config.database_url),
                source,
            })?;
        let usage = Arc::new(UsageCache::new(store.clone(), config.usage_cache));
        let rules = match config.rules_file {
            Some(path) => LiveRules::fixed(
                rules::load_rules_file(path, config.websites, config.limits.max_group_candidates)
                    .map_err(OpenError::Rules)?,
            ),
            None => LiveRules::from_store(
                store.clone(),
                config.websites,
                config.limits.max_group_candidates,
                Arc::clone(&usage),
            )
            .await
            .map_err(|source| OpenError::Store {
                url: cohort_store::redact_url(config.database_url),
                source,
            })?,
        };
        Ok(App {
            syncer: Arc::new(Syncer::new(store.clone(), aep)),
            rules: Arc::new(rules),
            store,
            limits: config.limits,
            membership,
            usage,
            max_rule_nodes: config
                .max_rule_nodes
                .min(cohort_domain::validate::MAX_TREE_NODES),
        })
    }

    /// Closes the database pools.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
