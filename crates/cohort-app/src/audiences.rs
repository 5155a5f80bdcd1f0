//! Audiences: search the imported set, read one (each with the ids of the rules that
//! reference it), run a sync now and answer within a bound, read the latest run.

use std::time::Duration;

use chrono::{DateTime, Utc};
use cohort_domain::audience::{Audience, AudienceState, SyncRun};
use cohort_store::{AudienceFilter, AudienceOrder};

use crate::fields::{bad_page_token, list_size, page_size, refuse, required, text_size};
use crate::sync::SyncError;
use crate::{App, AppError, ErrorKind};

/// How long a sync asked for on demand is waited for before the answer is the run still
/// RUNNING (to follow with the latest run).
pub const SYNC_ANSWER_WITHIN: Duration = Duration::from_secs(3);

/// An audience with the rules that reference it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceView {
    pub audience: Audience,
    pub rule_ids: Vec<u64>,
}

/// What ListAudiences searches for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudienceQuery {
    /// Case-insensitive substring of id, name or description.
    pub query: String,
    /// Empty = every state.
    pub states: Vec<AudienceState>,
    pub updated_after: Option<DateTime<Utc>>,
    pub updated_before: Option<DateTime<Utc>>,
    /// `"name"`, `"name desc"`, `"updated_at"` or `"updated_at desc"` (empty = name).
    pub order_by: String,
    pub page_size: u32,
    /// The offset of the next page, in decimal, from a previous answer.
    pub page_token: String,
}

/// A page of audiences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudiencePage {
    pub audiences: Vec<AudienceView>,
    pub next_page_token: String,
    /// Matches over every page.
    pub total_size: u64,
}

/// `order_by` of a search.
pub fn parse_order_by(order_by: &str) -> Result<AudienceOrder, AppError> {
    let words: Vec<&str> = order_by.split_whitespace().collect();
    match words.as_slice() {
        [] | ["name"] | ["name", "asc"] => Ok(AudienceOrder::Name),
        ["name", "desc"] => Ok(AudienceOrder::NameDesc),
        ["updated_at"] | ["updated_at", "asc"] => Ok(AudienceOrder::UpdatedAt),
        ["updated_at", "desc"] => Ok(AudienceOrder::UpdatedAtDesc),
        _ => Err(AppError::field(
            "order_by",
            format!(
                "must be \"name\", \"name desc\", \"updated_at\" or \"updated_at desc\", got {order_by:?}"
            ),
        )),
    }
}

fn page_offset(token: &str) -> Result<u64, AppError> {
    if token.is_empty() {
        return Ok(0);
    }
    token.parse().map_err(|_| bad_page_token())
}

impl From<SyncError> for AppError {
    /// A sync that ran and failed is not an error (its run says FAILED); these are the
    /// cases where no run could be made or recorded.
    fn from(err: SyncError) -> Self {
        match err {
            SyncError::NotConfigured => {
                AppError::new(ErrorKind::FailedPrecondition, "aep is not configured")
            }
            SyncError::Store(e) => e.into(),
            SyncError::File(message) => AppError::new(ErrorKind::Invalid, message),
        }
    }
}

impl App {
    async fn with_rules(&self, audience: Audience) -> Result<AudienceView, AppError> {
        let rule_ids = self.store.rules_by_audience(&audience.id).await?;
        Ok(AudienceView { audience, rule_ids })
    }

    /// One page of the imported audiences that match.
    pub async fn list_audiences(&self, q: &AudienceQuery) -> Result<AudiencePage, AppError> {
        let mut v = Vec::new();
        text_size(&mut v, || "query".into(), &q.query);
        text_size(&mut v, || "page_token".into(), &q.page_token);
        text_size(&mut v, || "order_by".into(), &q.order_by);
        list_size(&mut v, "states", q.states.len());
        refuse(v)?;
        let limit = page_size(q.page_size)?;
        let offset = page_offset(&q.page_token)?;
        let order = parse_order_by(&q.order_by)?;
        let filter = AudienceFilter {
            query: q.query.trim().to_owned(),
            states: q.states.clone(),
            updated_after: q.updated_after,
            updated_before: q.updated_before,
        };
        let (rows, total) = self
            .store
            .list_audiences(&filter, order, offset, limit)
            .await?;
        let next = offset + rows.len() as u64;
        let next_page_token = if !rows.is_empty() && next < total {
            next.to_string()
        } else {
            String::new()
        };
        let mut audiences = Vec::with_capacity(rows.len());
        for row in rows {
            audiences.push(self.with_rules(row).await?);
        }
        Ok(AudiencePage {
            audiences,
            next_page_token,
            total_size: total,
        })
    }

    pub async fn get_audience(&self, id: &str) -> Result<AudienceView, AppError> {
        required("id", id)?;
        let mut v = Vec::new();
        text_size(&mut v, || "id".into(), id);
        refuse(v)?;
        let row = self.store.get_audience(id).await?.ok_or_else(|| {
            AppError::new(ErrorKind::NotFound, format!("audience {id:?} not found"))
        })?;
        self.with_rules(row).await
    }

    /// Runs a sync on its own task, outside the caller's deadline (a caller that gives up
    /// never leaves a run RUNNING), and answers within `wait`: the finished run, or the run
    /// still RUNNING.
    pub async fn sync_audiences(&self, wait: Duration) -> Result<SyncRun, AppError> {
        if !self.syncer.is_configured() {
            return Err(SyncError::NotConfigured.into());
        }
        let syncer = self.syncer.clone();
        let mut task = tokio::spawn(async move { syncer.run_once().await });
        match tokio::time::timeout(wait, &mut task).await {
            Ok(Ok(result)) => Ok(result?),
            Ok(Err(join)) => Err(AppError::internal("the audience sync task failed", &join)),
            Err(_) => self.store.latest_sync_run().await?.ok_or_else(|| {
                AppError::new(
                    ErrorKind::Unavailable,
                    "the sync is starting (waiting for another sync); retry GetSyncStatus",
                )
            }),
        }
    }

    /// The latest sync run, if any ran.
    pub async fn latest_sync_run(&self) -> Result<Option<SyncRun>, AppError> {
        Ok(self.store.latest_sync_run().await?)
    }
}
