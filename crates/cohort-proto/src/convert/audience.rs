//! Audiences and sync runs → `cohort.v1` messages, and the state filter of a search.

use cohort_domain::audience::{Audience, AudienceState, SyncRun};
use cohort_domain::{FieldViolation, ValidationError};

use super::enums::{AUDIENCE_STATES, SYNC_STATUSES, from_proto, to_proto};
use super::time::timestamp_from_datetime;
use crate::v1;

/// An audience with the ids of the rules that reference it.
pub fn audience_to_proto(a: Audience, rule_ids: Vec<u64>) -> v1::Audience {
    v1::Audience {
        id: a.id,
        name: a.name,
        description: a.description,
        namespace: a.namespace,
        origin: a.origin,
        state: to_proto(&AUDIENCE_STATES, a.state),
        updated_at: a.updated_at.map(timestamp_from_datetime),
        synced_at: a.synced_at.map(timestamp_from_datetime),
        rule_ids,
    }
}

pub fn sync_run_to_proto(run: SyncRun) -> v1::SyncRun {
    v1::SyncRun {
        id: run.id,
        started_at: Some(timestamp_from_datetime(run.started_at)),
        finished_at: run.finished_at.map(timestamp_from_datetime),
        status: to_proto(&SYNC_STATUSES, run.status),
        created: run.counts.created,
        updated: run.counts.updated,
        deleted: run.counts.deleted,
        unchanged: run.counts.unchanged,
        error: run.error,
    }
}

/// `ListAudiencesRequest.states`: each must name a state (`states[i]` otherwise).
pub fn audience_states_from_proto(states: &[i32]) -> Result<Vec<AudienceState>, ValidationError> {
    let mut v = Vec::new();
    let mut out = Vec::with_capacity(states.len());
    for (i, s) in states.iter().enumerate() {
        match from_proto(&AUDIENCE_STATES, *s) {
            Some(state) => out.push(state),
            None => v.push(FieldViolation::new(
                format!("states[{i}]"),
                format!("{s} is not an audience state"),
            )),
        }
    }
    ValidationError::check(v)?;
    Ok(out)
}
