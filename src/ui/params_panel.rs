//! The scenario's parameters as real form controls, built from one table.
//! Every change goes through the same validation as links and the command
//! line; a bad value gets a message naming it and the café keeps a safe one.

use super::state::Play;
use crate::engine::params::{set, to_pairs};
use crate::engine::presets::presets;
use crate::page::MAX_PAGE_CUSTOMERS;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// How a parameter is edited.
#[derive(Clone, Copy)]
enum Kind {
    /// A number box.
    Number { min: u32, max: u32 },
    /// A slider over milliseconds.
    Millis { max: u32, step: u32 },
    /// A slider over a probability shown in percent.
    Percent,
    /// A checkbox.
    Check,
    /// A choice among values: (value, label).
    Choice(&'static [(&'static str, &'static str)]),
}

/// One control: its parameter key, label and kind.
struct Control(&'static str, &'static str, Kind);

const GROUPS: &[(&str, &[Control])] = &[
    (
        "Customers",
        &[
            Control(
                "customers",
                "Customers",
                Kind::Number {
                    min: 1,
                    max: MAX_PAGE_CUSTOMERS,
                },
            ),
            Control(
                "arrivals",
                "Arrivals",
                Kind::Choice(&[
                    ("fixed", "evenly spaced"),
                    ("poisson", "at random (Poisson)"),
                ]),
            ),
            Control(
                "interval_ms",
                "Time between arrivals",
                Kind::Millis {
                    max: 3000,
                    step: 10,
                },
            ),
            Control("karen", "Karen comes (3rd in line)", Kind::Check),
            Control(
                "seed",
                "Random seed",
                Kind::Number {
                    min: 0,
                    max: u32::MAX,
                },
            ),
        ],
    ),
    (
        "Machines",
        &[
            Control("readers", "Card readers", Kind::Number { min: 1, max: 16 }),
            Control("grinders", "Grinders", Kind::Number { min: 1, max: 16 }),
            Control("steamers", "Steamers", Kind::Number { min: 1, max: 16 }),
            Control("kettles", "Kettles", Kind::Number { min: 1, max: 16 }),
        ],
    ),
    (
        "Step durations",
        &[
            Control(
                "take_order_ms",
                "Take the order (CPU)",
                Kind::Millis { max: 500, step: 5 },
            ),
            Control(
                "pay_ms",
                "Payment (card reader)",
                Kind::Millis {
                    max: 3000,
                    step: 10,
                },
            ),
            Control(
                "grind_ms",
                "Grind (grinder)",
                Kind::Millis {
                    max: 3000,
                    step: 10,
                },
            ),
            Control(
                "steam_ms",
                "Steam milk (steamer)",
                Kind::Millis {
                    max: 3000,
                    step: 10,
                },
            ),
            Control(
                "heat_ms",
                "Heat water (kettle)",
                Kind::Millis {
                    max: 5000,
                    step: 10,
                },
            ),
            Control(
                "pour_ms",
                "Hand-pour (CPU)",
                Kind::Millis {
                    max: 5000,
                    step: 10,
                },
            ),
            Control(
                "assemble_ms",
                "Assemble (CPU)",
                Kind::Millis { max: 1000, step: 5 },
            ),
            Control(
                "durations",
                "Durations",
                Kind::Choice(&[
                    ("fixed", "exactly these"),
                    ("uniform", "± jitter"),
                    ("exponential", "random (exponential)"),
                ]),
            ),
        ],
    ),
    (
        "Failures and error handling",
        &[
            Control("pay_fail", "Payment fails", Kind::Percent),
            Control("grind_fail", "Grinder fails", Kind::Percent),
            Control("steam_fail", "Steamer fails", Kind::Percent),
            Control("heat_fail", "Kettle fails", Kind::Percent),
            Control("check_err", "Callbacks check err", Kind::Check),
            Control("try_catch", "try/catch around the code", Kind::Check),
        ],
    ),
];

/// The parameter panel: presets and every control.
#[component]
pub fn ParamsPanel(
    /// The preset the café started from.
    #[prop(into)]
    preset: String,
) -> impl IntoView {
    let preset = RwSignal::new(preset);
    let play = expect_context::<Play>();
    let values = Memo::new(move |_| {
        play.scenario
            .with(|s| to_pairs(s).into_iter().collect::<BTreeMap<_, _>>())
    });
    let errors = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let apply = move |key: &'static str, value: String| {
        let mut s = play.scenario.get_untracked();
        // The page's own limit comes first, so the message states it.
        let too_many = key == "customers"
            && value
                .trim()
                .parse::<u64>()
                .is_ok_and(|n| n > u64::from(MAX_PAGE_CUSTOMERS));
        let result = if too_many {
            Err(format!(
                "customers = \"{}\": out of range (the page simulates 1 to {MAX_PAGE_CUSTOMERS})",
                crate::engine::params::shown(&value)
            ))
        } else {
            set(&mut s, key, &value).map_err(|e| e.to_string())
        };
        match result {
            Ok(()) => {
                errors.update(|e| {
                    e.remove(key);
                });
                play.scenario.set(s);
            }
            Err(message) => {
                let kept = values.with_untracked(|v| v.get(key).cloned().unwrap_or_default());
                errors.update(|e| {
                    e.insert(key, format!("{message}; kept {kept}."));
                });
            }
        }
    };
    let value = move |key: &'static str| values.with(|v| v.get(key).cloned().unwrap_or_default());

    let control = move |c: &Control| {
        let Control(key, label, kind) = *c;
        let id = format!("param-{key}");
        let error_id = format!("{id}-error");
        let invalid = move || errors.with(|e| e.contains_key(key)).to_string();
        let input = match kind {
            Kind::Number { min, max } => view! {
                <input type="number" id=id.clone() min=min max=max step="1" inputmode="numeric"
                    prop:value=move || value(key) aria-invalid=invalid aria-describedby=error_id.clone()
                    on:change=move |e| apply(key, event_target_value(&e)) />
            }
            .into_any(),
            Kind::Millis { max, step } => view! {
                <input type="range" id=id.clone() min="0" max=max step=step
                    prop:value=move || value(key) aria-invalid=invalid aria-describedby=error_id.clone()
                    on:input=move |e| apply(key, event_target_value(&e)) />
                <output for=id.clone()>{move || format!("{} ms", value(key))}</output>
            }
            .into_any(),
            Kind::Percent => view! {
                <input type="range" id=id.clone() min="0" max="100" step="5"
                    prop:value=move || percent_of(&value(key)) aria-invalid=invalid aria-describedby=error_id.clone()
                    on:input=move |e| apply(key, fraction_of(&event_target_value(&e))) />
                <output for=id.clone()>{move || format!("{}%", percent_of(&value(key)))}</output>
            }
            .into_any(),
            Kind::Check => view! {
                <input type="checkbox" id=id.clone() aria-describedby=error_id.clone()
                    prop:checked=move || { let v = value(key); v != "0" && v != "false" }
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        let v = match (key, on) {
                            ("karen", true) => "3",
                            ("karen", false) => "0",
                            (_, true) => "true",
                            (_, false) => "false",
                        };
                        apply(key, v.to_string());
                    } />
            }
            .into_any(),
            Kind::Choice(options) => view! {
                <select id=id.clone() aria-describedby=error_id.clone() on:change=move |e| apply(key, event_target_value(&e))>
                    {options.iter().map(|&(v, l)| view! { <option value=v selected=move || value(key) == v>{l}</option> }).collect_view()}
                </select>
            }
            .into_any(),
        };
        view! {
            <div class="control">
                <label for=id>{label}</label>
                {input}
                <p class="error" id=error_id role="alert">{move || errors.with(|e| e.get(key).cloned())}</p>
            </div>
        }
    };

    let preset_list = presets();
    view! {
        <section class="params" aria-labelledby="params-title">
            <h2 id="params-title">"Change the café"</h2>
            <div class="control">
                <label for="param-preset">"Preset"</label>
                <select id="param-preset" on:change=move |e| {
                    let id = event_target_value(&e);
                    if let Some(s) = presets().into_iter().find(|p| p.id == id).and_then(|p| p.scenario().ok()) {
                        errors.set(BTreeMap::new());
                        preset.set(id);
                        play.scenario.set(s);
                        play.t.set(crate::engine::SimTime::ZERO);
                    }
                }>
                    {preset_list.into_iter().map(|p| {
                        let id = p.id.clone();
                        view! { <option value=p.id.clone() selected=move || preset.with(|c| *c == id)>{p.title.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {GROUPS
                .iter()
                .map(|(title, controls)| view! {
                    <fieldset>
                        <legend>{*title}</legend>
                        {controls.iter().map(control).collect_view()}
                    </fieldset>
                })
                .collect_view()}
        </section>
    }
}

/// "0.25" → "25".
fn percent_of(fraction: &str) -> String {
    let f: f64 = fraction.parse().unwrap_or(0.0);
    ((f * 100.0).round() as i64).to_string()
}

/// "25" → "0.25" (kept as text: the parameter parser judges it).
fn fraction_of(percent: &str) -> String {
    match percent.trim().parse::<u32>() {
        Ok(p) if p <= 100 => match p {
            100 => "1".to_string(),
            p if p % 10 == 0 => format!("0.{}", p / 10),
            p => format!("0.{p:02}"),
        },
        _ => percent.to_string(),
    }
}
