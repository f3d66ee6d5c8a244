//! Behaviour, property and theory tests of the café engine (one binary).
//! Native only: the WebAssembly side is checked by `crates/web/tests/web.rs`.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

mod architecture;
mod design;
mod determinism;
mod flows;
mod handler;
mod mechanisms;
mod numbers;
mod properties;
mod queueing;
mod support;
mod untraced;
mod wire;
mod written;
