//! Paging both endpoints, malformed items, volume, and the set changing under the pager.

use std::collections::HashSet;

use cohort_aep::{AepErrorKind, AudienceState, AudiencesEndpoint};
use serde_json::json;

use crate::{Harness, sample, shown};

#[tokio::test]
async fn lists_the_sample_set_across_pages_with_states_mapped() {
    let h = Harness::start(sample()).await;
    let list = h.client().list_all_audiences().await.unwrap();
    assert_eq!((list.audiences.len(), list.skipped, list.pages), (36, 0, 4));
    assert_eq!(list.total_count, Some(36));
    assert_eq!(h.fake.list_requests(), 4);
    let count = |s| list.audiences.iter().filter(|a| a.state == s).count();
    assert_eq!(
        [
            count(AudienceState::Active),
            count(AudienceState::Draft),
            count(AudienceState::Inactive),
            count(AudienceState::Deleted)
        ],
        [24, 4, 4, 4]
    );
    let vip = list
        .audiences
        .iter()
        .find(|a| a.name == "VIP customers")
        .unwrap();
    assert_eq!(vip.id, "6f3b9c2e-8d41-4a7f-b5e2-1c9d0a7e4f63");
    assert_eq!(vip.namespace.as_deref(), Some("AEPSegments"));
    assert_eq!(vip.origin.as_deref(), Some("REAL_TIME_CUSTOMER_PROFILE"));
    assert!(vip.updated_at.is_some());
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn integer_next_is_followed_too() {
    let h = Harness::start(sample()).await;
    h.fake.set_next_as_integer(true);
    assert_eq!(
        h.client()
            .list_all_audiences()
            .await
            .unwrap()
            .audiences
            .len(),
        36
    );
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn legacy_segment_definitions_are_listed_as_active() {
    let h = Harness::start(sample()).await;
    let mut config = h.config();
    config.audiences_endpoint = AudiencesEndpoint::SegmentDefinitions;
    let list = h.client_with(config).list_all_audiences().await.unwrap();
    assert_eq!(list.audiences.len(), 28);
    assert!(
        list.audiences
            .iter()
            .all(|a| a.state == AudienceState::Active)
    );
    assert_eq!(list.pages, 3);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn malformed_items_are_skipped_and_counted() {
    let mut audiences = sample();
    audiences.insert(3, json!({"name": "no id"}));
    audiences.insert(
        17,
        json!({"id": "bad-state", "name": "X", "lifecycleState": "exploded"}),
    );
    audiences.push(json!("not an object"));
    let h = Harness::start(audiences).await;
    let list = h.client().list_all_audiences().await.unwrap();
    assert_eq!((list.audiences.len(), list.skipped), (36, 3));
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn get_audience_and_not_found() {
    let h = Harness::start(sample()).await;
    let client = h.client();
    let lapsed = sample()
        .into_iter()
        .find(|a| a["name"] == "Lapsed buyers 90d")
        .unwrap();
    let got = client
        .get_audience(lapsed["id"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(got.name, "Lapsed buyers 90d");
    let err = client.get_audience("no-such-audience").await.unwrap_err();
    assert_eq!(err.kind(), AepErrorKind::NotFound);
    assert!(err.to_string().contains("was not found"), "{err}");
    h.assert_no_secret(&shown(&err));
}

#[tokio::test]
async fn pages_over_ten_thousand_audiences() {
    let h = Harness::start(cohort_aep_fake::generated_audiences(10_000)).await;
    let mut config = h.config();
    config.page_size = 100;
    let list = h.client_with(config).list_all_audiences().await.unwrap();
    assert_eq!(list.audiences.len(), 10_000);
    assert_eq!(list.pages, 100);
    assert_eq!(h.fake.list_requests(), 100);
    let ids: HashSet<_> = list.audiences.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 10_000);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn an_audience_vanishing_between_pages_restarts_the_pass() {
    let before = sample();
    let after: Vec<_> = before.iter().skip(1).cloned().collect();
    let h = Harness::start(before).await;
    // Page 1 comes from the old set, page 2 from the new one: offsets shift by one, so
    // without the restart the 11th audience would be missed and wrongly deleted by a sync.
    h.fake.replace_audiences_after(1, after.clone());
    let list = h.client().list_all_audiences().await.unwrap();
    assert_eq!(list.restarts, 1);
    let got: Vec<_> = list.audiences.iter().map(|a| a.id.clone()).collect();
    let want: Vec<_> = after
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, want);
    h.assert_no_secret(&[]);
}

#[tokio::test]
async fn an_audience_renamed_between_pages_is_listed_once() {
    let before = sample();
    let mut after = before.clone();
    after[0]["name"] = json!("VIP customers (renamed)");
    after[15]["lifecycleState"] = json!("archived");
    let h = Harness::start(before).await;
    h.fake.replace_audiences_after(1, after);
    let list = h.client().list_all_audiences().await.unwrap();
    assert_eq!((list.audiences.len(), list.restarts), (36, 0));
    // Page 1 was read before the change, page 2 after it.
    assert_eq!(list.audiences[0].name, "VIP customers");
    assert_eq!(list.audiences[15].state, AudienceState::Deleted);
    h.assert_no_secret(&[]);
}
