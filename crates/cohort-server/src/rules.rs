//! The live rule set: an immutable compiled `RuleSet` behind an `ArcSwap`, so pricing never
//! waits on a lock. After a write, and whenever another replica changed the rules
//! (PostgreSQL NOTIFY, or the version poll as a fallback), the set is rebuilt from the store
//! and swapped in; there is no cache to clean by hand.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use cohort_domain::Websites;
use cohort_domain::rule::CartPriceRule;
use cohort_engine::RuleSet;
use cohort_proto::convert::{rule_from_proto, timestamp_from_datetime};
use cohort_proto::v1;
use cohort_store::{RuleRow, RuleWrite, Store, StoreError};
use tokio::sync::Mutex;

pub struct LiveRules {
    current: ArcSwap<RuleSet>,
    websites: Websites,
    /// `Some` when rules come from the database; `None` in read-only file mode.
    store: Option<Store>,
    reload_lock: Mutex<()>,
}

impl LiveRules {
    pub fn fixed(set: RuleSet) -> Self {
        Self {
            websites: set.websites().clone(),
            current: ArcSwap::from_pointee(set),
            store: None,
            reload_lock: Mutex::new(()),
        }
    }

    /// Loads and compiles every stored rule.
    pub async fn from_store(store: Store, websites: Websites) -> Result<Self, StoreError> {
        let set = load(&store, &websites).await?;
        Ok(Self {
            current: ArcSwap::from_pointee(set),
            websites,
            store: Some(store),
            reload_lock: Mutex::new(()),
        })
    }

    /// The set in force now; holding it keeps it alive while a cart is priced.
    pub fn current(&self) -> Arc<RuleSet> {
        self.current.load_full()
    }

    pub fn read_only(&self) -> bool {
        self.store.is_none()
    }

    /// Rebuilds from the store unless the current set is already at `at_least` (or newer).
    /// Serialized, and never swaps an older set over a newer one.
    pub async fn reload(&self, at_least: Option<u64>) -> Result<(), StoreError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let _guard = self.reload_lock.lock().await;
        if let Some(v) = at_least
            && self.current.load().version() >= v
        {
            return Ok(());
        }
        let set = load(store, &self.websites).await?;
        if set.version() >= self.current.load().version() {
            self.swap_in(set);
        }
        Ok(())
    }

    fn swap_in(&self, set: RuleSet) {
        tracing::info!(
            version = set.version(),
            rules = set.len(),
            "rule set swapped in"
        );
        self.current.store(Arc::new(set));
    }

    /// Makes the live set the store's, whatever its version: the poll's answer when the
    /// stored version differs from the live one. A stored version below the live one (a
    /// restored backup, a failover to a lagging primary) is followed too, with a warning:
    /// the store is the truth, and `reload`'s never-older rule would leave this replica on a
    /// stale set forever.
    pub async fn resync(&self) -> Result<(), StoreError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let _guard = self.reload_lock.lock().await;
        let set = load(store, &self.websites).await?;
        let live = self.current.load().version();
        if set.version() != live {
            if set.version() < live {
                tracing::warn!(
                    stored = set.version(),
                    live,
                    "the stored rule set version went backwards (restore or failover?); \
                     following the store"
                );
            }
            self.swap_in(set);
        }
        Ok(())
    }

    /// Follows changes made by other replicas or the CLI: LISTEN/NOTIFY on PostgreSQL,
    /// plus a version poll every `poll` (the fallback, and the only way on SQLite).
    pub fn spawn_watcher(self: &Arc<Self>, poll: Duration) {
        let Some(store) = self.store.clone() else {
            return;
        };
        let live = Arc::clone(self);
        tokio::spawn(async move {
            let mut listener = match store.rule_change_listener().await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "LISTEN failed; relying on the version poll");
                    None
                }
            };
            let mut tick = tokio::time::interval(poll);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                let notified = async {
                    match listener.as_mut() {
                        Some(l) => l.recv().await.map(Some),
                        None => std::future::pending().await,
                    }
                };
                let reloaded = tokio::select! {
                    n = notified => match n {
                        Ok(v) => live.reload(v).await,
                        Err(e) => {
                            tracing::warn!(error = %e, "rule change listener failed; polling only");
                            listener = None;
                            live.reload(None).await
                        }
                    },
                    // Any difference, not only a newer version: see `resync`.
                    _ = tick.tick() => match store.ruleset_version().await {
                        Ok(v) if v != live.current().version() => live.resync().await,
                        Ok(_) => continue,
                        Err(e) => {
                            tracing::warn!(error = %e, "rule set version poll failed");
                            continue;
                        }
                    },
                };
                if let Err(e) = reloaded {
                    tracing::warn!(error = %e, "rule set reload failed; keeping the current set");
                }
            }
        });
    }
}

async fn load(store: &Store, websites: &Websites) -> Result<RuleSet, StoreError> {
    let (version, rows) = store.load_rules().await?;
    let mut rules = Vec::with_capacity(rows.len());
    for row in &rows {
        match row_to_domain(row) {
            Ok(rule) => rules.push(rule),
            // Stored rules passed validation on write; one that no longer parses is left
            // out loudly rather than taking pricing down.
            Err(e) => tracing::error!(rule_id = row.id, error = %e, "stored rule skipped"),
        }
    }
    Ok(RuleSet::compile(rules, websites.clone(), version))
}

/// A stored row as the API's rule: the JSON body plus the row's columns.
pub fn row_to_proto(row: &RuleRow) -> Result<v1::CartPriceRule, String> {
    let mut rule: v1::CartPriceRule =
        serde_json::from_str(&row.body).map_err(|e| format!("rule {} body: {e}", row.id))?;
    rule.id = row.id;
    rule.version = row.version;
    rule.times_used = row.times_used;
    rule.created_at = Some(timestamp_from_datetime(row.created_at));
    rule.updated_at = Some(timestamp_from_datetime(row.updated_at));
    Ok(rule)
}

fn row_to_domain(row: &RuleRow) -> Result<CartPriceRule, String> {
    let proto = row_to_proto(row)?;
    rule_from_proto(&proto).map_err(|e| e.to_string())
}

/// What the store keeps of a validated rule: the body without output-only fields.
pub fn rule_write(proto: &v1::CartPriceRule, rule: &CartPriceRule) -> Result<RuleWrite, String> {
    let mut body = proto.clone();
    body.id = 0;
    body.version = 0;
    body.times_used = 0;
    body.created_at = None;
    body.updated_at = None;
    Ok(RuleWrite {
        active: rule.active,
        sort_order: rule.sort_order,
        coupon_code: (rule.coupon_type == cohort_domain::rule::CouponType::Specific)
            .then(|| rule.coupon_code.trim().to_owned())
            .filter(|c| !c.is_empty()),
        uses_per_coupon: rule.uses_per_coupon,
        uses_per_customer: rule.uses_per_customer,
        to_date: rule.to_date.map(|d| d.to_string()),
        body: serde_json::to_string(&body).map_err(|e| e.to_string())?,
        audience_ids: rule.audience_ids().into_iter().collect(),
    })
}

/// Reads a rules file (a `ListRulesResponse` as proto3 JSON), validates every rule and
/// compiles them. The error names the file and every invalid field.
pub fn load_rules_file(path: &Path, websites: Websites) -> Result<RuleSet, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read rules file {}: {e}", path.display()))?;
    let rules = cohort_proto::convert::rules_from_json(&text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(RuleSet::compile(rules, websites, 0))
}
