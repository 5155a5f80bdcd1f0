//! Imported audiences and audience sync runs, with their states, each named through one
//! table (`NAMES`): the stored spelling, and what the CLI accepts (case-insensitively).

use chrono::{DateTime, Utc};

use crate::names::Named;

/// An audience as Cohort keeps it (imported from Experience Platform or an export file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    pub id: String,
    pub name: String,
    pub description: String,
    pub namespace: String,
    pub origin: String,
    pub state: AudienceState,
    /// Last changed in AEP, when AEP said.
    pub updated_at: Option<DateTime<Utc>>,
    /// When a sync or import last wrote it (set by the store).
    pub synced_at: Option<DateTime<Utc>>,
}

/// What one sync run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncCounts {
    pub created: u32,
    pub updated: u32,
    pub deleted: u32,
    pub unchanged: u32,
}

/// One audience sync or import run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRun {
    pub id: u64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub status: SyncStatus,
    pub counts: SyncCounts,
    /// Why it failed (secret-free); empty otherwise.
    pub error: String,
}

/// An imported audience's state: Adobe's lifecycle (`published`, `draft`, `inactive`,
/// `archived`) in Cohort's words. A rule may only reference audiences that were imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AudienceState {
    Active,
    Draft,
    Inactive,
    /// Archived in AEP, or gone from the last complete sync.
    Deleted,
}

impl Named for AudienceState {
    /// The stored names.
    const NAMES: &'static [(AudienceState, &'static str)] = &[
        (AudienceState::Active, "ACTIVE"),
        (AudienceState::Draft, "DRAFT"),
        (AudienceState::Inactive, "INACTIVE"),
        (AudienceState::Deleted, "DELETED"),
    ];
}

/// An audience sync run's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncStatus {
    Running,
    Succeeded,
    /// It failed (the previous audiences stay), or its process stopped while it ran.
    Failed,
}

impl Named for SyncStatus {
    /// The stored names.
    const NAMES: &'static [(SyncStatus, &'static str)] = &[
        (SyncStatus::Running, "RUNNING"),
        (SyncStatus::Succeeded, "SUCCEEDED"),
        (SyncStatus::Failed, "FAILED"),
    ];
}

impl std::fmt::Display for AudienceState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, so `{:<8}` lines up a table column.
        f.pad(self.as_str())
    }
}

impl std::fmt::Display for SyncStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, so `{:<8}` lines up a table column.
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_both_ways() {
        for &(state, name) in AudienceState::NAMES {
            assert_eq!(state.as_str(), name);
            assert_eq!(AudienceState::parse(name), Some(state));
            assert_eq!(AudienceState::parse(&name.to_lowercase()), Some(state));
        }
        for &(status, name) in SyncStatus::NAMES {
            assert_eq!(status.as_str(), name);
            assert_eq!(SyncStatus::parse(name), Some(status));
        }
        assert_eq!(AudienceState::parse("archived"), None);
        assert_eq!(SyncStatus::parse(""), None);
    }
}
