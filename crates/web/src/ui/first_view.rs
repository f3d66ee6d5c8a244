//! The first view: the page as it looks at t = 0 for a link (the default
//! café, for `index.html`), rendered natively at build time by the code the
//! app renders it with — the page's frame (`view::page`), the stage's
//! controls (the same Leptos components, as HTML), the panels' markup at
//! t = 0, and the café's first frame as SVG (`view::picture`, from the same
//! display list the canvas paints). The browser shows it before the
//! WebAssembly arrives; the app then takes it over (`ui::app::start`): it
//! keeps the markup, puts the live components where their markup is, and
//! touches a panel only where its markup differs, so nothing moves and
//! nothing flashes.

use super::components::{
    CodeActions, FollowPicker, MastheadActions, Scrubber, StrategySwitch, Transport,
};
use super::state::Play;
use crate::link::View;
use crate::listing::{ErrorHandling, Mechanisms, line_of, listing_with};
use crate::play::frame::Frame;
use crate::play::scene::{Orientation, Style, describe, scene, text_scale};
use crate::play::shape::Estimate;
use crate::setup::setup_from_query;
use crate::view;
use crate::view::ids;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use std::rc::Rc;

/// The class of the first view's café pictures (and of each orientation:
/// the stylesheet shows the one the canvas will take).
pub const PICTURE: &str = "first-frame";

/// The `<body>`'s content for the link `search`, or what went wrong (a
/// place the page's frame no longer has).
pub fn first_view(search: &str) -> Result<String, String> {
    let setup = setup_from_query(search);
    let owner = Owner::new();
    // Rendered once, never updated: nothing here tracks a signal.
    owner.with(|| {
        untrack(|| {
            let play = Play::new(
                setup.scenario.clone(),
                setup.view.clone(),
                Signal::stored(true),
            );
            let mut page = view::page::skeleton(&setup);
            let help = NodeRef::new();
            replace(
                &mut page,
                ids::STRATEGY_SWITCH,
                &view! { <StrategySwitch play /> }.to_html(),
            )?;
            replace(
                &mut page,
                ids::TRANSPORT,
                &view! { <Transport play help /> }.to_html(),
            )?;
            replace(
                &mut page,
                ids::SCRUBBER,
                &view! { <Scrubber play /> }.to_html(),
            )?;
            replace(
                &mut page,
                ids::FOLLOW_PICKER,
                &view! { <FollowPicker play /> }.to_html(),
            )?;
            replace(
                &mut page,
                ids::CODE_ACTIONS,
                &view! { <CodeActions play /> }.to_html(),
            )?;
            let start = setup.view.clone();
            let now: Rc<dyn Fn() -> View> = Rc::new(move || start.clone());
            replace(
                &mut page,
                ids::MASTHEAD_ACTIONS,
                &view! { <MastheadActions play now /> }.to_html(),
            )?;
            for (id, html) in panels(play, setup.view.large) {
                fill(&mut page, id, &html)?;
            }
            Ok(page)
        })
    })
}

/// What the app's effects put in each panel at the first instant.
fn panels(play: Play, large: bool) -> Vec<(&'static str, String)> {
    let (strategy, t, follower) = (
        play.strategy.get_untracked(),
        play.t.get_untracked(),
        play.follower(),
    );
    let shared = play.runs.get_untracked();
    let runs = &shared.0;
    let run = runs.run(strategy);
    let frame = Frame::at(runs, strategy, t);
    let mut out = Vec::new();
    // The café: the canvas stays (the app paints it), each orientation's
    // picture over it until then.
    let mut pictures = String::new();
    for orientation in [Orientation::Landscape, Orientation::Portrait] {
        let (w, h) = orientation.size();
        let style = Style {
            orientation,
            motion: true,
            selected: Some(play.selected.get_untracked()),
            text_scale: text_scale(1.0, large),
        };
        let class = match orientation {
            Orientation::Landscape => "first-frame landscape",
            Orientation::Portrait => "first-frame portrait",
        };
        pictures.push_str(&view::picture::picture(
            &scene(runs, &frame, style, &Estimate),
            w,
            h,
            class,
        ));
    }
    out.push((ids::SCENE_PICTURE, pictures));
    out.push((ids::SCENE_WORDS, text(&describe(&runs.instance, &frame))));
    out.push((ids::LOOP, view::loop_panel::loop_panel(runs, run, t)));
    // The code panel, as `ui::code_panel` keeps it.
    let plan = runs.instance.plan(follower).to_vec();
    let (errors, mechanisms) = play
        .scenario
        .with_untracked(|s| (ErrorHandling::of(s), Mechanisms::of(s)));
    let listing = listing_with(
        strategy,
        play.language.get_untracked(),
        &plan,
        errors,
        mechanisms,
    );
    let current = line_of(
        &listing,
        run.index
            .code_point(&runs.instance, &run.trace, follower, t),
    );
    out.push((ids::CODE_LINES, view::code::lines(&listing, current)));
    out.push((
        ids::CODE_NOTE,
        play.scenario.with_untracked(|s| view::code::note(&plan, s)),
    ));
    out.push((
        ids::CODE_CAPTION,
        view::code::caption(current, &runs.instance.name(follower)),
    ));
    out.push((ids::HEADLINE, view::results::headline(run)));
    for (id, words) in view::page::strategy_texts(strategy) {
        out.push((id, text(&words)));
    }
    out
}

/// `words` as markup (escaped).
fn text(words: &str) -> String {
    let mut h = view::Html::new();
    h.text(words);
    h.into_string()
}

/// The start tag of the element with `id` in `page`: (its start, its end).
fn start_tag(page: &str, id: &str) -> Result<(usize, usize), String> {
    let attr = format!(" id=\"{id}\"");
    let at = page
        .find(&attr)
        .ok_or_else(|| format!("the page has no element with id \"{id}\""))?;
    let start = page[..at].rfind('<').unwrap_or(0);
    let end = at + page[at..].find('>').map_or(0, |i| i + 1);
    Ok((start, end))
}

/// Replaces the empty element with `id` (a component's placeholder) by
/// `html`, between two comments that name it (`<!--id-->…<!--/id-->`): the
/// app puts the live component there when it takes the first view over
/// (`components::place`).
fn replace(page: &mut String, id: &str, html: &str) -> Result<(), String> {
    let (start, end) = start_tag(page, id)?;
    let tag = page[start + 1..end]
        .split([' ', '>'])
        .next()
        .unwrap_or_default();
    let close = format!("</{tag}>");
    if !page[end..].starts_with(&close) {
        return Err(format!("the placeholder \"{id}\" is not empty"));
    }
    page.replace_range(
        start..end + close.len(),
        &format!("<!--{id}-->{html}<!--/{id}-->"),
    );
    Ok(())
}

/// Puts `html` inside the element with `id`, which must be empty.
fn fill(page: &mut String, id: &str, html: &str) -> Result<(), String> {
    let (_, end) = start_tag(page, id)?;
    if !page[end..].starts_with("</") {
        return Err(format!("the panel \"{id}\" is not empty"));
    }
    page.insert_str(end, html);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_first_view_holds_the_stage_the_cafe_and_the_panels() {
        let page = first_view("").unwrap();
        // The switch with the shown strategy checked, the transport, the
        // scrubber: the components' own markup.
        assert!(page.contains("<fieldset class=\"switch\">"), "{page}");
        assert_eq!(
            page.matches("name=\"strategy\"").count(),
            5,
            "four strategies and your code"
        );
        assert!(page.contains("id=\"play\""));
        assert!(page.contains("id=\"scrub\""));
        assert!(page.contains("✎ Edit this code"), "the code panel's action");
        assert!(page.contains("0 ms / "), "the clock at t = 0");
        // Both pictures of the café, and its canvas for the app.
        assert!(page.contains("<svg class=\"first-frame landscape\""));
        assert!(page.contains("<svg class=\"first-frame portrait\""));
        assert!(page.contains(&format!(" id=\"{}\"", ids::SCENE_CANVAS)));
        // Karen is followed, and the code shows her line.
        assert!(page.contains("Karen"));
        assert!(page.contains("code-line current") || page.contains("class=\"code-line"));
        // No placeholder is left.
        for id in [
            ids::STRATEGY_SWITCH,
            ids::TRANSPORT,
            ids::SCRUBBER,
            ids::MASTHEAD_ACTIONS,
            ids::FOLLOW_PICKER,
            ids::CODE_ACTIONS,
        ] {
            assert!(!page.contains(&format!(" id=\"{id}\"")), "{id} is left");
        }
    }

    #[test]
    fn a_place_the_frame_lost_is_an_error_not_a_page() {
        let mut page = String::from("<div id=\"a\"><p>x</p></div>");
        assert!(replace(&mut page, "b", "").is_err());
        assert!(replace(&mut page, "a", "").is_err(), "not empty");
        assert!(fill(&mut page, "a", "y").is_err(), "not empty");
        let mut page = String::from("<p>1</p><div id=\"a\"></div><p>2</p>");
        replace(&mut page, "a", "<b>in</b>").unwrap();
        assert_eq!(page, "<p>1</p><!--a--><b>in</b><!--/a--><p>2</p>");
    }
}
