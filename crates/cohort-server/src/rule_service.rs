//! `cohort.v1.RuleService`: validated, transactional rule writes; each bumps the rule set
//! version and swaps the rebuilt set in before answering, so the caller's next PriceCart
//! sees it.

use std::sync::Arc;

use cohort_domain::rule::CartPriceRule;
use cohort_proto::convert::rule_from_proto;
use cohort_proto::v1;
use cohort_proto::v1::rule_service_server::RuleService;
use cohort_store::{RuleFilter, Store};
use tonic::{Request, Response, Status};

use crate::rules::{LiveRules, row_to_proto, rule_write};
use crate::status;

pub struct Rules {
    store: Store,
    live: Arc<LiveRules>,
    /// `limits.max_rule_nodes`.
    max_nodes: usize,
}

impl Rules {
    pub fn new(store: Store, live: Arc<LiveRules>) -> Self {
        Self {
            store,
            live,
            max_nodes: cohort_domain::validate::MAX_TREE_NODES,
        }
    }

    pub fn with_max_nodes(mut self, max: usize) -> Self {
        self.max_nodes = max.min(cohort_domain::validate::MAX_TREE_NODES);
        self
    }

    /// Parses and validates a rule, including the configured tree size.
    fn parse(
        &self,
        rule: Option<&v1::CartPriceRule>,
    ) -> Result<(v1::CartPriceRule, CartPriceRule), Status> {
        let (proto, domain) = parse(rule)?;
        for (field, tree) in [
            ("rule.conditions", &domain.conditions),
            ("rule.action_conditions", &domain.action_conditions),
        ] {
            let nodes = tree.as_ref().map_or(0, count_nodes);
            if nodes > self.max_nodes {
                return Err(status::invalid_field(
                    field,
                    format!(
                        "condition tree has {nodes} nodes; limits.max_rule_nodes is {}",
                        self.max_nodes
                    ),
                ));
            }
        }
        Ok((proto, domain))
    }

    fn writable(&self) -> Result<(), Status> {
        if self.live.read_only() {
            return Err(Status::failed_precondition(
                "rules are read-only: the server prices with rules.file",
            ));
        }
        Ok(())
    }

    async fn after_write(&self, version: u64) {
        if let Err(e) = self.live.reload(Some(version)).await {
            // The watcher retries; the write itself is committed.
            tracing::warn!(error = %e, "reload after a rule write failed");
        }
    }

    fn to_proto(row: &cohort_store::RuleRow) -> Result<v1::CartPriceRule, Status> {
        row_to_proto(row).map_err(|e| status::internal("stored rule is unreadable", &e))
    }
}

/// Parses and validates a rule; `INVALID_ARGUMENT` lists every violation.
fn parse(rule: Option<&v1::CartPriceRule>) -> Result<(v1::CartPriceRule, CartPriceRule), Status> {
    let proto = rule.ok_or_else(|| status::invalid_field("rule", "is required"))?;
    let domain = rule_from_proto(proto).map_err(|e| status::invalid_argument(&e))?;
    Ok((proto.clone(), domain))
}

/// Nodes of a tree, counted without recursion.
fn count_nodes(root: &cohort_domain::condition::Condition) -> usize {
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(c) = stack.pop() {
        n += 1;
        stack.extend(c.children());
    }
    n
}

const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 500;

pub(crate) fn page_size(requested: u32) -> Result<u32, Status> {
    match requested {
        0 => Ok(DEFAULT_PAGE),
        n if n <= MAX_PAGE => Ok(n),
        n => Err(status::invalid_field(
            "page_size",
            format!("at most {MAX_PAGE}, got {n}"),
        )),
    }
}

fn parse_rules_token(token: &str) -> Result<Option<(u32, u64)>, Status> {
    if token.is_empty() {
        return Ok(None);
    }
    let bad = || status::invalid_field("page_token", "is not a token from a previous response");
    let (s, i) = token.split_once(':').ok_or_else(bad)?;
    Ok(Some((
        s.parse().map_err(|_| bad())?,
        i.parse().map_err(|_| bad())?,
    )))
}

#[tonic::async_trait]
impl RuleService for Rules {
    async fn create_rule(
        &self,
        request: Request<v1::CreateRuleRequest>,
    ) -> Result<Response<v1::CreateRuleResponse>, Status> {
        self.writable()?;
        let (proto, rule) = self.parse(request.get_ref().rule.as_ref())?;
        let write =
            rule_write(&proto, &rule).map_err(|e| status::internal("encoding the rule", &e))?;
        let (row, version) = self
            .store
            .create_rule(&write)
            .await
            .map_err(status::store)?;
        self.after_write(version).await;
        Ok(Response::new(v1::CreateRuleResponse {
            rule: Some(Self::to_proto(&row)?),
        }))
    }

    async fn get_rule(
        &self,
        request: Request<v1::GetRuleRequest>,
    ) -> Result<Response<v1::GetRuleResponse>, Status> {
        let row = self
            .store
            .get_rule(request.get_ref().id)
            .await
            .map_err(status::store)?;
        Ok(Response::new(v1::GetRuleResponse {
            rule: Some(Self::to_proto(&row)?),
        }))
    }

    async fn update_rule(
        &self,
        request: Request<v1::UpdateRuleRequest>,
    ) -> Result<Response<v1::UpdateRuleResponse>, Status> {
        self.writable()?;
        let (proto, rule) = self.parse(request.get_ref().rule.as_ref())?;
        if proto.id == 0 {
            return Err(status::invalid_field("rule.id", "is required"));
        }
        if proto.version == 0 {
            return Err(status::invalid_field(
                "rule.version",
                "echo the version you read",
            ));
        }
        let write =
            rule_write(&proto, &rule).map_err(|e| status::internal("encoding the rule", &e))?;
        let (row, version) = self
            .store
            .update_rule(proto.id, proto.version, &write)
            .await
            .map_err(status::store)?;
        self.after_write(version).await;
        Ok(Response::new(v1::UpdateRuleResponse {
            rule: Some(Self::to_proto(&row)?),
        }))
    }

    async fn delete_rule(
        &self,
        request: Request<v1::DeleteRuleRequest>,
    ) -> Result<Response<v1::DeleteRuleResponse>, Status> {
        self.writable()?;
        let version = self
            .store
            .delete_rule(request.get_ref().id)
            .await
            .map_err(status::store)?;
        self.after_write(version).await;
        Ok(Response::new(v1::DeleteRuleResponse {}))
    }

    async fn list_rules(
        &self,
        request: Request<v1::ListRulesRequest>,
    ) -> Result<Response<v1::ListRulesResponse>, Status> {
        let req = request.into_inner();
        let mut v = Vec::new();
        status::text_size(&mut v, || "audience_id".into(), &req.audience_id);
        status::text_size(&mut v, || "coupon_code".into(), &req.coupon_code);
        status::text_size(&mut v, || "page_token".into(), &req.page_token);
        status::refuse(v)?;
        let limit = page_size(req.page_size)?;
        let after = parse_rules_token(&req.page_token)?;
        let filter = RuleFilter {
            active_only: req.active_only,
            audience_id: Some(req.audience_id).filter(|s| !s.is_empty()),
            coupon_code: Some(req.coupon_code).filter(|s| !s.is_empty()),
        };
        // One extra row tells whether another page exists.
        let mut rows = self
            .store
            .list_rules(&filter, after, limit + 1)
            .await
            .map_err(status::store)?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_page_token = match (more, rows.last()) {
            (true, Some(last)) => format!("{}:{}", last.sort_order, last.id),
            _ => String::new(),
        };
        let rules = rows.iter().map(Self::to_proto).collect::<Result<_, _>>()?;
        Ok(Response::new(v1::ListRulesResponse {
            rules,
            next_page_token,
        }))
    }

    async fn validate_rule(
        &self,
        request: Request<v1::ValidateRuleRequest>,
    ) -> Result<Response<v1::ValidateRuleResponse>, Status> {
        let (_, rule) = self.parse(request.get_ref().rule.as_ref())?;
        // The checks that need the database: audiences imported, coupon code free.
        let mut missing = Vec::new();
        for id in rule.audience_ids() {
            if self
                .store
                .get_audience(&id)
                .await
                .map_err(status::store)?
                .is_none()
            {
                missing.push(id);
            }
        }
        if !missing.is_empty() {
            return Err(status::store(cohort_store::StoreError::UnknownAudiences(
                missing,
            )));
        }
        if rule.coupon_type == cohort_domain::rule::CouponType::Specific {
            let taken = self
                .store
                .coupons_by_codes(std::slice::from_ref(&rule.coupon_code))
                .await
                .map_err(status::store)?;
            if taken.iter().any(|c| c.rule_id != rule.id || c.generated) {
                return Err(status::store(cohort_store::StoreError::CouponCodeTaken(
                    rule.coupon_code.clone(),
                )));
            }
        }
        Ok(Response::new(v1::ValidateRuleResponse {}))
    }
}
