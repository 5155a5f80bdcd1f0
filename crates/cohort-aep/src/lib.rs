//! Adobe Experience Platform for Cohort: the IMS OAuth server-to-server token, audience
//! listing (the audiences API or the legacy segment definitions) with paging, retries,
//! timeouts and size limits, a shopper's membership looked up (Edge Network or Profile
//! Access, [`AepClient::lookup_membership`]), and the shopper membership formats (the
//! `aep-segments-membership` header, the Edge Network `activation:pull` response, a
//! profile's `segmentMembership` map).
//!
//! Layout: [`AepConfig`] (config section `aep`, or a Developer Console workspace file) →
//! [`AepClient`] (one per process, cheap to clone) which owns a single-flight token cache
//! (`token`), the retry loop (`retry`), response reading and error mapping (`response`),
//! and parses pages into [`AepAudience`] (`audiences`). `membership`, `edge` and `profile`
//! are pure functions with no I/O.
//!
//! Architecture invariant: this crate speaks Adobe's formats and nothing else; it knows
//! nothing of pricing, storage or gRPC, so a team can reuse it alone. Secrets (the client
//! secret and access tokens) live only in [`Secret`] and never reach a `Debug`, `Display`,
//! error or log line.

pub mod audiences;
pub mod client;
pub mod config;
mod console;
pub mod edge;
pub mod error;
pub mod membership;
pub mod profile;
mod response;
pub mod retry;
pub mod secret;
mod token;

pub use audiences::{
    AepAudience, AudiencePage, from_lifecycle_state, lifecycle_state, parse_audience,
};
pub use client::{AepClient, AudienceList};
pub use cohort_domain::AudienceState;
pub use config::{
    AepConfig, AudiencesEndpoint, ConfigError, LookupApi, de_duration, parse_duration,
};
pub use edge::{
    EdgeError, edge_response_to_membership_header, edge_segment_ids, membership_header_value,
    parse_edge_response,
};
pub use error::{AepError, AepErrorKind};
pub use membership::{MembershipError, parse_membership_header};
pub use profile::{MembershipStatus, ProfileSegment, profile_member_ids, profile_segments};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use token::TokenInfo;
