//! The usage cache: what pricing needs to know about usage (coupon rows, a logged-in
//! customer's counts), held in memory so that pricing does not wait on the database in
//! steady state.
//!
//! - **Loaded on demand, bounded.** Two `quick_cache` caches: coupon rows by code (a code
//!   that names no coupon is cached as missing too, so a made-up code costs one read, not
//!   one per call) and every count of one customer (weighed by how many counts it holds).
//!   Concurrent misses of one key share one read.
//! - **Followed, not expired.** Every usage write (RecordUsage, CancelUsage, a coupon
//!   generation) logs a change in its transaction (`usage_changes`); this replica refreshes
//!   what it caches of the change's codes and customer before the write answers, and every
//!   replica's follower task reads the log every `poll` (at once on PostgreSQL's NOTIFY
//!   `cohort_usage_changed`) and refreshes the same keys. A rule set swap (any rule write,
//!   here or elsewhere) drops everything, since rule writes create and delete coupons.
//! - **Never older than the database after a refresh.** A read that started before a
//!   change cannot overwrite what the change's refresh found: each key belongs to one of
//!   [`STRIPES`] generation counters, bumped by every refresh and flush, and a read only
//!   stores its answer if its stripe did not move meanwhile.
//!
//! So PriceCart's coupon status may lag another replica's last order by the follower's
//! delay (≤ `poll`; on PostgreSQL the NOTIFY usually comes first), as Magento's own
//! counters lag;
//! `RecordUsage` stays the exact gate (conditional updates in one transaction per order).

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::hash::{BuildHasher, Hash};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cohort_domain::coupon::{Coupon, CouponCode};
use cohort_store::{ChangedCoupons, CustomerUsage, Store, StoreError};
use quick_cache::Weighter;
use quick_cache::sync::Cache;

use crate::pricing::coupon_from_row;

/// Generation counters a key can belong to (a power of two).
pub const STRIPES: usize = 64;

/// How many changes one poll reads; more than that and the follower drops everything.
const CHANGES_PER_POLL: u32 = 2_000;

/// How long changes are re-read after they were first seen: a PostgreSQL transaction takes
/// its sequence number before it commits, so a smaller number can appear after a larger one.
const REREAD_WINDOW: Duration = Duration::from_secs(2);

/// Without a successful poll for this long, the follower may have missed changes (pruned
/// since, or never seen): it drops everything.
const STALE_AFTER: Duration = Duration::from_secs(30);

/// Changes older than this are deleted from the log.
const KEEP_CHANGES: Duration = Duration::from_secs(600);

/// How often the follower prunes the log.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// The `usage_cache` config section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UsageCacheConfig {
    /// Coupon rows (or known-missing codes) held at most.
    pub coupons: usize,
    /// Per-customer counts held at most, over all customers (each customer weighs 1 plus
    /// its counts).
    pub customer_counts: usize,
}

impl Default for UsageCacheConfig {
    fn default() -> Self {
        Self {
            coupons: 100_000,
            customer_counts: 1_000_000,
        }
    }
}

/// A customer entry weighs 1 plus its counts.
#[derive(Debug, Clone, Copy)]
struct ByCounts;

impl Weighter<String, Arc<CustomerUsage>> for ByCounts {
    fn weight(&self, _: &String, value: &Arc<CustomerUsage>) -> u64 {
        1 + value.len() as u64
    }
}

const COUPON_HITS: usize = 0;
const COUPON_MISSES: usize = 1;
const CUSTOMER_HITS: usize = 2;
const CUSTOMER_MISSES: usize = 3;

type CouponEntry = Option<Arc<Coupon>>;

/// Hit and miss counts, read at scrape time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UsageCacheStats {
    pub coupon_hits: u64,
    pub coupon_misses: u64,
    pub customer_hits: u64,
    pub customer_misses: u64,
    /// Keys re-read after a change (here or on another replica).
    pub refreshes: u64,
    /// Times everything was dropped (rule set swaps, stale follower, too many changes).
    pub flushes: u64,
    pub coupons: u64,
    pub customers: u64,
}

/// See the module documentation.
pub struct UsageCache {
    store: Store,
    coupons: Cache<CouponCode, CouponEntry>,
    customers: Cache<String, Arc<CustomerUsage>, ByCounts>,
    stripes: Box<[AtomicU64]>,
    hasher: std::hash::RandomState,
    /// Hits and misses: coupons, customers.
    counts: [AtomicU64; 4],
    refreshes: AtomicU64,
    flushes: AtomicU64,
}

impl std::fmt::Debug for UsageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UsageCache")
            .field("stats", &self.stats())
            .finish()
    }
}

impl UsageCache {
    pub fn new(store: Store, config: UsageCacheConfig) -> Self {
        let counts = config.customer_counts.max(1);
        Self {
            store,
            coupons: Cache::new(config.coupons.max(1)),
            customers: Cache::with_weighter((counts / 4).max(1), counts as u64, ByCounts),
            stripes: (0..STRIPES).map(|_| AtomicU64::new(0)).collect(),
            hasher: std::hash::RandomState::new(),
            counts: Default::default(),
            refreshes: AtomicU64::new(0),
            flushes: AtomicU64::new(0),
        }
    }

    fn count(&self, which: usize) {
        self.counts[which].fetch_add(1, Ordering::Relaxed);
    }

    fn stripe<K: Hash + ?Sized>(&self, key: &K) -> &AtomicU64 {
        let h = self.hasher.hash_one(key) as usize;
        &self.stripes[h & (STRIPES - 1)]
    }

    /// The coupon of `code`, or `None` when no coupon has that code.
    pub async fn coupon(&self, code: &str) -> Result<Option<Arc<Coupon>>, StoreError> {
        let key = CouponCode::new(code);
        match self.coupons.get_value_or_guard_async(&key).await {
            Ok(hit) => {
                self.count(COUPON_HITS);
                Ok(hit)
            }
            Err(guard) => {
                self.count(COUPON_MISSES);
                let stripe = self.stripe(&key);
                let before = stripe.load(Ordering::Acquire);
                let found = self.read_coupon(&key).await?;
                if stripe.load(Ordering::Acquire) == before {
                    let _ = guard.insert(found.clone());
                }
                Ok(found)
            }
        }
    }

    /// Every count of one customer.
    pub async fn customer(&self, customer_id: &str) -> Result<Arc<CustomerUsage>, StoreError> {
        match self.customers.get_value_or_guard_async(customer_id).await {
            Ok(hit) => {
                self.count(CUSTOMER_HITS);
                Ok(hit)
            }
            Err(guard) => {
                self.count(CUSTOMER_MISSES);
                let stripe = self.stripe(customer_id);
                let before = stripe.load(Ordering::Acquire);
                let found = Arc::new(self.store.customer_usage(customer_id).await?);
                if stripe.load(Ordering::Acquire) == before {
                    let _ = guard.insert(Arc::clone(&found));
                }
                Ok(found)
            }
        }
    }

    async fn read_coupon(&self, key: &CouponCode) -> Result<CouponEntry, StoreError> {
        let rows = self
            .store
            .coupons_by_codes(std::slice::from_ref(&key.as_str().to_owned()))
            .await?;
        Ok(rows
            .into_iter()
            .next()
            .map(|c| Arc::new(coupon_from_row(c))))
    }

    /// After a committed change: re-reads what is cached of these codes and this customer
    /// (empty = none). Keys not cached are not read, but a read of them in flight will not
    /// store its (possibly older) answer.
    pub async fn refresh(&self, customer_id: &str, codes: &[String]) -> Result<(), StoreError> {
        for code in codes {
            let key = CouponCode::new(code);
            let stripe = self.stripe(&key);
            let mine = stripe.fetch_add(1, Ordering::AcqRel) + 1;
            if !self.coupons.contains_key(&key) {
                continue;
            }
            let found = self.read_coupon(&key).await?;
            self.refreshes.fetch_add(1, Ordering::Relaxed);
            if stripe.load(Ordering::Acquire) == mine {
                self.coupons.insert(key, found);
            }
        }
        if !customer_id.is_empty() {
            let stripe = self.stripe(customer_id);
            let mine = stripe.fetch_add(1, Ordering::AcqRel) + 1;
            if self.customers.contains_key(customer_id) {
                let found = Arc::new(self.store.customer_usage(customer_id).await?);
                self.refreshes.fetch_add(1, Ordering::Relaxed);
                if stripe.load(Ordering::Acquire) == mine {
                    self.customers.insert(customer_id.to_owned(), found);
                }
            }
        }
        Ok(())
    }

    /// Drops everything (reads in flight will not store their answers).
    pub fn flush(&self) {
        for s in self.stripes.iter() {
            s.fetch_add(1, Ordering::AcqRel);
        }
        self.coupons.clear();
        self.customers.clear();
        self.flushes.fetch_add(1, Ordering::Relaxed);
    }

    pub fn stats(&self) -> UsageCacheStats {
        UsageCacheStats {
            coupon_hits: self.counts[COUPON_HITS].load(Ordering::Relaxed),
            coupon_misses: self.counts[COUPON_MISSES].load(Ordering::Relaxed),
            customer_hits: self.counts[CUSTOMER_HITS].load(Ordering::Relaxed),
            customer_misses: self.counts[CUSTOMER_MISSES].load(Ordering::Relaxed),
            refreshes: self.refreshes.load(Ordering::Relaxed),
            flushes: self.flushes.load(Ordering::Relaxed),
            coupons: self.coupons.len() as u64,
            customers: self.customers.len() as u64,
        }
    }

    /// Follows the change log written by every replica and the CLI: a poll every `poll`,
    /// and at once on a PostgreSQL notice. Runs until the runtime stops.
    pub fn spawn_follower(self: &Arc<Self>, poll: Duration) {
        let cache = Arc::clone(self);
        tokio::spawn(async move {
            let mut notices = match cache.store.usage_change_listener().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "LISTEN for usage changes failed; polling only");
                    None
                }
            };
            let mut follower = Follower::new(&cache.store).await;
            let mut tick = tokio::time::interval(poll);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                let notified = async {
                    match notices.as_mut() {
                        Some(n) => n.recv().await.map(|_| ()),
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    n = notified => if let Err(e) = n {
                        tracing::warn!(error = %e, "usage change listener failed; polling only");
                        notices = None;
                    },
                    _ = tick.tick() => {},
                }
                follower.poll(&cache).await;
            }
        });
    }
}

/// Where the follower is in the change log.
struct Follower {
    /// Changes above this are read by every poll.
    floor: i64,
    /// The highest sequence number seen by each recent poll (for moving `floor`).
    marks: VecDeque<(Instant, i64)>,
    /// Changes above `floor` already applied.
    applied: BTreeSet<i64>,
    last_ok: Instant,
    last_prune: Instant,
}

impl Follower {
    async fn new(store: &Store) -> Self {
        // Everything up to now is in the database, which an empty cache reads; a window
        // below the head is re-read once in case an older transaction commits late.
        let head = store.usage_change_head().await.unwrap_or(0);
        let now = Instant::now();
        Self {
            floor: head.saturating_sub(i64::from(CHANGES_PER_POLL) / 2),
            marks: VecDeque::from([(now, head)]),
            applied: BTreeSet::new(),
            last_ok: now,
            last_prune: now,
        }
    }

    async fn poll(&mut self, cache: &UsageCache) {
        let store = &cache.store;
        let changes = match store
            .usage_changes_after(self.floor, CHANGES_PER_POLL)
            .await
        {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "usage change poll failed; serving the cached usage");
                return;
            }
        };
        let now = Instant::now();
        if now.duration_since(self.last_ok) > STALE_AFTER {
            tracing::warn!("usage changes were not read for a while; dropping the usage cache");
            cache.flush();
        }
        self.last_ok = now;
        let mut head = self.marks.back().map_or(self.floor, |m| m.1);
        if changes.len() as u32 >= CHANGES_PER_POLL {
            // Too many to follow one by one: start over from the newest.
            cache.flush();
            head = changes.last().map_or(head, |c| c.seq);
            self.floor = head;
            self.applied.clear();
            self.marks.clear();
            self.marks.push_back((now, head));
            return;
        }
        let mut customers: HashSet<&str> = HashSet::new();
        let mut codes: HashSet<&str> = HashSet::new();
        let mut all = false;
        for change in &changes {
            head = head.max(change.seq);
            if !self.applied.insert(change.seq) {
                continue;
            }
            match &change.coupons {
                ChangedCoupons::All => all = true,
                ChangedCoupons::Codes(c) => codes.extend(c.iter().map(String::as_str)),
            }
            if !change.customer_id.is_empty() {
                customers.insert(&change.customer_id);
            }
        }
        let result = if all {
            cache.flush();
            Ok(())
        } else {
            let codes: Vec<String> = codes.into_iter().map(str::to_owned).collect();
            let mut r = cache.refresh("", &codes).await;
            for customer in customers {
                if r.is_ok() {
                    r = cache.refresh(customer, &[]).await;
                }
            }
            r
        };
        if let Err(e) = result {
            // Nothing certain about what is cached now.
            tracing::warn!(error = %e, "usage refresh failed; dropping the usage cache");
            cache.flush();
        }
        self.marks.push_back((now, head));
        while self
            .marks
            .front()
            .is_some_and(|(at, _)| now.duration_since(*at) > REREAD_WINDOW)
        {
            if let Some((_, seen)) = self.marks.pop_front() {
                self.floor = self.floor.max(seen);
            }
        }
        let floor = self.floor;
        self.applied.retain(|seq| *seq > floor);
        if now.duration_since(self.last_prune) > PRUNE_EVERY {
            self.last_prune = now;
            let before = chrono::Utc::now()
                - chrono::Duration::from_std(KEEP_CHANGES).unwrap_or(chrono::Duration::zero());
            if let Err(e) = store.prune_usage_changes(before).await {
                tracing::warn!(error = %e, "pruning the usage change log failed");
            }
        }
    }
}
