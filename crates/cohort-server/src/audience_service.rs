//! `cohort.v1.AudienceService`: search the imported audiences, read one, run a sync now,
//! read the latest sync run. Page tokens are the offset of the next page, in decimal.

use std::sync::Arc;

use cohort_proto::convert::{timestamp_from_datetime, timestamp_to_datetime};
use cohort_proto::v1;
use cohort_proto::v1::audience_service_server::AudienceService;
use cohort_store::{AudienceFilter, AudienceOrder, AudienceRow, Store, SyncRunRow};
use tonic::{Request, Response, Status};

use crate::audience_sync::Syncer;
use crate::rule_service::page_size;
use crate::status;

/// How long SyncAudiences waits for its run before answering with it still RUNNING.
const SYNC_ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(3);

pub struct Audiences {
    store: Store,
    syncer: Arc<Syncer>,
}

impl Audiences {
    pub fn new(store: Store, syncer: Arc<Syncer>) -> Self {
        Self { store, syncer }
    }

    async fn to_proto(&self, row: AudienceRow) -> Result<v1::Audience, Status> {
        let rule_ids = self
            .store
            .rules_by_audience(&row.id)
            .await
            .map_err(status::store)?;
        Ok(audience_to_proto(row, rule_ids))
    }
}

pub fn audience_to_proto(row: AudienceRow, rule_ids: Vec<u64>) -> v1::Audience {
    let state = match row.state.as_str() {
        "ACTIVE" => v1::AudienceState::Active,
        "DRAFT" => v1::AudienceState::Draft,
        "INACTIVE" => v1::AudienceState::Inactive,
        "DELETED" => v1::AudienceState::Deleted,
        _ => v1::AudienceState::Unspecified,
    };
    v1::Audience {
        id: row.id,
        name: row.name,
        description: row.description,
        namespace: row.namespace,
        origin: row.origin,
        state: state as i32,
        updated_at: row.updated_at.map(timestamp_from_datetime),
        synced_at: row.synced_at.map(timestamp_from_datetime),
        rule_ids,
    }
}

pub fn sync_run_to_proto(run: SyncRunRow) -> v1::SyncRun {
    let status = match run.status.as_str() {
        "RUNNING" => v1::SyncStatus::Running,
        "SUCCEEDED" => v1::SyncStatus::Succeeded,
        "FAILED" => v1::SyncStatus::Failed,
        _ => v1::SyncStatus::Unspecified,
    };
    v1::SyncRun {
        id: run.id,
        started_at: Some(timestamp_from_datetime(run.started_at)),
        finished_at: run.finished_at.map(timestamp_from_datetime),
        status: status as i32,
        created: run.counts.created,
        updated: run.counts.updated,
        deleted: run.counts.deleted,
        unchanged: run.counts.unchanged,
        error: run.error,
    }
}

/// `order_by` of ListAudiencesRequest.
pub fn parse_order_by(order_by: &str) -> Result<AudienceOrder, Status> {
    let words: Vec<&str> = order_by.split_whitespace().collect();
    match words.as_slice() {
        [] | ["name"] | ["name", "asc"] => Ok(AudienceOrder::Name),
        ["name", "desc"] => Ok(AudienceOrder::NameDesc),
        ["updated_at"] | ["updated_at", "asc"] => Ok(AudienceOrder::UpdatedAt),
        ["updated_at", "desc"] => Ok(AudienceOrder::UpdatedAtDesc),
        _ => Err(status::invalid_field(
            "order_by",
            format!(
                "must be \"name\", \"name desc\", \"updated_at\" or \"updated_at desc\", got {order_by:?}"
            ),
        )),
    }
}

fn state_filter(states: &[i32]) -> Result<Vec<String>, Status> {
    let mut out = Vec::with_capacity(states.len());
    for (i, s) in states.iter().enumerate() {
        let name = match v1::AudienceState::try_from(*s) {
            Ok(v1::AudienceState::Active) => "ACTIVE",
            Ok(v1::AudienceState::Draft) => "DRAFT",
            Ok(v1::AudienceState::Inactive) => "INACTIVE",
            Ok(v1::AudienceState::Deleted) => "DELETED",
            _ => {
                return Err(status::invalid_field(
                    &format!("states[{i}]"),
                    format!("{s} is not an audience state"),
                ));
            }
        };
        out.push(name.to_owned());
    }
    Ok(out)
}

fn bad_instant(field: &str) -> Status {
    status::invalid_field(field, "is not a valid timestamp")
}

fn page_offset(token: &str) -> Result<u64, Status> {
    if token.is_empty() {
        return Ok(0);
    }
    token
        .parse()
        .map_err(|_| status::invalid_field("page_token", "is not a token from a previous response"))
}

#[tonic::async_trait]
impl AudienceService for Audiences {
    async fn list_audiences(
        &self,
        request: Request<v1::ListAudiencesRequest>,
    ) -> Result<Response<v1::ListAudiencesResponse>, Status> {
        let req = request.into_inner();
        let mut v = Vec::new();
        status::text_size(&mut v, || "query".into(), &req.query);
        status::text_size(&mut v, || "page_token".into(), &req.page_token);
        status::text_size(&mut v, || "order_by".into(), &req.order_by);
        status::list_size(&mut v, "states", req.states.len());
        status::refuse(v)?;
        let limit = page_size(req.page_size)?;
        let offset = page_offset(&req.page_token)?;
        let order = parse_order_by(&req.order_by)?;
        let filter = AudienceFilter {
            query: req.query.trim().to_owned(),
            states: state_filter(&req.states)?,
            updated_after: req
                .updated_after
                .as_ref()
                .map(|ts| timestamp_to_datetime(ts).ok_or_else(|| bad_instant("updated_after")))
                .transpose()?,
            updated_before: req
                .updated_before
                .as_ref()
                .map(|ts| timestamp_to_datetime(ts).ok_or_else(|| bad_instant("updated_before")))
                .transpose()?,
        };
        let (rows, total) = self
            .store
            .list_audiences(&filter, order, offset, limit)
            .await
            .map_err(status::store)?;
        let next = offset + rows.len() as u64;
        let next_page_token = if !rows.is_empty() && next < total {
            next.to_string()
        } else {
            String::new()
        };
        let mut audiences = Vec::with_capacity(rows.len());
        for row in rows {
            audiences.push(self.to_proto(row).await?);
        }
        Ok(Response::new(v1::ListAudiencesResponse {
            audiences,
            next_page_token,
            total_size: u32::try_from(total).unwrap_or(u32::MAX),
        }))
    }

    async fn get_audience(
        &self,
        request: Request<v1::GetAudienceRequest>,
    ) -> Result<Response<v1::GetAudienceResponse>, Status> {
        let id = request.into_inner().id;
        if id.trim().is_empty() {
            return Err(status::invalid_field("id", "is required"));
        }
        let row = self
            .store
            .get_audience(&id)
            .await
            .map_err(status::store)?
            .ok_or_else(|| Status::not_found(format!("audience {id:?} not found")))?;
        Ok(Response::new(v1::GetAudienceResponse {
            audience: Some(self.to_proto(row).await?),
        }))
    }

    async fn sync_audiences(
        &self,
        request: Request<v1::SyncAudiencesRequest>,
    ) -> Result<Response<v1::SyncAudiencesResponse>, Status> {
        if !self.syncer.is_configured() {
            return Err(status::sync(crate::audience_sync::SyncError::NotConfigured));
        }
        // The sync runs on its own task, outside the caller's deadline: a caller that gives
        // up never leaves a run RUNNING. The answer comes within SYNC_ANSWER_WITHIN (or
        // three quarters of the caller's deadline): the finished run, or the run still
        // RUNNING, to follow with GetSyncStatus.
        let wait = request
            .metadata()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(crate::layers::parse_grpc_timeout)
            .map_or(SYNC_ANSWER_WITHIN, |d| (d * 3 / 4).min(SYNC_ANSWER_WITHIN));
        let syncer = self.syncer.clone();
        let mut task = tokio::spawn(async move { syncer.run_once().await });
        let run = match tokio::time::timeout(wait, &mut task).await {
            Ok(Ok(result)) => result.map_err(status::sync)?,
            Ok(Err(join)) => return Err(status::internal("the audience sync task failed", &join)),
            Err(_) => match self.store.latest_sync_run().await.map_err(status::store)? {
                Some(run) => run,
                None => {
                    return Err(Status::unavailable(
                        "the sync is starting (waiting for another sync); retry GetSyncStatus",
                    ));
                }
            },
        };
        Ok(Response::new(v1::SyncAudiencesResponse {
            run: Some(sync_run_to_proto(run)),
        }))
    }

    async fn get_sync_status(
        &self,
        _request: Request<v1::GetSyncStatusRequest>,
    ) -> Result<Response<v1::GetSyncStatusResponse>, Status> {
        let run = self.store.latest_sync_run().await.map_err(status::store)?;
        Ok(Response::new(v1::GetSyncStatusResponse {
            run: run.map(sync_run_to_proto),
        }))
    }
}
