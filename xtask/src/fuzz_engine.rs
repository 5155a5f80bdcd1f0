//! `cargo xtask fuzz-engine [--cases N]`: the engine's randomized differential test
//! (`crates/cohort-engine/tests/engine/differential.rs`) at a large count, in release mode.
//! Each of its properties (engine = reference evaluator of RULES.md, printed figures add
//! up, discounts within bounds, applied rules passed their conditions) runs N seeded cases;
//! a difference fails with the shrunk rules, cart and usage that show it.

use std::time::Instant;

use anyhow::Result;

use crate::test::run_cargo;

pub fn run(cases: u32) -> Result<()> {
    let started = Instant::now();
    run_cargo(
        &[
            "test".into(),
            "--release".into(),
            "--package".into(),
            "cohort-engine".into(),
            "--test".into(),
            "engine".into(),
            "differential::".into(),
        ],
        &[("COHORT_DIFFERENTIAL_CASES", cases.to_string())],
    )?;
    eprintln!(
        "fuzz-engine: {cases} carts per property, no difference, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
