//! Claims: what a lesson's answer says about a run, in a small text form the
//! engine can check. A claim is one or more atoms joined by `&` (all must
//! hold); `!` before an atom negates it. Atoms:
//!
//! - `first-served:NAME` — the first drink handed over goes to NAME.
//! - `served-before:A,B` — A gets a drink, and before B does (if B ever does).
//! - `busiest:MACHINE` — the machine with the highest utilisation
//!   (`reader`, `grinder`, `steamer`, `kettle`, `helper`).
//! - `fails-fast` — an order ended without a drink while one of its machines
//!   was still working (`Promise.all` rejects at the first failure).
//! - `METRIC[:STRATEGY] OP VALUE` — a number against a constant:
//!   `lost>0`, `lag-max>=1s`, `p95:join<500ms`, `working>=90%`.
//! - `METRIC[:STRATEGY] OP STRATEGY[*N|/N]` — against another strategy on the
//!   same customers: `p95:blocking>join`, `max-line:blocking>callbacks*2`.
//! - `METRIC[:STRATEGY] OP before[:STRATEGY][*N|/N]` — against the step's
//!   preset *without* the step's changes: `p95<before:callbacks/10`.
//!
//! `OP` is one of `>`, `>=`, `<`, `<=`, `=`. Without `:STRATEGY` an atom is
//! about the step's strategy. Metrics and their units: latency `p50`, `p95`,
//! `p99`, `max`, `mean`; `wait-p95`, `wait-max` (in line); `lag-p95`,
//! `lag-max` (event loop); `wasted` (machine time on failed orders);
//! `makespan` — all in ms (`ms` or `s` suffix, or none); `working`,
//! `blocked`, `idle` — the barista's day in `%`; `served`, `cookies`, `lost`,
//! `max-line` — counts; `throughput` — answered orders per minute.

use crate::engine::decimal;
use crate::engine::{MachineKind, Strategy};
use crate::play::{Run, Runs};

mod judge;

/// A number read from one strategy's run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Median latency (ms).
    P50,
    /// 95th percentile latency (ms).
    P95,
    /// 99th percentile latency (ms).
    P99,
    /// Largest latency (ms).
    Max,
    /// Mean latency (ms).
    Mean,
    /// 95th percentile wait in line (ms).
    WaitP95,
    /// Longest wait in line (ms).
    WaitMax,
    /// 95th percentile event-loop lag (ms).
    LagP95,
    /// Largest event-loop lag (ms).
    LagMax,
    /// Most customers in line at once.
    MaxLine,
    /// Orders served.
    Served,
    /// Failed orders handled with a cookie.
    Cookies,
    /// Failed orders never handled.
    Lost,
    /// Machine time spent on orders that got no drink (ms).
    Wasted,
    /// Answered orders per minute.
    Throughput,
    /// Share of the day the barista works (%).
    Working,
    /// Share of the day the barista stands blocked (%).
    Blocked,
    /// Share of the day the barista is idle (%).
    Idle,
    /// Opening to the last event (ms).
    Makespan,
}

/// What a metric's numbers are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Ms,
    Count,
    Percent,
    PerMin,
}

const METRICS: [(&str, Metric, Unit); 19] = [
    ("p50", Metric::P50, Unit::Ms),
    ("p95", Metric::P95, Unit::Ms),
    ("p99", Metric::P99, Unit::Ms),
    ("max", Metric::Max, Unit::Ms),
    ("mean", Metric::Mean, Unit::Ms),
    ("wait-p95", Metric::WaitP95, Unit::Ms),
    ("wait-max", Metric::WaitMax, Unit::Ms),
    ("lag-p95", Metric::LagP95, Unit::Ms),
    ("lag-max", Metric::LagMax, Unit::Ms),
    ("max-line", Metric::MaxLine, Unit::Count),
    ("served", Metric::Served, Unit::Count),
    ("cookies", Metric::Cookies, Unit::Count),
    ("lost", Metric::Lost, Unit::Count),
    ("wasted", Metric::Wasted, Unit::Ms),
    ("throughput", Metric::Throughput, Unit::PerMin),
    ("working", Metric::Working, Unit::Percent),
    ("blocked", Metric::Blocked, Unit::Percent),
    ("idle", Metric::Idle, Unit::Percent),
    ("makespan", Metric::Makespan, Unit::Ms),
];

impl Metric {
    /// The metric's value in `run`.
    pub fn of(self, run: &Run) -> f64 {
        let m = &run.metrics;
        let share = |part: f64| {
            if m.makespan_ms > 0.0 {
                100.0 * part / m.makespan_ms
            } else {
                0.0
            }
        };
        match self {
            Metric::P50 => m.latency.p50_ms,
            Metric::P95 => m.latency.p95_ms,
            Metric::P99 => m.latency.p99_ms,
            Metric::Max => m.latency.max_ms,
            Metric::Mean => m.latency.mean_ms,
            Metric::WaitP95 => m.wait_in_line.p95_ms,
            Metric::WaitMax => m.wait_in_line.max_ms,
            Metric::LagP95 => m.lag.p95_ms,
            Metric::LagMax => m.lag.max_ms,
            Metric::MaxLine => f64::from(m.longest_line),
            Metric::Served => m.served as f64,
            Metric::Cookies => m.cookies as f64,
            Metric::Lost => m.lost as f64,
            Metric::Wasted => m.wasted_machine_ms,
            Metric::Throughput => m.throughput_per_min,
            Metric::Working => share(m.working_ms),
            Metric::Blocked => share(m.blocked_ms),
            Metric::Idle => share(m.idle_ms),
            Metric::Makespan => m.makespan_ms,
        }
    }
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Gt,
    Ge,
    Lt,
    Le,
    Eq,
}

impl Op {
    fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Op::Gt => a > b,
            Op::Ge => a >= b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Eq => a == b,
        }
    }
}

/// What a metric is compared with.
#[derive(Clone, Debug, PartialEq)]
enum Rhs {
    /// A constant (in the metric's unit: ms, %, a count, per minute).
    Value(f64),
    /// The same metric under another strategy, times a factor.
    Strategy(Strategy, f64),
    /// The same metric on the step's bare preset (strategy: the given one
    /// or the step's), times a factor.
    Before(Option<Strategy>, f64),
}

/// One checkable statement.
#[derive(Clone, Debug, PartialEq)]
enum Atom {
    FirstServed(String),
    ServedBefore(String, String),
    Busiest(MachineKind),
    FailsFast,
    Compare {
        metric: Metric,
        of: Option<Strategy>,
        op: Op,
        rhs: Rhs,
    },
}

/// A machine-checkable claim about a step's runs (see the module's docs).
#[derive(Clone, Debug)]
pub struct Claim {
    text: String,
    atoms: Vec<(bool, Atom)>,
}

impl PartialEq for Claim {
    /// Claims are equal when they say the same thing (spacing aside).
    fn eq(&self, other: &Claim) -> bool {
        self.atoms == other.atoms
    }
}

/// The runs a claim is checked against.
pub struct Evidence<'a> {
    /// Every strategy on the step's scenario.
    pub runs: &'a Runs,
    /// The step's strategy.
    pub strategy: Strategy,
    /// Every strategy on the step's bare preset (needed by `before`).
    pub before: Option<&'a Runs>,
}

fn strategy(key: &str) -> Result<Strategy, String> {
    Strategy::from_key(key).ok_or_else(|| {
        format!(
            "unknown strategy \"{}\" (blocking, callbacks, await, join)",
            key.trim()
        )
    })
}

fn metric(key: &str) -> Result<(Metric, Unit), String> {
    METRICS
        .iter()
        .find(|(k, _, _)| *k == key.trim())
        .map(|&(_, m, u)| (m, u))
        .ok_or_else(|| format!("unknown metric \"{}\"", key.trim()))
}

fn number(text: &str) -> Result<f64, String> {
    decimal::parse(text)
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("not a number: \"{}\"", text.trim()))
}

/// A constant in `unit`: `1500`, `1500ms`, `1.5s`, `90%`.
fn value(text: &str, unit: Unit) -> Result<f64, String> {
    let text = text.trim();
    match unit {
        Unit::Ms => match (text.strip_suffix("ms"), text.strip_suffix('s')) {
            (Some(ms), _) => number(ms),
            (None, Some(s)) => Ok(number(s)? * 1000.0),
            (None, None) => number(text),
        },
        Unit::Percent => number(text.strip_suffix('%').unwrap_or(text)),
        Unit::Count | Unit::PerMin => number(text),
    }
}

/// `base*N`, `base/N` or `base` → (base, factor).
fn factor(text: &str) -> Result<(&str, f64), String> {
    if let Some((base, n)) = text.split_once('*') {
        Ok((base, number(n)?))
    } else if let Some((base, n)) = text.split_once('/') {
        let n = number(n)?;
        if n == 0.0 {
            return Err("division by zero".into());
        }
        Ok((base, 1.0 / n))
    } else {
        Ok((text, 1.0))
    }
}

fn rhs(text: &str, unit: Unit) -> Result<Rhs, String> {
    let text = text.trim();
    if text.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return value(text, unit).map(Rhs::Value);
    }
    let (base, k) = factor(text)?;
    let base = base.trim();
    if base == "before" {
        Ok(Rhs::Before(None, k))
    } else if let Some(s) = base.strip_prefix("before:") {
        Ok(Rhs::Before(Some(strategy(s)?), k))
    } else {
        Ok(Rhs::Strategy(strategy(base)?, k))
    }
}

fn name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        Err("a customer's name is missing".into())
    } else {
        Ok(name.to_string())
    }
}

fn atom(text: &str) -> Result<Atom, String> {
    let text = text.trim();
    if text == "fails-fast" {
        return Ok(Atom::FailsFast);
    }
    if let Some(who) = text.strip_prefix("first-served:") {
        return Ok(Atom::FirstServed(name(who)?));
    }
    if let Some(pair) = text.strip_prefix("served-before:") {
        let (a, b) = pair
            .split_once(',')
            .ok_or("served-before needs two names: served-before:A,B")?;
        return Ok(Atom::ServedBefore(name(a)?, name(b)?));
    }
    if let Some(key) = text.strip_prefix("busiest:") {
        return MachineKind::ALL
            .into_iter()
            .find(|m| m.key() == key.trim())
            .map(Atom::Busiest)
            .ok_or_else(|| format!("unknown machine \"{}\"", key.trim()));
    }
    let at = text
        .find(['<', '>', '='])
        .ok_or_else(|| format!("not a claim: \"{text}\""))?;
    let (left, rest) = text.split_at(at);
    let (op, right) = [
        (">=", Op::Ge),
        ("<=", Op::Le),
        (">", Op::Gt),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ]
    .into_iter()
    .find_map(|(sym, op)| rest.strip_prefix(sym).map(|r| (op, r)))
    .ok_or_else(|| format!("not a comparison: \"{text}\""))?;
    let (key, of) = match left.split_once(':') {
        Some((key, s)) => (key, Some(strategy(s)?)),
        None => (left, None),
    };
    let (metric, unit) = metric(key)?;
    Ok(Atom::Compare {
        metric,
        of,
        op,
        rhs: rhs(right, unit)?,
    })
}

impl Claim {
    /// Reads a claim; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Claim, String> {
        let mut atoms = Vec::new();
        for part in text.split('&') {
            let part = part.trim();
            let (negated, part) = match part.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, part),
            };
            if part.is_empty() {
                return Err(format!("empty claim in \"{}\"", text.trim()));
            }
            atoms.push((negated, atom(part)?));
        }
        Ok(Claim {
            text: text.trim().to_string(),
            atoms,
        })
    }

    /// The claim as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether checking it needs the step's bare preset run too.
    pub fn needs_before(&self) -> bool {
        self.atoms.iter().any(|(_, a)| {
            matches!(
                a,
                Atom::Compare {
                    rhs: Rhs::Before(..),
                    ..
                }
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonsense_is_refused_with_a_reason() {
        for (text, why) in [
            ("", "empty claim"),
            ("p95 > 1s & ", "empty claim"),
            ("speed>1", "unknown metric"),
            ("p95:threads>join", "unknown strategy"),
            ("p95>threads", "unknown strategy"),
            ("p95>1h", "not a number"),
            ("lost>1ms", "not a number"),
            ("p95>before/0", "division by zero"),
            ("busiest:toaster", "unknown machine"),
            ("served-before:Ada", "two names"),
            ("first-served:", "name is missing"),
            ("p95", "not a claim"),
        ] {
            let e = Claim::parse(text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn equal_claims_ignore_spacing() {
        let a = Claim::parse("p95:blocking > join & lost=0").unwrap();
        let b = Claim::parse("p95:blocking>join&lost = 0").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, Claim::parse("p95:blocking>join").unwrap());
        assert!(!a.needs_before());
        assert!(Claim::parse("p95<before:join/10").unwrap().needs_before());
    }
}
