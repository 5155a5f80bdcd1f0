//! `/coupons?rule={id}`: a rule's coupon codes. Generate codes with the generator's options
//! (`GenerateCoupons`: all or nothing), watch a large batch's progress, list the codes with
//! their usage, and download them all as CSV (`/coupons.csv?rule={id}`, streamed page by
//! page).
//!
//! A generation runs as a job in the background, so a batch of 250 000 codes does not hold
//! the request: the form answers once the job is done or after two seconds, whichever is
//! first, and the page then follows the job (refreshing itself) until it ends. The options
//! are checked before the job starts, so a bad option is shown beside its field at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Form;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use cohort_app::coupons::Generated;
use cohort_domain::FieldViolation;
use cohort_proto::convert::code_spec_from_proto;
use cohort_proto::v1;
use maud::{Markup, html};
use serde::Deserialize;

use crate::auth::{Signed, check_csrf};
use crate::layout::{Nav, page};
use crate::pages::{encode, error_page, status_of, when_date};
use crate::sessions::{Session, random_token};
use crate::{Console, Shared};

/// Codes listed per page.
const PAGE_SIZE: u32 = 100;
/// Codes read per CSV chunk.
const CSV_CHUNK: u32 = 500;
/// How long the form waits for a job before answering with the progress page.
const ANSWER_WITHIN: Duration = Duration::from_secs(2);
/// Jobs remembered (finished ones are dropped oldest first).
const MAX_JOBS: usize = 100;

/// One generation in the background.
#[derive(Clone)]
pub struct Job {
    rule_id: u64,
    quantity: u32,
    started: Instant,
    outcome: Option<Result<Generated, String>>,
}

/// The console's generation jobs, by id.
#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<HashMap<String, Job>>,
}

impl Jobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        self.jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn start(&self, rule_id: u64, quantity: u32) -> String {
        let id = random_token();
        let mut jobs = self.lock();
        if jobs.len() >= MAX_JOBS {
            let oldest = jobs
                .iter()
                .filter(|(_, j)| j.outcome.is_some())
                .min_by_key(|(_, j)| j.started)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                jobs.remove(&oldest);
            }
        }
        jobs.insert(
            id.clone(),
            Job {
                rule_id,
                quantity,
                started: Instant::now(),
                outcome: None,
            },
        );
        id
    }

    fn finish(&self, id: &str, outcome: Result<Generated, String>) {
        if let Some(job) = self.lock().get_mut(id) {
            job.outcome = Some(outcome);
        }
    }

    fn get(&self, id: &str) -> Option<Job> {
        self.lock().get(id).cloned()
    }

    fn running(&self) -> usize {
        self.lock().values().filter(|j| j.outcome.is_none()).count()
    }
}

#[derive(Deserialize, Default)]
pub struct CouponsQuery {
    #[serde(default)]
    rule: u64,
    #[serde(default)]
    page: String,
    #[serde(default)]
    job: String,
}

/// The generator's options as typed.
#[derive(Deserialize, Default, Clone)]
pub struct GenerateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    rule: u64,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    length: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    #[serde(default)]
    dash_every: String,
    #[serde(default)]
    delimiter: String,
}

const FORMATS: [(&str, &str); 3] = [
    ("COUPON_FORMAT_ALPHANUMERIC", "Alphanumeric"),
    ("COUPON_FORMAT_ALPHABETIC", "Alphabetic"),
    ("COUPON_FORMAT_NUMERIC", "Numeric"),
];

impl GenerateForm {
    /// The request the form describes, or the violations of its numbers.
    fn request(&self) -> Result<v1::GenerateCouponsRequest, Vec<FieldViolation>> {
        let mut v = Vec::new();
        let mut number = |field: &str, text: &str| -> u32 {
            let t = text.trim();
            if t.is_empty() {
                return 0;
            }
            t.parse().unwrap_or_else(|_| {
                v.push(FieldViolation::new(
                    field,
                    format!("write a whole number, got {t:?}"),
                ));
                0
            })
        };
        let quantity = number("quantity", &self.quantity);
        let length = number("length", &self.length);
        let dash_every = number("dash_every", &self.dash_every);
        let format = if self.format.is_empty() {
            Some(v1::CouponFormat::Unspecified)
        } else {
            v1::CouponFormat::from_str_name(&self.format)
        };
        if format.is_none() {
            v.push(FieldViolation::new("format", "unknown format"));
        }
        if !v.is_empty() {
            return Err(v);
        }
        Ok(v1::GenerateCouponsRequest {
            rule_id: self.rule,
            quantity,
            length,
            format: format.map_or(0, |f| f as i32),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            dash_every,
            delimiter: self.delimiter.clone(),
        })
    }
}

fn generator(session: &Session, form: &GenerateForm, errors: &[FieldViolation]) -> Markup {
    let error = |field: &str| {
        let list: Vec<&str> = errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.description.as_str())
            .collect();
        html! { @if !list.is_empty() { span.field-error role="alert" id=(format!("err-{field}")) { (list.join("; ")) } } }
    };
    let bad = |field: &str| errors.iter().any(|e| e.field == field).then_some("true");
    let input = |field: &str, label: &str, value: &str, hint: &str| {
        html! {
            label { (label)
                input type="text" name=(field) value=(value) aria-invalid=[bad(field)];
                @if !hint.is_empty() { span.hint { (hint) } }
                (error(field))
            }
        }
    };
    html! {
        form.panel.generate method="post" action="/coupons" {
            h2 { "Manage coupon codes" }
            input type="hidden" name="csrf" value=(session.csrf);
            input type="hidden" name="rule" value=(form.rule);
            div.grid {
                (input("quantity", "Coupon qty", &form.quantity, "1 to 250000"))
                (input("length", "Code length", &form.length, "empty = 12; grown when too guessable"))
                label { "Code format"
                    select name="format" {
                        @for (value, text) in FORMATS { option value=(value) selected[form.format == value] { (text) } }
                    }
                    (error("format"))
                }
                (input("prefix", "Code prefix", &form.prefix, ""))
                (input("suffix", "Code suffix", &form.suffix, ""))
                (input("dash_every", "Dash every X characters", &form.dash_every, "0 = never"))
                (input("delimiter", "Delimiter", &form.delimiter, "empty = -"))
            }
            button.primary type="submit" { "Generate" }
        }
    }
}

async fn render(
    console: &Console,
    session: &Session,
    query: &CouponsQuery,
    form: &GenerateForm,
    errors: &[FieldViolation],
    status: StatusCode,
) -> Response {
    let rule = match console.app.get_rule(query.rule).await {
        Ok(rule) => rule,
        Err(e) => return error_page(console, session, status_of(&e), &e),
    };
    let listed = match console
        .app
        .list_coupons(query.rule, PAGE_SIZE, &query.page)
        .await
    {
        Ok(listed) => listed,
        Err(e) => return error_page(console, session, status_of(&e), &e),
    };
    let job = (!query.job.is_empty())
        .then(|| console.jobs.get(&query.job))
        .flatten()
        .filter(|j| j.rule_id == rule.id);
    let running = job.as_ref().is_some_and(|j| j.outcome.is_none());
    let takes_generated = match v1::CouponType::try_from(rule.coupon_type) {
        Ok(v1::CouponType::Auto) => true,
        Ok(v1::CouponType::Specific) => rule.use_auto_generation,
        _ => false,
    };
    let next = (!listed.next_page_token.is_empty()).then(|| {
        format!(
            "/coupons?rule={}&page={}",
            rule.id,
            encode(&listed.next_page_token)
        )
    });
    let body = html! {
        h1 { "Coupons of rule " (rule.id) ": " (rule.name) }
        p.muted {
            a href=(format!("/rules/{}", rule.id)) { "Edit the rule" } " · the rule was used " (rule.times_used) " times · "
            a href=(format!("/coupons.csv?rule={}", rule.id)) download { "Download every code (CSV)" }
        }
        @if let Some(job) = &job {
            div.panel role="status" aria-live="polite" {
                @match &job.outcome {
                    None => {
                        p { "Generating " (job.quantity) " codes… (" (job.started.elapsed().as_secs()) " s)" }
                        progress aria-label="Generating codes" {}
                        p.hint { "This page follows the job; all codes are stored together when it ends, or none." }
                    }
                    Some(Ok(done)) => { p.ok { "Generated " (done.count) " codes." } }
                    Some(Err(e)) => { p.error { "The generation failed; no code was stored: " (e) } }
                }
            }
        }
        @if takes_generated {
            (generator(session, form, errors))
        } @else {
            p.panel {
                "This rule does not take generated codes: set Coupon to “Auto”, or to “Specific Coupon” with “Use auto generation”, in "
                a href=(format!("/rules/{}", rule.id)) { "the rule" } "."
            }
        }
        table #coupons {
            thead { tr {
                th scope="col" { "Code" } th scope="col" { "Generated" } th scope="col" { "Times used" }
                th scope="col" { "Uses per coupon" } th scope="col" { "Uses per customer" } th scope="col" { "Expires" }
            } }
            tbody {
                @for c in &listed.coupons {
                    tr {
                        td { code { (c.code) } }
                        td { @if c.generated { "yes" } @else { "rule's code" } }
                        td { (c.times_used) }
                        td { @if c.usage_limit == 0 { "unlimited" } @else { (c.usage_limit) } }
                        td { @if c.usage_per_customer == 0 { "unlimited" } @else { (c.usage_per_customer) } }
                        td { (when_date(c.expires_on)) }
                    }
                }
            }
        }
        @if listed.coupons.is_empty() { p { "No coupon code yet." } }
        div.pager { @if let Some(next) = next { a href=(next) rel="next" { "Next page" } } }
    };
    (
        status,
        page(
            "Coupons",
            &console.settings,
            Some(session),
            Nav::Rules,
            running.then_some(1),
            body,
        ),
    )
        .into_response()
}

/// `GET /coupons?rule={id}`
pub async fn page_coupons(
    State(console): Shared,
    Signed(session): Signed,
    Query(query): Query<CouponsQuery>,
) -> Response {
    let form = GenerateForm {
        rule: query.rule,
        quantity: "10".into(),
        ..GenerateForm::default()
    };
    render(&console, &session, &query, &form, &[], StatusCode::OK).await
}

/// `POST /coupons`: checks the options, starts the job, answers when it is done or after
/// [`ANSWER_WITHIN`].
pub async fn generate(
    State(console): Shared,
    Signed(session): Signed,
    Form(form): Form<GenerateForm>,
) -> Response {
    if let Some(refused) = check_csrf(&session, &form.csrf) {
        return refused;
    }
    let query = CouponsQuery {
        rule: form.rule,
        ..CouponsQuery::default()
    };
    let checked = form.request().and_then(|request| {
        let spec = code_spec_from_proto(&request).map_err(|e| e.violations)?;
        spec.validate().map_err(|e| e.violations)?;
        Ok((request, spec))
    });
    let (request, spec) = match checked {
        Ok(checked) => checked,
        Err(errors) => {
            return render(
                &console,
                &session,
                &query,
                &form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if console.jobs.running() >= 2 {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            "two generations are already running: wait for one to end",
        )
            .into_response();
    }
    let job = console.jobs.start(form.rule, spec.quantity);
    let (done_tx, done_rx) = tokio::sync::oneshot::channel();
    let worker = Arc::clone(&console);
    let (rule_id, job_id) = (form.rule, job.clone());
    let actor = session.actor();
    tokio::spawn(async move {
        let outcome = worker
            .app
            .generate_coupons(&request, &actor)
            .await
            .map_err(|e| e.to_string());
        if let Ok(g) = &outcome {
            tracing::info!(rule_id, count = g.count, "console: coupons generated");
        }
        worker.jobs.finish(&job_id, outcome);
        let _ = done_tx.send(());
    });
    let _ = tokio::time::timeout(ANSWER_WITHIN, done_rx).await;
    Redirect::to(&format!("/coupons?rule={}&job={job}", form.rule)).into_response()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `GET /coupons.csv?rule={id}`: every code, read and sent one page at a time.
pub async fn csv(
    State(console): Shared,
    Signed(session): Signed,
    Query(query): Query<CouponsQuery>,
) -> Response {
    let rule_id = query.rule;
    // The first page before answering, so an unknown rule is a 404 rather than a broken
    // download.
    let first = match console.app.list_coupons(rule_id, CSV_CHUNK, "").await {
        Ok(first) => first,
        Err(e) => return error_page(&console, &session, status_of(&e), &e),
    };
    let header_row = "code,generated,times_used,usage_limit,usage_per_customer,expires_on\n";
    let state = (Some(first), Arc::clone(&console), true);
    let stream = futures_util::stream::unfold(state, move |(page, console, head)| async move {
        let page = page?;
        let mut chunk = String::new();
        if head {
            chunk.push_str(header_row);
        }
        for c in &page.coupons {
            chunk.push_str(&format!(
                "{},{},{},{},{},{}\n",
                csv_field(&c.code),
                c.generated,
                c.times_used,
                c.usage_limit,
                c.usage_per_customer,
                c.expires_on.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        let next = if page.next_page_token.is_empty() {
            None
        } else {
            match console
                .app
                .list_coupons(rule_id, CSV_CHUNK, &page.next_page_token)
                .await
            {
                Ok(next) => Some(next),
                Err(e) => {
                    return Some((
                        Err(std::io::Error::other(e.to_string())),
                        (None, console, false),
                    ));
                }
            }
        };
        Some((Ok::<_, std::io::Error>(chunk), (next, console, false)))
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"rule-{rule_id}-coupons.csv\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
