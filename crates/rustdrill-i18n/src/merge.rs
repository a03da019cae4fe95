//! `dev i18n update`: a language's catalogue brought up to a new template,
//! as gettext's `msgmerge` does it but keyed by where each text lives.
//!
//! For each message of the template, in this order:
//! 1. the catalogue has the same place with the same English: kept as it
//!    is (translated, fuzzy or missing);
//! 2. some catalogue of the language has the same English translated (not
//!    fuzzy) anywhere: the text moved (a hint inserted before it, a
//!    paragraph moved, an exercise moved to another chapter), and its
//!    translation still holds;
//! 3. the catalogue has the same place with other English and a
//!    translation: the English changed, so the translation is kept but
//!    marked fuzzy, with the English it was made for as `#| msgid`;
//! 4. otherwise the message is new: no translation.
//!
//! Messages the template no longer has are dropped.

use std::collections::HashMap;

use crate::po::{Catalogue, Entry};

/// What an update did to one catalogue.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Entries that became fuzzy because their English changed.
    pub newly_fuzzy: usize,
    /// Translations found under another place (moved text).
    pub moved: usize,
    /// Entries the template no longer has.
    pub dropped: usize,
    /// Entries with no translation yet that the template added.
    pub added: usize,
}

/// The catalogue for `language` after merging `template` into `old` (the
/// language's current catalogue for this file, if any); `others` are the
/// language's other catalogues, searched for moved text.
pub fn update(
    template: &Catalogue,
    old: Option<&Catalogue>,
    others: &[&Catalogue],
    language: &str,
) -> (Catalogue, Changes) {
    let empty = Catalogue::default();
    let old = old.unwrap_or(&empty);
    let by_ctxt: HashMap<&str, &Entry> = old.entries.iter().map(|e| (e.ctxt.as_str(), e)).collect();
    let mut by_id: HashMap<&str, &Entry> = HashMap::new();
    for e in others.iter().flat_map(|c| &c.entries).chain(&old.entries) {
        if e.usable().is_some() {
            // The same file's own translation wins (inserted last).
            by_id.insert(e.id.as_str(), e);
        }
    }
    let mut changes = Changes::default();
    let mut entries = Vec::with_capacity(template.entries.len());
    for t in &template.entries {
        let mut e = t.clone();
        // The translator's notes stay with the place.
        if let Some(o) = by_ctxt.get(t.ctxt.as_str()) {
            e.comments = o.comments.clone();
        }
        match by_ctxt.get(t.ctxt.as_str()) {
            Some(o) if o.id == t.id => {
                e.translation = o.translation.clone();
                e.fuzzy = o.fuzzy && !o.translation.is_empty();
                e.previous = if e.fuzzy { o.previous.clone() } else { None };
            }
            same_place => {
                if let Some(moved) = by_id.get(t.id.as_str()) {
                    e.translation = moved.translation.clone();
                    changes.moved += 1;
                } else if let Some(o) = same_place.filter(|o| !o.translation.is_empty()) {
                    e.translation = o.translation.clone();
                    e.fuzzy = true;
                    // Fuzzy twice: the translation is still for the first English.
                    e.previous = Some(match (&o.previous, o.fuzzy) {
                        (Some(p), true) => p.clone(),
                        _ => o.id.clone(),
                    });
                    changes.newly_fuzzy += 1;
                } else {
                    changes.added += 1;
                }
            }
        }
        entries.push(e);
    }
    changes.dropped = old
        .entries
        .iter()
        .filter(|o| template.get(&o.ctxt).is_none())
        .count();
    (
        Catalogue {
            language: Some(language.to_owned()),
            entries,
        },
        changes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(entries: &[(&str, &str, &str)]) -> Catalogue {
        Catalogue {
            language: None,
            entries: entries
                .iter()
                .map(|(c, id, tr)| {
                    let mut e = Entry::new(*c, *id);
                    e.translation = tr.to_string();
                    e
                })
                .collect(),
        }
    }

    #[test]
    fn one_changed_hint_becomes_fuzzy_and_nothing_else() {
        let old = cat(&[
            ("a:hint:1", "First.", "첫째."),
            ("a:hint:2", "Second.", "둘째."),
            ("a:comment:1", "TODO: x", "TODO: 엑스"),
        ]);
        let template = cat(&[
            ("a:hint:1", "First.", ""),
            ("a:hint:2", "Second, changed.", ""),
            ("a:comment:1", "TODO: x", ""),
        ]);
        let (new, changes) = update(&template, Some(&old), &[], "ko");
        assert_eq!(changes.newly_fuzzy, 1);
        let fuzzy: Vec<&str> = new
            .entries
            .iter()
            .filter(|e| e.fuzzy)
            .map(|e| e.ctxt.as_str())
            .collect();
        assert_eq!(fuzzy, ["a:hint:2"]);
        let hint = new.get("a:hint:2").unwrap();
        assert_eq!(hint.translation, "둘째.");
        assert_eq!(hint.previous.as_deref(), Some("Second."));
        assert_eq!(hint.usable(), None);
        assert_eq!(new.get("a:hint:1").unwrap().usable(), Some("첫째."));
    }

    #[test]
    fn translators_notes_survive_an_update() {
        let mut old = cat(&[("a:hint:1", "First.", "첫째.")]);
        old.entries[0].comments = "ask about the term".into();
        let template = cat(&[("a:hint:1", "First, changed.", "")]);
        let (new, _) = update(&template, Some(&old), &[], "ko");
        assert_eq!(new.get("a:hint:1").unwrap().comments, "ask about the term");
    }

    #[test]
    fn moved_text_keeps_its_translation_and_new_text_has_none() {
        let old = cat(&[("a:hint:1", "First.", "첫째.")]);
        let elsewhere = cat(&[("b:comment:1", "Moved here.", "옮겼다.")]);
        let template = cat(&[
            ("a:hint:1", "New first.", ""),
            ("a:hint:2", "First.", ""),
            ("a:hint:3", "Moved here.", ""),
        ]);
        let (new, changes) = update(&template, Some(&old), &[&elsewhere], "ko");
        assert_eq!(new.get("a:hint:2").unwrap().usable(), Some("첫째."));
        assert_eq!(new.get("a:hint:3").unwrap().usable(), Some("옮겼다."));
        // a:hint:1's English changed in place: its old translation is
        // offered to the translator, fuzzy.
        assert_eq!(
            new.get("a:hint:1").unwrap().state(),
            crate::po::EntryState::Fuzzy
        );
        assert_eq!(changes.moved, 2);
    }

    #[test]
    fn fuzzy_twice_keeps_the_english_it_was_translated_from() {
        let mut old = cat(&[("a:hint:1", "Second version.", "첫 번역.")]);
        old.entries[0].fuzzy = true;
        old.entries[0].previous = Some("First version.".into());
        let template = cat(&[("a:hint:1", "Third version.", "")]);
        let (new, _) = update(&template, Some(&old), &[], "ja");
        let e = new.get("a:hint:1").unwrap();
        assert!(e.fuzzy);
        assert_eq!(e.previous.as_deref(), Some("First version."));
        assert_eq!(new.language.as_deref(), Some("ja"));
    }
}
