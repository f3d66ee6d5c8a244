//! The masthead's actions: large type, and the Share and Embed dialogs
//! (the link to this very view; an `<iframe>` snippet with its options,
//! written for how the app is served).

use super::{derived, on_click, on_event};
use crate::link::{Embed, Panels, Theme, View};
use crate::ui::share::{SERVED, base, copy, link, probe_served};
use crate::ui::state::Play;
use crate::view::share::{EMBED_PANELS, Served, fit_advice, frame_height, host_advice, iframe};
use leptos::html::{Dialog, Input, Textarea};
use leptos::prelude::*;
use std::rc::Rc;

/// Opens `dialog` as a modal.
fn open(dialog: NodeRef<Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        let _ = d.show_modal();
    }
}

/// A dialog's way out: copy `text` (saying how it went in `status`, shown
/// under the buttons as `status_id`; `select` selects it on screen when the
/// clipboard refuses) or close.
fn copy_actions(
    label: &'static str,
    text: RwSignal<String>,
    status_id: &'static str,
    status: RwSignal<String>,
    select: Rc<dyn Fn()>,
) -> impl IntoView {
    let press = on_click(move |_| {
        let select = select.clone();
        copy(text.get_untracked(), status, move || select());
    });
    view! {
        <div class="dialog-actions">
            <button type="button" on:click=press>{label}</button>
            <form method="dialog"><button>"Close"</button></form>
        </div>
        <p id=status_id class="status" role="status">{status}</p>
    }
}

/// Large type, Share and Embed, with their dialogs; `now` tells what the
/// screen shows (as a link's view) when a dialog opens.
#[component]
pub fn MastheadActions(play: Play, now: Rc<dyn Fn() -> View>) -> impl IntoView {
    let (share, embed) = (NodeRef::<Dialog>::new(), NodeRef::<Dialog>::new());
    let (field, code) = (NodeRef::<Input>::new(), NodeRef::<Textarea>::new());
    let (shared, share_status) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // The Embed dialog's options and what they make.
    let panels = RwSignal::new(Panels::EMBED_DEFAULT);
    let autoplay = RwSignal::new(false);
    let theme = RwSignal::new(Theme::Auto);
    let snippet = RwSignal::new(String::new());
    let (host, fit) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let embed_status = RwSignal::new(String::new());
    let write = {
        let now = now.clone();
        move || {
            let chosen = if panels.get_untracked().is_empty() {
                Panels::SCENE
            } else {
                panels.get_untracked()
            };
            let view = View {
                embed: Some(Embed { panels: chosen }),
                autoplay: autoplay.get_untracked(),
                theme: theme.get_untracked(),
                present: false,
                lesson: None,
                ..now()
            };
            let title = play
                .preset_title
                .with_value(|t| format!("Async Espresso: {t}"));
            let served = SERVED.get();
            snippet.set(iframe(
                &link(play, &view),
                &title,
                frame_height(&chosen.keys()),
                served,
            ));
            let origin = window().location().origin().unwrap_or_default();
            host.set(host_advice(served, &origin));
            // embed.js sits next to index.html: the page's folder.
            let base = base();
            fit.set(fit_advice(
                &base[..base.rfind('/').map_or(base.len(), |i| i + 1)],
            ));
        }
    };
    let open_share = {
        let now = now.clone();
        on_click(move |_| {
            shared.set(link(play, &now()));
            share_status.set(String::new());
            open(share);
            if let Some(i) = field.get_untracked() {
                i.select();
            }
        })
    };
    let open_embed = {
        let write = write.clone();
        on_click(move |_| {
            embed_status.set(String::new());
            write();
            open(embed);
            if SERVED.get() == Served::Checking {
                probe_served(write.clone());
            }
        })
    };
    let choices = EMBED_PANELS
        .into_iter()
        .filter_map(|(key, label)| Some((Panels::from_key(key)?, label)))
        .map(|(p, label)| {
            let write = write.clone();
            let tick = on_event(move |e| {
                let on = event_target_checked(&e);
                panels.update(|all| if on { all.insert(p) } else { all.remove(p) });
                write();
            });
            view! {
                <label>
                    <input type="checkbox" prop:checked=derived(move || panels.get().contains(p)) on:change=tick />
                    " " {label}
                </label>
            }
        })
        .collect_view();
    let start = {
        let write = write.clone();
        on_event(move |e| {
            autoplay.set(event_target_checked(&e));
            write();
        })
    };
    let pick_theme = on_event(move |e| {
        theme.set(Theme::from_key(&event_target_value(&e)).unwrap_or(Theme::Auto));
        write();
    });
    let themes = [
        (Theme::Auto, "like the reader's system"),
        (Theme::Light, "light"),
        (Theme::Dark, "dark"),
    ]
    .into_iter()
    .map(|(t, words)| view! { <option value=t.key()>{words}</option> })
    .collect_view();
    view! {
        <div class="masthead-actions">
            <button
                type="button"
                class="large-toggle"
                id="large"
                aria-pressed=derived(move || play.large.get().to_string())
                on:click=on_click(move |_| play.large.update(|l| *l = !*l))
            >
                "Large type"
            </button>
            <button type="button" on:click=open_share>"Share"</button>
            <button type="button" on:click=open_embed>"Embed"</button>
            <dialog node_ref=share id="share-dialog" class="share" aria-labelledby="share-title">
                <h2 id="share-title">"Share this café"</h2>
                <p>"The link opens exactly what you see now: the café, the strategy, the moment and the customer you follow."</p>
                <label for="share-link">"Link"</label>
                <input node_ref=field id="share-link" type="text" readonly spellcheck="false" prop:value=shared />
                {copy_actions("Copy link", shared, "share-status", share_status, Rc::new(move || {
                    if let Some(i) = field.get_untracked() {
                        i.select();
                    }
                }))}
            </dialog>
            <dialog node_ref=embed id="embed-dialog" class="share" aria-labelledby="embed-title">
                <h2 id="embed-title">"Embed in a page"</h2>
                <p>"Paste this into your blog's HTML. It starts where you are now, in a sandboxed frame."</p>
                <fieldset><legend>"Show"</legend><div class="embed-panels">{choices}</div></fieldset>
                <div class="embed-options">
                    <label><input type="checkbox" on:change=start />" Start playing"</label>
                    <label>"Theme " <select on:change=pick_theme>{themes}</select></label>
                </div>
                <p id="embed-host" class="embed-host" aria-live="polite">{host}</p>
                <label for="embed-code">"HTML"</label>
                <textarea node_ref=code id="embed-code" readonly rows="4" spellcheck="false" prop:value=snippet></textarea>
                <p id="embed-fit" class="embed-host">{fit}</p>
                {copy_actions("Copy HTML", snippet, "embed-status", embed_status, Rc::new(move || {
                    if let Some(t) = code.get_untracked() {
                        t.select();
                    }
                }))}
            </dialog>
        </div>
    }
}
