//! The candidate index (built by `compile`): NO_COUPON rules bucketed so that one pricing
//! touches only the rules that can matter to its cart, with exactly the results of the
//! un-indexed loop.
//!
//! Two questions are answered from it per cart:
//! - Which rules can *apply* (the rule loop)? A rule whose cart conditions provably fail
//!   (its root ALL requires an audience the shopper lacks, or a found item with a SKU or
//!   category the cart lacks) changes nothing but its trace, so without `explain` it is
//!   skipped. These "gates" bucket rules by audience id, SKU and category; the rest are
//!   `open`, per (website, customer group) scope.
//! - Which rule claims each line first (item priority, RULES.md §3)? That is decided by
//!   *every* §1 candidate, including gated ones whose cart conditions fail, so action
//!   conditions are indexed separately: rules for every item (`universal`), rules that
//!   need a SKU or category token on the line (token buckets), and the rest (`general`).

use chrono::NaiveDate;
use cohort_domain::condition::Operator;
use cohort_domain::rule::CouponType;
use rustc_hash::FxHashMap as HashMap;

use crate::compile::{CompiledRule, Cond, ProductAttribute, Test};

/// Line tokens an item-level requirement can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Sku,
    Category,
}

/// Per-token buckets of rule indexes, ascending (priority order), keyed by `token_hash`
/// so that a cart hashes each of its tokens once. Tokens whose hashes collide share a
/// bucket: that only adds candidates, which their full conditions then judge.
#[derive(Debug, Default)]
pub(crate) struct Buckets(HashMap<u64, Vec<u32>>);

impl Buckets {
    fn add(&mut self, kind: Kind, tokens: &[&String], rule: u32) {
        for token in tokens {
            let bucket = self.0.entry(token_hash(kind, token)).or_default();
            if bucket.last() != Some(&rule) {
                bucket.push(rule);
            }
        }
    }

    pub fn get(&self, token: u64) -> &[u32] {
        self.0.get(&token).map_or(&[], Vec::as_slice)
    }
}

/// What a NO_COUPON rule needs besides `active`, checked per cart without strings.
#[derive(Debug)]
pub(crate) struct Meta {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `uses_per_customer > 0`: the usage view must be asked.
    pub limited: bool,
    pub websites: Box<[u16]>,
    pub groups: Box<[u16]>,
}

impl Meta {
    pub fn in_dates(&self, today: NaiveDate) -> bool {
        self.from.is_none_or(|f| today >= f) && self.to.is_none_or(|t| today <= t)
    }

    pub fn in_scope(&self, website: u16, group: u16) -> bool {
        self.websites.contains(&website) && self.groups.contains(&group)
    }
}

/// The rules of one (website, customer group) pair.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Ungated rules, by `to_date` descending (open-ended first), so expired rules end
    /// the scan instead of being visited.
    pub open: Vec<u32>,
    /// Rules whose action conditions hold for every item, ascending.
    pub universal: Vec<u32>,
    /// Rules whose action conditions could not be indexed, ascending.
    pub general: Vec<u32>,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    pub websites: HashMap<String, u16>,
    pub groups: HashMap<String, u16>,
    pub scopes: HashMap<(u16, u16), Scope>,
    /// Indexed by rule index; `None` for coupon or inactive rules (never in a bucket).
    pub meta: Vec<Option<Meta>>,
    /// Gated rules by the audience id their cart conditions require.
    pub gate_audience: HashMap<String, Vec<u32>>,
    /// Gated rules by the SKU / category a found item must have.
    pub gate_item: Buckets,
    /// Rules whose action conditions require a SKU / category on the line.
    pub action_item: Buckets,
    /// Per rule (any kind): the tokens one of which a line needs for its action
    /// conditions to hold, so the rule loop evaluates only lines carrying one.
    pub keyed: Vec<Option<Box<[u64]>>>,
}

/// FNV-1a of a token and its kind. Used only to narrow which lines a rule loop evaluates:
/// a collision can only add lines (each still fully evaluated), never drop one.
pub(crate) fn token_hash(kind: Kind, token: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(kind as u8).chain(token.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How a rule's cart conditions gate it.
enum Gate<'c> {
    None,
    Audience(Vec<&'c String>),
    Item(Kind, Vec<&'c String>),
}

/// How a rule's action conditions select items.
enum Actions<'c> {
    Universal,
    Item(Kind, Vec<&'c String>),
    General,
}

fn intern(map: &mut HashMap<String, u16>, ids: &[String]) -> Box<[u16]> {
    let mut out: Vec<u16> = Vec::with_capacity(ids.len());
    for id in ids {
        let next = u16::try_from(map.len()).unwrap_or(u16::MAX);
        let n = *map.entry(id.clone()).or_insert(next);
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out.into_boxed_slice()
}

impl Index {
    /// Builds the index over rules already in priority order.
    pub fn build(rules: &[CompiledRule]) -> Index {
        let mut index = Index::default();
        // More than u16::MAX distinct ids would alias; then indexing is not exact, so the
        // index is left empty and `usable` sends pricing down the un-indexed path.
        let distinct = |f: fn(&CompiledRule) -> &Vec<String>| {
            let mut all: Vec<&String> = rules.iter().flat_map(|r| f(r).iter()).collect();
            all.sort_unstable();
            all.dedup();
            all.len()
        };
        if distinct(|r| &r.rule.website_ids) >= usize::from(u16::MAX)
            || distinct(|r| &r.rule.customer_group_ids) >= usize::from(u16::MAX)
            || u32::try_from(rules.len()).is_err()
        {
            index.meta.clear();
            index.keyed.clear();
            return index;
        }
        for (i, compiled) in rules.iter().enumerate() {
            let r = &compiled.rule;
            index
                .keyed
                .push(match compiled.actions.as_ref().map(actions_of) {
                    Some(Actions::Item(kind, tokens)) => {
                        Some(tokens.into_iter().map(|t| token_hash(kind, t)).collect())
                    }
                    _ => None,
                });
            if !r.active || r.coupon_type != CouponType::NoCoupon {
                index.meta.push(None);
                continue;
            }
            let n = i as u32;
            let websites = intern(&mut index.websites, &r.website_ids);
            let groups = intern(&mut index.groups, &r.customer_group_ids);
            let gate = compiled.conditions.as_ref().map_or(Gate::None, gate_of);
            let actions = compiled
                .actions
                .as_ref()
                .map_or(Actions::Universal, actions_of);
            for &w in &websites {
                for &g in &groups {
                    let scope = index.scopes.entry((w, g)).or_default();
                    if matches!(gate, Gate::None) {
                        scope.open.push(n);
                    }
                    match actions {
                        Actions::Universal => scope.universal.push(n),
                        Actions::General => scope.general.push(n),
                        Actions::Item(..) => {}
                    }
                }
            }
            match &gate {
                Gate::None => {}
                Gate::Audience(ids) => {
                    for id in ids {
                        index
                            .gate_audience
                            .entry((*id).clone())
                            .or_default()
                            .push(n);
                    }
                }
                Gate::Item(kind, tokens) => index.gate_item.add(*kind, tokens, n),
            }
            if let Actions::Item(kind, tokens) = &actions {
                index.action_item.add(*kind, tokens, n);
            }
            index.meta.push(Some(Meta {
                from: r.from_date,
                to: r.to_date,
                limited: r.uses_per_customer > 0,
                websites,
                groups,
            }));
        }
        for scope in index.scopes.values_mut() {
            // Stable: equal end dates keep priority order (the visit list is sorted anyway).
            let to = |i: &u32| index.meta[*i as usize].as_ref().and_then(|m| m.to);
            scope.open.sort_by(|a, b| {
                to(b)
                    .unwrap_or(NaiveDate::MAX)
                    .cmp(&to(a).unwrap_or(NaiveDate::MAX))
            });
        }
        index
    }

    /// False when the rule set was too large to index exactly.
    pub fn usable(&self, rule_count: usize) -> bool {
        self.meta.len() == rule_count && self.keyed.len() == rule_count
    }
}

/// A tree that holds only for an item carrying one of some SKUs or categories.
fn item_requirement(cond: &Cond) -> Option<(Kind, Vec<&String>)> {
    match cond {
        Cond::Product { attribute, test } => token_test(attribute, test),
        Cond::Combine {
            all: true,
            negate: false,
            children,
        } => children.iter().find_map(item_requirement),
        Cond::Combine {
            all: false,
            negate: false,
            children,
        } if children.len() == 1 => item_requirement(&children[0]),
        _ => None,
    }
}

/// `sku` EQ / IS_ONE_OF holds only for a SKU in the test's set, unless a value is numeric
/// (then "1.0" equals "1"); a positive category test holds only on overlap with the set.
fn token_test<'c>(attribute: &ProductAttribute, test: &'c Test) -> Option<(Kind, Vec<&'c String>)> {
    let tokens = || test.set.iter().collect::<Vec<_>>();
    match (attribute, test.operator) {
        (ProductAttribute::Sku, Operator::Eq | Operator::IsOneOf)
            if test.numbers.iter().all(Option::is_none) =>
        {
            Some((Kind::Sku, tokens()))
        }
        (ProductAttribute::CategoryIds, Operator::Eq | Operator::IsOneOf | Operator::Contains) => {
            Some((Kind::Category, tokens()))
        }
        _ => None,
    }
}

fn actions_of(cond: &Cond) -> Actions<'_> {
    // A childless combine is true whatever its aggregator (RULES.md §2).
    if let Cond::Combine { children, .. } = cond
        && children.is_empty()
    {
        return Actions::Universal;
    }
    match item_requirement(cond) {
        Some((kind, tokens)) => Actions::Item(kind, tokens),
        None => Actions::General,
    }
}

/// A necessary condition of a cart tree: a positive audience test or a found item with a
/// token, reached through a non-negated root ALL (or a single-child ANY).
fn gate_of(cond: &Cond) -> Gate<'_> {
    match cond {
        Cond::Audience { operator, ids, .. } if !operator.is_negated() => {
            Gate::Audience(ids.iter().collect())
        }
        Cond::Found {
            not_found: false,
            all,
            children,
        } => {
            let requirement = if *all {
                children.iter().find_map(item_requirement)
            } else if children.len() == 1 {
                item_requirement(&children[0])
            } else {
                None
            };
            requirement.map_or(Gate::None, |(kind, tokens)| Gate::Item(kind, tokens))
        }
        Cond::Combine {
            all: true,
            negate: false,
            children,
        } => children
            .iter()
            .map(gate_of)
            .find(|g| !matches!(g, Gate::None))
            .unwrap_or(Gate::None),
        Cond::Combine {
            all: false,
            negate: false,
            children,
        } if children.len() == 1 => gate_of(&children[0]),
        _ => Gate::None,
    }
}
