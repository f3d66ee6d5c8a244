//! The "Change the café" form: the preset menu and one control per
//! parameter, drawn from the parameter table's model
//! (`view::params::field`) and bound to the café simulated, so a control
//! keeps its focus and its place while the café changes under it. Every
//! change goes through the same validation as links and the command line.

use super::{derived, on_event};
use crate::engine::param_table::Param;
use crate::engine::params::value_of as current;
use crate::setup::builtin_presets;
use crate::ui::state::Play;
use crate::view::params::{Input, apply, field, groups, percent_of, readout, value_of};
use leptos::either::EitherOf4;
use leptos::prelude::*;

/// Messages shown under controls, by parameter key.
type Lines<T> = RwSignal<Vec<(&'static str, T)>>;

/// The form.
#[component]
pub fn ParamForm(play: Play) -> impl IntoView {
    let errors: Lines<String> = RwSignal::new(Vec::new());
    let notes: Lines<&'static str> = RwSignal::new(Vec::new());
    let presets = builtin_presets()
        .iter()
        .map(|p| {
            let id = p.id.clone();
            // The café changes whenever a preset is loaded: the menu follows.
            let chosen = derived(move || {
                play.scenario.track();
                play.preset.with_value(|current| *current == id)
            });
            view! { <option value=p.id.clone() prop:selected=chosen>{p.title.clone()}</option> }
        })
        .collect_view();
    let load = on_event(move |e| {
        if play.load_preset(&event_target_value(&e)) {
            errors.set(Vec::new());
            notes.set(Vec::new());
        }
    });
    let fieldsets = groups()
        .map(|(group, params)| {
            let about =
                (!group.about().is_empty()).then(|| view! { <p class="hint">{group.about()}</p> });
            let controls = params
                .map(|p| control(play, p, errors, notes))
                .collect_view();
            view! { <fieldset><legend>{group.title()}</legend>{about}{controls}</fieldset> }
        })
        .collect_view();
    view! {
        <h2 id="params-title">"Change the café"</h2>
        <div class="control">
            <label for="param-preset">"Preset"</label>
            <select id="param-preset" on:change=load>{presets}</select>
        </div>
        {fieldsets}
    }
}

/// Applies `key = value` to the café, or shows why not under the control;
/// a dependency brought along changes its own control (it follows the café)
/// and the note under the control that needed it says so.
fn set(
    play: Play,
    key: &'static str,
    value: &str,
    errors: Lines<String>,
    notes: Lines<&'static str>,
) {
    let result = play.scenario.with_untracked(|s| {
        let kept = current(s, key).unwrap_or_default();
        apply(s, key, value, &kept)
    });
    match result {
        Ok((s, brought)) => {
            errors.update(|e| e.retain(|(k, _)| *k != key && brought.iter().all(|b| b.key != *k)));
            if !brought.is_empty() {
                notes.update(|n| {
                    for b in &brought {
                        n.retain(|(k, _)| *k != b.note_for);
                        n.push((b.note_for, b.note));
                    }
                });
            }
            play.set_scenario(s);
        }
        Err(message) => errors.update(|e| {
            e.retain(|(k, _)| *k != key);
            e.push((key, message));
        }),
    }
}

/// One parameter's control: its label, its input (a slider applies while
/// it moves, the others when they change), its read-out, the note on its
/// dependency and its error line.
fn control(
    play: Play,
    p: &'static Param,
    errors: Lines<String>,
    notes: Lines<&'static str>,
) -> impl IntoView {
    let key = p.key;
    let id = format!("param-{key}");
    let value = derived(move || play.scenario.with(|s| current(s, key).unwrap_or_default()));
    let error = derived(move || {
        errors.with(|e| {
            e.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, m)| m.clone())
                .unwrap_or_default()
        })
    });
    let invalid = derived(move || (!error.get().is_empty()).to_string());
    let shown = field(p, &value.get_untracked());
    let hint = shown.hint;
    let described = if hint.is_empty() {
        format!("{id}-error")
    } else {
        format!("{id}-error {id}-note")
    };
    let change = move |e: web_sys::Event| {
        let raw = event_target_value(&e);
        let checked = event_target_checked(&e);
        set(play, key, &value_of(key, &raw, checked), errors, notes);
    };
    let input = match shown.input {
        Input::Slider { .. } => EitherOf4::A(view! {
            <input type="range" id=id.clone() data-param=key aria-describedby=described min="0" max="100" step="any"
                prop:value=derived(move || percent_of(&value.get())) aria-invalid=invalid on:input=on_event(change) />
        }),
        Input::Check { .. } => EitherOf4::B(view! {
            <input type="checkbox" id=id.clone() data-param=key aria-describedby=described
                prop:checked=derived(move || value.get() == "true") on:change=on_event(change) />
        }),
        Input::Select { .. } => {
            let options = move || match field(p, &value.get()).input {
                Input::Select { options, chosen } => options
                    .into_iter()
                    .map(|(v, words)| {
                        let selected = v == chosen;
                        view! { <option value=v selected=selected>{words}</option> }
                    })
                    .collect_view(),
                _ => Vec::new().collect_view(),
            };
            EitherOf4::C(view! {
                <select id=id.clone() data-param=key aria-describedby=described aria-invalid=invalid on:change=on_event(change)>
                    {options}
                </select>
            })
        }
        Input::Number {
            min,
            max,
            step,
            mode,
            ..
        } => EitherOf4::D(view! {
            <input type="number" id=id.clone() data-param=key aria-describedby=described min=min max=max step=step inputmode=mode
                prop:value=value aria-invalid=invalid on:change=on_event(change) />
        }),
    };
    let out = shown.readout.is_some().then(|| {
        view! { <output for=id.clone() id=format!("{id}-out")>{derived(move || readout(key, &value.get()).unwrap_or_default())}</output> }
    });
    let note = (!hint.is_empty()).then(|| {
        let words = derived(move || {
            notes
                .with(|n| n.iter().find(|(k, _)| *k == key).map_or(hint, |(_, n)| *n))
                .to_string()
        });
        view! { <p class="hint" id=format!("{id}-note") aria-live="polite">{words}</p> }
    });
    view! {
        <div class="control">
            <label for=id.clone()>{p.label}</label>
            {input}
            {out}
            {note}
            <p class="error" id=format!("{id}-error") role="alert">{error}</p>
        </div>
    }
}
