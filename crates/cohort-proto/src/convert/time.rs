use chrono::{DateTime, Utc};
use pbjson_types::Timestamp;

/// A protobuf timestamp as a UTC instant; `None` when out of chrono's range or invalid
/// (nanos outside 0..1e9).
pub fn timestamp_to_datetime(ts: &Timestamp) -> Option<DateTime<Utc>> {
    let nanos = u32::try_from(ts.nanos)
        .ok()
        .filter(|n| *n < 1_000_000_000)?;
    DateTime::from_timestamp(ts.seconds, nanos)
}

pub fn timestamp_from_datetime(dt: DateTime<Utc>) -> Timestamp {
    Timestamp {
        seconds: dt.timestamp(),
        // Always below 1e9 for a valid DateTime (leap seconds aside, which chrono folds in).
        nanos: i32::try_from(dt.timestamp_subsec_nanos()).unwrap_or(999_999_999),
    }
}

/// An optional request timestamp; one out of range is a violation of `field`.
pub fn timestamp_field(
    ts: Option<&Timestamp>,
    field: &str,
) -> Result<Option<DateTime<Utc>>, cohort_domain::ValidationError> {
    ts.map(|ts| {
        timestamp_to_datetime(ts).ok_or_else(|| {
            cohort_domain::ValidationError::single(field, "is not a valid timestamp")
        })
    })
    .transpose()
}
