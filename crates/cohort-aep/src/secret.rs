//! A string that must never be shown: the client secret and the access token. `Debug` and
//! `Display` print a fixed mask, so deriving `Debug` on a struct that holds one is safe and
//! a stray `{:?}` in a log line cannot leak it.

use std::fmt;

use serde::{Deserialize, Deserializer};

const MASK: &str = "***";

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for the one place that must send it (the token request body or the
    /// `Authorization` header). The name makes every such use easy to grep for.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Replaces every occurrence of the secret in `text` with the mask: server-provided
    /// messages are echoed in errors, and a server that echoes what it received must not
    /// turn an error message into a leak.
    pub fn redact(&self, text: &str) -> String {
        // Very short values would mask unrelated text and cannot be secrets worth hiding.
        if self.0.len() < 4 {
            return text.to_owned();
        }
        text.replace(&self.0, MASK)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({MASK})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_masked() {
        let s = Secret::new("p8e-hunter2-value");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "p8e-hunter2-value");
    }

    #[test]
    fn redact_masks_every_occurrence() {
        let s = Secret::new("abcd1234");
        assert_eq!(s.redact("x abcd1234 y abcd1234"), "x *** y ***");
        assert_eq!(Secret::new("ab").redact("ab cd"), "ab cd");
    }
}
