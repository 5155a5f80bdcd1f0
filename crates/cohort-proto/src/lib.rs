//! Cohort's gRPC API (`cohort.v1`): prost messages, tonic clients and servers and pbjson
//! serde impls generated from `proto/` by `cargo xtask codegen` (committed, never edited by
//! hand), plus the proto ↔ domain conversions shared by the server, the CLI and clients.
//!
//! Architecture invariant: conversions are total and never panic; every input problem comes
//! back as a `ValidationError` naming the field path. This crate does no I/O.

/// Generated code for package `cohort.v1`.
#[allow(
    clippy::all,
    clippy::pedantic,
    missing_docs,
    rust_2018_idioms,
    unused_qualifications
)]
pub mod v1 {
    include!("gen/cohort.v1.rs");
    include!("gen/cohort.v1.serde.rs");
}

/// The conformance-case harness, for tests (`features = ["conformance"]`).
#[cfg(feature = "conformance")]
pub mod cases;
pub mod convert;

/// Encoded `FileDescriptorSet` of the API (with imports), for gRPC server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("gen/cohort.v1.bin");

/// The gRPC metadata key carrying the shopper's AEP audience ids.
pub const MEMBERSHIP_METADATA: &str = "aep-segments-membership";

/// The gRPC metadata key carrying a signed membership token (a compact JWS).
pub const MEMBERSHIP_TOKEN_METADATA: &str = "cohort-membership-token";
