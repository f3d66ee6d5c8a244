//! The wire codec (`wire`): traces, indexes, metrics and series come back
//! exactly as they went, for every preset and strategy and in a large busy
//! café; cut or damaged words give an error or a value, never a panic, and
//! a value only when the words are exactly its encoding. Decoding in
//! slices (`decode_paced`) gives the same value or the same refusal.

use crate::support::busy_cafe;
use espresso_engine::golden;
use espresso_engine::metrics::{metrics, series};
use espresso_engine::rng::mix64;
use espresso_engine::scenario::{Instance, MachineKind};
use espresso_engine::wire::{MAGIC, Wire, WireError, decode, decode_paced, encode};
use espresso_engine::{Metrics, Series, SimTime, Strategy, Trace, TraceIndex, simulate};
use std::fmt::Debug;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Everything the page keeps of one run (a run crosses as one tuple).
type Whole = (Trace, TraceIndex, (Metrics, Series));

fn whole(inst: &Instance, strategy: Strategy) -> Whole {
    let trace = simulate(inst, strategy);
    let index = TraceIndex::new(inst, &trace);
    let numbers = (metrics(inst, &trace), series(&trace));
    (trace, index, numbers)
}

/// `decode_paced(words, every)` with pauses that are ready at once: its
/// answer, and the words read at each pause.
fn paced<T: Wire>(words: &[u32], every: usize) -> (Result<T, WireError>, Vec<usize>) {
    let mut pauses = Vec::new();
    let mut pause = |at| -> std::pin::Pin<Box<dyn Future<Output = ()>>> {
        pauses.push(at);
        Box::pin(std::future::ready(()))
    };
    let answer = {
        let decoding = pin!(decode_paced::<T>(words, every, &mut pause));
        match decoding.poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(answer) => answer,
            Poll::Pending => panic!("pauses that are ready at once never leave it pending"),
        }
    };
    (answer, pauses)
}

/// decode(encode(x)) == x, or where it is not.
fn round_trip<T: Wire + PartialEq + Debug>(value: &T, what: &str) {
    let words = encode(value);
    assert_eq!(words[0], MAGIC);
    assert_eq!(words.len(), 1 + value.size(), "{what}: its size");
    match decode::<T>(&words) {
        Ok(back) => assert!(back == *value, "{what}: decoded differently"),
        Err(e) => panic!("{what}: {e}"),
    }
}

fn round_trips(inst: &Instance, name: &str) {
    for strategy in Strategy::ALL {
        let (trace, index, (metrics, series)) = whole(inst, strategy);
        let what = format!("{name}/{}", strategy.key());
        // Compact: an event is at most six words, an order record seven.
        let words = encode(&trace).len();
        let bound = 6 * trace.events.len() + 7 * trace.orders.len() + 6;
        assert!(words <= bound, "{what}: {words} words for the trace");
        round_trip(&trace, &format!("{what} trace"));
        round_trip(&index, &format!("{what} index"));
        round_trip(&metrics, &format!("{what} metrics"));
        round_trip(&series, &format!("{what} series"));
    }
}

#[test]
fn every_preset_and_strategy_crosses_the_wire_unchanged() {
    let scenarios = golden::scenarios();
    assert!(scenarios.len() > 10, "the presets and the extra scenarios");
    for (name, scenario) in scenarios {
        round_trips(&Instance::new(&scenario), &name);
    }
}

#[test]
fn a_large_busy_cafe_crosses_the_wire_unchanged() {
    round_trips(&busy_cafe("3000", "3"), "busy-3000");
}

#[test]
fn a_large_run_decodes_in_slices_of_the_words_asked_for() {
    let inst = busy_cafe("3000", "4");
    for strategy in Strategy::ALL {
        let words = encode(&whole(&inst, strategy));
        let what = strategy.key();
        for every in [20_000, 50_000] {
            let (value, pauses) = paced::<Whole>(&words, every);
            assert!(
                value.map(|v| encode(&v)) == Ok(words.clone()),
                "{what}: another value"
            );
            // A pause after every `every` words or a little more: what is
            // read whole (an item, one machine's jobs, the metrics) is a few
            // percent of a run at most.
            let slices: Vec<usize> = std::iter::once(0)
                .chain(pauses.iter().copied())
                .chain([words.len()])
                .collect::<Vec<_>>()
                .windows(2)
                .map(|w| w[1] - w[0])
                .collect();
            let longest = slices.iter().max().copied().unwrap_or(0);
            let (_, paused) = slices.split_last().unwrap_or((&0, &[]));
            assert!(
                longest < every + words.len() / 20 && paused.iter().all(|&s| s >= every),
                "{what}: {} slices of {} words, every {every}: {slices:?}",
                slices.len(),
                words.len()
            );
        }
    }
}

/// Decodes `words` as a run's whole: an error, or a value whose encoding
/// is exactly `words` (the encoding is canonical), never a panic.
fn check_damaged(words: &[u32], what: &str) -> bool {
    let whole = decode::<Whole>(words);
    // Compared by their encodings: a damaged float may be a NaN.
    let sliced = paced::<Whole>(words, 7).0;
    assert!(
        sliced.as_ref().map(encode) == whole.as_ref().map(encode),
        "{what}: decoded differently in slices"
    );
    match whole {
        Ok(value) => {
            assert!(
                encode(&value) == words,
                "{what}: accepted words it does not write"
            );
            ask(&value.1);
            true
        }
        Err(e) => {
            assert!(e.at <= words.len(), "{what}: error past the end ({e})");
            false
        }
    }
}

/// The index's questions that need no instance, at every event time: a
/// decoded index answers them without a panic.
fn ask(index: &TraceIndex) {
    let mut t = SimTime::ZERO;
    for _ in 0..64 {
        let _ = (index.barista(t), index.running(t), index.circuit(t));
        let _ = (index.jobs_at(t).count(), index.microtasks(t));
        for m in MachineKind::ALL {
            let _ = (
                index.units(m, t),
                index.waiting(m, t),
                index.phase_counts(m, t),
            );
        }
        let next = index.next_time(t);
        assert!(index.previous_time(next) <= next);
        if next == t {
            break;
        }
        t = next;
    }
}

/// A small café with every mechanism: a few hundred words per strategy.
fn small_run(strategy: Strategy) -> Vec<u32> {
    encode(&whole(&busy_cafe("12", "3"), strategy))
}

#[test]
fn every_prefix_of_a_small_run_is_refused() {
    for strategy in Strategy::ALL {
        let words = small_run(strategy);
        assert!(words.len() > 500, "{} words", words.len());
        for len in 0..words.len() {
            let what = format!("{} cut to {len} words", strategy.key());
            assert!(!check_damaged(&words[..len], &what), "{what}: accepted");
        }
        assert!(check_damaged(&words, strategy.key()));
        let mut longer = words.clone();
        longer.push(0);
        assert!(!check_damaged(&longer, "one word more"));
    }
}

#[test]
fn damaged_words_give_an_error_or_a_value_never_a_panic() {
    let runs: Vec<Vec<u32>> = Strategy::ALL.into_iter().map(small_run).collect();
    let (mut refused, mut accepted) = (0, 0);
    for i in 0..6000u64 {
        let words = &runs[i as usize % runs.len()];
        let r = mix64(i);
        let at = (r % words.len() as u64) as usize;
        let mut bad = words.clone();
        let (how, value) = ((r >> 32) % 7, mix64(r));
        match how {
            // Anything.
            0 => bad[at] = value as u32,
            // A small number: a plausible tag, flag or length.
            1 => bad[at] = (value % 16) as u32,
            // Off by one either way.
            2 => bad[at] = bad[at].wrapping_add(1),
            3 => bad[at] = bad[at].wrapping_sub(1),
            // One bit.
            4 => bad[at] ^= 1 << (value % 32),
            // A word lost or one too many: everything after shifts.
            5 => {
                bad.remove(at);
            }
            _ => bad.insert(at, value as u32),
        }
        if bad == *words {
            continue;
        }
        let what = format!("mutation {i} ({how} at word {at})");
        match check_damaged(&bad, &what) {
            true => accepted += 1,
            false => refused += 1,
        }
    }
    // Most damage is noticed; some is a different, valid run (a time or a
    // count changed): both are fine, a panic is not.
    assert!(
        refused > 1000 && accepted > 100,
        "{refused} refused, {accepted} accepted"
    );
}
