//! `rustdrill list [--json]`: every exercise and where the learner stands.

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
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
    let name_width = entries
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    // The track beside the chapter, when the course has tracks.
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
    let track_width = tracks.iter().map(|t| t.len()).max().unwrap_or(0);
    let track_width = if track_width > 0 {
        track_width.max(5)
    } else {
        0
    };
    let track_column = |track: &str| {
        if track_width == 0 {
            String::new()
        } else {
            format!("{track:track_width$}  ")
        }
    };
    let chapter_width = entries
        .iter()
        .map(|e| e.chapter.as_deref().unwrap_or("").len())
        .max()
        .unwrap_or(0)
        .max(7);
    outln!(
        "  {:>3}  {}{:chapter_width$}  {:name_width$}  status",
        "#",
        track_column("track"),
        "chapter",
        "name"
    )?;
    for (e, track) in entries.iter().zip(&tracks) {
        let marker = if e.current {
            ui::ok("▶")
        } else {
            " ".to_owned()
        };
        let status = if e.done {
            ui::ok("done")
        } else {
            ui::dim("pending")
        };
        outln!(
            "{marker} {:>3}  {}{:chapter_width$}  {:name_width$}  {status}",
            e.index,
            track_column(track),
            e.chapter.as_deref().unwrap_or(""),
            e.name
        )?;
    }
    outln!("\n{done}/{total} done ({}%)", done * 100 / total.max(1))?;
    Ok(Outcome::Done)
}
