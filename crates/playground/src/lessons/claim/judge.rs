//! Judging a claim against runs: whether it holds, and the numbers it
//! compared (for people: the page after answering, a failing test).

use super::{Atom, Claim, Evidence, METRICS, Rhs, Unit};
use crate::engine::decimal;
use crate::engine::trace::{Outcome, What};
use crate::engine::{SimTime, Strategy};
use crate::play::{Run, Runs};

impl Claim {
    /// Whether the claim holds; an error when it names a customer nobody
    /// is called, or needs runs it was not given.
    pub fn holds(&self, e: &Evidence<'_>) -> Result<bool, String> {
        for (negated, atom) in &self.atoms {
            if atom_holds(atom, e)? == *negated {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// What the claim looked at, one `what = value` line each, without
    /// repeats: `p95:join = 194.1 ms`, `p95:callbacks before = 7976.0 ms`,
    /// `Dev: served at 2060.0 ms`, `steamer: 77.0% busy`.
    pub fn measures(&self, e: &Evidence<'_>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, atom) in &self.atoms {
            for line in atom_measures(atom, e) {
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
        out
    }
}

fn ms(t: SimTime) -> String {
    format!("{} ms", decimal::fixed(t.as_ms(), 1))
}

/// How order `who` ended, for people.
fn ending(e: &Evidence<'_>, who: &str) -> String {
    let Ok(order) = order_named(e.runs, who) else {
        return format!("{who}: no such customer");
    };
    let r = &e.runs.run(e.strategy).trace.orders[order];
    match r.outcome {
        Outcome::Served => format!("{who}: served at {}", ms(r.ended)),
        Outcome::Cookie => format!("{who}: a cookie at {}", ms(r.ended)),
        Outcome::Lost => format!("{who}: lost"),
    }
}

fn atom_measures(atom: &Atom, e: &Evidence<'_>) -> Vec<String> {
    let run = e.runs.run(e.strategy);
    match atom {
        Atom::FirstServed(who) => {
            let first = run.by_end.iter().find(|(_, _, o)| *o == Outcome::Served);
            let mut out = vec![ending(e, who)];
            if let Some(&(t, order, _)) = first {
                out.push(format!(
                    "first drink: {} at {}",
                    e.runs.instance.name(order as usize),
                    ms(t)
                ));
            }
            out
        }
        Atom::ServedBefore(a, b) => vec![ending(e, a), ending(e, b)],
        Atom::Busiest(_) => run
            .metrics
            .machines
            .iter()
            .filter(|m| m.jobs > 0)
            .map(|m| {
                format!(
                    "{}: {}% busy",
                    m.machine,
                    decimal::fixed(100.0 * m.utilisation, 1)
                )
            })
            .collect(),
        Atom::FailsFast => {
            let n = failed_fast(run);
            vec![format!(
                "orders that ended while their machines worked: {n}"
            )]
        }
        Atom::Compare {
            metric, of, rhs, ..
        } => {
            let (key, unit) = METRICS
                .iter()
                .find(|(_, m, _)| m == metric)
                .map_or(("?", Unit::Count), |&(k, _, u)| (k, u));
            let (suffix, decimals) = match unit {
                Unit::Ms => (" ms", 1),
                Unit::Percent => ("%", 1),
                Unit::PerMin => (" per minute", 1),
                Unit::Count => ("", 0),
            };
            let line = |s: Strategy, runs: &Runs, what: &str| {
                let v = decimal::fixed(metric.of(runs.run(s)), decimals);
                format!("{key}:{}{what} = {v}{suffix}", s.key())
            };
            let mut out = vec![line(of.unwrap_or(e.strategy), e.runs, "")];
            match *rhs {
                Rhs::Value(_) => {}
                Rhs::Strategy(s, _) => out.push(line(s, e.runs, "")),
                Rhs::Before(s, _) => {
                    if let Some(before) = e.before {
                        out.push(line(s.unwrap_or(e.strategy), before, " before"));
                    }
                }
            }
            out
        }
    }
}

/// The order called `who` in the runs' customers.
fn order_named(runs: &Runs, who: &str) -> Result<usize, String> {
    (0..runs.instance.orders.len())
        .find(|&i| runs.instance.name(i) == who)
        .ok_or_else(|| format!("no customer is called \"{who}\""))
}

fn atom_holds(atom: &Atom, e: &Evidence<'_>) -> Result<bool, String> {
    let run = e.runs.run(e.strategy);
    Ok(match atom {
        Atom::FirstServed(who) => {
            let target = order_named(e.runs, who)?;
            run.by_end
                .iter()
                .find(|(_, _, outcome)| *outcome == Outcome::Served)
                .is_some_and(|&(_, order, _)| order as usize == target)
        }
        Atom::ServedBefore(a, b) => {
            let (a, b) = (order_named(e.runs, a)?, order_named(e.runs, b)?);
            let (ra, rb) = (&run.trace.orders[a], &run.trace.orders[b]);
            ra.outcome == Outcome::Served && (rb.outcome != Outcome::Served || ra.ended < rb.ended)
        }
        Atom::Busiest(kind) => {
            let mut best: Option<(&str, f64)> = None;
            for m in &run.metrics.machines {
                if best.is_none_or(|(_, u)| m.utilisation > u) {
                    best = Some((m.machine, m.utilisation));
                }
            }
            best.is_some_and(|(key, u)| key == kind.key() && u > 0.0)
        }
        Atom::FailsFast => failed_fast(run) > 0,
        Atom::Compare {
            metric,
            of,
            op,
            rhs,
        } => {
            let left = metric.of(e.runs.run(of.unwrap_or(e.strategy)));
            let right = match *rhs {
                Rhs::Value(v) => v,
                Rhs::Strategy(s, k) => metric.of(e.runs.run(s)) * k,
                Rhs::Before(s, k) => {
                    let before = e.before.ok_or("`before` needs the bare preset's runs")?;
                    metric.of(before.run(s.unwrap_or(e.strategy))) * k
                }
            };
            op.holds(left, right)
        }
    })
}

/// How many orders ended without a drink while one of their machines was
/// still working.
fn failed_fast(run: &Run) -> usize {
    let mut last_machine = vec![SimTime::ZERO; run.trace.orders.len()];
    for event in &run.trace.events {
        if let What::Start { order, until, .. } = event.what
            && let Some(last) = last_machine.get_mut(order as usize)
        {
            *last = (*last).max(until);
        }
    }
    run.trace
        .orders
        .iter()
        .zip(&last_machine)
        .filter(|(r, last)| r.outcome != Outcome::Served && r.ended < **last)
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::{Claim, Evidence};
    use crate::engine::params::parse_strict;
    use crate::engine::{Scenario, Strategy};
    use crate::play::Runs;

    fn holds(claim: &str, pairs: &[(&str, &str)], strategy: Strategy) -> bool {
        let s = parse_strict(Scenario::default(), pairs.iter().copied()).unwrap();
        let runs = Runs::new(&s);
        let before = Runs::new(&Scenario::default());
        Claim::parse(claim)
            .unwrap()
            .holds(&Evidence {
                runs: &runs,
                strategy,
                before: Some(&before),
            })
            .unwrap()
    }

    #[test]
    fn the_morning_line_answers_claims_of_every_kind() {
        let cb = Strategy::Callbacks;
        assert!(holds("first-served:Ada", &[], cb));
        assert!(!holds("first-served:Karen", &[], cb));
        assert!(holds("served-before:Dev,Karen", &[], cb));
        assert!(!holds("served-before:Dev,Karen", &[], Strategy::Blocking));
        assert!(holds(
            "max-line:blocking>callbacks & p95:blocking>join",
            &[],
            cb
        ));
        assert!(holds("p95:await=callbacks & !p95:join>=callbacks", &[], cb));
        assert!(holds(
            "lag-max>1s & lag-max<1.6s & lag-max>=1565ms",
            &[],
            cb
        ));
        assert!(holds("max=3445 & served=8 & lost=0 & cookies<1", &[], cb));
        assert!(holds("blocked:blocking>50% & blocked=0%", &[], cb));
        assert!(holds("busiest:steamer & !busiest:helper", &[], cb));
        assert!(holds("p95<before:blocking*0.5 & p95=before", &[], cb));
        assert!(!holds("p95<before", &[], cb));
        assert!(holds(
            "p95<before & p95:blocking<before:blocking",
            &[("pour_ms", "100")],
            cb
        ));
    }

    #[test]
    fn failures_show_in_lost_cookies_and_failing_fast() {
        let flaky = [("pay_fail", "0.5"), ("check_err", "false"), ("karen", "0")];
        assert!(holds("lost>0 & cookies=0", &flaky, Strategy::Callbacks));
        assert!(holds("cookies>0 & lost=0", &flaky, Strategy::Await));
        assert!(holds("fails-fast & wasted>await", &flaky, Strategy::Join));
        assert!(!holds("fails-fast", &flaky, Strategy::Await));
    }

    #[test]
    fn measures_show_what_was_compared_and_unknown_names_are_errors() {
        let runs = Runs::new(&Scenario::default());
        let e = Evidence {
            runs: &runs,
            strategy: Strategy::Join,
            before: None,
        };
        let claim = Claim::parse("p95:blocking>join*2 & lost=0 & lost<1 & fails-fast").unwrap();
        assert_eq!(
            claim.measures(&e),
            [
                "p95:blocking = 8880.0 ms",
                "p95:join = 2905.0 ms",
                "lost:join = 0",
                "orders that ended while their machines worked: 0"
            ]
        );
        let claim = Claim::parse("served-before:Dev,Karen & busiest:steamer").unwrap();
        assert_eq!(
            claim.measures(&e)[..3],
            [
                "Dev: served at 1470.0 ms",
                "Karen: served at 3505.0 ms",
                "reader: 54.1% busy"
            ]
        );
        let unknown = Claim::parse("first-served:Zed").unwrap();
        assert!(unknown.holds(&e).unwrap_err().contains("Zed"));
        assert_eq!(unknown.measures(&e)[0], "Zed: no such customer");
        assert!(Claim::parse("p95<before").unwrap().holds(&e).is_err());
    }
}
