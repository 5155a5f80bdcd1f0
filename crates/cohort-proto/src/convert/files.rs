//! The CLI's file formats (proto3 JSON): a rules file is a `ListRulesResponse`, a coupons
//! file a `ListCouponsResponse`, a cart a `PriceCartRequest`. Errors name the file's field
//! paths (`rules[2].discount_amount`).

use cohort_domain::coupon::Coupon;
use cohort_domain::rule::CartPriceRule;
use cohort_domain::validate::validate_coupon_codes_unique;
use cohort_domain::{FieldViolation, ValidationError};

use super::coupon::coupon_from_proto;
use super::rule::rule_from_proto;
use crate::v1;

/// Why a file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// `path` is the field where parsing stopped (`rules[3].discount_step`), empty when the
    /// problem is at the top level.
    #[error("not valid {what} JSON: {}{source}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Json {
        what: &'static str,
        path: String,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Invalid(#[from] ValidationError),
}

/// Parses `text` as `T`, naming the field where a syntax, type or nesting error was found.
fn parse_json<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T, FileError> {
    serde_json::from_str(text).map_err(|source| FileError::Json {
        what,
        path: json_path_at(text, source.line(), source.column()),
        source,
    })
}

/// The field path (`rules[3].conditions.combine.conditions[0]`, keys in snake_case as the
/// API names them) open at 1-based `line` and `column` of a JSON text. One pass over the
/// bytes up to there, without recursion, so a hostile nesting depth costs nothing more.
/// Deep paths keep their first and last components.
pub fn json_path_at(text: &str, line: usize, column: usize) -> String {
    enum Frame {
        Object {
            key: Option<String>,
            expect_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let mut frames: Vec<Frame> = Vec::new();
    let (mut at_line, mut at_column) = (1usize, 0usize);
    let mut key: Option<String> = None;
    let (mut in_string, mut escaped) = (false, false);
    for &b in text.as_bytes() {
        if b == b'\n' {
            at_line += 1;
            at_column = 0;
        } else {
            at_column += 1;
        }
        // The character at the error's position is not taken: serde_json may report a
        // field's error with the object's closing brace just read, and popping that
        // object would lose the field.
        if at_line > line || (at_line == line && at_column >= column) {
            break;
        }
        if in_string {
            if b == b'\\' && !escaped {
                escaped = true;
                continue;
            }
            if b == b'"' && !escaped {
                in_string = false;
                if let Some(k) = key.take()
                    && let Some(Frame::Object { key, expect_key }) = frames.last_mut()
                {
                    *key = Some(k);
                    *expect_key = false;
                }
            } else if let Some(k) = key.as_mut()
                && k.len() < 256
            {
                k.push(b as char);
            }
            escaped = false;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                if matches!(
                    frames.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                ) {
                    key = Some(String::new());
                }
            }
            b'{' => frames.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => frames.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    let parts: Vec<String> = frames
        .iter()
        .filter_map(|f| match f {
            Frame::Object { key: Some(k), .. } => Some(format!(".{}", snake_case(k))),
            Frame::Object { key: None, .. } => None,
            Frame::Array { index } => Some(format!("[{index}]")),
        })
        .collect();
    let join = |p: &[String]| p.concat().trim_start_matches('.').to_owned();
    if parts.len() > 12 {
        format!(
            "{}…{} ({} levels)",
            join(&parts[..6]),
            parts[parts.len() - 2..].concat(),
            frames.len()
        )
    } else {
        join(&parts)
    }
}

/// `discountStep` → `discount_step` (proto3 JSON accepts both spellings).
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every rule of a `ListRulesResponse` JSON text, validated (paths `rules[i].…`), with
/// coupon codes unique across rules.
pub fn rules_from_json(text: &str) -> Result<Vec<CartPriceRule>, FileError> {
    rule_list_from_json(text).map(|(_, rules)| rules)
}

/// A rules file parsed, its rules not checked (a simulation's drafts, each checked later
/// with its own path; several may be new, id 0).
pub fn rule_file_from_json(text: &str) -> Result<v1::ListRulesResponse, FileError> {
    parse_json("ListRulesResponse", text)
}

/// [`rules_from_json`] keeping the rules as sent beside their domain form (for writes,
/// which store the sent form).
pub fn rule_list_from_json(
    text: &str,
) -> Result<(v1::ListRulesResponse, Vec<CartPriceRule>), FileError> {
    let list: v1::ListRulesResponse = parse_json("ListRulesResponse", text)?;
    let rules = rules_from_proto_list(&list.rules)?;
    Ok((list, rules))
}

/// Validates a list of proto rules, reporting every violation as `rules[i].…`.
pub fn rules_from_proto_list(
    list: &[v1::CartPriceRule],
) -> Result<Vec<CartPriceRule>, ValidationError> {
    let mut rules = Vec::with_capacity(list.len());
    let mut violations = Vec::new();
    for (i, r) in list.iter().enumerate() {
        match rule_from_proto(r) {
            Ok(rule) => rules.push(rule),
            Err(e) => violations.extend(e.violations.into_iter().map(|f| FieldViolation {
                field: rebase(&f.field, &format!("rules[{i}]")),
                description: f.description,
            })),
        }
    }
    ValidationError::check(violations)?;
    validate_coupon_codes_unique(&rules)?;
    let mut seen = std::collections::HashSet::new();
    let dup: Vec<_> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !seen.insert(r.id))
        .map(|(i, r)| {
            FieldViolation::new(
                format!("rules[{i}].id"),
                format!("duplicate rule id {}", r.id),
            )
        })
        .collect();
    ValidationError::check(dup)?;
    Ok(rules)
}

/// Every coupon of a `ListCouponsResponse` JSON text.
pub fn coupons_from_json(text: &str) -> Result<Vec<Coupon>, FileError> {
    let list: v1::ListCouponsResponse = parse_json("ListCouponsResponse", text)?;
    let mut coupons = Vec::with_capacity(list.coupons.len());
    let mut violations = Vec::new();
    for (i, c) in list.coupons.iter().enumerate() {
        match coupon_from_proto(c, &format!("coupons[{i}]")) {
            Ok(c) => coupons.push(c),
            Err(e) => violations.extend(e.violations),
        }
    }
    ValidationError::check(violations)?;
    Ok(coupons)
}

/// A `PriceCartRequest` JSON text.
pub fn price_request_from_json(text: &str) -> Result<v1::PriceCartRequest, FileError> {
    parse_json("PriceCartRequest", text)
}

/// `rule.x.y` → `rules[3].x.y`.
fn rebase(field: &str, prefix: &str) -> String {
    match field.strip_prefix("rule") {
        Some(rest) if rest.is_empty() || rest.starts_with('.') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{field}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule nested 100 levels deep passes serde's recursion limit: the error names the
    /// rule and the field it sits in.
    #[test]
    fn a_deep_rule_names_the_rule_and_field() {
        let mut tree = String::from(
            r#"{"address": {"attribute": "ADDRESS_ATTRIBUTE_SUBTOTAL", "operator": "OPERATOR_GT", "values": ["1"]}}"#,
        );
        for _ in 0..100 {
            tree = format!(r#"{{"combine": {{"conditions": [{tree}]}}}}"#);
        }
        let ok = r#"{"id": "1", "name": "a", "websiteIds": ["base"], "customerGroupIds": ["0"]}"#;
        let text =
            format!(r#"{{"rules": [{ok}, {{"id": "2", "name": "deep", "conditions": {tree}}}]}}"#);
        let err = rules_from_json(&text).unwrap_err().to_string();
        assert!(
            err.contains("rules[1].conditions.combine.conditions[0]"),
            "{err}"
        );
        assert!(err.contains("recursion limit"), "{err}");
        assert!(err.len() < 400, "{err}");
    }

    /// A discount step of 2^32 names its field, not just "did not match any variant".
    #[test]
    fn an_out_of_range_number_names_its_field() {
        for text in [
            r#"{"rules": [{"id": "1", "name": "a"},
            {"id": "2", "name": "b", "discountStep": 4294967296, "active": true}]}"#,
            r#"{"rules": [{"id": "1", "name": "a"}, {"id": "2", "discountStep": 4294967296}]}"#,
        ] {
            let err = rules_from_json(text).unwrap_err().to_string();
            assert!(err.contains("rules[1].discount_step: "), "{err}");
        }
    }

    #[test]
    fn paths_follow_keys_indexes_and_escapes() {
        let text = r#"{"a": {"b\"x": [1, 2, {"cD": tru"#;
        assert_eq!(json_path_at(text, 1, text.len()), "a.b\"x[2].c_d");
        assert_eq!(json_path_at("[1, [2, 3]]", 1, 9), "[1][1]");
        assert_eq!(json_path_at("", 1, 1), "");
    }
}
