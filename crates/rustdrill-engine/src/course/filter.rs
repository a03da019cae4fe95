//! An info.toml and a workspace manifest with some chapters left out, as
//! `init --track` and `tracks add` write them, and how a course written so
//! is known to come from the one embedded in the binary. Text in, text out:
//! comments and layout are kept (toml_edit).

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use toml_edit::DocumentMut;

use super::{INFO_FILE, Info, info};

/// info.toml without the exercises of the `left_out` chapters; everything
/// else (comments, `[[tracks]]`) as written.
pub fn filter_info(text: &str, left_out: &HashSet<String>) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("cannot read info.toml")?;
    if let Some(exercises) = doc
        .get_mut("exercises")
        .and_then(|e| e.as_array_of_tables_mut())
    {
        exercises.retain(|t| {
            t.get("dir")
                .and_then(|d| d.as_str())
                .is_none_or(|d| !left_out.contains(d))
        });
    }
    Ok(doc.to_string())
}

/// The workspace manifest without the `left_out` chapters as members.
pub fn filter_members(text: &str, left_out: &HashSet<String>) -> Result<String> {
    let mut doc: DocumentMut = text.parse()?;
    if let Some(members) = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("members"))
        .and_then(|m| m.as_array_mut())
    {
        members.retain(|m| {
            m.as_str()
                .is_none_or(|m| !left_out.contains(m.trim_end_matches('/')))
        });
    }
    Ok(doc.to_string())
}

/// Is `text` (parsed: `info`) the info.toml `init` writes from `source`
/// for the tracks it includes? (How a course from `init --track` is known
/// as the embedded one.) The caller has parsed `text` already: it is not
/// parsed again.
pub fn is_filtered_from(source_text: &str, text: &str, info: &Info) -> bool {
    // `init` keeps the `[[tracks]]` of the source: without them, `text`
    // is not from a course with tracks, and the source need not be read.
    if !info.declared_tracks {
        return false;
    }
    let Ok(source) = info::parse(Path::new(INFO_FILE), source_text, false) else {
        return false;
    };
    // Lines aside: exercises left out above a track move it up.
    let same = |a: &crate::course::Track, b: &crate::course::Track| {
        (&a.name, &a.description, &a.chapters) == (&b.name, &b.description, &b.chapters)
    };
    if !source.declared_tracks
        || source.tracks.len() != info.tracks.len()
        || !source
            .tracks
            .iter()
            .zip(&info.tracks)
            .all(|(a, b)| same(a, b))
    {
        return false;
    }
    let included: Vec<String> = info
        .included_tracks()
        .into_iter()
        .map(|t| t.name.clone())
        .collect();
    let left_out: HashSet<String> = source
        .tracks
        .iter()
        .filter(|t| !included.contains(&t.name))
        .flat_map(|t| t.chapters.iter().cloned())
        .collect();
    filter_info(source_text, &left_out).is_ok_and(|filtered| filtered == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    fn filtered_from(source_text: &str, text: &str) -> bool {
        let info = info::parse(Path::new(INFO_FILE), text, false).unwrap();
        is_filtered_from(source_text, text, &info)
    }

    #[test]
    fn info_keeps_tracks_and_the_chosen_exercises() {
        let text = "format_version = 1\n\n[[tracks]]\nname = \"core\"\ndescription = \"d\"\n\
            chapters = [\"01_a\"]\n\n[[tracks]]\nname = \"web\"\ndescription = \"d\"\n\
            chapters = [\"02_b\"]\n\n# the first\n[[exercises]]\nname = \"a\"\ndir = \"01_a\"\n\
            hint = \"h\"\n\n# web\n[[exercises]]\nname = \"b\"\ndir = \"02_b\"\nhint = \"h\"\n";
        let filtered = filter_info(text, &set(&["02_b"])).unwrap();
        assert!(filtered.contains("name = \"web\""), "{filtered}");
        assert!(filtered.contains("# the first\n[[exercises]]\nname = \"a\""));
        assert!(!filtered.contains("name = \"b\"") && !filtered.contains("# web"));
        assert!(filtered_from(text, &filtered));
        assert!(filtered_from(text, &filter_info(text, &set(&[])).unwrap()));
        assert!(!filtered_from(
            text,
            &filtered.replace("hint = \"h\"", "hint = \"x\"")
        ));
        // Tracks after the exercises: the left-out entries move them up.
        let split = text.find("# the first").unwrap();
        let tracks_last = format!(
            "format_version = 1\n\n{}\n{}",
            &text[split..],
            text[..split].trim_start_matches("format_version = 1\n")
        );
        let filtered = filter_info(&tracks_last, &set(&["02_b"])).unwrap();
        assert!(filtered_from(&tracks_last, &filtered), "{filtered}");
    }

    #[test]
    fn members_lose_the_left_out_chapters() {
        let text = "[workspace]\nresolver = \"3\"\nmembers = [\n    \"01_a\",\n    \"02_b\",\n    \"03_c\",\n]\n";
        let filtered = filter_members(text, &set(&["02_b"])).unwrap();
        assert_eq!(
            filtered,
            "[workspace]\nresolver = \"3\"\nmembers = [\n    \"01_a\",\n    \"03_c\",\n]\n"
        );
    }
}
