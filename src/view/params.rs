//! The "Change the café" form, built from one table: every parameter as a
//! real form control, and what a control's raw value means to the engine.
//! Every change goes through the same validation as links and the command
//! line; a bad value gets a message naming it and the café keeps a safe one.

use super::{element, esc};
use crate::engine::Scenario;
use crate::engine::params::{set, shown};
use crate::engine::presets::Preset;
use crate::page::MAX_PAGE_CUSTOMERS;

/// How a parameter is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A number box.
    Number {
        /// Smallest value offered.
        min: u32,
        /// Largest value offered.
        max: u32,
    },
    /// A slider over milliseconds.
    Millis {
        /// Largest value offered.
        max: u32,
        /// Slider step.
        step: u32,
    },
    /// A slider over a probability shown in percent.
    Percent,
    /// A checkbox.
    Check,
    /// A choice among values: (value, label).
    Choice(&'static [(&'static str, &'static str)]),
}

/// One control: its parameter key, label and kind.
pub struct Control(pub &'static str, pub &'static str, pub Kind);

const fn ms(max: u32, step: u32) -> Kind {
    Kind::Millis { max, step }
}

const fn count(min: u32, max: u32) -> Kind {
    Kind::Number { min, max }
}

/// The form's groups, in order: title, what it is in a sentence or two
/// (empty for the obvious ones), controls.
pub const GROUPS: &[(&str, &str, &[Control])] = &[
    (
        "Customers",
        "",
        &[
            Control("customers", "Customers", count(1, MAX_PAGE_CUSTOMERS)),
            Control(
                "arrivals",
                "Arrivals",
                Kind::Choice(&[
                    ("fixed", "evenly spaced"),
                    ("poisson", "at random (Poisson)"),
                ]),
            ),
            Control("interval_ms", "Time between arrivals", ms(3000, 10)),
            Control("karen", "Karen comes (3rd in line)", Kind::Check),
            Control("seed", "Random seed", count(0, u32::MAX)),
        ],
    ),
    (
        "Machines",
        "",
        &[
            Control("readers", "Card readers", count(1, 16)),
            Control("grinders", "Grinders", count(1, 16)),
            Control("steamers", "Steamers", count(1, 16)),
            Control("kettles", "Kettles", count(1, 16)),
        ],
    ),
    (
        "Step durations",
        "",
        &[
            Control("take_order_ms", "Take the order (CPU)", ms(500, 5)),
            Control("pay_ms", "Payment (card reader)", ms(3000, 10)),
            Control("grind_ms", "Grind (grinder)", ms(3000, 10)),
            Control("steam_ms", "Steam milk (steamer)", ms(3000, 10)),
            Control("heat_ms", "Heat water (kettle)", ms(5000, 10)),
            Control("pour_ms", "Hand-pour (CPU)", ms(5000, 10)),
            Control("assemble_ms", "Assemble (CPU)", ms(1000, 5)),
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
        "",
        &[
            Control("pay_fail", "Payment fails", Kind::Percent),
            Control("grind_fail", "Grinder fails", Kind::Percent),
            Control("steam_fail", "Steamer fails", Kind::Percent),
            Control("heat_fail", "Kettle fails", Kind::Percent),
            Control("check_err", "Callbacks check err", Kind::Check),
            Control("try_catch", "try/catch around the code", Kind::Check),
        ],
    ),
    (
        "Worker threads",
        "Helpers in the back room are worker threads. With hand-off on, CPU-heavy steps (Karen's hand-pour, and any CPU step at least this long) go to a helper: the barista only passes them on, and the event loop stays free.",
        &[
            Control("helpers", "Helpers", count(0, 16)),
            Control("offload", "Hand heavy steps to a helper", Kind::Check),
            Control("offload_over_ms", "Heavy from", ms(3000, 10)),
        ],
    ),
    (
        "Pools",
        "Each machine kind is a pool of units, like a database pool. A unit left idle this long is put away and must warm up again before its next job (the essay's idleTimeoutMillis and a fresh connection's handshake).",
        &[
            Control(
                "pool_idle_ms",
                "Put an idle unit away after",
                ms(10_000, 100),
            ),
            Control("warmup_ms", "Warm-up of a cold unit", ms(2000, 10)),
        ],
    ),
    (
        "Circuit breaker",
        "Around the card reader. A payment not answered in time fails; when too many recent payments failed, the breaker opens and payments fail at once (a cookie, not a long wait) until a probe after the reset time gets through.",
        &[
            Control("breaker", "Circuit breaker on", Kind::Check),
            Control("breaker_timeout_ms", "Payment timeout", ms(3000, 50)),
            Control("breaker_threshold", "Open at failures (%)", count(1, 100)),
            Control("breaker_window", "Judge the last … payments", count(1, 100)),
            Control("breaker_reset_ms", "Stay open for", ms(30_000, 500)),
        ],
    ),
    (
        "Price lookup and cache",
        "Before payment the barista can look the price up on the menu server (a slow trip); a cache answers repeated lookups at once while the price is fresh.",
        &[
            Control(
                "latte",
                "Latte recipe",
                Kind::Choice(&[
                    ("pay+grind+steam+assemble", "no lookup"),
                    ("lookup+pay+grind+steam+assemble", "look the price up first"),
                ]),
            ),
            Control("lookup_ms", "Lookup (menu server)", ms(3000, 10)),
            Control("menus", "Menu servers", count(1, 16)),
            Control("cache", "Cache the prices", Kind::Check),
            Control("cache_ttl_ms", "A price stays fresh for", ms(30_000, 500)),
        ],
    ),
];

/// The kind of the control for `key`, if the form has one.
pub fn kind_of(key: &str) -> Option<Kind> {
    GROUPS
        .iter()
        .flat_map(|(_, _, controls)| controls.iter())
        .find(|c| c.0 == key)
        .map(|c| c.2)
}

/// "0.25" → "25" (whole percent, rounded).
pub fn percent_of(fraction: &str) -> String {
    let f = crate::decimal::parse(fraction).unwrap_or(0.0);
    ((f * 100.0).round() as i64).to_string()
}

/// "25" → "0.25" (kept as text: the parameter parser judges it).
pub fn fraction_of(percent: &str) -> String {
    match percent.trim().parse::<u32>() {
        Ok(100) => "1".to_string(),
        Ok(p) if p < 100 && p % 10 == 0 => format!("0.{}", p / 10),
        Ok(p) if p < 100 => format!("0.{p:02}"),
        _ => percent.to_string(),
    }
}

/// The parameter text a control's raw state stands for: a slider in
/// percent becomes a fraction, a checkbox becomes `true`/`false` (Karen:
/// her place in line, 3, or 0).
pub fn value_of(key: &str, raw: &str, checked: bool) -> String {
    match kind_of(key) {
        Some(Kind::Percent) => fraction_of(raw),
        Some(Kind::Check) => match (key, checked) {
            ("karen", true) => "3".into(),
            ("karen", false) => "0".into(),
            (_, on) => on.to_string(),
        },
        _ => raw.to_string(),
    }
}

/// What a slider's `<output>` says for parameter text `value`.
pub fn readout(key: &str, value: &str) -> Option<String> {
    match kind_of(key)? {
        Kind::Millis { .. } => Some(format!("{value} ms")),
        Kind::Percent => Some(format!("{}%", percent_of(value))),
        _ => None,
    }
}

/// `s` with `key` set to `value`, or the message to show: it names the key
/// and the value, says why, and what the café kept (`kept`, the current
/// value's text). The page's own limit on customers comes first.
pub fn apply(s: &Scenario, key: &str, value: &str, kept: &str) -> Result<Scenario, String> {
    let too_many = key == "customers"
        && value
            .trim()
            .parse::<u64>()
            .is_ok_and(|n| n > u64::from(MAX_PAGE_CUSTOMERS));
    let mut next = s.clone();
    let result = if too_many {
        Err(format!(
            "customers = \"{}\": out of range (the page simulates 1 to {MAX_PAGE_CUSTOMERS})",
            shown(value)
        ))
    } else {
        set(&mut next, key, value).map_err(|e| e.to_string())
    };
    result
        .map(|()| next)
        .map_err(|message| format!("{message}; kept {kept}."))
}

/// One control: label, input (with `data-param`), readout, error line.
fn control(out: &mut String, c: &Control, value: &str) {
    let Control(key, label, kind) = *c;
    out.push_str(&format!(
        "<div class=\"control\"><label for=\"param-{key}\">"
    ));
    esc(out, label);
    out.push_str("</label>");
    let common =
        format!(" id=\"param-{key}\" data-param=\"{key}\" aria-describedby=\"param-{key}-error\"");
    let mut v = String::new();
    esc(&mut v, value);
    match kind {
        Kind::Number { min, max } => out.push_str(&format!(
            "<input type=\"number\"{common} min=\"{min}\" max=\"{max}\" step=\"1\" inputmode=\"numeric\" value=\"{v}\" aria-invalid=\"false\">"
        )),
        Kind::Millis { max, step } => out.push_str(&format!(
            "<input type=\"range\"{common} min=\"0\" max=\"{max}\" step=\"{step}\" value=\"{v}\" aria-invalid=\"false\">"
        )),
        Kind::Percent => out.push_str(&format!(
            "<input type=\"range\"{common} min=\"0\" max=\"100\" step=\"5\" value=\"{}\" aria-invalid=\"false\">",
            percent_of(value)
        )),
        Kind::Check => out.push_str(&format!(
            "<input type=\"checkbox\"{common}{}>",
            if value != "0" && value != "false" { " checked" } else { "" }
        )),
        Kind::Choice(options) => {
            out.push_str(&format!("<select{common}>"));
            for &(option, text) in options {
                out.push_str(&format!(
                    "<option value=\"{option}\"{}>",
                    if option == value { " selected" } else { "" }
                ));
                esc(out, text);
                out.push_str("</option>");
            }
            out.push_str("</select>");
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
    for (title, about, controls) in GROUPS {
        out.push_str("<fieldset>");
        element(&mut out, "legend", "", title);
        if !about.is_empty() {
            element(&mut out, "p", " class=\"hint\"", about);
        }
        for c in *controls {
            control(&mut out, c, value(c.0));
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

    #[test]
    fn every_control_is_a_parameter_the_engine_knows() {
        let s = Scenario::default();
        let pairs = to_pairs(&s);
        for (_, _, controls) in GROUPS {
            for c in *controls {
                assert!(pairs.iter().any(|(k, _)| k == c.0), "{}", c.0);
            }
        }
    }

    #[test]
    fn the_form_has_a_labelled_control_and_an_error_line_per_parameter() {
        let html = form(&to_pairs(&Scenario::default()), &presets(), "morning-line");
        let controls: usize = GROUPS.iter().map(|(_, _, c)| c.len()).sum();
        assert_eq!(html.matches("data-param=").count(), controls);
        assert_eq!(html.matches("class=\"error\"").count(), controls);
        assert!(html.contains("<label for=\"param-steam_ms\">"));
        assert!(html.contains("id=\"param-steam_ms-out\""));
        assert!(html.contains("value=\"morning-line\" selected"));
    }

    #[test]
    fn controls_turn_raw_values_into_parameter_text() {
        assert_eq!(value_of("pay_fail", "25", false), "0.25");
        assert_eq!(value_of("pay_fail", "30", false), "0.3");
        assert_eq!(value_of("pay_fail", "100", false), "1");
        assert_eq!(value_of("pay_fail", "abc", false), "abc");
        assert_eq!(value_of("karen", "on", true), "3");
        assert_eq!(value_of("karen", "on", false), "0");
        assert_eq!(value_of("check_err", "on", true), "true");
        assert_eq!(value_of("customers", " 12 ", false), " 12 ");
        assert_eq!(readout("steam_ms", "450"), Some("450 ms".into()));
        assert_eq!(readout("pay_fail", "0.25"), Some("25%".into()));
        assert_eq!(readout("customers", "3"), None);
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
        let ok = apply(&s, "readers", "3", "1").unwrap();
        assert_eq!(ok.capacity[crate::engine::MachineKind::Reader.index()], 3);
    }
}
