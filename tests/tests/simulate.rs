//! RuleService/SimulateCart over gRPC on the real server: a draft audience rule simulated for
//! a member and a guest, disabled rules, bad drafts, and that nothing is stored or counted.

use cohort_domain::audience::{Audience, AudienceState};
use cohort_proto::v1::{self, CartPriceRule, RuleOutcome};
use cohort_store::Store;
use cohort_tests::CohortServer;
use tonic::Code;

/// A new draft's first provisional id (the API's 2^53).
const DRAFT_IDS_FROM: u64 = 1 << 53;

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
            hints: false,
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
    assert_eq!(
        draft_id, DRAFT_IDS_FROM,
        "a new draft's id is provisional, above every stored one"
    );
    assert!(draft_id > stored);
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
            hints: false,
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
        hints: false,
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

    // Two drafts may not share a code, as two saved rules may not.
    let coded = |name: &str| CartPriceRule {
        coupon_type: v1::CouponType::Specific as i32,
        coupon_code: "SAME".into(),
        ..rule(name, "5")
    };
    let status = rules
        .simulate_cart(simulate(&[], vec![coded("one"), coded("two")]))
        .await
        .unwrap_err();
    assert_eq!(field_of(status), ["draft_rules[1].coupon_code"]);

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

/// `cohort simulate` over a generated carts file: 30 carts of which every third is a VIP
/// member; the live rule gives 10 %, the draft 50 % of what is left to members.
#[test]
fn a_replay_of_a_generated_carts_file_reports_the_expected_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("replay.db").display());
    let env = [
        ("COHORT__DATABASE__URL", db.as_str()),
        ("COHORT__LOG__LEVEL", "warn"),
    ];
    let write = |name: &str, text: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let audiences = write(
        "audiences.json",
        r#"{"children": [{"id": "vip", "name": "VIP", "namespace": "AEPSegments", "lifecycleState": "published"}]}"#.into(),
    );
    let list = |rules: Vec<CartPriceRule>| {
        serde_json::to_string(&v1::ListRulesResponse {
            rules,
            next_page_token: String::new(),
        })
        .unwrap()
    };
    let live = write("live.json", list(vec![rule("Ten off everything", "10")]));
    let drafts = write("drafts.json", list(vec![vip_rule()]));
    let run = |args: &[&str]| cohort_tests::run_cohort_env(args, dir.path(), &env).unwrap();
    assert_eq!(run(&["audiences", "import", &audiences]).0, 0);
    assert_eq!(run(&["rules", "import", &live]).0, 0);

    // Cart i: one line of 1 × (i + 1) × 10.00; members every third cart.
    let mut lines = String::new();
    let (mut live_discount, mut member_extra) = (0u64, 0u64);
    for i in 0..30u64 {
        let price = (i + 1) * 10;
        let member = i % 3 == 0;
        let cart = v1::PriceCartRequest {
            cart: Some(v1::Cart {
                audience_ids: if member { vec!["vip".into()] } else { vec![] },
                items: vec![v1::LineItem {
                    line_id: "l".into(),
                    sku: format!("sku-{i}"),
                    qty: "1".into(),
                    unit_price: price.to_string(),
                    ..Default::default()
                }],
                ..cart()
            }),
            explain: false,
            hints: false,
        };
        lines.push_str(&serde_json::to_string(&cart).unwrap());
        lines.push('\n');
        live_discount += price; // 10 % of price, in tenths
        if member {
            member_extra += price * 9 / 2; // 50 % of the 90 % left, in tenths
        }
    }
    let carts = write("carts.jsonl", lines.clone());
    let csv_out = dir.path().join("out.csv").display().to_string();
    let (code, stdout, stderr) = run(&[
        "simulate", "--rules", &drafts, "--carts", &carts, "--output", &csv_out,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let tenths = |t: u64| format!("{}.{}0", t / 10, t % 10);
    let want = format!(
        "carts: 30   affected: 10   discount total: live {} -> simulated {} (+{} USD)",
        tenths(live_discount),
        tenths(live_discount + member_extra),
        tenths(member_extra)
    );
    assert!(stdout.contains(&want), "{stdout}\nwanted: {want}");
    // The stored rule: 30 carts on both sides, same amount; the draft: 10 carts.
    let row = |prefix: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no row {prefix:?} in\n{stdout}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let stored = row("1 ");
    assert_eq!(stored[1], "30");
    assert_eq!(stored[3], "30");
    assert_eq!(stored[5], "0.00");
    let draft = row(&format!("{} (draft)", DRAFT_IDS_FROM));
    assert_eq!(
        draft[2..],
        [
            "0",
            "0.00",
            "10",
            &tenths(member_extra),
            &format!("+{}", tenths(member_extra))
        ]
    );
    let csv = std::fs::read_to_string(&csv_out).unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "line,live_discount,simulated_discount,live_grand_total,simulated_grand_total,grand_total_delta"
    );
    // Cart 1 (a member, 10.00): 1.00 live, 1.00 + 4.50 simulated.
    assert_eq!(rows.next().unwrap(), "1,1.00,5.50,9.00,4.50,-4.50");
    // Cart 2 (a guest, 20.00): unchanged.
    assert_eq!(rows.next().unwrap(), "2,2.00,2.00,18.00,18.00,0.00");
    assert_eq!(csv.lines().count(), 31);

    // Disabling the stored rule as well: JSON out with the summary.
    let json_out = dir.path().join("out.json").display().to_string();
    let (code, stdout, stderr) = run(&[
        "simulate",
        "--rules",
        &drafts,
        "--carts",
        &carts,
        "--disable",
        "1",
        "--output",
        &json_out,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_out).unwrap()).unwrap();
    assert_eq!(json["carts"], 30);
    assert_eq!(json["affected"], 30, "every cart loses the stored rule");
    assert_eq!(json["liveDiscount"], tenths(live_discount));
    assert_eq!(json["cartResults"][0]["simulatedDiscount"], "5.00");
    assert_eq!(json["cartResults"].as_array().unwrap().len(), 30);

    // Nothing was stored: the database still has its one rule.
    let (code, stdout, _) = run(&["rules", "export", "exported.json"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("exported 1 rules"), "{stdout}");

    // A bad cart stops the replay with its line, and writes nothing.
    let bad = write(
        "bad.jsonl",
        format!(
            "{}{}\n",
            lines.lines().next().unwrap().to_owned() + "\n",
            r#"{"cart": {"websiteId": "base", "currency": "USD", "customerGroupId": "1", "items": [{"lineId": "x", "qty": "-1", "unitPrice": "1"}]}}"#
        ),
    );
    let never = dir.path().join("never.csv");
    let (code, _, stderr) = run(&[
        "simulate",
        "--rules",
        &drafts,
        "--carts",
        &bad,
        "--output",
        never.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("bad.jsonl:2") && stderr.contains("cart.items[0].qty"),
        "{stderr}"
    );
    assert!(!never.exists());
    let (code, _, stderr) = run(&[
        "simulate",
        "--rules",
        &drafts,
        "--carts",
        &carts,
        "--disable",
        "77",
    ]);
    assert_ne!(code, 0);
    assert!(stderr.contains("--disable[0]"), "{stderr}");
}

/// RuleService/SimulateCarts: the setup, then carts; one answer per cart, then the
/// summary; a bad cart ends the stream naming it.
#[tokio::test]
async fn simulate_carts_streams_each_cart_then_the_summary() {
    let (server, stored) = start().await;
    let mut rules = server.rules().await.unwrap();
    let setup = v1::SimulateCartsRequest {
        item: Some(v1::simulate_carts_request::Item::Setup(
            v1::SimulationSetup {
                draft_rules: vec![vip_rule()],
                disabled_rule_ids: vec![],
            },
        )),
    };
    let cart_of = |vip: bool| v1::SimulateCartsRequest {
        item: Some(v1::simulate_carts_request::Item::Cart(
            v1::PriceCartRequest {
                cart: Some(v1::Cart {
                    audience_ids: if vip { vec!["vip".into()] } else { vec![] },
                    ..cart()
                }),
                explain: false,
                hints: false,
            },
        )),
    };
    let messages = vec![setup.clone(), cart_of(true), cart_of(false), cart_of(true)];
    let mut answers = rules
        .simulate_carts(tokio_stream::iter(messages))
        .await
        .unwrap()
        .into_inner();
    let mut carts = Vec::new();
    let mut summary = None;
    while let Some(m) = answers.message().await.unwrap() {
        match m.item.unwrap() {
            v1::simulate_carts_response::Item::Cart(c) => carts.push(c),
            v1::simulate_carts_response::Item::Summary(s) => summary = Some(s),
        }
    }
    let totals: Vec<_> = carts
        .iter()
        .map(|c| {
            (
                c.index,
                c.live_grand_total.as_str(),
                c.simulated_grand_total.as_str(),
            )
        })
        .collect();
    assert_eq!(
        totals,
        [
            (0, "108.00", "54.00"),
            (1, "108.00", "108.00"),
            (2, "108.00", "54.00")
        ]
    );
    let summary = summary.expect("the summary comes last");
    assert_eq!((summary.carts, summary.affected), (3, 2));
    assert_eq!(summary.currency, "USD");
    assert_eq!(summary.live_discount, "36.00");
    assert_eq!(summary.simulated_discount, "144.00");
    let draft = summary.draft_rule_ids[0];
    let tally = |id: u64| summary.rules.iter().find(|t| t.rule_id == id).unwrap();
    assert_eq!(
        (tally(stored).live_carts, tally(stored).simulated_carts),
        (3, 3)
    );
    assert_eq!(
        (
            tally(draft).live_carts,
            tally(draft).simulated_carts,
            tally(draft).simulated_amount.as_str()
        ),
        (0, 2, "108.00")
    );

    // A bad cart (the second) ends the stream with its field under carts[1].
    let mut bad = cart_of(false);
    if let Some(v1::simulate_carts_request::Item::Cart(r)) = bad.item.as_mut() {
        r.cart.as_mut().unwrap().items[0].qty = "-1".into();
    }
    let mut answers = rules
        .simulate_carts(tokio_stream::iter(vec![
            setup,
            cart_of(true),
            bad,
            cart_of(true),
        ]))
        .await
        .unwrap()
        .into_inner();
    assert!(
        answers.message().await.unwrap().is_some(),
        "the first cart's answer"
    );
    let status = answers.message().await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    let fields: Vec<String> = tonic_types::StatusExt::get_details_bad_request(&status)
        .unwrap()
        .field_violations
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["carts[1].cart.items[0].qty"]);

    // The first message must be the setup.
    let status = rules
        .simulate_carts(tokio_stream::iter(vec![cart_of(true)]))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
}

/// At most two replays stream at once; a third is refused until one ends.
#[tokio::test]
async fn at_most_two_replays_run_at_once() {
    let (server, _) = start().await;
    let setup = || v1::SimulateCartsRequest {
        item: Some(v1::simulate_carts_request::Item::Setup(
            v1::SimulationSetup::default(),
        )),
    };
    let mut open = Vec::new();
    for _ in 0..2 {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.send(setup()).await.unwrap();
        let mut rules = server.rules().await.unwrap();
        let answers = rules
            .simulate_carts(tokio_stream::wrappers::ReceiverStream::new(rx))
            .await
            .unwrap();
        open.push((tx, answers));
    }
    let mut rules = server.rules().await.unwrap();
    let third = rules
        .simulate_carts(tokio_stream::iter(vec![setup()]))
        .await
        .unwrap_err();
    assert_eq!(third.code(), Code::ResourceExhausted, "{third:?}");
    // Closing one replay (its summary arrives) frees its place.
    let (tx, answers) = open.pop().unwrap();
    drop(tx);
    let mut answers = answers.into_inner();
    while answers.message().await.unwrap().is_some() {}
    let mut retried = None;
    for _ in 0..50 {
        match rules
            .simulate_carts(tokio_stream::iter(vec![setup()]))
            .await
        {
            Ok(r) => {
                retried = Some(r);
                break;
            }
            Err(s) if s.code() == Code::ResourceExhausted => {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            Err(s) => panic!("{s:?}"),
        }
    }
    assert!(retried.is_some(), "a place freed within a second");
}

/// PriceCart with `hints`: the smallest amount to add, exact (adding it makes the rule
/// apply, one cent less does not), in the trace too, and none for a missing audience.
#[tokio::test]
async fn near_miss_hints_are_exact_over_grpc() {
    let (server, _) = start().await;
    let mut rules = server.rules().await.unwrap();
    // Free shipping over 150.00 for VIP members, labelled for the shopper.
    let mut free = rule("Free shipping over 150 for VIPs", "0");
    free.free_shipping = v1::FreeShipping::WholeShipment as i32;
    free.labels.insert(String::new(), "Free shipping".into());
    free.conditions = Some(v1::Condition {
        kind: Some(v1::condition::Kind::Combine(v1::Combine {
            aggregator: v1::Aggregator::All as i32,
            negate: false,
            conditions: vec![
                v1::Condition {
                    kind: Some(v1::condition::Kind::Address(v1::AddressCondition {
                        attribute: v1::AddressAttribute::Subtotal as i32,
                        operator: v1::Operator::Gte as i32,
                        values: vec!["150".into()],
                    })),
                },
                vip_rule().conditions.unwrap(),
            ],
        })),
    });
    let free = rules
        .create_rule(v1::CreateRuleRequest { rule: Some(free) })
        .await
        .unwrap()
        .into_inner()
        .rule
        .unwrap();
    let mut pricing = server.pricing().await.unwrap();
    let price = |extra: Option<&str>, audiences: &str, explain: bool| {
        let mut c = cart();
        if let Some(price) = extra {
            c.items.push(v1::LineItem {
                line_id: "added".into(),
                sku: "added".into(),
                qty: "1".into(),
                unit_price: price.into(),
                ..Default::default()
            });
        }
        let mut request = tonic::Request::new(v1::PriceCartRequest {
            cart: Some(c),
            explain,
            hints: true,
        });
        if !audiences.is_empty() {
            request
                .metadata_mut()
                .insert("aep-segments-membership", audiences.parse().unwrap());
        }
        request
    };
    // A VIP at 120.00: add 30.00 for Free shipping.
    let answer = pricing
        .price_cart(price(None, "vip", true))
        .await
        .unwrap()
        .into_inner();
    assert!(!answer.free_shipping);
    let hints: Vec<_> = answer
        .hints
        .iter()
        .map(|h| {
            (
                h.rule_id,
                h.label.as_str(),
                h.attribute.as_str(),
                h.missing.as_str(),
                h.condition_path.as_str(),
            )
        })
        .collect();
    assert_eq!(
        hints,
        [(free.id, "Free shipping", "subtotal", "30.00", "1")]
    );
    let traced = answer.trace.iter().find(|t| t.rule_id == free.id).unwrap();
    assert_eq!(traced.hint.as_ref(), Some(&answer.hints[0]));
    // Exact: 30.00 more and the rule applies; 29.99 and it does not.
    let at = pricing
        .price_cart(price(Some("30.00"), "vip", false))
        .await
        .unwrap()
        .into_inner();
    assert!(at.free_shipping, "{at:?}");
    assert!(at.applied_rules.iter().any(|a| a.rule_id == free.id));
    assert!(at.hints.is_empty());
    let short = pricing
        .price_cart(price(Some("29.99"), "vip", false))
        .await
        .unwrap()
        .into_inner();
    assert!(!short.free_shipping);
    assert_eq!(short.hints[0].missing, "0.01");
    // A guest lacks the audience: no hint, whatever the subtotal.
    let guest = pricing
        .price_cart(price(None, "", false))
        .await
        .unwrap()
        .into_inner();
    assert!(guest.hints.is_empty(), "{:?}", guest.hints);
    // Without `hints` the answer carries none.
    let mut plain = price(None, "vip", false);
    plain.get_mut().hints = false;
    let plain = pricing.price_cart(plain).await.unwrap().into_inner();
    assert!(plain.hints.is_empty());
}
