//! "Run it for real": the panel's fixed markup, and what a run of the same
//! customers on the browser's own event loop (`ui::real`) measured, set
//! against the model's run of the same strategy. Pure: the comparison
//! maths and the markup are tested natively; the runner only measures.

use super::html::{HOLE, Hole, markup};
use super::{Html, definitions, ids};
use crate::engine::decimal::fixed;
use crate::engine::metrics::Metrics;
use crate::engine::metrics::Summary;
use crate::engine::scenario::{Instance, MachineKind, StepId};
use crate::engine::trace::{OrderRecord, Outcome};
use crate::engine::{Scenario, SimTime, Strategy};
use crate::format::duration_ms;
use crate::play::Run;

/// The time scales offered: real milliseconds per simulated millisecond.
/// Larger scales make the browser's timer noise smaller next to the steps.
pub const SCALES: [u32; 3] = [1, 2, 4];
/// The longest a real run may take, in real ms.
pub const CAP_MS: f64 = 60_000.0;
/// A gap between animation frames at least this long (real ms) is a freeze
/// people see.
pub const FREEZE_MS: f64 = 100.0;
/// Most orders the result table lists.
pub const MAX_ROWS: usize = 200;

/// When an order was taken and when it ended (simulated ms since the café
/// opened: real elapsed time ÷ scale), and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Times {
    /// The barista started taking the order.
    pub taken_ms: f64,
    /// Drink or cookie handed over, or the error dropped (lost).
    pub ended_ms: f64,
    /// How it ended.
    pub outcome: Outcome,
}

/// What the barista's hands did during a stretch of busy work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Taking the order.
    Take,
    /// Pressing a machine's button.
    Press,
    /// A CPU step of the recipe (hand-pour, assemble).
    Step(StepId),
    /// Blocking code standing at a machine until it is done.
    Stand(MachineKind),
    /// Handing over a cookie.
    Cookie,
    /// Answering the price lookup from the cache.
    CacheHit,
}

/// A stretch the main thread spent busy in the café's code, in real ms
/// since the café opened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Busy {
    /// Start.
    pub from_ms: f64,
    /// End.
    pub to_ms: f64,
    /// The order worked on.
    pub order: u32,
    /// What for.
    pub doing: Doing,
}

/// Everything a real run measured.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measured {
    /// Per order (the instance's order); `None` when it never ended.
    pub orders: Vec<Option<Times>>,
    /// How late each timer fired, beyond waiting for the main thread to be
    /// free: the browser's noise, in real µs.
    pub lateness_us: Vec<u64>,
    /// The longest gap between two animation frames (real ms since
    /// opening), if two frames were seen.
    pub longest_gap: Option<(f64, f64)>,
    /// Every busy stretch, in the order they happened.
    pub busy: Vec<Busy>,
    /// What the pools, the breaker and the cache did.
    pub tally: Tally,
}

/// What the pools, the breaker and the cache did in a run: counted by the
/// real runner as it goes, or from the model's metrics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cold units warmed up for a request.
    pub warmups: u32,
    /// Times the breaker opened.
    pub trips: u32,
    /// Payments the breaker failed at once.
    pub fast_failed: u32,
    /// Payments the breaker's timeout failed.
    pub timed_out: u32,
    /// Price lookups that consulted the cache.
    pub lookups: u32,
    /// Those the cache answered.
    pub hits: u32,
}

impl Tally {
    /// The model's tally for the same run, from its metrics.
    pub fn of_model(metrics: &Metrics) -> Tally {
        let b = metrics.breaker.unwrap_or_default();
        let c = metrics.cache.unwrap_or_default();
        Tally {
            warmups: metrics.machines.iter().map(|m| m.warmups).sum(),
            trips: b.trips,
            fast_failed: b.fast_failed,
            timed_out: b.timed_out,
            lookups: c.lookups,
            hits: c.hits,
        }
    }
}

/// The summary's rows for the mechanisms switched on in `s`: what the real
/// run did next to the model.
pub fn mechanisms(s: &Scenario, real: Tally, model: Tally) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    if s.pool.on() {
        rows.push((
            "Warm-ups, real / model",
            format!("{} / {}", real.warmups, model.warmups),
        ));
    }
    if s.breaker.on {
        let pair = |r: u32, m: u32| format!("{r} / {m}");
        rows.push((
            "Breaker opened, real / model",
            pair(real.trips, model.trips),
        ));
        rows.push((
            "Payments failed fast, real / model",
            pair(real.fast_failed, model.fast_failed),
        ));
        rows.push((
            "Payments timed out, real / model",
            pair(real.timed_out, model.timed_out),
        ));
    }
    if s.cache.on {
        let c = |t: Tally| format!("{} of {}", t.hits, t.lookups);
        rows.push((
            "Cache hits, real / model",
            format!("{} / {}", c(real), c(model)),
        ));
    }
    rows
}

/// The real run set against the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Per order: real end minus the model's (simulated ms); `None` when
    /// the order did not end for real.
    pub delta_ms: Vec<Option<f64>>,
    /// Mean of |Δ| over the orders that ended.
    pub mean_abs_ms: f64,
    /// Largest |Δ|.
    pub max_abs_ms: f64,
    /// 95th percentile (nearest rank) of the time in the café of answered
    /// orders, real.
    pub real_p95_ms: f64,
    /// The same in the model.
    pub model_p95_ms: f64,
    /// Timer lateness (real ms).
    pub lateness: Summary,
}

/// Sets the real orders against the model's records (same instance, same
/// strategy) and summarises the timer noise.
pub fn compare(model: &[OrderRecord], real: &[Option<Times>], lateness_us: &[u64]) -> Comparison {
    let delta_ms: Vec<Option<f64>> = model
        .iter()
        .zip(real)
        .map(|(m, r)| r.map(|r| r.ended_ms - m.ended.as_ms()))
        .collect();
    let abs: Vec<f64> = delta_ms.iter().flatten().map(|d| d.abs()).collect();
    let mean_abs_ms = if abs.is_empty() {
        0.0
    } else {
        abs.iter().sum::<f64>() / abs.len() as f64
    };
    let max_abs_ms = abs.iter().copied().fold(0.0, f64::max);
    let mut real_times: Vec<u64> = model
        .iter()
        .zip(real)
        .filter_map(|(m, r)| {
            r.filter(|r| r.outcome != Outcome::Lost)
                .map(|r| SimTime::from_ms(r.ended_ms).since(m.arrived).0)
        })
        .collect();
    let mut model_times: Vec<u64> = model
        .iter()
        .filter_map(|m| m.latency())
        .map(|l| l.0)
        .collect();
    Comparison {
        delta_ms,
        mean_abs_ms,
        max_abs_ms,
        real_p95_ms: Summary::of(&mut real_times).p95_ms,
        model_p95_ms: Summary::of(&mut model_times).p95_ms,
        lateness: Summary::of(&mut lateness_us.to_vec()),
    }
}

/// Why "Your code" is not run for real: the browser runs the built-in
/// strategies' handlers as Rust futures; a written handler is checked
/// against a real runtime by the conformance suite on Node.js instead.
pub const NOT_YOURS: &str = "Running for real takes the four built-in strategies: pick one of them. \
     Your code is checked against a real event loop by the project's tests, which run the very text on Node.js.";

/// Why a run whose last order ends at `last_ms` in the model is refused at
/// `scale`, if it would take longer than [`CAP_MS`] of real time.
pub fn too_long(last_ms: f64, scale: u32) -> Option<String> {
    let real = last_ms * f64::from(scale);
    (real > CAP_MS).then(|| {
        format!(
            "Not run: this café would take about {} of real time ({} × {scale}); real runs stop at {}. Pick a smaller time scale or fewer customers.",
            duration_ms(real),
            duration_ms(last_ms),
            duration_ms(CAP_MS)
        )
    })
}

/// The status line while a run goes on.
pub fn progress(strategy: Strategy, scale: u32, ended: usize, total: usize) -> String {
    format!(
        "Running {} on the real event loop at ×{scale}: {ended} of {total} orders ended…",
        strategy.label()
    )
}

/// The status line after Cancel.
pub fn cancelled(ended: usize, total: usize) -> String {
    format!("Cancelled: {ended} of {total} orders had ended. Nothing more runs.")
}

/// The status line when a run is over.
pub fn done(strategy: Strategy, real_ms: f64) -> String {
    format!(
        "Done: {} ran for real in {}.",
        strategy.label(),
        duration_ms(real_ms)
    )
}

/// The busy stretch that overlaps `(from, to)` the most, if any does.
pub fn culprit(gap: (f64, f64), busy: &[Busy]) -> Option<&Busy> {
    let overlap = |b: &Busy| b.to_ms.min(gap.1) - b.from_ms.max(gap.0);
    busy.iter()
        .filter(|b| overlap(b) > 0.0)
        .fold(None, |best: Option<&Busy>, b| match best {
            Some(x) if overlap(x) >= overlap(b) => Some(x),
            _ => Some(b),
        })
}

/// What the longest gap between animation frames says: the page froze, for
/// how long and why (the lesson), or that it never did. It names what was
/// measured: blocking code runs an order as one task, so there the freeze
/// is the whole order (the step that overlapped it most is only part of
/// it); in the other strategies, the work that overlapped it most.
pub fn freeze(
    instance: &Instance,
    strategy: Strategy,
    gap: Option<(f64, f64)>,
    busy: &[Busy],
) -> String {
    let Some((from, to)) = gap else {
        return "No animation frames were seen during the run (was the page hidden?), so its freezes were not measured.".to_string();
    };
    let ms = duration_ms(to - from);
    if to - from < FREEZE_MS {
        return format!("The page never froze: the longest gap between animation frames was {ms}.");
    }
    let Some(b) = culprit((from, to), busy) else {
        return format!(
            "The page froze for {ms}, outside the café's code (the browser's own work)."
        );
    };
    let order = b.order as usize;
    let Some(spec) = instance.orders.get(order) else {
        return format!("The page froze for {ms}.");
    };
    let (name, drink) = (instance.name(order), spec.drink.label());
    let lesson = "and while it runs nothing else can, not even this page.";
    if strategy == Strategy::Blocking {
        // Each other order once (no sort: the page keeps one sort, in
        // `engine::order`).
        let mut others: Vec<u32> = Vec::new();
        for o in busy
            .iter()
            .filter(|o| o.order != b.order && o.to_ms > from && o.from_ms < to)
        {
            if !others.contains(&o.order) {
                others.push(o.order);
            }
        }
        let more = match others.len() {
            0 => String::new(),
            1 => " and 1 more".to_string(),
            n => format!(" and {n} more"),
        };
        let part = match b.doing {
            Doing::Step(step) => format!("the {} itself", step.label()),
            Doing::Stand(machine) => format!("standing at the {}", machine.label()),
            Doing::Take => "taking the order".to_string(),
            Doing::Press => "pressing a button".to_string(),
            Doing::Cookie => "the cookie".to_string(),
            Doing::CacheHit => "the cache's answer".to_string(),
        };
        return format!(
            "The page froze for {ms} while {name}'s whole order{more} ran (blocking code runs an order as one task; {part} was {}) — that is the lesson: blocking code does every step, standing at each machine, on the main thread, {lesson}",
            duration_ms(b.to_ms - b.from_ms)
        );
    }
    let (what, why) = match b.doing {
        Doing::Step(StepId::Pour) => (
            format!("{name}'s {drink} was hand-poured"),
            "the hand-pour is CPU work".to_string(),
        ),
        Doing::Step(StepId::Assemble) => (
            format!("{name}'s {drink} was assembled"),
            "assembling is CPU work".to_string(),
        ),
        Doing::Step(step) => (
            format!("{name}'s {drink} had its {} step", step.label()),
            format!("the {} step is CPU work", step.label()),
        ),
        Doing::Stand(machine) => (
            format!(
                "the barista stood at the {} for {name}'s {drink}",
                machine.label()
            ),
            format!(
                "standing at the {} is waiting on the main thread",
                machine.label()
            ),
        ),
        Doing::Take => (
            format!("{name}'s order was taken"),
            "taking an order is CPU work".to_string(),
        ),
        Doing::Press => (
            format!("a button was pressed for {name}'s {drink}"),
            "pressing a button is CPU work".to_string(),
        ),
        Doing::Cookie => (
            format!("{name} was handed a cookie"),
            "handing over a cookie is CPU work".to_string(),
        ),
        Doing::CacheHit => (
            format!("{name}'s price was answered from the cache"),
            "answering from the cache is CPU work".to_string(),
        ),
    };
    format!(
        "The page froze for {ms} while {what} on the main thread — that is the lesson: {why}, {lesson}"
    )
}

/// The panel's fixed part: what it does, the scale, Run and Cancel, and
/// the places the runner fills (`real-status`, `real-result`).
pub fn section() -> String {
    let mut h = Html::with_capacity(1400);
    section_in(&mut h);
    h.into_string()
}

/// [`section`], appended to `h`.
pub fn section_in(h: &mut Html) {
    let mut options = Html::new();
    for s in SCALES {
        options.fill(
            markup! { option("value" = HOLE) { "1 simulated ms = \0 real ms" } },
            &[Hole::Int(s.into()), Hole::Int(s.into())],
        );
    }
    h.fill(
        markup! {
            section("class" = "real", "id" = ids::REAL, "aria-labelledby" = "real-title") {
                h3("id" = "real-title") { "Run it for real" }
                p("class" = "hint") {
                    "The same customers — the same arrival times, step durations and failures — served by real Rust futures "
                    "on this browser's own event loop, with the strategy picked above: machines are timers, the barista's CPU work is real busy work "
                    "on the main thread, joins are real combinators; pools, the circuit breaker and the cache follow the same rules as the model, on real time. "
                    "The real event loop decides what runs when. While the barista works, "
                    "this page freezes: that is the point. Keep the tab in front (hidden tabs slow their timers down)."
                }
                p("class" = "real-controls") {
                    label("for" = ids::REAL_SCALE) { "Time scale" }
                    " "
                    select("id" = ids::REAL_SCALE) { (HOLE) }
                    " "
                    button("type" = "button", "data-act" = "real-run", "id" = ids::REAL_RUN) {
                        "▶ Run on the real event loop"
                    }
                    " "
                    button("type" = "button", "data-act" = "real-cancel", "id" = ids::REAL_CANCEL, "disabled") {
                        "Cancel"
                    }
                }
                p("id" = ids::REAL_STATUS, "role" = "status") {}
                div("id" = ids::REAL_RESULT) {}
            }
        },
        &[Hole::Markup(&options)],
    );
}

/// A signed difference in ms ("+3 ms", "−12 ms", "0 ms").
pub fn signed_ms(d: f64) -> String {
    let text = fixed(d, 0);
    match text.strip_prefix('-') {
        Some(abs) => format!("−{abs} ms"),
        None if text == "0" => "0 ms".to_string(),
        None => format!("+{text} ms"),
    }
}

fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Served => "served",
        Outcome::Cookie => "cookie",
        Outcome::Lost => "lost",
    }
}

/// The result: the freeze, the summary and one row per order, real next to
/// the model. `run` is the model's run of the same strategy.
pub fn result(instance: &Instance, scale: u32, run: &Run, measured: &Measured) -> String {
    let (strategy, model) = (run.strategy, &run.trace.orders);
    let c = compare(model, &measured.orders, &measured.lateness_us);
    let gap = measured
        .longest_gap
        .map_or("—".to_string(), |(a, b)| duration_ms(b - a));
    let l = &c.lateness;
    let mut items = vec![
        ("Mean |Δ| at the end", duration_ms(c.mean_abs_ms)),
        ("Max |Δ|", duration_ms(c.max_abs_ms)),
        (
            "p95 time in café, real / model",
            format!(
                "{} / {}",
                duration_ms(c.real_p95_ms),
                duration_ms(c.model_p95_ms)
            ),
        ),
        (
            "Timer lateness mean / p95 / max (real)",
            format!(
                "{} / {} / {} ms",
                fixed(l.mean_ms, 1),
                fixed(l.p95_ms, 1),
                fixed(l.max_ms, 1)
            ),
        ),
        ("Longest gap between frames (real)", gap),
    ];
    let model_tally = Tally::of_model(&run.metrics);
    items.extend(mechanisms(&instance.scenario, measured.tally, model_tally));
    let mut numbers = Html::new();
    definitions(&mut numbers, &items);
    let mut rows = Html::with_capacity(model.len().min(MAX_ROWS) * 400);
    for (i, m) in model.iter().enumerate().take(MAX_ROWS) {
        let real = measured.orders.get(i).copied().flatten();
        let pair = |real: Option<f64>, model: f64| {
            format!(
                "{} / {}",
                real.map_or("—".to_string(), duration_ms),
                duration_ms(model)
            )
        };
        let delta = c.delta_ms.get(i).copied().flatten();
        let outcome = match real {
            Some(r) if r.outcome == m.outcome => outcome_words(r.outcome).to_string(),
            Some(r) => format!(
                "{} (model: {})",
                outcome_words(r.outcome),
                outcome_words(m.outcome)
            ),
            None => "did not end".to_string(),
        };
        let mut cells = Html::new();
        cells.fill(
            markup! {
                th("scope" = "row") { (HOLE) }
                td { (HOLE) }
                td("data-col" = "taken") { (HOLE) }
                td("data-col" = "ended") { (HOLE) }
                td("data-col" = "delta") { (HOLE) }
                td("data-col" = "outcome") { (HOLE) }
            },
            &[
                Hole::Text(&instance.name(i)),
                Hole::Text(&duration_ms(m.arrived.as_ms())),
                Hole::Text(&pair(real.map(|r| r.taken_ms), m.taken.as_ms())),
                Hole::Text(&pair(real.map(|r| r.ended_ms), m.ended.as_ms())),
                Hole::Text(&delta.map_or("—".to_string(), signed_ms)),
                Hole::Text(&outcome),
            ],
        );
        match real {
            Some(r) => rows.fill(
                markup! { tr("data-real-ms" = HOLE, "data-model-ms" = HOLE) { (HOLE) } },
                &[
                    Hole::Text(&fixed(r.ended_ms, 3)),
                    Hole::Text(&fixed(m.ended.as_ms(), 3)),
                    Hole::Markup(&cells),
                ],
            ),
            None => rows.fill(markup! { tr { (HOLE) } }, &[Hole::Markup(&cells)]),
        };
    }
    let note = if model.len() > MAX_ROWS {
        format!(
            " The first {MAX_ROWS} of {} orders; the summary counts them all.",
            model.len()
        )
    } else {
        String::new()
    };
    let mut h = Html::with_capacity(rows.as_str().len() + 2000);
    h.fill(
        markup! {
            p("class" = "real-freeze", "data-testid" = "real-freeze") { (HOLE) }
            dl("class" = "headline", "data-testid" = "real-summary") { (HOLE) }
            div("class" = "table-scroll", "tabindex" = "0", "role" = "region", "aria-labelledby" = "real-caption") {
                table("data-testid" = "real-table") {
                    caption("id" = "real-caption") { "\0, real (×\0) and model, every order" }
                    thead {
                        tr {
                            th("scope" = "col") { "Customer" }
                            th("scope" = "col") { "Arrived" }
                            th("scope" = "col") { "Taken: real / model" }
                            th("scope" = "col") { "Ended: real / model" }
                            th("scope" = "col") { "Δ" }
                            th("scope" = "col") { "Outcome" }
                        }
                    }
                    tbody { (HOLE) }
                }
            }
            p("class" = "hint") {
                "Times are simulated ms (real time ÷ \0), from the café's opening; Δ is the real end minus the model's. "
                "Timer lateness is how much later than asked a timer fired once the main thread was free: the browser's noise, not the café's. "
                "Where orders queue for a machine, each late timer also delays every job behind it, so the drift grows along the line: "
                "about the mean lateness for each job ahead.\0"
            }
        },
        &[
            Hole::Text(&freeze(instance, strategy, measured.longest_gap, &measured.busy)),
            Hole::Markup(&numbers),
            Hole::Text(strategy.label()),
            Hole::Int(scale.into()),
            Hole::Markup(&rows),
            Hole::Int(scale.into()),
            Hole::Text(&note),
        ],
    );
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(arrived: f64, taken: f64, ended: f64, outcome: Outcome) -> OrderRecord {
        OrderRecord {
            arrived: SimTime::from_ms(arrived),
            taken: SimTime::from_ms(taken),
            ended: SimTime::from_ms(ended),
            outcome,
        }
    }

    fn times(taken_ms: f64, ended_ms: f64, outcome: Outcome) -> Option<Times> {
        Some(Times {
            taken_ms,
            ended_ms,
            outcome,
        })
    }

    #[test]
    fn differences_are_real_minus_model_and_summarised_over_ended_orders() {
        let model = [
            record(0.0, 0.0, 1000.0, Outcome::Served),
            record(300.0, 300.0, 2000.0, Outcome::Served),
            record(600.0, 640.0, 3000.0, Outcome::Lost),
            record(900.0, 900.0, 4000.0, Outcome::Served),
        ];
        let real = [
            times(0.5, 1004.0, Outcome::Served),
            times(301.0, 1990.0, Outcome::Served),
            times(641.0, 3002.0, Outcome::Lost),
            None,
        ];
        let c = compare(&model, &real, &[1000, 3000, 2000]);
        assert_eq!(c.delta_ms, [Some(4.0), Some(-10.0), Some(2.0), None]);
        assert!((c.mean_abs_ms - 16.0 / 3.0).abs() < 1e-9);
        assert_eq!(c.max_abs_ms, 10.0);
        // Answered orders only: real 1004 and 1690; model 1000, 1700, 3100.
        assert_eq!(c.real_p95_ms, 1690.0);
        assert_eq!(c.model_p95_ms, 3100.0);
        assert_eq!(c.lateness.p50_ms, 2.0);
        assert_eq!(c.lateness.max_ms, 3.0);
        let none = compare(&model, &[None, None, None, None], &[]);
        assert_eq!((none.mean_abs_ms, none.max_abs_ms), (0.0, 0.0));
    }

    #[test]
    fn runs_longer_than_a_minute_of_real_time_are_refused_with_the_reason() {
        assert_eq!(too_long(10_000.0, 4), None);
        assert_eq!(too_long(60_000.0, 1), None);
        let why = too_long(20_000.0, 4).unwrap();
        assert!(
            why.contains("80.0 s") && why.contains("20.0 s × 4"),
            "{why}"
        );
        assert!(why.contains("60.0 s"), "{why}");
    }

    #[test]
    fn mechanisms_switched_on_get_a_row_real_next_to_model() {
        let mut s = Scenario::default();
        let real = Tally {
            warmups: 9,
            trips: 1,
            fast_failed: 18,
            timed_out: 11,
            lookups: 20,
            hits: 16,
        };
        let model = Tally {
            warmups: 10,
            timed_out: 12,
            hits: 17,
            ..real
        };
        assert!(mechanisms(&s, real, model).is_empty(), "all off: no rows");
        s.breaker.on = true;
        assert_eq!(
            mechanisms(&s, real, model),
            [
                ("Breaker opened, real / model", "1 / 1".to_string()),
                ("Payments failed fast, real / model", "18 / 18".to_string()),
                ("Payments timed out, real / model", "11 / 12".to_string()),
            ]
        );
        s.cache.on = true;
        s.pool.warmup_ms = 400.0;
        let rows = mechanisms(&s, real, model);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0], ("Warm-ups, real / model", "9 / 10".to_string()));
        assert_eq!(
            rows[4],
            (
                "Cache hits, real / model",
                "16 of 20 / 17 of 20".to_string()
            )
        );
    }

    #[test]
    fn the_models_tally_comes_from_its_metrics() {
        let run = |id: &str, strategy| {
            let preset = crate::engine::presets::preset(id).unwrap();
            let inst = Instance::new(&preset.scenario().unwrap());
            let run = Run::new(&inst, strategy);
            (Tally::of_model(&run.metrics), inst, run)
        };
        let (t, ..) = run("breaker", Strategy::Await);
        assert_eq!((t.trips, t.fast_failed, t.timed_out), (1, 18, 12));
        let (t, ..) = run("cached-menu", Strategy::Await);
        assert_eq!((t.lookups, t.hits, t.warmups), (20, 17, 0));
        let (t, inst, run) = run("cold-pool", Strategy::Join);
        assert_eq!(t.warmups, 30);
        let html = result(&inst, 1, &run, &Measured::default());
        assert!(
            html.contains("<dt>Warm-ups, real / model</dt><dd>0 / 30</dd>"),
            "{html}"
        );
    }

    #[test]
    fn signed_differences() {
        assert_eq!(signed_ms(3.4), "+3 ms");
        assert_eq!(signed_ms(-12.6), "−13 ms");
        assert_eq!(signed_ms(-0.3), "0 ms");
        assert_eq!(signed_ms(0.0), "0 ms");
    }

    fn busy(from_ms: f64, to_ms: f64, order: u32, doing: Doing) -> Busy {
        Busy {
            from_ms,
            to_ms,
            order,
            doing,
        }
    }

    #[test]
    fn the_freeze_is_blamed_on_the_work_that_overlaps_it_most() {
        let inst = Instance::new(&Scenario::default());
        let work = [
            busy(600.0, 640.0, 2, Doing::Take),
            busy(2400.0, 3900.0, 2, Doing::Step(StepId::Pour)),
            busy(3900.0, 3980.0, 2, Doing::Step(StepId::Assemble)),
            busy(4000.0, 4040.0, 3, Doing::Take),
        ];
        assert_eq!(culprit((2390.0, 3990.0), &work), Some(&work[1]));
        assert_eq!(culprit((10.0, 20.0), &work), None);
        let words = freeze(&inst, Strategy::Await, Some((2390.0, 3992.0)), &work);
        assert_eq!(
            words,
            "The page froze for 1602 ms while Karen's pour-over was hand-poured on the main thread — that is the lesson: the hand-pour is CPU work, and while it runs nothing else can, not even this page."
        );
        let stood = [busy(0.0, 400.0, 0, Doing::Stand(MachineKind::Steamer))];
        assert!(
            freeze(&inst, Strategy::Callbacks, Some((0.0, 410.0)), &stood).contains(
                "while the barista stood at the steamer for Ada's latte on the main thread"
            )
        );
        for s in Strategy::ALL {
            assert_eq!(
                freeze(&inst, s, Some((100.0, 117.0)), &work),
                "The page never froze: the longest gap between animation frames was 17 ms."
            );
            assert!(
                freeze(&inst, s, Some((100.0, 300.0)), &work).contains("outside the café's code")
            );
            assert!(freeze(&inst, s, None, &work).contains("No animation frames"));
        }
    }

    #[test]
    fn a_blocking_freeze_is_the_whole_order_not_the_pour() {
        let inst = Instance::new(&Scenario::default());
        // Blocking: Karen's order is one task, from taking it to the
        // hand-over; the longest gap between frames spans all of it.
        let order = [
            busy(600.0, 640.0, 2, Doing::Take),
            busy(640.0, 645.0, 2, Doing::Press),
            busy(645.0, 1245.0, 2, Doing::Stand(MachineKind::Reader)),
            busy(1245.0, 1250.0, 2, Doing::Press),
            busy(1250.0, 1650.0, 2, Doing::Stand(MachineKind::Grinder)),
            busy(1650.0, 1655.0, 2, Doing::Press),
            busy(1655.0, 2455.0, 2, Doing::Stand(MachineKind::Kettle)),
            busy(2455.0, 3955.0, 2, Doing::Step(StepId::Pour)),
            busy(3955.0, 3994.0, 2, Doing::Step(StepId::Assemble)),
        ];
        let words = freeze(&inst, Strategy::Blocking, Some((600.0, 3994.0)), &order);
        assert_eq!(
            words,
            "The page froze for 3394 ms while Karen's whole order ran (blocking code runs an order as one task; the hand-pour itself was 1500 ms) — that is the lesson: blocking code does every step, standing at each machine, on the main thread, and while it runs nothing else can, not even this page."
        );
        assert!(!words.contains("pour-over ran"), "not the pour alone");
        // A gap that also covers the next order says so.
        let mut two = order.to_vec();
        two.push(busy(3994.0, 4034.0, 3, Doing::Take));
        assert!(
            freeze(&inst, Strategy::Blocking, Some((600.0, 4040.0)), &two)
                .contains("while Karen's whole order and 1 more ran ("),
        );
        // A latte's longest part is standing at a machine.
        let latte = [
            busy(0.0, 40.0, 0, Doing::Take),
            busy(40.0, 440.0, 0, Doing::Stand(MachineKind::Steamer)),
        ];
        assert!(
            freeze(&inst, Strategy::Blocking, Some((0.0, 450.0)), &latte)
                .contains("Ada's whole order ran (blocking code runs an order as one task; standing at the steamer was 400 ms)")
        );
    }

    #[test]
    fn the_panel_has_its_controls_once_and_a_scale_per_option() {
        let html = section();
        for id in [
            "real",
            "real-scale",
            "real-run",
            "real-cancel",
            "real-status",
            "real-result",
        ] {
            assert_eq!(html.matches(&format!(" id=\"{id}\"")).count(), 1, "{id}");
        }
        assert!(
            html.contains("data-act=\"real-run\"") && html.contains("data-act=\"real-cancel\"")
        );
        assert!(html.contains("id=\"real-cancel\" disabled"));
        assert_eq!(html.matches("<option ").count(), SCALES.len());
        assert!(html.contains("<option value=\"4\">1 simulated ms = 4 real ms</option>"));
    }

    #[test]
    fn the_result_lists_every_order_real_next_to_model() {
        let inst = Instance::new(&Scenario {
            customers: 3,
            karen_at: 0,
            ..Scenario::default()
        });
        let run = Run::new(&inst, Strategy::Await);
        let model = &run.trace.orders;
        let measured = Measured {
            orders: model
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    (i < 2).then(|| Times {
                        taken_ms: m.taken.as_ms() + 0.4,
                        ended_ms: m.ended.as_ms() + 3.0,
                        outcome: if i == 1 { Outcome::Cookie } else { m.outcome },
                    })
                })
                .collect(),
            lateness_us: vec![800, 1200, 4000],
            longest_gap: Some((100.0, 117.0)),
            ..Measured::default()
        };
        let html = result(&inst, 2, &run, &measured);
        assert_eq!(html.matches("<tr data-real-ms=").count(), 2);
        assert_eq!(html.matches("<th scope=\"row\">").count(), 3);
        let ended = model[0].ended.as_ms();
        assert!(html.contains(&format!(
            "<tr data-real-ms=\"{}\" data-model-ms=\"{}\"><th scope=\"row\">Ada</th>",
            fixed(ended + 3.0, 3),
            fixed(ended, 3)
        )));
        assert!(html.contains(&format!(
            "<td data-col=\"ended\">{} / {}</td><td data-col=\"delta\">+3 ms</td>",
            duration_ms(ended + 3.0),
            duration_ms(ended)
        )));
        assert!(html.contains("<td data-col=\"outcome\">cookie (model: served)</td>"));
        assert!(html.contains("<td data-col=\"outcome\">did not end</td>"));
        assert!(html.contains(
            "<dt>Timer lateness mean / p95 / max (real)</dt><dd>2.0 / 4.0 / 4.0 ms</dd>"
        ));
        assert!(html.contains("<dt>Max |Δ|</dt><dd>3 ms</dd>"));
        assert!(html.contains("Sequential await, real (×2) and model"));
        assert!(html.contains("real time ÷ 2"));
        assert!(html.contains("The page never froze"));
    }

    #[test]
    fn names_are_escaped() {
        let inst = Instance::new(&Scenario {
            listed: vec![crate::engine::scenario::Customer {
                name: "<b>".into(),
                arrival_ms: 0.0,
                drink: crate::engine::Drink::Latte,
            }],
            ..Scenario::default()
        });
        let run = Run::new(&inst, Strategy::Callbacks);
        let html = result(&inst, 1, &run, &Measured::default());
        assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"));
    }
}
