//! Cohort's domain: decimal money, carts, cart price rules, coupons and their validation,
//! audience and sync states, membership and its source, and the priced result.
//!
//! Architecture invariant: this crate is plain data and checks. It performs no I/O, has no
//! async code and knows nothing of protobuf, SQL or HTTP; every other crate may depend on it.

pub mod audience;
pub mod cart;
pub mod error;
pub mod membership;
pub mod money;
pub mod names;

pub use audience::{AudienceState, SyncStatus};
pub use cart::{Address, Cart, CartLimits, LineItem, WebsiteSettings, Websites, merge_membership};
pub use coupon::CouponCode;
pub use error::{FieldViolation, ValidationError};
pub use membership::{Identity, Membership, MembershipSource};
pub use money::{AmountText, Currency, div_half_away, non_negative, parse_date, parse_decimal};
pub use names::Named;
pub use priced::{
    AppliedRule, Comparison, CouponResult, CouponStatus, LineChange, LinePrice, Priced,
    ReplaySummary, RuleChange, RuleDiscount, RuleHint, RuleOutcome, RuleTally, RuleTrace,
};
pub mod condition;
pub mod coupon;
pub mod coupon_codes;
pub mod priced;
pub mod rule;
pub mod seeded;
pub mod usage;
pub mod validate;
