//! `rustdrill list [--json]`: every exercise and where the learner stands.

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::text::{self, t};
use crate::ui::{self, outln};

/// The `--json` shape (documented in docs/json.md).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListJson {
    pub course: String,
    pub done: usize,
    pub total: usize,
    pub current: String,
    pub exercises: Vec<ListEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    pub index: usize,
    pub name: String,
    pub chapter: Option<String>,
    pub path: String,
    pub done: bool,
    pub current: bool,
}

pub fn run(global: &Global, json: bool) -> Result<Outcome> {
    let session = Session::load(global)?;
    // The room catches up with what waits in the outbox (after the output).
    session.resync_classroom();
    let current = session.progress.current(&session.course).name.clone();
    let entries: Vec<ListEntry> = session
        .course
        .exercises
        .iter()
        .map(|ex| ListEntry {
            index: ex.index + 1,
            name: ex.name.clone(),
            chapter: ex.chapter.clone(),
            path: ex.relative_path.display().to_string(),
            done: session.progress.is_done(&ex.name),
            current: ex.name == current,
        })
        .collect();
    let done = entries.iter().filter(|e| e.done).count();
    let total = entries.len();
    if json {
        let out = ListJson {
            course: session.course.root.display().to_string(),
            done,
            total,
            current,
            exercises: entries,
        };
        outln!("{}", serde_json::to_string_pretty(&out)?)?;
        return Ok(Outcome::Done);
    }
    // Widths in terminal columns: the headings may be Korean or Japanese
    // (two columns a character), names and chapters are ASCII as a rule.
    let heading = |id: &str| text::lookup(id, None);
    let (h_number, h_track, h_chapter, h_name, h_status) = (
        heading("list-column-number"),
        heading("list-column-track"),
        heading("list-column-chapter"),
        heading("list-column-name"),
        heading("list-column-status"),
    );
    let name_width = entries
        .iter()
        .map(|e| text::width(&e.name))
        .max()
        .unwrap_or(0)
        .max(text::width(&h_name));
    let tracks: Vec<&str> = session
        .course
        .exercises
        .iter()
        .map(|ex| {
            if session.course.declared_tracks {
                ex.track.as_str()
            } else {
                ""
            }
        })
        .collect();
    let track_width = tracks.iter().map(|t| text::width(t)).max().unwrap_or(0);
    let track_width = if track_width > 0 {
        track_width.max(text::width(&h_track))
    } else {
        0
    };
    let track_column = |track: &str| {
        if track_width == 0 {
            String::new()
        } else {
            format!("{}  ", text::pad(track, track_width))
        }
    };
    let chapter_width = entries
        .iter()
        .map(|e| text::width(e.chapter.as_deref().unwrap_or("")))
        .max()
        .unwrap_or(0)
        .max(text::width(&h_chapter));
    let number = |n: &str| format!("{}{n}", " ".repeat(3usize.saturating_sub(text::width(n))));
    outln!(
        "  {}  {}{}  {}  {h_status}",
        number(&h_number),
        track_column(&h_track),
        text::pad(&h_chapter, chapter_width),
        text::pad(&h_name, name_width),
    )?;
    let (done_text, pending_text) = (t!("list-done"), t!("list-pending"));
    for (e, track) in entries.iter().zip(&tracks) {
        let marker = if e.current {
            ui::ok("▶")
        } else {
            " ".to_owned()
        };
        let status = if e.done {
            ui::ok(&done_text)
        } else {
            ui::dim(&pending_text)
        };
        outln!(
            "{marker} {}  {}{}  {}  {status}",
            number(&e.index.to_string()),
            track_column(track),
            text::pad(e.chapter.as_deref().unwrap_or(""), chapter_width),
            text::pad(&e.name, name_width),
        )?;
    }
    outln!(
        "\n{}",
        t!(
            "list-total",
            done = done,
            total = total,
            percent = done * 100 / total.max(1)
        )
    )?;
    Ok(Outcome::Done)
}
