//! The `aep-segments-membership` value as Adobe's storefront writes it: the segment ids the
//! Edge Network returned, joined with commas, URL-encoded in the headless header and raw in
//! the Luma cookie. Both forms are accepted.

use percent_encoding::percent_decode_str;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MembershipError {
    #[error("is not valid UTF-8 once URL-decoded")]
    InvalidUtf8,
    #[error("carries {count} audience ids; at most {max} are accepted")]
    TooMany { count: usize, max: usize },
}

/// Parses every value of the header (a request may repeat it): URL-decodes, splits on
/// commas, trims, drops empty items, de-duplicates and sorts. More than `max` distinct ids
/// is an error rather than a silent truncation.
pub fn parse_membership_header<'a>(
    values: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Result<Vec<String>, MembershipError> {
    let mut ids = Vec::new();
    for value in values {
        let decoded = percent_decode_str(value)
            .decode_utf8()
            .map_err(|_| MembershipError::InvalidUtf8)?;
        for id in decoded.split(',') {
            let id = id.trim();
            if !id.is_empty() {
                ids.push(id.to_owned());
            }
            // Bound the work on hostile input before sorting.
            if ids.len() > max.saturating_mul(4).max(64) {
                return Err(MembershipError::TooMany {
                    count: ids.len(),
                    max,
                });
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > max {
        return Err(MembershipError::TooMany {
            count: ids.len(),
            max,
        });
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &str) -> Vec<String> {
        parse_membership_header([v], 1000).unwrap()
    }

    #[test]
    fn url_encoded_and_raw_forms_give_the_same_ids() {
        let encoded = "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63%2Cabc%2C%20def";
        assert_eq!(
            parse(encoded),
            ["6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63", "abc", "def"]
        );
        assert_eq!(
            parse("abc, def,6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63"),
            parse(encoded)
        );
    }

    #[test]
    fn empty_items_are_dropped_and_duplicates_merged() {
        assert_eq!(parse(",b,,a, ,b,"), ["a", "b"]);
        assert!(parse("").is_empty());
    }

    #[test]
    fn repeated_headers_are_merged() {
        let ids = parse_membership_header(["b,a", "c%2Ca"], 10).unwrap();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn ids_are_case_sensitive() {
        assert_eq!(parse("A,a"), ["A", "a"]);
    }

    #[test]
    fn too_many_ids_is_an_error() {
        assert_eq!(
            parse_membership_header(["a,b,c"], 2),
            Err(MembershipError::TooMany { count: 3, max: 2 })
        );
        let huge = vec!["x,"; 100_000].concat()
            + &(0..10_000).map(|i| format!("{i},")).collect::<String>();
        assert!(parse_membership_header([huge.as_str()], 1000).is_err());
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        assert_eq!(
            parse_membership_header(["%FF"], 10),
            Err(MembershipError::InvalidUtf8)
        );
    }
}
