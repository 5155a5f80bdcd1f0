//! Rules JSON + cart JSON -> compile -> price -> response. Any panic is a bug.
//!
//! Input: `<ListRulesResponse JSON>\n---\n<PriceCartRequest JSON>` (see `fuzz/seed.py`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some((rules_text, cart_text)) = text.split_once("\n---\n") else {
        return;
    };
    let Ok(rules) = cohort_proto::convert::rules_from_json(rules_text) else {
        return;
    };
    let set = cohort_engine::RuleSet::compile(rules, Default::default(), 1);
    let Ok(request) = cohort_proto::convert::price_request_from_json(cart_text) else {
        return;
    };
    let Ok(cart) = cohort_proto::convert::cart_from_proto(
        request.cart.as_ref(),
        &[],
        chrono::DateTime::UNIX_EPOCH,
        &cohort_domain::CartLimits::default(),
        set.websites(),
    ) else {
        return;
    };
    let priced = cohort_engine::price_with(
        &set,
        &cart,
        &cohort_domain::usage::UsageView::default(),
        &cohort_engine::PriceOptions { explain: true },
    );
    for line in &priced.lines {
        assert!(
            line.discount_amount >= Default::default(),
            "negative discount on line {:?}: {}",
            line.line_id,
            line.discount_amount
        );
        assert!(
            line.discount_amount <= line.row_total,
            "discount {} exceeds row total {} on line {:?}",
            line.discount_amount,
            line.row_total,
            line.line_id
        );
    }
    assert_eq!(
        priced.discount_total,
        priced.item_discount_total + priced.shipping_discount,
        "discount_total != item_discount_total + shipping_discount"
    );
    let _ = cohort_proto::convert::priced_to_proto(priced);
});
