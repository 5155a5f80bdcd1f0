//! The audit trail: who writes rules and coupons, through which door, and what each write
//! changed. Every write method of [`App`] takes the [`Actor`] its front door names (the
//! admin token's name for gRPC and the console, the operator's login for the CLI); the
//! store records it in the write's own transaction. [`App::list_rule_changes`] reads the
//! trail, [`App::restore_rule`] writes a recorded version back.
//!
//! Admin tokens may be configured as `name:token` ([`AdminToken`]): the bearer is the
//! token, the name is what the trail records. Secrets are never recorded: not the token,
//! not generated coupon codes (a generation records its request and count).

use cohort_proto::convert::timestamp_from_datetime;
use cohort_proto::v1;
use cohort_store::{ChangeBy, RuleChangeRow};

use crate::fields::{bad_page_token, page_size};
use crate::membership::same_secret;
use crate::{App, AppError, ErrorKind};

/// The actor of writes made through an open admin door (`auth.admin_open`, no token).
pub const ANONYMOUS: &str = "anonymous";

/// The front door a write came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Door {
    Grpc,
    Cli,
    Console,
}

impl Door {
    pub fn name(self) -> &'static str {
        match self {
            Door::Grpc => "grpc",
            Door::Cli => "cli",
            Door::Console => "console",
        }
    }

    fn to_proto(name: &str) -> v1::ChangeDoor {
        match name {
            "grpc" => v1::ChangeDoor::Grpc,
            "cli" => v1::ChangeDoor::Cli,
            "console" => v1::ChangeDoor::Console,
            _ => v1::ChangeDoor::Unspecified,
        }
    }
}

/// Who makes a write, and through which door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub door: Door,
}

impl Actor {
    pub fn new(name: impl Into<String>, door: Door) -> Self {
        Self {
            name: name.into(),
            door,
        }
    }

    /// The CLI's operator: `$COHORT_ACTOR`, else the login (`$USER`, `$LOGNAME`), else
    /// `cli`.
    pub fn cli() -> Self {
        let name = ["COHORT_ACTOR", "USER", "LOGNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_else(|| "cli".to_owned());
        Self::new(name.trim(), Door::Cli)
    }

    pub(crate) fn by<'a>(&'a self, action: Action, detail: &'a str) -> ChangeBy<'a> {
        ChangeBy {
            actor: &self.name,
            door: self.door.name(),
            action: action.name(),
            detail,
        }
    }
}

/// What a recorded write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Create,
    Update,
    Activate,
    Deactivate,
    Delete,
    Import,
    Restore,
    GenerateCoupons,
}

impl Action {
    const ALL: [Action; 8] = [
        Action::Create,
        Action::Update,
        Action::Activate,
        Action::Deactivate,
        Action::Delete,
        Action::Import,
        Action::Restore,
        Action::GenerateCoupons,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Activate => "activate",
            Action::Deactivate => "deactivate",
            Action::Delete => "delete",
            Action::Import => "import",
            Action::Restore => "restore",
            Action::GenerateCoupons => "generate_coupons",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }

    fn to_proto(self) -> v1::ChangeAction {
        match self {
            Action::Create => v1::ChangeAction::Create,
            Action::Update => v1::ChangeAction::Update,
            Action::Activate => v1::ChangeAction::Activate,
            Action::Deactivate => v1::ChangeAction::Deactivate,
            Action::Delete => v1::ChangeAction::Delete,
            Action::Import => v1::ChangeAction::Import,
            Action::Restore => v1::ChangeAction::Restore,
            Action::GenerateCoupons => v1::ChangeAction::GenerateCoupons,
        }
    }
}

/// One configured admin token: `name:token`, or a bare token named by its place in the
/// list (`admin-token-1`, …). A name is 1–64 of `A-Z a-z 0-9 . _ @ -`, starting with a
/// letter or digit; an entry whose part before the first `:` is not a name is a bare token.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken {
    pub name: String,
    secret: String,
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminToken")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

fn is_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '-'))
}

impl AdminToken {
    /// The `index`-th (from 0) entry of `auth.admin_tokens`, trimmed.
    pub fn parse(entry: &str, index: usize) -> Self {
        let entry = entry.trim();
        match entry.split_once(':') {
            Some((name, secret)) if is_name(name) => Self {
                name: name.to_owned(),
                secret: secret.trim().to_owned(),
            },
            _ => Self {
                name: format!("admin-token-{}", index + 1),
                secret: entry.to_owned(),
            },
        }
    }

    /// Every entry, in order; empty entries are left out.
    pub fn parse_all(entries: &[String]) -> Vec<Self> {
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| Self::parse(e, i))
            .filter(|t| !t.secret.is_empty())
            .collect()
    }

    /// The bearer value.
    pub fn secret(&self) -> &str {
        &self.secret
    }
}

/// The name of the admin token `bearer` is, compared in constant time per token.
pub fn admin_name<'t>(tokens: &'t [AdminToken], bearer: &str) -> Option<&'t str> {
    let bearer = bearer.trim();
    if bearer.is_empty() {
        return None;
    }
    // Every token is compared, so the time does not tell which one matched.
    let mut found = None;
    for t in tokens {
        if same_secret(&t.secret, bearer) && found.is_none() {
            found = Some(t.name.as_str());
        }
    }
    found
}

/// What ListRuleChanges asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeQuery {
    /// 0 = every rule.
    pub rule_id: u64,
    pub page_size: u32,
    pub page_token: String,
}

/// A stored body as the API's rule, with the id and version it had.
fn body_to_proto(body: &str, id: u64, version: u64) -> Result<v1::CartPriceRule, AppError> {
    let mut rule: v1::CartPriceRule = serde_json::from_str(body)
        .map_err(|e| AppError::internal("a recorded rule is unreadable", &e))?;
    rule.id = id;
    rule.version = version;
    Ok(rule)
}

fn change_to_proto(row: &RuleChangeRow) -> Result<v1::RuleChange, AppError> {
    let action = Action::from_name(&row.action);
    let before_version = match action {
        Some(Action::Delete) => row.version,
        _ => row.version.saturating_sub(1),
    };
    let detail: serde_json::Value = if row.detail.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&row.detail)
            .map_err(|e| AppError::internal("a recorded change is unreadable", &e))?
    };
    let coupons_generated = match detail.get("request") {
        Some(request) => Some(
            serde_json::from_value::<v1::GenerateCouponsRequest>(request.clone())
                .map_err(|e| AppError::internal("a recorded generation is unreadable", &e))?,
        ),
        None => None,
    };
    Ok(v1::RuleChange {
        id: row.seq,
        rule_id: row.rule_id,
        version: row.version,
        action: action.map_or(v1::ChangeAction::Unspecified, Action::to_proto) as i32,
        actor: row.actor.clone(),
        door: Door::to_proto(&row.door) as i32,
        changed_at: Some(timestamp_from_datetime(row.changed_at)),
        before: row
            .before
            .as_deref()
            .map(|b| body_to_proto(b, row.rule_id, before_version))
            .transpose()?,
        after: row
            .after
            .as_deref()
            .map(|b| body_to_proto(b, row.rule_id, row.version))
            .transpose()?,
        coupons_generated,
        restored_version: detail
            .get("restored_version")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0),
    })
}

impl App {
    /// A page of the audit trail, newest first.
    pub async fn list_rule_changes(
        &self,
        q: &ChangeQuery,
    ) -> Result<v1::ListRuleChangesResponse, AppError> {
        let limit = page_size(q.page_size)?;
        let before = if q.page_token.is_empty() {
            None
        } else {
            if q.page_token.len() > 20 {
                return Err(bad_page_token());
            }
            Some(q.page_token.parse::<u64>().map_err(|_| bad_page_token())?)
        };
        let rule_id = (q.rule_id != 0).then_some(q.rule_id);
        // One extra row tells whether another page exists.
        let mut rows = self.store.rule_changes(rule_id, before, limit + 1).await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next_page_token = match (more, rows.last()) {
            (true, Some(last)) => last.seq.to_string(),
            _ => String::new(),
        };
        Ok(v1::ListRuleChangesResponse {
            changes: rows.iter().map(change_to_proto).collect::<Result<_, _>>()?,
            next_page_token,
        })
    }

    /// Writes the recorded `version` of rule `id` back as its next version (bringing the
    /// rule back under its id when it was deleted), with every check of an update.
    pub async fn restore_rule(
        &self,
        id: u64,
        version: u64,
        by: &Actor,
    ) -> Result<v1::CartPriceRule, AppError> {
        self.writable()?;
        if id == 0 {
            return Err(AppError::field("id", "is required"));
        }
        if version == 0 {
            return Err(AppError::field("version", "is required"));
        }
        let entry = self
            .store
            .recorded_version(id, version)
            .await?
            .ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound,
                    format!("rule {id} has no recorded version {version}"),
                )
            })?;
        let after = entry.after.as_deref().unwrap_or_default();
        let recorded = body_to_proto(after, id, version)?;
        let (proto, domain) = self.parse_rule(Some(&recorded))?;
        let write = crate::rules::rule_write(proto, &domain)?;
        let detail = serde_json::json!({ "restored_version": version }).to_string();
        let (row, set_version) = self
            .store
            .restore_rule(id, &write, &by.by(Action::Restore, &detail))
            .await?;
        self.after_write(set_version).await;
        crate::rules::answer(&row)
    }
}

/// The top-level fields of a rule (proto3 JSON names) that differ between two versions, in
/// the rule's order (`id` and `version` aside).
pub fn changed_fields(
    before: Option<&v1::CartPriceRule>,
    after: Option<&v1::CartPriceRule>,
) -> Vec<String> {
    let fields = |r: Option<&v1::CartPriceRule>| match r.map(serde_json::to_value) {
        Some(Ok(serde_json::Value::Object(map))) => map,
        _ => serde_json::Map::new(),
    };
    let (b, a) = (fields(before), fields(after));
    let mut names: Vec<String> = Vec::new();
    for k in a.keys().chain(b.keys()) {
        if !matches!(k.as_str(), "id" | "version") && b.get(k) != a.get(k) && !names.contains(k) {
            names.push(k.clone());
        }
    }
    names
}

/// One line on what an entry changed: the fields, "the whole rule (new)" / "(deleted)", the
/// codes generated, or the version restored.
pub fn what_changed(c: &v1::RuleChange) -> String {
    let fields = match (&c.before, &c.after) {
        (None, Some(_)) => "the whole rule (new)".to_owned(),
        (Some(_), None) => "the whole rule (deleted)".to_owned(),
        (before, after) => match changed_fields(before.as_ref(), after.as_ref()) {
            f if f.is_empty() => "no field".to_owned(),
            f => f.join(", "),
        },
    };
    match (&c.coupons_generated, c.restored_version) {
        (Some(g), _) => format!("{} codes generated", g.quantity),
        (None, v) if v > 0 => format!("version {v} restored: {fields}"),
        _ => fields,
    }
}

/// An entry as people read it (the CLI's table, the console's history page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeText {
    /// `2026-12-03 14:47:57 UTC`.
    pub when: String,
    /// `deactivate`, `generate_coupons`, …
    pub action: String,
    /// `grpc`, `cli`, `console`.
    pub door: String,
    /// [`what_changed`].
    pub changed: String,
}

pub fn change_text(c: &v1::RuleChange) -> ChangeText {
    let lower = |name: &str, prefix: &str| name.trim_start_matches(prefix).to_ascii_lowercase();
    ChangeText {
        when: c
            .changed_at
            .as_ref()
            .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
            .map_or_else(String::new, |t| {
                t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
            }),
        action: lower(
            v1::ChangeAction::try_from(c.action).map_or("?", |a| a.as_str_name()),
            "CHANGE_ACTION_",
        ),
        door: lower(
            v1::ChangeDoor::try_from(c.door).map_or("?", |d| d.as_str_name()),
            "CHANGE_DOOR_",
        ),
        changed: what_changed(c),
    }
}

/// The detail recorded for a coupon generation: its request (no codes).
pub(crate) fn generation_detail(request: &v1::GenerateCouponsRequest) -> String {
    serde_json::json!({ "request": request }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_tokens_are_named_or_numbered() {
        let tokens = AdminToken::parse_all(&[
            "alice:s3cret".into(),
            "bare-token".into(),
            "  ".into(),
            "not a name:x".into(),
            "ci@example.com: spaced ".into(),
        ]);
        let names: Vec<_> = tokens.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["alice", "admin-token-2", "admin-token-4", "ci@example.com"]
        );
        assert_eq!(tokens[0].secret(), "s3cret");
        assert_eq!(tokens[2].secret(), "not a name:x");
        assert_eq!(tokens[3].secret(), "spaced");
        assert_eq!(admin_name(&tokens, "s3cret"), Some("alice"));
        assert_eq!(admin_name(&tokens, "alice:s3cret"), None);
        assert_eq!(admin_name(&tokens, "bare-token"), Some("admin-token-2"));
        assert_eq!(admin_name(&tokens, ""), None);
        assert!(!format!("{tokens:?}").contains("s3cret"));
    }

    #[test]
    fn action_names_round_trip() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
        }
        assert_eq!(Action::from_name("nope"), None);
    }
}
