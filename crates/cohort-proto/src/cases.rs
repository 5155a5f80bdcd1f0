//! The conformance case format of `testdata/cases/` (see its README): a case holds rules,
//! optional coupons, a `PriceCartRequest` and the expected figures. `Case::check` compares a
//! `PriceCartResponse` with the expectations; only the fields present in `expect` are
//! compared, and amounts compare as decimals (`"5"` equals `"5.00"`).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::v1;

/// One parsed case file.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    /// `{"rules": [...]}`: a `ListRulesResponse` JSON text.
    pub rules_json: String,
    /// `{"coupons": [...]}`: a `ListCouponsResponse` JSON text, when the case has coupons.
    pub coupons_json: Option<String>,
    /// The `PriceCartRequest` JSON text.
    pub request_json: String,
    pub expect: Map<String, Value>,
}

impl Case {
    pub fn parse(text: &str) -> Result<Case, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let obj = v.as_object().ok_or("a case is a JSON object")?;
        let field = |k: &str| obj.get(k).ok_or_else(|| format!("missing {k:?}"));
        let rules = field("rules")?.clone();
        Ok(Case {
            name: obj
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            rules_json: serde_json::json!({ "rules": rules }).to_string(),
            coupons_json: obj
                .get("coupons")
                .map(|c| serde_json::json!({ "coupons": c }).to_string()),
            request_json: field("request")?.to_string(),
            expect: field("expect")?
                .as_object()
                .ok_or("\"expect\" is an object")?
                .clone(),
        })
    }

    /// Every difference between `resp` and the expectations; empty when it conforms.
    pub fn check(&self, resp: &v1::PriceCartResponse) -> Vec<String> {
        let actual = match serde_json::to_value(resp) {
            Ok(Value::Object(m)) => m,
            _ => return vec!["response does not serialize to a JSON object".into()],
        };
        let mut diffs = Vec::new();
        for (key, want) in &self.expect {
            match key.as_str() {
                "appliedRuleIds" => {
                    let got: Vec<String> = resp
                        .applied_rules
                        .iter()
                        .map(|r| r.rule_id.to_string())
                        .collect();
                    compare_ids(key, want, &got, &mut diffs);
                }
                "lines" => {
                    let Some(lines) = want.as_object() else {
                        diffs.push("expect.lines must be an object".into());
                        continue;
                    };
                    for (line_id, fields) in lines {
                        let Some(line) = resp.lines.iter().find(|l| &l.line_id == line_id) else {
                            diffs.push(format!("line {line_id:?} missing from the response"));
                            continue;
                        };
                        let line_json = serde_json::to_value(line).unwrap_or(Value::Null);
                        for (f, w) in fields.as_object().into_iter().flatten() {
                            let path = format!("lines.{line_id}.{f}");
                            if f == "appliedRuleIds" {
                                let got: Vec<String> =
                                    line.applied_rule_ids.iter().map(u64::to_string).collect();
                                compare_ids(&path, w, &got, &mut diffs);
                            } else {
                                compare_scalar(&path, w, line_json.get(f), &mut diffs);
                            }
                        }
                    }
                }
                "coupons" => {
                    for (code, status) in want.as_object().into_iter().flatten() {
                        let got = resp.coupons.iter().find(|c| &c.code == code).map(|c| {
                            v1::CouponStatus::try_from(c.status)
                                .map(|s| s.as_str_name().to_owned())
                                .unwrap_or_else(|_| c.status.to_string())
                        });
                        if got.as_deref() != status.as_str() {
                            diffs.push(format!("coupons.{code}: want {status}, got {got:?}"));
                        }
                    }
                }
                _ => compare_scalar(key, want, actual.get(key), &mut diffs),
            }
        }
        diffs
    }
}

fn compare_ids(path: &str, want: &Value, got: &[String], diffs: &mut Vec<String>) {
    let want: Vec<String> = want
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    if want != got {
        diffs.push(format!("{path}: want {want:?}, got {got:?}"));
    }
}

/// Amounts compare as decimals; a field the response omits is its proto3 default.
fn compare_scalar(path: &str, want: &Value, got: Option<&Value>, diffs: &mut Vec<String>) {
    let same = match (want, got) {
        (Value::String(w), Some(Value::String(g))) => {
            match (Decimal::from_str(w), Decimal::from_str(g)) {
                (Ok(a), Ok(b)) => a == b,
                _ => w == g,
            }
        }
        (Value::String(w), None) => Decimal::from_str(w).is_ok_and(|d| d.is_zero()) || w.is_empty(),
        (Value::Bool(w), None) => !w,
        (Value::Array(w), None) => w.is_empty(),
        (w, Some(g)) => w == g,
        (_, None) => false,
    };
    if !same {
        diffs.push(format!(
            "{path}: want {want}, got {}",
            got.map_or("(absent)".into(), Value::to_string)
        ));
    }
}
