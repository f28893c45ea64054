//! The integration tests: one binary, one module per area, over the fixture
//! sites in `tests/fixtures/`. One binary links once (twelve took about ten
//! minutes of a cold `cargo test` on two cores).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking, and says where"
)]
#![allow(unreachable_pub, reason = "a test binary exports nothing")]

mod assessment;
mod build;
mod check;
mod clashes;
mod common;
mod data;
mod git;
mod incremental;
mod inspect;
mod layers;
mod lectures;
mod led;
mod led_pictures;
mod ledger;
mod limits;
mod loading;
mod mistakes;
mod month_in_progress;
mod new;
mod output;
mod phone;
mod photos;
mod places;
mod portal;
mod privacy;
mod rebuild;
mod report;
mod search;
mod serve;
mod typography;
