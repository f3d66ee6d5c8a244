//! `espresso`: the café on the command line. Runs a preset or the default
//! scenario under one or all strategies and prints a table or JSON.

use espresso_playground::engine::param_table::TABLE;
use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::presets::{preset, presets};
use espresso_playground::engine::{Instance, Scenario, Strategy};
use espresso_playground::report::{ReportOptions, report, to_table};
use std::process::ExitCode;

const USAGE: &str = "\
espresso — a coffee shop that teaches the event loop

USAGE:
    espresso [OPTIONS]

OPTIONS:
    --preset NAME        start from a preset (see --list-presets); default morning-line
    --strategy S         blocking | callbacks | await | join | all (default all)
    --seed N             seed of every random draw (same as --set seed=N)
    --set KEY=VALUE      change one scenario parameter (repeatable; see below)
    --format F           table (default) | json
    --steps              JSON: include each order's drawn steps
    --list-presets       list the presets and exit
    -h, --help           this help

Bad options and values exit with status 2 and a message naming them.

PARAMETERS (--set KEY=VALUE):
";

struct Options {
    preset: Option<String>,
    strategies: Vec<Strategy>,
    sets: Vec<(String, String)>,
    json: bool,
    steps: bool,
}

enum Action {
    Run(Options),
    Help,
    ListPresets,
}

fn usage() -> String {
    let mut text = USAGE.to_string();
    for p in TABLE {
        text.push_str(&format!("    {:<18} {}\n", p.key, p.help_line()));
    }
    text
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Action, String> {
    let mut opts = Options {
        preset: None,
        strategies: Strategy::ALL.to_vec(),
        sets: Vec::new(),
        json: false,
        steps: false,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") && f != "--set" => {
                (f.to_string(), Some(v.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Action::Help),
            "--list-presets" => return Ok(Action::ListPresets),
            "--preset" => opts.preset = Some(value("--preset")?),
            "--strategy" => {
                let v = value("--strategy")?;
                opts.strategies = if v == "all" {
                    Strategy::ALL.to_vec()
                } else {
                    vec![Strategy::from_key(&v).ok_or_else(|| {
                        format!("--strategy \"{v}\": unknown strategy (blocking, callbacks, await, join or all)")
                    })?]
                };
            }
            "--seed" => opts.sets.push(("seed".into(), value("--seed")?)),
            "--set" => {
                let v = value("--set")?;
                let (k, val) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--set \"{v}\": expected KEY=VALUE"))?;
                opts.sets.push((k.to_string(), val.to_string()));
            }
            "--format" => {
                opts.json = match value("--format")?.as_str() {
                    "json" => true,
                    "table" => false,
                    other => return Err(format!("--format \"{other}\": expected table or json")),
                }
            }
            "--steps" => opts.steps = true,
            other => return Err(format!("unknown option \"{other}\" (see --help)")),
        }
    }
    Ok(Action::Run(opts))
}

fn run(opts: Options) -> Result<String, String> {
    let base = match &opts.preset {
        None => Scenario::default(),
        Some(id) => preset(id)
            .ok_or_else(|| {
                let ids: Vec<_> = presets().into_iter().map(|p| p.id).collect();
                format!("--preset \"{id}\": unknown preset ({})", ids.join(", "))
            })?
            .scenario()
            .map_err(|e| format!("preset {id}: {e}"))?,
    };
    let scenario = parse_strict(
        base,
        opts.sets.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )
    .map_err(|e| format!("--set {e} (see --help)"))?;
    let instance = Instance::new(&scenario);
    let preset_id = opts.preset.as_deref().or(Some("morning-line"));
    // Only numbers are printed, so no run keeps its trace (the report
    // simulates each strategy for its numbers alone); the digests, which
    // cost a second run each, are computed only for the JSON that shows them.
    let options = ReportOptions {
        steps: opts.steps,
        digests: opts.json,
    };
    let r = report(&instance, &opts.strategies, None, preset_id, options);
    if opts.json {
        serde_json::to_string_pretty(&r).map_err(|e| format!("could not write JSON: {e}"))
    } else {
        Ok(to_table(&r))
    }
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(Action::Help) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Ok(Action::ListPresets) => {
            for p in presets() {
                println!("{:<18} {}\n{:<18} {}", p.id, p.title, "", p.caption);
            }
            ExitCode::SUCCESS
        }
        Ok(Action::Run(opts)) => match run(opts) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("espresso: {message}");
                ExitCode::from(2)
            }
        },
        Err(message) => {
            eprintln!("espresso: {message}");
            ExitCode::from(2)
        }
    }
}
