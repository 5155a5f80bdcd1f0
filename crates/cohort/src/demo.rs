//! `cohort demo`: everything in one process, nothing else needed. Starts the fake Adobe
//! Experience Platform with its sample audiences and a Cohort server on a temporary SQLite
//! file, syncs the audiences, creates a handful of realistic rules through RuleService,
//! prices sample carts for shoppers in and out of those audiences through PricingService,
//! and prints what happened and why. `--keep-running` leaves the server up for `buf curl`.

use std::fmt::Write as _;

use anyhow::{Context, Result};
use cohort_proto::v1::{self, CartPriceRule, PriceCartRequest, PriceCartResponse};
use cohort_server::{Config, Server};
use tonic::transport::Channel;

const VIP: &str = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63";
const GOLD: &str = "30dbd75f-c8ff-42ef-83d1-7d2da8cb6dde";
const RUNNERS: &str = "202d034d-28a1-46cd-9047-722d533aeaba";

fn base_rule(name: &str, sort_order: u32) -> CartPriceRule {
    CartPriceRule {
        name: name.into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        sort_order,
        ..Default::default()
    }
}

fn audience(ids: &[&str]) -> v1::Condition {
    v1::Condition {
        kind: Some(v1::condition::Kind::Combine(v1::Combine {
            aggregator: v1::Aggregator::All as i32,
            negate: false,
            conditions: vec![v1::Condition {
                kind: Some(v1::condition::Kind::Audience(v1::AudienceCondition {
                    operator: v1::AudienceOperator::IsOneOf as i32,
                    audience_ids: ids.iter().map(|s| s.to_string()).collect(),
                })),
            }],
        })),
    }
}

fn product(attribute: &str, operator: v1::Operator, value: &str) -> v1::Condition {
    v1::Condition {
        kind: Some(v1::condition::Kind::Product(v1::ProductCondition {
            attribute: attribute.into(),
            operator: operator as i32,
            values: vec![value.into()],
        })),
    }
}

/// The demo's rules, in the order they are created.
pub fn demo_rules() -> Vec<CartPriceRule> {
    let mut vip = base_rule("VIP customers: 20% off", 10);
    vip.description = "Experience Platform audience 'VIP customers'".into();
    vip.conditions = Some(audience(&[VIP]));
    vip.simple_action = v1::SimpleAction::ByPercent as i32;
    vip.discount_amount = "20".into();
    vip.labels.insert(String::new(), "VIP 20%".into());

    let mut tees = base_rule("Buy 2 tees, get 1 free", 20);
    tees.action_conditions = Some(product("category_ids", v1::Operator::Eq, "tees"));
    tees.simple_action = v1::SimpleAction::BuyXGetY as i32;
    tees.discount_step = 2;
    tees.discount_amount = "1".into();

    let mut save10 = base_rule("$10 off $50 with SAVE10", 30);
    save10.coupon_type = v1::CouponType::Specific as i32;
    save10.coupon_code = "SAVE10".into();
    save10.conditions = Some(v1::Condition {
        kind: Some(v1::condition::Kind::Address(v1::AddressCondition {
            attribute: v1::AddressAttribute::Subtotal as i32,
            operator: v1::Operator::Gte as i32,
            values: vec!["50".into()],
        })),
    });
    save10.simple_action = v1::SimpleAction::CartFixed as i32;
    save10.discount_amount = "10".into();

    let mut ship = base_rule("Free shipping for Loyalty gold and Runners", 40);
    ship.conditions = Some(audience(&[GOLD, RUNNERS]));
    ship.simple_action = v1::SimpleAction::ByPercent as i32;
    ship.discount_amount = "0".into();
    ship.free_shipping = v1::FreeShipping::WholeShipment as i32;
    vec![vip, tees, save10, ship]
}

struct Shopper {
    title: &'static str,
    membership: &'static str,
    customer_group: &'static str,
    coupon: Option<&'static str>,
}

const SHOPPERS: &[Shopper] = &[
    Shopper {
        title: "Guest, no audience, coupon SAVE10",
        membership: "",
        customer_group: "0",
        coupon: Some("SAVE10"),
    },
    Shopper {
        title: "VIP customer (aep-segments-membership: VIP customers)",
        membership: VIP,
        customer_group: "1",
        coupon: None,
    },
    Shopper {
        title: "Loyalty gold member, coupon save10",
        membership: GOLD,
        customer_group: "1",
        coupon: Some("save10"),
    },
];

fn line(id: &str, sku: &str, qty: &str, price: &str, category: &str) -> v1::LineItem {
    v1::LineItem {
        line_id: id.into(),
        sku: sku.into(),
        qty: qty.into(),
        unit_price: price.into(),
        category_ids: vec![category.into()],
        ..Default::default()
    }
}

pub fn demo_cart(shopper_index: usize) -> PriceCartRequest {
    let s = &SHOPPERS[shopper_index];
    PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: s.customer_group.into(),
            items: vec![
                line("1", "tee-blue", "3", "19.00", "tees"),
                line("2", "running-shoe", "1", "89.00", "shoes"),
                line("3", "mug", "2", "7.50", "home"),
            ],
            shipping_amount: "5.00".into(),
            shipping_method: "flatrate_flatrate".into(),
            coupon_codes: s.coupon.map(|c| vec![c.to_string()]).unwrap_or_default(),
            ..Default::default()
        }),
        explain: true,
        hints: false,
    }
}

/// A readable table of one priced cart: lines, totals, what applied and why others did not.
pub fn render(
    title: &str,
    req: &PriceCartRequest,
    resp: &PriceCartResponse,
    names: &[(u64, String)],
) -> String {
    let name = |id: u64| {
        names
            .iter()
            .find(|(i, _)| *i == id)
            .map_or("?", |(_, n)| n.as_str())
    };
    let mut out = String::new();
    let _ = writeln!(out, "== {title}");
    if !resp.audience_ids.is_empty() {
        let _ = writeln!(out, "   audiences: {}", resp.audience_ids.join(", "));
    }
    let _ = writeln!(
        out,
        "   {:<14} {:>4} {:>8} {:>9} {:>9} {:>9}  rules",
        "sku", "qty", "price", "row", "discount", "after"
    );
    let items = req
        .cart
        .as_ref()
        .map(|c| c.items.as_slice())
        .unwrap_or_default();
    for l in &resp.lines {
        let item = items.iter().find(|i| i.line_id == l.line_id);
        let rules: Vec<String> = l
            .applied_rule_ids
            .iter()
            .map(|id| format!("#{id}"))
            .collect();
        let _ = writeln!(
            out,
            "   {:<14} {:>4} {:>8} {:>9} {:>9} {:>9}  {}",
            item.map_or("", |i| i.sku.as_str()),
            item.map_or("", |i| i.qty.as_str()),
            item.map_or("", |i| i.unit_price.as_str()),
            l.row_total,
            l.discount_amount,
            l.row_total_after_discount,
            rules.join(" ")
        );
    }
    let _ = writeln!(
        out,
        "   subtotal {}  discounts -{}  shipping {}{}  grand total {}",
        resp.subtotal,
        resp.discount_total,
        resp.shipping_amount,
        if resp.free_shipping {
            " (FREE SHIPPING)"
        } else {
            ""
        },
        resp.grand_total
    );
    for a in &resp.applied_rules {
        let zero = |s: &str| s.trim_start_matches(['0', '.']).is_empty();
        let free = resp
            .lines
            .iter()
            .any(|l| l.free_shipping && l.applied_rule_ids.contains(&a.rule_id));
        let what = if zero(&a.discount_amount) && zero(&a.shipping_discount) {
            // Rules that reached a line but gave 0.00 are listed too (as Magento does).
            if free || resp.free_shipping {
                "free shipping"
            } else {
                "0.00"
            }
            .to_owned()
        } else {
            format!("-{}", a.discount_amount)
        };
        let _ = writeln!(
            out,
            "   applied  #{} {:<42} {what} ({})",
            a.rule_id, a.name, a.label
        );
    }
    for c in &resp.coupons {
        let status = v1::CouponStatus::try_from(c.status)
            .map(|s| s.as_str_name())
            .unwrap_or("?");
        let _ = writeln!(
            out,
            "   coupon   {} -> {}",
            c.code,
            status.trim_start_matches("COUPON_STATUS_")
        );
    }
    for t in resp
        .trace
        .iter()
        .filter(|t| t.outcome != v1::RuleOutcome::Applied as i32)
    {
        let outcome = v1::RuleOutcome::try_from(t.outcome)
            .map(|o| o.as_str_name())
            .unwrap_or("?");
        let hint = t.hint.as_ref().map_or_else(String::new, |h| {
            format!(" (add {} to {} for {:?})", h.missing, h.attribute, h.label)
        });
        let _ = writeln!(
            out,
            "   skipped  #{} {:<42} {}: {}{hint}",
            t.rule_id,
            name(t.rule_id),
            outcome.trim_start_matches("RULE_OUTCOME_"),
            t.detail
        );
    }
    out
}

pub fn run(mut cfg: Config, keep_running: bool) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let fake = cohort_aep_fake::FakeAep::start(
            cohort_aep_fake::FakeConfig::new("demo-client", "demo-secret", "DEMO0000000000000000000@AdobeOrg")
                .with_audiences(cohort_aep_fake::sample_audiences()?),
        )
        .await?;
        let dir = tempfile::tempdir()?;
        cfg.database.url = format!("sqlite://{}", dir.path().join("demo.db").display());
        cfg.rules.file = None;
        cfg.auth = cohort_server::config::AuthSection {
            admin_open: true,
            ..Default::default()
        };
        cfg.aep = cohort_aep::AepConfig::new("demo-client", "demo-secret", "DEMO0000000000000000000@AdobeOrg")
            .with_base_url(&fake.url());
        if !keep_running {
            cfg.server.addr = "127.0.0.1:0".parse()?;
        }
        // The console is on unless the configuration names its own address (open, like the
        // demo's admin services: a banner says so).
        if cfg.console.addr.is_none() {
            cfg.console.addr = Some(if keep_running {
                "127.0.0.1:8080".parse()?
            } else {
                "127.0.0.1:0".parse()?
            });
        }
        let server = Server::prepare(cfg).await.context("starting the server")?;
        let addr = server.local_addr()?;
        let console = server.console_addr();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(server.run(async move {
            let _ = stop_rx.await;
        }));
        let channel = Channel::from_shared(format!("http://{addr}"))?.connect().await?;
        println!("Cohort demo: fake Adobe Experience Platform at {}, server at {addr}", fake.url());
        if let Some(console) = console {
            println!("Console: http://{console}/audiences (open: no sign-in in the demo)");
        }
        println!();

        // The server syncs at start-up; SyncAudiences runs one more import and waits for it.
        let mut audiences = v1::audience_service_client::AudienceServiceClient::new(channel.clone());
        let run = audiences
            .sync_audiences(v1::SyncAudiencesRequest {})
            .await?
            .into_inner()
            .run
            .context("no sync run")?;
        let active = audiences
            .list_audiences(v1::ListAudiencesRequest {
                states: vec![v1::AudienceState::Active as i32],
                ..Default::default()
            })
            .await?
            .into_inner()
            .total_size;
        let all = audiences
            .list_audiences(v1::ListAudiencesRequest::default())
            .await?
            .into_inner()
            .total_size;
        let status = v1::SyncStatus::try_from(run.status).map(|s| s.as_str_name()).unwrap_or("?");
        println!(
            "Audiences imported from AEP: {all} ({active} active); last sync {}\n",
            status.trim_start_matches("SYNC_STATUS_")
        );

        let mut rules = v1::rule_service_client::RuleServiceClient::new(channel.clone());
        let mut names = Vec::new();
        println!("Rules:");
        for r in demo_rules() {
            let created = rules
                .create_rule(v1::CreateRuleRequest { rule: Some(r) })
                .await?
                .into_inner()
                .rule
                .context("no rule")?;
            println!("   #{} {}", created.id, created.name);
            names.push((created.id, created.name));
        }
        println!();

        let mut pricing = v1::pricing_service_client::PricingServiceClient::new(channel);
        for (i, shopper) in SHOPPERS.iter().enumerate() {
            let req = demo_cart(i);
            let mut call = tonic::Request::new(req.clone());
            if !shopper.membership.is_empty() {
                call.metadata_mut().insert("aep-segments-membership", shopper.membership.parse()?);
            }
            let resp = pricing.price_cart(call).await?.into_inner();
            println!("{}", render(shopper.title, &req, &resp, &names));
        }

        if keep_running {
            println!("The server keeps running at {addr} (Ctrl-C to stop). Try:");
            if let Some(console) = console {
                println!("   the console at http://{console}/audiences");
            }
            println!(
                "   buf curl --protocol grpc --http2-prior-knowledge -H 'aep-segments-membership: {VIP}' \\\n     -d '{}' http://{addr}/cohort.v1.PricingService/PriceCart",
                serde_json::to_string(&demo_cart(1))?
            );
            cohort_server::serve::shutdown_signal().await;
        }
        let _ = stop_tx.send(());
        serving.await??;
        drop(fake);
        Ok(())
    })
}
