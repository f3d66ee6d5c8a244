//! `espresso`: the café on the command line. Runs a preset or the default
//! scenario under one or all strategies, and a handler written in a file,
//! and prints a table or JSON.

use espresso_playground::engine::flow::Flow;
use espresso_playground::engine::handler;
use espresso_playground::engine::param_table::TABLE;
use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::presets::{preset, presets};
use espresso_playground::engine::{Instance, Scenario, Strategy};
use espresso_playground::report::{ReportOptions, report, to_table};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "\
espresso — a coffee shop that teaches the event loop

USAGE:
    espresso [OPTIONS]

OPTIONS:
    --preset NAME        start from a preset (see --list-presets); default morning-line
    --strategy S         blocking | callbacks | await | join | yours | all (default all;
                         yours, the --handler, is added to all when there is one)
    --handler FILE       run the order handler written in FILE (- for standard
                         input) as the strategy yours (see the README's grammar)
    --starter S          print strategy S written as a handler for every drink of
                         the scenario (a text to start a --handler from) and exit
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
    /// `None` until `--strategy` picks: all four, and yours with a handler.
    strategies: Option<Vec<Strategy>>,
    handler: Option<String>,
    starter: Option<Strategy>,
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
        strategies: None,
        handler: None,
        starter: None,
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
                opts.strategies = Some(if v == "all" {
                    Strategy::ALL.to_vec()
                } else if v == Strategy::Yours.key() {
                    vec![Strategy::Yours]
                } else {
                    vec![Strategy::from_key(&v).ok_or_else(|| {
                        format!("--strategy \"{v}\": unknown strategy (blocking, callbacks, await, join, yours or all)")
                    })?]
                });
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
            "--handler" => opts.handler = Some(value("--handler")?),
            "--starter" => {
                let v = value("--starter")?;
                opts.starter = Some(Strategy::from_key(&v).ok_or_else(|| {
                    format!(
                        "--starter \"{v}\": unknown strategy (blocking, callbacks, await or join)"
                    )
                })?);
            }
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
    if let Some(strategy) = opts.starter {
        return Ok(handler::starter(strategy, &instance).trim_end().to_owned());
    }
    let yours = match &opts.handler {
        Some(file) => Some(written_handler(file, &instance)?),
        None => None,
    };
    let strategies = match opts.strategies {
        Some(s) if s.contains(&Strategy::Yours) && yours.is_none() => {
            return Err("--strategy yours needs --handler FILE".into());
        }
        Some(s) if s.len() > 1 && yours.is_some() => [s, vec![Strategy::Yours]].concat(),
        Some(s) => s,
        None if yours.is_some() => [&Strategy::ALL[..], &[Strategy::Yours]].concat(),
        None => Strategy::ALL.to_vec(),
    };
    let preset_id = opts.preset.as_deref().or(Some("morning-line"));
    // Only numbers are printed, so no run keeps its trace (the report
    // simulates each strategy for its numbers alone); the digests, which
    // cost a second run each, are computed only for the JSON that shows them.
    let options = ReportOptions {
        steps: opts.steps,
        digests: opts.json,
    };
    let r = report(&instance, &strategies, yours.as_ref(), preset_id, options);
    if opts.json {
        serde_json::to_string_pretty(&r).map_err(|e| format!("could not write JSON: {e}"))
    } else {
        Ok(to_table(&r))
    }
}

/// The longest handler file read (the language itself stops at
/// [`handler::MAX_CHARS`] characters; this only bounds the reading).
const MAX_HANDLER_BYTES: u64 = 1 << 20;

/// Reads the handler in `file` (`-`: standard input), parses and lowers it,
/// and fits it to each drink `instance` has orders for.
fn written_handler(file: &str, instance: &Instance) -> Result<[Flow; 2], String> {
    let name = if file == "-" { "standard input" } else { file };
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin()
            .take(MAX_HANDLER_BYTES)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(MAX_HANDLER_BYTES).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("--handler {name}: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("--handler {name}: the file is not UTF-8 text"))?;
    let program = handler::program(&text).map_err(|e| format!("--handler {name}: {e}"))?;
    Flow::for_instance(&program, instance).map_err(|e| format!("--handler {name}: {e}"))
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
