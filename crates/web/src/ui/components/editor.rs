//! The learner's own handler: a plain text box with the handler's colours
//! laid under it (`view::code::editor_layer`), the followed order's line
//! and the mistake's line marked, and a status line that says what runs.
//!
//! What is typed is parsed, never executed: `Play::write_code` runs it as
//! "Your code", or keeps the last handler that ran and says what is wrong.

use super::code_actions::CODE_INPUT;
use super::{derived, on_event};
use crate::ui::state::Play;
use crate::view::code::editor_layer;
use leptos::html::Textarea;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// How long typing pauses before the café runs the text (each run
/// simulates every customer).
const SETTLE: Duration = Duration::from_millis(150);

/// The id of the status line (the text box is described by it).
const STATUS: &str = "editor-status";

/// The editor, shown for "Your code" in JavaScript.
#[component]
pub fn CodeEditor(play: Play) -> impl IntoView {
    let shown = derived(move || play.editing());
    // The line the followed order is on.
    let current = Memo::new(move |_| play.written_line());
    let wrong = derived(move || {
        play.mistake
            .with(|m| m.as_ref().and_then(|m| m.at).map(|a| a.0))
    });
    let layer = derived(move || {
        play.code
            .with(|c| {
                c.as_deref()
                    .map(|text| editor_layer(text, current.get(), wrong.get()))
            })
            .unwrap_or_default()
    });
    let status = derived(move || match play.mistake.get() {
        Some(m) => format!("⚠ {m}. The café keeps running your last code that worked."),
        None => "✓ The café runs this code for every customer (read, never executed).".to_string(),
    });
    let failing = derived(move || play.mistake.with(Option::is_some));
    // The text box shows what `play.code` holds when it changes from
    // elsewhere (a starting text, a lesson); typing changes both at once.
    let input = NodeRef::<Textarea>::new();
    Effect::new(move |_| {
        let text = play.code.get().unwrap_or_default();
        if let Some(area) = input.get()
            && area.value() != text
        {
            area.set_value(&text);
        }
    });
    let typed = Rc::new(Cell::new(0u32));
    let on_input = on_event(move |e| {
        let text = event_target_value(&e);
        play.code.set(Some(text.clone()));
        // Run it once typing pauses; a later keystroke supersedes it.
        let generation = typed.get().wrapping_add(1);
        typed.set(generation);
        let typed = typed.clone();
        set_timeout(
            move || {
                if typed.get() == generation {
                    play.write_code(text);
                }
            },
            SETTLE,
        );
    });
    view! {
        <div class="editor" hidden=move || !shown.get()>
            <p id=STATUS class="editor-status" class:failing=failing role="status">{status}</p>
            <div class="editor-area">
                <pre class="code editor-layer" aria-hidden="true"><code inner_html=layer></code></pre>
                <textarea
                    node_ref=input
                    id=CODE_INPUT
                    class="editor-input"
                    aria-label="Your order handler, in JavaScript"
                    aria-describedby=STATUS
                    aria-invalid=move || if failing.get() { "true" } else { "false" }
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    on:input=on_input
                ></textarea>
            </div>
        </div>
    }
}
