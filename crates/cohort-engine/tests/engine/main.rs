//! Engine behaviour tests: RULES.md section by section, conformance cases translated by
//! hand, and property tests. Run: `cargo test -p cohort-engine`.

mod actions;
mod conformance;
mod coupons;
mod differential;
mod fidelity;
mod groups;
mod hints;
mod hostile;
mod index;
mod operators;
mod properties;
mod reference;
mod robustness;
mod support;
mod trace;
