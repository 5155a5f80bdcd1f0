//! Every conformance case of `testdata/cases/` through proto JSON → domain → engine → proto,
//! one test per file (the file name is in the test name and in the failure).

use std::path::{Path, PathBuf};

use chrono::DateTime;
use cohort_domain::CartLimits;
use cohort_domain::usage::UsageView;
use cohort_engine::{PriceOptions, RuleSet, price_with};
use cohort_proto::cases::Case;
use cohort_proto::convert::{
    cart_from_proto, cart_to_proto, coupons_from_json, price_request_from_json, priced_to_proto,
    rule_from_proto, rule_to_proto, rules_from_json,
};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases")
}

fn run(file: &str) {
    let path = cases_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let case = Case::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let rules = rules_from_json(&case.rules_json).unwrap_or_else(|e| panic!("{file}: rules: {e}"));
    let mut usage = UsageView::default();
    if let Some(coupons) = &case.coupons_json {
        for c in coupons_from_json(coupons).unwrap_or_else(|e| panic!("{file}: coupons: {e}")) {
            usage.insert_coupon(c);
        }
    }
    let request = price_request_from_json(&case.request_json)
        .unwrap_or_else(|e| panic!("{file}: request: {e}"));
    // proto <-> domain conversions are total both ways on every case's rules.
    for r in &rules {
        let back = rule_from_proto(&rule_to_proto(r))
            .unwrap_or_else(|e| panic!("{file}: rule {}: {e}", r.id));
        assert_eq!(&back, r, "{file}: rule {} round trip", r.id);
    }
    let set = RuleSet::compile(rules, Default::default(), 1);
    // Cases carry evaluated_at; the fallback instant only matters if one does not.
    let cart = cart_from_proto(
        request.cart.clone(),
        &[],
        DateTime::UNIX_EPOCH,
        &CartLimits::default(),
        set.websites(),
    )
    .unwrap_or_else(|e| panic!("{file}: cart: {e}"));
    let options = PriceOptions {
        explain: true,
        ..Default::default()
    };
    let priced = price_with(&set, &cart, &UsageView::clone(&usage), &options);
    let resp = priced_to_proto(priced);
    let cart_back = cart_from_proto(
        Some(cart_to_proto(&cart)),
        &[],
        DateTime::UNIX_EPOCH,
        &CartLimits::default(),
        set.websites(),
    );
    assert_eq!(cart_back.as_ref(), Ok(&cart), "{file}: cart round trip");
    let diffs = case.check(&resp);
    assert!(
        diffs.is_empty(),
        "{file} ({}):\n  {}\ntrace: {:#?}",
        case.name,
        diffs.join("\n  "),
        resp.trace
    );
}

macro_rules! cases {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run($file);
            }
        )*

        /// A new case file must be listed here too.
        #[test]
        fn every_case_file_is_listed() {
            let listed = [$($file),*];
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(cases_dir()).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.ends_with(".json") && !listed.contains(&name.as_str()) {
                    missing.push(name);
                }
            }
            assert!(missing.is_empty(), "add to crates/cohort-engine/tests/cases.rs: {missing:?}");
        }
    };
}

cases! {
    aud_does_not_match_no_membership => "aud-does-not-match-no-membership.json",
    aud_is_one_of_member => "aud-is-one-of-member.json",
    aud_is_one_of_non_member => "aud-is-one-of-non-member.json",
    c15_per_item_discard_subsequent_rules => "c15-per-item-discard-subsequent-rules.json",
    c16_qty1_step_gating => "c16-qty1-step-gating.json",
    c16_qty3_percent_compounds => "c16-qty3-percent-compounds.json",
    c16_qty9_further_rules => "c16-qty9-further-rules.json",
    c17_bxgy_effective_price_after_fixed => "c17-bxgy-effective-price-after-fixed.json",
    c18_bxgy_b3g1_qty3 => "c18-bxgy-b3g1-qty3.json",
    c18_bxgy_b3g1_qty4 => "c18-bxgy-b3g1-qty4.json",
    c1a_cart_fixed_15_over_22_14_43_7_50_0 => "c1a-cart-fixed-15-over-22-14-43-7.50-0.json",
    c1b_cart_fixed_15_over_47_33_9_50_42_0 => "c1b-cart-fixed-15-over-47-33-9.50-42-0.json",
    c21_stop_rules_with_subtotal_conditions => "c21-stop-rules-with-subtotal-conditions.json",
    c27a_b1g5_qty1 => "c27a-b1g5-qty1.json",
    c27a_b1g5_qty4 => "c27a-b1g5-qty4.json",
    c27a_b1g5_qty6 => "c27a-b1g5-qty6.json",
    c27a_b2g1_qty3 => "c27a-b2g1-qty3.json",
    c28_subtotal_gte_200_one_product => "c28-subtotal-gte-200-one-product.json",
    c28_subtotal_gte_200_two_products => "c28-subtotal-gte-200-two-products.json",
    c29_total_qty_gt_1_qty1 => "c29-total-qty-gt-1-qty1.json",
    c29_total_qty_gt_1_qty2 => "c29-total-qty-gt-1-qty2.json",
    c3_coupon_code_with_wildcard => "c3-coupon-code-with-wildcard.json",
    c32_row1_qty_gte2_all_sku_simple1 => "c32-row1-qty-gte2-all-sku-simple1.json",
    c32_row2_qty_gte2_any_skus_total1 => "c32-row2-qty-gte2-any-skus-total1.json",
    c32_row3_qty_gte2_any_with_nonexistent => "c32-row3-qty-gte2-any-with-nonexistent.json",
    c32_row4_row_total_gte2000_price_gte2000 => "c32-row4-row-total-gte2000-price-gte2000.json",
    c32_row5_qty_gte1_nonexistent_product => "c32-row5-qty-gte1-nonexistent-product.json",
    c32_row6_qty_gte1_no_children => "c32-row6-qty-gte1-no-children.json",
    c43_percent_of_product_price => "c43-percent-of-product-price.json",
    c44_fixed_amount_per_item => "c44-fixed-amount-per-item.json",
    c45_fixed_amount_whole_cart => "c45-fixed-amount-whole-cart.json",
    c5_percent0_then_cart_fixed_10 => "c5-percent0-then-cart-fixed-10.json",
    c5_percent100_then_cart_fixed_10 => "c5-percent100-then-cart-fixed-10.json",
    c5_percent15_5_then_cart_fixed_10 => "c5-percent15.5-then-cart-fixed-10.json",
    c5_percent50_then_cart_fixed_10 => "c5-percent50-then-cart-fixed-10.json",
    m1_stop_rule_without_shipping_does_not_end_shipping_loop => "m1-stop-rule-without-shipping-does-not-end-shipping-loop.json",
    m2_zero_amount_rule_is_recorded => "m2-zero-amount-rule-is-recorded.json",
    m3_product_found_without_children_is_true => "m3-product-found-without-children-is-true.json",
}
