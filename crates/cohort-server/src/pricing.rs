//! `cohort.v1.PricingService`: the `aep-segments-membership` metadata → the app's pricing →
//! `PriceCartResponse`.

use std::sync::Arc;

use chrono::Utc;
use cohort_aep::parse_membership_header;
use cohort_app::App;
use cohort_proto::MEMBERSHIP_METADATA;
use cohort_proto::convert::priced_to_proto;
use cohort_proto::v1::pricing_service_server::PricingService;
use cohort_proto::v1::{PriceCartRequest, PriceCartResponse};
use tonic::{Request, Response, Status};

use crate::status;

pub struct Pricing {
    app: Arc<App>,
}

impl Pricing {
    pub fn new(app: Arc<App>) -> Self {
        Self { app }
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
        let header = membership(request.metadata(), self.app.limits.max_audiences)?;
        let priced = self
            .app
            .price_cart(request.get_ref(), &header, Utc::now())
            .await
            .map_err(status::grpc)?;
        Ok(Response::new(priced_to_proto(priced)))
    }
}
