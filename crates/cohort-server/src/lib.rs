//! Cohort's gRPC server: tonic services, the live rule set, health and reflection, composed
//! in one place (`serve`).
//!
//! Architecture invariant: wiring only. Pricing semantics live in `cohort-engine`, data in
//! `cohort-store`, formats in `cohort-proto`; this crate connects them and maps their errors
//! to gRPC statuses in one module (`status`).

pub mod audience_service;
pub mod audience_sync;
pub mod auth;
pub mod config;
pub mod coupon_service;
pub mod layers;
pub mod metrics;
pub mod pricing;
pub mod rule_service;
pub mod rules;
pub mod serve;
pub mod status;

pub use config::Config;
pub use serve::{Server, serve};
