//! The code panel kept current: the listing of the chosen strategy in the
//! chosen language with the followed order's line marked (scrolled into view
//! inside its own box), its caption and the note under it.

use super::app::{show, watch};
use super::dom::Page;
use super::state::Play;
use crate::engine::Strategy;
use crate::listing::{ErrorHandling, Language, Mechanisms, line_of, listing_of, listing_with};
use crate::view;
use crate::view::ids;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The code panel: the "Follow" menu, the listing with the followed
/// order's line marked, the caption and the language tabs.
pub fn code(page: &Page, play: Play) {
    // The followed order's recipe as the shown code makes it, for the
    // listing and the note under it.
    let plan = Memo::new(move |_| {
        let strategy = play.strategy.get();
        play.runs
            .with(|r| r.0.instance_of(strategy).plan(play.follower()).to_vec())
    });
    let listed = Memo::new(move |_| {
        // Read through the signal, so switching the breaker or the cache
        // (or the error handling) rewrites the code.
        let (errors, mechanisms) = play
            .scenario
            .with(|s| (ErrorHandling::of(s), Mechanisms::of(s)));
        let (strategy, language) = (play.strategy.get(), play.language.get());
        let written = play.runs.with(|r| {
            let yours = r.0.yours.as_ref().filter(|_| strategy == Strategy::Yours)?;
            let drink = r.0.instance.orders.get(play.follower())?.drink;
            let flow = &yours.instance.flows.as_deref()?[drink.index()];
            Some(listing_of(&yours.program, flow, language))
        });
        written.unwrap_or_else(|| {
            plan.with(|plan| listing_with(strategy, language, plan, errors, mechanisms))
        })
    });
    let current = Memo::new(move |_| {
        // In the editor: the line of the learner's text.
        if play.editing() {
            return play.written_line().map(|line| line - 1);
        }
        let (t, o, strategy) = (play.t.get(), play.follower(), play.strategy.get());
        let point = play.with_run(|runs, run| {
            run.index
                .code_point(runs.instance_of(strategy), &run.trace, o, t)
        });
        listed.with(|l| line_of(l, point))
    });
    // "Your code" in JavaScript is the editor (`components::CodeEditor`).
    let p = page.clone();
    watch(move || p.set_hidden(ids::CODE_PRE, play.editing()));
    show(page, ids::CODE_LINES, move || {
        listed.with(|l| view::code::lines(l, current.get()))
    });
    // Keep the current line in view inside the code's own scroll box (the
    // page itself never scrolls under the reader). Measured when the frame
    // is drawn (the browser lays the page out then anyway), not as soon as
    // the line moves (that would lay it out once more).
    let p = page.clone();
    watch(move || {
        current.track();
        listed.track();
        let p = p.clone();
        request_animation_frame(move || keep_in_view(&p));
    });
    show(page, ids::CODE_NOTE, move || {
        plan.with(|plan| play.scenario.with(|s| view::code::note(plan, s)))
    });
    show(page, ids::CODE_CAPTION, move || {
        let name = play
            .runs
            .with(|r| r.0.instance.name(play.follower()).into_owned());
        if play.editing() && play.mistake.with(Option::is_some) {
            return view::code::caption_on_mistake(&name);
        }
        view::code::caption(current.get(), &name)
    });
    let p = page.clone();
    watch(move || {
        let lang = play.language.get();
        for l in Language::ALL {
            let id = ids::code_tab(l);
            p.set_attr(
                &id,
                "aria-selected",
                if l == lang { "true" } else { "false" },
            );
            p.set_attr(&id, "tabindex", if l == lang { "0" } else { "-1" });
        }
        p.set_attr(ids::CODE_PRE, "data-lang", lang.key());
        p.set_attr(ids::CODE_SCROLL, "aria-labelledby", &ids::code_tab(lang));
    });
}

/// Scrolls the code's own box so that its current line shows.
fn keep_in_view(p: &Page) {
    let Some(scroll) = p.get_as::<HtmlElement>(ids::CODE_SCROLL) else {
        return;
    };
    // The listing's or the editor's, whichever is shown.
    let Ok(marked) = scroll.query_selector_all(".code-line.current") else {
        return;
    };
    let line = (0..marked.length())
        .filter_map(|i| marked.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|l| l.offset_height() > 0);
    let Some(line) = line else {
        return;
    };
    let (top, height, view) = (
        line.offset_top(),
        line.offset_height(),
        scroll.client_height(),
    );
    let shown = scroll.scroll_top();
    if top < shown || top + height > shown + view {
        scroll.set_scroll_top((top - view / 3).max(0));
    }
}
