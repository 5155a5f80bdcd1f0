//! The indexed path's per-cart questions (see `index`): which rules to run, and the item
//! priority order. Both give exactly what the un-indexed path computes from
//! `candidate::select` over every rule.

use std::cell::OnceCell;

use chrono::NaiveDate;
use cohort_domain::Cart;
use cohort_domain::usage::UsageView;

use crate::candidate::{Codes, customer_limited};
use crate::compile::RuleSet;
use crate::condition::eval;
use crate::facts::CartFacts;
use crate::index::{Index, Kind, Scope, token_hash};

/// Each line's SKU and category tokens as `token_hash`es, hashed once per cart for every
/// index lookup: the SKU's first (none when it is empty), then each category's.
pub(crate) struct LineTokens {
    hashes: Vec<u64>,
    /// Per line, the end of its run in `hashes`.
    ends: Vec<usize>,
}

impl LineTokens {
    pub fn new(facts: &CartFacts<'_>) -> LineTokens {
        let mut tokens = LineTokens {
            hashes: Vec::with_capacity(facts.items.len() * 4),
            ends: Vec::with_capacity(facts.items.len()),
        };
        for item in &facts.items {
            if !item.sku.is_empty() {
                tokens.hashes.push(token_hash(Kind::Sku, &item.sku));
            }
            for c in item.categories.iter() {
                tokens.hashes.push(token_hash(Kind::Category, c));
            }
            tokens.ends.push(tokens.hashes.len());
        }
        tokens
    }

    /// Line `k`'s tokens.
    fn of(&self, k: usize) -> &[u64] {
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.hashes[start..self.ends[k]]
    }

    fn lines(&self) -> usize {
        self.ends.len()
    }
}

/// Which lines carry each SKU / category token (by `token_hash`), as bit masks over line
/// positions; carts of more than 128 lines go without and evaluate every line. Built on
/// the first question about a keyed rule, so carts whose rules are not keyed never pay.
pub(crate) struct LineMasks<'a> {
    keyed: &'a [Option<Box<[u64]>>],
    tokens: LineTokens,
    table: OnceCell<Option<TokenTable>>,
}

/// A small open-addressing table (linear probing, at most half full) of token hashes, each
/// slot pointing at its mask in `masks`. Hash 0 marks an empty slot, so a token hashing to 0
/// is stored as 1: like any collision, that can only add lines.
struct TokenTable {
    keys: Vec<u64>,
    /// Per slot: the index of its mask in `masks`.
    slots: Vec<u16>,
    masks: Vec<u128>,
    /// `keys.len() - 1` (a power of two minus one).
    mask: usize,
}

fn slot_key(hash: u64) -> u64 {
    hash.max(1)
}

impl<'a> LineMasks<'a> {
    pub fn new(index: &'a Index, tokens: LineTokens) -> Self {
        LineMasks {
            keyed: &index.keyed,
            tokens,
            table: OnceCell::new(),
        }
    }

    /// The lines rule `index`'s action conditions can hold for (all when not keyed).
    pub fn reach(&self, index: usize) -> u128 {
        let Some(Some(tokens)) = self.keyed.get(index) else {
            return u128::MAX;
        };
        match self.table.get_or_init(|| TokenTable::new(&self.tokens)) {
            Some(table) => tokens.iter().fold(0, |mask, &t| mask | table.lines_of(t)),
            None => u128::MAX,
        }
    }
}

impl TokenTable {
    fn new(lines: &LineTokens) -> Option<Self> {
        if lines.lines() > 128 {
            return None;
        }
        let tokens = lines.hashes.len();
        // Distinct tokens index `masks` by u16; more would not fit, so evaluate every line.
        if tokens >= usize::from(u16::MAX) {
            return None;
        }
        let size = (tokens * 2).next_power_of_two().max(8);
        let mut table = TokenTable {
            keys: vec![0; size],
            slots: vec![0; size],
            masks: Vec::with_capacity(tokens),
            mask: size - 1,
        };
        for k in 0..lines.lines() {
            for &token in lines.of(k) {
                table.insert(token, 1u128 << k);
            }
        }
        Some(table)
    }

    fn start(&self, key: u64) -> usize {
        // Fibonacci hashing spreads FNV's low bits over the table.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    fn insert(&mut self, hash: u64, line: u128) {
        let key = slot_key(hash);
        let mut i = self.start(key);
        loop {
            if self.keys[i] == key {
                self.masks[usize::from(self.slots[i])] |= line;
                return;
            }
            if self.keys[i] == 0 {
                self.keys[i] = key;
                // Fewer than u16::MAX tokens (checked in `new`).
                self.slots[i] = self.masks.len() as u16;
                self.masks.push(line);
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn lines_of(&self, hash: u64) -> u128 {
        let key = slot_key(hash);
        let mut i = self.start(key);
        loop {
            match self.keys[i] {
                k if k == key => return self.masks[usize::from(self.slots[i])],
                0 => return 0,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// One cart's view of the index.
pub(crate) struct Plan<'a> {
    set: &'a RuleSet,
    index: &'a Index,
    cart: &'a Cart,
    usage: &'a UsageView,
    today: NaiveDate,
    /// The cart's (website, customer group) as interned ids; `None` when no NO_COUPON rule
    /// names both, so none is a candidate.
    scope: Option<(u16, u16, &'a Scope)>,
    /// Rules left out (best-deal groups): never live.
    excluded: Option<&'a [bool]>,
}

impl<'a> Plan<'a> {
    /// This plan with the rules marked in `excluded` left out.
    pub fn excluding(mut self, excluded: Option<&'a [bool]>) -> Self {
        self.excluded = excluded;
        self
    }

    pub fn new(set: &'a RuleSet, cart: &'a Cart, usage: &'a UsageView, today: NaiveDate) -> Self {
        let index = &set.index;
        let scope = match (
            index.websites.get(&cart.website_id),
            index.groups.get(&cart.customer_group_id),
        ) {
            (Some(&w), Some(&g)) => index.scopes.get(&(w, g)).map(|s| (w, g, s)),
            _ => None,
        };
        Plan {
            set,
            index,
            cart,
            usage,
            today,
            scope,
            excluded: None,
        }
    }

    /// RULES.md §1 for an indexed (active NO_COUPON) rule already known to be in scope.
    fn live_in_scope(&self, i: u32) -> bool {
        if self.excluded.is_some_and(|out| out[i as usize]) {
            return false;
        }
        let Some(meta) = self.index.meta.get(i as usize).and_then(Option::as_ref) else {
            return false;
        };
        meta.in_dates(self.today)
            && !(meta.limited
                && customer_limited(&self.set.rules[i as usize], self.cart, self.usage))
    }

    /// RULES.md §1 for a rule from a global bucket: also the website and customer group.
    fn live(&self, i: u32) -> bool {
        let Some((w, g, _)) = self.scope else {
            return false;
        };
        self.index
            .meta
            .get(i as usize)
            .and_then(Option::as_ref)
            .is_some_and(|m| m.in_scope(w, g))
            && self.live_in_scope(i)
    }

    /// The candidates whose cart conditions can hold, in priority order, each with the code
    /// that reached it. Coupon-reached rules are always run: their coupon result needs the
    /// outcome of their conditions.
    pub fn runs(
        &self,
        facts: &CartFacts<'_>,
        tokens: &LineTokens,
        codes: &Codes,
    ) -> Vec<(usize, Option<usize>)> {
        let mut runs: Vec<(usize, Option<usize>)> = Vec::new();
        if let Some((_, _, scope)) = self.scope {
            for &i in &scope.open {
                let meta = self.index.meta[i as usize].as_ref();
                // `open` is by end date descending: the rest have expired.
                if meta.and_then(|m| m.to).is_some_and(|to| to < self.today) {
                    break;
                }
                if self.live_in_scope(i) {
                    runs.push((i as usize, None));
                }
            }
            for id in facts.membership {
                self.push_live(
                    self.index.gate_audience.get(id).map_or(&[], Vec::as_slice),
                    &mut runs,
                );
            }
            for &token in &tokens.hashes {
                self.push_live(self.index.gate_item.get(token), &mut runs);
            }
        }
        runs.extend(codes.reached.iter().map(|&(i, j)| (i, Some(j))));
        runs.sort_unstable_by_key(|&(i, _)| i);
        runs.dedup_by_key(|&mut (i, _)| i);
        runs
    }

    fn push_live(&self, bucket: &[u32], runs: &mut Vec<(usize, Option<usize>)>) {
        for &i in bucket {
            if self.live(i) {
                runs.push((i as usize, None));
            }
        }
    }

    /// RULES.md §3 item priority: each line's first §1 candidate (gated or not) whose action
    /// conditions hold for it; lines by that rule, then cart order. `first[k]` only falls,
    /// so each source is scanned only below the best found so far.
    pub fn priority(
        &self,
        facts: &CartFacts<'_>,
        tokens: &LineTokens,
        codes: &Codes,
    ) -> Vec<usize> {
        let rules = &self.set.rules;
        let holds = |i: usize, k: usize| {
            rules[i]
                .actions
                .as_ref()
                .is_none_or(|a| eval(a, facts, Some(&facts.items[k])))
        };
        let mut first = vec![usize::MAX; facts.items.len()];
        if let Some((_, _, scope)) = self.scope {
            let universal = scope
                .universal
                .iter()
                .find(|&&i| self.live_in_scope(i))
                .map_or(usize::MAX, |&i| i as usize);
            first.fill(universal);
            for (k, best) in first.iter_mut().enumerate() {
                // Each bucket is ascending: its first live rule that holds is its best.
                for &token in tokens.of(k) {
                    for &i in self.index.action_item.get(token) {
                        let i = i as usize;
                        if i >= *best {
                            break;
                        }
                        if self.live(i as u32) && holds(i, k) {
                            *best = i;
                            break;
                        }
                    }
                }
            }
            let limit = first.iter().copied().max().unwrap_or(0);
            for &i in &scope.general {
                let i = i as usize;
                if i >= limit {
                    break;
                }
                if !self.live_in_scope(i as u32) {
                    continue;
                }
                for (k, best) in first.iter_mut().enumerate() {
                    if *best > i && holds(i, k) {
                        *best = i;
                    }
                }
            }
        }
        for &(i, _) in &codes.reached {
            for (k, best) in first.iter_mut().enumerate() {
                if *best > i && holds(i, k) {
                    *best = i;
                }
            }
        }
        let mut keyed: Vec<(usize, usize)> = first.into_iter().zip(0..).collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, k)| k).collect()
    }
}
