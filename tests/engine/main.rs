//! Behaviour, property and theory tests of the café engine (one binary).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

mod architecture;
mod cli;
mod design;
mod determinism;
mod properties;
mod queueing;
mod support;
