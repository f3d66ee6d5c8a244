//! The page as markup: pure functions from the engine's results to HTML
//! text, every piece of data escaped. Tested natively; `ui` (WebAssembly
//! only) puts the text on the page, keeps it current and wires the events.
//!
//! Why text and not a tree of components: the page's views are few and
//! large, and generated markup costs a fraction of the WebAssembly that one
//! generic view per element does (see ARCHITECTURE.md, "Size").

pub mod code;
pub mod export;
pub mod ids;
pub mod lesson;
pub mod loop_panel;
pub mod mechanisms;
pub mod monitor;
pub mod page;
pub mod params;
pub mod real;
pub mod results;
pub mod share;

/// Appends `text` with `& < > " '` escaped: safe as element text and inside
/// a quoted attribute. Nothing from a link or a control reaches the page
/// any other way.
pub fn esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped (see [`esc`]).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    esc(&mut out, text);
    out
}

/// Appends `<tag attrs>text</tag>` with `text` escaped; `attrs` is trusted
/// markup written in this crate (start it with a space).
pub fn element(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    out.push_str(attrs);
    out.push('>');
    esc(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Appends `<div><dt>term</dt><dd>value</dd></div>` per item (the inside of
/// a `<dl>`), both escaped.
pub fn definitions<'a>(out: &mut String, items: impl IntoIterator<Item = (&'a str, String)>) {
    for (term, value) in items {
        out.push_str("<div>");
        element(out, "dt", "", term);
        element(out, "dd", "", &value);
        out.push_str("</div>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escaped(r#"<img src=x onerror="alert('x')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escaped("Ada ☕"), "Ada ☕");
    }

    #[test]
    fn elements_escape_their_text() {
        let mut out = String::new();
        element(&mut out, "li", " class=\"x\"", "<b>");
        assert_eq!(out, "<li class=\"x\">&lt;b&gt;</li>");
    }
}
