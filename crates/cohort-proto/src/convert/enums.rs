//! Every enum mapped between the domain and the proto through one table each. Domain →
//! proto takes a value's first row; proto → domain the row of the wire value, so an alias
//! (`UNSPECIFIED` meaning the default) is one more row after the value's own.

use cohort_domain::condition::{
    AddressAttribute, Aggregator, AudienceOperator, Operator, SubselectAttribute,
};
use cohort_domain::coupon_codes::CouponFormat;
use cohort_domain::rule::{CouponType, FreeShipping, SimpleAction};
use cohort_domain::{
    AudienceState, CouponStatus, FieldViolation, MembershipSource, RuleOutcome, SyncStatus,
};

use crate::v1;

/// The wire value of a domain value (0, `UNSPECIFIED`, only if a table missed a value).
pub fn to_proto<D: PartialEq + Copy, P: Copy + Into<i32>>(table: &[(D, P)], value: D) -> i32 {
    table
        .iter()
        .find(|(d, _)| *d == value)
        .map_or(0, |(_, p)| (*p).into())
}

/// The domain value of a wire value, if the table has it.
pub fn from_proto<D: Copy, P: Copy + Into<i32>>(table: &[(D, P)], wire: i32) -> Option<D> {
    table
        .iter()
        .find(|(_, p)| (*p).into() == wire)
        .map(|(d, _)| *d)
}

/// [`from_proto`] for a request field: a missing value (0) is "is required", any other
/// value outside the table an "unknown enum value".
pub(crate) fn field<D: Copy, P: Copy + Into<i32>>(
    table: &[(D, P)],
    wire: i32,
    field: &str,
    v: &mut Vec<FieldViolation>,
) -> Option<D> {
    let found = from_proto(table, wire);
    if found.is_none() {
        v.push(if wire == 0 {
            FieldViolation::new(field, "is required")
        } else {
            FieldViolation::new(field, format!("unknown enum value {wire}"))
        });
    }
    found
}

pub const COUPON_TYPES: [(CouponType, v1::CouponType); 4] = [
    (CouponType::NoCoupon, v1::CouponType::NoCoupon),
    (CouponType::Specific, v1::CouponType::Specific),
    (CouponType::Auto, v1::CouponType::Auto),
    (CouponType::NoCoupon, v1::CouponType::Unspecified),
];

pub const SIMPLE_ACTIONS: [(SimpleAction, v1::SimpleAction); 4] = [
    (SimpleAction::ByPercent, v1::SimpleAction::ByPercent),
    (SimpleAction::ByFixed, v1::SimpleAction::ByFixed),
    (SimpleAction::CartFixed, v1::SimpleAction::CartFixed),
    (SimpleAction::BuyXGetY, v1::SimpleAction::BuyXGetY),
];

pub const FREE_SHIPPING: [(FreeShipping, v1::FreeShipping); 3] = [
    (FreeShipping::None, v1::FreeShipping::Unspecified),
    (FreeShipping::MatchingItems, v1::FreeShipping::MatchingItems),
    (FreeShipping::WholeShipment, v1::FreeShipping::WholeShipment),
];

pub const AGGREGATORS: [(Aggregator, v1::Aggregator); 3] = [
    (Aggregator::All, v1::Aggregator::All),
    (Aggregator::Any, v1::Aggregator::Any),
    (Aggregator::All, v1::Aggregator::Unspecified),
];

pub const OPERATORS: [(Operator, v1::Operator); 10] = [
    (Operator::Eq, v1::Operator::Eq),
    (Operator::Ne, v1::Operator::Ne),
    (Operator::Gte, v1::Operator::Gte),
    (Operator::Gt, v1::Operator::Gt),
    (Operator::Lte, v1::Operator::Lte),
    (Operator::Lt, v1::Operator::Lt),
    (Operator::Contains, v1::Operator::Contains),
    (Operator::NotContains, v1::Operator::NotContains),
    (Operator::IsOneOf, v1::Operator::IsOneOf),
    (Operator::IsNotOneOf, v1::Operator::IsNotOneOf),
];

pub const ADDRESS_ATTRIBUTES: [(AddressAttribute, v1::AddressAttribute); 11] = [
    (AddressAttribute::Subtotal, v1::AddressAttribute::Subtotal),
    (
        AddressAttribute::SubtotalWithDiscount,
        v1::AddressAttribute::SubtotalWithDiscount,
    ),
    (
        AddressAttribute::SubtotalInclTax,
        v1::AddressAttribute::SubtotalInclTax,
    ),
    (AddressAttribute::TotalQty, v1::AddressAttribute::TotalQty),
    (AddressAttribute::Weight, v1::AddressAttribute::Weight),
    (
        AddressAttribute::PaymentMethod,
        v1::AddressAttribute::PaymentMethod,
    ),
    (
        AddressAttribute::ShippingMethod,
        v1::AddressAttribute::ShippingMethod,
    ),
    (AddressAttribute::Postcode, v1::AddressAttribute::Postcode),
    (AddressAttribute::Region, v1::AddressAttribute::Region),
    (AddressAttribute::RegionId, v1::AddressAttribute::RegionId),
    (AddressAttribute::CountryId, v1::AddressAttribute::CountryId),
];

pub const SUBSELECT_ATTRIBUTES: [(SubselectAttribute, v1::SubselectAttribute); 3] = [
    (SubselectAttribute::Qty, v1::SubselectAttribute::Qty),
    (
        SubselectAttribute::RowTotal,
        v1::SubselectAttribute::RowTotal,
    ),
    (
        SubselectAttribute::RowTotalInclTax,
        v1::SubselectAttribute::RowTotalInclTax,
    ),
];

pub const AUDIENCE_OPERATORS: [(AudienceOperator, v1::AudienceOperator); 4] = [
    (AudienceOperator::Matches, v1::AudienceOperator::Matches),
    (
        AudienceOperator::DoesNotMatch,
        v1::AudienceOperator::DoesNotMatch,
    ),
    (AudienceOperator::IsOneOf, v1::AudienceOperator::IsOneOf),
    (
        AudienceOperator::IsNotOneOf,
        v1::AudienceOperator::IsNotOneOf,
    ),
];

pub const COUPON_STATUSES: [(CouponStatus, v1::CouponStatus); 8] = [
    (CouponStatus::Applied, v1::CouponStatus::Applied),
    (CouponStatus::NotFound, v1::CouponStatus::NotFound),
    (CouponStatus::Expired, v1::CouponStatus::Expired),
    (CouponStatus::RuleInactive, v1::CouponStatus::RuleInactive),
    (
        CouponStatus::UsageLimitReached,
        v1::CouponStatus::UsageLimitReached,
    ),
    (
        CouponStatus::CustomerLimitReached,
        v1::CouponStatus::CustomerLimitReached,
    ),
    (
        CouponStatus::ConditionsNotMet,
        v1::CouponStatus::ConditionsNotMet,
    ),
    (CouponStatus::NotApplicable, v1::CouponStatus::NotApplicable),
];

pub const MEMBERSHIP_SOURCES: [(MembershipSource, v1::MembershipSource); 5] = [
    (MembershipSource::Header, v1::MembershipSource::Header),
    (MembershipSource::Token, v1::MembershipSource::Token),
    (MembershipSource::Lookup, v1::MembershipSource::Lookup),
    (MembershipSource::Cache, v1::MembershipSource::Cache),
    (MembershipSource::None, v1::MembershipSource::None),
];

pub const RULE_OUTCOMES: [(RuleOutcome, v1::RuleOutcome); 13] = [
    (RuleOutcome::Applied, v1::RuleOutcome::Applied),
    (RuleOutcome::Inactive, v1::RuleOutcome::Inactive),
    (RuleOutcome::OutsideDates, v1::RuleOutcome::OutsideDates),
    (
        RuleOutcome::WebsiteMismatch,
        v1::RuleOutcome::WebsiteMismatch,
    ),
    (
        RuleOutcome::CustomerGroupMismatch,
        v1::RuleOutcome::CustomerGroupMismatch,
    ),
    (RuleOutcome::CouponMissing, v1::RuleOutcome::CouponMissing),
    (
        RuleOutcome::CouponLimitReached,
        v1::RuleOutcome::CouponLimitReached,
    ),
    (
        RuleOutcome::CustomerLimitReached,
        v1::RuleOutcome::CustomerLimitReached,
    ),
    (
        RuleOutcome::ConditionsNotMet,
        v1::RuleOutcome::ConditionsNotMet,
    ),
    (
        RuleOutcome::NoMatchingItems,
        v1::RuleOutcome::NoMatchingItems,
    ),
    (RuleOutcome::Stopped, v1::RuleOutcome::Stopped),
    (RuleOutcome::ZeroDiscount, v1::RuleOutcome::ZeroDiscount),
    (RuleOutcome::Outbid, v1::RuleOutcome::Outbid),
];

pub const AUDIENCE_STATES: [(AudienceState, v1::AudienceState); 4] = [
    (AudienceState::Active, v1::AudienceState::Active),
    (AudienceState::Draft, v1::AudienceState::Draft),
    (AudienceState::Inactive, v1::AudienceState::Inactive),
    (AudienceState::Deleted, v1::AudienceState::Deleted),
];

pub const SYNC_STATUSES: [(SyncStatus, v1::SyncStatus); 3] = [
    (SyncStatus::Running, v1::SyncStatus::Running),
    (SyncStatus::Succeeded, v1::SyncStatus::Succeeded),
    (SyncStatus::Failed, v1::SyncStatus::Failed),
];

pub const COUPON_FORMATS: [(CouponFormat, v1::CouponFormat); 4] = [
    (CouponFormat::Alphanumeric, v1::CouponFormat::Alphanumeric),
    (CouponFormat::Alphabetic, v1::CouponFormat::Alphabetic),
    (CouponFormat::Numeric, v1::CouponFormat::Numeric),
    (CouponFormat::Alphanumeric, v1::CouponFormat::Unspecified),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row's domain value goes out and back to itself, and every named wire value
    /// (but UNSPECIFIED where it means "required") comes in.
    fn round_trips<D: PartialEq + Copy + std::fmt::Debug, P: Copy + Into<i32>>(t: &[(D, P)]) {
        for (d, p) in t {
            let wire: i32 = (*p).into();
            assert_eq!(from_proto(t, to_proto(t, *d)), Some(*d));
            assert_eq!(from_proto(t, wire), Some(*d));
        }
        assert_eq!(from_proto(t, 9_999), None);
    }

    #[test]
    fn every_table_round_trips() {
        round_trips(&COUPON_TYPES);
        round_trips(&SIMPLE_ACTIONS);
        round_trips(&FREE_SHIPPING);
        round_trips(&AGGREGATORS);
        round_trips(&OPERATORS);
        round_trips(&ADDRESS_ATTRIBUTES);
        round_trips(&SUBSELECT_ATTRIBUTES);
        round_trips(&AUDIENCE_OPERATORS);
        round_trips(&COUPON_STATUSES);
        round_trips(&RULE_OUTCOMES);
        round_trips(&MEMBERSHIP_SOURCES);
        round_trips(&AUDIENCE_STATES);
        round_trips(&SYNC_STATUSES);
        round_trips(&COUPON_FORMATS);
        // Each table lists each wire value once: one reading of the wire.
        assert_eq!(to_proto(&COUPON_TYPES, CouponType::NoCoupon), 1);
        assert_eq!(from_proto(&COUPON_TYPES, 0), Some(CouponType::NoCoupon));
        let mut v = Vec::new();
        assert_eq!(
            field(&SIMPLE_ACTIONS, 0, "rule.simple_action", &mut v),
            None
        );
        assert_eq!(
            field(&SIMPLE_ACTIONS, 77, "rule.simple_action", &mut v),
            None
        );
        assert_eq!(v[0].description, "is required");
        assert_eq!(v[1].description, "unknown enum value 77");
    }

    /// Lists every variant through an exhaustive `match`, so a new variant stops this test
    /// compiling until it is listed, and the check below then asks for its table row.
    macro_rules! variants {
        ($ty:ident: $($v:ident),+ $(,)?) => {{
            let _exhaustive = |x: $ty| match x {
                $($ty::$v => ()),+
            };
            [$($ty::$v),+]
        }};
    }

    fn covers<D: PartialEq + Copy + std::fmt::Debug, P: Copy>(all: &[D], table: &[(D, P)]) {
        for d in all {
            assert!(table.iter().any(|(x, _)| x == d), "{d:?} has no row");
        }
    }

    #[test]
    fn every_domain_value_has_a_row() {
        covers(
            &variants!(MembershipSource: Header, Token, Lookup, Cache, None),
            &MEMBERSHIP_SOURCES,
        );
        covers(
            &variants!(CouponType: NoCoupon, Specific, Auto),
            &COUPON_TYPES,
        );
        covers(
            &variants!(SimpleAction: ByPercent, ByFixed, CartFixed, BuyXGetY),
            &SIMPLE_ACTIONS,
        );
        covers(
            &variants!(FreeShipping: None, MatchingItems, WholeShipment),
            &FREE_SHIPPING,
        );
        covers(&variants!(Aggregator: All, Any), &AGGREGATORS);
        covers(
            &variants!(Operator: Eq, Ne, Gte, Gt, Lte, Lt, Contains, NotContains, IsOneOf, IsNotOneOf),
            &OPERATORS,
        );
        covers(
            &variants!(AddressAttribute: Subtotal, SubtotalWithDiscount, SubtotalInclTax,
                TotalQty, Weight, PaymentMethod, ShippingMethod, Postcode, Region, RegionId,
                CountryId),
            &ADDRESS_ATTRIBUTES,
        );
        covers(
            &variants!(SubselectAttribute: Qty, RowTotal, RowTotalInclTax),
            &SUBSELECT_ATTRIBUTES,
        );
        covers(
            &variants!(AudienceOperator: Matches, DoesNotMatch, IsOneOf, IsNotOneOf),
            &AUDIENCE_OPERATORS,
        );
        covers(
            &variants!(CouponStatus: Applied, NotFound, Expired, RuleInactive,
                UsageLimitReached, CustomerLimitReached, ConditionsNotMet, NotApplicable),
            &COUPON_STATUSES,
        );
        covers(
            &variants!(RuleOutcome: Applied, Inactive, OutsideDates, WebsiteMismatch,
                CustomerGroupMismatch, CouponMissing, CouponLimitReached, CustomerLimitReached,
                ConditionsNotMet, NoMatchingItems, Stopped, ZeroDiscount, Outbid),
            &RULE_OUTCOMES,
        );
        covers(
            &variants!(AudienceState: Active, Draft, Inactive, Deleted),
            &AUDIENCE_STATES,
        );
        covers(
            &variants!(SyncStatus: Running, Succeeded, Failed),
            &SYNC_STATUSES,
        );
        covers(
            &variants!(CouponFormat: Alphanumeric, Alphabetic, Numeric),
            &COUPON_FORMATS,
        );
        // The stored names cover every state too.
        use cohort_domain::Named;
        for s in variants!(AudienceState: Active, Draft, Inactive, Deleted) {
            assert!(!s.as_str().is_empty(), "{s:?}");
        }
        for s in variants!(SyncStatus: Running, Succeeded, Failed) {
            assert!(!s.as_str().is_empty(), "{s:?}");
        }
    }
}
