//! Pricing benchmarks over seeded synthetic stores shaped like real ones: most rules are
//! targeted and only a handful apply to one cart.
//!
//! Realistic mix (share of rules): 35 % coupon-gated, 25 % audience-gated (2 of 1,000
//! audiences), 25 % product-specific (found + apply-to on 5 of 5,000 SKUs), 14.5 % dated
//! outside today, 0.5 % broad (a subtotal threshold). The cart: 20 lines, one valid coupon,
//! 3 audiences. The generator lives in `stores.rs`, shared with the zen-engine peer bench
//! (`benches/peer-zen`), so both price identical data.
//!
//! Groups: `realistic_mix`, `targets`, `worst_case_all_broad`, `growth`, `unindexed`,
//! `groups` (a best-deal group of 4 against the same rules ungrouped).
//! Before them, the binary prints applied rules per shape and the resident size with
//! 10,000 compiled rules (stderr); see `probe` for allocations per price. Quick run: `cargo bench -p cohort-engine --bench price -- --quick`.

use std::hint::black_box;
use std::time::Duration;

use cohort_domain::usage::UsageView;
use cohort_domain::{Cart, Websites};
use cohort_engine::{PriceOptions, RuleSet, price, price_unindexed};
use criterion::{BenchmarkId, Criterion, criterion_group};

mod stores;

/// The allocator the `cohort` binary ships with, so figures match the service's engine;
/// `--features bench-system-allocator` keeps the system one for valgrind's counts.
#[cfg(not(feature = "bench-system-allocator"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use stores::{Shape, store};

fn setup(shape: Shape, rule_count: usize, lines: usize) -> (RuleSet, Cart) {
    let (rules, cart) = store(shape, rule_count, lines);
    (RuleSet::compile(rules, Websites::default(), 1), cart)
}

fn short<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .sample_size(20);
    group
}

fn bench(c: &mut Criterion, group: &str, cases: &[(Shape, usize, usize)]) {
    let usage = UsageView::default();
    let mut g = short(c, group);
    for &(shape, rules, lines) in cases {
        let (set, cart) = setup(shape, rules, lines);
        let id = BenchmarkId::from_parameter(format!("{rules}_rules_x_{lines}_lines"));
        g.bench_function(id, |b| {
            b.iter(|| price(black_box(&set), black_box(&cart), &usage))
        });
    }
    g.finish();
}

fn realistic_mix(c: &mut Criterion) {
    bench(
        c,
        "realistic_mix",
        &[
            (Shape::Realistic, 1_000, 20),
            (Shape::Realistic, 10_000, 20),
        ],
    );
}

fn targets(c: &mut Criterion) {
    bench(
        c,
        "targets",
        &[
            (Shape::Realistic, 100, 100),
            (Shape::AudienceTargeted, 10_000, 20),
        ],
    );
}

fn worst_case_all_broad(c: &mut Criterion) {
    bench(c, "worst_case_all_broad", &[(Shape::AllBroad, 1_000, 20)]);
}

fn growth(c: &mut Criterion) {
    let cases: Vec<_> = [100, 1_000, 10_000, 100_000]
        .into_iter()
        .map(|n| (Shape::Realistic, n, 20))
        .collect();
    bench(c, "growth", &cases);
}

fn unindexed(c: &mut Criterion) {
    let usage = UsageView::default();
    let options = PriceOptions::default();
    let (set, cart) = setup(Shape::Realistic, 10_000, 20);
    let mut g = short(c, "unindexed");
    g.bench_function("10000_rules_x_20_lines", |b| {
        b.iter(|| price_unindexed(black_box(&set), black_box(&cart), &usage, &options))
    });
    g.finish();
}

/// A best-deal group of 4 rules that apply to the cart against the same rules ungrouped
/// (realistic 1,000 × 20): the group prices the cart once per candidate, then once more.
fn groups(c: &mut Criterion) {
    let usage = UsageView::default();
    let (rules, cart) = store(Shape::Realistic, 1_000, 20);
    let plain = RuleSet::compile(rules.clone(), Websites::default(), 1);
    let members: Vec<u64> = price(&plain, &cart, &usage)
        .applied_rules
        .iter()
        .take(4)
        .map(|a| a.rule_id)
        .collect();
    assert_eq!(members.len(), 4, "the bench cart applies at least 4 rules");
    let grouped_rules = rules
        .into_iter()
        .map(|mut r| {
            if members.contains(&r.id) {
                r.exclusive_group = "best".into();
            }
            r
        })
        .collect();
    let grouped = RuleSet::compile(grouped_rules, Websites::default(), 1);
    let mut g = short(c, "groups");
    g.bench_function("ungrouped_1000_rules_x_20_lines", |b| {
        b.iter(|| price(black_box(&plain), black_box(&cart), &usage))
    });
    g.bench_function("group_of_4_1000_rules_x_20_lines", |b| {
        b.iter(|| price(black_box(&grouped), black_box(&cart), &usage))
    });
    g.finish();
}

/// Resident set size in MiB, from /proc (Linux); 0 elsewhere.
fn resident_mib() -> f64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<f64>().ok())
        })
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}

/// Applied rules per shape (checked against the un-indexed path) and the resident size
/// with 10,000 compiled rules, printed once per run.
fn report() {
    let usage = UsageView::default();
    // First, before other sets' freed pages inflate the figure.
    let start = resident_mib();
    let (set, cart) = setup(Shape::Realistic, 10_000, 20);
    black_box(price(&set, &cart, &usage));
    eprintln!(
        "report: resident {:.1} MiB with 10,000 compiled rules ({start:.1} MiB before)",
        resident_mib()
    );
    drop((set, cart));
    for (name, shape, rules, lines) in SHAPES {
        let (set, cart) = setup(shape, rules, lines);
        let priced = price(&set, &cart, &usage);
        let reference = price_unindexed(&set, &cart, &usage, &PriceOptions::default());
        assert_eq!(priced, reference, "{name}: indexed and un-indexed differ");
        eprintln!(
            "report: {name}: {} rules applied",
            priced.applied_rules.len()
        );
    }
}

const SHAPES: [(&str, Shape, usize, usize); 4] = [
    ("realistic 10k x 20", Shape::Realistic, 10_000, 20),
    ("targets 100 x 100", Shape::Realistic, 100, 100),
    (
        "targets 10k x 20 (1% audience)",
        Shape::AudienceTargeted,
        10_000,
        20,
    ),
    ("all broad 1k x 20", Shape::AllBroad, 1_000, 20),
];

/// `COHORT_ALLOC_PROBE=<shape>:<n>` prices shape `SHAPES[shape]` n times and exits, so an
/// allocation profiler (the workspace forbids the `unsafe` a counting allocator needs) can
/// diff n = 0 against n = 1,000 (build with `--features bench-system-allocator`):
/// `valgrind target/release/deps/price-* 2>&1 | grep allocs`.
fn probe(spec: &str) {
    let mut parts = spec.split(':').map(|p| p.parse::<usize>().unwrap_or(0));
    let (shape, times) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    let (_, shape, rules, lines) = SHAPES[shape.min(SHAPES.len() - 1)];
    let (set, cart) = setup(shape, rules, lines);
    let usage = UsageView::default();
    for _ in 0..times {
        black_box(price(black_box(&set), black_box(&cart), &usage));
    }
}

criterion_group!(
    benches,
    realistic_mix,
    targets,
    worst_case_all_broad,
    growth,
    unindexed,
    groups
);

fn main() {
    if let Ok(spec) = std::env::var("COHORT_ALLOC_PROBE") {
        probe(&spec);
        return;
    }
    report();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
