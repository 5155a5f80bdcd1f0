//! Rules: the stored-rule codec (row ↔ rule), validated writes that bump the rule set
//! version and swap the rebuilt set in before answering, listing, the database-side checks
//! of a rule, the rules-file loader, and [`LiveRules`], the compiled set pricing reads.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use cohort_domain::Websites;
use cohort_domain::condition::Condition;
use cohort_domain::rule::{CartPriceRule, CouponType};
use cohort_engine::RuleSet;
use cohort_proto::convert::{
    rule_from_proto, rule_list_from_json, rules_from_json, timestamp_from_datetime,
};
use cohort_proto::v1;
use cohort_store::{RuleFilter, RuleRow, RuleWrite, Store, StoreError};
use tokio::sync::Mutex;

use crate::audit::{Action, Actor};
use crate::fields::{bad_page_token, page_size, refuse, text_size};
use crate::{App, AppError, ErrorKind};

/// The live rule set: an immutable compiled [`RuleSet`] behind an `ArcSwap`, so pricing never
/// waits on a lock. After a write, and whenever another replica changed the rules
/// (PostgreSQL NOTIFY, or the version poll as a fallback), the set is rebuilt from the store
/// and swapped in; there is no cache to clean by hand.
pub struct LiveRules {
    current: ArcSwap<RuleSet>,
    websites: Websites,
    /// `limits.max_group_candidates`, given to every set compiled.
    group_candidates: usize,
    /// `Some` when rules come from the database; `None` in read-only file mode.
    store: Option<Store>,
    /// Dropped at every swap: rule writes create and delete coupons.
    usage: Option<Arc<crate::UsageCache>>,
    reload_lock: Mutex<()>,
}

impl LiveRules {
    /// Read-only rules (the `rules.file` mode): never reloaded, never written.
    pub fn fixed(set: RuleSet) -> Self {
        Self {
            websites: set.websites().clone(),
            group_candidates: set.max_group_candidates(),
            current: ArcSwap::from_pointee(set),
            store: None,
            usage: None,
            reload_lock: Mutex::new(()),
        }
    }

    /// Loads and compiles every stored rule.
    /// `usage` is dropped whenever a new set is swapped in.
    pub async fn from_store(
        store: Store,
        websites: Websites,
        group_candidates: usize,
        usage: Arc<crate::UsageCache>,
    ) -> Result<Self, StoreError> {
        let set = load(&store, &websites, group_candidates).await?;
        Ok(Self {
            current: ArcSwap::from_pointee(set),
            websites,
            group_candidates,
            store: Some(store),
            usage: Some(usage),
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
        let set = load(store, &self.websites, self.group_candidates).await?;
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
        if let Some(usage) = &self.usage {
            usage.flush();
        }
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
        let set = load(store, &self.websites, self.group_candidates).await?;
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
                        Some(l) => l.recv().await.map(|p| Some(p.parse().unwrap_or(0))),
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

async fn load(
    store: &Store,
    websites: &Websites,
    group_candidates: usize,
) -> Result<RuleSet, StoreError> {
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
    Ok(RuleSet::compile(rules, websites.clone(), version).with_group_candidates(group_candidates))
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

/// [`row_to_proto`] for an answer: a row that does not decode is an internal error.
pub(crate) fn answer(row: &RuleRow) -> Result<v1::CartPriceRule, AppError> {
    row_to_proto(row).map_err(|e| AppError::internal("stored rule is unreadable", &e))
}

/// What the store keeps of a validated rule: the body without output-only fields.
pub(crate) fn rule_write(
    proto: &v1::CartPriceRule,
    rule: &CartPriceRule,
) -> Result<RuleWrite, AppError> {
    let mut body = proto.clone();
    body.id = 0;
    body.version = 0;
    body.times_used = 0;
    body.created_at = None;
    body.updated_at = None;
    Ok(RuleWrite {
        active: rule.active,
        sort_order: rule.sort_order,
        coupon_code: (rule.coupon_type == CouponType::Specific)
            .then(|| rule.coupon_code.trim().to_owned())
            .filter(|c| !c.is_empty()),
        uses_per_coupon: rule.uses_per_coupon,
        uses_per_customer: rule.uses_per_customer,
        to_date: rule.to_date.map(|d| d.to_string()),
        body: serde_json::to_string(&body)
            .map_err(|e| AppError::internal("encoding the rule", &e))?,
        audience_ids: rule.audience_ids().into_iter().collect(),
    })
}

/// Reads a rules file (a `ListRulesResponse` as proto3 JSON), validates every rule and
/// compiles them. The error names the file and every invalid field.
pub fn load_rules_file(
    path: &Path,
    websites: Websites,
    group_candidates: usize,
) -> Result<RuleSet, AppError> {
    let rules = rules_from_json(&read_file(path, "rules")?)
        .map_err(|e| AppError::new(ErrorKind::Invalid, format!("{}: {e}", path.display())))?;
    Ok(RuleSet::compile(rules, websites, 0).with_group_candidates(group_candidates))
}

/// A file's text, or an error naming it.
pub fn read_file(path: &Path, what: &str) -> Result<String, AppError> {
    std::fs::read_to_string(path).map_err(|e| {
        AppError::new(
            ErrorKind::Invalid,
            format!("cannot read {what} file {}: {e}", path.display()),
        )
    })
}

/// Nodes of a tree, counted without recursion.
fn count_nodes(root: &Condition) -> usize {
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(c) = stack.pop() {
        n += 1;
        stack.extend(c.children());
    }
    n
}

/// A page of rules and the token of the next one (empty on the last page).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RulePage {
    pub rules: Vec<v1::CartPriceRule>,
    pub next_page_token: String,
}

/// What ListRules filters on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleQuery {
    pub active_only: bool,
    pub audience_id: String,
    pub coupon_code: String,
    pub page_size: u32,
    pub page_token: String,
}

fn parse_rules_token(token: &str) -> Result<Option<(u32, u64)>, AppError> {
    if token.is_empty() {
        return Ok(None);
    }
    let (s, i) = token.split_once(':').ok_or_else(bad_page_token)?;
    Ok(Some((
        s.parse().map_err(|_| bad_page_token())?,
        i.parse().map_err(|_| bad_page_token())?,
    )))
}

/// [`App::references`]: what a save of a rule would refuse in the store.
pub(crate) struct References {
    pub unknown_audiences: Vec<String>,
    pub code_taken_by: Option<u64>,
}

impl App {
    /// Parses and validates a rule, including the configured tree size (`limits.max_rule_nodes`).
    /// Returns the rule as sent and its domain form.
    pub fn parse_rule<'r>(
        &self,
        rule: Option<&'r v1::CartPriceRule>,
    ) -> Result<(&'r v1::CartPriceRule, CartPriceRule), AppError> {
        let proto = rule.ok_or_else(|| AppError::field("rule", "is required"))?;
        let domain = rule_from_proto(proto)?;
        self.check_tree_size(&domain, "rule")?;
        Ok((proto, domain))
    }

    /// Each condition tree within `limits.max_rule_nodes`; `at` is the rule's field path.
    fn check_tree_size(&self, rule: &CartPriceRule, at: &str) -> Result<(), AppError> {
        for (field, tree) in [
            ("conditions", &rule.conditions),
            ("action_conditions", &rule.action_conditions),
        ] {
            let nodes = tree.as_ref().map_or(0, count_nodes);
            if nodes > self.max_rule_nodes {
                return Err(AppError::field(
                    &format!("{at}.{field}"),
                    format!(
                        "condition tree has {nodes} nodes; limits.max_rule_nodes is {}",
                        self.max_rule_nodes
                    ),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn writable(&self) -> Result<(), AppError> {
        if self.rules.read_only() {
            return Err(AppError::new(
                ErrorKind::FailedPrecondition,
                "rules are read-only: the server prices with rules.file",
            ));
        }
        Ok(())
    }

    pub(crate) async fn after_write(&self, version: u64) {
        if let Err(e) = self.rules.reload(Some(version)).await {
            // The watcher retries; the write itself is committed.
            tracing::warn!(error = %e, "reload after a rule write failed");
        }
    }

    /// Creates a rule; the answer is the stored rule (id, version 1, timestamps). Recorded
    /// in the audit trail as `by`'s.
    pub async fn create_rule(
        &self,
        rule: Option<&v1::CartPriceRule>,
        by: &Actor,
    ) -> Result<v1::CartPriceRule, AppError> {
        self.writable()?;
        let (proto, domain) = self.parse_rule(rule)?;
        let write = rule_write(proto, &domain)?;
        let (row, version) = self
            .store
            .create_rule(&write, &by.by(Action::Create, ""))
            .await?;
        self.after_write(version).await;
        answer(&row)
    }

    /// Replaces a rule; `rule.version` must echo the stored one (optimistic concurrency).
    /// Recorded as an activation or deactivation when only `active` changes, else as an
    /// update.
    pub async fn update_rule(
        &self,
        rule: Option<&v1::CartPriceRule>,
        by: &Actor,
    ) -> Result<v1::CartPriceRule, AppError> {
        self.writable()?;
        let (proto, domain) = self.parse_rule(rule)?;
        if proto.id == 0 {
            return Err(AppError::field("rule.id", "is required"));
        }
        if proto.version == 0 {
            return Err(AppError::field("rule.version", "echo the version you read"));
        }
        let write = rule_write(proto, &domain)?;
        // What kind of write this is, from the stored body at the version echoed (the
        // store only writes when that version is still current).
        let current = self.store.get_rule(proto.id).await?;
        let action = match serde_json::from_str::<v1::CartPriceRule>(&current.body) {
            Ok(mut stored) if current.version == proto.version => {
                let was = stored.active;
                stored.active = domain.active;
                let mut sent: v1::CartPriceRule = serde_json::from_str(&write.body)
                    .map_err(|e| AppError::internal("encoding the rule", &e))?;
                sent.active = domain.active;
                match (stored == sent, was, domain.active) {
                    (true, false, true) => Action::Activate,
                    (true, true, false) => Action::Deactivate,
                    _ => Action::Update,
                }
            }
            _ => Action::Update,
        };
        let (row, version) = self
            .store
            .update_rule(proto.id, proto.version, &write, &by.by(action, ""))
            .await?;
        self.after_write(version).await;
        answer(&row)
    }

    /// Deletes a rule, recorded as `by`'s (with the rule it deleted).
    pub async fn delete_rule(&self, id: u64, by: &Actor) -> Result<(), AppError> {
        self.writable()?;
        let version = self
            .store
            .delete_rule(id, &by.by(Action::Delete, ""))
            .await?;
        self.after_write(version).await;
        Ok(())
    }

    pub async fn get_rule(&self, id: u64) -> Result<v1::CartPriceRule, AppError> {
        answer(&self.store.get_rule(id).await?)
    }

    /// A page of rules in `(sort_order, id)` order.
    pub async fn list_rules(&self, q: &RuleQuery) -> Result<RulePage, AppError> {
        let mut v = Vec::new();
        text_size(&mut v, || "audience_id".into(), &q.audience_id);
        text_size(&mut v, || "coupon_code".into(), &q.coupon_code);
        text_size(&mut v, || "page_token".into(), &q.page_token);
        refuse(v)?;
        let limit = page_size(q.page_size)?;
        let after = parse_rules_token(&q.page_token)?;
        let filter = RuleFilter {
            active_only: q.active_only,
            audience_id: Some(q.audience_id.clone()).filter(|s| !s.is_empty()),
            coupon_code: Some(q.coupon_code.clone()).filter(|s| !s.is_empty()),
        };
        // One extra row tells whether another page exists.
        let mut rows = self.store.list_rules(&filter, after, limit + 1).await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_page_token = match (more, rows.last()) {
            (true, Some(last)) => format!("{}:{}", last.sort_order, last.id),
            _ => String::new(),
        };
        Ok(RulePage {
            rules: rows.iter().map(answer).collect::<Result<_, _>>()?,
            next_page_token,
        })
    }

    /// Every check a create would make, without writing: the rule itself, then the audiences
    /// it names (imported?) and its coupon code (free?).
    pub async fn validate_rule(&self, rule: Option<&v1::CartPriceRule>) -> Result<(), AppError> {
        let (_, rule) = self.parse_rule(rule)?;
        let refs = self.references(&rule).await?;
        if !refs.unknown_audiences.is_empty() {
            return Err(StoreError::UnknownAudiences(refs.unknown_audiences).into());
        }
        if refs.code_taken_by.is_some() {
            return Err(StoreError::CouponCodeTaken(rule.coupon_code.clone()).into());
        }
        Ok(())
    }

    /// What a rule names in the store that a save would refuse: audiences never imported,
    /// and the rule (or generated code) that holds its SPECIFIC code already.
    pub(crate) async fn references(&self, rule: &CartPriceRule) -> Result<References, AppError> {
        let mut unknown_audiences = Vec::new();
        for id in rule.audience_ids() {
            if self.store.get_audience(&id).await?.is_none() {
                unknown_audiences.push(id);
            }
        }
        let mut code_taken_by = None;
        if rule.coupon_type == CouponType::Specific {
            let taken = self
                .store
                .coupons_by_codes(std::slice::from_ref(&rule.coupon_code))
                .await?;
            code_taken_by = taken
                .iter()
                .find(|c| c.rule_id != rule.id || c.generated)
                .map(|c| c.rule_id);
        }
        Ok(References {
            unknown_audiences,
            code_taken_by,
        })
    }

    /// Every stored rule (the format of a rules file) and the rule set version.
    pub async fn export_rules(&self) -> Result<(u64, v1::ListRulesResponse), AppError> {
        let (version, rows) = self.store.load_rules().await?;
        let rules = rows.iter().map(answer).collect::<Result<Vec<_>, _>>()?;
        Ok((
            version,
            v1::ListRulesResponse {
                rules,
                next_page_token: String::new(),
            },
        ))
    }

    /// Creates every rule of a rules file's text (new ids, in file order) in one
    /// transaction: a file with any invalid rule, clashing code or unknown audience writes
    /// nothing. Returns each rule's id in the file with the rule created for it, and the new
    /// rule set version.
    pub async fn import_rules(
        &self,
        text: &str,
        by: &Actor,
    ) -> Result<(Vec<(u64, v1::CartPriceRule)>, u64), AppError> {
        self.writable()?;
        let (list, rules) = rule_list_from_json(text)?;
        let mut writes = Vec::with_capacity(rules.len());
        for (i, (sent, domain)) in list.rules.iter().zip(&rules).enumerate() {
            self.check_tree_size(domain, &format!("rules[{i}]"))?;
            writes.push(rule_write(sent, domain)?);
        }
        let (rows, version) = self
            .store
            .create_rules(&writes, &by.by(Action::Import, ""))
            .await?;
        self.after_write(version).await;
        let created = list
            .rules
            .iter()
            .zip(&rows)
            .map(|(sent, row)| Ok((sent.id, answer(row)?)))
            .collect::<Result<_, AppError>>()?;
        Ok((created, version))
    }
}

/// Validates every rule of a rules file's text without a database; the count, or every
/// violation.
pub fn validate_rules_text(text: &str) -> Result<usize, cohort_proto::convert::FileError> {
    rules_from_json(text).map(|rules| rules.len())
}
