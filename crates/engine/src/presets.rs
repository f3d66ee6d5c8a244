//! Presets: named scenarios that tell the essay's stories. Their text lives
//! in `content/presets.ini` (content is data); this file only reads it.

use super::ini::parse;
use super::params::{ParamError, parse_strict};
use super::scenario::Scenario;

const PRESETS_INI: &str = include_str!("../../../content/presets.ini");

/// A named, linkable scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Identifier used in links and on the command line.
    pub id: String,
    /// Title for menus.
    pub title: String,
    /// One line saying what it shows.
    pub caption: String,
    /// Scenario parameters on top of the defaults.
    pub pairs: Vec<(String, String)>,
}

impl Preset {
    /// The preset's scenario.
    pub fn scenario(&self) -> Result<Scenario, ParamError> {
        parse_strict(
            Scenario::default(),
            self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        )
    }
}

/// Reads presets from INI-like text (see [`ini`](super::ini)): `title` and
/// `caption` describe the preset, every other key is a scenario parameter.
pub fn parse_presets(text: &str) -> Vec<Preset> {
    parse(text)
        .into_iter()
        .map(|section| Preset {
            title: section.get("title").to_string(),
            caption: section.get("caption").to_string(),
            pairs: section
                .entries
                .iter()
                .filter(|(k, _)| k != "title" && k != "caption")
                .cloned()
                .collect(),
            id: section.id,
        })
        .collect()
}

/// Every built-in preset, in menu order.
pub fn presets() -> Vec<Preset> {
    built_in().to_vec()
}

/// The built-in preset called `id`.
pub fn preset(id: &str) -> Option<Preset> {
    built_in().iter().find(|p| p.id == id).cloned()
}

/// The built-in presets, read from their text once (a lesson's steps ask
/// for theirs again and again).
fn built_in() -> &'static [Preset] {
    static ALL: std::sync::OnceLock<Vec<Preset>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| parse_presets(PRESETS_INI))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_a_valid_titled_scenario() {
        let all = presets();
        assert!(all.len() >= 5);
        for p in &all {
            assert!(!p.title.is_empty() && !p.caption.is_empty(), "{}", p.id);
            p.scenario()
                .unwrap_or_else(|e| panic!("preset {}: {e}", p.id));
        }
        let mut ids: Vec<_> = all.iter().map(|p| &p.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "ids are unique");
    }

    #[test]
    fn the_first_preset_is_the_default_scenario() {
        assert_eq!(presets()[0].id, "morning-line");
        assert_eq!(presets()[0].scenario().unwrap(), Scenario::default());
    }

    #[test]
    fn the_parser_reads_sections_and_ignores_comments() {
        let p = parse_presets("# c\n[a]\ntitle = A\ncaption = cap = x\nsteamers = 2\n");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].caption, "cap = x");
        assert_eq!(p[0].pairs, [("steamers".to_string(), "2".to_string())]);
    }
}
