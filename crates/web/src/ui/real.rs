//! Run it for real: the instance's customers — their arrival times, step
//! durations and failures, drawn once — served by real Rust futures on the
//! browser's own event loop. Machines are `setTimeout`s (`gloo-timers`), the
//! barista's CPU work is busy-waiting on the main thread, parallel join is
//! `try_join_all`, and `spawn_local` drives it all: the real event loop,
//! not the model, decides what runs when. Pools, the circuit breaker and
//! the menu cache are the engine's own state machines (`engine::pool`,
//! `breaker`, `cache`) driven by real time. What it measures goes to
//! `crate::view::real`, which sets it against the model.
//!
//! One function per strategy shape: [`blocking`], [`callbacks`],
//! [`sequential`] and [`joined`]. Every task is spawned abortable, so
//! Cancel (or the app going away) drops every future and clears every
//! timer; nothing spins after that.

use super::dom::Page;
use super::state::Play;
use crate::engine::breaker::{Admit, Breaker, Circuit};
use crate::engine::cache::Cache;
use crate::engine::pool::Pool;
use crate::engine::scenario::{MachineKind, PlanStep};
use crate::engine::trace::Outcome;
use crate::engine::{SimTime, Strategy};
use crate::play::Runs;
use crate::view::ids;
use crate::view::real::{self as view, Busy, Doing, Measured, SCALES, Times};
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable, try_join_all};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen_futures::{JsFuture, spawn_local};

/// A machine step failed: the instance drew it so, or the breaker failed it.
struct Failed;

/// What a machine calls on the main thread when its job is done.
type Callback = Box<dyn FnOnce(Result<(), Failed>)>;

/// Every task we spawn has this one type (one instantiation of the
/// executor's code).
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// Where a machine's answer goes: the handler's callback, taken by whoever
/// settles the request first (the machine, or the breaker's timeout, whose
/// timer is cleared when the machine answers first).
struct Reply {
    callback: Cell<Option<Callback>>,
    timeout: Cell<Option<AbortHandle>>,
}

impl Reply {
    fn new(callback: Callback) -> Rc<Reply> {
        Rc::new(Reply {
            callback: Cell::new(Some(callback)),
            timeout: Cell::new(None),
        })
    }

    /// The callback, if the request is not settled yet; clears the timeout.
    fn settle(&self) -> Option<Callback> {
        if let Some(timeout) = self.timeout.take() {
            timeout.abort();
        }
        self.callback.take()
    }
}

/// A request for a unit: step `pos` of `order`.
struct Request {
    order: usize,
    pos: usize,
    reply: Rc<Reply>,
}

/// One machine kind: the engine's pool of units (warm, cold, taken), when
/// each free unit was released (real ms, and the pool's generation for a
/// put-away), and the requests waiting in line.
struct Machines {
    units: Pool,
    released: Vec<Option<(f64, u32)>>,
    waiting: VecDeque<Request>,
}

/// The circuit breaker (the engine's state machine) and when the open
/// breaker turns half-open (real ms).
struct Guard {
    breaker: Breaker,
    half_open_at: Option<f64>,
}

impl Guard {
    /// The reset timeout is a chore on the breaker's own clock: due by
    /// `now`, it has happened.
    fn catch_up(&mut self, now: f64) {
        if self.half_open_at.is_some_and(|at| now >= at) {
            self.half_open_at = None;
            self.breaker.half_open();
        }
    }
}

/// One real run of the café.
struct Cafe {
    page: Page,
    runs: Arc<Runs>,
    strategy: Strategy,
    /// Real ms per simulated ms.
    scale: u32,
    performance: web_sys::Performance,
    /// `performance.now()` when the café opened.
    opened: Cell<f64>,
    /// Whether the handler catches a machine's error (a cookie) or not (lost).
    handled: bool,
    machines: RefCell<Vec<Machines>>,
    guard: RefCell<Option<Guard>>,
    cache: RefCell<Option<Cache>>,
    /// Orders that have not ended yet.
    open: Cell<usize>,
    /// When our busy work last ended (real ms since opening).
    free_since: Cell<f64>,
    /// When the last animation frame began (real ms since opening).
    last_frame: Cell<Option<f64>>,
    /// When each order was taken (simulated ms).
    taken: RefCell<Vec<f64>>,
    measured: RefCell<Measured>,
    aborts: RefCell<Vec<AbortHandle>>,
    over: Cell<bool>,
}

impl Cafe {
    /// Opens the café now: one timer per customer, at their arrival time,
    /// and a watch on the animation frames.
    fn open(page: Page, runs: Arc<Runs>, strategy: Strategy, scale: u32) -> Option<Rc<Cafe>> {
        let performance = web_sys::window()?.performance()?;
        let n = runs.instance.orders.len();
        let s = &runs.instance.scenario;
        let handled = match strategy {
            Strategy::Callbacks => s.check_err,
            _ => s.try_catch,
        };
        let machines = MachineKind::ALL.iter().map(|&kind| {
            let capacity = runs.instance.capacity(kind);
            Machines {
                units: Pool::new(capacity, s.pool.on()),
                released: vec![None; capacity as usize],
                waiting: VecDeque::new(),
            }
        });
        let guard = s.breaker.on.then(|| Guard {
            breaker: Breaker::new(s.breaker),
            half_open_at: None,
        });
        let cache = s.cache.on.then(|| Cache::new(s.cache));
        let cafe = Rc::new(Cafe {
            page,
            strategy,
            scale,
            opened: Cell::new(performance.now()),
            performance,
            handled,
            machines: RefCell::new(machines.collect()),
            guard: RefCell::new(guard),
            cache: RefCell::new(cache),
            open: Cell::new(n),
            free_since: Cell::new(0.0),
            last_frame: Cell::new(None),
            taken: RefCell::new(vec![0.0; n]),
            measured: RefCell::new(Measured {
                orders: vec![None; n],
                ..Measured::default()
            }),
            aborts: RefCell::new(Vec::new()),
            over: Cell::new(false),
            runs,
        });
        cafe.page.set_disabled(ids::REAL_RUN, true);
        cafe.page.set_disabled(ids::REAL_CANCEL, false);
        cafe.page.set_html(ids::REAL_RESULT, "");
        cafe.page
            .set_text(ids::REAL_STATUS, &view::progress(strategy, scale, 0, n));
        cafe.spawn(Box::pin(frames(cafe.clone())));
        cafe.spawn(Box::pin(doors(cafe.clone())));
        Some(cafe)
    }

    /// The doors open: the café's clock starts now, with one timer per
    /// customer at their arrival time.
    fn open_doors(self: &Rc<Self>) {
        self.opened.set(self.performance.now());
        // Frames seen so far were timed on the old clock.
        self.last_frame.set(None);
        for (i, o) in self.runs.instance.orders.iter().enumerate() {
            let (timer, due) = self.timer(o.arrival);
            self.spawn(Box::pin(customer(self.clone(), i, timer, due)));
        }
        if self.runs.instance.orders.is_empty() {
            self.finish();
        }
    }

    /// Real ms since the café opened.
    fn now(&self) -> f64 {
        self.performance.now() - self.opened.get()
    }

    /// Real ms since opening as simulated ms.
    fn sim_ms(&self, real_ms: f64) -> f64 {
        real_ms / f64::from(self.scale)
    }

    /// Simulated ms as real ms.
    fn real_ms(&self, sim_ms: f64) -> f64 {
        sim_ms * f64::from(self.scale)
    }

    fn plan(&self, order: usize) -> &[PlanStep] {
        self.runs.instance.plan(order)
    }

    /// The drawn duration of step `pos` of `order`.
    fn duration(&self, order: usize, pos: usize) -> SimTime {
        self.runs.instance.orders[order].duration(self.plan(order)[pos].step)
    }

    /// Whether step `pos` of `order` fails (only machine steps do).
    fn fails(&self, order: usize, pos: usize) -> bool {
        let step = self.plan(order)[pos].step;
        step.machine().is_some() && self.runs.instance.orders[order].fails(step)
    }

    /// Runs `task` on the event loop, abortable by [`Cafe::stop`]; the
    /// handle aborts it alone.
    fn spawn(&self, task: Task) -> AbortHandle {
        let (handle, registration) = AbortHandle::new_pair();
        self.aborts.borrow_mut().push(handle.clone());
        spawn_local(async move {
            let _ = Abortable::new(task, registration).await;
        });
        handle
    }

    /// A timer for `d` of simulated time, and when it is due (real ms since
    /// opening).
    fn timer(&self, d: SimTime) -> (TimeoutFuture, f64) {
        let ms = self.real_ms(d.as_ms()).round() as u32;
        (TimeoutFuture::new(ms), self.now() + f64::from(ms))
    }

    /// A timer due at `due` fired: notes how late, beyond waiting for the
    /// main thread to be free (the browser's noise).
    fn fired(&self, due: f64) {
        let late = self.now() - due.max(self.free_since.get());
        let late = SimTime::from_ms(late).0;
        self.measured.borrow_mut().lateness_us.push(late);
    }

    /// The barista's hands: busy work on the main thread for `d` of
    /// simulated time. Nothing else runs meanwhile, the page included.
    fn work(&self, d: SimTime, order: usize, doing: Doing) {
        if d == SimTime::ZERO {
            return;
        }
        let from = self.now();
        let until = from + self.real_ms(d.as_ms());
        let mut to = from;
        while to < until {
            to = self.now();
        }
        self.free_since.set(to);
        self.measured.borrow_mut().busy.push(Busy {
            from_ms: from,
            to_ms: to,
            order: order as u32,
            doing,
        });
    }

    /// The cache's answer to the price lookup of `order`, if there is a
    /// cache: on a hit the barista answers it herself and the menu server
    /// is not asked.
    fn cache_hit(&self, order: usize) -> bool {
        let drink = self.runs.instance.orders[order].drink;
        let now = SimTime::from_ms(self.sim_ms(self.now()));
        let Some(hit) = self.cache.borrow().map(|c| c.hit(drink, now)) else {
            return false;
        };
        let mut m = self.measured.borrow_mut();
        m.tally.lookups += 1;
        m.tally.hits += u32::from(hit);
        drop(m);
        if hit {
            let cost = SimTime::from_ms(self.runs.instance.scenario.cache.hit_ms);
            self.work(cost, order, Doing::CacheHit);
        }
        hit
    }

    /// The breaker's verdict on step `pos` about to be made: `true` when it
    /// is a payment the breaker fails fast.
    fn fast_fails(&self, order: usize, pos: usize, kind: MachineKind) -> bool {
        if kind != MachineKind::Reader {
            return false;
        }
        let now = self.now();
        let mut guard = self.guard.borrow_mut();
        let Some(g) = guard.as_mut() else {
            return false;
        };
        g.catch_up(now);
        let failed = g.breaker.admit(order as u32, pos as u8) == Admit::FastFail;
        drop(guard);
        self.measured.borrow_mut().tally.fast_failed += u32::from(failed);
        failed
    }

    /// A machine's answer reached the handler: the breaker counts a
    /// payment's result, a successful price lookup is cached.
    fn answered(&self, order: usize, pos: usize, failed: bool) {
        let step = self.plan(order)[pos];
        if step.machine == Some(MachineKind::Reader) {
            self.count(order, pos, failed);
        }
        if step.is_lookup() && !failed {
            let drink = self.runs.instance.orders[order].drink;
            let now = SimTime::from_ms(self.sim_ms(self.now()));
            if let Some(cache) = self.cache.borrow_mut().as_mut() {
                cache.store(drink, now);
            }
        }
    }

    /// One payment result for the breaker (if there is one).
    fn count(&self, order: usize, pos: usize, failed: bool) {
        let now = self.now();
        let reset = self.real_ms(self.runs.instance.scenario.breaker.reset_ms);
        let mut guard = self.guard.borrow_mut();
        let Some(g) = guard.as_mut() else {
            return;
        };
        g.catch_up(now);
        if g.breaker.record(order as u32, pos as u8, failed) == Some(Circuit::Open) {
            g.half_open_at = Some(now + reset);
            drop(guard);
            self.measured.borrow_mut().tally.trips += 1;
        }
    }

    /// A free unit of `kind` for a request, and whether it was cold: units
    /// idle for the pool's idle timeout are put away first (the pool's own
    /// clock, like the engine's chores).
    fn take(&self, kind: MachineKind) -> Option<(u8, bool)> {
        let idle = self.runs.instance.scenario.pool.idle_ms;
        let now = self.now();
        let mut machines = self.machines.borrow_mut();
        let m = &mut machines[kind.index()];
        if idle > 0.0 {
            for (unit, released) in m.released.iter_mut().enumerate() {
                if let Some((at, generation)) = *released
                    && now >= at + self.real_ms(idle)
                {
                    m.units.put_away(unit as u8, generation);
                    *released = None;
                }
            }
        }
        let taken = m.units.take();
        if let Some((unit, _)) = taken {
            m.released[unit as usize] = None;
        }
        taken
    }

    /// How long a unit warms up before its job: the pool's warm-up if it
    /// was cold.
    fn warmup(&self, cold: bool) -> SimTime {
        let warmup = self.runs.instance.scenario.pool.warmup_ms;
        if !cold || warmup <= 0.0 {
            return SimTime::ZERO;
        }
        self.measured.borrow_mut().tally.warmups += 1;
        SimTime::from_ms(warmup)
    }

    /// Calls step `pos`'s machine without waiting: the breaker may fail a
    /// payment at once; otherwise the barista presses the button (CPU), the
    /// breaker's timeout is armed, and the request takes a unit (warming it
    /// up if cold) or waits in line. `done` runs when it is answered.
    fn press(self: &Rc<Self>, order: usize, pos: usize, kind: MachineKind, done: Callback) {
        if self.fast_fails(order, pos, kind) {
            return done(Err(Failed));
        }
        let press = SimTime::from_ms(self.runs.instance.scenario.dispatch_ms);
        self.work(press, order, Doing::Press);
        let reply = Reply::new(done);
        let timeout = self.runs.instance.scenario.breaker.timeout();
        if let (MachineKind::Reader, Some(timeout)) = (kind, timeout) {
            let (timer, due) = self.timer(timeout);
            let (cafe, r) = (self.clone(), reply.clone());
            let handle = self.spawn(Box::pin(async move {
                timer.await;
                cafe.fired(due);
                r.timeout.take();
                if let Some(done) = r.settle() {
                    cafe.measured.borrow_mut().tally.timed_out += 1;
                    cafe.count(order, pos, true);
                    done(Err(Failed));
                }
            }));
            reply.timeout.set(Some(handle));
        }
        let request = Request { order, pos, reply };
        match self.take(kind) {
            Some((unit, cold)) => self.start(kind, unit, self.warmup(cold), request),
            None => self.machines.borrow_mut()[kind.index()]
                .waiting
                .push_back(request),
        }
    }

    /// Unit `unit` of `kind` warms up (if it must) and does the request's
    /// job: one timer. When it fires (a task), the unit is released — the
    /// next request in line starts right then — and, unless the breaker's
    /// timeout answered first, the handler gets the result.
    fn start(self: &Rc<Self>, kind: MachineKind, unit: u8, warmup: SimTime, request: Request) {
        let Request { order, pos, reply } = request;
        let (timer, due) = self.timer(warmup + self.duration(order, pos));
        let failed = self.fails(order, pos);
        let cafe = self.clone();
        self.spawn(Box::pin(async move {
            timer.await;
            cafe.fired(due);
            cafe.release(kind, unit);
            if let Some(done) = reply.settle() {
                cafe.answered(order, pos, failed);
                done(if failed { Err(Failed) } else { Ok(()) });
            }
        }));
    }

    /// Frees `unit` of `kind`: the oldest request in line gets it at once
    /// (warm), else its idle time starts.
    fn release(self: &Rc<Self>, kind: MachineKind, unit: u8) {
        let now = self.now();
        let next = {
            let mut machines = self.machines.borrow_mut();
            let m = &mut machines[kind.index()];
            let generation = m.units.release(unit);
            let next = m.waiting.pop_front();
            match &next {
                Some(_) => m.units.take_unit(unit),
                None => m.released[unit as usize] = Some((now, generation)),
            }
            next
        };
        if let Some(request) = next {
            self.start(kind, unit, SimTime::ZERO, request);
        }
    }

    /// The promise style of [`Cafe::press`]: presses now, and the future
    /// resolves (or fails) when the machine is done.
    fn machine(
        self: &Rc<Self>,
        order: usize,
        pos: usize,
        kind: MachineKind,
    ) -> impl Future<Output = Result<(), Failed>> + use<> {
        let (tx, rx) = oneshot::channel();
        self.press(
            order,
            pos,
            kind,
            Box::new(move |result| {
                let _ = tx.send(result);
            }),
        );
        async move { rx.await.unwrap_or(Err(Failed)) }
    }

    /// Order `order` ended; the run is over when every order has.
    fn end(self: &Rc<Self>, order: usize, outcome: Outcome) {
        let times = Times {
            taken_ms: self.taken.borrow()[order],
            ended_ms: self.sim_ms(self.now()),
            outcome,
        };
        self.measured.borrow_mut().orders[order] = Some(times);
        let open = self.open.get().saturating_sub(1);
        self.open.set(open);
        let total = self.runs.instance.orders.len();
        self.page.set_text(
            ids::REAL_STATUS,
            &view::progress(self.strategy, self.scale, total - open, total),
        );
        if open == 0 {
            // A moment for the next animation frame, which measures the
            // last freeze.
            let cafe = self.clone();
            self.spawn(Box::pin(async move {
                TimeoutFuture::new(100).await;
                cafe.finish();
            }));
        }
    }

    /// A machine's error reached the handler: a cookie if it catches it,
    /// else the order is lost (the customer would wait forever).
    fn failed(self: &Rc<Self>, order: usize) {
        if self.handled {
            let cookie = SimTime::from_ms(self.runs.instance.scenario.cookie_ms);
            self.work(cookie, order, Doing::Cookie);
            self.end(order, Outcome::Cookie);
        } else {
            self.end(order, Outcome::Lost);
        }
    }

    /// An animation frame began: notes the gap since the previous one.
    fn frame(&self) {
        let t = self.now();
        if let Some(last) = self.last_frame.replace(Some(t)) {
            let mut m = self.measured.borrow_mut();
            if m.longest_gap.is_none_or(|(a, b)| t - last > b - a) {
                m.longest_gap = Some((last, t));
            }
        }
    }

    /// Drops every future (timers are cleared) and frees the buttons.
    fn stop(&self) {
        self.over.set(true);
        for handle in self.aborts.borrow_mut().drain(..) {
            handle.abort();
        }
        for m in self.machines.borrow_mut().iter_mut() {
            m.waiting.clear();
        }
        self.page.set_disabled(ids::REAL_RUN, false);
        self.page.set_disabled(ids::REAL_CANCEL, true);
    }

    /// Every order ended: shows the result next to the model.
    fn finish(&self) {
        self.frame();
        self.stop();
        let m = self.measured.borrow();
        let model = self.runs.run(self.strategy);
        let html = view::result(&self.runs.instance, self.scale, model, &m);
        self.page.set_html(ids::REAL_RESULT, &html);
        let last = m
            .orders
            .iter()
            .flatten()
            .map(|t| t.ended_ms)
            .fold(0.0, f64::max);
        self.page.set_text(
            ids::REAL_STATUS,
            &view::done(self.strategy, self.real_ms(last)),
        );
    }

    /// Cancel: stops now and says how far it got.
    fn cancel(&self) {
        if self.over.get() {
            return;
        }
        self.stop();
        let ended = self.measured.borrow().orders.iter().flatten().count();
        let total = self.runs.instance.orders.len();
        self.page
            .set_text(ids::REAL_STATUS, &view::cancelled(ended, total));
    }
}

/// Watches the animation frames until the run stops: the longest gap
/// between two is how long the page froze.
async fn frames(cafe: Rc<Cafe>) {
    loop {
        let next = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(&resolve);
            }
        });
        if JsFuture::from(next).await.is_err() {
            return;
        }
        cafe.frame();
    }
}

/// How long after Run the doors open (real ms): the page first finishes
/// what the click started (clearing the last result, painting), which
/// would otherwise make the first arrivals late.
const LEAD_IN_MS: u32 = 100;

/// Opens the doors once the lead-in has passed and the main thread is free.
async fn doors(cafe: Rc<Cafe>) {
    TimeoutFuture::new(LEAD_IN_MS).await;
    cafe.open_doors();
}

/// A customer: their timer fires at the arrival time (a task); the barista
/// takes the order when the main thread gets to it, and the handler runs.
async fn customer(cafe: Rc<Cafe>, order: usize, arrival: TimeoutFuture, due: f64) {
    arrival.await;
    cafe.fired(due);
    cafe.taken.borrow_mut()[order] = cafe.sim_ms(cafe.now());
    let take = SimTime::from_ms(cafe.runs.instance.scenario.take_order_ms);
    cafe.work(take, order, Doing::Take);
    let result = match cafe.strategy {
        Strategy::Blocking => blocking(&cafe, order),
        Strategy::Callbacks => return callbacks(&cafe, order, 0),
        // `Yours` never runs here ([`Runner::run`] says so); its starting
        // text is sequential await.
        Strategy::Await | Strategy::Yours => sequential(&cafe, order).await,
        Strategy::Join => joined(&cafe, order).await,
    };
    match result {
        Ok(()) => cafe.end(order, Outcome::Served),
        Err(Failed) => cafe.failed(order),
    }
}

/// Blocking: `pay(); grind(); steam(); assemble();`. On one thread,
/// waiting for a machine means busy-waiting at it (through a cold unit's
/// warm-up too): the whole order runs inside its arrival task, and nothing
/// else runs meanwhile — not even the breaker's timeout, so blocking code
/// cannot time out (an open breaker still fails it fast).
fn blocking(cafe: &Rc<Cafe>, order: usize) -> Result<(), Failed> {
    let press = SimTime::from_ms(cafe.runs.instance.scenario.dispatch_ms);
    for (pos, step) in cafe.plan(order).iter().enumerate() {
        let d = cafe.duration(order, pos);
        match step.machine {
            None => cafe.work(d, order, Doing::Step(step.step)),
            Some(_) if step.is_lookup() && cafe.cache_hit(order) => {}
            Some(kind) => {
                if cafe.fast_fails(order, pos, kind) {
                    return Err(Failed);
                }
                cafe.work(press, order, Doing::Press);
                // Only the barista uses machines here and she waits for
                // each, so a unit is free (capacity >= 1 is validated).
                let (unit, cold) = cafe.take(kind).unwrap_or((0, false));
                cafe.work(cafe.warmup(cold) + d, order, Doing::Stand(kind));
                cafe.release(kind, unit);
                let failed = cafe.fails(order, pos);
                cafe.answered(order, pos, failed);
                if failed {
                    return Err(Failed);
                }
            }
        }
    }
    Ok(())
}

/// Callbacks: each machine gets the rest of the order as its callback,
/// `machine(step, (err) => { if (err) return onError(); … })`, one level of
/// the pyramid per machine step. A price the cache knows needs no machine.
fn callbacks(cafe: &Rc<Cafe>, order: usize, from: usize) {
    for (pos, step) in cafe.plan(order).iter().enumerate().skip(from) {
        let Some(kind) = step.machine else {
            cafe.work(cafe.duration(order, pos), order, Doing::Step(step.step));
            continue;
        };
        if step.is_lookup() && cafe.cache_hit(order) {
            continue;
        }
        let c = cafe.clone();
        let then: Callback = Box::new(move |result| match result {
            Err(Failed) => c.failed(order),
            Ok(()) => callbacks(&c, order, pos + 1),
        });
        cafe.press(order, pos, kind, then);
        return;
    }
    cafe.end(order, Outcome::Served);
}

/// One step in its turn: CPU work now, a price from the cache, or a
/// machine awaited.
async fn in_turn(cafe: &Rc<Cafe>, order: usize, pos: usize) -> Result<(), Failed> {
    let step = cafe.plan(order)[pos];
    match step.machine {
        None => {
            cafe.work(cafe.duration(order, pos), order, Doing::Step(step.step));
            Ok(())
        }
        Some(_) if step.is_lookup() && cafe.cache_hit(order) => Ok(()),
        Some(kind) => cafe.machine(order, pos, kind).await,
    }
}

/// Sequential await: `await pay(); await grind(); …`.
async fn sequential(cafe: &Rc<Cafe>, order: usize) -> Result<(), Failed> {
    for pos in 0..cafe.plan(order).len() {
        in_turn(cafe, order, pos).await?;
    }
    Ok(())
}

/// Parallel join: a leading price lookup awaited first; then every I/O
/// step's machine started up front (one press each, in recipe order) and
/// joined with `try_join_all`, which fails at the first error like
/// `Promise.all` (the other machines work on: they are not ours to
/// cancel); then the other steps in their turn.
async fn joined(cafe: &Rc<Cafe>, order: usize) -> Result<(), Failed> {
    let plan = cafe.plan(order);
    let lookup = plan.first().is_some_and(|step| step.is_lookup());
    if lookup {
        in_turn(cafe, order, 0).await?;
    }
    let io: Vec<_> = plan
        .iter()
        .enumerate()
        .filter(|(_, step)| step.is_io())
        .filter_map(|(pos, step)| Some(cafe.machine(order, pos, step.machine?)))
        .collect();
    try_join_all(io).await?;
    for pos in (usize::from(lookup)..plan.len()).filter(|&pos| !plan[pos].is_io()) {
        in_turn(cafe, order, pos).await?;
    }
    Ok(())
}

/// The panel's runner: one run at a time. Dropping the last clone (the app
/// stops) cancels it.
#[derive(Clone, Default)]
pub struct Runner(Rc<Current>);

#[derive(Default)]
struct Current(RefCell<Option<Rc<Cafe>>>);

impl Drop for Current {
    fn drop(&mut self) {
        if let Some(cafe) = self.0.get_mut().take() {
            cafe.stop();
        }
    }
}

impl Runner {
    /// Runs the shown strategy on the café's customers for real, at the
    /// scale picked, unless it would take too long.
    pub fn run(&self, page: &Page, play: Play) {
        self.cancel();
        let scale = page
            .get_as::<web_sys::HtmlSelectElement>(ids::REAL_SCALE)
            .and_then(|s| s.value().parse::<u32>().ok())
            .filter(|s| SCALES.contains(s))
            .unwrap_or(SCALES[0]);
        let strategy = play.strategy.get_untracked();
        if strategy == Strategy::Yours {
            page.set_html(ids::REAL_RESULT, "");
            page.set_text(ids::REAL_STATUS, view::NOT_YOURS);
            return;
        }
        let runs = play.runs.with_untracked(|r| r.0.clone());
        // The run is over when its last order ends (machines still working
        // for timed-out payments are not waited for).
        let orders = &runs.run(strategy).trace.orders;
        let last = orders.iter().map(|o| o.ended.as_ms()).fold(0.0, f64::max);
        if let Some(why) = view::too_long(last, scale) {
            page.set_html(ids::REAL_RESULT, "");
            page.set_text(ids::REAL_STATUS, &why);
            return;
        }
        // The playground's animation would only add noise.
        play.playing.set(false);
        *self.0.0.borrow_mut() = Cafe::open(page.clone(), runs, strategy, scale);
    }

    /// Stops the run in progress, if any.
    pub fn cancel(&self) {
        if let Some(cafe) = self.0.0.borrow_mut().take() {
            cafe.cancel();
        }
    }
}
