//! Cohort beside GoRules zen-engine, in one run, on identical rule sets and carts (the
//! engine bench's generator, `crates/cohort-engine/benches/stores.rs`).
//!
//! Per shape, one criterion group with two functions:
//! - `cohort_price`: `cohort_engine::price` on the compiled `RuleSet`: the full pricing
//!   (candidates, cart and item conditions, Magento's sequential per-line discounts,
//!   rounding carries, stop processing, shipping, coupon results, totals).
//! - `zen_table`: `cart_input` (the table's input built from the `Cart`, as a caller would
//!   have to) then `Decision::evaluate` of the generated decision table (hit policy
//!   `collect`) on a current-thread tokio runtime. The decision is created and compiled
//!   once, outside the timed loop, as Cohort's `RuleSet` is.
//!
//! Before criterion runs, `report()` checks that both sides agree on the rules Cohort
//! applied, times both sides with a plain loop (21 rounds, each a ~10 ms batch of Cohort
//! then one of zen, so that both see the same load on a shared machine) and prints the
//! medians and the median zen / Cohort ratio per shape; the table is printed again after
//! criterion's summary. Criterion's
//! medians stay the primary figures. Run: `cargo bench -p cohort-peer-zen --bench peer`
//! (one shape: `-- realistic_1000`).

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Websites};
use cohort_engine::{RuleSet, price};
use cohort_peer_zen::{PeerTable, cart_input, rule_ids};
use criterion::Criterion;
use tokio::runtime::Runtime;

#[path = "../../../crates/cohort-engine/benches/stores.rs"]
mod stores;

use stores::{Shape, store};

/// The allocator the `cohort` binary ships with (as in `cohort-engine`'s price bench); both
/// engines run under it, in the same process.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SHAPES: [(&str, Shape, usize, usize); 5] = [
    (
        "realistic_1000_rules_x_20_lines",
        Shape::Realistic,
        1_000,
        20,
    ),
    (
        "realistic_10000_rules_x_20_lines",
        Shape::Realistic,
        10_000,
        20,
    ),
    ("targets_100_rules_x_100_lines", Shape::Realistic, 100, 100),
    (
        "audience_10000_rules_x_20_lines",
        Shape::AudienceTargeted,
        10_000,
        20,
    ),
    (
        "all_broad_1000_rules_x_20_lines",
        Shape::AllBroad,
        1_000,
        20,
    ),
];

struct Case {
    name: &'static str,
    set: RuleSet,
    cart: Cart,
    table: PeerTable,
}

fn cases() -> Vec<Case> {
    SHAPES
        .iter()
        .map(|&(name, shape, rules, lines)| {
            let (rules, cart) = store(shape, rules, lines);
            let table = PeerTable::new(&rules).unwrap_or_else(|e| panic!("{name}: {e}"));
            let set = RuleSet::compile(rules, Websites::default(), 1);
            Case {
                name,
                set,
                cart,
                table,
            }
        })
        .collect()
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("tokio runtime: {e}"))
}

/// One zen evaluation as benched: input built from the cart, then the table.
fn zen_once(rt: &Runtime, case: &Case, websites: &Websites) -> zen_expression::Variable {
    let input = cart_input(black_box(&case.cart), websites).unwrap_or_else(|e| panic!("{e}"));
    rt.block_on(case.table.evaluate(input))
        .unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

/// Calls of `f` in a batch of about 10 ms.
fn batch_size(f: &mut impl FnMut()) -> u32 {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(100) {
        f();
        calls += 1;
    }
    let per_call = start.elapsed() / calls.max(1);
    (Duration::from_millis(10).as_nanos() / per_call.as_nanos().max(1)).clamp(1, 1_000_000) as u32
}

fn per_call(f: &mut impl FnMut(), batch: u32) -> Duration {
    let t = Instant::now();
    for _ in 0..batch {
        f();
    }
    t.elapsed() / batch
}

fn median_of<T: Copy + PartialOrd>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

/// Paired medians on a shared machine: 21 rounds, each timing a batch of `a` then a batch
/// of `b`, so both see the same load; returns (median a, median b, median of b/a per round).
fn paired(mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration, f64) {
    let (batch_a, batch_b) = (batch_size(&mut a), batch_size(&mut b));
    let rounds: Vec<(Duration, Duration)> = (0..21)
        .map(|_| (per_call(&mut a, batch_a), per_call(&mut b, batch_b)))
        .collect();
    let ratio = median_of(
        rounds
            .iter()
            .map(|(x, y)| y.as_secs_f64() / x.as_secs_f64())
            .collect(),
    );
    (
        median_of(rounds.iter().map(|r| r.0).collect()),
        median_of(rounds.iter().map(|r| r.1).collect()),
        ratio,
    )
}

struct Row {
    name: &'static str,
    applied: usize,
    matched: usize,
    cohort: Duration,
    zen: Duration,
    input: Duration,
    ratio: f64,
}

fn print(rows: &[Row]) {
    eprintln!(
        "report: {:<34} {:>8} {:>8} {:>12} {:>12} {:>12} {:>10}",
        "shape", "applied", "matched", "cohort", "zen", "zen input", "zen/cohort"
    );
    for r in rows {
        eprintln!(
            "report: {:<34} {:>8} {:>8} {:>12.1?} {:>12.1?} {:>12.1?} {:>10.1}",
            r.name, r.applied, r.matched, r.cohort, r.zen, r.input, r.ratio
        );
    }
}

/// Agreement check and paired plain-loop medians, before criterion.
fn report(cases: &[Case], rt: &Runtime, websites: &Websites) -> Vec<Row> {
    let usage = UsageView::default();
    cases
        .iter()
        .map(|case| {
            let priced = price(&case.set, &case.cart, &usage);
            let matched = rule_ids(&zen_once(rt, case, websites)).unwrap_or_else(|e| panic!("{e}"));
            // Every rule that gave a discount passed the cart level, so zen matched it.
            let matched_set: BTreeSet<u64> = matched.iter().copied().collect();
            assert!(
                priced
                    .applied_rules
                    .iter()
                    .all(|a| matched_set.contains(&a.rule_id)),
                "{}: a rule Cohort applied is not matched by zen",
                case.name
            );
            let (cohort, zen, ratio) = paired(
                || {
                    black_box(price(black_box(&case.set), black_box(&case.cart), &usage));
                },
                || {
                    black_box(zen_once(rt, case, websites));
                },
            );
            let mut input = || {
                black_box(cart_input(black_box(&case.cart), websites).ok());
            };
            let batch = batch_size(&mut input);
            let input = median_of((0..21).map(|_| per_call(&mut input, batch)).collect());
            let row = Row {
                name: case.name,
                applied: priced.applied_rules.len(),
                matched: matched.len(),
                cohort,
                zen,
                input,
                ratio,
            };
            eprintln!(
                "report: {}: cohort {:.1?}, zen {:.1?} (input {:.1?}), zen/cohort {:.1}",
                row.name, row.cohort, row.zen, row.input, row.ratio
            );
            row
        })
        .collect()
}

fn bench(c: &mut Criterion, cases: &[Case], rt: &Runtime, websites: &Websites) {
    let usage = UsageView::default();
    for case in cases {
        let mut g = c.benchmark_group(case.name);
        g.measurement_time(Duration::from_secs(3))
            .warm_up_time(Duration::from_secs(1))
            .sample_size(20);
        g.bench_function("cohort_price", |b| {
            b.iter(|| price(black_box(&case.set), black_box(&case.cart), &usage))
        });
        g.bench_function("zen_table", |b| b.iter(|| zen_once(rt, case, websites)));
        g.finish();
    }
}

fn main() {
    let websites = Websites::default();
    let rt = runtime();
    let cases = cases();
    for case in &cases {
        eprintln!("report: {}: {} table rows", case.name, case.table.rows);
    }
    let rows = report(&cases, &rt, &websites);
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &cases, &rt, &websites);
    c.final_summary();
    eprintln!("report: plain-loop medians (zen/cohort = the ratio; criterion's figures above):");
    print(&rows);
}
