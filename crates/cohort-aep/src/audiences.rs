//! Adobe's audience JSON, turned into [`AepAudience`]. Items are parsed one by one from
//! `serde_json::Value` so that one malformed item is skipped and counted instead of failing
//! its page; the page envelope itself must be well-formed.

use chrono::{DateTime, TimeZone, Utc};
use cohort_domain::AudienceState;
use serde_json::Value;

/// Cohort's view of an audience, from either listing endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AepAudience {
    /// The membership key: what the Edge Network and `aep-segments-membership` carry.
    pub id: String,
    /// Adobe's secondary id (`audienceId`), absent on legacy segment definitions.
    pub audience_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    /// `AEPSegments`, `CustomerAudienceUpload`, …
    pub namespace: Option<String>,
    /// `originName`, e.g. `REAL_TIME_CUSTOMER_PROFILE`.
    pub origin: Option<String>,
    pub state: AudienceState,
    pub updated_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
}

/// Adobe's `lifecycleState` as Cohort's state, as AEP.md maps it: `published` → ACTIVE,
/// `draft` → DRAFT, `inactive` → INACTIVE, `archived` → DELETED.
const LIFECYCLE_STATES: [(AudienceState, &str); 4] = [
    (AudienceState::Active, "published"),
    (AudienceState::Draft, "draft"),
    (AudienceState::Inactive, "inactive"),
    (AudienceState::Deleted, "archived"),
];

pub fn from_lifecycle_state(state: &str) -> Option<AudienceState> {
    LIFECYCLE_STATES
        .iter()
        .find(|(_, name)| *name == state)
        .map(|(s, _)| *s)
}

/// Adobe's spelling, for display and for the fake.
pub fn lifecycle_state(state: AudienceState) -> &'static str {
    LIFECYCLE_STATES
        .iter()
        .find(|(s, _)| *s == state)
        .map_or("", |(_, name)| name)
}

/// One page of a listing, after item parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudiencePage {
    pub audiences: Vec<AepAudience>,
    /// Items that were not usable audiences.
    pub skipped: usize,
    pub total_count: Option<u64>,
    /// Offset of the next page, if there is one.
    pub next: Option<u64>,
}

/// Which kind of item is parsed: legacy segment definitions have no lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Audience,
    SegmentDefinition,
}

/// Parses one audience object (`GET /audiences/{id}` or an item of `children`).
pub fn parse_audience(item: &Value) -> Result<AepAudience, String> {
    parse_item(item, ItemKind::Audience)
}

pub(crate) fn parse_item(item: &Value, kind: ItemKind) -> Result<AepAudience, String> {
    let object = item.as_object().ok_or("item is not an object")?;
    let id = non_empty_str(object.get("id")).ok_or("item has no string \"id\"")?;
    let name = object
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("item {id} has no string \"name\""))?;
    let state = match (kind, object.get("lifecycleState")) {
        (ItemKind::SegmentDefinition, _) | (ItemKind::Audience, None | Some(Value::Null)) => {
            AudienceState::Active
        }
        (ItemKind::Audience, Some(Value::String(s))) => from_lifecycle_state(s)
            .ok_or_else(|| format!("item {id} has unknown lifecycleState {s:?}"))?,
        (ItemKind::Audience, Some(_)) => {
            return Err(format!("item {id} has a non-string lifecycleState"));
        }
    };
    let text = |key: &str| non_empty_str(object.get(key)).map(str::to_owned);
    let updated_at =
        epoch_ms(object.get("updateTime")).or_else(|| epoch_s(object.get("updateEpoch")));
    let created_at =
        epoch_ms(object.get("creationTime")).or_else(|| epoch_s(object.get("createEpoch")));
    Ok(AepAudience {
        id: id.to_owned(),
        audience_id: text("audienceId"),
        name: name.to_owned(),
        description: text("description"),
        namespace: text("namespace"),
        origin: text("originName"),
        state,
        updated_at,
        created_at,
    })
}

/// `{"children": [...], "_page": {"totalCount", "pageSize", "next"}}`
pub(crate) fn parse_audiences_page(body: &Value) -> Result<AudiencePage, String> {
    let children = body
        .get("children")
        .and_then(Value::as_array)
        .ok_or("no \"children\" array")?;
    let page = body.get("_page");
    let total_count = page
        .and_then(|p| p.get("totalCount"))
        .and_then(Value::as_u64);
    let next = parse_next(page.and_then(|p| p.get("next")))?;
    Ok(collect(children, ItemKind::Audience, total_count, next))
}

/// `{"segments": [...], "page": {"totalCount", "totalPages", "pageSize", "limit"}}`. The
/// legacy envelope has no `next`, so the next offset is computed from `start` and the count.
pub(crate) fn parse_segment_definitions_page(
    body: &Value,
    start: u64,
) -> Result<AudiencePage, String> {
    let segments = body
        .get("segments")
        .and_then(Value::as_array)
        .ok_or("no \"segments\" array")?;
    let total_count = body
        .get("page")
        .and_then(|p| p.get("totalCount"))
        .and_then(Value::as_u64);
    let after = start.saturating_add(segments.len() as u64);
    let next = match total_count {
        Some(total) if !segments.is_empty() && after < total => Some(after),
        _ => None,
    };
    Ok(collect(
        segments,
        ItemKind::SegmentDefinition,
        total_count,
        next,
    ))
}

fn collect(
    items: &[Value],
    kind: ItemKind,
    total_count: Option<u64>,
    next: Option<u64>,
) -> AudiencePage {
    let mut audiences = Vec::with_capacity(items.len());
    let mut skipped = 0;
    for item in items {
        match parse_item(item, kind) {
            Ok(audience) => audiences.push(audience),
            Err(reason) => {
                skipped += 1;
                tracing::warn!(%reason, "skipping malformed AEP audience");
            }
        }
    }
    AudiencePage {
        audiences,
        skipped,
        total_count,
        next,
    }
}

/// `_page.next` is a string (`"2"`) or an integer; absent, null or `""` means last page.
fn parse_next(next: Option<&Value>) -> Result<Option<u64>, String> {
    match next {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("_page.next {s:?} is not an offset")),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("_page.next {n} is not an offset")),
        Some(other) => Err(format!("_page.next has unexpected type: {other}")),
    }
}

fn non_empty_str(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn epoch_ms(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let ms = value?.as_i64()?;
    Utc.timestamp_millis_opt(ms).single()
}

fn epoch_s(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let s = value?.as_i64()?;
    Utc.timestamp_opt(s, 0).single()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_fields_and_lifecycle_states() {
        let item = json!({
            "id": "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63", "audienceId": "vip",
            "name": "VIP customers", "description": "Spent > 5k", "namespace": "AEPSegments",
            "originName": "REAL_TIME_CUSTOMER_PROFILE", "lifecycleState": "archived",
            "updateTime": 1_717_000_000_000i64, "createEpoch": 1_700_000_000, "extra": [1]
        });
        let a = parse_audience(&item).unwrap();
        assert_eq!(a.state, AudienceState::Deleted);
        assert_eq!(a.audience_id.as_deref(), Some("vip"));
        assert_eq!(a.updated_at.unwrap().timestamp_millis(), 1_717_000_000_000);
        assert_eq!(a.created_at.unwrap().timestamp(), 1_700_000_000);
        for (s, state) in [
            ("published", AudienceState::Active),
            ("draft", AudienceState::Draft),
            ("inactive", AudienceState::Inactive),
        ] {
            assert_eq!(from_lifecycle_state(s), Some(state));
            assert_eq!(lifecycle_state(state), s);
        }
    }

    #[test]
    fn update_epoch_is_the_fallback_for_update_time() {
        let a =
            parse_audience(&json!({"id": "a", "name": "A", "updateEpoch": 1_700_000_000})).unwrap();
        assert_eq!(a.updated_at.unwrap().timestamp(), 1_700_000_000);
        assert_eq!(a.state, AudienceState::Active);
    }

    #[test]
    fn malformed_items_are_skipped_and_counted() {
        let body = json!({
            "children": [
                {"id": "ok", "name": "Fine", "lifecycleState": "published"},
                {"name": "no id"},
                {"id": "x", "name": 3},
                {"id": "y", "name": "Y", "lifecycleState": "exploded"},
                "not an object"
            ],
            "_page": {"totalCount": 5, "pageSize": 5, "next": 5}
        });
        let page = parse_audiences_page(&body).unwrap();
        assert_eq!(page.audiences.len(), 1);
        assert_eq!(page.skipped, 4);
        assert_eq!(page.next, Some(5));
    }

    #[test]
    fn next_may_be_string_integer_or_absent() {
        let page =
            |next: Value| parse_audiences_page(&json!({"children": [], "_page": {"next": next}}));
        assert_eq!(page(json!("2")).unwrap().next, Some(2));
        assert_eq!(page(json!(2)).unwrap().next, Some(2));
        assert_eq!(page(json!("")).unwrap().next, None);
        assert_eq!(page(Value::Null).unwrap().next, None);
        assert!(page(json!("abc")).is_err());
        assert!(parse_audiences_page(&json!({"_page": {}})).is_err());
    }

    #[test]
    fn legacy_pages_compute_next_from_total_count() {
        let body = json!({
            "segments": [{"id": "s1", "name": "One"}, {"id": "s2", "name": "Two"}],
            "page": {"totalCount": 5, "totalPages": 3, "pageSize": 2, "limit": 2}, "link": {}
        });
        let page = parse_segment_definitions_page(&body, 2).unwrap();
        assert_eq!(page.next, Some(4));
        assert!(
            page.audiences
                .iter()
                .all(|a| a.state == AudienceState::Active)
        );
        assert_eq!(parse_segment_definitions_page(&body, 4).unwrap().next, None);
    }
}
