//! Which of the café's calls a call is: a step (and what it goes through,
//! and whether a callback follows), `takeOrder`, `serve`, the cookie,
//! `Promise.all`, `.then`, an `async` function run at once — its arguments
//! checked against how the café writes it. Unknown functions are refused
//! with the list of the café's.

use super::super::ParseError;
use super::super::tree::{Call, Expr, ExprKind, Function, Known, Span};
use super::Lowerer;
use crate::flow::Via;
use crate::scenario::StepId;

/// A call the café knows, its arguments checked.
pub(super) enum Target<'t> {
    /// A step, directly or through the breaker, the cache or a helper.
    Step(StepCall<'t>),
    /// `takeOrder(order)`.
    TakeOrder,
    /// `serve(order)`.
    Serve,
    /// `offerFreeCookie(order)`.
    Cookie,
    /// `cache.get(order.drink)`.
    CacheGet,
    /// `Promise.all([...])`, its items.
    All(&'t [Expr]),
    /// `promise.then(callback)`.
    Then {
        /// Before `.then`.
        promise: &'t Expr,
        /// The function `.then` runs.
        callback: &'t Function,
    },
    /// `(async () => { … })()`: a function run at once.
    Iife(&'t Function),
}

/// How a step's call behaves where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum How {
    /// A machine step (`grind(order)`, `breaker.fire(order)`): blocks in a
    /// plain function, returns a promise in an `async` one.
    Io,
    /// The barista's own work (`handPour(order)`): synchronous everywhere.
    Cpu,
    /// `helpers.run(handPour, order)`: returns a promise.
    Promise,
    /// `helpers.runAndWait(handPour, order)`: blocks until the helper is done.
    Wait,
    /// `cache.fetch(lookupPrice, order, callback)`: a callback only.
    Fetch,
}

/// A call of a step.
pub(super) struct StepCall<'t> {
    /// The step.
    pub(super) step: StepId,
    /// What it goes through.
    pub(super) via: Via,
    /// How it behaves.
    pub(super) how: How,
    /// Its error-first callback, if one is passed.
    pub(super) callback: Option<&'t Function>,
    /// How it is written, without a callback: `grind(order)`.
    pub(super) text: String,
}

impl Lowerer<'_> {
    /// Which of the café's calls `call` (at `span`) is.
    pub(super) fn target<'t>(&self, call: &'t Call, span: Span) -> Result<Target<'t>, ParseError> {
        let o = self.order;
        let name = callee_text(&call.callee).unwrap_or_default();
        let (args, callback) = split_callback(&call.args);
        let wrong = |usage: String| {
            ParseError::at(
                span,
                format!("wrong arguments for `{name}`: write `{usage}`"),
            )
        };
        let plain = |step: StepId, via: Via, how: How, text: String| {
            Ok(Target::Step(StepCall {
                step,
                via,
                how,
                callback,
                text,
            }))
        };
        let Some(known) = call.known else {
            return match &call.callee.kind {
                ExprKind::Function(f) if call.args.is_empty() => Ok(Target::Iife(f)),
                ExprKind::Function(_) => Err(ParseError::at(
                    span,
                    "a function run at once takes no arguments: `(async () => { … })()`".into(),
                )),
                _ => Err(unknown(&call.callee, span)),
            };
        };
        match known {
            Known::Step(step) => {
                if !(args.len() == 1 && self.is_order(args.first())) {
                    return Err(wrong(format!("{name}({o})")));
                }
                if step.machine().is_none() {
                    if callback.is_some() {
                        return Err(ParseError::at(
                            span,
                            format!(
                                "`{name}` is the barista's own work: it takes no callback. Write `{name}({o});`"
                            ),
                        ));
                    }
                    return plain(step, Via::Direct, How::Cpu, format!("{name}({o})"));
                }
                plain(step, Via::Direct, How::Io, format!("{name}({o})"))
            }
            Known::BreakerFire => {
                if !(args.len() == 1 && self.is_order(args.first())) {
                    return Err(wrong(format!("breaker.fire({o})")));
                }
                plain(
                    StepId::Pay,
                    Via::Breaker,
                    How::Io,
                    format!("breaker.fire({o})"),
                )
            }
            Known::HelpersRun | Known::HelpersRunAndWait => {
                let (how, usage) = if known == Known::HelpersRun {
                    (How::Promise, format!("helpers.run(handPour, {o})"))
                } else {
                    (How::Wait, format!("helpers.runAndWait(handPour, {o})"))
                };
                let [work, order] = args else {
                    return Err(wrong(usage));
                };
                if !self.is_order(Some(order)) {
                    return Err(wrong(usage));
                }
                let Some((step, written)) = step_name(work) else {
                    return Err(wrong(usage));
                };
                if step.machine().is_some() {
                    return Err(ParseError::at(
                        work.span,
                        format!(
                            "`{written}` runs on its machine, not on a helper: only the barista's own work (`handPour`, `assemble`) goes to `{name}`"
                        ),
                    ));
                }
                if how == How::Wait && callback.is_some() {
                    return Err(ParseError::at(
                        span,
                        format!(
                            "`helpers.runAndWait` blocks until the helper is done and takes no callback: write `helpers.run({written}, {o}, (err) => {{ … }})`"
                        ),
                    ));
                }
                plain(step, Via::Helper, how, format!("{name}({written}, {o})"))
            }
            Known::CacheFetch => {
                let usage = format!("cache.fetch(lookupPrice, {o}, (err) => {{ … }})");
                let [lookup, order] = args else {
                    return Err(wrong(usage));
                };
                let is_lookup = step_name(lookup).is_some_and(|(s, _)| s == StepId::Lookup);
                if !is_lookup || !self.is_order(Some(order)) || callback.is_none() {
                    return Err(wrong(usage));
                }
                let written = callee_text(lookup).unwrap_or_default();
                plain(
                    StepId::Lookup,
                    Via::Cache,
                    How::Fetch,
                    format!("cache.fetch({written}, {o}, …)"),
                )
            }
            Known::CacheGet => match call.args.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Member { object, property },
                        ..
                    },
                ] if property.name == "drink" && self.is_order(Some(object)) => {
                    Ok(Target::CacheGet)
                }
                _ => Err(wrong(format!("cache.get({o}.drink)"))),
            },
            Known::TakeOrder | Known::Serve | Known::OfferFreeCookie => {
                if !(call.args.len() == 1 && self.is_order(call.args.first())) {
                    return Err(wrong(format!("{name}({o})")));
                }
                Ok(match known {
                    Known::TakeOrder => Target::TakeOrder,
                    Known::Serve => Target::Serve,
                    _ => Target::Cookie,
                })
            }
            Known::PromiseAll => match call.args.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Array(items),
                        ..
                    },
                ] => Ok(Target::All(items)),
                _ => Err(wrong(format!("Promise.all([grind({o}), steam({o})])"))),
            },
            Known::Then => match (&call.callee.kind, call.args.as_slice()) {
                (
                    ExprKind::Member { object, .. },
                    [
                        Expr {
                            kind: ExprKind::Function(f),
                            ..
                        },
                    ],
                ) => Ok(Target::Then {
                    promise: object,
                    callback: f,
                }),
                _ => Err(ParseError::at(
                    span,
                    format!("`.then` takes one function: write `.then(() => steam({o}))`"),
                )),
            },
            Known::Catch => Err(ParseError::at(
                span,
                format!(
                    "`.catch` is not supported: put the calls inside `try {{ … }} catch (err) {{ offerFreeCookie({o}); }}`"
                ),
            )),
        }
    }

    /// Whether `arg` is the order, the handler's parameter.
    fn is_order(&self, arg: Option<&Expr>) -> bool {
        matches!(arg, Some(Expr { kind: ExprKind::Name(name), .. }) if name == self.order)
    }
}

/// The arguments, and the callback when the last is a function.
fn split_callback(args: &[Expr]) -> (&[Expr], Option<&Function>) {
    match args.split_last() {
        Some((
            Expr {
                kind: ExprKind::Function(f),
                ..
            },
            rest,
        )) => (rest, Some(f)),
        _ => (args, None),
    }
}

/// The step a name argument stands for (`handPour`), and the name.
fn step_name(arg: &Expr) -> Option<(crate::scenario::StepId, &str)> {
    match &arg.kind {
        ExprKind::Name(name) => super::super::step_named(name).map(|s| (s, name.as_str())),
        _ => None,
    }
}

/// How a callee is written, when it is a name or a path: `grind`,
/// `breaker.fire`, `console.log`.
pub(super) fn callee_text(callee: &Expr) -> Option<String> {
    match &callee.kind {
        ExprKind::Name(name) => Some(name.clone()),
        ExprKind::Member { object, property } => {
            callee_text(object).map(|o| format!("{o}.{}", property.name))
        }
        _ => None,
    }
}

/// A call of a function the café does not have.
fn unknown(callee: &Expr, span: Span) -> ParseError {
    let mut names: Vec<&str> = StepId::ALL.iter().map(|s| s.function()).collect();
    names.extend(
        Known::NAMED
            .iter()
            .map(|(_, name)| *name)
            .filter(|name| !name.starts_with('.')),
    );
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let what = match callee_text(callee) {
        Some(text) => format!("`{text}` is not one of the café's functions"),
        None => "this is not a call of one of the café's functions".to_string(),
    };
    ParseError::at(span, format!("{what}: they are {list}"))
}
