//! Retries bounded by total time. A server's own wait (`Retry-After`, `retryAfterMs`) is
//! honoured as given; otherwise exponential backoff with "equal jitter" (half the step fixed,
//! half random) so that replicas that failed together do not retry together. The random
//! source is a seedable xorshift so tests can replay the exact delays.

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::AepError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Total budget for one call, attempts and waits included.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based), jitter included.
    pub fn backoff(&self, retry: u32, jitter: &Jitter) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1).min(20))
            .unwrap_or(u32::MAX);
        let step = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let half = step / 2;
        half + half.mul_f64(jitter.next_unit())
    }
}

/// xorshift64*: tiny, fast, and good enough to spread retries; not for anything secret.
#[derive(Debug)]
pub struct Jitter(Mutex<u64>);

impl Jitter {
    pub fn seeded(seed: u64) -> Self {
        // Zero is xorshift's fixed point.
        Self(Mutex::new(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        }))
    }

    /// A seed that differs per process and per client, for production use.
    pub fn from_entropy() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let marker = 0u8;
        let addr = std::ptr::addr_of!(marker) as u64;
        Self::seeded(nanos ^ addr.rotate_left(32) ^ u64::from(std::process::id()))
    }

    pub fn next_u64(&self) -> u64 {
        // A poisoned lock only means another thread panicked mid-update of a random
        // number; the state is still a valid seed.
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut x = *state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        *state = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    pub fn next_unit(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One failed attempt: the error, and the wait the server asked for if it did.
pub(crate) struct Failure {
    pub error: AepError,
    pub retry_after: Option<Duration>,
}

impl From<AepError> for Failure {
    fn from(error: AepError) -> Self {
        Self {
            error,
            retry_after: None,
        }
    }
}

/// Runs `attempt` until it succeeds, fails for good, or the next wait would overrun the
/// budget. `attempt` receives the time left so it can shorten its own timeout: the budget
/// bounds the call as a whole, not just the sleeps between attempts. An attempt that times
/// out on that shortened timeout was ended by the budget, not by the platform: the call
/// gives up then, and reports the failure before it (e.g. the 429s that used the budget up)
/// rather than a timeout of the few milliseconds that were left.
pub(crate) async fn with_retries<T, F, Fut>(
    policy: &RetryPolicy,
    jitter: &Jitter,
    request: &str,
    mut attempt: F,
) -> Result<T, AepError>
where
    F: FnMut(Duration) -> Fut,
    Fut: Future<Output = Result<T, Failure>>,
{
    let start = Instant::now();
    let mut attempts = 0u32;
    let mut previous: Option<AepError> = None;
    loop {
        attempts += 1;
        let remaining = policy.max_elapsed.saturating_sub(start.elapsed());
        let failure = match attempt(remaining).await {
            Ok(value) => return Ok(value),
            Err(failure) => failure,
        };
        if !failure.error.is_retryable() {
            return Err(failure.error);
        }
        // Its timeout was what was left of the budget (it is never longer).
        let cut_by_budget =
            matches!(&failure.error, AepError::Timeout { timeout, .. } if *timeout >= remaining);
        let delay = failure
            .retry_after
            .unwrap_or_else(|| policy.backoff(attempts, jitter));
        let elapsed = start.elapsed();
        if cut_by_budget || elapsed.saturating_add(delay) >= policy.max_elapsed {
            tracing::warn!(request, attempts, ?elapsed, ?delay, error = %failure.error, "AEP retry budget exhausted");
            let last = match previous {
                Some(earlier) if cut_by_budget => earlier,
                _ => failure.error,
            };
            return Err(AepError::GaveUp {
                attempts,
                elapsed,
                last: Box::new(last),
            });
        }
        tracing::info!(request, attempt = attempts, ?delay, error = %failure.error, "AEP call failed; retrying");
        previous = Some(failure.error);
        tokio::time::sleep(delay).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(10),
        }
    }

    #[test]
    fn backoff_doubles_within_jitter_and_caps() {
        let jitter = Jitter::seeded(7);
        for (retry, step) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (40, 1000),
        ] {
            let d = policy().backoff(retry, &jitter).as_millis() as u64;
            assert!(
                d >= step / 2 && d <= step,
                "retry {retry}: {d} not in [{}, {step}]",
                step / 2
            );
        }
    }

    fn rate_limited() -> Failure {
        Failure {
            error: AepError::RateLimited {
                request: "GET /x".into(),
                retry_after: Some(Duration::from_millis(300)),
            },
            retry_after: Some(Duration::from_millis(300)),
        }
    }

    fn timeout(after: Duration) -> Failure {
        AepError::Timeout {
            request: "GET /x".into(),
            timeout: after,
        }
        .into()
    }

    /// 429s use the budget up; the last attempt gets what is left (0.4 s), waits it out and
    /// times out. The call reports the 429, not a 0.4 s timeout.
    #[tokio::test(start_paused = true)]
    async fn an_attempt_ended_by_the_budget_reports_the_failure_before_it() {
        let policy = RetryPolicy {
            max_elapsed: Duration::from_secs(2),
            ..policy()
        };
        let mut given = Vec::new();
        let result: Result<(), AepError> =
            with_retries(&policy, &Jitter::seeded(1), "GET /x", |remaining| {
                given.push(remaining);
                async move {
                    if remaining >= Duration::from_millis(500) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        Err(rate_limited())
                    } else {
                        tokio::time::sleep(remaining).await;
                        Err(timeout(remaining))
                    }
                }
            })
            .await;
        let Err(AepError::GaveUp { attempts, last, .. }) = result else {
            panic!("expected GaveUp, got {result:?}");
        };
        // Attempts at 0, 0.4, 0.8, 1.2 and 1.6 s: four 429s, then 0.4 s left.
        assert_eq!(given.len(), 5, "{given:?}");
        assert_eq!(given[4], Duration::from_millis(400));
        assert_eq!(attempts, 5);
        assert!(
            matches!(*last, AepError::RateLimited { .. }),
            "reported {last}"
        );
    }

    /// A timeout on the full per-attempt timeout is the platform's: it is what the call
    /// reports when the budget then runs out (an attempt cut short with only timeouts before
    /// it reports the last of those).
    #[tokio::test(start_paused = true)]
    async fn a_timeout_the_platform_caused_is_reported_as_is() {
        let policy = RetryPolicy {
            max_elapsed: Duration::from_secs(1),
            ..policy()
        };
        let mut calls = 0;
        let result: Result<(), AepError> =
            with_retries(&policy, &Jitter::seeded(1), "GET /x", |remaining| {
                calls += 1;
                // The client's per-attempt timeout: 300 ms, or what is left of the budget.
                let limit = Duration::from_millis(300).min(remaining);
                async move {
                    tokio::time::sleep(limit).await;
                    Err(timeout(limit))
                }
            })
            .await;
        let Err(AepError::GaveUp { last, .. }) = result else {
            panic!("expected GaveUp, got {result:?}");
        };
        assert!(calls >= 2, "{calls} calls");
        assert!(
            matches!(*last, AepError::Timeout { timeout, .. } if timeout == Duration::from_millis(300)),
            "reported {last}"
        );
    }

    #[test]
    fn same_seed_same_delays() {
        let (a, b) = (Jitter::seeded(42), Jitter::seeded(42));
        let da: Vec<_> = (1..6).map(|r| policy().backoff(r, &a)).collect();
        let db: Vec<_> = (1..6).map(|r| policy().backoff(r, &b)).collect();
        assert_eq!(da, db);
        assert_ne!(Jitter::seeded(1).next_u64(), Jitter::seeded(2).next_u64());
        assert_ne!(Jitter::seeded(0).next_u64(), 0);
    }
}
