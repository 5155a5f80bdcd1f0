//! `cohort.v1.CouponService`: each RPC is one `App` call (`cohort_app::coupons`).

use std::sync::Arc;

use cohort_app::App;
use cohort_app::coupons::OrderUsage;
use cohort_proto::convert::coupon_to_proto;

use crate::auth::actor;
use cohort_proto::v1;
use cohort_proto::v1::coupon_service_server::CouponService;
use tonic::{Request, Response, Status};

use crate::status::answer;

pub struct Coupons {
    app: Arc<App>,
}

impl Coupons {
    pub fn new(app: Arc<App>) -> Self {
        Self { app }
    }
}

#[tonic::async_trait]
impl CouponService for Coupons {
    async fn generate_coupons(
        &self,
        request: Request<v1::GenerateCouponsRequest>,
    ) -> Result<Response<v1::GenerateCouponsResponse>, Status> {
        let req = request.get_ref();
        answer(
            async {
                let generated = self.app.generate_coupons(req, &actor(&request)).await?;
                Ok(v1::GenerateCouponsResponse {
                    generated: generated.count,
                    codes: generated.codes,
                })
            }
            .await,
        )
    }

    async fn list_coupons(
        &self,
        request: Request<v1::ListCouponsRequest>,
    ) -> Result<Response<v1::ListCouponsResponse>, Status> {
        let req = request.get_ref();
        answer(
            async {
                let page = self
                    .app
                    .list_coupons(req.rule_id, req.page_size, &req.page_token)
                    .await?;
                Ok(v1::ListCouponsResponse {
                    coupons: page.coupons.iter().map(coupon_to_proto).collect(),
                    next_page_token: page.next_page_token,
                })
            }
            .await,
        )
    }

    async fn record_usage(
        &self,
        request: Request<v1::RecordUsageRequest>,
    ) -> Result<Response<v1::RecordUsageResponse>, Status> {
        let req = request.get_ref();
        answer(
            async {
                let recorded = self
                    .app
                    .record_usage(&OrderUsage {
                        order_id: &req.order_id,
                        customer_id: &req.customer_id,
                        rule_ids: &req.rule_ids,
                        coupon_codes: &req.coupon_codes,
                    })
                    .await?;
                if recorded {
                    metrics::counter!("cohort_usage_records_total").increment(1);
                }
                Ok(v1::RecordUsageResponse { recorded })
            }
            .await,
        )
    }

    async fn cancel_usage(
        &self,
        request: Request<v1::CancelUsageRequest>,
    ) -> Result<Response<v1::CancelUsageResponse>, Status> {
        answer(
            async {
                let released = self.app.cancel_usage(&request.get_ref().order_id).await?;
                Ok(v1::CancelUsageResponse { released })
            }
            .await,
        )
    }
}
