//! `cohort.v1.PricingService`: the membership metadata (`aep-segments-membership`,
//! `cohort-membership-token`) and the caller's bearer → the app's pricing →
//! `PriceCartResponse` with its `membership`.

use std::sync::Arc;

use chrono::Utc;
use cohort_aep::parse_membership_header;
use cohort_app::{App, MembershipInput};
use cohort_proto::convert::{membership_to_proto, priced_to_proto};
use cohort_proto::v1::pricing_service_server::PricingService;
use cohort_proto::v1::{PriceCartRequest, PriceCartResponse};
use cohort_proto::{MEMBERSHIP_METADATA, MEMBERSHIP_TOKEN_METADATA};
use tonic::metadata::MetadataMap;
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
fn membership(metadata: &MetadataMap, max: usize) -> Result<Vec<String>, Status> {
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

/// The one `cohort-membership-token` value, if sent.
fn token(metadata: &MetadataMap) -> Result<Option<&str>, Status> {
    let mut values = metadata.get_all(MEMBERSHIP_TOKEN_METADATA).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(status::invalid_field(
            MEMBERSHIP_TOKEN_METADATA,
            "must be sent once",
        ));
    }
    let text = first
        .to_str()
        .map_err(|_| status::invalid_field(MEMBERSHIP_TOKEN_METADATA, "must be printable ASCII"))?
        .trim();
    Ok((!text.is_empty()).then_some(text))
}

/// The caller's bearer token (already checked by the auth interceptor when pricing tokens
/// are configured).
fn bearer(metadata: &MetadataMap) -> Option<&str> {
    let value = metadata.get("authorization")?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
}

#[tonic::async_trait]
impl PricingService for Pricing {
    async fn price_cart(
        &self,
        request: Request<PriceCartRequest>,
    ) -> Result<Response<PriceCartResponse>, Status> {
        let metadata = request.metadata();
        let header = membership(metadata, self.app.limits.max_audiences)?;
        let input = MembershipInput {
            header: &header,
            token: token(metadata)?,
            trusted: bearer(metadata).is_some_and(|b| self.app.membership.is_trusted(b)),
        };
        let quote = self
            .app
            .price_cart(request.get_ref(), &input, Utc::now())
            .await
            .map_err(status::grpc)?;
        let mut response = priced_to_proto(quote.priced);
        response.membership = Some(membership_to_proto(quote.membership));
        Ok(Response::new(response))
    }
}
