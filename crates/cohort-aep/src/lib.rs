//! Adobe Experience Platform for Cohort. Today: the shopper membership that storefronts
//! forward in the `aep-segments-membership` header.
//!
//! Architecture invariant: this crate speaks Adobe's formats and nothing else; it knows
//! nothing of pricing, storage or gRPC, so a team can reuse it alone.

pub mod membership;

pub use membership::{MembershipError, parse_membership_header};
