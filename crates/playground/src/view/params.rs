//! The "Change the café" form, derived from the one parameter table
//! ([`crate::engine::param_table::TABLE`]): every parameter with a control
//! as a real form control over exactly the range the engine accepts (a
//! number box, or a slider when the slider covers the whole range), and
//! what a control's raw value means to the engine. Every change goes
//! through the same validation as links and the command line; a bad value
//! gets a message naming it and the café keeps a safe one; a switch whose
//! dependency is missing brings it along and says so.

use crate::engine::Scenario;
use crate::engine::decimal;
use crate::engine::param_table::{Control, Group, Kind, Need, Param, Slot, TABLE, Unit, param};
use crate::engine::params::{MAX_RECIPE_STEPS, set, shown, value_of as current};
use crate::setup::MAX_PAGE_CUSTOMERS;

/// The form's parameter for `key`, if the form has a control for it.
fn in_form(key: &str) -> Option<&'static Param> {
    param(key).filter(|p| p.control != Control::None)
}

/// The form's label for `key`, if the form has a control for it.
pub fn label_of(key: &str) -> Option<&'static str> {
    in_form(key).map(|p| p.label)
}

/// "0.25" → "25" (percent, as exact as the fraction's 6 decimals allow).
pub fn percent_of(fraction: &str) -> String {
    let f = decimal::parse(fraction).unwrap_or(0.0);
    decimal::show(f * 100.0)
}

/// "25" → "0.25" (kept as text when it is not a number: the parameter
/// parser judges it).
pub fn fraction_of(percent: &str) -> String {
    match decimal::parse(percent) {
        Some(p) if p.is_finite() => decimal::show(p / 100.0),
        _ => percent.to_string(),
    }
}

/// The parameter text a control's raw state stands for: a slider in
/// percent becomes a fraction, a checkbox becomes `true`/`false`.
pub fn value_of(key: &str, raw: &str, checked: bool) -> String {
    match in_form(key).map(|p| p.control) {
        Some(Control::Slider) => fraction_of(raw),
        Some(Control::Check) => checked.to_string(),
        _ => raw.to_string(),
    }
}

/// What a control shows for parameter text `value`: the control's value
/// (percent for a slider) and, for a checkbox, whether it is ticked.
pub fn control_value(key: &str, value: &str) -> (String, bool) {
    match in_form(key).map(|p| p.control) {
        Some(Control::Slider) => (percent_of(value), false),
        _ => (value.to_string(), value == "true"),
    }
}

/// What a control's `<output>` says for parameter text `value` (ms and
/// shares; `None` for the others).
pub fn readout(key: &str, value: &str) -> Option<String> {
    let p = in_form(key)?;
    match p.unit {
        Unit::Ms => Some(format!("{value} ms")),
        Unit::Share => Some(format!("{}%", percent_of(value))),
        _ => None,
    }
}

/// A control the form changed besides the one the person used: its key,
/// its new value, and the note for the parameter whose need it meets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brought {
    /// The control changed along.
    pub key: &'static str,
    /// Its new value (parameter text).
    pub value: String,
    /// The parameter with the need, whose note says what happened.
    pub note_for: &'static str,
    /// What happened.
    pub note: &'static str,
}

/// `s` with `key` set to `value`, and the controls changed along with it
/// (a switch whose dependency was missing brings it: ticking the cache
/// makes the latte look the price up first; dropping the lookup switches
/// the cache off); or the message to show: it names the key and the value,
/// says why, and what the café kept (`kept`, the current value's text).
/// The page's own limit on customers comes first.
pub fn apply(
    s: &Scenario,
    key: &str,
    value: &str,
    kept: &str,
) -> Result<(Scenario, Vec<Brought>), String> {
    let refuse = |message: String| format!("{message}; kept {kept}.");
    let too_many = param(key).is_some_and(|p| p.slot == Slot::Customers)
        && value
            .trim()
            .parse::<u64>()
            .is_ok_and(|n| n > u64::from(MAX_PAGE_CUSTOMERS));
    if too_many {
        return Err(refuse(format!(
            "customers = \"{}\": out of range (the page simulates 1 to {MAX_PAGE_CUSTOMERS})",
            shown(value)
        )));
    }
    let mut next = s.clone();
    set(&mut next, key, value).map_err(|e| refuse(e.to_string()))?;
    let mut brought = Vec::new();
    for p in TABLE {
        for &need in p.needs {
            if !need.binds(&next) || need.met(&next) {
                continue;
            }
            if p.key == key {
                let note = need.bring(&mut next);
                brought.push(Brought {
                    key: need.provider(),
                    value: current(&next, need.provider()).unwrap_or_default(),
                    note_for: p.key,
                    note,
                });
            } else if need == Need::Lookup {
                need.repair(&mut next);
                brought.push(Brought {
                    key: p.key,
                    value: current(&next, p.key).unwrap_or_default(),
                    note_for: p.key,
                    note: "No recipe looks the price up now: the cache is off.",
                });
            } else {
                let (_, why) = need.problem();
                return Err(refuse(format!("{key} = \"{}\": {why}", shown(value))));
            }
        }
    }
    Ok((next, brought))
}

/// The recipe select's options for recipe text `value`: the recipe without
/// the price lookup, and with it first (when it fits).
fn recipe_options(value: &str) -> Vec<(String, String)> {
    let base = value
        .strip_prefix("lookup")
        .map_or(value, |rest| rest.trim_start_matches('+'));
    let steps: Vec<&str> = base.split('+').filter(|s| !s.is_empty()).collect();
    let mut options = Vec::new();
    if !steps.is_empty() {
        options.push((steps.join("+"), steps.join(" → ")));
    }
    if steps.len() < MAX_RECIPE_STEPS {
        let mut with = vec!["lookup"];
        with.extend(&steps);
        options.push((with.join("+"), with.join(" → ")));
    }
    options
}

/// What one parameter's control is and shows, for the value simulated:
/// everything the form draws, derived from the parameter table.
#[derive(Clone, Debug)]
pub struct Field {
    /// The parameter.
    pub param: &'static Param,
    /// The control and its state.
    pub input: Input,
    /// Its read-out (`450 ms`, `25%`), if its unit has one.
    pub readout: Option<String>,
    /// What its dependency needs (empty when it has none).
    pub hint: &'static str,
}

/// A control and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// A slider over 0–100 percent (a share: the whole accepted range).
    Slider {
        /// Its position, in percent.
        percent: String,
    },
    /// A checkbox.
    Check {
        /// Ticked.
        on: bool,
    },
    /// A menu: (value, words) per option, and the value chosen.
    Select {
        /// The options.
        options: Vec<(String, String)>,
        /// The option chosen.
        chosen: String,
    },
    /// A number box over exactly the accepted range.
    Number {
        /// The least accepted.
        min: String,
        /// The most accepted.
        max: String,
        /// `1` for whole numbers, `any` for decimals.
        step: &'static str,
        /// The on-screen keyboard: `numeric` or `decimal`.
        mode: &'static str,
        /// The value shown.
        value: String,
    },
}

/// The control of parameter `p` showing parameter text `value`.
pub fn field(p: &'static Param, value: &str) -> Field {
    let input = match (p.control, p.kind) {
        (Control::Slider, _) => Input::Slider {
            percent: percent_of(value),
        },
        (Control::Check, _) => Input::Check {
            on: value == "true",
        },
        (Control::Select, kind) => Input::Select {
            options: match kind {
                Kind::Choice(options) => options
                    .iter()
                    .map(|(v, l)| ((*v).to_string(), (*l).to_string()))
                    .collect(),
                _ => recipe_options(value),
            },
            chosen: value.to_string(),
        },
        (_, kind) => {
            let (min, max, step, mode) = match kind {
                Kind::Decimal { min, max } => {
                    (decimal::show(min), decimal::show(max), "any", "decimal")
                }
                Kind::Whole { min, max } if p.slot == Slot::Customers => (
                    min.to_string(),
                    max.min(u64::from(MAX_PAGE_CUSTOMERS)).to_string(),
                    "1",
                    "numeric",
                ),
                Kind::Whole { min, max } => (min.to_string(), max.to_string(), "1", "numeric"),
                _ => (
                    "0".to_string(),
                    crate::engine::params::MAX_CUSTOMERS.to_string(),
                    "1",
                    "numeric",
                ),
            };
            Input::Number {
                min,
                max,
                step,
                mode,
                value: value.to_string(),
            }
        }
    };
    Field {
        param: p,
        input,
        readout: readout(p.key, value),
        hint: p.needs.first().map_or("", |n| n.hint()),
    }
}

/// The parameter text a control shows, read back as the page reads a
/// change of it, and whether that is inside the control's own range (a
/// menu shows one of its options).
pub fn shows(f: &Field) -> (String, bool) {
    match &f.input {
        Input::Slider { percent } => {
            let inside = decimal::parse(percent).is_some_and(|n| (0.0..=100.0).contains(&n));
            (fraction_of(percent), inside)
        }
        Input::Check { on } => (on.to_string(), true),
        Input::Select { options, chosen } => {
            (chosen.clone(), options.iter().any(|(v, _)| v == chosen))
        }
        Input::Number {
            min, max, value, ..
        } => {
            let inside = match (
                decimal::parse(value),
                decimal::parse(min),
                decimal::parse(max),
            ) {
                (Some(n), Some(lo), Some(hi)) => n >= lo && n <= hi,
                _ => false,
            };
            (value.clone(), inside)
        }
    }
}

/// The form's parameters, group by group: (group, its parameters with a
/// control), in the table's order.
pub fn groups() -> impl Iterator<Item = (Group, impl Iterator<Item = &'static Param>)> {
    Group::FORM.into_iter().map(|g| {
        (
            g,
            TABLE
                .iter()
                .filter(move |p| p.group == g && p.control != Control::None),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn controls() -> impl Iterator<Item = &'static Param> {
        TABLE.iter().filter(|p| p.control != Control::None)
    }

    /// The default café's control for `key`.
    fn default_field(key: &str) -> Field {
        let s = Scenario::default();
        field(param(key).unwrap(), &current(&s, key).unwrap())
    }

    #[test]
    fn every_parameter_with_a_control_is_in_one_group_of_the_form() {
        let listed: Vec<&str> = groups().flat_map(|(_, ps)| ps.map(|p| p.key)).collect();
        assert_eq!(listed.len(), controls().count());
        for p in controls() {
            assert_eq!(
                listed.iter().filter(|k| **k == p.key).count(),
                1,
                "{}",
                p.key
            );
        }
        let steam = default_field("steam_ms");
        assert_eq!(steam.readout.as_deref(), Some("400 ms"));
        assert_eq!(shows(&steam), ("400".to_string(), true));
    }

    #[test]
    fn every_number_box_offers_exactly_the_accepted_range() {
        let range = |key: &str| match default_field(key).input {
            Input::Number { min, max, .. } => (min, max),
            other => panic!("{key}: {other:?}"),
        };
        assert_eq!(range("steamers").1, "64");
        assert_eq!(range("steam_ms").1, "3600000");
        assert_eq!(range("breaker_window").1, "1000");
        assert_eq!(range("customers").1, "20000", "the page's own limit");
        assert!(matches!(
            default_field("pay_fail").input,
            Input::Slider { .. }
        ));
        for p in controls() {
            if let Kind::Whole { min, max } = p.kind
                && p.key != "customers"
            {
                assert_eq!(
                    range(p.key),
                    (min.to_string(), max.to_string()),
                    "{}",
                    p.key
                );
            }
        }
    }

    #[test]
    fn controls_turn_raw_values_into_parameter_text() {
        assert_eq!(value_of("pay_fail", "25", false), "0.25");
        assert_eq!(value_of("pay_fail", "30", false), "0.3");
        assert_eq!(value_of("pay_fail", "12.5", false), "0.125");
        assert_eq!(value_of("pay_fail", "100", false), "1");
        assert_eq!(value_of("pay_fail", "abc", false), "abc");
        assert_eq!(value_of("check_err", "on", true), "true");
        assert_eq!(value_of("customers", " 12 ", false), " 12 ");
        assert_eq!(readout("steam_ms", "450"), Some("450 ms".into()));
        assert_eq!(readout("pay_fail", "0.25"), Some("25%".into()));
        assert_eq!(readout("pay_fail", "0.123457"), Some("12.3457%".into()));
        assert_eq!(readout("customers", "3"), None);
        assert_eq!(
            control_value("pay_fail", "0.125"),
            ("12.5".to_string(), false)
        );
        assert_eq!(control_value("cache", "true"), ("true".to_string(), true));
    }

    #[test]
    fn the_recipe_select_shows_the_recipe_simulated() {
        let s = crate::engine::params::parse_strict(
            Scenario::default(),
            [("latte", "pay+steam+assemble")],
        )
        .unwrap();
        let latte = field(param("latte").unwrap(), &current(&s, "latte").unwrap());
        let Input::Select { options, chosen } = &latte.input else {
            panic!("{latte:?}");
        };
        assert_eq!(chosen, "pay+steam+assemble");
        assert_eq!(
            options,
            &[
                (
                    "pay+steam+assemble".to_string(),
                    "pay → steam → assemble".to_string()
                ),
                (
                    "lookup+pay+steam+assemble".to_string(),
                    "lookup → pay → steam → assemble".to_string()
                ),
            ]
        );
        assert_eq!(shows(&latte), ("pay+steam+assemble".to_string(), true));
    }

    #[test]
    fn ticking_the_cache_brings_the_lookup_along() {
        let s = Scenario::default();
        let (next, brought) = apply(&s, "cache", "true", "false").unwrap();
        assert!(next.cache.on);
        assert_eq!(
            current(&next, "latte").unwrap(),
            "lookup+pay+grind+steam+assemble"
        );
        assert_eq!(brought.len(), 1);
        assert_eq!((brought[0].key, brought[0].note_for), ("latte", "cache"));
        // Dropping the lookup switches the cache off, visibly.
        let (back, brought) = apply(&next, "latte", "pay+grind+steam+assemble", "").unwrap();
        assert!(!back.cache.on);
        assert_eq!(
            (brought[0].key, brought[0].value.as_str()),
            ("cache", "false")
        );
        // Handing off brings a helper; taking the last helper is refused.
        let (off, brought) = apply(&s, "offload", "true", "false").unwrap();
        assert_eq!(off.capacity[crate::engine::MachineKind::Helper.index()], 1);
        assert_eq!(brought[0].key, "helpers");
        let err = apply(&off, "helpers", "0", "1").unwrap_err();
        assert_eq!(
            err,
            "helpers = \"0\": offload needs at least one helper; kept 1."
        );
    }

    #[test]
    fn bad_values_name_the_key_the_value_and_what_was_kept() {
        let s = Scenario::default();
        let err = apply(&s, "customers", "20001", "12").unwrap_err();
        assert_eq!(
            err,
            "customers = \"20001\": out of range (the page simulates 1 to 20000); kept 12."
        );
        let err = apply(&s, "readers", "<b>", "1").unwrap_err();
        assert!(err.starts_with("readers = \"<b>\": "), "{err}");
        assert!(err.ends_with("; kept 1."), "{err}");
        let (ok, _) = apply(&s, "readers", "3", "1").unwrap();
        assert_eq!(ok.capacity[crate::engine::MachineKind::Reader.index()], 3);
    }
}
