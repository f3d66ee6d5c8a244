//! A tiny INI-like text format for content files: `[id]` sections of
//! `key = value` lines; `#` starts a comment line. Order is kept.

/// One `[id]` section and its `key = value` lines, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The section's id.
    pub id: String,
    /// Its entries.
    pub entries: Vec<(String, String)>,
}

impl Section {
    /// The first value of `key`, or "".
    pub fn get(&self, key: &str) -> &str {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Reads the sections of `text`; lines before the first section are ignored.
pub fn parse(text: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push(Section {
                id: id.trim().to_string(),
                entries: Vec::new(),
            });
        } else if let (Some(section), Some((key, value))) =
            (sections.last_mut(), line.split_once('='))
        {
            section
                .entries
                .push((key.trim().to_string(), value.trim().to_string()));
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keep_their_entries_in_order_and_comments_vanish() {
        let s = parse("junk = 1\n# c\n[a]\ntitle = A\ncaption = cap = x\n\n[b]\nk=v\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "a");
        assert_eq!(s[0].get("caption"), "cap = x");
        assert_eq!(s[0].get("missing"), "");
        assert_eq!(s[1].entries, [("k".to_string(), "v".to_string())]);
    }
}
