//! `cargo xtask fuzz-engine [--cases N] [--hostile M]`: the engine's randomized
//! differential test (`crates/cohort-engine/tests/engine/differential.rs`) at a large
//! count, in release mode, and the hostile-input target (`hostile.rs`). Each differential
//! property (engine = reference evaluator of RULES.md, printed figures add up, discounts
//! within bounds, applied rules passed their conditions) runs N seeded cases; a difference
//! fails with the shrunk rules, cart and usage that show it. The hostile target runs M
//! large and deep inputs through the whole pricing path, each within its time limit.

use std::time::Instant;

use anyhow::Result;

use crate::test::run_cargo;

pub fn run(cases: u32, hostile: u32) -> Result<()> {
    let started = Instant::now();
    run_cargo(
        &[
            "test".into(),
            "--release".into(),
            "--package".into(),
            "cohort-engine".into(),
            "--test".into(),
            "engine".into(),
            "--".into(),
            "differential::".into(),
            "hostile::".into(),
        ],
        &[
            ("COHORT_DIFFERENTIAL_CASES", cases.to_string()),
            ("COHORT_HOSTILE_CASES", hostile.to_string()),
        ],
    )?;
    eprintln!(
        "fuzz-engine: {cases} carts per property, no difference; {hostile} hostile inputs, \
         each in time; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
