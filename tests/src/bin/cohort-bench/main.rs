//! Service benchmarks driven by `cargo xtask bench` (never by the test suite): starts real
//! `cohort serve` processes (the binary in `COHORT_BIN`, a release build) and measures over
//! gRPC on 127.0.0.1. Every figure comes with a baseline measured in the same run, since
//! these machines are shared and noisy.
//!
//! `cohort-bench usage [--orders N] [--concurrency C]`: RecordUsage throughput on SQLite and
//! on PostgreSQL (`COHORT_TEST_POSTGRES_URL`), against GetRule (a one-row read) on the same
//! server as the baseline.
//! `cohort-bench visibility [--writes N]`: time from a rule write on replica A to the first
//! PriceCart on replica B priced with it (PostgreSQL), median and max.
//! `cohort-bench service [--rules 0,1000,10000] [--lines N] [--duration S] [--h2-connections C]
//! [--h2-streams M] [--connections C] [--pin]`: per rule count, the four PriceCart calls
//! (guest / customer, without / with a coupon) under h2load against an empty unary RPC
//! (grpc.health.v1.Health/Check) on the same server, same client, same run, with the
//! server's CPU per call; then the benchmark cart's latency at half load, Poisson arrivals
//! from the open-loop client of `paced.rs`, and one call at a time.
//! `cohort-bench fixture DIR [--rules N] [--lines N]`: the service bench's database and
//! request frames, written to `DIR` for profiling a server by hand.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use cohort_proto::v1::{self, CartPriceRule};
use cohort_tests::{CohortServer, postgres_database};

pub(crate) fn arg(args: &[String], name: &str, default: u64) -> Result<u64> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .context("missing value")?
            .parse()
            .with_context(|| format!("{name} takes a number")),
        None => Ok(default),
    }
}

/// The `p` quantile (0..=1) of ascending `sorted` values, nearest rank below.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p) as usize]
}

fn rule(code: Option<&str>) -> CartPriceRule {
    CartPriceRule {
        name: "bench".into(),
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into()],
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "10".into(),
        coupon_type: if code.is_some() {
            v1::CouponType::Specific
        } else {
            v1::CouponType::NoCoupon
        } as i32,
        coupon_code: code.unwrap_or_default().into(),
        ..Default::default()
    }
}

/// Runs `total` calls of `call(i)` with `concurrency` workers; returns calls per second.
async fn throughput<F, Fut>(total: u64, concurrency: u64, call: F) -> Result<f64>
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let call = call.clone();
        tasks.push(tokio::spawn(async move {
            let mut i = w;
            while i < total {
                call(i).await?;
                i += concurrency;
            }
            Ok::<_, anyhow::Error>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

async fn usage_on(label: &str, env: &[(&str, &str)], orders: u64, concurrency: u64) -> Result<()> {
    let server = CohortServer::start(env).await?;
    let created = server
        .rules()
        .await?
        .create_rule(v1::CreateRuleRequest {
            rule: Some(rule(Some("BENCH"))),
        })
        .await?
        .into_inner()
        .rule
        .context("no rule")?;
    let rule_id = created.id;
    let rules = server.rules().await?;
    let baseline = throughput(orders, concurrency, move |_| {
        let mut c = rules.clone();
        async move {
            c.get_rule(v1::GetRuleRequest { id: rule_id }).await?;
            Ok(())
        }
    })
    .await?;
    let coupons = server.coupons().await?;
    let record = throughput(orders, concurrency, move |i| {
        let mut c = coupons.clone();
        async move {
            let r = c
                .record_usage(v1::RecordUsageRequest {
                    order_id: format!("bench-{i}"),
                    customer_id: format!("customer-{}", i % 100),
                    rule_ids: vec![rule_id],
                    coupon_codes: vec!["bench".into()],
                })
                .await?;
            if !r.into_inner().recorded {
                bail!("order bench-{i} not recorded");
            }
            Ok(())
        }
    })
    .await?;
    println!(
        "{label:<10} RecordUsage {record:>8.0}/s   GetRule baseline {baseline:>8.0}/s   ratio {:.2}   ({orders} orders, {concurrency} concurrent)",
        record / baseline
    );
    Ok(())
}

async fn usage(args: &[String]) -> Result<()> {
    let orders = arg(args, "--orders", 2000)?;
    let concurrency = arg(args, "--concurrency", 16)?;
    usage_on("sqlite", &[], orders, concurrency).await?;
    let db = postgres_database().await;
    usage_on(
        "postgres",
        &[("COHORT__DATABASE__URL", &db)],
        orders,
        concurrency,
    )
    .await
}

async fn visibility(args: &[String]) -> Result<()> {
    let writes = arg(args, "--writes", 100)?;
    let db = postgres_database().await;
    let env = [("COHORT__DATABASE__URL", db.as_str())];
    let a = CohortServer::start(&env).await?;
    let b = CohortServer::start(&env).await?;
    let mut rules = a.rules().await?;
    let mut pricing = b.pricing().await?;
    let cart = cohort_tests::one_line_cart("1", "100");
    let mut current = rules
        .create_rule(v1::CreateRuleRequest {
            rule: Some(rule(None)),
        })
        .await?
        .into_inner()
        .rule
        .context("no rule")?;
    let mut latencies = Vec::new();
    for n in 0..writes {
        current.discount_amount = format!("{}", 1 + n % 50);
        let started = Instant::now();
        let resp = rules
            .update_rule(v1::UpdateRuleRequest {
                rule: Some(current.clone()),
            })
            .await?
            .into_inner();
        current = resp.rule.context("no rule")?;
        // Only this bench writes: the create made version 1, write n makes version n + 2.
        let wanted = n + 2;
        loop {
            let v = pricing
                .price_cart(cart.clone())
                .await?
                .into_inner()
                .ruleset_version;
            if v >= wanted {
                break;
            }
            if started.elapsed() > Duration::from_secs(5) {
                bail!("write {n} not visible on replica B after 5 s");
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        latencies.push(started.elapsed());
    }
    latencies.sort();
    let median = latencies[latencies.len() / 2];
    let max = latencies[latencies.len() - 1];
    // Baseline: the same write's round trip on replica A alone.
    let started = Instant::now();
    rules
        .update_rule(v1::UpdateRuleRequest {
            rule: Some(current.clone()),
        })
        .await?;
    let write_rtt = started.elapsed();
    println!(
        "rule write -> visible on the other replica: median {:.1} ms, max {:.1} ms over {writes} writes (a write's own round trip: {:.1} ms)",
        median.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        write_rtt.as_secs_f64() * 1e3
    );
    Ok(())
}

mod paced;
mod service;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("usage") => usage(&args).await,
        Some("visibility") => visibility(&args).await,
        Some("service") => service::run(&args).await,
        Some("fixture") => service::fixture(&args),
        _ => bail!("usage: cohort-bench usage|visibility|service|fixture [options]"),
    }
}
