//! Enums named through one table each ([`Named::NAMES`]): a value's name, and a value by
//! name (ignoring case and surrounding spaces).

pub trait Named: Copy + PartialEq + 'static {
    /// Every value with its name.
    const NAMES: &'static [(Self, &'static str)];

    /// The value's name.
    fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("", |(_, name)| name)
    }

    /// A value by name, ignoring case and surrounding spaces.
    fn parse(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(v, _)| *v)
    }
}
