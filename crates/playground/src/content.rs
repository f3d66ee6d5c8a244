//! Words the page shows about each strategy, read from
//! `content/strategies.ini` (content is data).

use crate::engine::Strategy;
use crate::engine::ini::parse;

/// `content/strategies.ini` without its comment lines (`build.rs`).
const STRATEGIES_INI: &str = include_str!(concat!(env!("OUT_DIR"), "/strategies.ini"));

/// What the page says about one strategy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrategyText {
    /// The code's shape, one line of JavaScript.
    pub code: String,
    /// Two sentences on what happens.
    pub explain: String,
}

/// The text for `strategy`.
pub fn strategy_text(strategy: Strategy) -> StrategyText {
    let sections = parse(STRATEGIES_INI);
    let section = sections.iter().find(|s| s.id == strategy.key());
    StrategyText {
        code: section
            .map(|s| s.get("code").to_string())
            .unwrap_or_default(),
        explain: section
            .map(|s| s.get("explain").to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_strategy_has_code_and_two_sentences() {
        for s in Strategy::WITH_YOURS {
            let text = strategy_text(s);
            assert!(!text.code.is_empty(), "{s:?}");
            assert_eq!(
                text.explain.matches(". ").count() + 1,
                2,
                "{s:?}: {}",
                text.explain
            );
            assert!(text.explain.ends_with('.'));
        }
    }
}
