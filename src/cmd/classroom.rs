//! `rustdrill classroom serve|export`, `join`, `leave` and `help-me`: thin
//! commands over `rustdrill_classroom`.

use anyhow::Result;

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::outln;
use crate::ui::text::t;
use rustdrill_classroom::{self as classroom, CourseExercise, client};

// `classroom serve` and `export`: the instructor's, over the server crate.
mod instructor;
pub use instructor::{export, serve};

pub fn join(global: &Global, url: &str, code: &str, name: Option<&str>) -> Result<Outcome> {
    let session = Session::load(global)?;
    let course = &session.course;
    let name = match name {
        Some(n) => n.to_owned(),
        None => std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "learner".into()),
    };
    let layout = course
        .exercises
        .iter()
        .map(|e| CourseExercise {
            name: e.name.clone(),
            chapter: e.chapter.clone().unwrap_or_default(),
        })
        .collect();
    let joined = client::join(
        &course.state_dir(),
        url,
        code,
        &name,
        client::JoinCourse {
            exercises: layout,
            tracks: course.included_tracks.clone(),
            // The instructor of a mixed room sees each learner's language.
            language: Some(rustdrill_engine::i18n::current(&course.root).to_string()),
        },
    )?;
    let member = &joined.membership;
    // Where the learner stands now, so the dashboard does not wait for a check.
    let events = classroom::report::standing(course, &session.progress);
    client::report(&course.state_dir(), events);
    // Joining waited for the server already: the room learns where this
    // learner stands before the command returns (2 s at most).
    client::send_in_background(&course.state_dir());
    client::settle(std::time::Duration::from_secs(2));
    let (url, name) = (member.url.as_str(), format!("{:?}", member.name));
    if joined.again {
        outln!("{}", t!("classroom-joined-again", url = url, name = name))?;
    } else {
        outln!("{}", t!("classroom-joined", url = url, name = name))?;
    }
    if let Some(note) = &joined.course_note {
        outln!("{}", t!("classroom-other-course", note = note.as_str()))?;
    }
    Ok(Outcome::Done)
}

pub fn leave(global: &Global) -> Result<Outcome> {
    let session = Session::load(global)?;
    match client::leave(&session.course.state_dir())? {
        None => outln!("{}", t!("classroom-not-in"))?,
        Some(left) => {
            let mut notes = Vec::new();
            if left.unsent > 0 {
                notes.push(t!("classroom-left-dropped", count = left.unsent));
            }
            if !left.told {
                notes.push(t!("classroom-left-untold"));
            }
            if notes.is_empty() {
                outln!("{}", t!("classroom-left"))?;
            } else {
                outln!("{}", t!("classroom-left-with", notes = notes.join("; ")))?;
            }
        }
    }
    Ok(Outcome::Done)
}

pub fn help_me(global: &Global, name: Option<&str>, message: Option<&str>) -> Result<Outcome> {
    let session = Session::load(global)?;
    let state_dir = session.course.state_dir();
    if client::membership(&state_dir).is_none() {
        anyhow::bail!("{}", t!("help-me-not-joined"));
    }
    // `help-me "why does…"`: the learner may have meant a message.
    if let Some(name) = name
        && let Err(e) = session.course.exercise(name)
    {
        anyhow::bail!(
            "{e:#}\n{}",
            t!("help-me-use-message", text = format!("{name:?}"))
        );
    }
    let ex = session.pick(name)?;
    let event = classroom::report::help(&session.course, &session.progress, ex, message, None)?;
    client::report(&state_dir, vec![event]);
    // The one command that waits for the server on purpose: the learner
    // asked to be seen, and is told whether they were.
    client::send_in_background(&state_dir);
    client::settle(std::time::Duration::from_secs(4));
    if client::pending_count(&state_dir).unwrap_or(1) == 0 {
        let raised = if message.is_some() {
            t!("help-me-raised-message", name = ex.name.as_str())
        } else {
            t!("help-me-raised", name = ex.name.as_str())
        };
        outln!("{raised}")?;
        // A hand raised again may be claimed already: say who is coming.
        if let Ok(Some(status)) = client::flush(&state_dir)
            && let Some(by) = status.hand.and_then(|h| h.claimed_by)
        {
            let by = rustdrill_engine::sanitize::for_terminal(&by, false);
            outln!("{}", t!("help-me-on-the-way", by = by))?;
        }
    } else {
        let name = ex.name.as_str();
        let dir = client::outbox_dir(&state_dir).display().to_string();
        let queued = match client::flush(&state_dir) {
            Err(e) => t!(
                "help-me-queued-why",
                name = name,
                error = format!("{e:#}"),
                dir = dir
            ),
            Ok(_) => t!("help-me-queued", name = name, dir = dir),
        };
        outln!("{queued}")?;
    }
    Ok(Outcome::Done)
}
