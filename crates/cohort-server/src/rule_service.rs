//! `cohort.v1.RuleService`: each RPC is one `App` call (`cohort_app::rules`).

use std::sync::Arc;

use std::pin::Pin;

use cohort_app::audit::ChangeQuery;
use cohort_app::rules::RuleQuery;
use cohort_app::{App, AppError, MembershipInput};
use cohort_domain::ReplaySummary;
use cohort_proto::convert::{
    cart_simulated_to_proto, replay_summary_to_proto, simulation_to_proto,
};
use cohort_proto::v1;
use cohort_proto::v1::rule_service_server::RuleService;
use tokio_stream::Stream;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

use crate::auth::actor;
use crate::status;
use crate::status::answer;

/// Replays (`SimulateCarts`) running at once at most: each prices carts on a task of its
/// own for as long as its caller streams them, outside the load shedding and the deadline
/// that bound a unary call.
const MAX_REPLAYS: usize = 2;

pub struct Rules {
    app: Arc<App>,
    replays: Arc<tokio::sync::Semaphore>,
}

impl Rules {
    pub fn new(app: Arc<App>) -> Self {
        Self {
            app,
            replays: Arc::new(tokio::sync::Semaphore::new(MAX_REPLAYS)),
        }
    }
}

#[tonic::async_trait]
impl RuleService for Rules {
    async fn create_rule(
        &self,
        request: Request<v1::CreateRuleRequest>,
    ) -> Result<Response<v1::CreateRuleResponse>, Status> {
        answer(
            async {
                let rule = self
                    .app
                    .create_rule(request.get_ref().rule.as_ref(), &actor(&request))
                    .await?;
                Ok(v1::CreateRuleResponse { rule: Some(rule) })
            }
            .await,
        )
    }

    async fn get_rule(
        &self,
        request: Request<v1::GetRuleRequest>,
    ) -> Result<Response<v1::GetRuleResponse>, Status> {
        answer(
            async {
                let rule = self.app.get_rule(request.get_ref().id).await?;
                Ok(v1::GetRuleResponse { rule: Some(rule) })
            }
            .await,
        )
    }

    async fn update_rule(
        &self,
        request: Request<v1::UpdateRuleRequest>,
    ) -> Result<Response<v1::UpdateRuleResponse>, Status> {
        answer(
            async {
                let rule = self
                    .app
                    .update_rule(request.get_ref().rule.as_ref(), &actor(&request))
                    .await?;
                Ok(v1::UpdateRuleResponse { rule: Some(rule) })
            }
            .await,
        )
    }

    async fn delete_rule(
        &self,
        request: Request<v1::DeleteRuleRequest>,
    ) -> Result<Response<v1::DeleteRuleResponse>, Status> {
        answer(
            async {
                self.app
                    .delete_rule(request.get_ref().id, &actor(&request))
                    .await?;
                Ok(v1::DeleteRuleResponse {})
            }
            .await,
        )
    }

    async fn list_rule_changes(
        &self,
        request: Request<v1::ListRuleChangesRequest>,
    ) -> Result<Response<v1::ListRuleChangesResponse>, Status> {
        let req = request.into_inner();
        answer(
            self.app
                .list_rule_changes(&ChangeQuery {
                    rule_id: req.rule_id,
                    page_size: req.page_size,
                    page_token: req.page_token,
                })
                .await,
        )
    }

    async fn restore_rule(
        &self,
        request: Request<v1::RestoreRuleRequest>,
    ) -> Result<Response<v1::RestoreRuleResponse>, Status> {
        let by = actor(&request);
        let req = request.into_inner();
        answer(
            async {
                let rule = self.app.restore_rule(req.id, req.version, &by).await?;
                Ok(v1::RestoreRuleResponse { rule: Some(rule) })
            }
            .await,
        )
    }

    async fn list_rules(
        &self,
        request: Request<v1::ListRulesRequest>,
    ) -> Result<Response<v1::ListRulesResponse>, Status> {
        let req = request.into_inner();
        answer(
            async {
                let page = self
                    .app
                    .list_rules(&RuleQuery {
                        active_only: req.active_only,
                        audience_id: req.audience_id,
                        coupon_code: req.coupon_code,
                        page_size: req.page_size,
                        page_token: req.page_token,
                    })
                    .await?;
                Ok(v1::ListRulesResponse {
                    rules: page.rules,
                    next_page_token: page.next_page_token,
                })
            }
            .await,
        )
    }

    async fn validate_rule(
        &self,
        request: Request<v1::ValidateRuleRequest>,
    ) -> Result<Response<v1::ValidateRuleResponse>, Status> {
        answer(
            async {
                self.app
                    .validate_rule(request.get_ref().rule.as_ref())
                    .await?;
                Ok(v1::ValidateRuleResponse {})
            }
            .await,
        )
    }

    async fn simulate_cart(
        &self,
        request: Request<v1::SimulateCartRequest>,
    ) -> Result<Response<v1::SimulateCartResponse>, Status> {
        answer(
            async {
                let s = self
                    .app
                    .simulate_cart(request.get_ref(), chrono::Utc::now())
                    .await?;
                Ok(simulation_to_proto(
                    (s.live.priced, s.live.membership),
                    (s.simulated.priced, s.simulated.membership),
                    &s.comparison,
                    s.draft_rule_ids,
                ))
            }
            .await,
        )
    }

    type SimulateCartsStream =
        Pin<Box<dyn Stream<Item = Result<v1::SimulateCartsResponse, Status>> + Send>>;

    async fn simulate_carts(
        &self,
        request: Request<Streaming<v1::SimulateCartsRequest>>,
    ) -> Result<Response<Self::SimulateCartsStream>, Status> {
        let permit = Arc::clone(&self.replays).try_acquire_owned().map_err(|_| {
            Status::resource_exhausted(format!(
                "at most {MAX_REPLAYS} SimulateCarts replays run at once; retry when one ends"
            ))
        })?;
        let mut inbound = request.into_inner();
        let Some(v1::SimulateCartsRequest {
            item: Some(v1::simulate_carts_request::Item::Setup(setup)),
        }) = inbound.message().await?
        else {
            return Err(status::invalid_field(
                "setup",
                "the first message must be the setup",
            ));
        };
        let prepared = self
            .app
            .prepare_simulation(&setup.draft_rules, &setup.disabled_rule_ids)
            .await
            .map_err(status::grpc)?;
        let app = Arc::clone(&self.app);
        // A small buffer: a caller that stops reading stops the replay.
        let (tx, rx) = tokio::sync::mpsc::channel(64);
        tokio::spawn(async move {
            // Held until the replay ends.
            let _permit = permit;
            let input = MembershipInput {
                header: &[],
                token: None,
                trusted: true,
            };
            let now = chrono::Utc::now();
            let mut summary = ReplaySummary::default();
            let mut index = 0u64;
            loop {
                let answer = match inbound.message().await {
                    Err(status) => Err(status),
                    Ok(None) => {
                        let last = replay_summary_to_proto(&summary, prepared.draft_rule_ids);
                        let _ = tx
                            .send(Ok(v1::SimulateCartsResponse {
                                item: Some(v1::simulate_carts_response::Item::Summary(last)),
                            }))
                            .await;
                        return;
                    }
                    Ok(Some(v1::SimulateCartsRequest {
                        item: Some(v1::simulate_carts_request::Item::Cart(cart)),
                    })) => app
                        .simulate_prepared(&prepared, cart, &input, now)
                        .await
                        .map_err(|e| at_cart(index, e))
                        .and_then(|(live, simulated, comparison)| {
                            summary
                                .add(&live.priced, &simulated.priced, &comparison)
                                .map_err(|e| {
                                    status::invalid_field(
                                        &format!("carts[{index}].cart.currency"),
                                        e,
                                    )
                                })?;
                            Ok(v1::SimulateCartsResponse {
                                item: Some(v1::simulate_carts_response::Item::Cart(
                                    cart_simulated_to_proto(index, &live.priced, &simulated.priced),
                                )),
                            })
                        }),
                    Ok(Some(_)) => Err(status::invalid_field(
                        &format!("carts[{index}]"),
                        "every message after the setup must be a cart",
                    )),
                };
                let failed = answer.is_err();
                if tx.send(answer).await.is_err() || failed {
                    return;
                }
                index += 1;
            }
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }
}

/// A replayed cart's error, its fields under `carts[i]`.
fn at_cart(index: u64, e: AppError) -> Status {
    match e {
        AppError::Invalid(mut v) => {
            for f in &mut v.violations {
                f.field = format!("carts[{index}].{}", f.field);
            }
            status::grpc(AppError::Invalid(v))
        }
        e => status::grpc(e),
    }
}
