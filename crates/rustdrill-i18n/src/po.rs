//! One catalogue (a `.pot` template or a language's `.po`) as rustdrill
//! sees it: entries keyed by their `msgctxt`, read and written through
//! `polib`, so the files are what every PO editor (Poedit, Lokalize,
//! Weblate) reads and writes.
//!
//! polib 0.3 has no field for the previous English of a fuzzy entry
//! (`#| msgid "…"`): it skips those lines when reading and never writes
//! them. Translators need it (the editor shows what changed), so this
//! module adds it around polib without escaping anything itself: the
//! lines are produced by polib writing a one-message catalogue and read
//! back by polib parsing one.

use std::io::BufWriter;

use anyhow::{Context, Result, anyhow};
use polib::catalog::Catalog;
use polib::message::{Message, MessageFlags};
use polib::metadata::CatalogMetadata;

/// One message: where it lives (`msgctxt`), the English, the translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable name of the place the text lives: `intro1:hint:2`,
    /// `00_intro:readme:5`, `course:welcome` (see docs/course-format.md).
    pub ctxt: String,
    /// The English.
    pub id: String,
    /// The translation; empty when there is none yet (and in a template).
    pub translation: String,
    /// The English changed since the translation was made: it is kept for
    /// the translator to revise, never shown to a learner.
    pub fuzzy: bool,
    /// For a fuzzy entry, the English the translation was made for.
    pub previous: Option<String>,
    /// A note for translators (`#.`), from the extractor.
    pub note: String,
    /// Where the English is (`#:`), a path relative to the course.
    pub source: String,
    /// The translator's own notes (`# `), kept across updates.
    pub comments: String,
}

impl Entry {
    pub fn new(ctxt: impl Into<String>, id: impl Into<String>) -> Entry {
        Entry {
            ctxt: ctxt.into(),
            id: id.into(),
            translation: String::new(),
            fuzzy: false,
            previous: None,
            note: String::new(),
            source: String::new(),
            comments: String::new(),
        }
    }

    /// A translation a learner may see: there is one and it is not fuzzy.
    pub fn usable(&self) -> Option<&str> {
        (!self.fuzzy && !self.translation.is_empty()).then_some(self.translation.as_str())
    }

    pub fn state(&self) -> EntryState {
        match (self.translation.is_empty(), self.fuzzy) {
            (true, _) => EntryState::Missing,
            (false, true) => EntryState::Fuzzy,
            (false, false) => EntryState::Translated,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Translated,
    Fuzzy,
    Missing,
}

/// A catalogue: its language (none for a template) and its entries in the
/// order of the English course.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalogue {
    pub language: Option<String>,
    pub entries: Vec<Entry>,
}

impl Catalogue {
    pub fn get(&self, ctxt: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.ctxt == ctxt)
    }

    /// Reads a catalogue from PO text; `what` names it in errors.
    pub fn parse(text: &str, what: &str) -> Result<Catalogue> {
        let catalog = polib::po_file::parse_from_reader(text.as_bytes())
            .map_err(|e| anyhow!("{what}: {e}"))?;
        let previous = previous_msgids(text).with_context(|| what.to_owned())?;
        let language = Some(catalog.metadata.language.clone()).filter(|l| !l.is_empty());
        let mut entries = Vec::new();
        for m in catalog.messages() {
            let Some(ctxt) = m.msgctxt() else {
                anyhow::bail!(
                    "{what}: the entry for {:?} has no msgctxt: every rustdrill message names \
                     where it lives (run `rustdrill dev i18n update` to rebuild the file)",
                    short(m.msgid())
                );
            };
            if m.is_plural() {
                anyhow::bail!(
                    "{what}: entry {ctxt} is a plural form, which rustdrill never writes"
                );
            }
            entries.push(Entry {
                ctxt: ctxt.to_owned(),
                id: m.msgid().to_owned(),
                translation: m.msgstr().unwrap_or_default().to_owned(),
                fuzzy: m.is_fuzzy(),
                previous: previous
                    .iter()
                    .find(|(c, _)| c == ctxt)
                    .map(|(_, p)| p.clone()),
                note: m.extracted_comments().to_owned(),
                source: m.source().to_owned(),
                comments: m.translator_comments().to_owned(),
            });
        }
        Ok(Catalogue { language, entries })
    }

    /// The PO text of the catalogue (a template when `language` is none).
    pub fn to_po(&self, title: &str) -> Result<String> {
        let mut metadata = CatalogMetadata::new();
        metadata.project_id_version = "rustdrill course".to_owned();
        metadata.mime_version = "1.0".to_owned();
        metadata.content_type = "text/plain; charset=UTF-8".to_owned();
        metadata.content_transfer_encoding = "8bit".to_owned();
        metadata.language = self.language.clone().unwrap_or_default();
        let mut catalog = Catalog::new(metadata);
        catalog.preheader = vec![title.to_owned()];
        for e in &self.entries {
            let mut flags = MessageFlags::new();
            if e.fuzzy {
                flags.add_flag("fuzzy");
            }
            catalog.append_or_update(
                Message::build_singular()
                    .with_msgctxt(e.ctxt.clone())
                    .with_msgid(e.id.clone())
                    .with_msgstr(e.translation.clone())
                    .with_flags(flags)
                    .with_extracted_comments(e.note.clone())
                    .with_source(e.source.clone())
                    .with_translator_comments(e.comments.clone())
                    .done(),
            );
        }
        let written = write(&catalog)?;
        // polib writes the header, then one block per message in order,
        // each ended by an empty line (a message's own newlines are
        // escaped, so an empty line only ever separates entries).
        let mut blocks: Vec<String> = written
            .split("\n\n")
            .filter(|b| !b.is_empty())
            .map(str::to_owned)
            .collect();
        anyhow::ensure!(
            blocks.len() == self.entries.len() + 1,
            "polib wrote {} blocks for {} entries",
            blocks.len(),
            self.entries.len()
        );
        for (block, entry) in blocks[1..].iter_mut().zip(&self.entries) {
            if let (true, Some(previous)) = (entry.fuzzy, &entry.previous) {
                let lines = previous_lines(previous)?;
                let at = block
                    .find("\nmsgctxt ")
                    .map(|i| i + 1)
                    .or_else(|| block.starts_with("msgctxt ").then_some(0))
                    .context("a written entry without msgctxt")?;
                block.insert_str(at, &lines);
            }
        }
        let mut out = blocks.join("\n\n");
        out.push_str("\n\n");
        Ok(out)
    }
}

fn write(catalog: &Catalog) -> Result<String> {
    let mut buf = BufWriter::new(Vec::new());
    polib::po_file::write(catalog, &mut buf).context("cannot write a catalogue")?;
    let bytes = buf.into_inner().context("cannot write a catalogue")?;
    String::from_utf8(bytes).context("polib wrote invalid UTF-8")
}

/// `#| msgid "…"` lines for `previous`, as polib escapes and wraps a msgid.
fn previous_lines(previous: &str) -> Result<String> {
    let mut one = Catalog::new(CatalogMetadata::new());
    one.append_or_update(
        Message::build_singular()
            .with_msgid(previous.to_owned())
            .done(),
    );
    let text = write(&one)?;
    let body = text
        .split("\n\n")
        .nth(1)
        .context("polib wrote no message")?;
    let mut out = String::new();
    for line in body.lines().take_while(|l| !l.starts_with("msgstr")) {
        out.push_str("#| ");
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// The previous English (`#| msgid`) of each entry that has one, by msgctxt.
fn previous_msgids(text: &str) -> Result<Vec<(String, String)>> {
    // polib wants a header with something in it before any message.
    const HEADER: &str = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
    let mut found = Vec::new();
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let previous: Vec<&str> = block
            .lines()
            .filter_map(|l| l.strip_prefix("#| "))
            .filter(|l| !l.starts_with("msgctxt"))
            .collect();
        if previous.is_empty() {
            continue;
        }
        let rest: Vec<&str> = block.lines().filter(|l| !l.starts_with("#|")).collect();
        let entry =
            polib::po_file::parse_from_reader(format!("{HEADER}{}\n", rest.join("\n")).as_bytes())
                .map_err(|e| anyhow!("{e}"))?;
        let Some(ctxt) = entry
            .messages()
            .next()
            .and_then(|m| m.msgctxt().map(str::to_owned))
        else {
            continue;
        };
        let old = polib::po_file::parse_from_reader(
            format!("{HEADER}{}\nmsgstr \"\"\n", previous.join("\n")).as_bytes(),
        )
        .map_err(|e| anyhow!("the previous msgid of {ctxt}: {e}"))?;
        if let Some(m) = old.messages().next() {
            found.push((ctxt, m.msgid().to_owned()));
        }
    }
    Ok(found)
}

fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    line.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalogue {
        let mut fuzzy = Entry::new("intro1:hint:1", "Pass a \"string\"\nliteral.");
        fuzzy.translation = "문자열 리터럴을 넘기세요.".to_owned();
        fuzzy.fuzzy = true;
        fuzzy.previous = Some("Pass a string literal, such as \"Ferris\".".to_owned());
        fuzzy.source = "info.toml".to_owned();
        let mut done = Entry::new("course:welcome", "Welcome!");
        done.translation = "환영합니다!".to_owned();
        done.note = "Shown on the first start.".to_owned();
        done.comments = "Reviewed by the glossary's owner.".to_owned();
        Catalogue {
            language: Some("ko".to_owned()),
            entries: vec![fuzzy, done, Entry::new("intro1:comment:1", "TODO: fix it")],
        }
    }

    #[test]
    fn round_trips_through_po_text_with_the_previous_msgid() {
        let catalogue = sample();
        let text = catalogue.to_po("Korean").unwrap();
        assert!(text.contains("#| msgid \"Pass a string literal, such as \\\"Ferris\\\".\"\n"));
        assert!(text.contains("#, fuzzy\n"));
        let back = Catalogue::parse(&text, "ko.po").unwrap();
        assert_eq!(back, catalogue);
    }

    #[test]
    fn an_entry_without_msgctxt_is_refused_with_its_text() {
        let text = "msgid \"\"\nmsgstr \"Language: ko\\n\"\n\nmsgid \"Hello there\"\nmsgstr \"\"\n";
        let e = Catalogue::parse(text, "i18n/ko/00_intro.po").unwrap_err();
        assert!(e.to_string().contains("i18n/ko/00_intro.po"), "{e}");
        assert!(e.to_string().contains("Hello there"), "{e}");
    }
}
