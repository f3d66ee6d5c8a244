//! Links, the clipboard and downloads: the link to what is on screen, the
//! Share and Embed dialogs, copying (with a visible fallback where the
//! clipboard is unavailable, e.g. in a sandboxed frame), and files.

use super::dom::Page;
use super::state::Play;
use crate::link::{Embed, Panels, Theme, View, query};
use crate::view::share::{Served, fit_advice, frame_height, host_advice, iframe};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{HtmlInputElement, HtmlSelectElement};

/// What the screen shows now, as a link's view (the playhead in whole ms).
pub fn current_view(page: &Page, play: Play) -> View {
    let orders_open = page
        .0
        .query_selector("details.orders")
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
        lesson: play.lesson.with_value(|l| {
            l.as_ref()
                .map(|l| (l.id.clone(), play.lesson_step.get_untracked()))
        }),
        ..play.start.with_value(Clone::clone)
    }
}

/// The page's address without its query (`https://host/path/`).
fn base() -> String {
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

/// Opens the Share dialog with the link to this very view.
pub fn open_share(page: &Page, play: Play) {
    let url = link(play, &current_view(page, play));
    page.set_value("share-link", &url);
    page.set_text("share-status", "");
    show_modal(page, "share-dialog");
    if let Some(i) = page.get_as::<HtmlInputElement>("share-link") {
        i.select();
    }
}

thread_local! {
    /// What the check of how the app is served found (once per page).
    static SERVED: Cell<Served> = const { Cell::new(Served::Checking) };
}

/// Opens the Embed dialog with a snippet for this view; the first time,
/// finds out how the app is served and rewrites the snippet to match.
pub fn open_embed(page: &Page, play: Play) {
    page.set_text("embed-status", "");
    update_embed(page, play);
    show_modal(page, "embed-dialog");
    if SERVED.get() == Served::Checking {
        let page = page.clone();
        spawn_local(async move {
            SERVED.set(if served_with_cors().await {
                Served::Cors
            } else {
                Served::NoCors
            });
            update_embed(&page, play);
        });
    }
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

fn show_modal(page: &Page, id: &str) {
    if let Some(d) = page.get_as::<web_sys::HtmlDialogElement>(id) {
        let _ = d.show_modal();
    }
}

/// The panels, autoplay and theme ticked in the Embed dialog.
fn embed_choice(page: &Page) -> (Panels, bool, Theme) {
    let mut panels = Panels::NONE;
    let mut autoplay = false;
    let mut theme = Theme::Auto;
    for el in page.all("#embed-dialog [data-embed]") {
        let key = el.get_attribute("data-embed").unwrap_or_default();
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            match (key.as_str(), Panels::from_key(&key)) {
                ("autoplay", _) => autoplay = i.checked(),
                (_, Some(p)) if i.checked() => panels.insert(p),
                _ => {}
            }
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            theme = Theme::from_key(&s.value()).unwrap_or(Theme::Auto);
        }
    }
    (panels, autoplay, theme)
}

/// Rewrites the Embed dialog's snippet from its options.
pub fn update_embed(page: &Page, play: Play) {
    let (panels, autoplay, theme) = embed_choice(page);
    let panels = if panels.is_empty() {
        Panels::SCENE
    } else {
        panels
    };
    let view = View {
        embed: Some(Embed { panels }),
        autoplay,
        theme,
        present: false,
        lesson: None,
        ..current_view(page, play)
    };
    let title = play
        .preset_title
        .with_value(|t| format!("Async Espresso: {t}"));
    let served = SERVED.get();
    let snippet = iframe(
        &link(play, &view),
        &title,
        frame_height(&panels.keys()),
        served,
    );
    page.set_value("embed-code", &snippet);
    let origin = window().location().origin().unwrap_or_default();
    page.set_text("embed-host", &host_advice(served, &origin));
    // embed.js sits next to index.html: the page's folder.
    let base = base();
    let folder = &base[..base.rfind('/').map_or(base.len(), |i| i + 1)];
    page.set_text("embed-fit", &fit_advice(folder));
}

/// Copies the text of form field `field` to the clipboard and says so in
/// `status`; where the clipboard is unavailable or refuses, selects the text
/// and asks for Ctrl+C instead.
pub fn copy(page: &Page, field: &'static str, status: &'static str) {
    let Some(el) = page.get(field) else { return };
    let text = el
        .dyn_ref::<HtmlInputElement>()
        .map(HtmlInputElement::value)
        .or_else(|| {
            el.dyn_ref::<web_sys::HtmlTextAreaElement>()
                .map(web_sys::HtmlTextAreaElement::value)
        })
        .unwrap_or_default();
    let fallback = {
        let page = page.clone();
        move || {
            if let Some(i) = page.get_as::<HtmlInputElement>(field) {
                i.select();
            } else if let Some(t) = page.get_as::<web_sys::HtmlTextAreaElement>(field) {
                t.select();
            }
            page.set_text(
                status,
                "Copying is not allowed here: the text is selected, press Ctrl+C (⌘C on a Mac).",
            );
        }
    };
    let clipboard = window().navigator().clipboard();
    // Absent in insecure or sandboxed contexts in some browsers.
    if JsValue::from(clipboard.clone()).is_undefined() {
        fallback();
        return;
    }
    let promise = clipboard.write_text(&text);
    let page = page.clone();
    spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(_) => page.set_text(status, "Copied."),
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
