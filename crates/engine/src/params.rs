//! Raw `key=value` input (command line, URL, presets) → a validated
//! [`Scenario`], in one place. Every refusal names the key, the value and
//! the reason; the lenient form keeps a safe value instead and reports why.
//! What each key accepts, and which combinations need what, is read from
//! the parameter table ([`super::param_table::TABLE`]); nothing here lists
//! the keys.

use super::param_table::{Kind, Need, Param, TABLE, Value, param};
use super::scenario::{Customer, Drink, Scenario, StepId};
use crate::decimal;
use std::fmt;

/// Most customers a scenario may have.
pub const MAX_CUSTOMERS: u32 = 1_000_000;
/// Most explicitly listed customers.
pub const MAX_LISTED: usize = 10_000;
/// Longest duration anywhere, in ms (one hour).
pub const MAX_MS: f64 = 3_600_000.0;
/// Most units of one machine kind.
pub const MAX_UNITS: u32 = 64;
/// Most steps in a recipe.
pub const MAX_RECIPE_STEPS: usize = 8;
/// Largest circuit-breaker window (results).
pub const MAX_WINDOW: u32 = 1000;
/// Longest accepted name.
pub const MAX_NAME_CHARS: usize = 24;

/// A refused parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    /// The key as given (shortened for display).
    pub key: String,
    /// The value as given (shortened for display).
    pub value: String,
    /// What was wrong, and what would be right.
    pub reason: String,
}

/// Shortens untrusted text for messages: at most 40 characters, control
/// characters written as `\u{..}` escapes. The result is plain text; views
/// must still escape it.
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(40) {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl ParamError {
    fn new(key: &str, value: &str, reason: impl Into<String>) -> ParamError {
        ParamError {
            key: shown(key),
            value: shown(value),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = \"{}\": {}", self.key, self.value, self.reason)
    }
}

impl std::error::Error for ParamError {}

/// Whether `text` names a number [`decimal::parse`] refuses to read: infinity
/// or NaN (out of range rather than not a number).
fn names_non_finite(text: &str) -> bool {
    let word = text
        .trim()
        .trim_start_matches(['+', '-'])
        .to_ascii_lowercase();
    matches!(word.as_str(), "inf" | "infinity" | "nan")
}

/// A decimal number in `[min, max]`, quantised to 6 decimals
/// ([`decimal::parse`]).
fn number(key: &str, value: &str, min: f64, max: f64) -> Result<f64, ParamError> {
    let expected = || {
        format!(
            "(expected {} to {})",
            decimal::show(min),
            decimal::show(max)
        )
    };
    match decimal::parse(value) {
        Some(v) if v.is_finite() && v >= min && v <= max => Ok(v),
        None if !names_non_finite(value) => Err(ParamError::new(
            key,
            value,
            format!("not a number {}", expected()),
        )),
        _ => Err(ParamError::new(
            key,
            value,
            format!("out of range {}", expected()),
        )),
    }
}

fn whole(key: &str, value: &str, min: u64, max: u64) -> Result<u64, ParamError> {
    match value.trim().parse::<u64>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        Ok(_) => Err(ParamError::new(
            key,
            value,
            format!("out of range (expected {min} to {max})"),
        )),
        Err(_) if decimal::parse(value).is_some_and(f64::is_finite) => Err(ParamError::new(
            key,
            value,
            format!("must be a whole number (expected {min} to {max})"),
        )),
        Err(_) => Err(ParamError::new(
            key,
            value,
            format!("not a whole number (expected {min} to {max})"),
        )),
    }
}

fn boolean(key: &str, value: &str) -> Result<bool, ParamError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        _ => Err(ParamError::new(key, value, "expected true or false")),
    }
}

fn recipe(key: &str, value: &str) -> Result<Vec<StepId>, ParamError> {
    let mut steps = Vec::new();
    for part in value
        .split(['+', ',', ' '])
        .filter(|p| !p.trim().is_empty())
    {
        let step = StepId::from_key(part.trim()).ok_or_else(|| {
            ParamError::new(
                key,
                value,
                format!(
                    "unknown step \"{}\" (steps: lookup, pay, grind, steam, heat, pour, assemble)",
                    shown(part)
                ),
            )
        })?;
        steps.push(step);
    }
    if steps.is_empty() || steps.len() > MAX_RECIPE_STEPS {
        return Err(ParamError::new(
            key,
            value,
            format!("a recipe has 1 to {MAX_RECIPE_STEPS} steps"),
        ));
    }
    if steps.iter().skip(1).any(|&s| s == StepId::Lookup) {
        return Err(ParamError::new(
            key,
            value,
            "lookup may only be the first step (the price is looked up before anything else)",
        ));
    }
    Ok(steps)
}

/// Whether `name` is a name we will show: letters, digits, spaces and `-'.`.
fn valid_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=MAX_NAME_CHARS).contains(&count)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.'))
        && !name.trim().is_empty()
}

fn customer_list(key: &str, value: &str) -> Result<Vec<Customer>, ParamError> {
    let mut list = Vec::new();
    for entry in value.split([',', ';']).filter(|e| !e.trim().is_empty()) {
        if list.len() == MAX_LISTED {
            return Err(ParamError::new(
                key,
                value,
                format!("at most {MAX_LISTED} customers"),
            ));
        }
        let bad = |why: String| ParamError::new(key, entry, why);
        let (name, rest) = entry
            .split_once('@')
            .ok_or_else(|| bad("each customer is name@ms or name@ms:drink".into()))?;
        let (at, drink) = match rest.split_once(':') {
            Some((at, drink)) => (
                at,
                Drink::from_key(drink.trim()).ok_or_else(|| {
                    bad(format!(
                        "unknown drink \"{}\" (latte or pourover)",
                        shown(drink)
                    ))
                })?,
            ),
            None => (rest, Drink::Latte),
        };
        let name = name.trim();
        if !valid_name(name) {
            return Err(bad(format!(
                "a name has 1 to {MAX_NAME_CHARS} letters, digits, spaces, - ' or ."
            )));
        }
        let arrival_ms = number(key, at, 0.0, MAX_MS).map_err(|e| bad(e.reason))?;
        list.push(Customer {
            name: name.to_string(),
            arrival_ms,
            drink,
        });
    }
    if list.is_empty() {
        return Err(ParamError::new(key, value, "no customers in the list"));
    }
    Ok(list)
}

/// Reads `value` as parameter `p` accepts it (`key` as given, for
/// messages).
fn read(p: &Param, key: &str, value: &str) -> Result<Value, ParamError> {
    Ok(match p.kind {
        Kind::Whole { min, max } => Value::Whole(whole(key, value, min, max)?),
        Kind::Decimal { min, max } => Value::Number(number(key, value, min, max)?),
        Kind::Switch => Value::Switch(boolean(key, value)?),
        Kind::Choice(options) => {
            let text = value.trim();
            match options.iter().find(|(v, _)| *v == text) {
                Some((v, _)) => Value::Choice(v),
                None => {
                    return Err(ParamError::new(
                        key,
                        value,
                        format!("expected {}", p.accepts()),
                    ));
                }
            }
        }
        Kind::Recipe => Value::Recipe(recipe(key, value)?),
        Kind::Place => match value.trim() {
            "off" | "none" | "no" | "false" => Value::Whole(0),
            _ => Value::Whole(whole(key, value, 0, u64::from(MAX_CUSTOMERS))?),
        },
        Kind::List => Value::List(customer_list(key, value)?),
    })
}

/// Sets one parameter, checking it on its own (the table's kind and range:
/// [`TABLE`]).
pub fn set(s: &mut Scenario, key: &str, value: &str) -> Result<(), ParamError> {
    let key = key.trim();
    let Some(p) = param(key) else {
        let step_fail = key
            .strip_suffix("_fail")
            .is_some_and(|step| StepId::from_key(step).is_some());
        return Err(if step_fail {
            ParamError::new(
                key,
                value,
                "only machine steps can fail (pay, grind, steam, heat, lookup)",
            )
        } else {
            ParamError::new(key, value, "unknown parameter")
        });
    };
    let v = read(p, key, value)?;
    p.put(s, v);
    Ok(())
}

/// Checks what no single parameter can: combinations. Each problem comes with
/// the repair the lenient parser applies.
/// A problem with a combination of parameters, and how to repair it.
type Problem = (ParamError, Need);

fn combination_problems(s: &Scenario) -> Vec<Problem> {
    let mut problems: Vec<Problem> = Vec::new();
    for p in TABLE {
        for &need in p.needs {
            if need.binds(s) && !need.met(s) {
                let (key, why) = need.problem();
                problems.push((ParamError::new(key, need.problem_value(), why), need));
            }
        }
    }
    problems
}

/// Strict: the first bad key or value is an error (for the command line).
pub fn parse_strict<'a>(
    base: Scenario,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Scenario, ParamError> {
    let mut s = base;
    for (k, v) in pairs {
        set(&mut s, k, v)?;
    }
    match combination_problems(&s).into_iter().next() {
        Some((e, _)) => Err(e),
        None => Ok(s),
    }
}

/// Lenient: bad keys and values are reported and left at their previous
/// (safe) value; bad combinations are repaired. Always yields a valid
/// scenario (for URLs and sliders).
pub fn parse_lenient<'a>(
    base: Scenario,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Scenario, Vec<ParamError>) {
    let mut s = base;
    let mut errors = Vec::new();
    for (k, v) in pairs {
        let mut candidate = s.clone();
        match set(&mut candidate, k, v) {
            Ok(()) => s = candidate,
            Err(e) => errors.push(e),
        }
    }
    for (e, need) in combination_problems(&s) {
        need.repair(&mut s);
        errors.push(e);
    }
    (s, errors)
}

/// Every parameter of `s` as canonical `key=value` pairs, in
/// [`TABLE`] order; parsing them (onto any base) gives back
/// `s` (numbers are written by [`decimal::show`], so any value read by
/// [`set`] comes back exactly). The list only when `s` has one.
pub fn to_pairs(s: &Scenario) -> Vec<(String, String)> {
    TABLE
        .iter()
        .filter(|p| p.present(s))
        .map(|p| (p.key.to_string(), p.get(s)))
        .collect()
}

/// The value of `key` in `s` as [`to_pairs`] writes it; `None` for a key
/// that is not a parameter, or a list `s` does not have.
pub fn value_of(s: &Scenario, key: &str) -> Option<String> {
    param(key).filter(|p| p.present(s)).map(|p| p.get(s))
}

/// Only the parameters of `s` that differ from the defaults.
pub fn changed_pairs(s: &Scenario) -> Vec<(String, String)> {
    let defaults = to_pairs(&Scenario::default());
    to_pairs(s)
        .into_iter()
        .filter(|p| !defaults.contains(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Arrivals, MachineKind};

    fn strict(pairs: &[(&str, &str)]) -> Result<Scenario, ParamError> {
        parse_strict(Scenario::default(), pairs.iter().copied())
    }

    #[test]
    fn good_values_are_taken() {
        let s = strict(&[
            ("customers", "40"),
            ("arrivals", "poisson"),
            ("steam_ms", "450.5"),
            ("pay_fail", "0.25"),
            ("steamers", "2"),
            ("latte", "pay+steam+assemble"),
            ("check_err", "off"),
            ("karen", "none"),
        ])
        .unwrap();
        assert_eq!(s.customers, 40);
        assert_eq!(s.arrivals, Arrivals::Poisson);
        assert_eq!(s.step_ms[StepId::Steam.index()], 450.5);
        assert_eq!(s.step_fail[StepId::Pay.index()], 0.25);
        assert_eq!(s.capacity[MachineKind::Steamer.index()], 2);
        assert_eq!(s.recipes[0], [StepId::Pay, StepId::Steam, StepId::Assemble]);
        assert!(!s.check_err);
        assert_eq!(s.karen_at, 0);
    }

    #[test]
    fn bad_values_are_named_in_the_error() {
        let cases: &[(&str, &str, &str)] = &[
            ("steam_ms", "-5", "out of range"),
            ("steam_ms", "abc", "not a number"),
            ("steam_ms", "NaN", "out of range"),
            ("steam_ms", "1e400", "out of range"),
            ("customers", "0", "out of range"),
            ("customers", "1000001", "out of range"),
            ("customers", "8.5", "whole number"),
            ("steamers", "0", "out of range"),
            ("pay_fail", "1.5", "out of range"),
            ("pour_fail", "0.5", "only machine steps"),
            ("strategy", "join", "unknown parameter"),
            ("latte", "pay+teleport", "unknown step"),
            ("latte", "", "1 to 8 steps"),
            ("check_err", "maybe", "true or false"),
            ("list", "<script>@0", "a name has"),
            ("list", "Ada@-1", "out of range"),
            ("list", "Ada", "name@ms"),
            ("menus", "0", "out of range"),
            ("lookup_fail", "2", "out of range"),
            ("latte", "pay+lookup", "only be the first step"),
            ("pool_idle_ms", "-1", "out of range"),
            ("warmup_ms", "soon", "not a number"),
            ("breaker", "maybe", "true or false"),
            ("breaker_timeout_ms", "-3000", "out of range"),
            (
                "breaker_threshold",
                "150",
                "out of range (expected 1 to 100)",
            ),
            ("breaker_threshold", "0", "out of range"),
            ("breaker_threshold", "50.5", "whole number"),
            ("breaker_reset_ms", "-1", "out of range"),
            ("breaker_window", "0", "out of range"),
            ("cache_ttl_ms", "-5", "out of range"),
            ("cache_hit_ms", "inf", "out of range"),
        ];
        for &(key, value, reason) in cases {
            let e = strict(&[(key, value)]).unwrap_err();
            assert_eq!(e.key, key, "{e}");
            assert!(e.reason.contains(reason), "{key}={value}: {e}");
        }
    }

    #[test]
    fn combinations_are_checked() {
        // Karen beyond the line simply has not come: not an error.
        assert_eq!(strict(&[("customers", "2")]).unwrap().karen_at, 3);
        let e = strict(&[("arrivals", "poisson"), ("interval_ms", "0")]).unwrap_err();
        assert_eq!(e.key, "interval_ms");
        let e = strict(&[("offload", "true")]).unwrap_err();
        assert_eq!(e.key, "helpers");
        assert!(strict(&[("offload", "true"), ("helpers", "2")]).is_ok());
        let e = strict(&[("cache", "true")]).unwrap_err();
        assert_eq!(e.key, "cache");
        assert!(e.reason.contains("lookup"), "{e}");
        assert!(strict(&[("cache", "true"), ("pourover", "lookup+pour")]).is_ok());
        let (s, errors) = parse_lenient(Scenario::default(), [("cache", "on")]);
        assert!(!s.cache.on, "repaired: nothing to cache");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn the_mechanisms_are_off_by_default_and_take_their_values() {
        let d = Scenario::default();
        assert!(!d.pool.on() && !d.breaker.on && !d.cache.on);
        let s = strict(&[
            ("pool_idle_ms", "2000"),
            ("warmup_ms", "150"),
            ("breaker", "on"),
            ("breaker_timeout_ms", "0"),
            ("breaker_threshold", "100"),
            ("breaker_reset_ms", "0"),
            ("breaker_window", "1000"),
            ("latte", "lookup+pay+assemble"),
            ("cache", "yes"),
            ("cache_ttl_ms", "0"),
            ("cache_hit_ms", "2.5"),
            ("menus", "3"),
            ("lookup_ms", "450"),
        ])
        .unwrap();
        assert_eq!((s.pool.idle_ms, s.pool.warmup_ms), (2000.0, 150.0));
        assert!(
            s.breaker.on && s.breaker.timeout().is_none(),
            "0 = no timeout"
        );
        assert_eq!(
            (
                s.breaker.threshold_pct,
                s.breaker.reset_ms,
                s.breaker.window
            ),
            (100, 0.0, 1000)
        );
        assert!(s.cache.on);
        assert_eq!((s.cache.ttl_ms, s.cache.hit_ms), (0.0, 2.5));
        assert_eq!(s.capacity[MachineKind::Menu.index()], 3);
        assert_eq!(s.step_ms[StepId::Lookup.index()], 450.0);
        let back = parse_strict(
            Scenario::default(),
            to_pairs(&s).iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .unwrap();
        assert_eq!(back, s);
        for key in [
            "menus",
            "pool_idle_ms",
            "warmup_ms",
            "breaker",
            "breaker_timeout_ms",
            "breaker_threshold",
            "breaker_reset_ms",
            "breaker_window",
            "cache",
            "cache_ttl_ms",
            "cache_hit_ms",
        ] {
            assert!(
                param(key).is_some_and(|p| !p.help.is_empty()),
                "{key} is documented"
            );
        }
    }

    #[test]
    fn lenient_parsing_keeps_safe_values_and_reports_each_problem() {
        let (s, errors) = parse_lenient(
            Scenario::default(),
            [
                ("steam_ms", "-1"),
                ("customers", "12"),
                ("zzz", "1"),
                ("offload", "on"),
            ],
        );
        assert_eq!(s.step_ms[StepId::Steam.index()], 400.0);
        assert_eq!(s.customers, 12);
        assert_eq!(
            s.capacity[MachineKind::Helper.index()],
            1,
            "repaired: offload needs a helper"
        );
        let keys: Vec<_> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["steam_ms", "zzz", "helpers"]);
    }

    #[test]
    fn hostile_text_is_shortened_and_escaped() {
        let long = format!("<script>{}</script>\n", "x".repeat(200));
        let e = strict(&[("customers", &long)]).unwrap_err();
        assert!(e.value.chars().count() <= 41 + 10, "{}", e.value);
        assert!(!e.value.contains('\n'));
        assert!(e.to_string().starts_with("customers = \"<script>"));
    }

    #[test]
    fn canonical_pairs_round_trip() {
        let s = strict(&[
            ("list", "Ada@0,Karen@150.5:pourover"),
            ("jitter", "0.35"),
            ("durations", "uniform"),
            ("seed", "18446744073709551615"),
            ("helpers", "3"),
            ("offload", "yes"),
        ])
        .unwrap();
        let pairs = to_pairs(&s);
        let back = parse_strict(
            Scenario::default(),
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .unwrap();
        assert_eq!(back, s);
        assert!(changed_pairs(&Scenario::default()).is_empty());
        assert_eq!(
            changed_pairs(&strict(&[("steamers", "2")]).unwrap()),
            [("steamers".to_string(), "2".to_string())]
        );
    }
}
