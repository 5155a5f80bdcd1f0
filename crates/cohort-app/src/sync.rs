//! The audience sync: AEP's whole audience list → the store, all or nothing per run.
//!
//! A run records a `SyncRun` (RUNNING), lists every page with [`AepClient::list_all_audiences`]
//! (which returns the complete set or an error, never part of it), maps each audience to an
//! [`Audience`] and hands the set to [`Store::replace_audiences`] (one transaction: upsert,
//! mark the vanished ones DELETED). Any failure finishes the run FAILED with the error text and
//! leaves the previous set as it was.
//!
//! At most one run at a time: a tokio mutex in the process, and the store's sync lock across
//! processes (a PostgreSQL advisory lock across replicas; for SQLite on disk an OS file lock,
//! which the server and `cohort audiences import` share). Holding it, a run first marks
//! FAILED any run a stopped process left RUNNING. When another process holds the lock, an
//! on-demand run waits up to [`LOCK_WAIT`] for it and then runs; if the lock is still taken
//! it does not run and answers with the latest run instead (normally the other replica's
//! RUNNING one), so `SyncAudiences` never blocks for a whole foreign sync. Periodic runs
//! simply skip their turn.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use cohort_aep::{AepAudience, AepClient};
use cohort_domain::audience::{Audience, SyncCounts, SyncRun};
use cohort_store::{Store, StoreError, SyncLock};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

/// How long an on-demand run waits for another replica's sync to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);
const LOCK_POLL: Duration = Duration::from_millis(200);

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No `aep` credentials are configured.
    #[error("aep is not configured")]
    NotConfigured,
    /// The store failed outside the run itself (recording it, or taking the lock).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An import file that cannot be used; nothing was changed.
    #[error("{0}")]
    File(String),
}

/// The result of importing a file.
#[derive(Debug, Clone)]
pub struct Imported {
    pub run: SyncRun,
    /// Items of the file that were not usable audiences.
    pub skipped: usize,
}

/// Runs syncs; shared (`Arc`) by the periodic task and `AudienceService`.
pub struct Syncer {
    store: Store,
    client: Option<AepClient>,
    gate: Mutex<()>,
}

impl std::fmt::Debug for Syncer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Syncer")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

/// Which run asked, since a periodic one gives up at once when another replica syncs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wait {
    No,
    Briefly,
}

impl Syncer {
    /// `client` is `None` when AEP is not configured: syncs fail with `NotConfigured`, file
    /// imports still work.
    pub fn new(store: Store, client: Option<AepClient>) -> Self {
        Self {
            store,
            client,
            gate: Mutex::new(()),
        }
    }

    pub fn is_configured(&self) -> bool {
        self.client.is_some()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs one sync now (waiting for one in progress) and returns its finished run. A run
    /// that failed is `Ok` with status FAILED: only store failures around it are `Err`.
    pub async fn run_once(&self) -> Result<SyncRun, SyncError> {
        self.run(Wait::Briefly).await
    }

    async fn run(&self, wait: Wait) -> Result<SyncRun, SyncError> {
        let client = self.client.as_ref().ok_or(SyncError::NotConfigured)?;
        let _in_process = self.gate.lock().await;
        let Some(lock) = self.replica_lock(wait).await? else {
            tracing::info!("another replica is syncing audiences; not starting a run");
            return self.latest_or_running().await;
        };
        let result = self.sync_locked(client).await;
        lock.release().await;
        result
    }

    async fn sync_locked(&self, client: &AepClient) -> Result<SyncRun, SyncError> {
        let id = self.start_locked().await?;
        let outcome = match client.list_all_audiences().await {
            Ok(list) => {
                if list.skipped > 0 {
                    tracing::warn!(
                        skipped = list.skipped,
                        "AEP listed audiences that could not be read; they were skipped"
                    );
                }
                let rows: Vec<Audience> = list.audiences.iter().map(audience_row).collect();
                self.store
                    .replace_audiences(&rows)
                    .await
                    .map_err(|e| format!("storing the audiences: {e}"))
            }
            Err(e) => Err(e.to_string()),
        };
        // Errors of cohort-aep are redacted already; this is a second belt.
        let outcome = outcome.map_err(|e| client.config().client_secret.redact(&e));
        self.finish(id, outcome).await
    }

    async fn finish(
        &self,
        id: u64,
        outcome: Result<SyncCounts, String>,
    ) -> Result<SyncRun, SyncError> {
        match &outcome {
            Ok(counts) => {
                tracing::info!(
                    run = id,
                    created = counts.created,
                    updated = counts.updated,
                    deleted = counts.deleted,
                    unchanged = counts.unchanged,
                    "audience sync succeeded"
                );
                self.store.finish_sync_run(id, true, *counts, "").await?;
            }
            Err(error) => {
                tracing::warn!(run = id, %error, "audience sync failed; the previous set stays");
                self.store
                    .finish_sync_run(id, false, SyncCounts::default(), error)
                    .await?;
            }
        }
        self.latest_or_running().await
    }

    /// Records a new run; with the sync lock held no other run can be live, so a RUNNING
    /// one left behind by a process that died mid-sync is marked FAILED first.
    async fn start_locked(&self) -> Result<u64, SyncError> {
        let interrupted = self.store.fail_interrupted_sync_runs().await?;
        if interrupted > 0 {
            tracing::warn!(
                runs = interrupted,
                "sync runs left RUNNING by a stopped process are marked FAILED"
            );
        }
        Ok(self.store.start_sync_run().await?)
    }

    async fn replica_lock(&self, wait: Wait) -> Result<Option<SyncLock>, SyncError> {
        let deadline = tokio::time::Instant::now() + LOCK_WAIT;
        loop {
            if let Some(lock) = self.store.try_sync_lock().await? {
                return Ok(Some(lock));
            }
            if wait == Wait::No || tokio::time::Instant::now() + LOCK_POLL > deadline {
                return Ok(None);
            }
            tokio::time::sleep(LOCK_POLL).await;
        }
    }

    async fn latest_or_running(&self) -> Result<SyncRun, SyncError> {
        self.store.latest_sync_run().await?.ok_or_else(|| {
            SyncError::Store(StoreError::Corrupt(
                "the sync run just recorded is missing".into(),
            ))
        })
    }

    /// Syncs now, then every `interval`, until the handle is aborted. Failures are recorded
    /// in their run and logged; the loop goes on. Does nothing when AEP is not configured.
    pub fn spawn_periodic(self: Arc<Self>, interval: Duration) -> Option<JoinHandle<()>> {
        if !self.is_configured() {
            return None;
        }
        Some(tokio::spawn(async move {
            let mut ticks = tokio::time::interval(interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                if let Err(error) = self.run(Wait::No).await {
                    tracing::error!(%error, "audience sync could not run");
                }
            }
        }))
    }

    /// Imports an AEP export (`{"children": [...]}` as the audiences API returns it, or a
    /// bare array) as one sync run: the file is the whole set, so audiences it does not
    /// list are marked DELETED. Malformed items are skipped and counted; a file that is not
    /// such JSON changes nothing.
    pub async fn import_file(&self, path: &Path) -> Result<Imported, SyncError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SyncError::File(format!("cannot read {}: {e}", path.display())))?;
        let (audiences, skipped) =
            parse_export(&text).map_err(|e| SyncError::File(format!("{}: {e}", path.display())))?;
        let rows: Vec<Audience> = audiences.iter().map(audience_row).collect();
        let _in_process = self.gate.lock().await;
        let Some(lock) = self.replica_lock(Wait::Briefly).await? else {
            return Err(SyncError::File(
                "another replica is syncing audiences; try again".into(),
            ));
        };
        let result = async {
            let id = self.start_locked().await?;
            let outcome = self
                .store
                .replace_audiences(&rows)
                .await
                .map_err(|e| format!("storing the audiences: {e}"));
            self.finish(id, outcome).await
        }
        .await;
        lock.release().await;
        Ok(Imported {
            run: result?,
            skipped,
        })
    }
}

/// The audiences of an export and how many items were skipped.
pub fn parse_export(text: &str) -> Result<(Vec<AepAudience>, usize), String> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let items = match &json {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(object) => object
            .get("children")
            .and_then(serde_json::Value::as_array)
            .ok_or("no \"children\" array")?,
        _ => return Err("expected {\"children\": [...]}".into()),
    };
    let mut audiences = Vec::with_capacity(items.len());
    let mut skipped = 0;
    for (i, item) in items.iter().enumerate() {
        match cohort_aep::parse_audience(item) {
            Ok(a) => audiences.push(a),
            Err(reason) => {
                skipped += 1;
                tracing::warn!(index = i, %reason, "skipping a malformed audience");
            }
        }
    }
    Ok((audiences, skipped))
}

pub fn audience_row(a: &AepAudience) -> Audience {
    Audience {
        id: a.id.clone(),
        name: a.name.clone(),
        description: a.description.clone().unwrap_or_default(),
        namespace: a.namespace.clone().unwrap_or_default(),
        origin: a.origin.clone().unwrap_or_default(),
        state: a.state,
        updated_at: a.updated_at,
        synced_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cohort_domain::audience::{AudienceState, SyncStatus};

    #[test]
    fn exports_parse_with_malformed_items_skipped() {
        let (audiences, skipped) = parse_export(
            r#"{"children": [
                {"id": "a", "name": "A", "lifecycleState": "draft", "description": "d"},
                {"name": "no id"},
                {"id": "b", "name": "B", "lifecycleState": "archived"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(skipped, 1);
        let rows: Vec<_> = audiences.iter().map(audience_row).collect();
        assert_eq!(rows[0].state, AudienceState::Draft);
        assert_eq!(rows[0].description, "d");
        assert_eq!(rows[1].state, AudienceState::Deleted);
        assert!(parse_export("[]").unwrap().0.is_empty());
        assert!(parse_export("{}").is_err());
        assert!(parse_export("nope").is_err());
    }

    #[tokio::test]
    async fn without_aep_syncs_are_refused_and_imports_work() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("s.db").display()))
            .await
            .unwrap();
        let syncer = Syncer::new(store.clone(), None);
        assert!(matches!(
            syncer.run_once().await,
            Err(SyncError::NotConfigured)
        ));
        let file = dir.path().join("export.json");
        std::fs::write(
            &file,
            r#"{"children": [{"id": "a", "name": "A"}, {"id": 1}]}"#,
        )
        .unwrap();
        let imported = syncer.import_file(&file).await.unwrap();
        assert_eq!(imported.skipped, 1);
        assert_eq!(imported.run.status, SyncStatus::Succeeded);
        assert_eq!(imported.run.counts.created, 1);
        assert_eq!(
            store.get_audience("a").await.unwrap().unwrap().state,
            AudienceState::Active
        );
        std::fs::write(&file, "{").unwrap();
        assert!(matches!(
            syncer.import_file(&file).await,
            Err(SyncError::File(_))
        ));
        assert_eq!(
            store.latest_sync_run().await.unwrap().unwrap().id,
            imported.run.id
        );
    }
}
