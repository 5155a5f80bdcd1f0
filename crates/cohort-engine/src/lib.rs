//! Cohort's pricing engine: compiles cart price rules into an immutable [`RuleSet`] and
//! prices a [`cohort_domain::Cart`] against it with Adobe Commerce (Magento 2.4.7+) cart
//! price rule semantics plus the Experience Platform audience condition
//! (`spec/RULES.md`).
//!
//! Code map: `compile` builds the snapshot, and `index` its candidate index (NO_COUPON
//! rules bucketed by website × customer group, by the audience / SKU / category their cart
//! conditions require, and by the SKU / category their action conditions need);
//! `candidate` resolves coupon codes and picks the rules of §1 over every rule; `plan` asks
//! the index the same questions for one cart (which rules can apply, the item priority
//! order); `facts` and `condition` evaluate condition trees (§2); `price` drives the rule
//! loop (§3) indexed, or un-indexed for explain (the trace lists every rule) and as the
//! reference the index is tested against; `apply` runs one rule; `actions` holds the
//! discount math (§4), `rounding` the carried rounding (§5), `shipping` the shipping
//! discount (§6). The output (`Priced`, `RuleTrace`) is the domain's.
//!
//! Architecture invariant: pure, synchronous and deterministic. It knows nothing of proto,
//! I/O, async, clocks or globals; it uses decimals only (no floats), and no input makes it
//! panic. Usage counters come in through a [`cohort_domain::usage::UsageView`].

mod actions;
mod apply;
mod candidate;
mod compile;
mod condition;
mod facts;
mod groups;
mod hint;
mod index;
pub mod limits;
mod plan;
mod price;
mod rounding;
mod shipping;

/// The output types live in the domain (`cohort_domain::priced`), so adapters map them
/// without depending on the engine; re-exported for callers of the engine alone.
pub use cohort_domain::priced::{
    AppliedRule, CouponResult, CouponStatus, LinePrice, Priced, RuleDiscount, RuleHint,
    RuleOutcome, RuleTrace,
};
pub use compile::{DEFAULT_GROUP_CANDIDATES, DRAFT_IDS_FROM, RuleSet};
pub use groups::MAX_GROUP_PROBES;
pub use price::{PriceOptions, price, price_unindexed, price_with};
