//! The IMS access token cache. One fetch at a time (single flight): callers that find no
//! usable token queue on one async lock, and whoever gets it second finds the token the
//! first fetched, or the error it got. A token is replaced at 90 % of its life, so a call
//! never starts with a token about to expire, and after a platform 401 the rejected token
//! (only that one) is dropped so concurrent 401s cause one fetch.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use crate::error::AepError;
use crate::secret::Secret;

/// When the current token was fetched and when it stops being used; never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub token_type: String,
    /// Lifetime IMS granted (`expires_in`).
    pub expires_in: Duration,
    pub fetched_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// When the cache will fetch a replacement.
    pub refresh_at: DateTime<Utc>,
}

/// The longest token lifetime believed (IMS's own is 24 hours).
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug)]
pub(crate) struct CachedToken {
    pub token: Secret,
    pub info: TokenInfo,
    refresh_at: Instant,
}

impl CachedToken {
    pub fn new(token: Secret, token_type: String, expires_in: Duration) -> Self {
        // IMS grants 24 h; a larger `expires_in` (hostile or broken) is clamped, so no
        // instant arithmetic can overflow and the token is still refreshed daily.
        let expires_in = expires_in.min(MAX_TOKEN_LIFETIME);
        let now = Utc::now();
        let refresh_in = expires_in.mul_f64(0.9);
        let to_chrono =
            |d: Duration| chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
        Self {
            token,
            info: TokenInfo {
                token_type,
                expires_in,
                fetched_at: now,
                expires_at: now.checked_add_signed(to_chrono(expires_in)).unwrap_or(now),
                refresh_at: now.checked_add_signed(to_chrono(refresh_in)).unwrap_or(now),
            },
            refresh_at: Instant::now() + refresh_in,
        }
    }

    fn is_fresh(&self) -> bool {
        Instant::now() < self.refresh_at
    }
}

#[derive(Default)]
struct Slot {
    token: Option<Arc<CachedToken>>,
    /// Bumped by every completed fetch, so a queued caller can tell that a fetch happened
    /// while it waited.
    fetches: u64,
    last_error: Option<AepError>,
}

#[derive(Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Slot>,
    fetch_gate: tokio::sync::Mutex<()>,
}

impl TokenCache {
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<Arc<CachedToken>, AepError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<CachedToken, AepError>>,
    {
        let seen = {
            let slot = self.lock();
            if let Some(token) = slot.token.as_ref().filter(|t| t.is_fresh()) {
                return Ok(Arc::clone(token));
            }
            slot.fetches
        };
        let _gate = self.fetch_gate.lock().await;
        {
            let slot = self.lock();
            if let Some(token) = slot.token.as_ref().filter(|t| t.is_fresh()) {
                return Ok(Arc::clone(token));
            }
            // A fetch finished while we queued and it failed: share its answer rather
            // than hammer IMS once per waiting caller.
            if slot.fetches != seen
                && let Some(error) = &slot.last_error
            {
                return Err(error.clone());
            }
        }
        let result = fetch().await.map(Arc::new);
        let mut slot = self.lock();
        slot.fetches += 1;
        match &result {
            Ok(token) => {
                slot.token = Some(Arc::clone(token));
                slot.last_error = None;
            }
            Err(error) => slot.last_error = Some(error.clone()),
        }
        result
    }

    /// Drops `rejected` if it is still the cached token; a newer one is kept.
    pub fn invalidate(&self, rejected: &Arc<CachedToken>) {
        let mut slot = self.lock();
        if slot
            .token
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, rejected))
        {
            slot.token = None;
        }
    }

    pub fn current_info(&self) -> Option<TokenInfo> {
        self.lock().token.as_ref().map(|t| t.info.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Slot> {
        // The slot is replaced whole under the lock, so a poisoned lock still holds a
        // consistent value.
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A huge `expires_in` (u64::MAX seconds) is clamped instead of overflowing the clock.
    #[test]
    fn huge_lifetimes_are_clamped() {
        let t = CachedToken::new(
            Secret::new("t"),
            "bearer".into(),
            Duration::from_secs(u64::MAX),
        );
        assert_eq!(t.info.expires_in, MAX_TOKEN_LIFETIME);
        assert!(t.is_fresh());
        assert!(t.info.refresh_at > t.info.fetched_at);
    }

    use std::sync::atomic::{AtomicU32, Ordering};

    fn token(life: Duration) -> CachedToken {
        CachedToken::new(Secret::new("tok"), "bearer".into(), life)
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let cache = Arc::new(TokenCache::default());
        let fetches = Arc::new(AtomicU32::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cache, fetches) = (Arc::clone(&cache), Arc::clone(&fetches));
            tasks.push(tokio::spawn(async move {
                cache
                    .get(|| async {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok(token(Duration::from_secs(60)))
                    })
                    .await
                    .map(|_| ())
            }));
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn refreshes_at_ninety_percent_of_life() {
        let cache = TokenCache::default();
        let fetches = AtomicU32::new(0);
        let fetch = || async {
            fetches.fetch_add(1, Ordering::SeqCst);
            Ok(token(Duration::from_secs(100)))
        };
        cache.get(fetch).await.unwrap();
        tokio::time::advance(Duration::from_secs(89)).await;
        cache.get(fetch).await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        tokio::time::advance(Duration::from_secs(2)).await;
        cache.get(fetch).await.unwrap();
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn invalidate_only_drops_the_rejected_token() {
        let cache = TokenCache::default();
        let first = cache
            .get(|| async { Ok(token(Duration::from_secs(60))) })
            .await
            .unwrap();
        cache.invalidate(&first);
        let second = cache
            .get(|| async { Ok(token(Duration::from_secs(60))) })
            .await
            .unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        cache.invalidate(&first);
        assert!(cache.current_info().is_some());
    }
}
