//! RuleService/SimulateCart over gRPC on the real server: a draft audience rule simulated for
//! a member and a guest, disabled rules, bad drafts, and that nothing is stored or counted.

use cohort_domain::audience::{Audience, AudienceState};
use cohort_proto::v1::{self, CartPriceRule, RuleOutcome};
use cohort_store::Store;
use cohort_tests::CohortServer;
use tonic::Code;

fn rule(name: &str, percent: &str) -> CartPriceRule {
    CartPriceRule {
        name: name.into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: percent.into(),
        ..Default::default()
    }
}

/// 50 % for members of `vip`.
fn vip_rule() -> CartPriceRule {
    CartPriceRule {
        sort_order: 5,
        conditions: Some(v1::Condition {
            kind: Some(v1::condition::Kind::Combine(v1::Combine {
                aggregator: v1::Aggregator::All as i32,
                negate: false,
                conditions: vec![v1::Condition {
                    kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                        operator: v1::AudienceOperator::IsOneOf as i32,
                        audience_ids: vec!["vip".into()],
                    })),
                }],
            })),
        }),
        ..rule("VIP half price", "50")
    }
}

/// Two lines: 2 × 50.00 and 1 × 20.00.
fn cart() -> v1::Cart {
    let line = |id: &str, qty: &str, price: &str| v1::LineItem {
        line_id: id.into(),
        sku: format!("sku-{id}"),
        qty: qty.into(),
        unit_price: price.into(),
        ..Default::default()
    };
    v1::Cart {
        website_id: "base".into(),
        currency: "USD".into(),
        customer_group_id: "1".into(),
        items: vec![line("a", "2", "50"), line("b", "1", "20")],
        ..Default::default()
    }
}

fn simulate(audiences: &[&str], drafts: Vec<CartPriceRule>) -> v1::SimulateCartRequest {
    v1::SimulateCartRequest {
        cart: Some(cart()),
        audience_ids: audiences.iter().map(|s| s.to_string()).collect(),
        evaluated_at: None,
        draft_rules: drafts,
        disabled_rule_ids: vec![],
    }
}

async fn start() -> (CohortServer, u64) {
    let server = CohortServer::start(&[]).await.unwrap();
    let store = Store::connect(server.database_url()).await.unwrap();
    store
        .replace_audiences(&[Audience {
            id: "vip".into(),
            name: "VIP".into(),
            description: String::new(),
            namespace: "AEPSegments".into(),
            origin: String::new(),
            state: AudienceState::Active,
            updated_at: None,
            synced_at: None,
        }])
        .await
        .unwrap();
    let stored = server
        .rules()
        .await
        .unwrap()
        .create_rule(v1::CreateRuleRequest {
            rule: Some(rule("Ten off everything", "10")),
        })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    (server, stored.id)
}

fn outcome(o: i32) -> RuleOutcome {
    RuleOutcome::try_from(o).unwrap()
}

#[tokio::test]
async fn a_draft_audience_rule_is_simulated_for_a_member_and_a_guest_and_stores_nothing() {
    let (server, stored) = start().await;
    let mut rules = server.rules().await.unwrap();
    let version_before = server
        .pricing()
        .await
        .unwrap()
        .price_cart(v1::PriceCartRequest {
            cart: Some(cart()),
            explain: false,
        })
        .await
        .unwrap()
        .into_inner()
        .ruleset_version;

    // A member: 10 % first (120.00 → 12.00), then 50 % of what is left per line (Magento's
    // BY_PERCENT on the price net of earlier discounts): a 45.00 + 9.00 = 54.00.
    let member = rules
        .simulate_cart(simulate(&["vip"], vec![vip_rule()]))
        .await
        .unwrap()
        .into_inner();
    let draft_id = member.draft_rule_ids[0];
    assert!(
        draft_id > stored,
        "a new draft is numbered after the stored rules"
    );
    let live = member.live.as_ref().unwrap();
    let simulated = member.simulated.as_ref().unwrap();
    assert_eq!(live.discount_total, "12.00");
    assert_eq!(live.grand_total, "108.00");
    assert_eq!(simulated.discount_total, "66.00");
    assert_eq!(simulated.grand_total, "54.00");
    assert_eq!(member.discount_total_delta, "54.00");
    assert_eq!(member.grand_total_delta, "-54.00");
    let lines: Vec<_> = member
        .lines
        .iter()
        .map(|l| {
            (
                l.line_id.as_str(),
                l.live_discount.as_str(),
                l.simulated_discount.as_str(),
                l.delta.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("a", "10.00", "55.00", "45.00"),
            ("b", "2.00", "11.00", "9.00")
        ]
    );
    assert_eq!(member.rules.len(), 2, "{:?}", member.rules);
    let (ten, vip) = (&member.rules[0], &member.rules[1]);
    assert_eq!(
        (ten.rule_id, ten.live_discount.as_str(), ten.delta.as_str()),
        (stored, "12.00", "0.00")
    );
    assert_eq!(
        (
            vip.rule_id,
            vip.live_discount.as_str(),
            vip.simulated_discount.as_str(),
            vip.delta.as_str()
        ),
        (draft_id, "0.00", "54.00", "54.00")
    );
    assert_eq!(outcome(vip.live_outcome), RuleOutcome::Unspecified);
    assert_eq!(outcome(vip.simulated_outcome), RuleOutcome::Applied);
    assert!(
        live.trace.iter().all(|t| t.rule_id != draft_id) && !simulated.trace.is_empty(),
        "both traces, the draft only in the simulation's"
    );
    let membership = simulated.membership.as_ref().unwrap();
    assert_eq!(membership.audience_ids, ["vip"]);

    // A guest: the draft does not apply; nothing changes.
    let guest = rules
        .simulate_cart(simulate(&[], vec![vip_rule()]))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(guest.discount_total_delta, "0.00");
    assert_eq!(guest.grand_total_delta, "0.00");
    assert!(guest.lines.iter().all(|l| l.delta == "0.00"));
    assert_eq!(guest.rules.len(), 1, "only the stored rule applied");
    let traced = guest
        .simulated
        .as_ref()
        .unwrap()
        .trace
        .iter()
        .find(|t| t.rule_id == guest.draft_rule_ids[0])
        .unwrap();
    assert_eq!(outcome(traced.outcome), RuleOutcome::ConditionsNotMet);

    // Saved for real, the rule gives the member what the simulation said.
    let listed = rules
        .list_rules(v1::ListRulesRequest::default())
        .await
        .unwrap()
        .into_inner();
    assert_eq!(listed.rules.len(), 1, "the simulation stored no rule");
    let mut pricing = server.pricing().await.unwrap();
    let priced = pricing
        .price_cart(v1::PriceCartRequest {
            cart: Some(cart()),
            explain: false,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        priced.ruleset_version, version_before,
        "no version was published"
    );
    rules
        .create_rule(v1::CreateRuleRequest {
            rule: Some(vip_rule()),
        })
        .await
        .unwrap();
    let mut request = tonic::Request::new(v1::PriceCartRequest {
        cart: Some(cart()),
        explain: false,
    });
    request
        .metadata_mut()
        .insert("aep-segments-membership", "vip".parse().unwrap());
    let saved = pricing.price_cart(request).await.unwrap().into_inner();
    assert_eq!(saved.grand_total, simulated.grand_total);
    assert_eq!(saved.discount_total, simulated.discount_total);
}

#[tokio::test]
async fn disabled_rules_and_edited_rules_are_left_out_or_replaced() {
    let (server, stored) = start().await;
    let mut rules = server.rules().await.unwrap();
    let mut off = simulate(&[], vec![]);
    off.disabled_rule_ids = vec![stored];
    let off = rules.simulate_cart(off).await.unwrap().into_inner();
    assert_eq!(off.simulated.as_ref().unwrap().discount_total, "0.00");
    assert_eq!(off.grand_total_delta, "12.00");
    assert_eq!(off.rules.len(), 1);
    assert_eq!(off.rules[0].delta, "-12.00");
    assert_eq!(
        outcome(off.rules[0].simulated_outcome),
        RuleOutcome::Unspecified
    );

    // An edited stored rule replaces it, under its own id.
    let mut edited = rule("Ten off everything", "25");
    edited.id = stored;
    let edit = rules
        .simulate_cart(simulate(&[], vec![edited]))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(edit.draft_rule_ids, [stored]);
    assert_eq!(edit.rules.len(), 1);
    assert_eq!(
        (
            edit.rules[0].live_discount.as_str(),
            edit.rules[0].simulated_discount.as_str()
        ),
        ("12.00", "30.00")
    );
    // The stored rule is unchanged.
    let kept = rules
        .get_rule(v1::GetRuleRequest { id: stored })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    assert_eq!(kept.discount_amount, "10");
}

#[tokio::test]
async fn bad_drafts_are_refused_by_field() {
    let (server, stored) = start().await;
    let mut rules = server.rules().await.unwrap();
    let field_of = |status: tonic::Status| {
        assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
        let details = tonic_types::StatusExt::get_details_bad_request(&status).unwrap();
        details
            .field_violations
            .into_iter()
            .map(|f| f.field)
            .collect::<Vec<_>>()
    };
    let mut nameless = rule("", "10");
    nameless.name.clear();
    let status = rules
        .simulate_cart(simulate(&[], vec![rule("fine", "5"), nameless]))
        .await
        .unwrap_err();
    assert_eq!(field_of(status), ["draft_rules[1].name"]);

    let mut unknown = rule("edit of nothing", "5");
    unknown.id = 999;
    let mut request = simulate(&[], vec![unknown]);
    request.disabled_rule_ids = vec![stored, 12345];
    let status = rules.simulate_cart(request).await.unwrap_err();
    assert_eq!(
        field_of(status),
        ["draft_rules[0].id", "disabled_rule_ids[1]"]
    );

    let mut other_audience = vip_rule();
    if let Some(v1::condition::Kind::Combine(c)) = other_audience
        .conditions
        .as_mut()
        .and_then(|c| c.kind.as_mut())
        && let Some(v1::condition::Kind::Audience(a)) = c.conditions[0].kind.as_mut()
    {
        a.audience_ids = vec!["never-imported".into()];
    }
    let status = rules
        .simulate_cart(simulate(&[], vec![other_audience]))
        .await
        .unwrap_err();
    assert_eq!(field_of(status), ["draft_rules[0].conditions"]);

    let too_many = simulate(&[], vec![rule("d", "1"); 101]);
    let status = rules.simulate_cart(too_many).await.unwrap_err();
    assert_eq!(field_of(status), ["draft_rules"]);
    let mut no_cart = simulate(&[], vec![]);
    no_cart.cart = None;
    let status = rules.simulate_cart(no_cart).await.unwrap_err();
    assert_eq!(field_of(status), ["cart"]);
}

#[tokio::test]
async fn simulation_is_an_admin_door() {
    let server = CohortServer::start(&[
        ("COHORT__AUTH__ADMIN_OPEN", "false"),
        ("COHORT__AUTH__ADMIN_TOKENS", "admin-secret"),
        ("COHORT__AUTH__PRICING_TOKENS", "pricing-secret"),
    ])
    .await
    .unwrap();
    let mut rules = server.rules().await.unwrap();
    let mut request = tonic::Request::new(simulate(&[], vec![]));
    request
        .metadata_mut()
        .insert("authorization", "Bearer pricing-secret".parse().unwrap());
    let status = rules.simulate_cart(request).await.unwrap_err();
    assert!(
        matches!(
            status.code(),
            Code::PermissionDenied | Code::Unauthenticated
        ),
        "{status:?}"
    );
    let mut request = tonic::Request::new(simulate(&[], vec![]));
    request
        .metadata_mut()
        .insert("authorization", "Bearer admin-secret".parse().unwrap());
    let answer = rules.simulate_cart(request).await.unwrap().into_inner();
    assert_eq!(answer.grand_total_delta, "0.00");
}
