//! `cohort.v1.PricingService`: metadata membership ∪ cart audiences → domain cart →
//! engine → response. Pure: pricing never writes.

use std::sync::Arc;

use chrono::Utc;
use cohort_aep::parse_membership_header;
use cohort_domain::CartLimits;
use cohort_domain::usage::UsageView;
use cohort_engine::PriceOptions;
use cohort_proto::MEMBERSHIP_METADATA;
use cohort_proto::convert::{cart_from_proto, priced_to_proto};
use cohort_proto::v1::pricing_service_server::PricingService;
use cohort_proto::v1::{PriceCartRequest, PriceCartResponse};
use tonic::{Request, Response, Status};

use crate::rules::LiveRules;
use crate::status;

pub struct Pricing {
    rules: Arc<LiveRules>,
    limits: CartLimits,
}

impl Pricing {
    pub fn new(rules: Arc<LiveRules>, limits: CartLimits) -> Self {
        Self { rules, limits }
    }
}

/// The ids of every `aep-segments-membership` value of the request.
fn membership(
    metadata: &tonic::metadata::MetadataMap,
    max: usize,
) -> Result<Vec<String>, Status> {
    let mut values = Vec::new();
    for value in metadata.get_all(MEMBERSHIP_METADATA) {
        let text = value.to_str().map_err(|_| {
            status::invalid_field(MEMBERSHIP_METADATA, "must be printable ASCII (URL-encode it)")
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
        let usage = UsageView::default();
        let options = PriceOptions {
            explain: req.explain,
            store: None,
        };
        let priced = cohort_engine::price_with(&ruleset, &cart, &usage, &options);
        Ok(Response::new(priced_to_proto(&priced)))
    }
}
