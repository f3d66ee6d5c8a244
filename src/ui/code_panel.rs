//! The code panel: the selected strategy's handler in JavaScript, Rust or
//! Python (tabs), with the line the selected customer's order is at marked.
//!
//! The listing comes pre-classified from `listing`; it is rebuilt only when
//! the strategy, language, plan or error handling changes. Per frame only the
//! highlighted line moves: two lines update, the others are left alone.

use crate::engine::Strategy;
use crate::engine::scenario::PlanStep;
use crate::engine::snapshot::CodePoint;
use crate::listing::{ErrorHandling, Language, line_of, listing};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Numbers panels on a page, so that element ids stay unique.
static PANELS: AtomicUsize = AtomicUsize::new(0);

/// The handler's code with language tabs and the current line marked (by a
/// class, `aria-current="step"`, a ▶ in the gutter and the caption).
#[component]
pub fn CodePanel(
    /// The selected strategy.
    #[prop(into)]
    strategy: Signal<Strategy>,
    /// The selected order's plan (its drink's steps as executed).
    #[prop(into)]
    plan: Signal<Vec<PlanStep>>,
    /// How the handler treats errors (`check_err`, `try_catch`).
    #[prop(into)]
    errors: Signal<ErrorHandling>,
    /// Where the selected order's code is; `None` when nobody is followed.
    #[prop(into)]
    point: Signal<Option<CodePoint>>,
    /// The selected customer's name, for the caption.
    #[prop(into)]
    customer: Signal<String>,
) -> impl IntoView {
    let base = format!("code-panel-{}", PANELS.fetch_add(1, Ordering::Relaxed));
    let (language, set_language) = signal(Language::JavaScript);
    let code = Memo::new(move |_| {
        plan.with(|plan| listing(strategy.get(), language.get(), plan, errors.get()))
    });
    let current = Memo::new(move |_| point.get().and_then(|p| code.with(|l| line_of(l, p))));
    let following = Memo::new(move |_| point.with(Option::is_some));
    let is_current = Selector::new(move || current.get());

    let caption = move || match (following.get(), current.get()) {
        (false, _) => "Pick a customer to follow their order through the code.".to_string(),
        (true, Some(line)) => format!("Line {}: {}'s order is here.", line + 1, customer.get()),
        (true, None) => format!(
            "{}'s order is not on any line of this code.",
            customer.get()
        ),
    };

    let lines = move || {
        code.with(|l| {
            l.lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    let marked = is_current.clone();
                    let aria = is_current.clone();
                    let tokens = line
                        .tokens
                        .iter()
                        .map(|t| view! { <span class=t.tok.class()>{t.text}</span> })
                        .collect_view();
                    view! {
                        <span
                            class="code-line"
                            data-line=i + 1
                            class:current=move || marked.selected(&Some(i))
                            aria-current=move || aria.selected(&Some(i)).then_some("step")
                        >
                            <span class="ind">{l.indent(line)}</span>
                            {tokens}
                            "\n"
                        </span>
                    }
                })
                .collect_view()
        })
    };

    let tabs: [NodeRef<html::Button>; 3] = std::array::from_fn(|_| NodeRef::new());
    // Manual activation (WAI-ARIA tabs): arrows, Home and End move the
    // focus; Enter and Space (or a click) pick the language.
    let on_key = move |ev: KeyboardEvent, index: usize| {
        let n = Language::ALL.len();
        let to = match ev.key().as_str() {
            "ArrowRight" => (index + 1) % n,
            "ArrowLeft" => (index + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            "Enter" | " " => {
                ev.prevent_default();
                set_language.set(Language::ALL[index]);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if let Some(tab) = tabs.get(to).and_then(|t| t.get()) {
            let _ = tab.focus();
        }
    };
    let panel_id = format!("{base}-code");
    let heading_id = format!("{base}-title");
    let labelled_by = heading_id.clone();
    let tab_id = {
        let base = base.clone();
        move |lang: Language| format!("{base}-tab-{}", lang.key())
    };
    let tab_buttons = Language::ALL
        .into_iter()
        .enumerate()
        .map(|(i, lang)| {
            let selected = move || language.get() == lang;
            view! {
                <button
                    type="button"
                    role="tab"
                    id=tab_id(lang)
                    data-lang=lang.key()
                    aria-selected=move || if selected() { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    node_ref=tabs[i]
                    on:click=move |_| set_language.set(lang)
                    on:keydown=move |ev| on_key(ev, i)
                >
                    {lang.label()}
                </button>
            }
        })
        .collect_view();

    let panel = panel_id.clone();
    view! {
        <section class="code-panel" data-testid="code-panel" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || format!("The code: {}", strategy.get().label())}</h2>
            <p class="code-caption" data-testid="code-caption">
                <Show when=move || following.get() && current.get().is_some()>
                    <span class="code-mark" aria-hidden="true">"▶ "</span>
                </Show>
                {caption}
            </p>
            <div class="code-tabs" role="tablist" aria-label="Language">
                {tab_buttons}
            </div>
            <div
                class="code-scroll"
                role="tabpanel"
                id=panel
                aria-labelledby=move || tab_id(language.get())
                tabindex="0"
            >
                <pre class="code" data-lang=move || language.get().key()>
                    <code>{lines}</code>
                </pre>
            </div>
        </section>
    }
}
