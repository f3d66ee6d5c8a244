//! The page's side of the back room (`crate::worker`): a café of more than
//! [`BACK_ROOM_FROM`] customers is simulated in a Web Worker running the
//! same WebAssembly, so the page's main thread never runs a long task while
//! it waits; so is the learner's handler on such a café. Each finished run
//! arrives as its own message (the shown strategy first) and is copied and
//! decoded in slices of [`SLICE_WORDS`], each a task of its own, one run
//! after another; the page is given the runs as each comes in (the others
//! still being simulated, [`Runs::pending`]). Where no
//! worker can start (no worker script in the page, a sandboxed frame, an
//! old browser), `Helper::new` gives `None` and the page simulates as
//! before, on the main thread.

use super::state::Shared;
use crate::engine::wire;
use crate::engine::{Instance, Scenario, Strategy};
use crate::play::{Run, Runs, Timings, Yours};
use js_sys::{Array, Function, Promise, Uint32Array};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{MessageChannel, MessageEvent, Worker, WorkerOptions, WorkerType};

/// From this many customers a café is simulated in the back room (smaller
/// ones take a few milliseconds on the main thread).
pub const BACK_ROOM_FROM: u32 = 2_000;

/// How many words of a run are copied or decoded in one task: a few
/// milliseconds' work (a 20,000-customer run is about 7 million words).
const SLICE_WORDS: usize = 1 << 19;

/// Where the build says the worker script is (`scripts/post-build.mjs`).
const WORKER_META: &str = "meta[name=espresso-worker]";

/// What to do with the runs: called as each comes in, with all that are in
/// so far (the last time, with every run).
type Show = Rc<dyn Fn(Shared)>;

/// What a request asks for.
enum Asking {
    /// A new café: every built-in strategy, and the learner's handler
    /// `code` when there is one.
    Cafe {
        scenario: Box<Scenario>,
        code: Option<String>,
    },
    /// The learner's handler `code` on the café of `runs`.
    Code { runs: Shared, code: String },
}

/// A request being answered.
struct Asked {
    id: u32,
    asking: Asking,
    customers: u32,
    /// The runs in so far (a new café's from its first answer on).
    so_far: Option<Shared>,
    /// How many runs are wanted, and how many answers came (a handler
    /// that does not run on the café is answered with no run).
    wanted: usize,
    answered: usize,
    simulate_ms: f64,
    started: f64,
    /// When the first run was ready (ms after `started`).
    first_ms: f64,
    show: Show,
}

/// A finished run, as it came from the worker.
struct Arrived {
    /// The request it answers.
    id: u32,
    /// Its strategy's index.
    index: usize,
    /// The worker's milliseconds for it.
    took: f64,
    /// The run, encoded (empty: the learner's handler does not run).
    words: Uint32Array,
}

/// The worker and what it is doing.
struct Back {
    /// The worker script.
    url: String,
    worker: Option<Worker>,
    ready: bool,
    /// A request made before the worker listened.
    waiting: Option<Array>,
    asked: Option<Asked>,
    next_id: u32,
    /// The worker failed: simulate on the main thread from now on.
    broken: bool,
    /// The current request's customers, runs finished and runs wanted,
    /// for the progress line.
    progress: RwSignal<Option<(u32, usize, usize)>>,
    /// Runs waiting to be decoded, in the order they came.
    arrived: VecDeque<Arrived>,
    /// A task is decoding them.
    decoding: bool,
}

/// The back room, shared by the page (cheap to clone).
#[derive(Clone)]
pub struct Helper(Rc<RefCell<Back>>);

impl Helper {
    /// The back room the page names (its worker starts with the first
    /// request), or `None` where the page names none.
    pub fn new() -> Option<Helper> {
        let url = document()
            .query_selector(WORKER_META)
            .ok()
            .flatten()?
            .get_attribute("content")?;
        Some(Helper(Rc::new(RefCell::new(Back {
            url,
            worker: None,
            ready: false,
            waiting: None,
            asked: None,
            next_id: 0,
            broken: false,
            progress: RwSignal::new(None),
            arrived: VecDeque::new(),
            decoding: false,
        }))))
    }

    /// The worker, started if it was not yet (`None`: it cannot start).
    fn worker(&self) -> Option<Worker> {
        if let Some(w) = &self.0.borrow().worker {
            return Some(w.clone());
        }
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&self.0.borrow().url, &options).ok()?;
        let me = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(back) = me.upgrade() {
                Helper(back).heard(&e.data());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let me = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            if let Some(back) = me.upgrade() {
                Helper(back).failed();
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        self.0.borrow_mut().worker = Some(worker.clone());
        Some(worker)
    }

    /// How far the current request is: (customers, runs finished, runs
    /// wanted), `None` when nothing is being simulated.
    pub fn progress(&self) -> RwSignal<Option<(u32, usize, usize)>> {
        self.0.borrow().progress
    }

    /// Whether a new café is being simulated (its runs will come with the
    /// learner's handler as it was when asked).
    pub fn simulating_cafe(&self) -> bool {
        matches!(
            self.0.borrow().asked,
            Some(Asked {
                asking: Asking::Cafe { .. },
                ..
            })
        )
    }

    /// Simulates every strategy on `scenario` in the back room, `first`
    /// first, and the learner's handler `code` if there is one, and calls
    /// `show` with the runs as each comes in (the last time with all of
    /// them; without the handler's when it does not run on this café). A
    /// newer request replaces this one (its answers are dropped).
    pub fn simulate(
        &self,
        scenario: &Scenario,
        first: Strategy,
        code: Option<String>,
        show: impl Fn(Shared) + 'static,
    ) {
        // Without a handler, "your code" shows sequential await's run.
        let first = match first {
            Strategy::Yours if code.is_none() => Strategy::Await,
            s => s,
        };
        let wanted: Vec<Strategy> = std::iter::once(first)
            .chain(Strategy::WITH_YOURS.into_iter().filter(|&s| s != first))
            .filter(|&s| s != Strategy::Yours || code.is_some())
            .collect();
        let asking = Asking::Cafe {
            scenario: Box::new(scenario.clone()),
            code,
        };
        self.ask(scenario, &wanted, asking, Rc::new(show));
    }

    /// Simulates the learner's handler `code` on the café of `runs` in the
    /// back room, and calls `show` with `runs` and it.
    pub fn simulate_code(&self, runs: Shared, code: String, show: impl Fn(Shared) + 'static) {
        let scenario = runs.0.instance.scenario.clone();
        let asking = Asking::Code { runs, code };
        self.ask(&scenario, &[Strategy::Yours], asking, Rc::new(show));
    }

    /// The rest of the runs of the request being answered go to `show`
    /// (the page that was started with the first of them).
    pub fn show_rest_with(&self, show: impl Fn(Shared) + 'static) {
        if let Some(asked) = self.0.borrow_mut().asked.as_mut() {
            asked.show = Rc::new(show);
        }
    }

    /// Sends the worker a request for `wanted` on `scenario`'s café, or,
    /// where it cannot help, answers it here at once.
    fn ask(&self, scenario: &Scenario, wanted: &[Strategy], asking: Asking, show: Show) {
        let worker = if self.0.borrow().broken {
            None
        } else {
            self.worker()
        };
        let Some(worker) = worker else {
            self.0.borrow_mut().broken = true;
            show(asking.here());
            return;
        };
        let mut back = self.0.borrow_mut();
        back.next_id += 1;
        let id = back.next_id;
        let order: Vec<&str> = wanted.iter().map(|s| s.key()).collect();
        let code = asking.code().unwrap_or_default().to_owned();
        let ask = Array::of4(
            &f64::from(id).into(),
            &crate::worker::pairs_of(scenario),
            &order.join(",").into(),
            &code.into(),
        );
        back.asked = Some(Asked {
            id,
            asking,
            customers: scenario.customers,
            so_far: None,
            wanted: wanted.len(),
            answered: 0,
            simulate_ms: 0.0,
            started: now_ms(),
            first_ms: 0.0,
            show,
        });
        back.progress
            .set(Some((scenario.customers, 0, wanted.len())));
        if back.ready {
            let _ = worker.post_message(&ask);
        } else {
            back.waiting = Some(ask);
        }
    }

    /// Forgets the request being answered, if any (the café changed to one
    /// simulated on the page): its answers are dropped as they come.
    pub fn cancel(&self) {
        let mut back = self.0.borrow_mut();
        back.asked = None;
        back.waiting = None;
        back.progress.set(None);
    }

    /// A message from the worker: `ready`, or one finished run (queued for
    /// decoding, unless it answers a request since replaced).
    fn heard(&self, data: &JsValue) {
        if data.as_string().as_deref() == Some("ready") {
            let mut back = self.0.borrow_mut();
            back.ready = true;
            if let (Some(ask), Some(worker)) = (back.waiting.take(), &back.worker) {
                let _ = worker.post_message(&ask);
            }
            return;
        }
        let reply = Array::from(data);
        let (Some(id), Some(index)) = (reply.get(0).as_f64(), reply.get(1).as_f64()) else {
            return self.failed();
        };
        let Ok(words) = reply.get(3).dyn_into::<Uint32Array>() else {
            return self.failed();
        };
        let arrived = Arrived {
            id: id as u32,
            index: index as usize,
            took: reply.get(2).as_f64().unwrap_or(0.0),
            words,
        };
        if !self.asks(arrived.id) {
            return;
        }
        let mut back = self.0.borrow_mut();
        back.arrived.push_back(arrived);
        if !back.decoding {
            back.decoding = true;
            spawn_local(self.clone().decode_arrived());
        }
    }

    /// Whether request `id` is the one being answered.
    fn asks(&self, id: u32) -> bool {
        self.0.borrow().asked.as_ref().is_some_and(|a| a.id == id)
    }

    /// Decodes the runs that arrived, one after another, each in slices.
    async fn decode_arrived(self) {
        loop {
            let next = self.0.borrow_mut().arrived.pop_front();
            let Some(arrived) = next else {
                self.0.borrow_mut().decoding = false;
                return;
            };
            if arrived.words.length() == 0 {
                self.decoded(&arrived, None);
                continue;
            }
            let Some(words) = self.copied(&arrived).await else {
                continue;
            };
            let run = wire::decode_paced::<Run>(&words, SLICE_WORDS, &mut |_| {
                Box::pin(next_task()) as Pin<Box<dyn Future<Output = ()>>>
            })
            .await;
            match run {
                // The run of the strategy the answer names.
                Ok(run) if run.strategy.index() == arrived.index => {
                    self.decoded(&arrived, Some(run))
                }
                _ if self.asks(arrived.id) => self.failed(),
                _ => {}
            }
        }
    }

    /// The run's words, copied into this module's memory in slices; `None`
    /// when its request was replaced meanwhile.
    async fn copied(&self, arrived: &Arrived) -> Option<Vec<u32>> {
        let length = arrived.words.length();
        // Reserved, not zeroed: zeroing a whole big run (tens of megabytes)
        // made the task its message arrives in a long one; each slice is
        // zeroed as it is copied.
        let mut words = Vec::with_capacity(length as usize);
        let mut from = 0;
        while from < length {
            if !self.asks(arrived.id) {
                return None;
            }
            let to = length.min(from + 4 * SLICE_WORDS as u32);
            words.resize(to as usize, 0);
            arrived
                .words
                .subarray(from, to)
                .copy_to(&mut words[from as usize..]);
            from = to;
            next_task().await;
        }
        self.asks(arrived.id).then_some(words)
    }

    /// One run is decoded (`None`: the handler does not run): put with
    /// the others in so far, which are shown in a task of their own (the
    /// page's render of a big café is long enough); after the last, the
    /// request is over.
    fn decoded(&self, arrived: &Arrived, run: Option<Run>) {
        let (shown, last) = {
            let mut back = self.0.borrow_mut();
            let progress = back.progress;
            let Some(asked) = back.asked.as_mut().filter(|a| a.id == arrived.id) else {
                return;
            };
            asked.simulate_ms += arrived.took;
            asked.answered += 1;
            if asked.answered == 1 {
                asked.first_ms = now_ms() - asked.started;
            }
            progress.set(Some((asked.customers, asked.answered, asked.wanted)));
            let so_far = match (&asked.asking, asked.so_far.take()) {
                (Asking::Cafe { .. }, Some(so_far)) => so_far,
                (Asking::Cafe { scenario, code }, None) => Shared(
                    Arc::new(Runs::coming(Instance::new(scenario), code.is_some())),
                    Timings::default(),
                ),
                (Asking::Code { runs, .. }, _) => runs.clone(),
            };
            let mut shown = match (run, asked.asking.code()) {
                (Some(run), _) if run.strategy != Strategy::Yours => {
                    Shared(Arc::new(so_far.0.and(run)), so_far.1)
                }
                (Some(run), Some(code)) => with_yours(so_far, code, Some(run)),
                // The handler does not run on this café.
                _ => so_far.keeping_yours(),
            };
            // A new café's timings (the learner's handler alone keeps the
            // café's).
            if let Asking::Cafe { .. } = asked.asking {
                shown.1 = Timings {
                    simulate_ms: asked.simulate_ms,
                    total_ms: now_ms() - asked.started,
                    first_ms: asked.first_ms,
                };
            }
            asked.so_far = Some(shown.clone());
            (shown, asked.answered == asked.wanted)
        };
        let (me, id) = (self.clone(), arrived.id);
        set_timeout(
            move || {
                // Whoever shows the runs now (the page, once the first of
                // a link's runs started it).
                let show = {
                    let mut back = me.0.borrow_mut();
                    let Some(asked) = back.asked.as_ref().filter(|a| a.id == id) else {
                        return;
                    };
                    let show = asked.show.clone();
                    if last {
                        back.asked = None;
                        back.progress.set(None);
                    }
                    show
                };
                show(shown);
            },
            std::time::Duration::ZERO,
        );
    }
}

impl Asking {
    /// The learner's handler the request carries, if any.
    fn code(&self) -> Option<&str> {
        match self {
            Asking::Cafe { code, .. } => code.as_deref(),
            Asking::Code { code, .. } => Some(code),
        }
    }

    /// What was asked for, simulated here, on the main thread.
    fn here(self) -> Shared {
        match self {
            Asking::Cafe { scenario, code } => match code {
                Some(code) => with_yours(here(&scenario), &code, None),
                None => here(&scenario),
            },
            Asking::Code { runs, code } => with_yours(runs, &code, None),
        }
    }
}

/// `runs` with the learner's handler `code` and its `run` (simulated here
/// when `None`), or with the one they had when `code` does not run there.
fn with_yours(runs: Shared, code: &str, run: Option<Run>) -> Shared {
    let instance = &runs.0.instance;
    let yours = match run {
        Some(run) => Yours::ran(instance, code, run),
        None => Yours::new(instance, code),
    };
    match yours {
        Ok(yours) => runs.with_yours(yours),
        Err(_) => runs.keeping_yours(),
    }
}

impl Helper {
    /// The worker cannot help (it did not start, or its answer did not
    /// decode): the request waiting is simulated here, and every later one.
    fn failed(&self) {
        let asked = {
            let mut back = self.0.borrow_mut();
            back.broken = true;
            back.progress.set(None);
            back.asked.take()
        };
        if let Some(Asked { asking, show, .. }) = asked {
            show(asking.here());
        }
    }
}

/// Every strategy on `scenario`, simulated here, on the main thread.
pub fn here(scenario: &Scenario) -> Shared {
    let (runs, timings) = Runs::timed(scenario, &now_ms);
    Shared(Arc::new(runs), timings)
}

thread_local! {
    /// The channel [`next_task`] posts to, and the tasks waiting for its
    /// messages (each message starts one).
    static NEXT_TASK: Option<(MessageChannel, Rc<RefCell<VecDeque<Function>>>)> = {
        let waiting: Rc<RefCell<VecDeque<Function>>> = Rc::default();
        let channel = MessageChannel::new().ok();
        if let Some(channel) = &channel {
            let queue = waiting.clone();
            let on_message = Closure::<dyn Fn()>::new(move || {
                let next = queue.borrow_mut().pop_front();
                if let Some(resolve) = next {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            });
            channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
        }
        channel.map(|c| (c, waiting))
    };
}

/// Resolves in a new task (a message on a channel: no timer's 4 ms clamp),
/// so the browser handles input and paints frames in between.
async fn next_task() {
    let promise = Promise::new(&mut |resolve, _| {
        NEXT_TASK.with(|next| match next {
            Some((channel, waiting)) => {
                waiting.borrow_mut().push_back(resolve);
                let _ = channel.port2().post_message(&JsValue::NULL);
            }
            None => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// Milliseconds from the page's monotonic clock (UI timing only; 0
/// natively, where only the first view is rendered).
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return window().performance().map_or(0.0, |p| p.now());
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}
