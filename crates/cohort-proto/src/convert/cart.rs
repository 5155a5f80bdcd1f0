//! `cohort.v1.Cart` → domain `Cart`, with the checks of API.md "Cart input".

use chrono::{DateTime, Utc};
use cohort_domain::{
    Address, Cart, CartLimits, Currency, FieldViolation, LineItem, ValidationError, Websites,
    merge_membership, parse_decimal,
};
use std::collections::HashSet;

use cohort_domain::cart::MAX_DECIMAL_CHARS;
use cohort_domain::error::{check_bytes, check_entries};
use rust_decimal::Decimal;

use super::time::timestamp_to_datetime;
use super::{decimal_or_zero, decimal_or_zero_at};
use crate::v1;

/// Parses and validates a cart. `header_membership` holds the ids already parsed from the
/// `aep-segments-membership` metadata; they are unioned with `cart.audience_ids`. `now` is
/// used when the cart has no `evaluated_at`. Every problem is reported, each with its path.
/// The cart is taken by value: its strings move into the domain cart (the service owns the
/// decoded request), instead of being copied a second time.
pub fn cart_from_proto(
    cart: Option<v1::Cart>,
    header_membership: &[String],
    now: DateTime<Utc>,
    limits: &CartLimits,
    websites: &Websites,
) -> Result<Cart, ValidationError> {
    let Some(cart) = cart else {
        return Err(ValidationError::single("cart", "is required"));
    };
    // Sizes first, before any per-element work: an oversized cart is refused in time
    // linear in its length, whatever it holds.
    ValidationError::check(size_violations(&cart, header_membership, limits))?;
    let mut v = Vec::new();

    let currency = match Currency::from_code(&cart.currency) {
        Some(c) => c,
        None => {
            v.push(FieldViolation::new(
                "cart.currency",
                format!("{:?} is not an ISO 4217 currency code", cart.currency),
            ));
            Currency::USD
        }
    };
    let shipping_amount = decimal_or_zero(&cart.shipping_amount, "cart.shipping_amount", &mut v);
    let evaluated_at = match &cart.evaluated_at {
        None => now,
        Some(ts) => timestamp_to_datetime(ts).unwrap_or_else(|| {
            v.push(FieldViolation::new(
                "cart.evaluated_at",
                "is not a valid timestamp",
            ));
            now
        }),
    };
    let membership = merge_membership(
        header_membership
            .iter()
            .chain(&cart.audience_ids)
            .map(String::as_str),
    );
    // Which lines left unit_price_incl_tax out (it then repeats unit_price), read before
    // the lines move; only an error report needs it.
    let sent_incl_tax: Vec<bool> = cart
        .items
        .iter()
        .map(|item| !item.unit_price_incl_tax.is_empty())
        .collect();
    let items: Vec<LineItem> = cart
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| line_from_proto(i, item, &mut v))
        .collect();
    let customer_id = {
        let trimmed = cart.customer_id.trim();
        if trimmed.is_empty() {
            None
        } else if trimmed.len() == cart.customer_id.len() {
            Some(cart.customer_id)
        } else {
            Some(trimmed.to_owned())
        }
    };

    let parsed = Cart {
        website_id: cart.website_id,
        currency,
        customer_group_id: cart.customer_group_id,
        customer_id,
        items,
        shipping_address: cart.shipping_address.map(|a| Address {
            country_id: a.country_id,
            region: a.region,
            region_id: a.region_id,
            postcode: a.postcode,
        }),
        shipping_method: cart.shipping_method,
        shipping_amount,
        payment_method: cart.payment_method,
        coupon_codes: cart.coupon_codes,
        membership,
        evaluated_at,
    };
    let mut check = parsed.violations(limits, websites);
    if v.is_empty() && check.is_empty() {
        // The usual case: nothing to merge, order or report.
        return Ok(parsed);
    }
    // A defaulted unit_price_incl_tax repeats unit_price: report only the field that was sent.
    let defaulted: HashSet<String> = sent_incl_tax
        .iter()
        .enumerate()
        .filter(|(_, sent)| !**sent)
        .map(|(i, _)| format!("cart.items[{i}].unit_price_incl_tax"))
        .collect();
    check.retain(|f| !defaulted.contains(&f.field));
    // Parse errors first, then the semantic checks, each field once.
    let mut reported: HashSet<String> = v.iter().map(|f| f.field.clone()).collect();
    for f in check {
        if reported.insert(f.field.clone()) {
            v.push(f);
        }
    }
    v.sort_by_cached_key(|f| field_order(&f.field));
    ValidationError::check(v)?;
    Ok(parsed)
}

/// Domain cart → proto (for clients that build carts in Rust); membership travels as
/// `audience_ids`. Decimals print in their normalized form.
pub fn cart_to_proto(cart: &Cart) -> v1::Cart {
    v1::Cart {
        website_id: cart.website_id.clone(),
        currency: cart.currency.code().to_owned(),
        customer_group_id: cart.customer_group_id.clone(),
        customer_id: cart.customer_id.clone().unwrap_or_default(),
        items: cart
            .items
            .iter()
            .map(|i| v1::LineItem {
                line_id: i.line_id.clone(),
                sku: i.sku.clone(),
                qty: i.qty.normalize().to_string(),
                unit_price: i.unit_price.normalize().to_string(),
                unit_price_incl_tax: i.unit_price_incl_tax.normalize().to_string(),
                weight: i.weight.normalize().to_string(),
                category_ids: i.category_ids.clone(),
                attribute_set_id: i.attribute_set_id.clone(),
                attributes: i
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                no_discount: i.no_discount,
            })
            .collect(),
        shipping_address: cart.shipping_address.as_ref().map(|a| v1::Address {
            country_id: a.country_id.clone(),
            region: a.region.clone(),
            region_id: a.region_id.clone(),
            postcode: a.postcode.clone(),
        }),
        shipping_method: cart.shipping_method.clone(),
        shipping_amount: cart.shipping_amount.normalize().to_string(),
        payment_method: cart.payment_method.clone(),
        coupon_codes: cart.coupon_codes.clone(),
        audience_ids: cart.membership.clone(),
        identity: None,
        evaluated_at: Some(super::time::timestamp_from_datetime(cart.evaluated_at)),
    }
}

fn line_from_proto(i: usize, item: v1::LineItem, v: &mut Vec<FieldViolation>) -> LineItem {
    let path = |f: &str| format!("cart.items[{i}].{f}");
    let qty = match parse_decimal(&item.qty) {
        Ok(q) => q,
        Err(e) => {
            v.push(FieldViolation::new(path("qty"), e));
            // Placeholder that passes `validate` so the parse error is the one reported.
            Decimal::ONE
        }
    };
    let unit_price = decimal_or_zero_at(&item.unit_price, || path("unit_price"), v);
    let unit_price_incl_tax = if item.unit_price_incl_tax.is_empty() {
        unit_price
    } else {
        decimal_or_zero_at(&item.unit_price_incl_tax, || path("unit_price_incl_tax"), v)
    };
    let weight = decimal_or_zero_at(&item.weight, || path("weight"), v);
    LineItem {
        line_id: item.line_id,
        sku: item.sku,
        qty,
        unit_price,
        unit_price_incl_tax,
        weight,
        category_ids: item.category_ids,
        attribute_set_id: item.attribute_set_id,
        attributes: item.attributes.into_iter().collect(),
        no_discount: item.no_discount,
    }
}

/// Every count and string length over its limit (API.md, `docs/limits.md`), found by
/// looking at lengths only. Lists over their count are not looked into.
fn size_violations(
    cart: &v1::Cart,
    header_membership: &[String],
    limits: &CartLimits,
) -> Vec<FieldViolation> {
    let mut v = Vec::new();
    let max = limits.max_string_bytes;
    let decimal = |v: &mut Vec<FieldViolation>, field: &dyn Fn() -> String, s: &str| {
        if s.len() > MAX_DECIMAL_CHARS {
            v.push(FieldViolation::new(
                field(),
                format!(
                    "a decimal of at most {MAX_DECIMAL_CHARS} characters, got {}",
                    s.len()
                ),
            ));
        }
    };
    for (name, value) in [
        ("website_id", &cart.website_id),
        ("currency", &cart.currency),
        ("customer_group_id", &cart.customer_group_id),
        ("customer_id", &cart.customer_id),
        ("shipping_method", &cart.shipping_method),
        ("payment_method", &cart.payment_method),
    ] {
        check_bytes(&mut v, || format!("cart.{name}"), value, max);
    }
    if let Some(a) = &cart.shipping_address {
        for (name, value) in [
            ("country_id", &a.country_id),
            ("region", &a.region),
            ("region_id", &a.region_id),
            ("postcode", &a.postcode),
        ] {
            check_bytes(
                &mut v,
                || format!("cart.shipping_address.{name}"),
                value,
                max,
            );
        }
    }
    decimal(
        &mut v,
        &|| "cart.shipping_amount".into(),
        &cart.shipping_amount,
    );
    if check_entries(
        &mut v,
        || "cart.coupon_codes".into(),
        cart.coupon_codes.len(),
        limits.max_coupons,
        "coupon codes",
    ) {
        for (i, code) in cart.coupon_codes.iter().enumerate() {
            check_bytes(&mut v, || format!("cart.coupon_codes[{i}]"), code, max);
        }
    }
    if check_entries(
        &mut v,
        || "cart.audience_ids".into(),
        cart.audience_ids.len(),
        limits.max_audiences,
        "audience ids",
    ) {
        for (i, id) in cart.audience_ids.iter().enumerate() {
            check_bytes(&mut v, || format!("cart.audience_ids[{i}]"), id, max);
        }
    }
    for id in header_membership {
        check_bytes(&mut v, || crate::MEMBERSHIP_METADATA.to_owned(), id, max);
    }
    if check_entries(
        &mut v,
        || "cart.items".into(),
        cart.items.len(),
        limits.max_items,
        "items",
    ) {
        for (i, item) in cart.items.iter().enumerate() {
            for (name, value) in [
                ("line_id", &item.line_id),
                ("sku", &item.sku),
                ("attribute_set_id", &item.attribute_set_id),
            ] {
                check_bytes(&mut v, || format!("cart.items[{i}].{name}"), value, max);
            }
            for (name, value) in [
                ("qty", &item.qty),
                ("unit_price", &item.unit_price),
                ("unit_price_incl_tax", &item.unit_price_incl_tax),
                ("weight", &item.weight),
            ] {
                decimal(&mut v, &|| format!("cart.items[{i}].{name}"), value);
            }
            let categories = || format!("cart.items[{i}].category_ids");
            if check_entries(
                &mut v,
                categories,
                item.category_ids.len(),
                limits.max_categories_per_line,
                "categories",
            ) {
                for (j, id) in item.category_ids.iter().enumerate() {
                    check_bytes(
                        &mut v,
                        || format!("cart.items[{i}].category_ids[{j}]"),
                        id,
                        max,
                    );
                }
            }
            let attributes = || format!("cart.items[{i}].attributes");
            if check_entries(
                &mut v,
                attributes,
                item.attributes.len(),
                limits.max_attributes_per_line,
                "attributes",
            ) {
                for (key, value) in &item.attributes {
                    // The key is only named once it is known to be short.
                    check_bytes(&mut v, || format!("cart.items[{i}].attributes"), key, max);
                    if key.len() <= max {
                        check_bytes(
                            &mut v,
                            || format!("cart.items[{i}].attributes[{key:?}]"),
                            value,
                            max,
                        );
                    }
                }
            }
        }
    }
    v
}

/// Sorts `cart.items[10]` after `cart.items[9]`: by the numbers inside brackets.
fn field_order(field: &str) -> Vec<(String, usize)> {
    field
        .split('[')
        .map(|part| match part.split_once(']') {
            Some((n, rest)) => (rest.to_owned(), n.parse().unwrap_or(usize::MAX)),
            None => (part.to_owned(), 0),
        })
        .map(|(rest, n)| (format!("{n:020}{rest}"), n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, qty: &str, price: &str) -> v1::LineItem {
        v1::LineItem {
            line_id: id.into(),
            sku: format!("sku-{id}"),
            qty: qty.into(),
            unit_price: price.into(),
            ..Default::default()
        }
    }

    fn cart(items: Vec<v1::LineItem>) -> v1::Cart {
        v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: "0".into(),
            items,
            ..Default::default()
        }
    }

    fn parse(c: &v1::Cart) -> Result<Cart, ValidationError> {
        cart_from_proto(
            Some(c.clone()),
            &["b".into(), "a".into()],
            DateTime::UNIX_EPOCH,
            &CartLimits::default(),
            &Websites::default(),
        )
    }

    fn fields(c: &v1::Cart) -> Vec<String> {
        parse(c)
            .unwrap_err()
            .violations
            .into_iter()
            .map(|f| f.field)
            .collect()
    }

    #[test]
    fn parses_a_valid_cart_and_merges_membership() {
        let mut c = cart(vec![line("1", "2", "9.99"), line("2", "0.5", "4")]);
        c.audience_ids = vec!["c".into(), "a".into()];
        let parsed = parse(&c).unwrap();
        assert_eq!(parsed.subtotal().to_string(), "21.98");
        assert_eq!(parsed.membership, ["a", "b", "c"]);
        assert_eq!(
            parsed.items[0].unit_price_incl_tax,
            parsed.items[0].unit_price
        );
        assert_eq!(parsed.customer_id, None);
    }

    #[test]
    fn names_each_bad_field_in_order() {
        let mut items: Vec<_> = (0..11).map(|i| line(&i.to_string(), "1", "1")).collect();
        items[2].qty = "0".into();
        items[10].unit_price = "1,5".into();
        items[3].qty = "abc".into();
        items[4].line_id = "0".into();
        let mut c = cart(items);
        c.currency = "ZZZ".into();
        assert_eq!(
            fields(&c),
            [
                "cart.currency",
                "cart.items[2].qty",
                "cart.items[3].qty",
                "cart.items[4].line_id",
                "cart.items[10].unit_price"
            ]
        );
    }

    #[test]
    fn negative_price_and_missing_cart() {
        assert_eq!(
            fields(&cart(vec![line("1", "1", "-1")])),
            ["cart.items[0].unit_price"]
        );
        assert!(
            cart_from_proto(
                None,
                &[],
                DateTime::UNIX_EPOCH,
                &CartLimits::default(),
                &Websites::default()
            )
            .is_err()
        );
    }

    #[test]
    fn round_trips_through_the_domain() {
        let mut c = cart(vec![line("1", "2", "9.99")]);
        c.items[0].category_ids = vec!["3".into()];
        c.items[0].attributes.insert("color".into(), "red".into());
        c.shipping_amount = "5".into();
        c.audience_ids = vec!["a".into(), "b".into()];
        c.evaluated_at = Some(pbjson_types::Timestamp {
            seconds: 1_780_000_000,
            nanos: 0,
        });
        let parsed = cart_from_proto(
            Some(c.clone()),
            &[],
            DateTime::UNIX_EPOCH,
            &CartLimits::default(),
            &Websites::default(),
        )
        .unwrap();
        let back = cart_to_proto(&parsed);
        let again = cart_from_proto(
            Some(back.clone()),
            &[],
            DateTime::UNIX_EPOCH,
            &CartLimits::default(),
            &Websites::default(),
        )
        .unwrap();
        assert_eq!(parsed, again);
        assert_eq!(back.items[0].unit_price, "9.99");
    }

    #[test]
    fn too_many_items_is_one_violation() {
        let items: Vec<_> = (0..1001).map(|i| line(&i.to_string(), "x", "1")).collect();
        assert_eq!(fields(&cart(items)), ["cart.items"]);
    }

    /// 300,000 empty coupon codes (about 1 MB) are one violation, found without looking at
    /// a single code.
    #[test]
    fn too_many_coupon_codes_is_one_violation() {
        let mut c = cart(vec![line("l1", "1", "10")]);
        c.coupon_codes = vec![String::new(); 300_000];
        let err = parse(&c).unwrap_err();
        assert_eq!(err.violations.len(), 1);
        assert_eq!(err.violations[0].field, "cart.coupon_codes");
        assert!(
            err.to_string()
                .contains("at most 1 coupon codes, got 300000"),
            "{err}"
        );
    }

    #[test]
    fn oversized_strings_and_lists_name_their_field() {
        let huge = "x".repeat(3 << 20);
        let mut c = cart(vec![line("l1", "1", "10"), line("l2", "1", "10")]);
        c.website_id = huge.clone();
        c.items[0].sku = huge.clone();
        c.items[0].attributes.insert("color".into(), huge.clone());
        c.items[1].category_ids = vec!["1".into(); 300_000];
        c.items[1].qty = "1".repeat(1000);
        let err = parse(&c).unwrap_err();
        let fields: Vec<&str> = err.violations.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "cart.website_id",
                "cart.items[0].sku",
                "cart.items[0].attributes[\"color\"]",
                "cart.items[1].qty",
                "cart.items[1].category_ids",
            ]
        );
        // The message never echoes the oversized values.
        assert!(err.to_string().len() < 2_000, "{}", err.to_string().len());
    }

    /// Many bad lines: the first 20 violations are reported and the rest counted.
    #[test]
    fn violations_are_capped() {
        let items: Vec<v1::LineItem> = (0..1000)
            .map(|i| line(&format!("l{i}"), "0", "-1"))
            .collect();
        let err = parse(&cart(items)).unwrap_err();
        assert_eq!(
            err.violations.len(),
            cohort_domain::error::MAX_REPORTED_VIOLATIONS
        );
        assert_eq!(err.count(), 2000);
        assert_eq!(err.violations[0].field, "cart.items[0].qty");
    }
}
