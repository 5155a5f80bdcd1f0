//! `cohort demo` end to end: the fake AEP, a server on a temp SQLite, synced audiences,
//! realistic rules, and priced carts for shoppers in and out of the audiences, with the
//! expected totals and the reasons rules did not apply.

use cohort_tests::run_cohort_env;

#[test]
fn the_demo_prices_its_carts_with_the_expected_totals() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_cohort_env(&["demo"], dir.path(), &[]).unwrap();
    assert_eq!(code, 0, "{stderr}\n{stdout}");
    assert!(
        stdout.contains("Audiences imported from AEP: 36 (24 active); last sync SUCCEEDED"),
        "{stdout}"
    );
    let carts: Vec<&str> = stdout.split("== ").skip(1).collect();
    assert_eq!(carts.len(), 3, "{stdout}");
    // Guest with SAVE10: buy-2-get-1 (19.00) + $10 off $50 = 29.00.
    assert_has(
        carts[0],
        "subtotal 161.00  discounts -29.00  shipping 5.00  grand total 137.00",
    );
    assert_has(carts[0], "coupon   SAVE10 -> APPLIED");
    assert!(
        carts[0].contains("VIP customers: 20% off") && carts[0].contains("CONDITIONS_NOT_MET"),
        "{}",
        carts[0]
    );
    // VIP: 20% off everything (32.20), then the free tee at its discounted price (15.20).
    assert_has(
        carts[1],
        "subtotal 161.00  discounts -47.40  shipping 5.00  grand total 118.60",
    );
    assert_has(carts[1], "COUPON_MISSING");
    // Loyalty gold: free shipping (a flag; the total still carries the shipping sent).
    assert_has(carts[2], "(FREE SHIPPING)  grand total 137.00");
    assert_has(carts[2], "coupon   save10 -> APPLIED");
    assert_has(carts[2], "free shipping (Discount)");
    assert!(stderr.is_empty(), "quiet by default: {stderr}");
}

/// The cart's printed table contains `text` (the table is shown when it does not).
fn assert_has(cart: &str, text: &str) {
    assert!(cart.contains(text), "{text:?} not in:\n{cart}");
}
