//! The page's places, found by `id` inside the app's root element (so two
//! apps on one page never touch each other's), and the few ways the app
//! changes them: markup, text, attributes, form values.
#![cfg_attr(
    not(target_arch = "wasm32"),
    allow(
        dead_code,
        reason = "natively only the first view is rendered: nothing here is called"
    )
)]

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The "every order" panel (a `<details>`, shut unless the link opens it).
pub const ORDERS_PANEL: &str = "details.orders";

/// The app's root element.
#[derive(Clone)]
pub struct Page(pub HtmlElement);

impl Page {
    /// The element with `id` inside the root.
    pub fn get(&self, id: &str) -> Option<Element> {
        self.0.query_selector(&format!("#{id}")).ok().flatten()
    }

    /// The element with `id`, as a `T` (an input, a canvas, a dialog…).
    pub fn get_as<T: JsCast>(&self, id: &str) -> Option<T> {
        self.get(id).and_then(|e| e.dyn_into::<T>().ok())
    }

    /// Replaces the content of `id` with `html` (made by `crate::view`,
    /// every piece of data escaped).
    pub fn set_html(&self, id: &str, html: &str) {
        if let Some(e) = self.get(id) {
            e.set_inner_html(html);
        }
    }

    /// Whether `id` holds the very markup `html` already (the first view
    /// does, where the app would put the same): the same nodes, however
    /// the browser writes them back.
    pub fn holds(&self, id: &str, html: &str) -> bool {
        let Some(e) = self.get(id) else {
            return false;
        };
        if !e.has_child_nodes() {
            return html.is_empty();
        }
        if e.inner_html() == html {
            return true;
        }
        let Some(probe) = e
            .owner_document()
            .and_then(|d| d.create_element("div").ok())
        else {
            return false;
        };
        probe.set_inner_html(html);
        let (now, wanted) = (e.child_nodes(), probe.child_nodes());
        now.length() == wanted.length()
            && (0..now.length()).all(|i| match (now.item(i), wanted.item(i)) {
                (Some(a), Some(b)) => a.is_equal_node(Some(&b)),
                _ => false,
            })
    }

    /// Replaces the content of `id` with plain text.
    pub fn set_text(&self, id: &str, text: &str) {
        if let Some(e) = self.get(id) {
            e.set_text_content(Some(text));
        }
    }

    /// Sets attribute `name` of `id`.
    pub fn set_attr(&self, id: &str, name: &str, value: &str) {
        if let Some(e) = self.get(id) {
            let _ = e.set_attribute(name, value);
        }
    }

    /// Adds or removes class `name` on `id`.
    pub fn set_class(&self, id: &str, name: &str, on: bool) {
        if let Some(e) = self.get(id) {
            let _ = e.class_list().toggle_with_force(name, on);
        }
    }

    /// Hides (or shows) `id`.
    pub fn set_hidden(&self, id: &str, hidden: bool) {
        if let Some(e) = self.get(id).filter(|e| e.has_attribute("hidden") != hidden) {
            let _ = if hidden {
                e.set_attribute("hidden", "")
            } else {
                e.remove_attribute("hidden")
            };
        }
    }

    /// Disables or enables button `id`.
    pub fn set_disabled(&self, id: &str, off: bool) {
        if let Some(e) = self.get(id) {
            let _ = if off {
                e.set_attribute("disabled", "")
            } else {
                e.remove_attribute("disabled")
            };
        }
    }

    /// The nodes the first view holds for the component `id`: its opening
    /// comment `<!--id-->`, the component's markup and its closing comment
    /// `<!--/id-->` (`ui::first_view`), or `None` where there are none.
    pub fn marked(&self, id: &str) -> Option<Vec<web_sys::Node>> {
        const SHOW_COMMENT: u32 = 0x80;
        let comments = web_sys::window()?
            .document()?
            .create_node_iterator_with_what_to_show(&self.0, SHOW_COMMENT)
            .ok()?;
        let open = std::iter::from_fn(|| comments.next_node().ok().flatten())
            .find(|c| c.node_value().as_deref() == Some(id))?;
        let close = format!("/{id}");
        let mut nodes = vec![open.clone()];
        let mut next = open.next_sibling();
        while let Some(node) = next {
            next = node.next_sibling();
            let closes = node.node_type() == web_sys::Node::COMMENT_NODE
                && node.node_value().as_deref() == Some(close.as_str());
            nodes.push(node);
            if closes {
                return Some(nodes);
            }
        }
        None
    }

    /// Every element inside the root matching `selector` (HTML or SVG).
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let mut out = Vec::new();
        if let Ok(list) = self.0.query_selector_all(selector) {
            for i in 0..list.length() {
                if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    out.push(e);
                }
            }
        }
        out
    }
}

/// The nearest element at or above the event's target that has attribute
/// `name`, and that attribute's value.
pub fn closest_with(ev: &web_sys::Event, name: &str) -> Option<(Element, String)> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let found = target.closest(&format!("[{name}]")).ok()??;
    let value = found.get_attribute(name)?;
    Some((found, value))
}
