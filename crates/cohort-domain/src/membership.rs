//! Where a shopper's audience membership came from: what pricing used, its source, its age
//! and what was ignored on the way. The application decides it (`membership.mode`); the
//! engine only sees the ids.

use crate::names::Named;

/// The source of the membership a cart was priced with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MembershipSource {
    /// The `aep-segments-membership` metadata and `cart.audience_ids`, as the caller sent
    /// them.
    Header,
    /// A verified signed membership token.
    Token,
    /// A look-up in Experience Platform made for this call.
    Lookup,
    /// An earlier look-up still within its time to live.
    Cache,
    /// No membership counted.
    None,
}

impl Named for MembershipSource {
    const NAMES: &'static [(MembershipSource, &'static str)] = &[
        (MembershipSource::Header, "header"),
        (MembershipSource::Token, "token"),
        (MembershipSource::Lookup, "lookup"),
        (MembershipSource::Cache, "cache"),
        (MembershipSource::None, "none"),
    ];
}

/// The membership a cart was priced with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub source: MembershipSource,
    /// Sorted and de-duplicated.
    pub audience_ids: Vec<String>,
    /// Milliseconds since the membership was fetched (a cached look-up) or issued (a
    /// token's `iat`); 0 otherwise.
    pub age_ms: u64,
    /// What was ignored or failed, `; `-separated; empty when nothing was.
    pub note: String,
}

impl Membership {
    pub fn new(source: MembershipSource, mut audience_ids: Vec<String>) -> Self {
        audience_ids.sort_unstable();
        audience_ids.dedup();
        let source = if audience_ids.is_empty() && source == MembershipSource::Header {
            MembershipSource::None
        } else {
            source
        };
        Self {
            source,
            audience_ids,
            age_ms: 0,
            note: String::new(),
        }
    }

    /// No membership, with why.
    pub fn none(note: impl Into<String>) -> Self {
        let mut m = Self::new(MembershipSource::None, Vec::new());
        m.add_note(note);
        m
    }

    /// Appends to the note.
    pub fn add_note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if note.is_empty() {
            return;
        }
        if !self.note.is_empty() {
            self.note.push_str("; ");
        }
        self.note.push_str(&note);
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.add_note(note);
        self
    }

    pub fn with_age_ms(mut self, age_ms: u64) -> Self {
        self.age_ms = age_ms;
        self
    }
}

/// A shopper identity in Experience Platform's identity map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    /// Namespace code, e.g. `ECID`, `Email_LC_SHA256`, `CRMID`.
    pub namespace: String,
    pub id: String,
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.namespace, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_plain_membership_is_none_and_notes_join() {
        let m = Membership::new(MembershipSource::Header, vec![]);
        assert_eq!(m.source, MembershipSource::None);
        let m = Membership::new(
            MembershipSource::Header,
            vec!["b".into(), "a".into(), "b".into()],
        )
        .with_note("one")
        .with_note("")
        .with_note("two");
        assert_eq!(m.source, MembershipSource::Header);
        assert_eq!(m.audience_ids, ["a", "b"]);
        assert_eq!(m.note, "one; two");
        assert_eq!(Membership::none("x").source, MembershipSource::None);
        for &(source, name) in MembershipSource::NAMES {
            assert_eq!(MembershipSource::parse(name), Some(source));
        }
    }
}
