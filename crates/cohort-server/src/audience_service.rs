//! `cohort.v1.AudienceService`: each RPC is one `App` call (`cohort_app::audiences`).

use std::sync::Arc;

use cohort_app::App;
use cohort_app::audiences::{AudienceQuery, AudienceView, SYNC_ANSWER_WITHIN};
use cohort_proto::convert::{
    audience_states_from_proto, audience_to_proto, sync_run_to_proto, timestamp_field,
};
use cohort_proto::v1;
use cohort_proto::v1::audience_service_server::AudienceService;
use tonic::{Request, Response, Status};

use crate::status::answer;

pub struct Audiences {
    app: Arc<App>,
}

impl Audiences {
    pub fn new(app: Arc<App>) -> Self {
        Self { app }
    }
}

fn to_proto(view: AudienceView) -> v1::Audience {
    audience_to_proto(view.audience, view.rule_ids)
}

#[tonic::async_trait]
impl AudienceService for Audiences {
    async fn list_audiences(
        &self,
        request: Request<v1::ListAudiencesRequest>,
    ) -> Result<Response<v1::ListAudiencesResponse>, Status> {
        let req = request.into_inner();
        answer(
            async {
                // Bounded before each state is looked at.
                cohort_app::fields::refuse({
                    let mut v = Vec::new();
                    cohort_app::fields::list_size(&mut v, "states", req.states.len());
                    v
                })?;
                let query = AudienceQuery {
                    states: audience_states_from_proto(&req.states)?,
                    updated_after: timestamp_field(req.updated_after.as_ref(), "updated_after")?,
                    updated_before: timestamp_field(req.updated_before.as_ref(), "updated_before")?,
                    query: req.query,
                    order_by: req.order_by,
                    page_size: req.page_size,
                    page_token: req.page_token,
                };
                let page = self.app.list_audiences(&query).await?;
                Ok(v1::ListAudiencesResponse {
                    audiences: page.audiences.into_iter().map(to_proto).collect(),
                    next_page_token: page.next_page_token,
                    total_size: u32::try_from(page.total_size).unwrap_or(u32::MAX),
                })
            }
            .await,
        )
    }

    async fn get_audience(
        &self,
        request: Request<v1::GetAudienceRequest>,
    ) -> Result<Response<v1::GetAudienceResponse>, Status> {
        answer(
            async {
                let view = self.app.get_audience(&request.get_ref().id).await?;
                Ok(v1::GetAudienceResponse {
                    audience: Some(to_proto(view)),
                })
            }
            .await,
        )
    }

    async fn sync_audiences(
        &self,
        request: Request<v1::SyncAudiencesRequest>,
    ) -> Result<Response<v1::SyncAudiencesResponse>, Status> {
        // The answer comes within SYNC_ANSWER_WITHIN, or three quarters of the caller's
        // deadline: the finished run, or the run still RUNNING, to follow with GetSyncStatus.
        let wait = request
            .metadata()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(crate::layers::parse_grpc_timeout)
            .map_or(SYNC_ANSWER_WITHIN, |d| (d * 3 / 4).min(SYNC_ANSWER_WITHIN));
        answer(
            async {
                let run = self.app.sync_audiences(wait).await?;
                Ok(v1::SyncAudiencesResponse {
                    run: Some(sync_run_to_proto(run)),
                })
            }
            .await,
        )
    }

    async fn get_sync_status(
        &self,
        _request: Request<v1::GetSyncStatusRequest>,
    ) -> Result<Response<v1::GetSyncStatusResponse>, Status> {
        answer(
            async {
                let run = self.app.latest_sync_run().await?;
                Ok(v1::GetSyncStatusResponse {
                    run: run.map(sync_run_to_proto),
                })
            }
            .await,
        )
    }
}
