//! The merchandiser's console: server-rendered HTML pages (maud, checked at compile time)
//! over the same `App` calls as gRPC and the CLI, served by `cohort serve` on
//! `console.addr`. Sign-in with an admin token (`/login`) opens a server-side session named
//! by an HttpOnly, SameSite=Strict cookie (Secure under TLS) that expires; every
//! state-changing form carries the session's CSRF token; a page asked for without a session
//! redirects to `/login`. With `auth.admin_open` (and no admin token) every visitor gets a
//! session and a banner says the console is open; with neither, sign-in always fails
//! (closed).
//!
//! Layout: `sessions` (the session table and CSRF tokens), `auth` (the sign-in gate as an
//! extractor), `pages` (sign-in, the audience dashboard, Sync now), `rules` (the rule list, activate/deactivate), `history` (a rule's audit trail, restore a version), `editor` (the rule form) and `tree` (the condition tree builder and audience chooser), `coupons` (generate, list, CSV), `try_cart` (price a cart, read the trace), `layout` (the page
//! frame, the embedded stylesheet).
//!
//! Architecture invariant: a front door only, like the gRPC server: every action is one
//! `App` call, so nothing here can bypass the validation of the gRPC path; no SQL, no
//! pricing, no format of its own; never logs or renders a token.

mod auth;
mod coupons;
mod editor;
mod history;
mod layout;
mod pages;
mod rules;
mod sessions;
mod tree;
mod try_cart;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use cohort_app::App;
use serde::Deserialize;

pub use sessions::Sessions;

/// The `console` config section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleConfig {
    /// Address of the console (HTTP); off when unset.
    pub addr: Option<SocketAddr>,
    /// How long a session lasts after sign-in.
    #[serde(deserialize_with = "cohort_aep::de_duration")]
    pub session_ttl: Duration,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            addr: None,
            session_ttl: Duration::from_secs(8 * 3600),
        }
    }
}

/// What the console needs besides the app.
#[derive(Clone)]
pub struct Settings {
    /// The admin tokens that sign in (`auth.admin_tokens`).
    pub admin_tokens: Vec<String>,
    /// `auth.admin_open`: no sign-in when no admin token is configured.
    pub admin_open: bool,
    /// Cookies are `Secure` (the console is behind TLS).
    pub secure_cookies: bool,
    pub session_ttl: Duration,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("admin_tokens", &self.admin_tokens.len())
            .field("admin_open", &self.admin_open)
            .field("secure_cookies", &self.secure_cookies)
            .field("session_ttl", &self.session_ttl)
            .finish()
    }
}

impl Settings {
    /// Open: no admin token configured and `admin_open` set.
    pub fn open(&self) -> bool {
        self.admin_tokens.is_empty() && self.admin_open
    }
}

/// Shared by every handler.
pub(crate) struct Console {
    pub app: Arc<App>,
    pub settings: Settings,
    pub sessions: Sessions,
    pub jobs: coupons::Jobs,
}

pub(crate) type Shared = axum::extract::State<Arc<Console>>;

/// The console's routes (paths are the contract).
pub fn router(app: Arc<App>, settings: Settings) -> Router {
    let console = Arc::new(Console {
        app,
        sessions: Sessions::new(settings.session_ttl),
        jobs: coupons::Jobs::default(),
        settings,
    });
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route("/audiences", get(pages::audiences))
        .route("/audiences/sync", post(pages::sync_now))
        .route("/rules", get(rules::list))
        .route("/rules/new", get(editor::new_rule).post(editor::post_new))
        .route("/rules/chooser", get(editor::chooser_fragment))
        .route("/rules/node", get(editor::node_fragment))
        .route(
            "/rules/{id}",
            get(editor::edit_rule).post(editor::post_existing),
        )
        .route("/rules/{id}/active", post(rules::set_active))
        .route("/rules/{id}/delete", post(editor::delete_rule))
        .route("/rules/{id}/history", get(history::history))
        .route("/rules/{id}/restore", post(history::restore))
        .route(
            "/coupons",
            get(coupons::page_coupons).post(coupons::generate),
        )
        .route("/coupons.csv", get(coupons::csv))
        .route("/try", get(try_cart::page_try).post(try_cart::post_try))
        .route("/assets/console.css", get(layout::stylesheet))
        .route("/assets/console.js", get(layout::script))
        .with_state(console)
}
