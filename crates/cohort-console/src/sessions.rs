//! Server-side sessions: a random id (the cookie's value) → its CSRF token and expiry. The
//! table is bounded: expired sessions are dropped on every sign-in, and past
//! [`MAX_SESSIONS`] the oldest goes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Sessions kept at most.
pub const MAX_SESSIONS: usize = 10_000;

/// A signed-in visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    /// The synchronizer token every state-changing form carries.
    pub csrf: String,
    /// The name of the admin token that signed in (`anonymous` for an open console): the
    /// actor of this session's writes in the audit trail.
    pub actor: String,
    expires: Instant,
}

impl Session {
    /// This session's writes' actor.
    pub fn actor(&self) -> cohort_app::Actor {
        cohort_app::Actor::new(self.actor.clone(), cohort_app::Door::Console)
    }
}

pub struct Sessions {
    ttl: Duration,
    map: Mutex<HashMap<String, Session>>,
}

/// 32 random bytes from the OS, hex.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is not recoverable for a login; an empty token never
    // matches a session (ids are checked non-empty).
    if getrandom::fill(&mut bytes).is_err() {
        return String::new();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Sessions {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            map: Mutex::new(HashMap::new()),
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new session, or `None` when the OS gave no randomness.
    pub fn create(&self, actor: &str) -> Option<Session> {
        let (id, csrf) = (random_token(), random_token());
        if id.is_empty() || csrf.is_empty() {
            return None;
        }
        let now = Instant::now();
        let session = Session {
            id: id.clone(),
            csrf,
            actor: actor.to_owned(),
            expires: now + self.ttl,
        };
        let mut map = self.lock();
        map.retain(|_, s| s.expires > now);
        if map.len() >= MAX_SESSIONS
            && let Some(oldest) = map.values().min_by_key(|s| s.expires).map(|s| s.id.clone())
        {
            map.remove(&oldest);
        }
        map.insert(id, session.clone());
        Some(session)
    }

    /// The live session of `id`.
    pub fn get(&self, id: &str) -> Option<Session> {
        if id.is_empty() {
            return None;
        }
        let now = Instant::now();
        let mut map = self.lock();
        match map.get(id) {
            Some(s) if s.expires > now => Some(s.clone()),
            Some(_) => {
                map.remove(id);
                None
            }
            None => None,
        }
    }

    pub fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A session that names nothing (for the removal cookie).
pub(crate) fn placeholder() -> Session {
    Session {
        id: String::new(),
        csrf: String::new(),
        actor: String::new(),
        expires: Instant::now(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_and_are_unguessable() {
        let sessions = Sessions::new(Duration::from_millis(30));
        let a = sessions.create("alice").unwrap();
        assert_eq!(a.id.len(), 64);
        assert_ne!(a.id, a.csrf);
        assert_eq!(sessions.get(&a.id), Some(a.clone()));
        assert_eq!(sessions.get(""), None);
        assert_eq!(sessions.get("nope"), None);
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(sessions.get(&a.id), None);
        let b = sessions.create("alice").unwrap();
        sessions.remove(&b.id);
        assert!(sessions.is_empty());
    }
}
