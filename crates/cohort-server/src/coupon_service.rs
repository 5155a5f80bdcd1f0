//! `cohort.v1.CouponService`: Magento-style code generation, listing, and exact usage
//! counting (the store's conditional updates do the counting).

use cohort_domain::coupon_codes::{CodeSpec, CouponFormat, DEFAULT_LENGTH};
use cohort_proto::v1;
use cohort_proto::v1::coupon_service_server::CouponService;
use cohort_store::{NewCoupons, Store, UsageOutcome};
use tonic::{Request, Response, Status};

use crate::rule_service::page_size;
use crate::rules::row_to_proto;
use crate::status;

pub struct Coupons {
    store: Store,
}

impl Coupons {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

/// How many codes a response lists.
const LISTED_CODES: usize = 1000;
/// Codes inserted per transaction: bounds memory and lock time for 250,000-code requests.
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
    fn new() -> Result<Self, Status> {
        let mut r = Self {
            buf: [0; 4096],
            pos: 4096,
            failed: false,
        };
        r.refill()?;
        Ok(r)
    }

    fn refill(&mut self) -> Result<(), Status> {
        getrandom::fill(&mut self.buf).map_err(|e| status::internal("no OS randomness", &e))?;
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

/// Generates `spec.quantity` unique codes for a rule and stores them all or nothing (one
/// transaction: a deadline or a failure stores none, so a retry never over-generates);
/// returns how many were stored and the first 1,000. Shared by the gRPC service and the CLI.
pub async fn generate_coupons(
    store: &Store,
    rule_id: u64,
    spec: &CodeSpec,
) -> Result<(u32, Vec<String>), Status> {
    spec.validate().map_err(|e| status::invalid_argument(&e))?;
    let row = store.get_rule(rule_id).await.map_err(status::store)?;
    let rule = row_to_proto(&row).map_err(|e| status::internal("stored rule is unreadable", &e))?;
    let domain = cohort_proto::convert::rule_from_proto(&rule)
        .map_err(|e| status::internal("stored rule is invalid", &e))?;
    if !domain.accepts_generated_codes() {
        return Err(Status::failed_precondition(format!(
            "rule {rule_id} does not take generated codes: it must be AUTO, or SPECIFIC with use_auto_generation"
        )));
    }
    let length = spec.effective_length();
    let mut os = OsRandom::new()?;
    // Every code of one call is unique among themselves; collisions with stored codes are
    // replaced inside the store's single transaction, so the call stores all or nothing.
    let mut seen = std::collections::HashSet::with_capacity(spec.quantity as usize);
    let mut fresh = |n: usize| -> Vec<String> {
        let mut codes = Vec::with_capacity(n);
        let mut tries = 0usize;
        while codes.len() < n && !os.failed && tries < n.saturating_mul(100).max(1_000) {
            tries += 1;
            let code = spec.generate(length, &mut || os.next());
            if seen.insert(cohort_domain::coupon::code_key(&code)) {
                codes.push(code);
            }
        }
        codes
    };
    let first = fresh(spec.quantity as usize);
    let stored = store
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
        )
        .await;
    if os.failed {
        return Err(Status::internal("the OS stopped providing randomness"));
    }
    let stored = stored.map_err(status::store)?;
    let count = u32::try_from(stored.len()).unwrap_or(u32::MAX);
    let listed = stored.into_iter().take(LISTED_CODES).collect();
    Ok((count, listed))
}

pub fn code_spec(req: &v1::GenerateCouponsRequest) -> Result<CodeSpec, Status> {
    let format = match v1::CouponFormat::try_from(req.format) {
        Ok(v1::CouponFormat::Unspecified | v1::CouponFormat::Alphanumeric) => {
            CouponFormat::Alphanumeric
        }
        Ok(v1::CouponFormat::Alphabetic) => CouponFormat::Alphabetic,
        Ok(v1::CouponFormat::Numeric) => CouponFormat::Numeric,
        Err(_) => {
            return Err(status::invalid_field(
                "format",
                format!("unknown enum value {}", req.format),
            ));
        }
    };
    Ok(CodeSpec {
        quantity: req.quantity,
        length: if req.length == 0 {
            DEFAULT_LENGTH
        } else {
            req.length
        },
        format,
        prefix: req.prefix.clone(),
        suffix: req.suffix.clone(),
        dash_every: req.dash_every,
        delimiter: if req.delimiter.is_empty() {
            "-".into()
        } else {
            req.delimiter.clone()
        },
    })
}

#[tonic::async_trait]
impl CouponService for Coupons {
    async fn generate_coupons(
        &self,
        request: Request<v1::GenerateCouponsRequest>,
    ) -> Result<Response<v1::GenerateCouponsResponse>, Status> {
        let req = request.into_inner();
        let spec = code_spec(&req)?;
        let (generated, codes) = generate_coupons(&self.store, req.rule_id, &spec).await?;
        Ok(Response::new(v1::GenerateCouponsResponse {
            generated,
            codes,
        }))
    }

    async fn list_coupons(
        &self,
        request: Request<v1::ListCouponsRequest>,
    ) -> Result<Response<v1::ListCouponsResponse>, Status> {
        let req = request.into_inner();
        let limit = page_size(req.page_size)?;
        self.store
            .get_rule(req.rule_id)
            .await
            .map_err(status::store)?;
        let after = Some(req.page_token.as_str()).filter(|t| !t.is_empty());
        let mut rows = self
            .store
            .list_coupons(req.rule_id, after, limit + 1)
            .await
            .map_err(status::store)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_page_token = match (more, rows.last()) {
            (true, Some(last)) => cohort_domain::coupon::code_key(&last.code),
            _ => String::new(),
        };
        Ok(Response::new(v1::ListCouponsResponse {
            coupons: rows
                .into_iter()
                .map(|c| v1::Coupon {
                    code: c.code,
                    rule_id: c.rule_id,
                    usage_limit: c.usage_limit,
                    usage_per_customer: c.usage_per_customer,
                    times_used: c.times_used,
                    expires_on: c.expires_on.unwrap_or_default(),
                    generated: c.generated,
                })
                .collect(),
            next_page_token,
        }))
    }

    async fn record_usage(
        &self,
        request: Request<v1::RecordUsageRequest>,
    ) -> Result<Response<v1::RecordUsageResponse>, Status> {
        let req = request.into_inner();
        if req.order_id.trim().is_empty() {
            return Err(status::invalid_field("order_id", "is required"));
        }
        let mut v = Vec::new();
        status::text_size(&mut v, || "order_id".into(), &req.order_id);
        status::text_size(&mut v, || "customer_id".into(), &req.customer_id);
        status::list_size(&mut v, "rule_ids", req.rule_ids.len());
        if status::list_size(&mut v, "coupon_codes", req.coupon_codes.len()) {
            for (i, code) in req.coupon_codes.iter().enumerate() {
                status::text_size(&mut v, || format!("coupon_codes[{i}]"), code);
            }
        }
        status::refuse(v)?;
        let outcome = self
            .store
            .record_usage(
                &req.order_id,
                req.customer_id.trim(),
                &req.rule_ids,
                &req.coupon_codes,
            )
            .await
            .map_err(status::store)?;
        if outcome == UsageOutcome::Recorded {
            metrics::counter!("cohort_usage_records_total").increment(1);
        }
        Ok(Response::new(v1::RecordUsageResponse {
            recorded: outcome == UsageOutcome::Recorded,
        }))
    }

    async fn cancel_usage(
        &self,
        request: Request<v1::CancelUsageRequest>,
    ) -> Result<Response<v1::CancelUsageResponse>, Status> {
        let req = request.into_inner();
        if req.order_id.trim().is_empty() {
            return Err(status::invalid_field("order_id", "is required"));
        }
        let mut v = Vec::new();
        status::text_size(&mut v, || "order_id".into(), &req.order_id);
        status::refuse(v)?;
        let released = self
            .store
            .cancel_usage(&req.order_id)
            .await
            .map_err(status::store)?;
        Ok(Response::new(v1::CancelUsageResponse { released }))
    }
}
