//! Builds the server: opens and migrates the database, loads the rule set, then serves
//! PricingService, RuleService, CouponService, AudienceService (and the periodic audience
//! sync), health and reflection until SIGINT/SIGTERM, draining in-flight calls.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use cohort_aep::AepClient;
use cohort_app::{App, AppConfig};
use cohort_proto::v1::audience_service_server::AudienceServiceServer;
use cohort_proto::v1::coupon_service_server::CouponServiceServer;
use cohort_proto::v1::rule_service_server::RuleServiceServer;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::server::Router;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};
use tonic_health::ServingStatus;
use tonic_health::pb::health_server::{Health, HealthServer};
use tonic_health::server::HealthReporter;
use tower::ServiceBuilder;
use tower::layer::util::{Identity as NoLayer, Stack};

use crate::audience_service::Audiences;
use crate::auth::{Role, Tokens};
use crate::config::Config;
use crate::coupon_service::Coupons;
use crate::layers::{
    Deadline, DeadlineLayer, ObserveLayer, ProtectLayer, RpcMethods, Shed, ShedLayer, TestDelay,
    TestDelayLayer,
};
use crate::pricing::{Pricing, PricingServer};
use crate::rule_service::Rules;
use tower::util::Either;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("configuration: {0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Open(#[from] cohort_app::OpenError),
    #[error("aep: {0}")]
    Aep(#[from] cohort_aep::AepError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("reflection: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("tls: {0}")]
    Tls(String),
    #[error("transport: {0}")]
    Transport(#[from] tonic::transport::Error),
}

/// A prepared server: database migrated, rules loaded, socket bound.
pub struct Server {
    config: Config,
    app: Arc<App>,
    listener: TcpListener,
    /// The console's listener, when `console.addr` is set.
    console: Option<TcpListener>,
}

/// The AEP client when AEP is configured. Credentials are checked here (no network call): a
/// typo fails start-up, not the first sync.
pub fn aep_client(config: &Config) -> Result<Option<AepClient>, ServeError> {
    if !config.aep.is_configured() {
        return Ok(None);
    }
    Ok(Some(AepClient::new(config.aep.clone())?))
}

/// Opens the application a configuration describes: the database and the rule set (or the
/// read-only rules file), with `aep` for syncs. Shared by the server and the CLI's database
/// commands.
pub async fn open_app(config: &Config, aep: Option<AepClient>) -> Result<App, ServeError> {
    let app = App::open(
        AppConfig {
            database_url: &config.database.url,
            websites: config.websites()?,
            rules_file: config.rules.file.as_deref(),
            limits: config.cart_limits(),
            max_rule_nodes: config.limits.max_rule_nodes,
            membership: &config.membership,
            usage_cache: config.usage_cache,
        },
        aep,
    )
    .await?;
    Ok(app)
}

impl Server {
    pub async fn prepare(config: Config) -> Result<Server, ServeError> {
        let app = Arc::new(open_app(&config, aep_client(&config)?).await?);
        let addr = config.server.addr;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let console = match config.console.addr {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .map_err(|source| ServeError::Bind { addr, source })?,
            ),
            None => None,
        };
        Ok(Server {
            config,
            app,
            listener,
            console,
        })
    }

    /// The bound address (resolves port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The console's bound address, when it is on.
    pub fn console_addr(&self) -> Option<SocketAddr> {
        self.console.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// The console on its own task: the same `App`, the admin tokens to sign in with; over
    /// TLS with the gRPC port's certificate when the server has one.
    fn spawn_console(&mut self, tls: Option<Arc<rustls::ServerConfig>>) -> Option<JoinHandle<()>> {
        let listener = self.console.take()?;
        let router = cohort_console::router(
            Arc::clone(&self.app),
            cohort_console::Settings {
                admin_tokens: self.config.auth.admin_tokens.clone(),
                admin_open: self.config.auth.admin_open,
                secure_cookies: self.config.server.tls_cert.is_some(),
                session_ttl: self.config.console.session_ttl,
            },
        );
        Some(tokio::spawn(async move {
            let served = match tls {
                None => axum::serve(listener, router).await,
                Some(tls) => match listener.into_std() {
                    Ok(std_listener) => match axum_server::tls_rustls::from_tcp_rustls(
                        std_listener,
                        axum_server::tls_rustls::RustlsConfig::from_config(tls),
                    ) {
                        Ok(server) => server.serve(router.into_make_service()).await,
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(e),
                },
            };
            if let Err(e) = served {
                tracing::error!(error = %e, "console stopped");
            }
        }))
    }

    /// Serves until `shutdown` resolves, then drains for at most the configured grace.
    pub async fn run(
        mut self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let (health, health_service) = tonic_health::server::health_reporter();
        let tokens = self.tokens();
        // Built first: a reflection or TLS failure stops start-up before any task runs.
        let router = self.router(health_service, &tokens)?;
        let console_tls = match self.console {
            Some(_) => console_tls(&self.config.server)?,
            None => None,
        };
        crate::metrics::init();
        let metrics_task = self.spawn_metrics();
        let console_task = self.spawn_console(console_tls);
        let periodic_sync = self.spawn_background();
        // Migrations ran and the rule set is loaded: ready.
        set_health(&health, ServingStatus::Serving).await;
        let (signal, drained) = self.drain_on(shutdown, health);
        // TCP_NODELAY: a unary gRPC answer is several small writes (headers, data,
        // trailers); with Nagle's algorithm the last waits for the client's delayed ACK
        // (~40 ms on Linux), which showed up as a 40 ms tail in `cargo xtask bench service`.
        let incoming = TcpIncoming::from(self.listener).with_nodelay(Some(true));
        let served = router.serve_with_incoming_shutdown(incoming, signal);
        let grace = Duration::from_secs(self.config.server.shutdown_grace_secs);
        tokio::pin!(served);
        tokio::select! {
            res = &mut served => res?,
            _ = async {
                let _ = drained.await;
                tokio::time::sleep(grace).await;
            } => {
                tracing::warn!("grace period over; closing the remaining connections");
            }
        }
        for task in [periodic_sync, metrics_task, console_task]
            .into_iter()
            .flatten()
        {
            task.abort();
        }
        self.app.close().await;
        Ok(())
    }

    fn tokens(&self) -> Tokens {
        let tokens = Tokens::new(
            self.config.auth.admin_tokens.clone(),
            self.config.auth.pricing_tokens.clone(),
            self.config.auth.admin_open,
        );
        if tokens.admin_open() {
            tracing::warn!(
                "auth.admin_open: rule, coupon and audience services are open to anyone"
            );
        } else if tokens.admin_closed() {
            tracing::warn!(
                "auth.admin_tokens is empty: rule, coupon and audience services refuse every \
                 call (set admin tokens, or auth.admin_open = true)"
            );
        }
        tokens
    }

    fn spawn_metrics(&self) -> Option<JoinHandle<()>> {
        self.config.metrics.addr.map(|addr| {
            let app = self.app.clone();
            tokio::spawn(async move {
                if let Err(e) = crate::metrics::serve(addr, app).await {
                    tracing::error!(%addr, error = %e, "metrics endpoint failed");
                }
            })
        })
    }

    /// The rule watcher, the usage cache's follower, and the periodic audience sync (its first run starts now, in the
    /// background: pricing does not wait for it).
    fn spawn_background(&self) -> Option<JoinHandle<()>> {
        tracing::info!(mode = ?self.app.membership.mode(), "membership source");
        let app = Arc::clone(&self.app);
        tokio::spawn(async move { app.membership.warm_up().await });
        let poll = Duration::from_millis(self.config.database.poll_interval_ms.max(50));
        self.app.rules.spawn_watcher(poll);
        if !self.app.rules.read_only() {
            self.app.usage.spawn_follower(poll);
        }
        let periodic_sync = self
            .app
            .syncer
            .clone()
            .spawn_periodic(self.config.aep.sync_interval);
        if periodic_sync.is_none() {
            tracing::info!(
                "aep is not configured: no audience sync (audiences import still works)"
            );
        }
        periodic_sync
    }

    /// The shutdown future the transport serves until (it reports NOT_SERVING, then keeps
    /// serving while balancers notice, for `drain_delay_ms`), and a signal sent when the
    /// listener closes.
    fn drain_on(
        &self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
        health: HealthReporter,
    ) -> (
        impl std::future::Future<Output = ()> + Send + 'static,
        tokio::sync::oneshot::Receiver<()>,
    ) {
        let drain_delay = Duration::from_millis(self.config.server.drain_delay_ms);
        let (drain_tx, drain_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: draining in-flight calls");
            set_health(&health, ServingStatus::NotServing).await;
            tokio::time::sleep(drain_delay).await;
            let _ = drain_tx.send(());
        };
        (signal, drain_rx)
    }

    /// Every service behind the layers, composed here once: outermost the span and metrics
    /// (so they see shed and expired calls), then load shedding, then the deadline, then
    /// (tests only) the delay.
    fn router(
        &self,
        health_service: HealthServer<impl Health>,
        tokens: &Tokens,
    ) -> Result<Router<Layers>, ServeError> {
        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(cohort_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1()?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(cohort_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()?;
        let server_cfg = &self.config.server;
        let live = self.app.rules.clone();
        let layers = ServiceBuilder::new()
            .layer(ObserveLayer::new(
                Arc::new(move || live.current().version()),
                RpcMethods::new(
                    &[
                        cohort_proto::FILE_DESCRIPTOR_SET,
                        tonic_health::pb::FILE_DESCRIPTOR_SET,
                    ],
                    &[
                        "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                        "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                    ],
                ),
            ))
            .layer(Shed::layer(server_cfg.concurrency_limit))
            .layer(ProtectLayer(Deadline {
                cap: Duration::from_millis(server_cfg.request_timeout_ms.max(1)),
            }))
            .option_layer(
                server_cfg
                    .test_delay_header
                    .then_some(ProtectLayer(TestDelay)),
            );
        let mut builder = tonic::transport::Server::builder();
        if let Some(tls) = tls_config(server_cfg)? {
            builder = builder.tls_config(tls)?;
        }
        let max = server_cfg.max_message_bytes;
        let app = &self.app;
        Ok(builder
            .layer(layers)
            .add_service(health_service)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(InterceptedService::new(
                PricingServer::new(Pricing::new(app.clone()), max),
                tokens.interceptor(Role::Pricing),
            ))
            .add_service(InterceptedService::new(
                RuleServiceServer::new(Rules::new(app.clone())).max_decoding_message_size(max),
                tokens.interceptor(Role::Admin),
            ))
            .add_service(InterceptedService::new(
                CouponServiceServer::new(Coupons::new(app.clone())).max_decoding_message_size(max),
                tokens.interceptor(Role::Admin),
            ))
            .add_service(InterceptedService::new(
                AudienceServiceServer::new(Audiences::new(app.clone()))
                    .max_decoding_message_size(max),
                tokens.interceptor(Role::Admin),
            )))
    }
}

/// The layer stack of [`Server::router`], outermost first in the `ServiceBuilder`.
type Layers = Stack<
    ServiceBuilder<
        Stack<
            Either<TestDelayLayer, NoLayer>,
            Stack<DeadlineLayer, Stack<ShedLayer, Stack<ObserveLayer, NoLayer>>>,
        >,
    >,
    NoLayer,
>;

/// Every service's health (and the whole server's, `""`).
async fn set_health(health: &HealthReporter, status: ServingStatus) {
    health.set_service_status("", status).await;
    for service in SERVICES {
        health.set_service_status(service, status).await;
    }
}

/// The services health reports on (besides the whole server, `""`).
const SERVICES: [&str; 4] = [
    "cohort.v1.PricingService",
    "cohort.v1.RuleService",
    "cohort.v1.CouponService",
    "cohort.v1.AudienceService",
];

/// TLS from `server.tls_cert` / `tls_key` (and mutual TLS with `tls_client_ca`).
fn tls_config(cfg: &crate::config::ServerSection) -> Result<Option<ServerTlsConfig>, ServeError> {
    let read = |p: &std::path::Path, what: &str| {
        std::fs::read(p).map_err(|e| ServeError::Tls(format!("server.{what} {}: {e}", p.display())))
    };
    match (&cfg.tls_cert, &cfg.tls_key) {
        (None, None) => Ok(None),
        (Some(cert), Some(key)) => {
            let mut tls = ServerTlsConfig::new().identity(Identity::from_pem(
                read(cert, "tls_cert")?,
                read(key, "tls_key")?,
            ));
            if let Some(ca) = &cfg.tls_client_ca {
                tls = tls.client_ca_root(Certificate::from_pem(read(ca, "tls_client_ca")?));
            }
            Ok(Some(tls))
        }
        _ => Err(ServeError::Tls(
            "server.tls_cert and server.tls_key go together".into(),
        )),
    }
}

/// The console's TLS: the gRPC port's certificate and key, HTTP/2 and HTTP/1.1, no client
/// certificate (a browser signs in with an admin token; `tls_client_ca` guards gRPC only).
fn console_tls(
    cfg: &crate::config::ServerSection,
) -> Result<Option<Arc<rustls::ServerConfig>>, ServeError> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let (Some(cert), Some(key)) = (&cfg.tls_cert, &cfg.tls_key) else {
        return Ok(None);
    };
    let bad =
        |what: &str, e: &dyn std::fmt::Display| ServeError::Tls(format!("console: {what}: {e}"));
    let certs = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad("server.tls_cert", &e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad("server.tls_cert", &e))?;
    let key = PrivateKeyDer::from_pem_file(key).map_err(|e| bad("server.tls_key", &e))?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad("protocol versions", &e))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| bad("certificate", &e))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Some(Arc::new(config)))
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Prepares and runs a server until SIGINT/SIGTERM, printing the bound address first.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let server = Server::prepare(config).await?;
    let addr = server.local_addr().map_err(|source| ServeError::Bind {
        addr: server.config.server.addr,
        source,
    })?;
    tracing::info!(%addr, ruleset_version = server.app.rules.current().version(), "serving");
    // A stable line on stdout so scripts and tests learn the port when addr uses port 0.
    println!("cohort listening on {addr}");
    if let Some(console) = server.console_addr() {
        tracing::info!(%console, "console");
        let scheme = if server.config.server.tls_cert.is_some() {
            "https"
        } else {
            "http"
        };
        println!("cohort console on {scheme}://{console}");
    }
    server.run(shutdown_signal()).await
}
