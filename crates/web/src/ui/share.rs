//! Links, the clipboard and downloads: the link to what is on screen, how
//! the app is served (for the Embed dialog's snippet), copying (with a
//! visible fallback where the clipboard is unavailable, e.g. in a sandboxed
//! frame), and files. The dialogs themselves are `components::share`.
#![cfg_attr(
    not(target_arch = "wasm32"),
    allow(
        dead_code,
        reason = "natively only the first view is rendered: nothing here is called"
    )
)]

use super::dom::Page;
use super::state::Play;
use crate::link::{View, query};
use crate::view::share::Served;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, spawn_local};

/// What the screen shows now, as a link's view (the playhead in whole ms).
pub fn current_view(page: &Page, play: Play) -> View {
    let orders_open = page
        .0
        .query_selector(super::dom::ORDERS_PANEL)
        .ok()
        .flatten()
        .is_some_and(|d| d.has_attribute("open"));
    View {
        strategy: play.strategy.get_untracked(),
        speed: play.speed.get_untracked(),
        t: crate::engine::SimTime(play.t.get_untracked().0 / 1000 * 1000),
        follow: Some(play.selected.get_untracked()),
        lang: play.language.get_untracked(),
        large: play.large.get_untracked(),
        orders_open,
        theme: play.theme.get_untracked(),
        code: play.code.get_untracked(),
        lesson: play.lesson.with_value(|l| {
            l.as_ref()
                .map(|l| (l.id.clone(), play.lesson_step.get_untracked()))
        }),
        ..play.start.with_value(Clone::clone)
    }
}

/// The page's address without its query (`https://host/path/`).
pub fn base() -> String {
    let href = window().location().href().unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

/// The full link to `view` of the café on screen.
pub fn link(play: Play, view: &View) -> String {
    let q = play
        .scenario
        .with_untracked(|s| query(&play.preset.with_value(Clone::clone), s, view));
    format!("{}{q}", base())
}

thread_local! {
    /// What the check of how the app is served found (once per page).
    pub static SERVED: Cell<Served> = const { Cell::new(Served::Checking) };
}

/// Finds out how the app is served (once per page) and calls `then`
/// with the answer in [`SERVED`].
pub fn probe_served(then: impl Fn() + 'static) {
    spawn_local(async move {
        SERVED.set(if served_with_cors().await {
            Served::Cors
        } else {
            Served::NoCors
        });
        then();
    });
}

/// Whether every file a sandboxed frame fetches in CORS mode (the start
/// script, the JS glue, the wasm: Trunk's module scripts and preloads) comes
/// with `Access-Control-Allow-Origin`. Asks with `HEAD`; a failed request
/// counts as no.
async fn served_with_cors() -> bool {
    let init = web_sys::RequestInit::new();
    init.set_method("HEAD");
    let files = document().query_selector_all(
        "script[type=module][src], link[rel=modulepreload][href], link[rel=preload][as=fetch][href]",
    );
    let Ok(files) = files else { return false };
    for i in 0..files.length() {
        let Some(el) = files
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let url = el
            .get_attribute("src")
            .or_else(|| el.get_attribute("href"))
            .unwrap_or_default();
        let answer = JsFuture::from(window().fetch_with_str_and_init(&url, &init)).await;
        let allowed = answer
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .filter(web_sys::Response::ok)
            .and_then(|r| {
                r.headers()
                    .get("access-control-allow-origin")
                    .ok()
                    .flatten()
            })
            .is_some();
        if !allowed {
            return false;
        }
    }
    files.length() > 0
}

/// Copies `text` to the clipboard and says so in `status`; where the
/// clipboard is unavailable or refuses, `select`s the text on screen and
/// asks for Ctrl+C instead.
pub fn copy(text: String, status: RwSignal<String>, select: impl Fn() + 'static) {
    let fallback = move || {
        select();
        status.set(
            "Copying is not allowed here: the text is selected, press Ctrl+C (⌘C on a Mac).".into(),
        );
    };
    let clipboard = window().navigator().clipboard();
    // Absent in insecure or sandboxed contexts in some browsers.
    if JsValue::from(clipboard.clone()).is_undefined() {
        fallback();
        return;
    }
    let promise = clipboard.write_text(&text);
    spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(_) => status.set("Copied.".into()),
            Err(_) => fallback(),
        }
    });
}

/// Offers `text` as a file called `name` (a download; blocked, silently, in
/// frames that do not allow downloads).
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
