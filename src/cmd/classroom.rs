//! `rustdrill classroom serve|export`, `join`, `leave` and `help-me`: thin
//! commands over `rustdrill_classroom`.

use anyhow::Result;

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::outln;
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
    let again = if joined.again {
        " (again: the same row on the instructor's screen)"
    } else {
        ""
    };
    outln!(
        "Joined the classroom at {} as {:?}{again}. Your checks now show on the instructor's \
         screen (never your code, unless you raise a hand with `rustdrill help-me`).\n\
         Leave with `rustdrill leave`.",
        member.url,
        member.name
    )?;
    if let Some(note) = &joined.course_note {
        outln!(
            "Note: your course is not the room's ({note}): exercises the room does not have \
             do not show on the instructor's screen."
        )?;
    }
    Ok(Outcome::Done)
}

pub fn leave(global: &Global) -> Result<Outcome> {
    let session = Session::load(global)?;
    match client::leave(&session.course.state_dir())? {
        None => outln!("This course is not in a classroom.")?,
        Some(left) => {
            let mut notes = Vec::new();
            if left.unsent > 0 {
                notes.push(format!(
                    "{} event(s) could not be sent and were dropped",
                    left.unsent
                ));
            }
            if !left.told {
                notes.push(
                    "the classroom could not be told: the instructor sees you as idle".to_owned(),
                );
            }
            if notes.is_empty() {
                outln!("Left the classroom.")?;
            } else {
                outln!("Left the classroom ({}).", notes.join("; "))?;
            }
        }
    }
    Ok(Outcome::Done)
}

pub fn help_me(global: &Global, name: Option<&str>, message: Option<&str>) -> Result<Outcome> {
    let session = Session::load(global)?;
    let state_dir = session.course.state_dir();
    if client::membership(&state_dir).is_none() {
        anyhow::bail!("this course has not joined a classroom: `rustdrill join URL CODE` first");
    }
    // `help-me "why does…"`: the learner may have meant a message.
    if let Some(name) = name
        && let Err(e) = session.course.exercise(name)
    {
        anyhow::bail!(
            "{e:#}\nTo say what you are stuck on, use --message: \
             rustdrill help-me --message {name:?}"
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
        outln!(
            "Hand raised for {}: the instructor sees your code and verdict{}. \
             Solving the exercise lowers it.",
            ex.name,
            if message.is_some() {
                " and your message"
            } else {
                ""
            }
        )?;
        // A hand raised again may be claimed already: say who is coming.
        if let Ok(Some(status)) = client::flush(&state_dir)
            && let Some(by) = status.hand.and_then(|h| h.claimed_by)
        {
            outln!(
                "{} is on the way.",
                rustdrill_engine::sanitize::for_terminal(&by, false)
            )?;
        }
    } else {
        let why = match client::flush(&state_dir) {
            Err(e) => format!(" ({e:#})"),
            Ok(_) => String::new(),
        };
        outln!(
            "Hand raised for {}, but it could not be sent now{why}: it will be \
             sent as soon as it can (it waits in {}).",
            ex.name,
            client::outbox_dir(&state_dir).display()
        )?;
    }
    Ok(Outcome::Done)
}
