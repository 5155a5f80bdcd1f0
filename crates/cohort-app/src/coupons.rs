//! Coupons: Magento-style code generation (all or nothing), listing, and exact usage
//! counting (the store's conditional updates inside one transaction per order).

use cohort_domain::coupon::Coupon;
use cohort_domain::coupon::code_key;
use cohort_proto::convert::{code_spec_from_proto, rule_from_proto};
use cohort_proto::v1;
use cohort_store::{NewCoupons, UsageOutcome};

use crate::audit::{Action, Actor};
use crate::fields::{list_size, page_size, refuse, required, text_size};
use crate::rules::row_to_proto;
use crate::{App, AppError, ErrorKind};

/// How many codes a generation answer lists.
pub const LISTED_CODES: usize = 1000;
/// Fresh candidates asked for at a time when stored codes collide.
const BATCH: usize = 1000;

/// Random `u64`s straight from the OS, read 4 KiB at a time. Codes must not be guessable
/// from other codes, which a seeded PRNG such as xorshift would allow.
struct OsRandom {
    buf: [u8; 4096],
    pos: usize,
    /// Set if the OS stopped providing randomness; the batch is then refused.
    failed: bool,
}

impl OsRandom {
    fn new() -> Result<Self, AppError> {
        let mut r = Self {
            buf: [0; 4096],
            pos: 4096,
            failed: false,
        };
        r.refill()?;
        Ok(r)
    }

    fn refill(&mut self) -> Result<(), AppError> {
        getrandom::fill(&mut self.buf).map_err(|e| AppError::internal("no OS randomness", &e))?;
        self.pos = 0;
        Ok(())
    }

    fn next(&mut self) -> u64 {
        if self.pos + 8 > self.buf.len() && self.refill().is_err() {
            self.failed = true;
            return 0;
        }
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.buf[self.pos..self.pos + 8]);
        self.pos += 8;
        u64::from_le_bytes(word)
    }
}

/// What a generation stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub count: u32,
    /// The first [`LISTED_CODES`].
    pub codes: Vec<String>,
}

/// A page of a rule's coupons, in code order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponPage {
    pub coupons: Vec<Coupon>,
    pub next_page_token: String,
}

/// One order's usage, as RecordUsage sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderUsage<'a> {
    pub order_id: &'a str,
    /// Empty for a guest.
    pub customer_id: &'a str,
    pub rule_ids: &'a [u64],
    pub coupon_codes: &'a [String],
}

impl App {
    /// Generates `spec.quantity` unique codes for a rule and stores them all or nothing
    /// (one transaction: a deadline or a failure stores none, so a retry never
    /// over-generates).
    /// Recorded in the audit trail as `by`'s, with `request` (the codes are not recorded).
    pub async fn generate_coupons(
        &self,
        request: &v1::GenerateCouponsRequest,
        by: &Actor,
    ) -> Result<Generated, AppError> {
        let spec = &code_spec_from_proto(request)?;
        let rule_id = request.rule_id;
        spec.validate()?;
        let row = self.store.get_rule(rule_id).await?;
        let rule =
            row_to_proto(&row).map_err(|e| AppError::internal("stored rule is unreadable", &e))?;
        let domain =
            rule_from_proto(&rule).map_err(|e| AppError::internal("stored rule is invalid", &e))?;
        if !domain.accepts_generated_codes() {
            return Err(AppError::new(
                ErrorKind::FailedPrecondition,
                format!(
                    "rule {rule_id} does not take generated codes: it must be AUTO, or SPECIFIC with use_auto_generation"
                ),
            ));
        }
        let length = spec.effective_length();
        let mut os = OsRandom::new()?;
        // Every code of one call is unique among themselves; collisions with stored codes
        // are replaced inside the store's single transaction, so the call stores all or
        // nothing.
        let mut seen = std::collections::HashSet::with_capacity(spec.quantity as usize);
        let mut fresh = |n: usize| -> Vec<String> {
            let mut codes = Vec::with_capacity(n);
            let mut tries = 0usize;
            while codes.len() < n && !os.failed && tries < n.saturating_mul(100).max(1_000) {
                tries += 1;
                let code = spec.generate(length, &mut || os.next());
                if seen.insert(code_key(&code)) {
                    codes.push(code);
                }
            }
            codes
        };
        let first = fresh(spec.quantity as usize);
        let detail = crate::audit::generation_detail(request);
        let stored = self
            .store
            .insert_generated_coupons(
                &NewCoupons {
                    rule_id,
                    codes: &first,
                    usage_limit: domain.uses_per_coupon,
                    usage_per_customer: domain.uses_per_customer,
                    expires_on: domain.to_date.map(|d| d.to_string()),
                },
                spec.quantity as usize,
                &mut |n| fresh(n.min(BATCH)),
                &by.by(Action::GenerateCoupons, &detail),
            )
            .await;
        if os.failed {
            return Err(AppError::internal(
                "the OS stopped providing randomness",
                &"getrandom failed mid-generation",
            ));
        }
        let stored = stored?;
        // New codes: any code known to be missing may name one of them now.
        self.usage.flush();
        Ok(Generated {
            count: u32::try_from(stored.len()).unwrap_or(u32::MAX),
            codes: stored.into_iter().take(LISTED_CODES).collect(),
        })
    }

    /// A page of a rule's coupons; the token is the last code's key.
    pub async fn list_coupons(
        &self,
        rule_id: u64,
        page_size_asked: u32,
        page_token: &str,
    ) -> Result<CouponPage, AppError> {
        let mut v = Vec::new();
        text_size(&mut v, || "page_token".into(), page_token);
        refuse(v)?;
        let limit = page_size(page_size_asked)?;
        self.store.get_rule(rule_id).await?;
        let after = Some(page_token).filter(|t| !t.is_empty());
        let mut rows = self.store.list_coupons(rule_id, after, limit + 1).await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_page_token = match (more, rows.last()) {
            (true, Some(last)) => code_key(&last.code),
            _ => String::new(),
        };
        Ok(CouponPage {
            coupons: rows
                .into_iter()
                .map(crate::pricing::coupon_from_row)
                .collect(),
            next_page_token,
        })
    }

    /// Counts one placed order's rules and coupons, once per `order_id` (a repeat is not
    /// counted again: `false`). A limit already reached refuses the whole order.
    pub async fn record_usage(&self, usage: &OrderUsage<'_>) -> Result<bool, AppError> {
        required("order_id", usage.order_id)?;
        let mut v = Vec::new();
        text_size(&mut v, || "order_id".into(), usage.order_id);
        text_size(&mut v, || "customer_id".into(), usage.customer_id);
        list_size(&mut v, "rule_ids", usage.rule_ids.len());
        if list_size(&mut v, "coupon_codes", usage.coupon_codes.len()) {
            for (i, code) in usage.coupon_codes.iter().enumerate() {
                text_size(&mut v, || format!("coupon_codes[{i}]"), code);
            }
        }
        refuse(v)?;
        let customer = usage.customer_id.trim();
        let outcome = self
            .store
            .record_usage(usage.order_id, customer, usage.rule_ids, usage.coupon_codes)
            .await?;
        if outcome == UsageOutcome::Recorded {
            // This replica prices with the new counts from the answer on.
            self.refresh_usage(customer, usage.coupon_codes).await;
        }
        Ok(outcome == UsageOutcome::Recorded)
    }

    /// Releases what an order counted (a cancelled order); `false` if it counted nothing.
    pub async fn cancel_usage(&self, order_id: &str) -> Result<bool, AppError> {
        required("order_id", order_id)?;
        let mut v = Vec::new();
        text_size(&mut v, || "order_id".into(), order_id);
        refuse(v)?;
        let Some(released) = self.store.cancel_usage(order_id).await? else {
            return Ok(false);
        };
        self.refresh_usage(&released.customer_id, &released.codes)
            .await;
        Ok(true)
    }

    /// Refreshes the usage cache after this replica's committed write. The write stands
    /// whatever happens here; a failed re-read drops the cache instead (the next calls
    /// read the database).
    async fn refresh_usage(&self, customer_id: &str, codes: &[String]) {
        if let Err(e) = self.usage.refresh(customer_id, codes).await {
            tracing::warn!(error = %e, "usage cache refresh failed; dropping the usage cache");
            self.usage.flush();
        }
    }
}
