//! The page and its surroundings: the address bar's link kept equal to
//! what is on screen, and an embed that pauses when nobody can see it.

use super::app::watch;
use super::dom::Page;
use super::share;
use super::state::Play;
use leptos::prelude::*;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_element_visibility::use_element_visibility;
use wasm_bindgen::JsValue;

/// Keeps the address bar's link equal to what is on screen (the playhead
/// when paused), at most a few times a second, so that reloading or copying
/// the address shows the same thing.
pub fn keep_link(play: Play, page: &Page) {
    let page = page.clone();
    let pending = std::rc::Rc::new(std::cell::Cell::new(false));
    watch(move || {
        play.scenario.track();
        play.strategy.track();
        play.speed.track();
        play.selected.track();
        play.language.track();
        play.large.track();
        play.theme.track();
        play.code.track();
        if !play.playing.get() {
            play.t.track();
        }
        if pending.replace(true) {
            return;
        }
        let (page, pending) = (page.clone(), pending.clone());
        set_timeout(
            move || {
                pending.set(false);
                // The app may be gone by now (dropped): its signals with it.
                if play.strategy.try_get_untracked().is_none() {
                    return;
                }
                let q = share::link(play, &share::current_view(&page, play));
                let q = &q[q.find('?').unwrap_or(q.len())..];
                let location = window().location();
                if location.search().unwrap_or_default() != q
                    && let Ok(history) = window().history()
                {
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(q));
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
}

/// In a blog's frame: pause when the frame scrolls out of view or the tab
/// is hidden (the reader is not watching; the page should not burn CPU);
/// `autoplay` starts playing the first time the frame is seen.
pub fn pause_when_unseen(page: &Page, play: Play, autoplay: bool) {
    let seen = use_element_visibility(page.0.clone());
    let tab = use_document_visibility();
    let was_seen = std::cell::Cell::new(false);
    watch(move || {
        let (now, hidden) = (seen.get(), tab.get() == web_sys::VisibilityState::Hidden);
        if now && !was_seen.get() && autoplay && !hidden {
            play.playing.set(true);
        }
        if (was_seen.get() && !now) || hidden {
            play.playing.set(false);
        }
        was_seen.set(now);
    });
}
