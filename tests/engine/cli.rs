//! The command-line front: tables, JSON and refusals with status 2.

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
fn help_lists_every_parameter() {
    let text = String::from_utf8(espresso(&["--help"]).stdout).unwrap();
    for key in [
        "customers",
        "interval_ms",
        "<step>_ms",
        "steamers",
        "helpers",
        "check_err",
        "try_catch",
        "seed",
    ] {
        assert!(text.contains(key), "{key}");
    }
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
    ];
    for (args, named) in cases {
        let out = espresso(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(named), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}
