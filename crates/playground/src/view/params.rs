//! The "Change the café" form, derived from the one parameter table
//! ([`crate::engine::param_table::TABLE`]): every parameter with a control
//! as a real form control over exactly the range the engine accepts (a
//! number box, or a slider when the slider covers the whole range), and
//! what a control's raw value means to the engine. Every change goes
//! through the same validation as links and the command line; a bad value
//! gets a message naming it and the café keeps a safe one; a switch whose
//! dependency is missing brings it along and says so.

use super::{element, esc};
use crate::engine::Scenario;
use crate::engine::decimal;
use crate::engine::param_table::{Control, Group, Kind, Need, Param, Slot, TABLE, Unit, param};
use crate::engine::params::{MAX_RECIPE_STEPS, set, shown, value_of as current};
use crate::engine::presets::Preset;
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

/// One control: label, input (with `data-param`), readout, the need's
/// note, error line.
fn control(out: &mut String, p: &Param, value: &str) {
    let key = p.key;
    out.push_str(&format!(
        "<div class=\"control\"><label for=\"param-{key}\">"
    ));
    esc(out, p.label);
    out.push_str("</label>");
    let hint = p.needs.first().map_or("", |n| n.hint());
    let described = if hint.is_empty() {
        format!("param-{key}-error")
    } else {
        format!("param-{key}-error param-{key}-note")
    };
    let common =
        format!(" id=\"param-{key}\" data-param=\"{key}\" aria-describedby=\"{described}\"");
    let mut v = String::new();
    esc(&mut v, value);
    match (p.control, p.kind) {
        (Control::Slider, _) => out.push_str(&format!(
            "<input type=\"range\"{common} min=\"0\" max=\"100\" step=\"any\" value=\"{}\" aria-invalid=\"false\">",
            percent_of(value)
        )),
        (Control::Check, _) => out.push_str(&format!(
            "<input type=\"checkbox\"{common}{}>",
            if value == "true" { " checked" } else { "" }
        )),
        (Control::Select, kind) => {
            let options: Vec<(String, String)> = match kind {
                Kind::Choice(options) => options
                    .iter()
                    .map(|(v, l)| ((*v).to_string(), (*l).to_string()))
                    .collect(),
                _ => recipe_options(value),
            };
            out.push_str(&format!("<select{common}>"));
            for (option, text) in &options {
                out.push_str("<option value=\"");
                esc(out, option);
                out.push_str(if option == value { "\" selected>" } else { "\">" });
                esc(out, text);
                out.push_str("</option>");
            }
            out.push_str("</select>");
        }
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
            out.push_str(&format!(
                "<input type=\"number\"{common} min=\"{min}\" max=\"{max}\" step=\"{step}\" inputmode=\"{mode}\" value=\"{v}\" aria-invalid=\"false\">"
            ));
        }
    }
    if let Some(words) = readout(key, value) {
        element(
            out,
            "output",
            &format!(" for=\"param-{key}\" id=\"param-{key}-out\""),
            &words,
        );
    }
    if !hint.is_empty() {
        element(
            out,
            "p",
            &format!(" class=\"hint\" id=\"param-{key}-note\" aria-live=\"polite\""),
            hint,
        );
    }
    out.push_str(&format!(
        "<p class=\"error\" id=\"param-{key}-error\" role=\"alert\"></p></div>"
    ));
}

/// The whole form for a café whose parameters are `values` (`to_pairs`),
/// started from preset `current`.
pub fn form(values: &[(String, String)], presets: &[Preset], current: &str) -> String {
    let value = |key: &str| {
        values
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut out = String::with_capacity(9000);
    out.push_str("<h2 id=\"params-title\">Change the café</h2><div class=\"control\"><label for=\"param-preset\">Preset</label><select id=\"param-preset\">");
    for p in presets {
        out.push_str("<option value=\"");
        esc(&mut out, &p.id);
        out.push_str(if p.id == current {
            "\" selected>"
        } else {
            "\">"
        });
        esc(&mut out, &p.title);
        out.push_str("</option>");
    }
    out.push_str("</select></div>");
    for group in Group::FORM {
        out.push_str("<fieldset>");
        element(&mut out, "legend", "", group.title());
        if !group.about().is_empty() {
            element(&mut out, "p", " class=\"hint\"", group.about());
        }
        for p in TABLE.iter().filter(|p| p.group == group) {
            control(&mut out, p, value(p.key));
        }
        out.push_str("</fieldset>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::params::to_pairs;
    use crate::engine::presets::presets;

    fn controls() -> impl Iterator<Item = &'static Param> {
        TABLE.iter().filter(|p| p.control != Control::None)
    }

    #[test]
    fn the_form_has_a_labelled_control_and_an_error_line_per_parameter() {
        let html = form(&to_pairs(&Scenario::default()), &presets(), "morning-line");
        let n = controls().count();
        assert_eq!(html.matches("data-param=").count(), n);
        assert_eq!(html.matches("class=\"error\"").count(), n);
        assert!(html.contains("<label for=\"param-steam_ms\">"));
        assert!(html.contains("id=\"param-steam_ms-out\""));
        assert!(html.contains("value=\"morning-line\" selected"));
    }

    #[test]
    fn every_number_box_offers_exactly_the_accepted_range() {
        let html = form(&to_pairs(&Scenario::default()), &presets(), "morning-line");
        let attr = |key: &str, name: &str| {
            let at = html.find(&format!("id=\"param-{key}\"")).unwrap();
            let rest = &html[at..];
            let from = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            rest[from..from + rest[from..].find('"').unwrap()].to_string()
        };
        assert_eq!(attr("steamers", "max"), "64");
        assert_eq!(attr("steam_ms", "max"), "3600000");
        assert_eq!(attr("steam_ms", "type"), "number");
        assert_eq!(attr("breaker_window", "max"), "1000");
        assert_eq!(attr("customers", "max"), "20000", "the page's own limit");
        assert_eq!(attr("pay_fail", "type"), "range");
        assert_eq!(attr("pay_fail", "max"), "100");
        for p in controls() {
            if let Kind::Whole { min, max } = p.kind
                && p.key != "customers"
            {
                assert_eq!(attr(p.key, "min"), min.to_string(), "{}", p.key);
                assert_eq!(attr(p.key, "max"), max.to_string(), "{}", p.key);
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
        let html = form(&to_pairs(&s), &presets(), "morning-line");
        assert!(
            html.contains(
                "<option value=\"pay+steam+assemble\" selected>pay → steam → assemble</option>"
            ),
            "{html}"
        );
        assert!(html.contains("<option value=\"lookup+pay+steam+assemble\">"));
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
