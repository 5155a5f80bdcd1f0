//! The Edge Network response a storefront receives, turned into the membership list and the
//! `aep-segments-membership` value, for callers that hold the raw response rather than the
//! header. Only `activation:pull` handles with `profileLookup` payloads carry membership.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// What JavaScript's `encodeURIComponent` leaves alone, which is what the storefront uses
/// for the headless header.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdgeError {
    #[error("the Edge Network response is not JSON: {0}")]
    InvalidJson(String),
    #[error("the Edge Network response is neither an object nor an array of handles")]
    UnexpectedShape,
}

/// Segment ids of every `activation:pull` / `profileLookup` payload, sorted and
/// de-duplicated. Accepts the whole response (`{"handle": [...]}`), the `handle` array, or
/// one handle.
pub fn edge_segment_ids(response: &Value) -> Result<Vec<String>, EdgeError> {
    let handles: Vec<&Value> = match response {
        Value::Object(object) => match object.get("handle") {
            Some(Value::Array(handles)) => handles.iter().collect(),
            Some(_) => Vec::new(),
            None => vec![response],
        },
        Value::Array(handles) => handles.iter().collect(),
        _ => return Err(EdgeError::UnexpectedShape),
    };
    let mut ids: Vec<String> = handles
        .into_iter()
        .filter(|h| h.get("type").and_then(Value::as_str) == Some("activation:pull"))
        .filter_map(|h| h.get("payload").and_then(Value::as_array))
        .flatten()
        .filter(|p| p.get("type").and_then(Value::as_str) == Some("profileLookup"))
        .filter_map(|p| p.get("segments").and_then(Value::as_array))
        .flatten()
        .filter_map(|s| s.get("id").and_then(Value::as_str))
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// [`edge_segment_ids`] from the response text.
pub fn parse_edge_response(json: &str) -> Result<Vec<String>, EdgeError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| EdgeError::InvalidJson(e.to_string()))?;
    edge_segment_ids(&value)
}

/// The header value as the headless storefront writes it: ids joined with commas, then
/// URL-encoded as a whole. `parse_membership_header` reads it back.
pub fn membership_header_value<S: AsRef<str>>(ids: &[S]) -> String {
    let joined = ids.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(",");
    utf8_percent_encode(&joined, URI_COMPONENT).to_string()
}

/// The Edge response text straight to the header value.
pub fn edge_response_to_membership_header(json: &str) -> Result<String, EdgeError> {
    parse_edge_response(json).map(|ids| membership_header_value(&ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::membership::parse_membership_header;

    const RESPONSE: &str = r#"{
      "requestId": "b9f1e3a0-0000-4000-8000-000000000000",
      "handle": [
        {"type": "state:store", "payload": [{"key": "kndctr_ORG_AdobeOrg_cluster", "value": "or2"}]},
        {"type": "activation:pull", "eventIndex": 0, "payload": [
          {"type": "profileLookup", "destinationId": "dst-1", "alias": "commerce",
           "segments": [{"id": "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63", "namespace": "ups"},
                        {"id": "a0c5d2f1-3b7e-4c9a-8e61-2f4b7d9c1e05", "namespace": {"code": "ups"}}]},
          {"type": "profileLookup", "destinationId": "dst-2", "alias": "other",
           "segments": [{"id": "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63", "namespace": "ups"}]},
          {"type": "somethingElse", "segments": [{"id": "ignored"}]}
        ]}
      ]
    }"#;

    #[test]
    fn collects_profile_lookup_segments_once() {
        assert_eq!(
            parse_edge_response(RESPONSE).unwrap(),
            [
                "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63",
                "a0c5d2f1-3b7e-4c9a-8e61-2f4b7d9c1e05"
            ]
        );
    }

    #[test]
    fn header_value_round_trips_through_the_parser() {
        let header = edge_response_to_membership_header(RESPONSE).unwrap();
        assert!(header.contains("%2C") && !header.contains(','));
        let ids = parse_membership_header([header.as_str()], 100).unwrap();
        assert_eq!(ids, parse_edge_response(RESPONSE).unwrap());
    }

    #[test]
    fn other_shapes_and_errors() {
        let handles: Value = serde_json::from_str::<Value>(RESPONSE).unwrap()["handle"].clone();
        assert_eq!(edge_segment_ids(&handles).unwrap().len(), 2);
        assert_eq!(edge_segment_ids(&handles[1]).unwrap().len(), 2);
        assert!(parse_edge_response(r#"{"handle": []}"#).unwrap().is_empty());
        assert_eq!(parse_edge_response("3"), Err(EdgeError::UnexpectedShape));
        assert!(matches!(
            parse_edge_response("{"),
            Err(EdgeError::InvalidJson(_))
        ));
        assert_eq!(membership_header_value::<&str>(&[]), "");
    }
}
