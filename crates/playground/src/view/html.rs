//! Markup through one escaping builder, [`Html`]: the only way the views
//! write HTML and SVG. Tag and attribute names are never data (they are
//! `&'static str` or tokens of the source), every text and attribute value
//! is escaped on the way in, and the only markup taken as it is was made by
//! the builder itself (another [`Html`], or a template of `markup!`): so
//! escaping holds by construction, not by convention.
//!
//! Two ways to write, one escaping:
//! - `markup!` writes markup whose shape is fixed as Rust tokens
//!   (`p("class" = "hint") { "text" }`), joined and escaped at compile time
//!   into one string (the way maud compiles the static parts of its
//!   templates), with [`HOLE`]s that [`Html::fill`] fills at run time with
//!   escaped text, numbers or other `Html`. A panel costs the WebAssembly
//!   its text and a call per template, where building each tag and
//!   attribute at run time costs a call apiece. A template that wraps
//!   content of varying shape is cut at compile time where the content
//!   goes ([`CONTENT`], [`Fixed::split`]) and written around it
//!   ([`Html::fill_head`] … [`Html::fill_tail`]), in place.
//! - [`Html::open`], [`Html::attr`], [`Html::text`], [`Html::close`]… build
//!   markup whose shape varies piece by piece (debug builds check that what
//!   is opened is closed).
//!
//! Deliberately small and not generic (one copy of each method in the
//! WebAssembly, whatever the call sites): strings and integers in, a
//! `String` out.

use std::fmt::Write;

/// Markup under construction.
///
/// ```
/// # use espresso_playground::view::html::Html;
/// let mut h = Html::new();
/// h.open("p").attr("class", "hint").text("1 < 2").close("p");
/// assert_eq!(h.into_string(), "<p class=\"hint\">1 &lt; 2</p>");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Html {
    out: String,
    /// A start tag is written up to its attributes: its `>` (or `/>`)
    /// comes with whatever follows.
    in_tag: bool,
    /// The elements open, innermost last: checked in debug builds (the
    /// tests), so unbalanced markup fails a test instead of a page.
    #[cfg(debug_assertions)]
    open: Vec<&'static str>,
}

/// Elements that have no end tag in HTML.
#[cfg(debug_assertions)]
const VOID: [&str; 6] = ["br", "hr", "img", "input", "meta", "wbr"];

impl Html {
    /// Nothing yet.
    pub fn new() -> Html {
        Html::default()
    }

    /// Nothing yet, with room for `bytes` of markup.
    pub fn with_capacity(bytes: usize) -> Html {
        Html {
            out: String::with_capacity(bytes),
            ..Html::default()
        }
    }

    /// A standalone XML file (an SVG download): starts with the XML
    /// declaration.
    pub fn xml_file() -> Html {
        let mut h = Html::with_capacity(4096);
        h.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        h
    }

    /// Writes the `>` of a start tag still open for attributes.
    fn end_tag(&mut self) {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
    }

    /// Starts element `tag`; attributes may follow until its content does.
    /// An element HTML calls void (`input`, `br`…) is never closed.
    pub fn open(&mut self, tag: &'static str) -> &mut Html {
        self.end_tag();
        #[cfg(debug_assertions)]
        if !VOID.contains(&tag) {
            self.open.push(tag);
        }
        self.out.push('<');
        self.out.push_str(tag);
        self.in_tag = true;
        self
    }

    /// Attribute `name="value"` of the element just opened, `value`
    /// escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Html {
        self.attr_name(name);
        esc(&mut self.out, value);
        self.out.push('"');
        self
    }

    /// Attribute `name="value"` of the element just opened, for a whole
    /// number.
    pub fn attr_int(&mut self, name: &'static str, value: i64) -> &mut Html {
        self.attr_name(name);
        self.push_int(value);
        self.out.push('"');
        self
    }

    fn push_int(&mut self, value: i64) {
        let _ = write!(self.out, "{value}");
    }

    fn attr_name(&mut self, name: &'static str) {
        debug_assert!(self.in_tag, "attribute {name} outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
    }

    /// Boolean attribute `name` (`disabled`, `hidden`…) of the element just
    /// opened.
    pub fn flag(&mut self, name: &'static str) -> &mut Html {
        debug_assert!(self.in_tag, "attribute {name} outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        self.end_tag();
        esc(&mut self.out, text);
        self
    }

    /// Ends element `tag` (which must be the innermost open one).
    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.end_tag();
        #[cfg(debug_assertions)]
        assert_eq!(self.open.pop(), Some(tag), "closing {tag}");
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Ends the element just opened as an empty one, `<path …/>` (SVG).
    pub fn shut(&mut self) -> &mut Html {
        debug_assert!(self.in_tag, "nothing to shut");
        #[cfg(debug_assertions)]
        self.open.pop();
        self.out.push_str("/>");
        self.in_tag = false;
        self
    }

    /// `<tag>text</tag>`, the text escaped.
    pub fn el(&mut self, tag: &'static str, text: &str) -> &mut Html {
        self.open(tag).text(text).close(tag)
    }

    /// `template` (made by `markup!`) with each [`HOLE`] in it filled,
    /// in order, by one of `holes`.
    pub fn fill(&mut self, template: Fixed, holes: &[Hole]) -> &mut Html {
        self.end_tag();
        debug_assert_eq!(
            template.0.matches('\0').count(),
            holes.len(),
            "one value per hole"
        );
        debug_assert!(!template.0.contains(CONTENT), "a template not split");
        let mut holes = holes.iter();
        // Inside a tag of the template (its text has no `<` or `>` of its
        // own: they are escaped): markup may only fill holes outside.
        #[cfg(debug_assertions)]
        let mut in_tag = false;
        for c in template.0.chars() {
            #[cfg(debug_assertions)]
            if c == '<' || c == '>' {
                in_tag = c == '<';
            }
            if c != '\0' {
                self.out.push(c);
                continue;
            }
            match holes.next() {
                Some(Hole::Text(text)) => esc(&mut self.out, text),
                Some(&Hole::Int(n)) => self.push_int(n),
                Some(Hole::Markup(inner)) => {
                    #[cfg(debug_assertions)]
                    assert!(!in_tag, "markup in a tag");
                    self.nest(inner);
                }
                None => {}
            }
        }
        self
    }

    /// The first piece of a template cut at its places for content
    /// ([`Fixed::split`]), filled as [`Html::fill`] fills: the caller
    /// then writes the content, and [`Html::fill_tail`] the last piece.
    /// Markup that wraps content is written in place this way, where a
    /// [`Hole::Markup`] would build the content apart and copy it in
    /// (debug builds check that the last piece is written).
    #[inline]
    pub fn fill_head(&mut self, head: Fixed, holes: &[Hole]) -> &mut Html {
        #[cfg(debug_assertions)]
        self.open.push(TAIL);
        self.fill(head, holes)
    }

    /// The last piece of a template that [`Html::fill_head`] began.
    #[inline]
    pub fn fill_tail(&mut self, tail: Fixed, holes: &[Hole]) -> &mut Html {
        #[cfg(debug_assertions)]
        assert_eq!(self.open.pop(), Some(TAIL), "closing a template");
        self.fill(tail, holes)
    }

    /// Markup built by another `Html` (every element of it closed), as it
    /// is.
    pub fn nest(&mut self, inner: &Html) -> &mut Html {
        self.end_tag();
        #[cfg(debug_assertions)]
        assert!(inner.open.is_empty(), "nesting unfinished markup");
        self.out.push_str(&inner.out);
        if inner.in_tag {
            self.out.push('>');
        }
        self
    }

    /// The markup so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The markup, every element closed.
    pub fn into_string(mut self) -> String {
        self.end_tag();
        #[cfg(debug_assertions)]
        assert!(self.open.is_empty(), "left open: {:?}", self.open);
        self.out
    }
}

/// What debug builds' stack of open elements holds while a template that
/// [`Html::fill_head`] began is not ended.
#[cfg(debug_assertions)]
const TAIL: &str = "(the rest of a template)";

/// Markup fixed at compile time: made only by `markup!`, which escapes its
/// text and attribute values and checks its names as it joins them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fixed(&'static str);

impl Fixed {
    /// The markup.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The template cut at each [`CONTENT`] in it into `N` pieces (at
    /// compile time: `const X: [Fixed; 2] = markup! { … }.split();`),
    /// for [`Html::fill_head`], [`Html::fill`] between places for content
    /// and [`Html::fill_tail`]. A place for content is never inside a tag;
    /// each piece is markup the builder made, so escaping holds.
    pub const fn split<const N: usize>(self) -> [Fixed; N] {
        let mut out = [Fixed(""); N];
        let mut rest = self.0.as_bytes();
        let (mut n, mut i, mut in_tag) = (0, 0, false);
        while i < rest.len() {
            match rest[i] {
                b'<' => in_tag = true,
                b'>' => in_tag = false,
                1 => {
                    assert!(!in_tag, "content in a tag");
                    assert!(n + 1 < N, "more places for content than pieces");
                    let (piece, tail) = rest.split_at(i);
                    out[n] = Fixed(utf8(piece));
                    (_, rest) = tail.split_at(1);
                    n += 1;
                    i = 0;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        assert!(n + 1 == N, "fewer places for content than pieces");
        out[n] = Fixed(utf8(rest));
        out
    }

    /// `bytes`, which must be what `pieces` render to (checked, so that
    /// nothing else becomes a `Fixed`; `markup!` calls it at compile
    /// time).
    pub(crate) const fn checked(pieces: &[Piece], bytes: &'static [u8]) -> Fixed {
        let mut sink = Sink {
            write: &mut [],
            read: bytes,
            at: 0,
            differs: false,
        };
        render(pieces, &mut sink);
        assert!(
            !sink.differs && sink.at == bytes.len(),
            "not the pieces' markup"
        );
        Fixed(utf8(bytes))
    }
}

/// `bytes` as text, at compile time.
const fn utf8(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("not UTF-8"),
    }
}

/// A place in a `markup!` template for a value that [`Html::fill`] gives
/// at run time: an attribute's value (`"x" = HOLE`) or text (`(HOLE)`). A
/// `\0` inside a literal is one too (`"d" = "M0 \0H\0"`).
pub const HOLE: &str = "\0";

/// The place in a `markup!` template where content written apart goes
/// (`(CONTENT)`, outside a tag): [`Fixed::split`] cuts the template there.
pub const CONTENT: &str = "\u{1}";

/// A value for a [`HOLE`].
#[derive(Clone, Copy, Debug)]
pub enum Hole<'a> {
    /// Text, escaped.
    Text(&'a str),
    /// A whole number.
    Int(i64),
    /// Markup built by an [`Html`], as it is (outside a tag only).
    Markup(&'a Html),
}

/// One piece of a `markup!` template.
#[derive(Clone, Copy)]
pub(crate) enum Piece {
    /// `<name`.
    Open(&'static str),
    /// ` name` (an attribute).
    Attr(&'static str),
    /// `="value"`, escaped.
    Value(&'static str),
    /// The `>` of a start tag.
    End,
    /// `/>`: an empty element.
    Shut,
    /// Text, escaped.
    Text(&'static str),
    /// `</name>`.
    Close(&'static str),
}

/// Where [`render`] puts bytes: written into `write` while it has room,
/// compared with `read`, and counted.
pub(crate) struct Sink<'a> {
    pub(crate) write: &'a mut [u8],
    pub(crate) read: &'a [u8],
    pub(crate) at: usize,
    pub(crate) differs: bool,
}

const fn put(sink: &mut Sink, bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        if sink.at < sink.write.len() {
            sink.write[sink.at] = bytes[i];
        }
        if sink.at >= sink.read.len() || sink.read[sink.at] != bytes[i] {
            sink.differs = true;
        }
        sink.at += 1;
        i += 1;
    }
}

const fn put_name(sink: &mut Sink, name: &str) {
    let bytes = name.as_bytes();
    assert!(!bytes.is_empty(), "an empty name");
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        assert!(
            b.is_ascii_alphanumeric() || b == b'-' || b == b':',
            "a tag or attribute name holds only letters, digits, - and :"
        );
        i += 1;
    }
    put(sink, bytes);
}

const fn put_escaped(sink: &mut Sink, text: &str) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => put(sink, b"&amp;"),
            b'<' => put(sink, b"&lt;"),
            b'>' => put(sink, b"&gt;"),
            b'"' => put(sink, b"&quot;"),
            b'\'' => put(sink, b"&#39;"),
            b => put(sink, &[b]),
        }
        i += 1;
    }
}

/// Puts the markup of `pieces` into `sink` (at compile time, from
/// `markup!`).
pub(crate) const fn render(pieces: &[Piece], sink: &mut Sink) {
    let mut i = 0;
    while i < pieces.len() {
        match pieces[i] {
            Piece::Open(name) => {
                put(sink, b"<");
                put_name(sink, name);
            }
            Piece::Attr(name) => {
                put(sink, b" ");
                put_name(sink, name);
            }
            Piece::Value(value) => {
                put(sink, b"=\"");
                put_escaped(sink, value);
                put(sink, b"\"");
            }
            Piece::End => put(sink, b">"),
            Piece::Shut => put(sink, b"/>"),
            Piece::Text(text) => put_escaped(sink, text),
            Piece::Close(name) => {
                put(sink, b"</");
                put_name(sink, name);
                put(sink, b">");
            }
        }
        i += 1;
    }
}

/// Markup fixed at compile time, as a [`Fixed`] for [`Html::fill`]:
/// elements written `tag("name" = value, "flag") { content }` (with no
/// attributes `tag { … }`; an empty SVG element `tag(…) /`, an HTML void
/// element `tag(…);`), text as string literals or constant expressions in
/// parentheses. Values are constant expressions (literals, [`ids`]
/// constants). Values and text are escaped and names checked while
/// compiling; a [`HOLE`] as a value or as text leaves a place for
/// [`Html::fill`].
///
/// ```text
/// h.fill(
///     markup! { p("class" = "hint") { "Served: \0" } },
///     &[Hole::Int(served)],
/// );
/// ```
///
/// [`ids`]: super::ids
macro_rules! markup {
    ($($markup:tt)+) => {{
        const PIECES: &[$crate::view::html::Piece] =
            &$crate::view::html::pieces!([] $($markup)+);
        const LEN: usize = {
            let mut sink = $crate::view::html::Sink { write: &mut [], read: &[], at: 0, differs: false };
            $crate::view::html::render(PIECES, &mut sink);
            sink.at
        };
        const BYTES: [u8; LEN] = {
            let mut bytes = [0; LEN];
            let mut sink = $crate::view::html::Sink { write: &mut bytes, read: &[], at: 0, differs: false };
            $crate::view::html::render(PIECES, &mut sink);
            bytes
        };
        const FIXED: $crate::view::html::Fixed =
            $crate::view::html::Fixed::checked(PIECES, &BYTES);
        FIXED
    }};
}
pub(crate) use markup;

/// `markup!`'s pieces, one element or text at a time.
macro_rules! pieces {
    ([$($p:expr,)*]) => { [$($p,)*] };
    ([$($p:expr,)*] @close $tag:ident $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)* $crate::view::html::Piece::Close(stringify!($tag)),] $($rest)*)
    };
    ([$($p:expr,)*] $text:literal $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)* $crate::view::html::Piece::Text($text),] $($rest)*)
    };
    ([$($p:expr,)*] ($text:expr) $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)* $crate::view::html::Piece::Text($text),] $($rest)*)
    };
    ([$($p:expr,)*] $tag:ident { $($inner:tt)* } $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)*
            $crate::view::html::Piece::Open(stringify!($tag)),
            $crate::view::html::Piece::End,
        ] $($inner)* @close $tag $($rest)*)
    };
    ([$($p:expr,)*] $tag:ident ($($name:literal $(= $value:expr)?),* $(,)?) { $($inner:tt)* } $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)*
            $crate::view::html::Piece::Open(stringify!($tag)),
            $($crate::view::html::Piece::Attr($name), $($crate::view::html::Piece::Value($value),)?)*
            $crate::view::html::Piece::End,
        ] $($inner)* @close $tag $($rest)*)
    };
    ([$($p:expr,)*] $tag:ident ($($name:literal $(= $value:expr)?),* $(,)?) / $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)*
            $crate::view::html::Piece::Open(stringify!($tag)),
            $($crate::view::html::Piece::Attr($name), $($crate::view::html::Piece::Value($value),)?)*
            $crate::view::html::Piece::Shut,
        ] $($rest)*)
    };
    ([$($p:expr,)*] $tag:ident ($($name:literal $(= $value:expr)?),* $(,)?) ; $($rest:tt)*) => {
        $crate::view::html::pieces!([$($p,)*
            $crate::view::html::Piece::Open(stringify!($tag)),
            $($crate::view::html::Piece::Attr($name), $($crate::view::html::Piece::Value($value),)?)*
            $crate::view::html::Piece::End,
        ] $($rest)*)
    };
}
pub(crate) use pieces;

/// Appends `text` with `& < > " '` escaped: safe as element text and inside
/// a quoted attribute. Nothing from a link or a control reaches the page
/// any other way.
fn esc(out: &mut String, text: &str) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        let escaped = |text: &str| {
            let mut h = Html::new();
            h.text(text);
            h.into_string()
        };
        assert_eq!(
            escaped(r#"<img src=x onerror="alert('x')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(escaped("Ada ☕"), "Ada ☕");
    }

    #[test]
    fn text_and_attribute_values_are_escaped_and_names_are_written_as_given() {
        let mut h = Html::new();
        h.open("li")
            .attr("class", "x\" onclick=\"alert(1)")
            .attr_int("data-n", -42)
            .flag("hidden")
            .text("<b>&")
            .text("7")
            .close("li");
        assert_eq!(
            h.into_string(),
            "<li class=\"x&quot; onclick=&quot;alert(1)\" data-n=\"-42\" hidden>&lt;b&gt;&amp;7</li>"
        );
    }

    #[test]
    fn empty_void_and_nested_elements() {
        let mut inner = Html::new();
        inner.open("path").attr("d", "M0 0").shut();
        let mut h = Html::new();
        h.open("svg").nest(&inner).close("svg");
        h.open("label")
            .el("b", "x")
            .open("input")
            .attr("type", "checkbox");
        h.close("label").open("rect").close("rect").open("p");
        h.close("p");
        assert_eq!(
            h.into_string(),
            "<svg><path d=\"M0 0\"/></svg><label><b>x</b><input type=\"checkbox\"></label><rect></rect><p></p>"
        );
        let mut file = Html::xml_file();
        file.open("svg").close("svg");
        assert_eq!(
            file.as_str(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg></svg>"
        );
    }

    #[test]
    fn fixed_markup_is_escaped_and_joined_while_compiling() {
        const ID: &str = "a\"b";
        let f = markup! {
            h3("id" = ID, "hidden") { "Tom & Jerry's <cat>" }
            p { "x" code("class" = "k") { "y" } }
            path("d" = "M0 0") /
            input("type" = "checkbox");
        };
        assert_eq!(
            f.as_str(),
            "<h3 id=\"a&quot;b\" hidden>Tom &amp; Jerry&#39;s &lt;cat&gt;</h3><p>x<code class=\"k\">y</code></p><path d=\"M0 0\"/><input type=\"checkbox\">"
        );
        let mut h = Html::new();
        h.open("div").fill(f, &[]).close("div");
        assert_eq!(h.into_string(), format!("<div>{}</div>", f.as_str()));
    }

    #[test]
    fn a_template_is_filled_in_order_and_its_values_escaped() {
        let mut h = Html::new();
        let mut inner = Html::new();
        inner.el("b", "é");
        h.fill(
            markup! { td("data-n" = HOLE, "class" = "x") { (HOLE) " of " (HOLE) (HOLE) } },
            &[
                Hole::Int(-3),
                Hole::Text("<b>"),
                Hole::Text("a\"b"),
                Hole::Markup(&inner),
            ],
        );
        assert_eq!(
            h.into_string(),
            "<td data-n=\"-3\" class=\"x\">&lt;b&gt; of a&quot;b<b>é</b></td>"
        );
    }

    #[test]
    fn content_is_written_in_place_between_a_templates_pieces() {
        const LIST: [Fixed; 3] =
            markup! { ul("class" = HOLE) { (CONTENT) } p { (HOLE) (CONTENT) } }.split();
        let mut h = Html::new();
        h.fill_head(LIST[0], &[Hole::Text("a<")]);
        h.el("li", "1").el("li", "&");
        h.fill(LIST[1], &[Hole::Int(2)]).text("é");
        h.fill_tail(LIST[2], &[]);
        assert_eq!(
            h.into_string(),
            "<ul class=\"a&lt;\"><li>1</li><li>&amp;</li></ul><p>2é</p>"
        );
    }

    #[test]
    #[should_panic(expected = "left open")]
    fn a_template_left_without_its_tail_fails_in_tests() {
        const LIST: [Fixed; 2] = markup! { ul { (CONTENT) } }.split();
        let mut h = Html::new();
        h.fill_head(LIST[0], &[]);
        let _ = h.into_string();
    }

    #[test]
    #[should_panic(expected = "content in a tag")]
    fn content_never_goes_in_a_tag() {
        let _: [Fixed; 2] = markup! { ul("class" = CONTENT) {} }.split();
    }

    #[test]
    #[should_panic(expected = "markup in a tag")]
    fn markup_never_fills_an_attribute() {
        Html::new().fill(
            markup! { td("class" = HOLE) {} },
            &[Hole::Markup(&Html::new())],
        );
    }

    #[test]
    #[should_panic(expected = "not the pieces")]
    fn only_the_pieces_markup_becomes_fixed() {
        let _ = Fixed::checked(&[Piece::Text("<")], b"<");
    }

    #[test]
    #[should_panic(expected = "closing p")]
    fn closing_the_wrong_element_fails_in_tests() {
        let mut h = Html::new();
        h.open("div").close("p");
    }

    #[test]
    #[should_panic(expected = "left open")]
    fn an_element_left_open_fails_in_tests() {
        let mut h = Html::new();
        h.open("div").text("x");
        let _ = h.into_string();
    }
}
