//! Cross-cutting protection and observation as small tower layers, composed in one place
//! (`serve`): a per-RPC deadline (`grpc-timeout` respected, capped by config), load
//! shedding (calls beyond the concurrency limit get RESOURCE_EXHAUSTED at once instead of
//! queueing), and a span plus metrics per RPC (method, gRPC code, latency, rule set version).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http::{Request, Response};
use metrics::{Counter, Histogram};
use rustc_hash::FxHashMap;
use tokio::sync::Semaphore;
use tonic::Status;
use tower::{Layer, Service};

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

/// Parses a `grpc-timeout` header value (`100m`, `5S`, …; gRPC over HTTP/2 spec).
pub fn parse_grpc_timeout(v: &str) -> Option<Duration> {
    if v.len() < 2 || v.len() > 9 {
        return None;
    }
    let (digits, unit) = v.split_at(v.len() - 1);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// Health checks and reflection are infrastructure: an orchestrator's probe must not be
/// shed or cut short because the server is busy pricing (that would restart a pod that is
/// only busy), and `Health/Watch` is a long-lived stream. TLS still applies to them.
fn is_infrastructure<B>(req: &Request<B>) -> bool {
    let path = req.uri().path();
    path.starts_with("/grpc.health.v1.Health/") || path.starts_with("/grpc.reflection.")
}

/// How one call is to be run, as a protection decides it from the request: within a time
/// limit, after a delay, holding a permit; or not at all (the protection answers).
#[derive(Default)]
pub struct Plan {
    limit: Option<Duration>,
    delay: Option<Duration>,
    permit: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// A protection: from the request's path and headers, how to run the call, or the status to
/// answer with at once. [`Guarded`] carries the plan out, so each protection is only its
/// decision.
pub trait Protect: Clone + Send + Sync + 'static {
    fn plan(&self, path: &str, headers: &http::HeaderMap) -> Result<Plan, Status>;
}

/// The tower layer of a [`Protect`].
#[derive(Clone)]
pub struct ProtectLayer<P>(pub P);

impl<S, P: Clone> Layer<S> for ProtectLayer<P> {
    type Service = Guarded<S, P>;
    fn layer(&self, inner: S) -> Self::Service {
        Guarded {
            inner,
            protect: self.0.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Guarded<S, P> {
    inner: S,
    protect: P,
}

impl<S, P, B, RB> Service<Request<B>> for Guarded<S, P>
where
    S: Service<Request<B>, Response = Response<RB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    P: Protect,
    B: Send + 'static,
    RB: Default + Send + 'static,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        if is_infrastructure(&req) {
            return Box::pin(self.inner.call(req));
        }
        let plan = match self.protect.plan(req.uri().path(), req.headers()) {
            Ok(plan) => plan,
            Err(status) => return Box::pin(async move { Ok(status.into_http()) }),
        };
        let fut = self.inner.call(req);
        Box::pin(async move {
            let run = async {
                if let Some(delay) = plan.delay {
                    tokio::time::sleep(delay).await;
                }
                fut.await
            };
            let res = match plan.limit {
                None => run.await,
                Some(limit) => match tokio::time::timeout(limit, run).await {
                    Ok(res) => res,
                    Err(_) => Ok(Status::deadline_exceeded(format!(
                        "deadline of {} ms exceeded",
                        limit.as_millis()
                    ))
                    .into_http()),
                },
            };
            drop(plan.permit);
            res
        })
    }
}

/// Deadline: the smaller of the caller's `grpc-timeout` and `cap`; past it the call ends
/// with DEADLINE_EXCEEDED (tonic's own timeout answers CANCELLED, which callers would retry
/// differently).
#[derive(Clone)]
pub struct Deadline {
    pub cap: Duration,
}

pub type DeadlineLayer = ProtectLayer<Deadline>;

impl Protect for Deadline {
    fn plan(&self, _path: &str, headers: &http::HeaderMap) -> Result<Plan, Status> {
        let requested = headers
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_grpc_timeout);
        // Answer a little before the caller's own deadline (2 %, at least 1 ms): tonic's
        // transport runs a timer for the same header outside this layer, and it answers
        // CANCELLED; the caller's client does too. Finishing first gives the caller the
        // DEADLINE_EXCEEDED the gRPC spec asks for.
        let limit = requested.map_or(self.cap, |d| {
            d.saturating_sub((d / 50).max(Duration::from_millis(1)))
                .min(self.cap)
        });
        Ok(Plan {
            limit: Some(limit),
            ..Plan::default()
        })
    }
}

/// Tests only (`server.test_delay_header`): a PriceCart call carrying a
/// `cohort-test-delay-ms` metadata value waits that long (at most 60 s) before it is served,
/// so tests can provoke deadlines and load shedding. Composed innermost, inside the deadline
/// and the shedding it provokes, and only when the setting is on.
#[derive(Clone)]
pub struct TestDelay;

pub type TestDelayLayer = ProtectLayer<TestDelay>;

impl Protect for TestDelay {
    fn plan(&self, path: &str, headers: &http::HeaderMap) -> Result<Plan, Status> {
        let delay = (path == "/cohort.v1.PricingService/PriceCart")
            .then(|| headers.get("cohort-test-delay-ms"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .map(|ms| Duration::from_millis(ms.min(60_000)));
        Ok(Plan {
            delay,
            ..Plan::default()
        })
    }
}

/// Load shedding: at most `limit` calls in flight; the next one is refused at once.
#[derive(Clone)]
pub struct Shed {
    permits: Arc<Semaphore>,
    limit: usize,
}

pub type ShedLayer = ProtectLayer<Shed>;

impl Shed {
    pub fn layer(limit: usize) -> ShedLayer {
        let limit = limit.max(1);
        ProtectLayer(Self {
            permits: Arc::new(Semaphore::new(limit)),
            limit,
        })
    }
}

impl Protect for Shed {
    fn plan(&self, _path: &str, _headers: &http::HeaderMap) -> Result<Plan, Status> {
        let Ok(permit) = self.permits.clone().try_acquire_owned() else {
            metrics::counter!("cohort_load_shed_total").increment(1);
            return Err(Status::resource_exhausted(format!(
                "server busy: {} calls in flight; retry with backoff",
                self.limit
            )));
        };
        Ok(Plan {
            permit: Some(permit),
            ..Plan::default()
        })
    }
}

/// A tracing span and metrics per RPC. The gRPC code comes from the response headers: tonic
/// sends errors as trailers-only responses, so a missing `grpc-status` header means OK.
#[derive(Clone)]
pub struct ObserveLayer {
    ruleset_version: Arc<dyn Fn() -> u64 + Send + Sync>,
    methods: Arc<RpcMethods>,
}

impl ObserveLayer {
    pub fn new(ruleset_version: Arc<dyn Fn() -> u64 + Send + Sync>, methods: RpcMethods) -> Self {
        Self {
            ruleset_version,
            methods: Arc::new(methods),
        }
    }
}

/// The methods the server serves, each with its metric handles registered on first use.
/// Any other path is counted as `method="unknown"`: paths come from unauthenticated
/// callers, and one series per distinct path would let them grow the metrics without
/// bound. Handles are looked up once per (method, code), not per call.
pub struct RpcMethods {
    /// Keyed by request path (`/cohort.v1.PricingService/PriceCart`).
    known: FxHashMap<String, Arc<MethodMetrics>>,
    unknown: Arc<MethodMetrics>,
}

struct MethodMetrics {
    /// `cohort.v1.PricingService/PriceCart`, the `method` label.
    name: Arc<str>,
    /// Per gRPC code (0..=16): requests counter and duration histogram.
    by_code: [OnceLock<(Counter, Histogram)>; 17],
}

impl MethodMetrics {
    fn new(name: &str) -> Arc<Self> {
        Arc::new(MethodMetrics {
            name: Arc::from(name),
            by_code: std::array::from_fn(|_| OnceLock::new()),
        })
    }

    fn handles(&self, code: tonic::Code) -> &(Counter, Histogram) {
        self.by_code[code as usize].get_or_init(|| {
            let labels = [
                ("method", self.name.to_string()),
                ("code", code_name(code).to_owned()),
            ];
            (
                metrics::counter!("cohort_rpc_requests_total", &labels),
                metrics::histogram!("cohort_rpc_duration_seconds", &labels),
            )
        })
    }
}

impl RpcMethods {
    /// Every method of the services in these encoded `FileDescriptorSet`s, plus `extra`
    /// full method names (`package.Service/Method`). Undecodable sets add nothing.
    pub fn new(descriptor_sets: &[&[u8]], extra: &[&str]) -> Self {
        let mut names: Vec<String> = extra.iter().map(|m| (*m).to_owned()).collect();
        for bytes in descriptor_sets {
            let Ok(set) = <prost_types::FileDescriptorSet as prost::Message>::decode(*bytes) else {
                continue;
            };
            for file in &set.file {
                let package = file.package();
                for service in &file.service {
                    let service_name = if package.is_empty() {
                        service.name().to_owned()
                    } else {
                        format!("{package}.{}", service.name())
                    };
                    for method in &service.method {
                        names.push(format!("{service_name}/{}", method.name()));
                    }
                }
            }
        }
        RpcMethods {
            known: names
                .iter()
                .map(|n| (format!("/{n}"), MethodMetrics::new(n)))
                .collect(),
            unknown: MethodMetrics::new("unknown"),
        }
    }

    fn get(&self, path: &str) -> Arc<MethodMetrics> {
        Arc::clone(self.known.get(path).unwrap_or(&self.unknown))
    }
}

impl<S> Layer<S> for ObserveLayer {
    type Service = Observe<S>;
    fn layer(&self, inner: S) -> Self::Service {
        Observe {
            inner,
            layer: self.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Observe<S> {
    inner: S,
    layer: ObserveLayer,
}

pub fn code_name(code: tonic::Code) -> &'static str {
    match code {
        tonic::Code::Ok => "OK",
        tonic::Code::Cancelled => "CANCELLED",
        tonic::Code::Unknown => "UNKNOWN",
        tonic::Code::InvalidArgument => "INVALID_ARGUMENT",
        tonic::Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        tonic::Code::NotFound => "NOT_FOUND",
        tonic::Code::AlreadyExists => "ALREADY_EXISTS",
        tonic::Code::PermissionDenied => "PERMISSION_DENIED",
        tonic::Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        tonic::Code::FailedPrecondition => "FAILED_PRECONDITION",
        tonic::Code::Aborted => "ABORTED",
        tonic::Code::OutOfRange => "OUT_OF_RANGE",
        tonic::Code::Unimplemented => "UNIMPLEMENTED",
        tonic::Code::Internal => "INTERNAL",
        tonic::Code::Unavailable => "UNAVAILABLE",
        tonic::Code::DataLoss => "DATA_LOSS",
        tonic::Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

impl<S, B, RB> Service<Request<B>> for Observe<S>
where
    S: Service<Request<B>, Response = Response<RB>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: std::fmt::Display,
    B: Send + 'static,
    RB: Send + 'static,
{
    type Response = Response<RB>;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let method = self.layer.methods.get(req.uri().path());
        let version = (self.layer.ruleset_version)();
        let span = tracing::info_span!("rpc", method = %method.name, ruleset_version = version, code = tracing::field::Empty, latency_us = tracing::field::Empty);
        let started = Instant::now();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let mut res = tracing::Instrument::instrument(fut, span.clone()).await;
            if let Ok(r) = &mut res {
                undecodable_is_invalid_argument(r.headers_mut());
            }
            let elapsed = started.elapsed();
            let code = match &res {
                Ok(r) => r
                    .headers()
                    .get("grpc-status")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<i32>().ok())
                    .unwrap_or(0),
                Err(_) => 2,
            };
            let code = tonic::Code::from_i32(code);
            let (requests, duration) = method.handles(code);
            requests.increment(1);
            duration.record(elapsed.as_secs_f64());
            let code = code_name(code);
            span.record("code", code);
            span.record("latency_us", elapsed.as_micros() as u64);
            span.in_scope(|| match &res {
                Ok(_) if code == "OK" => {
                    tracing::debug!(latency_us = elapsed.as_micros() as u64, "rpc")
                }
                Ok(_) => tracing::info!(code, latency_us = elapsed.as_micros() as u64, "rpc"),
                Err(e) => tracing::warn!(error = %e, "rpc failed"),
            });
            res
        })
    }
}

/// tonic answers a request it cannot decode (malformed bytes, or nesting beyond prost's
/// 100-message recursion limit) with INTERNAL, as gRPC's status table has it for a server
/// that fails to parse. The input is the caller's fault, and every refusal of bad input here
/// is INVALID_ARGUMENT; prost's message names the path (`CreateRuleRequest.rule: …`).
fn undecodable_is_invalid_argument(headers: &mut http::HeaderMap) {
    const PREFIX: &str = "failed to decode Protobuf message";
    if headers
        .get("grpc-status")
        .is_none_or(|v| v.as_bytes() != b"13")
    {
        return;
    }
    let Some(message) = headers
        .get("grpc-message")
        .and_then(|v| v.to_str().ok())
        .map(|m| {
            percent_encoding::percent_decode_str(m)
                .decode_utf8_lossy()
                .into_owned()
        })
    else {
        return;
    };
    let Some(rest) = message.strip_prefix(PREFIX) else {
        return;
    };
    // prost lists the path innermost first: "Condition.kind: …: CartPriceRule.conditions:
    // CreateRuleRequest.rule: <what went wrong>". The field is its outermost three steps.
    let rest = rest.trim_start_matches(':').trim();
    let steps: Vec<&str> = rest.split(": ").collect();
    let path = &steps[..steps.len().saturating_sub(1)];
    let mut outermost: Vec<&str> = path.iter().rev().take(3).copied().collect();
    if path.len() > 3 {
        outermost.push("…");
    }
    let field = if outermost.is_empty() {
        "request".to_owned()
    } else {
        outermost.join(" > ")
    };
    let mut details = tonic_types::ErrorDetails::new();
    details.add_bad_request_violation(field, rest);
    let status = <Status as tonic_types::StatusExt>::with_error_details(
        tonic::Code::InvalidArgument,
        message.clone(),
        details,
    );
    let fresh = status.into_http::<()>().into_parts().0.headers;
    for name in ["grpc-status", "grpc-message", "grpc-status-details-bin"] {
        headers.remove(name);
    }
    headers.extend(fresh);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecodable_requests_are_invalid_arguments() {
        let mut headers =
            Status::internal("failed to decode Protobuf message: recursion limit reached")
                .into_http::<()>()
                .into_parts()
                .0
                .headers;
        undecodable_is_invalid_argument(&mut headers);
        assert_eq!(headers["grpc-status"], "3");
        assert!(headers.contains_key("grpc-status-details-bin"));
        let mut other = Status::internal("database failure")
            .into_http::<()>()
            .into_parts()
            .0
            .headers;
        undecodable_is_invalid_argument(&mut other);
        assert_eq!(other["grpc-status"], "13");
    }

    #[test]
    fn grpc_timeouts_parse() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("5S"), Some(Duration::from_secs(5)));
        assert_eq!(parse_grpc_timeout("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_grpc_timeout("1x"), None);
        assert_eq!(parse_grpc_timeout("123456789S"), None);
        assert_eq!(parse_grpc_timeout("m"), None);
    }

    #[test]
    fn known_methods_come_from_the_descriptors_and_the_rest_is_unknown() {
        let methods = RpcMethods::new(
            &[cohort_proto::FILE_DESCRIPTOR_SET],
            &["grpc.health.v1.Health/Check"],
        );
        assert_eq!(
            &*methods.get("/cohort.v1.PricingService/PriceCart").name,
            "cohort.v1.PricingService/PriceCart"
        );
        assert_eq!(
            &*methods.get("/grpc.health.v1.Health/Check").name,
            "grpc.health.v1.Health/Check"
        );
        assert_eq!(&*methods.get("/x.Y/Z").name, "unknown");
        assert_eq!(
            &*methods.get("/cohort.v1.PricingService/Nope").name,
            "unknown"
        );
        assert!(methods.known.len() > 10, "{}", methods.known.len());
    }
}
