//! The command-line front: tables, JSON and refusals with status 2.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::param_table::TABLE;
use std::process::{Command, Output};

fn espresso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_espresso"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn json_has_the_documented_schema_and_every_order() {
    let out = espresso(&["--format", "json", "--strategy", "all"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "async-espresso/run/v1");
    let strategies = v["strategies"].as_array().unwrap();
    let keys: Vec<_> = strategies
        .iter()
        .map(|s| s["strategy"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["blocking", "callbacks", "await", "join"]);
    for s in strategies {
        let orders = s["orders"].as_array().unwrap();
        assert_eq!(orders.len(), 8);
        for o in orders {
            for field in ["name", "arrived_ms", "served_ms", "outcome"] {
                assert!(o.get(field).is_some(), "{field}");
            }
        }
        assert!(s["metrics"]["latency"]["p95_ms"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(strategies[0]["orders"][0]["served_ms"], 1085.0);
    assert_eq!(strategies[1]["orders"][2]["name"], "Karen");
}

#[test]
fn lost_orders_have_no_served_time() {
    let out = espresso(&[
        "--preset",
        "flaky-card-reader",
        "--strategy",
        "callbacks",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let orders = v["strategies"][0]["orders"].as_array().unwrap();
    let lost: Vec<_> = orders.iter().filter(|o| o["outcome"] == "lost").collect();
    assert!(!lost.is_empty());
    assert!(lost.iter().all(|o| o["served_ms"].is_null()));
}

#[test]
fn sets_and_seed_change_the_scenario() {
    let out = espresso(&[
        "--strategy",
        "join",
        "--set",
        "steamers=2",
        "--seed",
        "9",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["params"]["steamers"], "2");
    assert_eq!(v["params"]["seed"], "9");
    assert_eq!(v["strategies"].as_array().unwrap().len(), 1);
}

#[test]
fn the_table_names_every_strategy() {
    let out = espresso(&[]);
    let text = String::from_utf8(out.stdout).unwrap();
    for label in ["Blocking", "Callbacks", "Sequential await", "Parallel join"] {
        assert!(text.contains(label), "{label}");
    }
}

#[test]
fn help_lists_every_parameter_from_the_table() {
    let text = String::from_utf8(espresso(&["--help"]).stdout).unwrap();
    for p in TABLE {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{} ", p.key)))
            .unwrap_or_else(|| panic!("{} is listed", p.key));
        assert!(line.contains(p.help), "{line}");
        assert!(line.contains(&p.accepts()), "{line}");
        assert!(line.contains(&format!("short {}", p.alias)), "{line}");
        if p.key != "list" {
            assert!(
                line.contains(&format!("default {}", p.default_text())),
                "{line}"
            );
        }
    }
    assert!(text.contains("steam_ms (stm)") || text.contains("steam_ms "));
    assert!(
        text.contains("0 to 3600000 ms; default 400; short stm"),
        "{text}"
    );
}

#[test]
fn json_reports_pools_breaker_and_cache_only_where_they_are_on() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = espresso(&[&["--format", "json", "--strategy", "await"], args].concat());
        assert!(out.status.success(), "{args:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let plain = json(&[]);
    let run = &plain["strategies"][0];
    for absent in ["breaker", "cache"] {
        assert!(run["metrics"].get(absent).is_none(), "{absent}");
    }
    assert!(run.get("circuit").is_none());
    let reader = &run["metrics"]["machines"][0];
    assert_eq!(reader["machine"], "reader");
    assert_eq!(reader["warmups"], 0);
    assert!(reader["wait_for_unit"]["p95_ms"].is_number());

    let breaker = json(&["--preset", "breaker"]);
    let run = &breaker["strategies"][0];
    assert_eq!(run["metrics"]["breaker"]["timed_out"], 12);
    assert_eq!(run["metrics"]["breaker"]["open_ms"], 6000.0);
    assert_eq!(run["circuit"][1], serde_json::json!([3345.0, "open"]));
    assert_eq!(breaker["scenario"]["breaker_timeout_ms"], "600");

    let cache = json(&["--preset", "cached-menu"]);
    assert_eq!(cache["strategies"][0]["metrics"]["cache"]["hits"], 17);
    let pool = json(&["--preset", "cold-pool"]);
    assert_eq!(
        pool["strategies"][0]["metrics"]["machines"][0]["warmups"],
        10
    );
    let table = String::from_utf8(espresso(&["--preset", "breaker"]).stdout).unwrap();
    assert!(table.contains("breaker: opened 1×"), "{table}");
}

#[test]
fn bad_input_exits_with_status_2_naming_it() {
    let cases: &[(&[&str], &str)] = &[
        (&["--strategy", "threads"], "threads"),
        (&["--frobnicate"], "--frobnicate"),
        (&["--set", "steam_ms=-5"], "steam_ms"),
        (&["--set", "customers=lots"], "lots"),
        (&["--set", "nonsense"], "nonsense"),
        (&["--preset", "<script>"], "<script>"),
        (&["--format", "xml"], "xml"),
        (&["--seed"], "--seed"),
        (&["--set", "breaker_threshold=150"], "breaker_threshold"),
        (&["--set", "breaker_timeout_ms=-1"], "breaker_timeout_ms"),
        (&["--set", "menus=0"], "menus"),
        (&["--set", "cache=true"], "lookup"),
    ];
    for (args, named) in cases {
        let out = espresso(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
