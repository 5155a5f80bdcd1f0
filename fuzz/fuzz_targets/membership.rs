//! Arbitrary header values into the membership header parser. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let _ = cohort_aep::parse_membership_header([s], 1000);
});
