//! `cohort.v1.RuleService`: each RPC is one `App` call (`cohort_app::rules`).

use std::sync::Arc;

use cohort_app::App;
use cohort_app::rules::RuleQuery;
use cohort_proto::convert::simulation_to_proto;
use cohort_proto::v1;
use cohort_proto::v1::rule_service_server::RuleService;
use tonic::{Request, Response, Status};

use crate::status::answer;

pub struct Rules {
    app: Arc<App>,
}

impl Rules {
    pub fn new(app: Arc<App>) -> Self {
        Self { app }
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
                    .create_rule(request.get_ref().rule.as_ref())
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
                    .update_rule(request.get_ref().rule.as_ref())
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
                self.app.delete_rule(request.get_ref().id).await?;
                Ok(v1::DeleteRuleResponse {})
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
}
