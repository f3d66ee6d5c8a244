//! The writer: a preset, a scenario and a [`View`] → the link's query
//! string ([`query`]), with only what differs from the preset and the
//! defaults, and short keys once the link grows long.

use super::code::compress_code;
use super::keys::short_key;
use super::view::{Panels, View};
use super::{COMPACT_OVER, VERSION};
use crate::engine::Scenario;
use crate::engine::decimal;
use crate::engine::param_table;
use crate::engine::params::to_pairs;

/// Percent-encodes text for a query string: letters, digits and
/// `-_.~,:@/` stay, a space becomes `+`, every other byte `%XX`.
/// [`crate::setup::form_decode`] reverses it.
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b','
            | b':'
            | b'@'
            | b'/' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

/// The scenario parameters of `scenario` that differ from `base`, as
/// canonical pairs in [`to_pairs`] order.
pub fn scenario_pairs(base: &Scenario, scenario: &Scenario) -> Vec<(String, String)> {
    let base = to_pairs(base);
    to_pairs(scenario)
        .into_iter()
        .filter(|p| !base.contains(p))
        .collect()
}

fn switch(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

/// The fields of `view` that differ from [`View::default`], as (long key,
/// value) pairs in [`VIEW_KEYS`] order.
pub fn view_pairs(view: &View) -> Vec<(&'static str, String)> {
    let d = View::default();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    if view.strategy != d.strategy {
        out.push(("strategy", view.strategy.key().to_string()));
    }
    if view.speed != d.speed {
        out.push(("speed", decimal::show(view.speed)));
    }
    let t_ms = (view.t.0 + 500) / 1000;
    if t_ms != 0 {
        out.push(("t", t_ms.to_string()));
    }
    if let Some(f) = view.follow {
        out.push(("follow", f.to_string()));
    }
    if view.lang != d.lang {
        out.push(("lang", view.lang.key().to_string()));
    }
    for (key, on) in [
        ("large", view.large),
        ("orders", view.orders_open),
        ("autoplay", view.autoplay),
    ] {
        if on {
            out.push((key, switch(true)));
        }
    }
    if view.theme != d.theme {
        out.push(("theme", view.theme.key().to_string()));
    }
    if let Some(embed) = view.embed {
        out.push(("embed", switch(true)));
        if embed.panels != Panels::EMBED_DEFAULT {
            out.push(("panels", embed.panels.keys().join(" ")));
        }
    }
    if view.present {
        out.push(("present", switch(true)));
    }
    if let Some((id, step)) = &view.lesson {
        out.push(("lesson", id.clone()));
        if *step != 0 {
            out.push(("step", (step + 1).to_string()));
        }
    }
    if let Some(code) = &view.code {
        out.push(("code", compress_code(code)));
    }
    out
}

/// The link's query string (with its `?`) for a preset, a scenario and a
/// view: `?v=1&preset=ID`, the scenario parameters that differ from the
/// preset's scenario, the view fields that differ from the default. Keys
/// are short when the long form is longer than [`COMPACT_OVER`]. An unknown
/// preset id is written as the first preset.
pub fn query(preset_id: &str, scenario: &Scenario, view: &View) -> String {
    let all = crate::setup::builtin_presets();
    let chosen = all.iter().find(|p| p.id == preset_id).or(all.first());
    let (id, base) = match &chosen {
        Some(p) => (p.id.as_str(), p.scenario().unwrap_or_default()),
        None => (preset_id, Scenario::default()),
    };
    let mut pairs: Vec<(String, String)> = vec![
        ("v".into(), VERSION.to_string()),
        ("preset".into(), id.to_string()),
    ];
    // Recipes read steps separated by spaces as well as `+`: a space is a
    // plain `+` in the link, where a `+` would be `%2B`.
    pairs.extend(scenario_pairs(&base, scenario).into_iter().map(|(k, v)| {
        match param_table::param(&k).map(|p| p.kind) {
            Some(param_table::Kind::Recipe) => (k, v.replace('+', " ")),
            _ => (k, v),
        }
    }));
    pairs.extend(
        view_pairs(view)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v)),
    );
    let write = |short: bool| {
        let mut out = String::from("?");
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(if short { short_key(k) } else { k });
            out.push('=');
            // The code's alphabet is safe as it stands; its `+`, read as a
            // space, is read back as `+` (`%2B` would triple it).
            out.push_str(&if k == "code" { v.clone() } else { encode(v) });
        }
        out
    };
    let long = write(false);
    if long.len() > COMPACT_OVER {
        write(true)
    } else {
        long
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets::preset;
    use crate::engine::{SimTime, Strategy};
    use crate::link::{Embed, Theme};
    use crate::listing::Language;

    #[test]
    fn encoding_is_undone_by_the_page_decoder() {
        for text in [
            "a b+c&d=e%f#g?h",
            "Ada@0:latte,O'Brien@300.5:pourover",
            "<script>alert(1)</script>",
            "☕ café",
            "%2",
            "",
        ] {
            assert_eq!(crate::setup::form_decode(&encode(text)), text);
        }
        assert_eq!(encode("scene code"), "scene+code");
        assert_eq!(encode("a+b&c=d"), "a%2Bb%26c%3Dd");
        assert_eq!(encode("Ada@0:latte,Bo@300"), "Ada@0:latte,Bo@300");
    }

    #[test]
    fn the_default_view_writes_nothing() {
        assert!(view_pairs(&View::default()).is_empty());
        assert_eq!(
            query(
                "karen",
                &preset("karen").unwrap().scenario().unwrap(),
                &View::default()
            ),
            "?v=1&preset=karen"
        );
    }

    #[test]
    fn changed_fields_are_written_in_order() {
        let view = View {
            strategy: Strategy::Join,
            speed: 0.25,
            t: SimTime(1_500_000),
            follow: Some(2),
            lang: Language::Rust,
            large: true,
            orders_open: true,
            autoplay: true,
            theme: Theme::Dark,
            embed: Some(Embed {
                panels: Panels::SCENE | Panels::CODE,
            }),
            present: true,
            lesson: Some(("first-steps".into(), 2)),
            code: None,
        };
        let mut s = Scenario::default();
        s.capacity[2] = 2;
        assert_eq!(
            query("morning-line", &s, &view),
            "?v=1&preset=morning-line&steamers=2&strategy=join&speed=0.25&t=1500&follow=2&lang=rust&large=1&orders=1&autoplay=1&theme=dark&embed=1&panels=scene+code&present=1&lesson=first-steps&step=3"
        );
        s.seed = 123_456_789;
        s.check_err = false;
        assert_eq!(
            query("morning-line", &s, &view),
            "?v=1&p=morning-line&sd=123456789&sr=2&ce=false&s=join&x=0.25&t=1500&f=2&l=rust&lg=1&o=1&a=1&th=dark&e=1&pn=scene+code&pr=1&ls=first-steps&sp=3",
            "longer than {COMPACT_OVER} with long keys: short keys"
        );
        // The handler's text: last, compressed, as it stands.
        let yours = View {
            strategy: Strategy::Yours,
            code: Some("await pay(order); // é ☕\n".into()),
            ..View::default()
        };
        let link = query("morning-line", &Scenario::default(), &yours);
        assert_eq!(
            link,
            "?v=1&preset=morning-line&strategy=yours&code=IYd2EsBcAIAdgJ4AoD2AnAJgUzQSgNzQD0R0Al9IKhkAUEA"
        );
        let back = crate::setup::setup_from_query(&link);
        assert_eq!((back.view, back.notices), (yours, vec![]));
        let short = View {
            strategy: Strategy::Await,
            t: SimTime(2_000_400),
            ..View::default()
        };
        assert_eq!(
            query("morning-line", &Scenario::default(), &short),
            "?v=1&preset=morning-line&strategy=await&t=2000"
        );
    }
}
