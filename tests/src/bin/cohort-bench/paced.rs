//! An open-loop gRPC client for latency at a set rate. h2load cannot pace sub-millisecond
//! gaps: its `--rps` timer ticks every max(10 ms, 1/rps) and releases every request due in
//! the tick at once (35 at a time at 3,500 req/s), and its timing script schedules each
//! request relative to when the previous one actually left, on an event loop that sleeps in
//! whole milliseconds, so the rate it reaches falls far short of the one asked for.
//!
//! Here a pacer thread sleeps (`nanosleep`: tens of µs of slack) until each request's
//! scheduled time and hands it to the tokio runtime, which sends the pre-encoded frame on
//! one of a few HTTP/2 connections (the `h2` crate directly: no client-side protobuf work).
//! Latency is measured from the *scheduled* time, so a request the client or the machine
//! sent late counts against the figure (no coordinated omission); the pacer's own lateness
//! is reported beside it.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use bytes::Bytes;
use h2::client::SendRequest;
use tokio::net::TcpStream;

use super::percentile;

/// How long one call may take before the run fails.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// What one paced run measured, over the requests scheduled after the warm-up.
pub struct Paced {
    /// Requests per second scheduled (and completed) over the measured window.
    pub rps: f64,
    pub done: usize,
    pub p50_us: f64,
    pub p90_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
    /// p99 of how late the pacer handed a request over (the client's share of the latency).
    pub late_p99_us: f64,
}

/// One paced run: `frame` (a gRPC message frame) sent as a unary call to `path` on `addr`
/// at the times `schedule` gives (offsets from the start, ascending), round-robin over
/// `connections` HTTP/2 connections; requests scheduled before `warm_up` are sent but not
/// counted.
pub struct Plan {
    pub addr: String,
    pub path: String,
    pub frame: Bytes,
    pub schedule: Vec<Duration>,
    pub warm_up: Duration,
    pub connections: usize,
}

/// Runs `plan` and waits for it. Every answer must be HTTP 200 with `grpc-status: 0`. The
/// client runs on two threads of its own (the pacer and a single-threaded runtime), so its
/// cost stays small, its wake-ups do not hop between workers, and it can be called from
/// inside another runtime.
pub fn run(plan: Plan) -> Result<Paced> {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
            .block_on(drive(plan))
    })
    .join()
    .map_err(|_| anyhow::anyhow!("paced client panicked"))?
}

async fn drive(plan: Plan) -> Result<Paced> {
    let Plan {
        addr,
        path,
        frame,
        schedule,
        warm_up,
        connections,
    } = plan;
    ensure!(connections > 0, "at least one connection");
    let uri: http::Uri = format!("http://{addr}{path}").parse()?;
    let mut senders = Vec::with_capacity(connections);
    for _ in 0..connections {
        let tcp = TcpStream::connect(&addr).await.context("connecting")?;
        tcp.set_nodelay(true)?;
        // Windows as gRPC clients set them: with HTTP/2's 64 KiB defaults, queued ~10 KiB
        // answers arrive in window-sized slivers, and h2 (0.4.20+) ends a connection that
        // receives too many small DATA frames (ENHANCE_YOUR_CALM, "too_many_data_frames").
        let (sender, connection) = h2::client::Builder::new()
            .initial_window_size(1 << 20)
            .initial_connection_window_size(8 << 20)
            .handshake(tcp)
            .await?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        senders.push(sender);
    }

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant, Instant)>();
    let window = schedule.last().copied().unwrap_or_default();
    let pacer_schedule = schedule.clone();
    let pacer = std::thread::spawn(move || {
        let start = Instant::now() + Duration::from_millis(20);
        for (i, offset) in pacer_schedule.into_iter().enumerate() {
            let due = start + offset;
            let now = Instant::now();
            if due > now {
                std::thread::sleep(due - now);
            }
            if tx.send((i, due, Instant::now())).is_err() {
                return;
            }
        }
    });

    let mut calls = tokio::task::JoinSet::new();
    while let Some((i, due, handed)) = rx.recv().await {
        let sender = senders[i % connections].clone();
        let uri = uri.clone();
        let frame = frame.clone();
        calls.spawn(async move {
            // Bounded: a server that stops answering fails the run instead of hanging it.
            tokio::time::timeout(CALL_TIMEOUT, call(sender, uri, frame))
                .await
                .map_err(|_| anyhow::anyhow!("no answer within {CALL_TIMEOUT:?}"))??;
            Ok::<_, anyhow::Error>((i, due, handed, Instant::now()))
        });
    }
    pacer
        .join()
        .map_err(|_| anyhow::anyhow!("pacer thread panicked"))?;

    let mut latencies = Vec::with_capacity(schedule.len());
    let mut late = Vec::with_capacity(schedule.len());
    while let Some(joined) = calls.join_next().await {
        let (i, due, handed, done) = joined??;
        if schedule[i] < warm_up {
            continue;
        }
        latencies.push(done.duration_since(due).as_secs_f64() * 1e6);
        late.push(handed.duration_since(due).as_secs_f64() * 1e6);
    }
    ensure!(
        !latencies.is_empty(),
        "no request scheduled after the warm-up"
    );
    latencies.sort_by(f64::total_cmp);
    late.sort_by(f64::total_cmp);
    let measured = window.saturating_sub(warm_up).as_secs_f64();
    Ok(Paced {
        rps: latencies.len() as f64 / measured.max(1e-9),
        done: latencies.len(),
        p50_us: percentile(&latencies, 0.50),
        p90_us: percentile(&latencies, 0.90),
        p99_us: percentile(&latencies, 0.99),
        max_us: percentile(&latencies, 1.0),
        late_p99_us: percentile(&late, 0.99),
    })
}

/// One unary call with a pre-encoded request frame; the answer is read and released, not
/// decoded.
async fn call(sender: SendRequest<Bytes>, uri: http::Uri, frame: Bytes) -> Result<()> {
    let request = http::Request::post(uri)
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())?;
    let mut sender = sender.ready().await?;
    let (response, mut body_tx) = sender.send_request(request, false)?;
    body_tx.send_data(frame, true)?;
    let response = response.await?;
    ensure!(
        response.status() == http::StatusCode::OK,
        "HTTP {}",
        response.status()
    );
    // A trailers-only answer (an error) carries grpc-status in the headers.
    if response.headers().contains_key("grpc-status") {
        return grpc_ok(response.headers());
    }
    let mut body = response.into_body();
    while let Some(chunk) = body.data().await {
        let chunk = chunk?;
        let _ = body.flow_control().release_capacity(chunk.len());
    }
    grpc_ok(&body.trailers().await?.context("no trailers")?)
}

fn grpc_ok(headers: &http::HeaderMap) -> Result<()> {
    let status = headers.get("grpc-status").context("no grpc-status")?;
    ensure!(status == "0", "grpc-status {status:?}");
    Ok(())
}
