//! The live rule set: an immutable compiled `RuleSet` behind an `ArcSwap`, so pricing never
//! waits on a lock; writers build a new set and swap it in.

use std::path::Path;
use std::sync::Arc;

use arc_swap::ArcSwap;
use cohort_domain::Websites;
use cohort_engine::RuleSet;

pub struct LiveRules {
    current: ArcSwap<RuleSet>,
}

impl LiveRules {
    pub fn new(set: RuleSet) -> Self {
        Self {
            current: ArcSwap::from_pointee(set),
        }
    }

    /// The set in force now; holding it keeps it alive while a cart is priced.
    pub fn current(&self) -> Arc<RuleSet> {
        self.current.load_full()
    }

    pub fn replace(&self, set: RuleSet) {
        self.current.store(Arc::new(set));
    }
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
