//! The page's interactive parts as Leptos components: each owns its DOM
//! nodes and its typed event handlers, and follows `Play` through signals,
//! so a control keeps its focus and its state while the café changes under
//! it. The rest of the page is generated markup (`crate::view`) that these
//! are placed into.

mod code_actions;
#[cfg(target_arch = "wasm32")]
mod editor;
mod follow;
#[cfg(target_arch = "wasm32")]
mod lesson;
#[cfg(target_arch = "wasm32")]
mod params;
mod share;
mod switch;
mod transport;

pub use code_actions::CodeActions;
#[cfg(target_arch = "wasm32")]
pub use editor::CodeEditor;
pub use follow::FollowPicker;
#[cfg(target_arch = "wasm32")]
pub use lesson::LessonPanel;
#[cfg(target_arch = "wasm32")]
pub use params::ParamForm;
pub use share::MastheadActions;
pub use switch::StrategySwitch;
#[cfg(target_arch = "wasm32")]
pub use transport::open_help;
pub use transport::{Scrubber, Transport};

#[cfg(target_arch = "wasm32")]
use super::dom::Page;
use leptos::prelude::*;
#[cfg(target_arch = "wasm32")]
use leptos::tachys::view::{Mountable, Render};

/// A click handler, boxed: every button shares one instance of the
/// listening code (a closure type each would get its own copy).
pub fn on_click(
    f: impl FnMut(web_sys::MouseEvent) + 'static,
) -> Box<dyn FnMut(web_sys::MouseEvent)> {
    Box::new(f)
}

/// A form control's handler (`change` or `input`), boxed like [`on_click`].
pub fn on_event(f: impl FnMut(web_sys::Event) + 'static) -> Box<dyn FnMut(web_sys::Event)> {
    Box::new(f)
}

/// A value derived from signals, as a signal: one instance of the updating code
/// per value type, not one per closure.
pub fn derived<T: Clone + Send + Sync + 'static>(
    f: impl Fn() -> T + Send + Sync + 'static,
) -> Signal<T> {
    Signal::derive(f)
}

/// Puts the view `f` makes where the page's placeholder `id` stands (the
/// placeholder goes), or where the first view holds the component's markup
/// (that markup goes), owned by the app: it lives until the app is dropped.
/// Nothing happens when the page has no such place (an embed without that
/// panel).
#[cfg(target_arch = "wasm32")]
pub fn place<N: IntoView + 'static>(page: &Page, id: &str, f: impl FnOnce() -> N) {
    let stale: Vec<web_sys::Node> = match page.get(id) {
        Some(placeholder) => vec![placeholder.into()],
        None => page.marked(id).unwrap_or_default(),
    };
    let Some(first) = stale.first() else {
        return;
    };
    let Some(parent) = first.parent_element() else {
        return;
    };
    let owner = Owner::new();
    let mounted = owner.with(|| {
        let mut state = f().into_view().build();
        state.mount(&parent, Some(first));
        state
    });
    for node in stale {
        let _ = parent.remove_child(&node);
    }
    // Dropped (unmounted, its effects stopped) with the app's owner.
    StoredValue::new_local((owner, mounted));
}
