//! The back room: the same WebAssembly, started in a Web Worker
//! (`worker-*.js`, written by `scripts/post-build.mjs`), simulates a big
//! café off the page's main thread — the café's own lesson: CPU-heavy work
//! goes to a helper, the barista keeps taking orders.
//!
//! The page asks with `[id, scenario, strategies, handler]` (the scenario
//! as a flat array of its `params::to_pairs`, key, value, key, value…; the
//! strategies' keys in the order wanted, the shown one first, `yours` for
//! the learner's handler, whose text comes last); the worker answers
//! `ready` once it listens, then one `[id, strategy index, milliseconds,
//! words]` per strategy as each run is finished: the whole run (trace,
//! index, metrics, series) encoded by `Run::to_words`, its buffer
//! transferred, not copied. A handler that does not run on this café is
//! answered with no words.

use crate::engine::params::{parse_strict, to_pairs};
use crate::engine::{Instance, Scenario, Strategy};
use crate::play::{Run, Yours};
use js_sys::{Array, Uint32Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Starts listening, if this is a worker (true), or does nothing (false).
pub fn serve() -> bool {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return false;
    };
    let answer = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let ask = Array::from(&e.data());
        let id = ask.get(0).as_f64().unwrap_or(0.0);
        let order = ask.get(2).as_string().unwrap_or_default();
        let Some(scenario) = scenario_of(&Array::from(&ask.get(1))) else {
            return;
        };
        let handler = ask.get(3).as_string().unwrap_or_default();
        let instance = Instance::new(&scenario);
        let clock = scope_clock(&answer);
        for strategy in order.split(',').filter_map(Strategy::from_key) {
            let began = clock();
            let words = match strategy {
                Strategy::Yours => Yours::new(&instance, &handler)
                    .map_or_else(|_| Vec::new(), |y| y.run.to_words()),
                built_in => Run::new(&instance, built_in).to_words(),
            };
            let took = clock() - began;
            let buffer = Uint32Array::new_with_length(words.len() as u32);
            buffer.copy_from(&words);
            let reply = Array::of4(
                &id.into(),
                &(strategy.index() as f64).into(),
                &took.into(),
                &buffer,
            );
            let _ = answer.post_message_with_transfer(&reply, &Array::of1(&buffer.buffer()));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Listens as long as the worker lives.
    on_message.forget();
    let _ = scope.post_message(&"ready".into());
    true
}

/// `scenario` as a flat array of its parameters: key, value, key, value…
pub fn pairs_of(scenario: &Scenario) -> Array {
    let flat = Array::new();
    for (k, v) in to_pairs(scenario) {
        flat.push(&k.into());
        flat.push(&v.into());
    }
    flat
}

/// The scenario [`pairs_of`] wrote (`None` if anything is refused: the
/// page wrote it, so that never happens).
fn scenario_of(flat: &Array) -> Option<Scenario> {
    let text: Vec<String> = flat.iter().filter_map(|v| v.as_string()).collect();
    let pairs = text.chunks(2).filter_map(|kv| match kv {
        [k, v] => Some((k.as_str(), v.as_str())),
        _ => None,
    });
    parse_strict(Scenario::default(), pairs).ok()
}

/// The worker's monotonic clock, in ms.
fn scope_clock(scope: &DedicatedWorkerGlobalScope) -> impl Fn() -> f64 {
    let performance = scope.performance();
    move || performance.as_ref().map_or(0.0, web_sys::Performance::now)
}
