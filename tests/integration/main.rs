//! One integration-test binary (one link step): each module is a feature
//! area, and every test builds a small site written inline through
//! `support::Site`, so the fixture is visible in the test.

mod support;

mod bad_input;
mod build_errors;
mod build_feeds;
mod build_pages;
mod cli;
mod crash_safety;
mod docs;
mod eval_harness;
mod fuzz_replay;
mod incremental;
mod ingest_entities;
mod ingest_identity;
mod ingest_layouts;
mod ingest_safety;
mod live_cli;
mod output_safety;
mod serve_http;
mod serve_load;
mod snapshots;
mod untrusted;
mod watch_events;
