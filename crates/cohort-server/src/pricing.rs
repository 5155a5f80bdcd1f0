//! `cohort.v1.PricingService`: the membership metadata (`aep-segments-membership`,
//! `cohort-membership-token`) and the caller's bearer → the app's pricing →
//! `PriceCartResponse` with its `membership`, written to the wire straight from the quote
//! (`cohort_proto::convert::encode_priced`) by this module's own service and codec, instead
//! of the generated `PricingServiceServer` (which would build the response's strings first).

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use chrono::Utc;
use cohort_aep::parse_membership_header;
use cohort_app::{App, MembershipInput, Quote};
use cohort_proto::convert::encode_priced;
use cohort_proto::v1::PriceCartRequest;
use cohort_proto::{MEMBERSHIP_METADATA, MEMBERSHIP_TOKEN_METADATA};
use tonic::codec::{BufferSettings, Codec, EncodeBuf, Encoder};
use tonic::codegen::{Body, BoxFuture, Service, StdError};
use tonic::metadata::MetadataMap;
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstDecoder;

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

impl Pricing {
    async fn price_cart(&self, request: Request<PriceCartRequest>) -> Result<Quote, Status> {
        let (metadata, _, message) = request.into_parts();
        let metadata = &metadata;
        let header = membership(metadata, self.app.limits.max_audiences)?;
        let input = MembershipInput {
            header: &header,
            token: token(metadata)?,
            trusted: bearer(metadata).is_some_and(|b| self.app.membership.is_trusted(b)),
        };
        self.app
            .price_cart(message, &input, Utc::now())
            .await
            .map_err(status::grpc)
    }
}

/// The PriceCart path, the only method of `cohort.v1.PricingService`.
const PRICE_CART: &str = "/cohort.v1.PricingService/PriceCart";

/// `cohort.v1.PricingService` as a tower service (what the generated server does, with
/// [`QuoteCodec`]): requests decoded by prost, answers encoded from the quote.
#[derive(Clone)]
pub struct PricingServer {
    pricing: Arc<Pricing>,
    max_decoding_message_size: usize,
}

impl PricingServer {
    pub fn new(pricing: Pricing, max_decoding_message_size: usize) -> Self {
        Self {
            pricing: Arc::new(pricing),
            max_decoding_message_size,
        }
    }
}

impl NamedService for PricingServer {
    const NAME: &'static str = "cohort.v1.PricingService";
}

impl<B> Service<http::Request<B>> for PricingServer
where
    B: Body + Send + 'static,
    B::Error: Into<StdError> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        if req.uri().path() != PRICE_CART {
            return Box::pin(async { Ok(unimplemented()) });
        }
        let method = PriceCart(Arc::clone(&self.pricing));
        let max = self.max_decoding_message_size;
        Box::pin(async move {
            let mut grpc = Grpc::new(QuoteCodec).apply_max_message_size_config(Some(max), None);
            Ok(grpc.unary(method, req).await)
        })
    }
}

/// gRPC's answer to a method the service does not have.
fn unimplemented() -> http::Response<tonic::body::Body> {
    let mut response = http::Response::new(tonic::body::Body::default());
    let headers = response.headers_mut();
    headers.insert(
        Status::GRPC_STATUS,
        (tonic::Code::Unimplemented as i32).into(),
    );
    headers.insert(
        http::header::CONTENT_TYPE,
        tonic::metadata::GRPC_CONTENT_TYPE,
    );
    response
}

struct PriceCart(Arc<Pricing>);

impl UnaryService<PriceCartRequest> for PriceCart {
    type Response = Quote;
    type Future = BoxFuture<Response<Quote>, Status>;

    fn call(&mut self, request: Request<PriceCartRequest>) -> Self::Future {
        let pricing = Arc::clone(&self.0);
        Box::pin(async move { pricing.price_cart(request).await.map(Response::new) })
    }
}

/// `PriceCartRequest` in through prost; the quote out as `PriceCartResponse` bytes.
struct QuoteCodec;

impl Codec for QuoteCodec {
    type Encode = Quote;
    type Decode = PriceCartRequest;
    type Encoder = QuoteEncoder;
    type Decoder = ProstDecoder<PriceCartRequest>;

    fn encoder(&mut self) -> Self::Encoder {
        QuoteEncoder
    }

    fn decoder(&mut self) -> Self::Decoder {
        ProstDecoder::default()
    }
}

struct QuoteEncoder;

impl Encoder for QuoteEncoder {
    type Item = Quote;
    type Error = Status;

    fn encode(&mut self, quote: Quote, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        encode_priced(&quote.priced, Some(&quote.membership), dst);
        Ok(())
    }

    /// An answer for a 20-line cart is ~10 KiB: start with room for it rather than
    /// tonic's 8 KiB and a copy into 16.
    fn buffer_settings(&self) -> BufferSettings {
        BufferSettings::new(16 * 1024, 32 * 1024)
    }
}
