//! `cohort.v1.PricingService`: metadata membership ∪ cart audiences → domain cart →
//! engine → response. Pure: pricing never writes.

use std::sync::Arc;

use chrono::NaiveDate;
use chrono::Utc;
use cohort_aep::parse_membership_header;
use cohort_domain::coupon::Coupon;
use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, CartLimits};
use cohort_engine::{PriceOptions, RuleSet};
use cohort_proto::MEMBERSHIP_METADATA;
use cohort_proto::convert::{cart_from_proto, priced_to_proto};
use cohort_proto::v1::pricing_service_server::PricingService;
use cohort_proto::v1::{PriceCartRequest, PriceCartResponse};
use cohort_store::Store;
use tonic::{Request, Response, Status};

use crate::rules::LiveRules;
use crate::status;

pub struct Pricing {
    rules: Arc<LiveRules>,
    limits: CartLimits,
    store: Store,
    /// Tests only (`server.test_delay_header`).
    test_delay: bool,
}

impl Pricing {
    pub fn new(rules: Arc<LiveRules>, limits: CartLimits, store: Store) -> Self {
        Self {
            rules,
            limits,
            store,
            test_delay: false,
        }
    }

    /// Honour `cohort-test-delay-ms` (tests provoke deadlines and shedding with it).
    pub fn with_test_delay(mut self, on: bool) -> Self {
        self.test_delay = on;
        self
    }

    /// The usage pricing needs, read before pricing so the engine stays pure: coupon rows for
    /// the requested codes, and a logged-in customer's counts for those codes and for the
    /// rules that limit uses per customer. Nothing is read for a plain guest cart.
    async fn usage_view(&self, cart: &Cart, ruleset: &RuleSet) -> Result<UsageView, Status> {
        let mut view = UsageView::default();
        if !cart.coupon_codes.is_empty() {
            let rows = self
                .store
                .coupons_by_codes(&cart.coupon_codes)
                .await
                .map_err(status::store)?;
            for c in rows {
                view.insert_coupon(Coupon {
                    code: c.code,
                    rule_id: c.rule_id,
                    usage_limit: c.usage_limit,
                    usage_per_customer: c.usage_per_customer,
                    times_used: c.times_used,
                    expires_on: c
                        .expires_on
                        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                    generated: c.generated,
                });
            }
        }
        if let Some(customer) = &cart.customer_id {
            let limited = ruleset.customer_limited_rule_ids();
            if !limited.is_empty() || !cart.coupon_codes.is_empty() {
                let usage = self
                    .store
                    .customer_usage(customer, &cart.coupon_codes, limited)
                    .await
                    .map_err(status::store)?;
                for (code, n) in usage.coupons {
                    view.set_customer_coupon_uses(&code, n);
                }
                for (id, n) in usage.rules {
                    view.set_customer_rule_uses(id, n);
                }
            }
        }
        Ok(view)
    }
}

/// The ids of every `aep-segments-membership` value of the request.
fn membership(metadata: &tonic::metadata::MetadataMap, max: usize) -> Result<Vec<String>, Status> {
    let mut values = Vec::new();
    for value in metadata.get_all(MEMBERSHIP_METADATA) {
        let text = value.to_str().map_err(|_| {
            status::invalid_field(
                MEMBERSHIP_METADATA,
                "must be printable ASCII (URL-encode it)",
            )
        })?;
        values.push(text);
    }
    parse_membership_header(values, max)
        .map_err(|e| status::invalid_field(MEMBERSHIP_METADATA, e.to_string()))
}

#[tonic::async_trait]
impl PricingService for Pricing {
    async fn price_cart(
        &self,
        request: Request<PriceCartRequest>,
    ) -> Result<Response<PriceCartResponse>, Status> {
        if self.test_delay
            && let Some(ms) = request
                .metadata()
                .get("cohort-test-delay-ms")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
        {
            tokio::time::sleep(std::time::Duration::from_millis(ms.min(60_000))).await;
        }
        let header = membership(request.metadata(), self.limits.max_audiences)?;
        let req = request.into_inner();
        let ruleset = self.rules.current();
        let cart = cart_from_proto(
            req.cart.as_ref(),
            &header,
            Utc::now(),
            &self.limits,
            ruleset.websites(),
        )
        .map_err(|e| status::invalid_argument(&e))?;
        // In read-only file mode the database holds no rules, hence no coupon rows or usage.
        let usage = if self.rules.read_only() {
            UsageView::default()
        } else {
            self.usage_view(&cart, &ruleset).await?
        };
        let options = PriceOptions {
            explain: req.explain,
            store: None,
        };
        let priced = cohort_engine::price_with(&ruleset, &cart, &usage, &options);
        Ok(Response::new(priced_to_proto(priced)))
    }
}
