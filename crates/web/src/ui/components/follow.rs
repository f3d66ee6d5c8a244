//! The "Follow" menu above the code: which customer's handler the code
//! panel, the timeline and the café highlight.

use super::on_event;
use crate::ui::state::Play;
use leptos::prelude::*;

/// How many customers the menu offers (the first ones; a click on the
/// timeline follows any other).
const MENU_LIMIT: usize = 200;

/// A select of the café's customers, bound to the followed one.
#[component]
pub fn FollowPicker(play: Play) -> impl IntoView {
    let options = move || {
        let chosen = play.follower();
        play.customers.with(|c| {
            let orders = c.0.orders.len().min(MENU_LIMIT);
            (0..orders)
                .map(|i| {
                    let name = c.0.name(i).into_owned();
                    view! { <option value=i.to_string() selected=i == chosen>{name}</option> }
                })
                .collect_view()
        })
    };
    let pick = on_event(move |e| {
        if let Ok(i) = event_target_value(&e).parse::<u32>() {
            play.selected.set(i);
        }
    });
    view! {
        <label class="follow">"Follow " <select id="follow" on:change=pick>{options}</select></label>
    }
}
