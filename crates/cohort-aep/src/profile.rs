//! A Real-Time Customer Profile's `segmentMembership` map:
//! `segmentMembership.<namespace>.<id> = {"status", "lastQualificationTime"}`. Only
//! `realized` and `existing` make the profile a member; `exited` keeps the entry so Adobe
//! can report the exit, but the shopper is out.

use chrono::{DateTime, Utc};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembershipStatus {
    Realized,
    Existing,
    Exited,
    /// A status this crate does not know; never counts as membership.
    Other(String),
}

impl MembershipStatus {
    fn parse(status: &str) -> Self {
        match status {
            "realized" => Self::Realized,
            "existing" => Self::Existing,
            "exited" => Self::Exited,
            other => Self::Other(other.to_owned()),
        }
    }

    pub fn is_member(&self) -> bool {
        matches!(self, Self::Realized | Self::Existing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSegment {
    /// `ups` for AEP audiences.
    pub namespace: String,
    pub id: String,
    pub status: MembershipStatus,
    pub last_qualification_time: Option<DateTime<Utc>>,
}

/// Every entry of the profile's membership map. Accepts the profile entity itself, an
/// object with `entity` (one Profile Access record), or the Profile Access response (a map
/// of entity id to record). Entries without a string status are left out.
pub fn profile_segments(profile: &Value) -> Vec<ProfileSegment> {
    let mut out = Vec::new();
    for map in membership_maps(profile) {
        let Some(namespaces) = map.as_object() else {
            continue;
        };
        for (namespace, entries) in namespaces {
            let Some(entries) = entries.as_object() else {
                continue;
            };
            for (id, entry) in entries {
                let Some(status) = entry.get("status").and_then(Value::as_str) else {
                    continue;
                };
                out.push(ProfileSegment {
                    namespace: namespace.clone(),
                    id: id.clone(),
                    status: MembershipStatus::parse(status),
                    last_qualification_time: entry
                        .get("lastQualificationTime")
                        .and_then(Value::as_str)
                        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                        .map(|t| t.with_timezone(&Utc)),
                });
            }
        }
    }
    out
}

/// Ids the profile is a member of (realized or existing), sorted and de-duplicated.
pub fn profile_member_ids(profile: &Value) -> Vec<String> {
    let mut ids: Vec<String> = profile_segments(profile)
        .into_iter()
        .filter(|s| s.status.is_member())
        .map(|s| s.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn membership_maps(profile: &Value) -> Vec<&Value> {
    if let Some(map) = profile.get("segmentMembership") {
        return vec![map];
    }
    if let Some(entity) = profile.get("entity") {
        return entity.get("segmentMembership").into_iter().collect();
    }
    profile
        .as_object()
        .map(|records| {
            records
                .values()
                .filter_map(|r| r.get("entity")?.get("segmentMembership"))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn profile() -> Value {
        json!({"segmentMembership": {"ups": {
            "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63": {"status": "realized", "lastQualificationTime": "2024-05-01T10:00:00Z"},
            "b": {"status": "existing", "lastQualificationTime": "2024-04-01T10:00:00Z"},
            "c": {"status": "exited", "lastQualificationTime": "2024-04-02T10:00:00Z"},
            "d": {"status": "pending"},
            "e": {"lastQualificationTime": "2024-04-02T10:00:00Z"}
        }}})
    }

    #[test]
    fn realized_and_existing_count_exited_does_not() {
        assert_eq!(
            profile_member_ids(&profile()),
            ["6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63", "b"]
        );
        let segments = profile_segments(&profile());
        assert_eq!(segments.len(), 4);
        let exited = segments.iter().find(|s| s.id == "c").unwrap();
        assert_eq!(exited.status, MembershipStatus::Exited);
        assert_eq!(
            exited.last_qualification_time.unwrap().to_rfc3339(),
            "2024-04-02T10:00:00+00:00"
        );
    }

    #[test]
    fn reads_profile_access_shapes() {
        let record = json!({"entityId": "x", "entity": profile()});
        assert_eq!(profile_member_ids(&record).len(), 2);
        let response = json!({"BVrqzwVv7o2p3naHvnsWpqZXv3KJgA": record});
        assert_eq!(profile_member_ids(&response).len(), 2);
        assert!(profile_member_ids(&json!({"person": {}})).is_empty());
        assert!(profile_member_ids(&json!(null)).is_empty());
    }
}
