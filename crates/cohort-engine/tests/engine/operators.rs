//! RULES.md §2: operator semantics, per operator, through real rules.

use cohort_domain::condition::{
    AddressAttribute as A, Aggregator, AudienceOperator as Aud, Condition, Operator as Op,
};
use cohort_domain::rule::SimpleAction::ByPercent;
use cohort_domain::{Address, Cart, LineItem};
use rust_decimal::Decimal;

use crate::support::*;

/// Whether a product condition selects the line (10 % off the matching lines).
fn item_matches(cond: Condition, item: LineItem) -> bool {
    let mut r = rule(1, ByPercent, "10");
    r.action_conditions = Some(all(vec![cond]));
    run(vec![r], &cart(vec![item])).discount_total > Decimal::ZERO
}

/// Whether a cart condition lets the rule apply.
fn cart_matches(cond: Condition, c: &Cart) -> bool {
    let mut r = rule(1, ByPercent, "10");
    r.conditions = Some(cond);
    run(vec![r], c).discount_total > Decimal::ZERO
}

fn shirt() -> LineItem {
    let mut i = item("l1", "Tee-Blue", "2", "19.50");
    i.category_ids = vals(&["11", "12"]);
    i.attribute_set_id = "4".into();
    i.attributes.insert("color".into(), "Blue".into());
    i.attributes
        .insert("material".into(), "cotton, Wool".into());
    i
}

#[test]
fn eq_and_ne_compare_strings_case_insensitively_and_exactly() {
    assert!(item_matches(prod("sku", Op::Eq, &["tee-blue"]), shirt()));
    assert!(!item_matches(prod("sku", Op::Eq, &["tee"]), shirt()));
    assert!(item_matches(prod("sku", Op::Ne, &["tee"]), shirt()));
    assert!(!item_matches(prod("sku", Op::Ne, &["TEE-BLUE"]), shirt()));
    assert!(item_matches(prod("color", Op::Eq, &["BLUE"]), shirt()));
}

#[test]
fn eq_compares_numbers_numerically() {
    assert!(item_matches(
        prod("quote_item_price", Op::Eq, &["19.5"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_qty", Op::Eq, &["2.000"]),
        shirt()
    ));
    assert!(item_matches(
        prod("attribute_set_id", Op::Eq, &["04"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_row_total", Op::Ne, &["39.01"]),
        shirt()
    ));
}

#[test]
fn category_eq_and_ne_act_as_contains() {
    assert!(item_matches(prod("category_ids", Op::Eq, &["12"]), shirt()));
    assert!(item_matches(
        prod("category_ids", Op::Eq, &["99, 11"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("category_ids", Op::Eq, &["13"]),
        shirt()
    ));
    assert!(item_matches(prod("category_ids", Op::Ne, &["13"]), shirt()));
    assert!(!item_matches(
        prod("category_ids", Op::Ne, &["11"]),
        shirt()
    ));
}

#[test]
fn ordering_operators_are_numeric_only() {
    assert!(item_matches(
        prod("quote_item_price", Op::Gt, &["19.49"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("quote_item_price", Op::Gt, &["19.50"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_price", Op::Gte, &["19.50"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_qty", Op::Lt, &["3"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("quote_item_qty", Op::Lt, &["2"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_row_total", Op::Lte, &["39"]),
        shirt()
    ));
    // A non-numeric value is false, not a string comparison.
    assert!(!item_matches(prod("sku", Op::Gt, &["a"]), shirt()));
    assert!(!item_matches(prod("color", Op::Lte, &["zzz"]), shirt()));
}

#[test]
fn contains_is_a_substring_for_scalars_and_an_overlap_for_lists() {
    assert!(item_matches(
        prod("sku", Op::Contains, &["xx", "BLU"]),
        shirt()
    ));
    assert!(!item_matches(prod("sku", Op::Contains, &["red"]), shirt()));
    assert!(item_matches(
        prod("sku", Op::NotContains, &["red"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("sku", Op::NotContains, &["tee"]),
        shirt()
    ));
    assert!(item_matches(
        prod("material", Op::Contains, &["wool"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("material", Op::Contains, &["woo"]),
        shirt()
    ));
    assert!(item_matches(
        prod("category_ids", Op::Contains, &["11"]),
        shirt()
    ));
}

#[test]
fn is_one_of_is_membership_for_scalars_and_an_overlap_for_lists() {
    assert!(item_matches(
        prod("sku", Op::IsOneOf, &["a", "TEE-BLUE"]),
        shirt()
    ));
    assert!(item_matches(
        prod("sku", Op::IsOneOf, &["a, tee-blue"]),
        shirt()
    ));
    assert!(!item_matches(prod("sku", Op::IsOneOf, &["tee"]), shirt()));
    assert!(item_matches(prod("sku", Op::IsNotOneOf, &["tee"]), shirt()));
    assert!(item_matches(
        prod("material", Op::IsOneOf, &["silk", "cotton"]),
        shirt()
    ));
    assert!(!item_matches(
        prod("material", Op::IsNotOneOf, &["cotton"]),
        shirt()
    ));
    assert!(item_matches(
        prod("quote_item_qty", Op::IsOneOf, &["1", "2"]),
        shirt()
    ));
}

#[test]
fn a_missing_attribute_passes_only_negated_operators() {
    for op in [
        Op::Eq,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::Contains,
        Op::IsOneOf,
    ] {
        assert!(!item_matches(prod("size", op, &["1"]), shirt()), "{op:?}");
    }
    for op in [Op::Ne, Op::NotContains, Op::IsNotOneOf] {
        assert!(item_matches(prod("size", op, &["1"]), shirt()), "{op:?}");
    }
}

fn full_cart() -> Cart {
    let mut c = cart(vec![
        item("l1", "a", "2", "50"),
        item("l2", "b", "1", "25.50"),
    ]);
    c.items[0].weight = d("1.5");
    c.items[0].unit_price_incl_tax = d("60");
    c.payment_method = "checkmo".into();
    c.shipping_method = "flatrate_flatrate".into();
    c.shipping_address = Some(Address {
        country_id: "US".into(),
        region: "Texas".into(),
        region_id: "57".into(),
        postcode: "78701".into(),
    });
    c
}

#[test]
fn address_attributes_read_the_cart() {
    let c = full_cart();
    let yes = |attr, op, v: &str| cart_matches(all(vec![addr(attr, op, &[v])]), &c);
    assert!(yes(A::Subtotal, Op::Eq, "125.50"));
    assert!(yes(A::SubtotalWithDiscount, Op::Gte, "125.5"));
    assert!(yes(A::SubtotalInclTax, Op::Eq, "145.50"));
    assert!(yes(A::TotalQty, Op::Eq, "3"));
    assert!(yes(A::Weight, Op::Eq, "3"));
    assert!(yes(A::PaymentMethod, Op::Eq, "CHECKMO"));
    assert!(yes(A::ShippingMethod, Op::Contains, "flatrate"));
    assert!(yes(A::Postcode, Op::Gt, "78000"));
    assert!(yes(A::Region, Op::Eq, "texas"));
    assert!(yes(A::RegionId, Op::IsOneOf, "56, 57"));
    assert!(yes(A::CountryId, Op::Ne, "DE"));
    assert!(!yes(A::CountryId, Op::Eq, "DE"));
    let guest = cart(vec![item("l1", "a", "1", "10")]);
    assert!(!cart_matches(
        all(vec![addr(A::CountryId, Op::Eq, &["US"])]),
        &guest
    ));
    assert!(cart_matches(
        all(vec![addr(A::CountryId, Op::Ne, &["US"])]),
        &guest
    ));
}

#[test]
fn combine_all_any_and_negate() {
    let c = full_cart();
    let t = || addr(A::TotalQty, Op::Eq, &["3"]);
    let f = || addr(A::TotalQty, Op::Eq, &["4"]);
    let combine = |aggregator, negate, conditions| Condition::Combine {
        aggregator,
        negate,
        conditions,
    };
    assert!(cart_matches(
        combine(Aggregator::All, false, vec![t(), t()]),
        &c
    ));
    assert!(!cart_matches(
        combine(Aggregator::All, false, vec![t(), f()]),
        &c
    ));
    assert!(cart_matches(
        combine(Aggregator::Any, false, vec![f(), t()]),
        &c
    ));
    assert!(!cart_matches(
        combine(Aggregator::Any, false, vec![f(), f()]),
        &c
    ));
    assert!(cart_matches(
        combine(Aggregator::All, true, vec![f(), f()]),
        &c
    ));
    assert!(!cart_matches(
        combine(Aggregator::All, true, vec![t(), f()]),
        &c
    ));
    assert!(cart_matches(
        combine(Aggregator::Any, true, vec![t(), f()]),
        &c
    ));
    assert!(cart_matches(combine(Aggregator::Any, false, vec![]), &c));
    assert!(cart_matches(combine(Aggregator::All, true, vec![]), &c));
}

#[test]
fn product_found_and_not_found() {
    let c = full_cart();
    let found = |not_found, aggregator, conditions| {
        all(vec![Condition::ProductFound {
            not_found,
            aggregator,
            conditions,
        }])
    };
    let sku = |s: &str| prod("sku", Op::Eq, &[s]);
    assert!(cart_matches(
        found(false, Aggregator::All, vec![sku("b")]),
        &c
    ));
    assert!(!cart_matches(
        found(false, Aggregator::All, vec![sku("a"), sku("b")]),
        &c
    ));
    assert!(cart_matches(
        found(false, Aggregator::Any, vec![sku("a"), sku("z")]),
        &c
    ));
    assert!(cart_matches(
        found(true, Aggregator::All, vec![sku("z")]),
        &c
    ));
    assert!(!cart_matches(
        found(true, Aggregator::All, vec![sku("a"), sku("z")]),
        &c
    ));
    // An empty cart is false either way.
    let mut r = rule(1, ByPercent, "10");
    r.apply_to_shipping = true;
    r.conditions = Some(found(true, Aggregator::All, vec![sku("z")]));
    let mut empty = cart(vec![]);
    empty.shipping_amount = d("10");
    assert_eq!(run(vec![r], &empty).shipping_discount, d("0"));
}

#[test]
fn audience_operators_overlap_membership_exactly() {
    let mut member = full_cart();
    member.membership = vals(&["seg-a", "seg-b"]);
    let guest = full_cart();
    let a = |op, ids: &[&str], c: &Cart| cart_matches(all(vec![aud(op, ids)]), c);
    assert!(a(Aud::Matches, &["seg-b"], &member));
    assert!(a(Aud::IsOneOf, &["x", "seg-a"], &member));
    assert!(
        !a(Aud::IsOneOf, &["SEG-A"], &member),
        "ids are case-sensitive"
    );
    assert!(!a(Aud::DoesNotMatch, &["seg-a"], &member));
    assert!(a(Aud::IsNotOneOf, &["x"], &member));
    assert!(!a(Aud::Matches, &["seg-a"], &guest));
    assert!(a(Aud::DoesNotMatch, &["seg-a"], &guest));
    assert!(a(Aud::IsNotOneOf, &["seg-a"], &guest));
}
