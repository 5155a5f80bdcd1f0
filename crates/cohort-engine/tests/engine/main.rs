//! Engine behaviour tests: RULES.md section by section, conformance cases translated by
//! hand, and property tests. Run: `cargo test -p cohort-engine`.

mod actions;
mod conformance;
mod coupons;
mod index;
mod operators;
mod properties;
mod robustness;
mod support;
mod trace;
