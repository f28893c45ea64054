//! The integration tests: one binary, one module per area, over the fixture
//! sites in `tests/fixtures/`. One binary links once (twelve took about ten
//! minutes of a cold `cargo test` on two cores).

mod common;

mod build;
mod check;
mod clashes;
mod git;
mod incremental;
mod lectures;
mod led;
mod limits;
mod new;
mod photos;
mod report;
mod search;
mod serve;
