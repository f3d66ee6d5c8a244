//! The playground's shared state: the scenario, its runs, and the one clock
//! the UI owns (the playhead). `Play` is `Copy`: the app and every
//! component hold it and read or change its signals.

use super::helper::{BACK_ROOM_FROM, Helper, here};
use crate::engine::handler::starter;
use crate::engine::scenario::Drink;
use crate::engine::{Instance, Scenario, SimTime, Strategy};
use crate::lessons::Lesson;
use crate::link::{Theme, View};
use crate::listing::Language;
use crate::play::{Mistake, Run, Runs, SharedRun, Timings, Yours};
use crate::setup::builtin_presets;
use leptos::prelude::*;
use std::sync::Arc;

/// The runs of one scenario, shared, with how long they took to build;
/// equal only to themselves, so a memo of them changes exactly when the
/// scenario does.
#[derive(Clone, Debug)]
pub struct Shared(pub Arc<Runs>, pub Timings);

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Shared {
    /// The same runs with the learner's handler `yours` (a new value: the
    /// views see a change).
    pub fn with_yours(&self, yours: Yours) -> Shared {
        Shared(Arc::new(self.0.with_yours(Some(Arc::new(yours)))), self.1)
    }

    /// The same runs with no handler still coming: the café keeps the one
    /// that ran on it, if any (the text asked for does not run there).
    pub fn keeping_yours(&self) -> Shared {
        Shared(Arc::new(self.0.with_yours(self.0.yours.clone())), self.1)
    }
}

/// A café's customers, shared, and equal only to themselves: what lists
/// them changes with the café, not when one more strategy's run comes in.
#[derive(Clone, Debug)]
pub struct Customers(pub Arc<Instance>);

impl PartialEq for Customers {
    fn eq(&self, other: &Customers) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Everything the playground's views read and the controls change.
#[derive(Clone, Copy)]
pub struct Play {
    /// The café being simulated (changed through [`Play::set_scenario`]).
    pub scenario: RwSignal<Scenario>,
    /// Every strategy run on it (set by [`Play::set_scenario`]; while a big
    /// café is simulated in the back room, the runs shown before it).
    pub runs: RwSignal<Shared>,
    /// The back room (`helper`), where the page has one.
    pub helper: StoredValue<Option<Helper>, LocalStorage>,
    /// The strategy shown (its run is always in).
    pub strategy: RwSignal<Strategy>,
    /// Its run: changes when the strategy or its run does, not when
    /// another strategy's run comes in.
    pub shown: Memo<SharedRun>,
    /// The café's customers (changes with the café only).
    pub customers: Memo<Customers>,
    /// A strategy asked for while its run was still being simulated: shown
    /// once it is in.
    pub wanted: StoredValue<Option<Strategy>>,
    /// The learner's handler as typed (`None` until "Your code" is first
    /// picked or a link brings one). The café runs its last good version
    /// (`runs`' `yours`).
    pub code: RwSignal<Option<String>>,
    /// What stops the text typed from running, if anything.
    pub mistake: RwSignal<Option<Mistake>>,
    /// The playhead: the only clock of the UI.
    pub t: RwSignal<SimTime>,
    /// Playing or paused.
    pub playing: RwSignal<bool>,
    /// Simulated milliseconds per real millisecond.
    pub speed: RwSignal<f64>,
    /// Set when a switch of strategy found the playhead past the new run's
    /// end: that strategy, its end (where the playhead went) and the
    /// instant it was at. Cleared once the playhead or the strategy moves.
    pub ended_sooner: RwSignal<Option<(Strategy, SimTime, SimTime)>>,
    /// The customer whose code and lane are highlighted.
    pub selected: RwSignal<u32>,
    /// Large type for projectors.
    pub large: RwSignal<bool>,
    /// Tween between states (off when the user prefers reduced motion).
    pub motion: Signal<bool>,
    /// The code panel's language.
    pub language: RwSignal<Language>,
    /// The first customer lane the timeline shows.
    pub first_lane: RwSignal<usize>,
    /// Light, dark, or like the system.
    pub theme: RwSignal<Theme>,
    /// The preset the café started from (its id; links are relative to it).
    pub preset: StoredValue<String>,
    /// That preset's title.
    pub preset_title: StoredValue<String>,
    /// The view the link asked for (embed, lesson, presenter mode, autoplay).
    pub start: StoredValue<View>,
    /// The lesson being taught, if any.
    pub lesson: StoredValue<Option<Lesson>>,
    /// Its current step (0-based).
    pub lesson_step: RwSignal<usize>,
    /// The answer picked at each step of the lesson, by step (kept when
    /// going back and forth).
    pub answers: RwSignal<Vec<Option<usize>>>,
    /// Past the lesson's last step: its end is shown.
    pub lesson_done: RwSignal<bool>,
    /// What to focus in the lesson panel once it is next drawn (selectors
    /// inside `#lesson`, the first found wins): the panel is rebuilt under
    /// the focused control.
    pub lesson_focus: StoredValue<&'static [&'static str]>,
}

impl Play {
    /// State for `scenario`, showing what `view` asks for (the playhead is
    /// kept within the run; without a followed customer, Karen if she
    /// comes, else the first).
    pub fn new(scenario: Scenario, view: View, motion: Signal<bool>) -> Play {
        Play::with_runs(scenario, None, view, motion, None)
    }

    /// [`Play::new`] with the scenario's runs already made (`None`: made
    /// here), and the back room to simulate big cafés in, if there is one.
    pub fn with_runs(
        scenario: Scenario,
        runs: Option<Shared>,
        view: View,
        motion: Signal<bool>,
        helper: Option<Helper>,
    ) -> Play {
        let runs = RwSignal::new(runs.unwrap_or_else(|| here(&scenario)));
        let code = view.code.clone().or_else(|| {
            (view.strategy == Strategy::Yours)
                .then(|| runs.with_untracked(|r| starting_text(Strategy::Await, &r.0)))
        });
        let strategy = RwSignal::new(view.strategy);
        let shown = Memo::new(move |_| {
            let s = strategy.get();
            #[allow(clippy::expect_used, reason = "the shown strategy's run is in")]
            runs.with(|r| r.0.shared(s).expect("the shown strategy's run"))
        });
        let play = Play {
            scenario: RwSignal::new(scenario),
            runs,
            helper: StoredValue::new_local(helper),
            strategy,
            shown,
            customers: Memo::new(move |_| runs.with(|r| Customers(r.0.instance.clone()))),
            wanted: StoredValue::new(None),
            code: RwSignal::new(None),
            mistake: RwSignal::new(None),
            t: RwSignal::new(SimTime::ZERO),
            playing: RwSignal::new(false),
            speed: RwSignal::new(view.speed),
            ended_sooner: RwSignal::new(None),
            selected: RwSignal::new(view.follow.unwrap_or(0)),
            large: RwSignal::new(view.large),
            motion,
            language: RwSignal::new(view.lang),
            first_lane: RwSignal::new(0),
            theme: RwSignal::new(view.theme),
            preset: StoredValue::new(String::new()),
            preset_title: StoredValue::new(String::new()),
            start: StoredValue::new(view.clone()),
            lesson: StoredValue::new(None),
            lesson_step: RwSignal::new(0),
            answers: RwSignal::new(Vec::new()),
            lesson_done: RwSignal::new(false),
            lesson_focus: StoredValue::new(&[]),
        };
        // Follow the link's customer; else Karen if she comes, else the first.
        if view.follow.is_none() {
            play.selected.set(play.runs.with_untracked(|r| {
                r.0.instance
                    .orders
                    .iter()
                    .position(|o| o.drink == Drink::PourOver)
                    .unwrap_or(0) as u32
            }));
        }
        if let Some(code) = code {
            play.write_code(code);
        }
        play.seek(view.t);
        // A big café's first runs: the rest are shown as they come.
        if let Some(helper) = play.helper.with_value(Clone::clone)
            && !play.runs.with_untracked(|r| r.0.complete())
        {
            helper.show_rest_with(move |runs| play.show(runs));
        }
        play
    }

    /// The learner typed `text`: the café runs it from now on, or, when it
    /// has a mistake, says so ([`Play::mistake`]) and keeps running the
    /// last text that ran.
    pub fn write_code(&self, text: String) {
        self.code.set(Some(text));
        self.run_code();
    }

    /// Puts strategy `s` written as a handler in the editor, and shows it
    /// running as "Your code".
    pub fn start_code_from(&self, s: Strategy) {
        let text = self.runs.with_untracked(|r| starting_text(s, &r.0));
        self.write_code(text);
        self.switch_strategy(Strategy::Yours);
    }

    /// Runs the learner's handler, if there is one and the café shown
    /// does not run it yet: here, at once, or for a big café in the back
    /// room (the café keeps its last run meanwhile, and if a new café is
    /// being simulated there, its runs come first and this follows). A
    /// mistake is said at once ([`Play::mistake`], cleared when it runs).
    fn run_code(&self) {
        let Some(text) = self.code.get_untracked() else {
            return;
        };
        let runs = self.runs.get_untracked();
        if runs.0.yours.as_ref().is_some_and(|y| y.text == text) {
            self.mistake.set(None);
            return;
        }
        let big = runs.0.instance.scenario.customers >= BACK_ROOM_FROM;
        match self.helper.with_value(Clone::clone).filter(|_| big) {
            Some(helper) => match Yours::check(&runs.0.instance, &text) {
                Err(mistake) => self.mistake.set(Some(mistake)),
                Ok(()) => {
                    self.mistake.set(None);
                    if !helper.simulating_cafe() {
                        let play = *self;
                        helper.simulate_code(runs, text, move |shared| play.show(shared));
                    }
                }
            },
            None => match Yours::new(&runs.0.instance, &text) {
                Err(mistake) => self.mistake.set(Some(mistake)),
                Ok(yours) => {
                    self.mistake.set(None);
                    self.runs.set(runs.with_yours(yours));
                    self.seek(self.t.get_untracked());
                }
            },
        }
    }

    /// Shows `runs` once the shown strategy's run is among them (a big
    /// café's come in one by one), and the learner's handler run on them
    /// (when they do not have it yet); a strategy asked for while it was
    /// still being simulated is shown once it is in.
    fn show(&self, runs: Shared) {
        if runs.0.get(self.strategy.get_untracked()).is_none() {
            return;
        }
        self.runs.set(runs);
        self.seek(self.t.get_untracked());
        if let Some(s) = self.wanted.get_value() {
            self.switch_strategy(s);
        }
        self.run_code();
    }

    /// Starts over from preset `id`: its café, paused at t = 0. False (and
    /// nothing changes) when there is no such preset.
    pub fn load_preset(&self, id: &str) -> bool {
        let Some((preset, scenario)) = builtin_presets()
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| Some((p, p.scenario().ok()?)))
        else {
            return false;
        };
        self.preset.set_value(preset.id.clone());
        self.preset_title.set_value(preset.title.clone());
        self.playing.set(false);
        self.set_scenario(scenario);
        self.t.set(SimTime::ZERO);
        true
    }

    /// Shows `scenario`'s café: simulated here at once, or, when it is big
    /// and the page has a back room, there (the café shown so far stays
    /// until the shown strategy's run is in; the others follow).
    pub fn set_scenario(&self, scenario: Scenario) {
        let helper = self.helper.with_value(Clone::clone);
        match helper {
            Some(helper) if scenario.customers >= BACK_ROOM_FROM => {
                let play = *self;
                let (shown, code) = (self.strategy.get_untracked(), self.code.get_untracked());
                helper.simulate(&scenario, shown, code, move |shared| play.show(shared));
            }
            // Here, at once; a big café still in the back room is forgotten
            // (its runs would come later and replace this one).
            helper => {
                if let Some(helper) = helper {
                    helper.cancel();
                }
                self.show(here(&scenario));
            }
        }
        self.scenario.set(scenario);
    }

    /// Whether the code panel shows the editor: "Your code" in JavaScript
    /// (tracking).
    pub fn editing(&self) -> bool {
        self.strategy.get() == Strategy::Yours && self.language.get() == Language::JavaScript
    }

    /// The line of the learner's text (from 1) the followed order is at,
    /// while "Your code" is shown and the text typed is the one that runs
    /// (tracking).
    pub fn written_line(&self) -> Option<usize> {
        if self.strategy.get() != Strategy::Yours {
            return None;
        }
        let (t, order) = (self.t.get(), self.follower());
        self.runs.with(|r| {
            let yours = r.0.yours.as_ref()?;
            if !self
                .code
                .with(|c| c.as_deref() == Some(yours.text.as_str()))
            {
                return None;
            }
            let point = yours
                .run
                .index
                .code_point(&yours.instance, &yours.run.trace, order, t);
            yours.line_of(order, point)
        })
    }

    /// The followed customer, kept within the café's orders (tracking).
    pub fn follower(&self) -> usize {
        let n = self.customers.with(|c| c.0.orders.len());
        (self.selected.get() as usize).min(n.saturating_sub(1))
    }

    /// Calls `f` with the runs and the shown strategy's run (tracking that
    /// run only: `f` may ask the runs of the café's customers, not of the
    /// other strategies' runs, which come in later for a big café).
    pub fn with_run<T>(&self, f: impl FnOnce(&Runs, &Run) -> T) -> T {
        self.shown
            .with(|run| self.runs.with_untracked(|r| f(&r.0, run)))
    }

    /// The end of the shown run.
    pub fn end(&self) -> SimTime {
        self.with_run(|_, run| run.trace.end)
    }

    /// Moves the playhead, kept within the shown run.
    pub fn seek(&self, t: SimTime) {
        let end = self
            .runs
            .with_untracked(|r| r.0.run(self.strategy.get_untracked()).trace.end);
        self.t.set(t.min(end));
    }

    /// Shows strategy `s` from the same instant: playing goes on playing,
    /// paused stays paused. When that instant is past the end of `s`'s run
    /// (it ended sooner), shows its end, paused, and says so
    /// ([`Play::ended_sooner`]). Showing the strategy already shown changes
    /// nothing; one still being simulated is shown once its run is in
    /// ([`Play::wanted`]).
    pub fn switch_strategy(&self, s: Strategy) {
        // A radio sends `input` and `change`: the second is no switch.
        if s == self.strategy.get_untracked() {
            self.wanted.set_value(None);
            return;
        }
        // "Your code" starts from the code shown so far.
        if s == Strategy::Yours && self.code.with_untracked(Option::is_none) {
            let from = self.strategy.get_untracked();
            let text = self.runs.with_untracked(|r| starting_text(from, &r.0));
            self.write_code(text);
        }
        self.show_strategy(s);
        if self.strategy.get_untracked() != s {
            return;
        }
        let (at, end) = (self.t.get_untracked(), self.end_untracked());
        if at > end {
            self.playing.set(false);
            self.t.set(end);
            self.ended_sooner.set(Some((s, end, at)));
        } else {
            self.ended_sooner.set(None);
        }
    }

    /// Shows strategy `s` as it is (the playhead is not looked at: the
    /// caller puts it), or, while its run is still being simulated, once it
    /// is in.
    pub fn show_strategy(&self, s: Strategy) {
        if self.runs.with_untracked(|r| r.0.get(s).is_some()) {
            self.wanted.set_value(None);
            self.strategy.set(s);
        } else {
            self.wanted.set_value(Some(s));
        }
    }

    /// Steps to the next (or previous) moment something happens; pauses.
    pub fn step(&self, forward: bool) {
        self.playing.set(false);
        let t = self.t.get_untracked();
        let next = self.runs.with_untracked(|r| {
            let index = &r.0.run(self.strategy.get_untracked()).index;
            if forward {
                index.next_time(t)
            } else {
                index.previous_time(t)
            }
        });
        self.seek(next);
    }

    /// Play or pause; playing from the end starts over.
    pub fn toggle(&self) {
        if !self.playing.get_untracked() && self.t.get_untracked() >= self.end_untracked() {
            self.t.set(SimTime::ZERO);
        }
        self.playing.update(|p| *p = !*p);
    }

    /// The end of the shown run, without tracking.
    pub fn end_untracked(&self) -> SimTime {
        self.runs
            .with_untracked(|r| r.0.run(self.strategy.get_untracked()).trace.end)
    }

    /// Advances the playhead by `real_ms` of wall time at the chosen speed;
    /// pauses at the end.
    pub fn advance(&self, real_ms: f64) {
        if !self.playing.get_untracked() {
            return;
        }
        let end = self.end_untracked();
        let step = SimTime::from_ms(real_ms.clamp(0.0, 100.0) * self.speed.get_untracked());
        let next = (self.t.get_untracked() + step).min(end);
        self.t.set(next);
        if next >= end {
            self.playing.set(false);
        }
    }
}

/// Strategy `s` written as a handler for every drink of `runs`' café: the
/// editor's starting text (as `espresso --starter` prints it).
fn starting_text(s: Strategy, runs: &Runs) -> String {
    starter(s, &runs.instance).trim_end().to_owned()
}
