//! proto ↔ domain conversions. Field paths in errors are those of the proto messages
//! (`cart.items[2].qty`, `rule.conditions.combine.conditions[0].address.values`), so callers
//! can find the field they sent.

mod audience;
mod cart;
mod coupon;
pub mod enums;
mod files;
mod priced;
mod rule;
mod time;
mod wire;

pub use audience::{audience_states_from_proto, audience_to_proto, sync_run_to_proto};
pub use cart::{cart_from_proto, cart_to_proto};
pub use coupon::{code_spec_from_proto, coupon_from_proto, coupon_to_proto};
pub use files::{
    FileError, coupons_from_json, price_request_from_json, rule_file_from_json,
    rule_list_from_json, rules_from_json, rules_from_proto_list,
};
pub use priced::{
    cart_simulated_to_proto, membership_to_proto, priced_to_proto, replay_summary_to_proto,
    simulation_to_proto,
};
pub use rule::{condition_to_proto, rule_from_proto, rule_to_proto};
pub use time::{timestamp_field, timestamp_from_datetime, timestamp_to_datetime};
pub use wire::encode_priced;

use chrono::NaiveDate;
use cohort_domain::{FieldViolation, parse_date, parse_decimal};
use rust_decimal::Decimal;

/// An empty string is zero (proto3's default); anything else must be a decimal.
pub(crate) fn decimal_or_zero(s: &str, field: &str, v: &mut Vec<FieldViolation>) -> Decimal {
    decimal_or_zero_at(s, || field.to_owned(), v)
}

/// [`decimal_or_zero`] with the field's path built only for an error (a cart's lines would
/// otherwise print `cart.items[i].…` for every field of every line of every call).
pub(crate) fn decimal_or_zero_at(
    s: &str,
    field: impl FnOnce() -> String,
    v: &mut Vec<FieldViolation>,
) -> Decimal {
    if s.is_empty() {
        return Decimal::ZERO;
    }
    parse_decimal(s).unwrap_or_else(|e| {
        v.push(FieldViolation::new(field(), e));
        Decimal::ZERO
    })
}

/// An empty string is no date; anything else must be `YYYY-MM-DD`.
pub(crate) fn optional_date(
    s: &str,
    field: &str,
    v: &mut Vec<FieldViolation>,
) -> Option<NaiveDate> {
    if s.is_empty() {
        return None;
    }
    let date = parse_date(s);
    if date.is_none() {
        v.push(FieldViolation::new(
            field,
            format!("{s:?} is not a YYYY-MM-DD date"),
        ));
    }
    date
}
