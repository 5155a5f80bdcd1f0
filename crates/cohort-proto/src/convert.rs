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

pub use audience::{audience_states_from_proto, audience_to_proto, sync_run_to_proto};
pub use cart::{cart_from_proto, cart_to_proto};
pub use coupon::{code_spec_from_proto, coupon_from_proto, coupon_to_proto};
pub use files::{
    FileError, coupons_from_json, price_request_from_json, rules_from_json, rules_from_proto_list,
};
pub use priced::priced_to_proto;
pub use rule::{condition_to_proto, rule_from_proto, rule_to_proto};
pub use time::{timestamp_field, timestamp_from_datetime, timestamp_to_datetime};
