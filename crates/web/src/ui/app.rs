//! The app: puts the page's frame (`crate::view::page`) in its root
//! element, places the interactive components in it, wires the panels
//! (`code_panel`, `results`, the painters, the lesson, the address bar)
//! and runs the animation loop. The panels' effects come in two shapes
//! only ([`watch`] and [`show`]), so the WebAssembly holds one copy of
//! each.

use super::canvas::Palette;
use super::components::{
    CodeActions, CodeEditor, FollowPicker, LessonPanel, MastheadActions, ParamForm, Scrubber,
    StrategySwitch, Transport, place,
};
use super::dom::Page;
use super::events;
use super::helper::{BACK_ROOM_FROM, Helper};
use super::lesson;
use super::paint;
use super::share;
use super::state::Play;
use super::state::Shared;
use crate::engine::decimal::fixed;
use crate::engine::{SimTime, Strategy};
use crate::link::{Theme, View};
use crate::play::frame::Frame;
use crate::play::narrate::narrate;
use crate::play::scene::describe;
use crate::setup::{PageSetup, setup_from_query};
use crate::view;
use crate::view::ids;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_use_preferences::{use_preferred_dark, use_prefers_reduced_motion};
use leptos_use_raf_fn::use_raf_fn;
use std::rc::Rc;
use web_sys::HtmlElement;

/// Real milliseconds between two spoken narrations.
const NARRATION_GAP_MS: f64 = 2500.0;
/// Runs `f` now and again whenever a signal it read changes.
pub fn watch(f: impl Fn() + 'static) {
    watch_boxed(Box::new(f));
}

/// [`watch`]'s effect, made in one place: never inlined into the callers,
/// so the WebAssembly holds one copy of an effect's setup, not one per
/// watch.
#[inline(never)]
fn watch_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// Keeps the content of `id` equal to the markup `f` makes (escaped by
/// `crate::view`); touches the page only when the markup changes.
pub fn show(page: &Page, id: &'static str, f: impl Fn() -> String + 'static) {
    show_boxed(page.clone(), id, Box::new(f));
}

/// [`show`]'s effect, made in one place (see [`watch_boxed`]).
#[inline(never)]
fn show_boxed(page: Page, id: &'static str, f: Box<dyn Fn() -> String>) {
    Effect::new(move |before: Option<String>| {
        let html = f();
        let changed = match &before {
            Some(before) => *before != html,
            // The first time, the first view may hold this markup already.
            None => !page.holds(id, &html),
        };
        if changed {
            page.set_html(id, &html);
        }
        html
    });
}

/// Runs `f` in a task of its own, after what is queued now (the page gets
/// drawn in between), under the app's owner: what it makes lives and dies
/// with the app.
fn later(f: impl FnOnce() + 'static) {
    let owner = Owner::current();
    set_timeout(
        move || match owner {
            Some(owner) => owner.with(f),
            None => f(),
        },
        std::time::Duration::ZERO,
    );
}

/// Starts the app in the page's `<body>`, set up from the page's link (in
/// place of the first view, `ui::first_view`, if the page has one). A big
/// café is simulated in the back room (`helper`) before the app shows it.
pub fn start() {
    let Some(body) = document().body() else {
        return;
    };
    let search = window().location().search().unwrap_or_default();
    let setup = setup_from_query(&search);
    // The first view is the default café's: a link to any other café
    // builds its own page.
    let first_view = body
        .query_selector(FIRST_VIEW)
        .ok()
        .flatten()
        .filter(|_| search.len() <= 1);
    let helper = Helper::new();
    match helper
        .clone()
        .filter(|_| setup.scenario.customers >= BACK_ROOM_FROM)
    {
        // A big café: simulated in the back room while the page waits for
        // the shown strategy's run (the page shows the others as they come).
        Some(back) => {
            let (scenario, first) = (setup.scenario.clone(), setup.view.strategy);
            let code = setup.view.code.clone();
            let wanted = Strategy::ALL.len() + usize::from(code.is_some());
            let note = waiting(&body, scenario.customers, wanted);
            let start = std::cell::RefCell::new(Some((body, setup, helper, note)));
            back.simulate(&scenario, first, code, move |runs| {
                if runs.0.get(first).is_none() {
                    return;
                }
                if let Some((body, setup, helper, note)) = start.take() {
                    if let Some(note) = note {
                        note.remove();
                    }
                    // The page lives as long as the tab: never unmounted.
                    std::mem::forget(mount_with(body, setup, Some(runs), helper, None));
                }
            });
        }
        None => std::mem::forget(mount_with(body, setup, None, helper, first_view)),
    }
}

/// Mounts the app into `root`, set up from the query string `search`
/// (e.g. `?preset=karen&strategy=join`), simulating on the main thread.
/// Dropping what it returns stops it (its effects and listeners go; the
/// markup stays).
pub fn mount(root: HtmlElement, search: String) -> Mounted {
    mount_with(root, setup_from_query(&search), None, None, None)
}

/// The wrapper `index.html` puts the first view in (`scripts/post-build.mjs`).
const FIRST_VIEW: &str = ".first-view";
/// `index.html`'s note for a page whose app does not start.
const BOOT_FALLBACK: &str = ".boot-fallback";

/// [`mount`] from the link's `setup`, with the café's runs already made
/// (`None`: made now) and the back room for big cafés, if the page has one;
/// taking over `first_view` (the page as it is at t = 0 for this very
/// link, `ui::first_view`) where there is one, else building the page.
fn mount_with(
    root: HtmlElement,
    setup: PageSetup,
    runs: Option<Shared>,
    helper: Option<Helper>,
    first_view: Option<web_sys::Element>,
) -> Mounted {
    Mounted(Box::new(mount_to(root.clone(), move || {
        build(Page(root), setup, runs, helper, first_view)
    })))
}

/// Says, at the top of `body`, that `customers` are being simulated in the
/// back room, `runs` of them (once that has taken [`SAY_BUSY_AFTER`]).
fn waiting(body: &HtmlElement, customers: u32, runs: usize) -> Option<web_sys::Element> {
    let note = document().create_element("p").ok()?;
    note.set_class_name("back-room waiting");
    let _ = note.set_attribute("role", "status");
    let _ = note.set_attribute("hidden", "");
    note.set_text_content(Some(&view::page::busy(customers, 0, runs)));
    let _ = body.prepend_with_node_1(&note);
    let shown = note.clone();
    set_timeout(
        move || {
            let _ = shown.remove_attribute("hidden");
        },
        SAY_BUSY_AFTER,
    );
    Some(note)
}

/// How long the back room works before the page says so.
const SAY_BUSY_AFTER: std::time::Duration = std::time::Duration::from_millis(100);

/// A mounted app; dropping it stops the app.
pub struct Mounted(#[allow(dead_code, reason = "held only to be dropped")] Box<dyn std::any::Any>);

/// Builds the app in `page`: its frame, its components, panels and
/// painters. Taking over `first_view` (which is that frame already,
/// filled, and inert), or showing a big café's first runs (while the back
/// room still simulates the others), it builds the stage in a few short
/// tasks and then lets the page work; else in one task.
fn build(
    page: Page,
    mut setup: PageSetup,
    runs: Option<Shared>,
    helper: Option<Helper>,
    first_view: Option<web_sys::Element>,
) {
    let taking_over = first_view.is_some();
    // The first view stays on screen while the app builds in its place, so
    // the work can be split into tasks (the page answers in between); so
    // can a big café's (nothing was on screen but the note that it is
    // being simulated).
    let in_tasks = taking_over || runs.is_some();
    let step = move |f: Box<dyn FnOnce()>| {
        if in_tasks { later(f) } else { f() }
    };
    // A lesson the link names must exist; its step must be one of its own.
    let lesson = setup.view.lesson.clone().and_then(|(id, step)| {
        let found = crate::lessons::lesson(&id);
        match &found {
            None => setup.notices.push(crate::link::notice(
                "lesson",
                &id,
                "there is no such lesson",
                "showing the playground without one",
            )),
            Some(l) if step >= l.steps.len() => setup.notices.push(crate::link::notice(
                "step",
                &(step + 1).to_string(),
                &format!("the lesson has {} steps", l.steps.len()),
                "showing its last step",
            )),
            Some(_) => {}
        }
        found.map(|l| {
            let last = l.steps.len().saturating_sub(1);
            (l, step.min(last))
        })
    });
    if lesson.is_none() {
        setup.view.lesson = None;
    }
    let view = setup.view.clone();
    let embedded = view.embed.is_some();
    if !taking_over {
        page.0.set_inner_html(&view::page::skeleton(&setup));
    }
    // The café's runs (simulated now for a small café): a task of its own
    // when taking over the first view, like each step of the stage.
    step(Box::new(move || {
        let reduced = use_prefers_reduced_motion();
        let play = Play::with_runs(
            setup.scenario.clone(),
            runs,
            view.clone(),
            Signal::derive(move || !reduced.get()),
            helper.clone(),
        );
        if let Some(helper) = helper {
            let progress = helper.progress();
            let p = page.clone();
            // Said over the café shown so far, until the new café's first
            // run is in (the switch then says which are still coming).
            watch(move || match progress.get() {
                Some((customers, done, of)) if play.runs.with(|r| r.0.complete()) => {
                    p.set_text(ids::BUSY, &view::page::busy(customers, done, of));
                    let p = p.clone();
                    set_timeout(
                        move || {
                            let old_cafe = play.runs.with_untracked(|r| r.0.complete());
                            if progress.get_untracked().is_some() && old_cafe {
                                p.set_hidden(ids::BUSY, false);
                            }
                        },
                        SAY_BUSY_AFTER,
                    );
                }
                _ => p.set_hidden(ids::BUSY, true),
            });
        }
        play.preset.set_value(setup.preset.id.clone());
        play.preset_title.set_value(setup.preset.title.clone());
        let dark = use_preferred_dark();
        let palette = Memo::new(move |_| {
            dark.track();
            play.large.track();
            play.theme.track();
            Palette::read()
        });
        watch(move || {
            let theme = play.theme.get();
            if let Some(root) = document().document_element() {
                let _ = match theme {
                    Theme::Auto => root.remove_attribute("data-theme"),
                    t => root.set_attribute("data-theme", t.key()),
                };
            }
        });

        // Each step a short task of its own when taking over the first view
        // (the first time code runs, the browser compiles it: about as long
        // again as running it).
        let help = NodeRef::new();
        let p = page.clone();
        step(Box::new(move || {
            place(
                &p,
                ids::STRATEGY_SWITCH,
                move || view! { <StrategySwitch play /> },
            );
        }));
        let p = page.clone();
        step(Box::new(move || {
            place(
                &p,
                ids::TRANSPORT,
                move || view! { <Transport play help /> },
            );
            place(&p, ids::SCRUBBER, move || view! { <Scrubber play /> });
        }));
        let p = page.clone();
        step(Box::new(move || {
            place(
                &p,
                ids::FOLLOW_PICKER,
                move || view! { <FollowPicker play /> },
            );
        }));
        let p = page.clone();
        step(Box::new(move || {
            let here = p.clone();
            let now: Rc<dyn Fn() -> View> = Rc::new(move || share::current_view(&here, play));
            place(
                &p,
                ids::MASTHEAD_ACTIONS,
                move || view! { <MastheadActions play now /> },
            );
        }));
        let p = page.clone();
        step(Box::new(move || controls(&p, play)));
        let p = page.clone();
        step(Box::new(move || super::code_panel::code(&p, play)));
        let p = page.clone();
        step(Box::new(move || {
            place(&p, ids::CODE_EDITOR, move || view! { <CodeEditor play /> });
            place(
                &p,
                ids::CODE_ACTIONS,
                move || view! { <CodeActions play /> },
            );
        }));
        let lanes = paint::lanes_of(play);
        let p = page.clone();
        step(Box::new(move || paint::scene_painter(&p, play, palette)));
        let p = page.clone();
        step(Box::new(move || {
            events::listen(&p, play, lanes, help);
            animate(&p, play);
        }));
        // The app has started: the note for a page that does not start goes
        // (building the page replaces it). Once the stage is built, the page
        // is the app's: it works, and its stylesheet treats it as the app's
        // (no longer the first view's).
        if let Some(wrapper) = first_view {
            if let Ok(Some(note)) = document().query_selector(BOOT_FALLBACK) {
                note.remove();
            }
            step(Box::new(move || {
                let _ = wrapper.remove_attribute("inert");
                let _ = wrapper.set_attribute("class", "app");
            }));
        }
        // Below the stage, each in a task of its own once the stage is drawn:
        // the page answers a click between them (no long task at start-up).
        let p = page.clone();
        later(move || super::results::results(&p, play));
        let p = page.clone();
        later(move || place(&p, ids::PARAM_FORM, move || view! { <ParamForm play /> }));
        let p = page.clone();
        later(move || {
            paint::timeline_painter(&p, play, palette, lanes);
            paint::race_painter(&p, play, palette);
        });
        if let Some((l, step)) = lesson {
            play.lesson.set_value(Some(l));
            place(
                &page,
                ids::LESSON_PANEL,
                move || view! { <LessonPanel play /> },
            );
            lesson::keep_focus(&page, play);
            lesson::go_to(play, step);
        }
        if embedded {
            super::address::pause_when_unseen(&page, play, view.autoplay);
            let full = View {
                embed: None,
                autoplay: false,
                ..share::current_view(&page, play)
            };
            page.set_attr(ids::OPEN_FULL, "href", &share::link(play, &full));
            super::host::connect(&page, play);
        } else {
            super::address::keep_link(play, &page);
        }
        if view.present {
            // Presenter mode: large type and high contrast, for the back row.
            play.large.set(true);
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-present", "");
            }
        }
        if view.autoplay && !embedded {
            play.playing.set(true);
        }
    }));
}

/// The animation loop (the only place time moves on its own) and the
/// narration it speaks at a readable pace.
fn animate(page: &Page, play: Play) {
    let page = page.clone();
    let spoken = std::cell::Cell::new((0.0_f64, SimTime::ZERO));
    let _ = use_raf_fn(move |frame| {
        let before = play.t.get_untracked();
        play.advance(frame.delta);
        let (last_real, last_t) = spoken.get();
        if play.playing.get_untracked() && frame.timestamp - last_real >= NARRATION_GAP_MS {
            let now = play.t.get_untracked();
            let said = play.runs.with_untracked(|r| {
                let strategy = play.strategy.get_untracked();
                narrate(
                    r.0.instance_of(strategy),
                    r.0.run(strategy),
                    last_t.min(before),
                    now,
                )
            });
            spoken.set((frame.timestamp, now));
            if let Some(text) = said {
                page.set_text(ids::NARRATION, &text);
            }
        }
    });
}

/// The controls' own state: large type, the strategy picker, the play
/// button, the clock and scrubber, the scene's words, the event loop, the
/// footer.
fn controls(page: &Page, play: Play) {
    let p = page.clone();
    watch(move || {
        let on = play.large.get();
        p.set_class(ids::PLAYGROUND, "large", on);
    });
    let p = page.clone();
    watch(move || {
        let s = play.strategy.get();
        let written = play
            .runs
            .with(|r| r.0.yours.is_some() || r.0.pending().any(|p| p == Strategy::Yours));
        for other in Strategy::WITH_YOURS {
            p.set_attr(
                &ids::race(other),
                "data-shown",
                if other == s { "true" } else { "false" },
            );
        }
        for button in p.all(".race-cafe") {
            let key = button.get_attribute("data-strategy");
            let here = key.as_deref() == Some(s.key());
            let _ = button.set_attribute("aria-pressed", if here { "true" } else { "false" });
            // "Your code" races once there is a handler of the learner's.
            if let Some(item) = button.parent_element() {
                let hide = key.as_deref() == Some(Strategy::Yours.key()) && !written;
                let _ = item.toggle_attribute_with_force("hidden", hide);
            }
        }
        for (id, text) in view::page::strategy_texts(s) {
            p.set_text(id, &text);
        }
    });
    let p = page.clone();
    watch(move || {
        let motion = play.motion.get();
        p.set_attr(
            ids::SCENE,
            "data-motion",
            if motion { "full" } else { "reduced" },
        );
    });
    // While playing, the words change at most ten times a second of
    // simulated time; paused (stepped, scrubbed, or at the end), they tell
    // the very instant the clock shows.
    show(page, ids::SCENE_WORDS, move || {
        let t = play.t.get();
        let t = if play.playing.get() {
            SimTime(t.0 / 100_000 * 100_000)
        } else {
            t
        };
        let strategy = play.strategy.get();
        let words = play
            .runs
            .with(|r| describe(r.0.instance_of(strategy), &Frame::at(&r.0, strategy, t)));
        let mut h = view::Html::new();
        h.text(&words);
        h.into_string()
    });
    show(page, ids::LOOP, move || {
        let t = play.t.get();
        play.with_run(|runs, run| view::loop_panel::loop_panel(runs, run, t))
    });
    let p = page.clone();
    watch(move || {
        play.runs.with(|r| {
            p.set_attr(
                ids::SIM_TIME,
                "data-simulate-ms",
                &fixed(r.1.simulate_ms, 3),
            );
            p.set_attr(ids::SIM_TIME, "data-total-ms", &fixed(r.1.total_ms, 3));
            p.set_attr(ids::SIM_TIME, "data-first-ms", &fixed(r.1.first_ms, 3));
            p.set_text(ids::SIM_TIME, &view::page::sim_time(&r.0, &r.1));
        })
    });
}
