//! The `id` of every place on the page that the web app finds: one constant
//! each, written by the markup and looked up by `ui` through the same name,
//! so the two can never drift apart silently. `page`'s tests render the
//! frame of the whole page, an embed and a lesson link and check that each
//! id is there exactly once where it should be (`PLACES`): a place the
//! markup lost is a failing test, not a control that quietly does nothing.

use crate::engine::Strategy;
use crate::listing::Language;

// The frame.
/// The app's `<main>`; "Large type" sets a class on it.
pub const PLAYGROUND: &str = "playground";
/// The masthead's actions (Large type, Share, Embed and their dialogs: a
/// Leptos component replaces this empty element).
pub const MASTHEAD_ACTIONS: &str = "masthead-actions";
/// An embed's link to the whole café, kept current.
pub const OPEN_FULL: &str = "open-full";
/// The live region that narrates what happens.
pub const NARRATION: &str = "narration";
/// The footer's line on how long the runs took.
pub const SIM_TIME: &str = "sim-time";
/// The lesson panel (with a lesson link only).
pub const LESSON: &str = "lesson";
/// Where the lesson panel goes (a Leptos component replaces it).
pub const LESSON_PANEL: &str = "lesson-panel";

// The stage: where its controls go (Leptos components that own their
// nodes replace these empty elements), and the café.
/// The strategy switch.
pub const STRATEGY_SWITCH: &str = "strategy-switch";
/// The transport (play, steps, speed, clock, the shortcuts' dialog).
pub const TRANSPORT: &str = "transport";
/// The playhead's slider and the switch note.
pub const SCRUBBER: &str = "scrubber";
/// The café's figure (its motion setting).
pub const SCENE: &str = "scene";
/// The café's canvas.
pub const SCENE_CANVAS: &str = "scene-canvas";
/// Over the canvas, the café's first frame as SVG in the first view (empty
/// once the app has started: the canvas is painted).
pub const SCENE_PICTURE: &str = "scene-picture";
/// Over the café, while a big café is simulated in the back room: how far.
pub const BUSY: &str = "busy";
/// The café in words, for screen readers.
pub const SCENE_WORDS: &str = "scene-words";

// The strategy in brief.
/// The chosen strategy's code in a line.
pub const STRATEGY_CODE: &str = "strategy-code";
/// What the chosen strategy does.
pub const STRATEGY_EXPLAIN: &str = "strategy-explain";

// The event loop and the code.
/// The event-loop panel.
pub const LOOP: &str = "loop";
/// Where the "Follow" menu of customers goes (a component).
pub const FOLLOW_PICKER: &str = "follow-picker";
/// The code panel's title.
pub const CODE_TITLE: &str = "code-title";
/// Where the followed order is in the code.
pub const CODE_CAPTION: &str = "code-caption";
/// The listing's scroll box (the tabs' panel).
pub const CODE_SCROLL: &str = "code-scroll";
/// The listing's `<pre>` (its language).
pub const CODE_PRE: &str = "code-pre";
/// The listing's lines.
pub const CODE_LINES: &str = "code-lines";
/// Where the learner's handler editor goes (a component), in the
/// listing's scroll box.
pub const CODE_EDITOR: &str = "code-editor";
/// Where "Edit this code" and "Start over from" go (a component).
pub const CODE_ACTIONS: &str = "code-actions";
/// The mechanisms the handler goes through, under the code.
pub const CODE_NOTE: &str = "code-note";

// The café's story.
/// The preset's title.
pub const SCENARIO_TITLE: &str = "scenario-title";
/// The preset's caption, or what changed.
pub const SCENARIO_CAPTION: &str = "scenario-caption";

// The timeline.
/// The lanes.
pub const LANES_CANVAS: &str = "lanes-canvas";
/// The playhead over the lanes (dragged, clicked).
pub const HEAD_CANVAS: &str = "head-canvas";
/// Which customers the lanes show.
pub const LANE_RANGE: &str = "lane-range";
/// The lanes' "Earlier customers" button.
pub const EARLIER: &str = "earlier";
/// The lanes' "Later customers" button.
pub const LATER: &str = "later";

// The results.
/// The results' title.
pub const HEADLINE_TITLE: &str = "headline-title";
/// The headline numbers.
pub const HEADLINE: &str = "headline";
/// The charts.
pub const CHARTS: &str = "charts";
/// Pools, breaker and cache, when on.
pub const MECHANISMS: &str = "mechanisms";
/// The event-loop monitor.
pub const MONITOR: &str = "monitor";
/// The comparison table's body.
pub const COMPARE_ROWS: &str = "compare-rows";
/// The order table's summary.
pub const ORDERS_TITLE: &str = "orders-title";
/// The order table's body.
pub const ORDER_ROWS: &str = "order-rows";
/// How many orders the table lists.
pub const ORDERS_NOTE: &str = "orders-note";

// The real run.
/// The real run's panel.
pub const REAL: &str = "real";
/// Its time scale.
pub const REAL_SCALE: &str = "real-scale";
/// Its Run button.
pub const REAL_RUN: &str = "real-run";
/// Its Cancel button.
pub const REAL_CANCEL: &str = "real-cancel";
/// Its progress.
pub const REAL_STATUS: &str = "real-status";
/// Its result.
pub const REAL_RESULT: &str = "real-result";

// The form.
/// The parameter form's section.
pub const PARAMS: &str = "params";
/// Where the form goes (a Leptos component replaces it).
pub const PARAM_FORM: &str = "param-form";

/// The race's small café of strategy `s`.
pub fn race(s: Strategy) -> String {
    format!("race-{}", s.key())
}

/// The same café in words.
pub fn race_words(s: Strategy) -> String {
    format!("race-{}-words", s.key())
}

/// The code panel's tab of language `l`.
pub fn code_tab(l: Language) -> String {
    format!("code-tab-{}", l.key())
}

/// Which frames hold an id.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Where {
    /// The whole page and an embed of the default panels.
    Everywhere,
    /// The whole page only.
    Page,
    /// An embed only.
    Embed,
    /// The whole page opened on a lesson only.
    Lesson,
}

#[cfg(test)]
impl Where {
    /// How many times the frame of the whole page (`embed` false) or an
    /// embed, with a lesson or not, holds an id that is here.
    pub(crate) fn count(self, embed: bool, lesson: bool) -> usize {
        let here = match self {
            Where::Everywhere => true,
            Where::Page => !embed,
            Where::Embed => embed,
            Where::Lesson => lesson && !embed,
        };
        usize::from(here)
    }
}

/// Every constant above and where it is.
#[cfg(test)]
pub(crate) const PLACES: [(&str, Where); 51] = {
    use Where::*;
    [
        (PLAYGROUND, Everywhere),
        (MASTHEAD_ACTIONS, Page),
        (OPEN_FULL, Embed),
        (NARRATION, Everywhere),
        (SIM_TIME, Page),
        (LESSON, Lesson),
        (LESSON_PANEL, Lesson),
        (STRATEGY_SWITCH, Everywhere),
        (TRANSPORT, Everywhere),
        (SCRUBBER, Everywhere),
        (SCENE, Everywhere),
        (SCENE_CANVAS, Everywhere),
        (SCENE_PICTURE, Everywhere),
        (BUSY, Everywhere),
        (SCENE_WORDS, Everywhere),
        (STRATEGY_CODE, Everywhere),
        (STRATEGY_EXPLAIN, Everywhere),
        (LOOP, Everywhere),
        (FOLLOW_PICKER, Everywhere),
        (CODE_TITLE, Everywhere),
        (CODE_CAPTION, Everywhere),
        (CODE_SCROLL, Everywhere),
        (CODE_PRE, Everywhere),
        (CODE_LINES, Everywhere),
        (CODE_EDITOR, Everywhere),
        (CODE_ACTIONS, Everywhere),
        (CODE_NOTE, Everywhere),
        (SCENARIO_TITLE, Page),
        (SCENARIO_CAPTION, Page),
        (LANES_CANVAS, Page),
        (HEAD_CANVAS, Page),
        (LANE_RANGE, Page),
        (EARLIER, Page),
        (LATER, Page),
        (HEADLINE_TITLE, Page),
        (HEADLINE, Page),
        (CHARTS, Page),
        (MECHANISMS, Page),
        (MONITOR, Page),
        (COMPARE_ROWS, Page),
        (ORDERS_TITLE, Page),
        (ORDER_ROWS, Page),
        (ORDERS_NOTE, Page),
        (REAL, Page),
        (REAL_SCALE, Page),
        (REAL_RUN, Page),
        (REAL_CANCEL, Page),
        (REAL_STATUS, Page),
        (REAL_RESULT, Page),
        (PARAMS, Page),
        (PARAM_FORM, Page),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_constant_is_listed_once_with_where_it_is() {
        let source = include_str!("ids.rs");
        let declared: Vec<&str> = source
            .lines()
            .filter_map(|l| l.strip_prefix("pub const "))
            .filter_map(|l| l.split('"').nth(1))
            .collect();
        let listed: Vec<&str> = PLACES.iter().map(|p| p.0).collect();
        assert_eq!(declared, listed, "PLACES lists every constant, in order");
        let mut unique = declared.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), declared.len(), "no id twice");
    }
}
