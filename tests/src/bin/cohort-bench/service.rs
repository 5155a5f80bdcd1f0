//! PriceCart under load with h2load (nghttp2-client): a realistic rule set and cart, the
//! request encoded once as a gRPC frame, and an empty unary RPC on the same server as the
//! baseline. h2load counts HTTP statuses only, so one call of each is checked for
//! `grpc-status: 0` through a real gRPC client first. Then latency at half that load, with
//! Poisson arrivals sent on schedule by the open-loop client of `paced.rs` (h2load's pacing
//! releases bursts), and the latency of one call at a time; `--pin` runs the server on
//! CPU 0 and the clients on CPU 1.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use cohort_proto::v1::{self, CartPriceRule};
use cohort_tests::CohortServer;
use prost::Message;

use super::{arg, paced, percentile};

/// The same rule set on every run.
use cohort_domain::seeded::SplitMix64 as Rng;

/// Uniform in [0, 1) (schedules only; never money).
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Arrival times of a Poisson process of `rate` per second over `secs` seconds (seeded):
/// independent shoppers' requests, gaps exponentially distributed.
fn poisson_schedule(rate: f64, secs: f64, seed: u64) -> Vec<Duration> {
    let mut rng = Rng(seed);
    let mut t = 0.0;
    let mut schedule = Vec::with_capacity((rate * secs * 1.1) as usize);
    loop {
        t += -(1.0 - unit(&mut rng)).ln() / rate;
        if t >= secs {
            return schedule;
        }
        schedule.push(Duration::from_secs_f64(t));
    }
}

fn audience_id(n: u64) -> String {
    format!("aud-{n:04}")
}

fn sku(n: u64) -> String {
    format!("sku-{n:05}")
}

fn cond(kind: v1::condition::Kind) -> v1::Condition {
    v1::Condition { kind: Some(kind) }
}

fn all(children: Vec<v1::Condition>) -> v1::Condition {
    cond(v1::condition::Kind::Combine(v1::Combine {
        aggregator: v1::Aggregator::All as i32,
        negate: false,
        conditions: children,
    }))
}

fn sku_is_one_of(skus: &[String]) -> v1::Condition {
    cond(v1::condition::Kind::Product(v1::ProductCondition {
        attribute: "sku".into(),
        operator: v1::Operator::IsOneOf as i32,
        values: skus.to_vec(),
    }))
}

/// The store-like mix of the performance issue: 35 % coupon-gated, 25 % audience-gated
/// (2 of 1,000 audiences), 25 % product-specific (5 of 5,000 SKUs), 14.5 % dated outside
/// today, 0.5 % broad (a subtotal threshold).
pub fn realistic_rules(count: u64, seed: u64) -> Vec<CartPriceRule> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            let mut r = CartPriceRule {
                id: i + 1,
                name: format!("rule {i}"),
                active: true,
                website_ids: vec!["base".into()],
                customer_group_ids: vec!["0".into(), "1".into()],
                sort_order: rng.below(10) as u32,
                simple_action: v1::SimpleAction::ByPercent as i32,
                discount_amount: format!("{}", 1 + rng.below(20)),
                ..Default::default()
            };
            // 2 % of rules limit uses per customer, so a logged-in cart needs its counts.
            if i % 50 == 3 {
                r.uses_per_customer = 2;
            }
            let slot = i % 1000;
            if slot < 350 {
                r.coupon_type = v1::CouponType::Specific as i32;
                r.coupon_code = format!("CODE-{i}");
            } else if slot < 600 {
                r.conditions = Some(all(vec![cond(v1::condition::Kind::Audience(
                    v1::AudienceCondition {
                        operator: v1::AudienceOperator::IsOneOf as i32,
                        audience_ids: vec![
                            audience_id(rng.below(1000)),
                            audience_id(rng.below(1000)),
                        ],
                    },
                ))]));
            } else if slot < 850 {
                let skus: Vec<String> = (0..5).map(|_| sku(rng.below(5000))).collect();
                r.conditions = Some(all(vec![cond(v1::condition::Kind::ProductFound(
                    v1::ProductFound {
                        not_found: false,
                        aggregator: v1::Aggregator::All as i32,
                        conditions: vec![sku_is_one_of(&skus)],
                    },
                ))]));
                r.action_conditions = Some(all(vec![sku_is_one_of(&skus)]));
            } else if slot < 995 {
                r.from_date = "2020-01-01".into();
                r.to_date = "2020-12-31".into();
            } else {
                r.conditions = Some(all(vec![cond(v1::condition::Kind::Address(
                    v1::AddressCondition {
                        attribute: v1::AddressAttribute::Subtotal as i32,
                        operator: v1::Operator::Gte as i32,
                        values: vec![format!("{}", 50 + rng.below(200))],
                    },
                ))]));
            }
            r
        })
        .collect()
}

/// 20 lines, one coupon of the set, 3 audiences of which some rules target.
pub fn realistic_cart(lines: u64, seed: u64) -> v1::PriceCartRequest {
    let mut rng = Rng(seed ^ 0xC0FFEE);
    v1::PriceCartRequest {
        cart: Some(v1::Cart {
            website_id: "base".into(),
            currency: "USD".into(),
            customer_group_id: "1".into(),
            items: (0..lines)
                .map(|i| v1::LineItem {
                    line_id: format!("l{i}"),
                    sku: sku(rng.below(5000)),
                    qty: format!("{}", 1 + rng.below(3)),
                    unit_price: format!("{}.{:02}", 5 + rng.below(100), rng.below(100)),
                    category_ids: vec![format!("{}", rng.below(40))],
                    ..Default::default()
                })
                .collect(),
            coupon_codes: vec!["CODE-7".into()],
            audience_ids: vec![audience_id(3), audience_id(500), audience_id(999)],
            shipping_amount: "5".into(),
            ..Default::default()
        }),
        explain: false,
        hints: false,
    }
}

fn grpc_frame(msg: &impl Message) -> Vec<u8> {
    let body = msg.encode_to_vec();
    let mut frame = Vec::with_capacity(5 + body.len());
    frame.push(0);
    frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
    frame.extend_from_slice(&body);
    frame
}

struct Load {
    rps: f64,
    p50_us: f64,
    p99_us: f64,
    done: u64,
}

/// Runs h2load for `secs` against `url` with `frame` (closed loop: every stream sends its
/// next request when the answer arrives) over `(connections, streams per connection)`.
fn h2load(
    url: &str,
    frame: &Path,
    secs: u64,
    (connections, streams): (u64, u64),
    dir: &Path,
) -> Result<Load> {
    let log = dir.join("h2load.log");
    let _ = std::fs::remove_file(&log);
    let mut cmd = Command::new("h2load");
    cmd.args(["-c", &connections.to_string(), "-m", &streams.to_string()])
        // 1 MiB stream and 8 MiB connection windows, as gRPC clients use: with HTTP/2's
        // 64 KiB default, 8 streams of ~10 KiB answers stall on flow control and the
        // server sends them in slivers (more frames, more wake-ups per call).
        .args(["-w", "20", "-W", "23"])
        .args(["-t", "1", "-D"])
        .arg(secs.to_string())
        .args(["--warm-up-time", "1"])
        .args(["-H", "content-type: application/grpc", "-H", "te: trailers"])
        .arg("-d")
        .arg(frame)
        .arg(format!("--log-file={}", log.display()));
    cmd.arg(url);
    let out = cmd
        .output()
        .context("running h2load (apt-get install -y nghttp2-client)")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    ensure!(
        out.status.success(),
        "h2load failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rps = text
        .lines()
        .find(|l| l.starts_with("finished in"))
        .and_then(|l| l.split(", ").nth(1))
        .and_then(|s| s.trim_end_matches(" req/s").parse::<f64>().ok())
        .with_context(|| format!("unexpected h2load output:\n{text}"))?;
    let failed = text
        .lines()
        .find(|l| l.starts_with("requests:"))
        .map(|l| !l.contains(" 0 failed, 0 errored"))
        .unwrap_or(true);
    ensure!(!failed, "h2load saw failures:\n{text}");
    // The log holds one line per request: start (µs), HTTP status, duration (µs).
    let mut durations: Vec<f64> = std::fs::read_to_string(&log)?
        .lines()
        .filter_map(|l| l.split('\t').nth(2)?.trim().parse().ok())
        .collect();
    ensure!(!durations.is_empty(), "h2load logged no requests");
    durations.sort_by(f64::total_cmp);
    Ok(Load {
        rps,
        p50_us: percentile(&durations, 0.50),
        p99_us: percentile(&durations, 0.99),
        done: durations.len() as u64,
    })
}

/// The four PriceCart calls of the table: guest or logged-in customer, with or
/// without the coupon.
fn variants(lines: u64) -> Vec<(&'static str, v1::PriceCartRequest)> {
    let with = |customer: bool, coupon: bool| {
        let mut r = realistic_cart(lines, 42);
        if let Some(c) = r.cart.as_mut() {
            if !coupon {
                c.coupon_codes.clear();
            }
            if customer {
                c.customer_id = "customer-42".into();
            }
        }
        r
    };
    vec![
        ("PriceCart, guest, no coupon", with(false, false)),
        ("PriceCart, customer, no coupon", with(true, false)),
        ("PriceCart, guest with a coupon", with(false, true)),
        (
            "PriceCart, customer with a coupon (benchmark cart)",
            with(true, true),
        ),
    ]
}

fn rule_counts(args: &[String]) -> Result<Vec<u64>> {
    match args.iter().position(|a| a == "--rules") {
        Some(i) => args
            .get(i + 1)
            .context("--rules takes a list, e.g. 0,1000,10000")?
            .split(',')
            .map(|n| n.trim().parse().context("--rules takes numbers"))
            .collect(),
        None => Ok(vec![0, 1_000, 10_000]),
    }
}

/// One row: h2load's figures and the server's CPU per call.
struct Row {
    name: String,
    load: Load,
    cpu_us: f64,
}

pub async fn run(args: &[String]) -> Result<()> {
    let counts = rule_counts(args)?;
    let lines = arg(args, "--lines", 20)?;
    let secs = arg(args, "--duration", 5)?;
    let connections = arg(args, "--connections", 4)?;
    // h2load's shape: the 16 connections × 8 streams.
    let shape = (
        arg(args, "--h2-connections", 16)?,
        arg(args, "--h2-streams", 8)?,
    );
    // `--pin`: the server on CPU 0, this process and h2load on CPU 1, so neither waits for
    // the other's scheduler slice (latency of the server alone; throughput of one core).
    let pin = args.iter().any(|a| a == "--pin");
    if Command::new("h2load").arg("--version").output().is_err() {
        bail!("h2load is missing: apt-get install -y nghttp2-client");
    }
    println!(
        "h2load {} connections x {} streams, {secs} s per row after 1 s of warm-up; {lines}-line cart",
        shape.0, shape.1
    );
    let mut latency_done = false;
    for &rules in &counts {
        // Latency phases once, with the first non-empty rule set (the benchmark cart).
        let latency = !latency_done && rules > 0;
        latency_done |= latency;
        one_rule_set(rules, lines, secs, connections, shape, pin, latency).await?;
    }
    Ok(())
}

/// A SQLite database in `dir` (`bench.db`) holding `rules` rules of the realistic mix and
/// the 1,000 audiences they target, imported with the CLI; returns its URL.
fn stored_rules(dir: &Path, rules: u64) -> Result<String> {
    let db = format!("sqlite://{}", dir.join("bench.db").display());
    if rules > 0 {
        let rules_file = dir.join("rules.json");
        let list = v1::ListRulesResponse {
            rules: realistic_rules(rules, 42),
            next_page_token: String::new(),
        };
        std::fs::write(&rules_file, serde_json::to_string(&list)?)?;
        // The rules' audiences first, as an Experience Platform export.
        let audiences = dir.join("audiences.json");
        let children: Vec<serde_json::Value> = (0..1000)
            .map(|n| {
                serde_json::json!({
                    "id": audience_id(n), "name": format!("audience {n}"),
                    "namespace": "AEPSegments", "lifecycleState": "published",
                })
            })
            .collect();
        std::fs::write(
            &audiences,
            serde_json::to_string(&serde_json::json!({ "children": children }))?,
        )?;
        // `cohort <what> import FILE` on the bench's database.
        let import = |what: &str, file: &Path| -> Result<()> {
            let (code, _, stderr) = cohort_tests::run_cohort_env(
                &[what, "import", file.to_str().context("path")?],
                dir,
                &[
                    ("COHORT__DATABASE__URL", &db),
                    ("COHORT__LOG__LEVEL", "warn"),
                ],
            )?;
            ensure!(code == 0, "{what} import failed: {stderr}");
            Ok(())
        };
        import("audiences", &audiences)?;
        import("rules", &rules_file)?;
    }
    Ok(db)
}

/// `cohort-bench fixture DIR [--rules N] [--lines N] [--carts N]`: the bench's database and
/// request frames in `DIR` (`bench.db`, `empty.bin` for Health/Check, `price-<n>.bin` for
/// the four PriceCart rows in table order, 4 being the benchmark cart), for profiling a
/// server by hand, e.g. under callgrind (`docs/benchmarks.md`); with `--carts N` also a
/// replay's `carts.jsonl` and `drafts.json`.
pub fn fixture(args: &[String]) -> Result<()> {
    let dir = Path::new(
        args.get(1)
            .context("usage: cohort-bench fixture DIR [--rules N]")?,
    );
    std::fs::create_dir_all(dir)?;
    let rules = arg(args, "--rules", 1000)?;
    let lines = arg(args, "--lines", 20)?;
    let _ = std::fs::remove_file(dir.join("bench.db"));
    let db = stored_rules(dir, rules)?;
    std::fs::write(
        dir.join("empty.bin"),
        grpc_frame(&tonic_health::pb::HealthCheckRequest::default()),
    )?;
    for (n, (_, request)) in variants(lines).iter().enumerate() {
        std::fs::write(
            dir.join(format!("price-{}.bin", n + 1)),
            grpc_frame(request),
        )?;
    }
    let carts = arg(args, "--carts", 0)?;
    if carts > 0 {
        replay_files(dir, carts, lines)?;
    }
    println!("{db}");
    Ok(())
}

/// `carts.jsonl` (`carts` PriceCartRequests of `lines` lines like the bench cart's, a coupon
/// of the set on every other, a customer on every third, 3 of the 1,000 audiences) and
/// `drafts.json` (a new 15 % rule for two audiences, a new 5 % rule over a 100.00
/// subtotal), for `cohort simulate` (`docs/benchmarks.md`, "Replaying carts").
fn replay_files(dir: &Path, carts: u64, lines: u64) -> Result<()> {
    let mut rng = Rng(0x5EED);
    let mut out = String::new();
    for n in 0..carts {
        let mut request = realistic_cart(lines, n + 1);
        if let Some(c) = request.cart.as_mut() {
            c.coupon_codes = if n % 2 == 0 {
                vec![format!("CODE-{}", rng.below(350))]
            } else {
                vec![]
            };
            if n % 3 == 0 {
                c.customer_id = format!("customer-{}", rng.below(5000));
            }
            c.audience_ids = (0..3).map(|_| audience_id(rng.below(1000))).collect();
        }
        out.push_str(&serde_json::to_string(&request)?);
        out.push('\n');
    }
    std::fs::write(dir.join("carts.jsonl"), out)?;
    let audience = CartPriceRule {
        name: "Draft: 15 % for two audiences".into(),
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "15".into(),
        conditions: Some(all(vec![cond(v1::condition::Kind::Audience(
            v1::AudienceCondition {
                operator: v1::AudienceOperator::IsOneOf as i32,
                audience_ids: vec![audience_id(3), audience_id(500)],
            },
        ))])),
        ..rule_base()
    };
    let broad = CartPriceRule {
        name: "Draft: 5 % over 100.00".into(),
        simple_action: v1::SimpleAction::ByPercent as i32,
        discount_amount: "5".into(),
        conditions: Some(all(vec![cond(v1::condition::Kind::Address(
            v1::AddressCondition {
                attribute: v1::AddressAttribute::Subtotal as i32,
                operator: v1::Operator::Gte as i32,
                values: vec!["100".into()],
            },
        ))])),
        ..rule_base()
    };
    let drafts = v1::ListRulesResponse {
        rules: vec![audience, broad],
        next_page_token: String::new(),
    };
    std::fs::write(dir.join("drafts.json"), serde_json::to_string(&drafts)?)?;
    Ok(())
}

/// An active rule on the bench's website for guests and customers (id 0: new).
fn rule_base() -> CartPriceRule {
    CartPriceRule {
        active: true,
        website_ids: vec!["base".into()],
        customer_group_ids: vec!["0".into(), "1".into()],
        ..Default::default()
    }
}

/// Rules stored in a SQLite database (so coupons and customers' counts are real rows the
/// service reads), one server, every row of the table against the empty RPC on it.
async fn one_rule_set(
    rules: u64,
    lines: u64,
    secs: u64,
    connections: u64,
    shape: (u64, u64),
    pin: bool,
    latency: bool,
) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = stored_rules(dir.path(), rules)?;
    if pin {
        // Before the server starts, so it inherits CPU 0 and tokio sizes its pool to one
        // worker (two workers sharing one core wait for each other's scheduler slices).
        pin_self(0)?;
    }
    let server = CohortServer::start(&[
        ("COHORT__DATABASE__URL", &db),
        ("COHORT__LOG__LEVEL", "warn"),
    ])
    .await?;
    if pin {
        // The server keeps CPU 0; this process (the paced client) and h2load move to CPU 1.
        pin_self(1)?;
        println!("pinned: server on CPU 0, clients on CPU 1");
    }
    let health = tonic_health::pb::health_client::HealthClient::new(server.channel().await?)
        .check(tonic_health::pb::HealthCheckRequest::default())
        .await?;
    ensure!(health.into_inner().status == 1, "health is not SERVING");
    println!("\n== {rules} rules ==");
    let base = format!("http://{}", server.addr);
    let price_path = "/cohort.v1.PricingService/PriceCart";
    let clock = CpuClock::new(server.pid().context("pid")?)?;
    let empty_frame = dir.path().join("empty.bin");
    std::fs::write(
        &empty_frame,
        grpc_frame(&tonic_health::pb::HealthCheckRequest::default()),
    )?;
    let mark = clock.mark()?;
    let load = h2load(
        &format!("{base}/grpc.health.v1.Health/Check"),
        &empty_frame,
        secs,
        shape,
        dir.path(),
    )?;
    let mut rows = vec![Row {
        name: "empty unary RPC (Health/Check)".into(),
        cpu_us: clock.per_call_us(mark, load.rps)?,
        load,
    }];
    let mut bench_frame = Vec::new();
    for (name, request) in variants(lines) {
        // One real call first: h2load only sees HTTP 200, and this one warms the caches.
        let priced = server
            .pricing()
            .await?
            .price_cart(request.clone())
            .await?
            .into_inner();
        if !request
            .cart
            .as_ref()
            .is_some_and(|c| c.coupon_codes.is_empty())
        {
            ensure!(
                priced.coupons.first().map(|c| c.status()) == Some(v1::CouponStatus::Applied)
                    || rules == 0,
                "the bench coupon did not apply: {:?}",
                priced.coupons
            );
        }
        let bytes = grpc_frame(&request);
        let frame = dir.path().join("price.bin");
        std::fs::write(&frame, &bytes)?;
        let mark = clock.mark()?;
        let load = h2load(
            &format!("{base}{price_path}"),
            &frame,
            secs,
            shape,
            dir.path(),
        )?;
        rows.push(Row {
            name: format!("{name} ({} rules applied)", priced.applied_rules.len()),
            cpu_us: clock.per_call_us(mark, load.rps)?,
            load,
        });
        bench_frame = bytes;
    }
    let baseline = rows[0].load.rps;
    println!(
        "| call | req/s | ratio to the empty RPC | server CPU per call | p50 | p99 | calls |\n|---|---|---|---|---|---|---|"
    );
    for row in &rows {
        println!(
            "| {} | {:.0} | {:.2} | {:.0} µs | {:.2} ms | {:.2} ms | {} |",
            row.name,
            row.load.rps,
            row.load.rps / baseline,
            row.cpu_us,
            row.load.p50_us / 1000.0,
            row.load.p99_us / 1000.0,
            row.load.done,
        );
    }
    let rss = std::fs::read_to_string(format!("/proc/{}/status", server.pid().context("pid")?))?
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .map(|l| l.trim_start_matches("VmRSS:").trim().to_owned())
        .unwrap_or_default();
    println!("server resident size with {rules} rules after the runs: {rss}");
    if !latency {
        return Ok(());
    }
    // Half of the measured benchmark-cart throughput as Poisson arrivals, each sent at its
    // scheduled time and timed from it (`paced.rs`): h2load's `--rps` releases bursts
    // every 10 ms tick, which measures its pacing rather than the server.
    let price = rows.last().context("rows")?.load.rps;
    let half_rate = (price / 2.0).max(1.0);
    let own = CpuClock::new(std::process::id())?;
    let own_mark = own.mark()?;
    let mark = clock.mark()?;
    let half = paced::run(paced::Plan {
        addr: server.addr.clone(),
        path: price_path.to_owned(),
        frame: bench_frame.clone().into(),
        schedule: poisson_schedule(half_rate, secs as f64 + 1.0, 7),
        warm_up: Duration::from_secs(1),
        connections: connections as usize,
    })?;
    let half_cpu = clock.per_call_us(mark, half.rps)?;
    let client_cpu = own.per_call_us(own_mark, half.rps)?;
    println!(
        "benchmark cart at half load, Poisson arrivals ({:.0} req/s over {connections} connections, {} requests): \
         p50 {:.0} µs, p90 {:.0} µs, p99 {:.0} µs, max {:.0} µs from the scheduled send \
         (client lateness p99 {:.0} µs); CPU per call: server {:.0} µs, this client {:.0} µs",
        half.rps,
        half.done,
        half.p50_us,
        half.p90_us,
        half.p99_us,
        half.max_us,
        half.late_p99_us,
        half_cpu,
        client_cpu
    );
    // One call at a time on one connection: the latency of a call that never queues.
    let frame = dir.path().join("price.bin");
    std::fs::write(&frame, &bench_frame)?;
    let mark = clock.mark()?;
    let alone = h2load(
        &format!("{base}{price_path}"),
        &frame,
        secs,
        (1, 1),
        dir.path(),
    )?;
    let alone_cpu = clock.per_call_us(mark, alone.rps)?;
    println!(
        "benchmark cart one at a time ({:.0} req/s): p50 {:.0} µs, p99 {:.0} µs; server CPU {:.0} µs/call",
        alone.rps, alone.p50_us, alone.p99_us, alone_cpu
    );
    Ok(())
}

/// CPU time (user + system) the process `pid` has used so far, from `/proc/<pid>/stat`
/// (clock ticks of `getconf CLK_TCK`, 10 ms on Linux: phases of seconds make it exact to
/// well under 1 %).
struct CpuClock {
    stat: String,
    tick: Duration,
}

impl CpuClock {
    fn new(pid: u32) -> Result<CpuClock> {
        let out = Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .context("running getconf")?;
        let hz: u64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .context("getconf CLK_TCK")?;
        ensure!(hz > 0, "CLK_TCK is 0");
        Ok(CpuClock {
            stat: format!("/proc/{pid}/stat"),
            tick: Duration::from_secs(1) / hz as u32,
        })
    }

    fn used(&self) -> Result<Duration> {
        let text = std::fs::read_to_string(&self.stat)?;
        // Fields after the command name (which may hold spaces) start at the state, field 3;
        // utime and stime are fields 14 and 15.
        let rest = text.rsplit_once(')').context("malformed stat")?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ticks = |i: usize| -> Result<u64> {
            fields
                .get(i - 3)
                .context("short stat")?
                .parse()
                .context("stat field")
        };
        Ok(self.tick * (ticks(14)? + ticks(15)?) as u32)
    }

    /// A mark to measure from.
    fn mark(&self) -> Result<(Instant, Duration)> {
        Ok((Instant::now(), self.used()?))
    }

    /// Server CPU per call since `mark`, in µs, for a phase that ran at `rps` throughout
    /// (cores busy on average ÷ calls per second; the phase's warm-up runs at the same
    /// rate, so it counts on both sides).
    fn per_call_us(&self, (wall, cpu): (Instant, Duration), rps: f64) -> Result<f64> {
        let busy = self.used()?.saturating_sub(cpu).as_secs_f64() / wall.elapsed().as_secs_f64();
        Ok(busy / rps.max(1e-9) * 1e6)
    }
}

/// Pins every thread of this process to `cpu` (children started later inherit it).
fn pin_self(cpu: u32) -> Result<()> {
    let out = Command::new("taskset")
        .args([
            "-a",
            "-p",
            "-c",
            &cpu.to_string(),
            &std::process::id().to_string(),
        ])
        .output()
        .context("running taskset (util-linux)")?;
    ensure!(out.status.success(), "taskset failed: {out:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_schedule_is_seeded_ascending_and_at_its_rate() {
        let a = poisson_schedule(1000.0, 10.0, 7);
        assert_eq!(a, poisson_schedule(1000.0, 10.0, 7));
        assert_ne!(a, poisson_schedule(1000.0, 10.0, 8));
        assert!(a.windows(2).all(|w| w[0] <= w[1]));
        assert!(a.iter().all(|t| *t < Duration::from_secs(10)));
        // 10,000 arrivals expected; the count's standard deviation is 100.
        assert!((9_500..=10_500).contains(&a.len()), "{} arrivals", a.len());
    }

    fn paced(addr: &str, path: &str, schedule: Vec<Duration>) -> Result<paced::Paced> {
        paced::run(paced::Plan {
            addr: addr.to_owned(),
            path: path.to_owned(),
            frame: grpc_frame(&realistic_cart(20, 42)).into(),
            schedule,
            warm_up: Duration::from_millis(50),
            connections: 2,
        })
    }

    /// The open-loop client against the real server: every call after the warm-up is
    /// counted and answered with grpc-status 0; a failing call fails the run. No timing is
    /// asserted.
    #[tokio::test]
    async fn paced_client_counts_every_scheduled_call_and_fails_on_errors() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let rules_file = dir.path().join("rules.json");
        let list = v1::ListRulesResponse {
            rules: realistic_rules(50, 42),
            next_page_token: String::new(),
        };
        std::fs::write(&rules_file, serde_json::to_string(&list)?)?;
        let server =
            CohortServer::start(&[("COHORT__RULES__FILE", rules_file.to_str().context("path")?)])
                .await?;
        // 40 calls 5 ms apart; the first 10 fall in the 50 ms warm-up.
        let schedule: Vec<Duration> = (0..40).map(|i| Duration::from_millis(i * 5)).collect();
        let run = paced(
            &server.addr,
            "/cohort.v1.PricingService/PriceCart",
            schedule.clone(),
        )?;
        assert_eq!(run.done, 30);
        assert!(run.p50_us > 0.0);
        assert!(run.p50_us <= run.p90_us && run.p90_us <= run.p99_us && run.p99_us <= run.max_us);

        let err = paced(&server.addr, "/cohort.v1.PricingService/Nope", schedule)
            .err()
            .context("an unknown method must fail the run")?;
        assert!(err.to_string().contains("grpc-status"), "{err:#}");
        Ok(())
    }
}
