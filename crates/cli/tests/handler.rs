//! `--handler FILE|-`: a written handler runs as the strategy "yours", in the
//! table and the JSON; a handler that spells out a built-in strategy gives
//! its trace digest; a bad one exits with status 2 and its line and column.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the CLI with `text` on standard input.
fn espresso_with(text: &str, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_espresso"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The join handler for both default drinks.
const JOIN: &str = "async function handleOrder(order) {
  try {
    takeOrder(order);
    await Promise.all([pay(order), grind(order), steam(order), heatWater(order)]);
    handPour(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

/// The essay's best practice: the payment first, then the rest together.
const PAY_FIRST: &str = "async function handleOrder(order) {
  try {
    takeOrder(order);
    await pay(order);
    await Promise.all([grind(order), steam(order), heatWater(order)]);
    handPour(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

/// The join handler the code panel prints for a latte.
const LATTE_JOIN: &str = "async function handleOrder(order) {
  try {
    takeOrder(order);
    await Promise.all([pay(order), grind(order), steam(order)]);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
";

#[test]
fn the_listing_of_join_run_as_a_handler_has_joins_digest() {
    // Lattes only: the code panel's latte listing is the whole handler.
    for preset in ["morning-line", "flaky-card-reader", "morning-rush"] {
        let v = json(&espresso_with(
            LATTE_JOIN,
            &[
                "--preset",
                preset,
                "--set",
                "karen=0",
                "--format",
                "json",
                "--handler",
                "-",
            ],
        ));
        let runs = v["strategies"].as_array().unwrap();
        let keys: Vec<_> = runs
            .iter()
            .map(|s| s["strategy"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["blocking", "callbacks", "await", "join", "yours"]);
        assert_eq!(runs[4]["label"], "Your code");
        assert_eq!(runs[4]["trace_digest"], runs[3]["trace_digest"], "{preset}");
        assert_ne!(runs[4]["trace_digest"], runs[2]["trace_digest"], "{preset}");
        assert_eq!(runs[4]["metrics"], {
            let mut m = runs[3]["metrics"].clone();
            m["strategy"] = "yours".into();
            m
        });
    }
}

#[test]
fn one_join_text_for_both_drinks_serves_like_join() {
    // Karen's pour-over has no steam and the latte no hot water: those
    // calls return at once (a settled promise: one more microtask, so not
    // the same trace), and every order is served when join serves it.
    let v = json(&espresso_with(
        JOIN,
        &["--format", "json", "--handler", "-"],
    ));
    let runs = v["strategies"].as_array().unwrap();
    assert_eq!(runs[4]["orders"], runs[3]["orders"]);
}

#[test]
fn paying_first_is_reported_like_a_strategy() {
    let v = json(&espresso_with(
        PAY_FIRST,
        &[
            "--format",
            "json",
            "--strategy",
            "yours",
            "--handler",
            "-",
            "--steps",
        ],
    ));
    let runs = v["strategies"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    // Ada alone: take (40), press and pay (5 + 300), press the grinder and
    // the steamer (10), steam (400), assemble (80).
    assert_eq!(runs[0]["orders"][0]["served_ms"], 835.0);
    // Karen's drawn steps: her recipe's, the steam left out.
    let karen = &runs[0]["orders"][2];
    assert_eq!(karen["name"], "Karen");
    let steps: Vec<_> = karen["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["pay", "grind", "heat", "pour", "assemble"]);
    // The table names it too.
    let table = espresso_with(PAY_FIRST, &["--handler", "-"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("Your code"));
}

#[test]
fn a_bad_handler_exits_with_status_2_and_says_where() {
    let cases = [
        (
            "async function handleOrder(order) {\n  takeOrder(order);\n  await pay(order;\n}\n",
            "--handler standard input: line 3",
        ),
        (
            // The pour-over needs hot water.
            "async function handleOrder(order) {\n  takeOrder(order);\n  await pay(order);\n  await grind(order);\n  await steam(order);\n  handPour(order);\n  assemble(order);\n  serve(order);\n}\n",
            "--handler standard input: the handler never calls heatWater: the pour-over needs hot water",
        ),
    ];
    for (text, expected) in cases {
        let out = espresso_with(text, &["--handler", "-"]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{err}");
    }
    let out = espresso_with("", &["--strategy", "yours"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strategy yours needs --handler FILE"));
    let out = espresso_with("", &["--handler", "/no/such/file.js"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--handler /no/such/file.js"));
}

#[test]
fn a_starting_text_fed_back_serves_like_its_strategy() {
    for strategy in ["blocking", "callbacks", "await", "join"] {
        let out = espresso_with(
            "",
            &["--starter", strategy, "--preset", "flaky-card-reader"],
        );
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("async function handleOrder(order) {")
                || text.starts_with("function handleOrder(order) {"),
            "{text}"
        );
        let v = json(&espresso_with(
            &text,
            &[
                "--preset",
                "flaky-card-reader",
                "--format",
                "json",
                "--handler",
                "-",
            ],
        ));
        let runs = v["strategies"].as_array().unwrap();
        let builtin = runs.iter().find(|r| r["strategy"] == strategy).unwrap();
        assert_eq!(runs[4]["orders"], builtin["orders"], "{strategy}\n{text}");
    }
    let out = espresso_with("", &["--starter", "threads"]);
    assert_eq!(out.status.code(), Some(2));
}
