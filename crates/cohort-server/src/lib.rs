//! Cohort's gRPC server: the tonic adapters of the application core (`cohort-app`), the
//! tower layers, health and reflection, composed in one place (`serve`).
//!
//! Architecture invariant: a front door only. Each RPC handler turns its request into one
//! `App` call and the answer into its response; operations live in `cohort-app`, pricing
//! semantics in `cohort-engine`, data in `cohort-store`, proto mapping in
//! `cohort-proto::convert`; application errors become gRPC statuses in one module (`status`).

pub mod audience_service;
pub mod auth;
pub mod config;
pub mod coupon_service;
pub mod layers;
pub mod metrics;
pub mod pricing;
pub mod rule_service;
pub mod serve;
pub mod status;

pub use config::Config;
pub use serve::{Server, open_app, serve};
