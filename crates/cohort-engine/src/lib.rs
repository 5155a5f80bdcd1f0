//! Cohort's pricing engine: compiles cart price rules into an immutable [`RuleSet`] and
//! prices a [`cohort_domain::Cart`] against it with Adobe Commerce (Magento 2.4.7+) cart
//! price rule semantics plus the Experience Platform audience condition
//! (`spec/RULES.md`).
//!
//! Code map: `compile` builds the snapshot; `candidate` picks the rules and resolves coupon
//! codes (§1); `facts` and `condition` evaluate condition trees (§2); `price` runs the rule
//! loop (§3); `actions` holds the discount math (§4), `rounding` the carried rounding (§5),
//! `shipping` the shipping discount (§6); `priced` and `trace` are the output.
//!
//! Architecture invariant: pure, synchronous and deterministic. It knows nothing of proto,
//! I/O, async, clocks or globals; it uses decimals only (no floats), and no input makes it
//! panic. Usage counters come in through a [`cohort_domain::usage::UsageView`].

mod actions;
mod candidate;
mod compile;
mod condition;
mod facts;
pub mod limits;
mod price;
mod priced;
mod rounding;
mod shipping;
mod trace;

pub use compile::RuleSet;
pub use price::{PriceOptions, price, price_with};
pub use priced::{AppliedRule, CouponResult, CouponStatus, LinePrice, Priced, RuleDiscount};
pub use trace::{RuleOutcome, RuleTrace};
