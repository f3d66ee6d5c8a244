//! The code panel's changing parts: the listing with the followed order's
//! line marked, the caption saying where that order is, and the editor's
//! coloured layer under the learner's own handler.

use super::Html;
use super::html::{HOLE, Hole, markup};
use crate::engine::Scenario;
use crate::engine::handler::{Shade, shades};
use crate::engine::scenario::{MachineKind, PlanStep};
use crate::format::duration_ms;
use crate::listing::{Listing, Tok};

/// The lines of `listing` as `<span class="code-line">`s, one per line with
/// classified tokens; line `current` (0-based) is marked by a class and
/// `aria-current="step"`.
pub fn lines(listing: &Listing, current: Option<usize>) -> String {
    let mut h = Html::with_capacity(listing.lines.len() * 96);
    for (i, line) in listing.lines.iter().enumerate() {
        let mut tokens = Html::new();
        for t in &line.tokens {
            tokens.fill(
                markup! { span("class" = HOLE) { (HOLE) } },
                &[Hole::Text(t.tok.class()), Hole::Text(t.text)],
            );
        }
        let holes = [
            Hole::Int(i as i64 + 1),
            Hole::Text(&listing.indent(line)),
            Hole::Markup(&tokens),
        ];
        if current == Some(i) {
            h.fill(
                markup! {
                    span("class" = "code-line current", "aria-current" = "step", "data-line" = HOLE) {
                        span("class" = "ind") { (HOLE) } (HOLE) "\n"
                    }
                },
                &holes,
            );
        } else {
            h.fill(
                markup! {
                    span("class" = "code-line", "data-line" = HOLE) {
                        span("class" = "ind") { (HOLE) } (HOLE) "\n"
                    }
                },
                &holes,
            );
        }
    }
    h.into_string()
}

/// The caption while the learner's text has a mistake: the café runs the
/// last text that worked, so `customer`'s order has no line in this one.
pub fn caption_on_mistake(customer: &str) -> String {
    let mut h = Html::new();
    h.fill(
        markup! { "Fix the mistake to see the line \0's order is on." },
        &[Hole::Text(customer)],
    );
    h.into_string()
}

/// The caption: which line `customer`'s order is on (with a ▶ like the
/// gutter's), or that it is on none.
pub fn caption(current: Option<usize>, customer: &str) -> String {
    let mut h = Html::new();
    match current {
        Some(line) => h.fill(
            markup! {
                span("class" = "code-mark", "aria-hidden" = "true") { "▶ " }
                "Line \0: \0's order is here."
            },
            &[Hole::Int(line as i64 + 1), Hole::Text(customer)],
        ),
        None => h.fill(
            markup! { "\0's order is not on any line of this code." },
            &[Hole::Text(customer)],
        ),
    };
    h.into_string()
}

/// The editor's coloured layer, laid under its text box: `text` as
/// `<span class="code-line">`s (one per line, with the same gutter as the
/// listings), the handler's tokens coloured ([`shades`]); line `current`
/// (from 1) marked like a listing's current line, line `wrong` (from 1)
/// as the one with the mistake. The text's characters are kept exactly,
/// so the layer lines up with the text box.
pub fn editor_layer(text: &str, current: Option<usize>, wrong: Option<usize>) -> String {
    // The text in runs of one class each (`""`: plain), then split at line
    // breaks; what lies between tokens is space or a comment.
    let mut runs: Vec<(&str, &'static str)> = Vec::new();
    let mut at = 0;
    for piece in shades(text) {
        let gap = &text[at..piece.start];
        runs.push((gap, if gap.trim().is_empty() { "" } else { "tok-com" }));
        runs.push((&text[piece.start..piece.end], shade_class(piece.shade)));
        at = piece.end;
    }
    runs.push((&text[at..], ""));
    let mut h = Html::with_capacity(text.len() * 3);
    let mut line = 1;
    let open = |h: &mut Html, line: usize| {
        let class = match (Some(line) == current, Some(line) == wrong) {
            (_, true) => "code-line wrong",
            (true, false) => "code-line current",
            (false, false) => "code-line",
        };
        h.open("span")
            .attr("class", class)
            .attr_int("data-line", line as i64);
    };
    open(&mut h, line);
    for (run, class) in runs {
        for (i, part) in run.split('\n').enumerate() {
            if i > 0 {
                h.text("\n").close("span");
                line += 1;
                open(&mut h, line);
            }
            if part.is_empty() {
                continue;
            }
            if class.is_empty() {
                h.text(part);
            } else {
                h.open("span").attr("class", class).text(part).close("span");
            }
        }
    }
    h.text("\n").close("span");
    h.into_string()
}

/// The listing's class for a piece of a handler's text.
fn shade_class(shade: Shade) -> &'static str {
    match shade {
        Shade::Keyword => Tok::Keyword.class(),
        Shade::Function => Tok::Function.class(),
        Shade::Name => Tok::Plain.class(),
        Shade::Str | Shade::Literal => Tok::Str.class(),
        Shade::Punct => Tok::Punct.class(),
    }
}

/// Under the code, a sentence (a `<p>`) for each mechanism of `s` the handler of
/// `plan` goes through: the circuit breaker around its payment, the cache
/// in front of its price lookup. Empty when it goes through neither.
pub fn note(plan: &[PlanStep], s: &Scenario) -> String {
    let mut h = Html::new();
    let pays = plan.iter().any(|p| p.machine == Some(MachineKind::Reader));
    if s.breaker.on && pays {
        let timeout = match s.breaker.timeout() {
            Some(t) => format!(
                "a payment not answered within {} fails as timed out, and ",
                duration_ms(t.as_ms())
            ),
            None => String::new(),
        };
        h.fill(
            markup! {
                p {
                    code { "breaker" }
                    " is the circuit breaker around the card reader: \0while it is open "
                    "(after \0 % of the last \0 payments failed, for \0) every payment fails at once — a cookie instead of a wait."
                }
            },
            &[
                Hole::Text(&timeout),
                Hole::Int(s.breaker.threshold_pct.into()),
                Hole::Int(s.breaker.window.into()),
                Hole::Text(&duration_ms(s.breaker.reset_ms)),
            ],
        );
    }
    if s.cache.on && plan.iter().any(|p| p.is_lookup()) {
        h.fill(
            markup! {
                p {
                    code { "cache" }
                    " remembers each drink's price for \0: while it is fresh the barista answers from it, "
                    "and only a miss makes the trip to the menu server."
                }
            },
            &[Hole::Text(&duration_ms(s.cache.ttl_ms))],
        );
    }
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, StepId, Strategy};
    use crate::listing::{ErrorHandling, Language, Mechanisms, listing_with};

    /// The first order's handler in `s`, as the page builds it.
    fn handler(s: &Scenario, strategy: Strategy, language: Language) -> Listing {
        let inst = crate::engine::Instance::new(s);
        let plan = inst.plan(0);
        let (errors, mechanisms) = (ErrorHandling::of(s), Mechanisms::of(s));
        listing_with(strategy, language, plan, errors, mechanisms)
    }

    fn latte(strategy: Strategy, language: Language) -> Listing {
        handler(&Scenario::default(), strategy, language)
    }

    #[test]
    fn exactly_the_current_line_is_marked() {
        let l = latte(Strategy::Await, Language::JavaScript);
        let html = lines(&l, Some(2));
        assert_eq!(html.matches("code-line current").count(), 1);
        assert_eq!(html.matches("aria-current=\"step\"").count(), 1);
        assert!(html.contains("aria-current=\"step\" data-line=\"3\""));
        assert_eq!(
            html.matches("<span class=\"code-line").count(),
            l.lines.len()
        );
        assert!(!lines(&l, None).contains("current"));
    }

    #[test]
    fn the_text_is_the_listing_and_markup_in_code_is_escaped() {
        let l = latte(Strategy::Callbacks, Language::Rust);
        assert_eq!(unescape(&strip_tags(&lines(&l, None))), l.text());
    }

    #[test]
    fn a_note_explains_each_mechanism_the_handler_goes_through() {
        let mut s = Scenario::default();
        let plan = |s: &Scenario| crate::engine::Instance::new(s).plan(0).to_vec();
        assert_eq!(note(&plan(&s), &s), "", "neither on");
        s.cache.on = true;
        assert_eq!(
            note(&plan(&s), &s),
            "",
            "no lookup in the recipe: nothing cached"
        );
        s.breaker.on = true;
        let breaker = note(&plan(&s), &s);
        assert_eq!(
            breaker,
            "<p><code>breaker</code> is the circuit breaker around the card reader: a payment not answered within 600 ms fails as timed out, and while it is open (after 50 % of the last 10 payments failed, for 6000 ms) every payment fails at once — a cookie instead of a wait.</p>"
        );
        s.recipes[0] = vec![StepId::Lookup, StepId::Grind];
        s.breaker.timeout_ms = 0.0;
        let both = note(&plan(&s), &s);
        assert!(!both.contains("breaker"), "no payment: {both}");
        assert_eq!(
            both,
            "<p><code>cache</code> remembers each drink&#39;s price for 5000 ms: while it is fresh the barista answers from it, and only a miss makes the trip to the menu server.</p>"
        );
        s.recipes[0] = vec![StepId::Lookup, StepId::Pay];
        let both = note(&plan(&s), &s);
        assert!(
            both.contains("card reader: while it is open"),
            "no timeout: {both}"
        );
        assert!(both.contains("<code>cache</code>"), "{both}");
    }

    #[test]
    fn the_breaker_and_the_cache_show_in_the_markup() {
        let mut s = Scenario::default();
        s.recipes[0] = vec![StepId::Lookup, StepId::Pay, StepId::Grind];
        s.breaker.on = true;
        s.cache.on = true;
        for strategy in Strategy::ALL {
            for language in Language::ALL {
                let l = handler(&s, strategy, language);
                let html = lines(&l, None);
                assert_eq!(unescape(&strip_tags(&html)), l.text());
                assert!(html.contains(">breaker</span>"), "{html}");
                assert!(html.contains(">cache</span>"), "{html}");
            }
        }
        let rust = lines(&handler(&s, Strategy::Blocking, Language::Rust), None);
        assert!(rust.contains("&amp;"), "cache.get(&order.drink): {rust}");
        assert!(rust.contains("=&gt;"), "Some(price) => price: {rust}");
    }

    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_caption_names_the_line_or_says_there_is_none() {
        assert_eq!(
            caption(Some(4), "Ada"),
            "<span class=\"code-mark\" aria-hidden=\"true\">▶ </span>Line 5: Ada&#39;s order is here."
        );
        assert_eq!(
            caption(None, "<b>"),
            "&lt;b&gt;&#39;s order is not on any line of this code."
        );
        assert_eq!(
            caption_on_mistake("<b>"),
            "Fix the mistake to see the line &lt;b&gt;&#39;s order is on."
        );
    }

    #[test]
    fn the_callback_code_is_indented_as_a_pyramid() {
        // (indent width, text) of each line, as the markup shows them.
        let shown = |language| -> Vec<(usize, String)> {
            let html = lines(&latte(Strategy::Callbacks, language), None);
            html.split("<span class=\"code-line")
                .skip(1)
                .map(|line| {
                    let ind = &line[line.find("<span class=\"ind\">").unwrap() + 18..];
                    let width = ind.find("</span>").unwrap();
                    let text = strip_tags(&format!("<{line}")).replace("&gt;", ">");
                    (width, text.trim().to_string())
                })
                .collect()
        };
        let js = shown(Language::JavaScript);
        let depth = |needle: &str| -> Vec<usize> {
            js.iter()
                .filter(|(_, text)| text.contains(needle))
                .map(|(w, _)| *w)
                .collect()
        };
        let callbacks = depth("(err) => {");
        assert_eq!(callbacks.len(), 3, "pay, grind, steam");
        assert!(callbacks.windows(2).all(|p| p[1] > p[0]), "{callbacks:?}");
        assert!(depth("serve(order)")[0] > callbacks[2], "{js:?}");
        let closings = depth("});");
        assert!(closings.windows(2).all(|p| p[1] < p[0]), "{closings:?}");
        let python = shown(Language::Python);
        let defs: Vec<usize> = python
            .iter()
            .filter(|(_, text)| text.starts_with("def on_"))
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(defs.len(), 3);
        assert!(defs.windows(2).all(|p| p[1] > p[0]), "{defs:?}");
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in html.chars() {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// `html` without its tags, its entities read back.
    fn plain_text(html: &str) -> String {
        let mut plain = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_editor_layer_keeps_every_character_and_marks_its_lines() {
        let text = "async function h(order) {\n  /* a <b> &\n comment */ await pay(order);\n\n}\n";
        let html = editor_layer(text, Some(3), Some(2));
        // Without its tags and entities, the layer is the text itself.
        let plain = plain_text(&html);
        assert_eq!(
            plain,
            format!("{text}\n"),
            "one line more: the text box's last"
        );
        assert_eq!(html.matches("class=\"code-line").count(), 6);
        assert!(html.contains("<span class=\"code-line wrong\" data-line=\"2\">"));
        assert!(html.contains("<span class=\"code-line current\" data-line=\"3\">"));
        assert!(
            html.contains("<span class=\"tok-com\"> comment */ </span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"tok-fn\">pay</span>"));
        assert!(html.contains("<span class=\"tok-kw\">await</span>"));
    }

    #[test]
    fn the_editor_layer_keeps_any_text_whole() {
        // Mutated handlers and random text (comments and strings left
        // open, characters no token starts with, multi-byte letters).
        let base = crate::engine::handler::starter(
            Strategy::Join,
            &crate::engine::Instance::new(&Scenario::default()),
        );
        let alphabet: Vec<char> = "ab(){}[];,.'\"/*\n =>#é☕\\`".chars().collect();
        let mut rng = crate::test_rng::Rng(0x2545_f491_4f6c_dd1d);
        let mut next = move |n: usize| rng.below(n);
        for round in 0..3000 {
            let mut text: Vec<char> = if round % 2 == 0 {
                base.chars().collect()
            } else {
                Vec::new()
            };
            for _ in 0..1 + next(12) {
                let c = alphabet[next(alphabet.len())];
                if text.is_empty() || next(2) == 0 {
                    let at = next(text.len() + 1);
                    text.insert(at, c);
                } else {
                    let at = next(text.len());
                    text.remove(at);
                }
            }
            let text: String = text.into_iter().collect();
            let html = editor_layer(&text, Some(2), Some(3));
            assert_eq!(plain_text(&html), format!("{text}\n"), "{text:?}");
            assert_eq!(
                html.matches("class=\"code-line").count(),
                text.split('\n').count()
            );
        }
    }
}
