//! `rustdrill classroom serve|export`, `join`, `leave` and `help-me`: thin
//! commands over `rustdrill_classroom`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::{ExportFormat, Global};
use crate::session::Session;
use crate::ui::outln;
use rustdrill_classroom::{self as classroom, CourseExercise, Event, EventKind, client};
use rustdrill_classroom_server::db::Db;
use rustdrill_engine::progress::Progress;

pub fn serve(listen: &str, db: &Path) -> Result<Outcome> {
    rustdrill_classroom_server::serve(listen, db)?;
    Ok(Outcome::Done)
}

pub fn export(db: &Path, format: ExportFormat) -> Result<Outcome> {
    if !db.is_file() {
        anyhow::bail!("no classroom database at {}", db.display());
    }
    let rows = Db::open(db)?.export()?;
    let mut out = std::io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ExportFormat::Csv => {
            writeln!(
                out,
                "learner,exercise,solved,time_to_solve_secs,checks,hints"
            )?;
            for r in rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{}",
                    csv(&r.learner),
                    csv(&r.exercise),
                    r.solved,
                    r.time_to_solve_secs
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    r.checks,
                    r.hints
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// A CSV field: quoted when it holds a comma, quote or line break; a
/// leading `=`, `+`, `-` or `@` is defused so a spreadsheet shows text.
fn csv(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

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
    let member = client::join(&course.state_dir(), url, code, &name, layout)?;
    // Where the learner stands now, so the dashboard does not wait for a check.
    let current = session.progress.current(course);
    let entry = session.progress.state().exercises.get(&current.name);
    let mut events = vec![Event {
        seq: 0,
        kind: EventKind::Current,
        exercise: current.name.clone(),
        verdict: None,
        message: None,
        checks: entry.map_or(0, |e| e.checks),
        hints: entry.map_or(0, |e| u32::try_from(e.hints_shown).unwrap_or(u32::MAX)),
        current: Some(current.name.clone()),
        at: classroom::now_ms(),
        code: None,
    }];
    for ex in &course.exercises {
        if session.progress.is_done(&ex.name) {
            let e = &session.progress.state().exercises[&ex.name];
            events.push(Event {
                seq: 0,
                kind: EventKind::Check,
                exercise: ex.name.clone(),
                verdict: Some("pass".into()),
                message: None,
                checks: e.checks,
                hints: u32::try_from(e.hints_shown).unwrap_or(u32::MAX),
                current: Some(current.name.clone()),
                at: classroom::now_ms(),
                code: None,
            });
        }
    }
    client::report(&course.state_dir(), events);
    // Joining waited for the server already: the room learns where this
    // learner stands before the command returns (2 s at most).
    client::send_in_background(&course.state_dir());
    client::settle(std::time::Duration::from_secs(2));
    outln!(
        "Joined the classroom at {} as {:?}. Your checks now show on the instructor's \
         screen (never your code, unless you raise a hand with `rustdrill help-me`).\n\
         Leave with `rustdrill leave`.",
        member.url,
        member.name
    )?;
    Ok(Outcome::Done)
}

pub fn leave(global: &Global) -> Result<Outcome> {
    let session = Session::load(global)?;
    match client::leave(&session.course.state_dir())? {
        None => outln!("This course is not in a classroom.")?,
        Some(0) => outln!("Left the classroom.")?,
        Some(n) => outln!("Left the classroom ({n} event(s) could not be sent and were dropped).")?,
    }
    Ok(Outcome::Done)
}

pub fn help_me(global: &Global, name: Option<&str>) -> Result<Outcome> {
    let session = Session::load(global)?;
    let state_dir = session.course.state_dir();
    if client::membership(&state_dir).is_none() {
        anyhow::bail!("this course has not joined a classroom: `rustdrill join URL CODE` first");
    }
    let ex = session.pick(name)?;
    let event = help_event(&session.progress, ex)?;
    client::report(&state_dir, vec![event]);
    // The one command that waits for the server on purpose: the learner
    // asked to be seen, and is told whether they were.
    client::send_in_background(&state_dir);
    client::settle(std::time::Duration::from_secs(4));
    if client::pending_count(&state_dir).unwrap_or(1) == 0 {
        outln!(
            "Hand raised for {}: the instructor sees your code and verdict. \
             Solving the exercise lowers it.",
            ex.name
        )?;
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

/// A raised hand for `ex`: its file (cut at the server's limit) and last verdict.
pub fn help_event(progress: &Progress, ex: &rustdrill_engine::course::Exercise) -> Result<Event> {
    let bytes = std::fs::read(&ex.path)
        .with_context(|| format!("cannot read {}", ex.relative_path.display()))?;
    let code = String::from_utf8_lossy(&bytes);
    let code = classroom::clip(&code, classroom::MAX_CODE).to_owned();
    let entry = progress.state().exercises.get(&ex.name);
    let cached = entry.and_then(|e| e.cache.as_ref());
    Ok(Event {
        seq: 0,
        kind: EventKind::Help,
        exercise: ex.name.clone(),
        verdict: cached.map(|c| classroom::verdict_name(c.kind)),
        message: cached.map(|c| c.first_message.clone()),
        checks: entry.map_or(0, |e| e.checks),
        hints: entry.map_or(0, |e| u32::try_from(e.hints_shown).unwrap_or(u32::MAX)),
        current: Some(ex.name.clone()),
        at: classroom::now_ms(),
        code: Some(code),
    })
}
