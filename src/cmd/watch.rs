//! `rustdrill watch` (and `rustdrill` alone): the screen a learner works
//! in. It checks the current exercise at once and again on every save,
//! shows the verdict with the first thing to fix on top, and takes single
//! key presses.
//!
//! Shape: one thread (`app::App`, the shell) owns the progress and the
//! screen and reads one channel of `events::Event`s; the producers — the
//! file watcher, the key reader, the signal listener, the check worker
//! (`check_worker`) and the background build (`prebuild`) — only send
//! events. The decisions are pure and unit-tested: keys go through one
//! state machine (`keys`), when to check and when to build in the
//! background through another (`scheduler`), what the panel and status
//! lines say is data (`panel`) that drawing, a pure function (`screen`),
//! styles. The terminal's settings are held by a guard (`terminal`).
//!
//! `RUSTDRILL_NO_PREBUILD=1` turns the background build of the next
//! chapter's dependencies off (for measurements, or a machine short of
//! CPU).

mod app;
mod check_worker;
mod events;
mod keys;
mod panel;
mod prebuild;
mod scheduler;
mod screen;
mod terminal;

use std::io::{IsTerminal, Write};
use std::sync::mpsc;

use anyhow::{Context, Result, bail};
use crossterm::terminal::{Clear, ClearType};

use crate::cli::Global;
use crate::cmd::Outcome;
use crate::session::Session;
use crate::ui;
use crate::ui::text::t;

pub fn run(global: &Global, poll: bool) -> Result<Outcome> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(t!("watch-no-terminal"));
    }
    // Fail before the screen takes over if progress could not be saved.
    let session = Session::load(global)?;
    session.progress.ensure_writable()?;
    let (tx, rx) = mpsc::channel();

    let raw = terminal::RawMode::enable().context("cannot switch the terminal to raw mode")?;
    // Clear once; later frames overwrite in place. Writes to the terminal
    // ignore errors: a closed terminal (EIO) must end watch quietly, not
    // panic and leave the exercise running.
    let _ = crossterm::execute!(std::io::stdout(), Clear(ClearType::All));

    events::listen_signals(tx.clone()).context("cannot listen for signals")?;
    events::classroom(session.course.state_dir(), tx.clone());
    events::read_keys(tx.clone());
    let mut session = session;
    let mut reloaded = false;
    let mut next_id = 0;
    let (done, total) = loop {
        let mut app = app::App::new(session, tx.clone(), reloaded, next_id);
        let watcher = match events::watch(&app.watch_folders(), app.state_file(), poll, tx.clone())
        {
            Ok(w) => Some(w),
            Err(e) => {
                let suggestion = if poll {
                    t!("watch-check-by-hand")
                } else {
                    t!("watch-failed-help")
                };
                app.handle(events::Event::WatchError(t!(
                    "watch-cannot-watch",
                    error = e.to_string(),
                    help = suggestion
                )));
                None
            }
        };
        let ended = app.run(&rx);
        drop(watcher);
        let Some(loaded) = ended.reload else {
            break (ended.done, ended.total);
        };
        // info.toml changed (a track added): the same screen on the course
        // as it is now. A check still running was for the old course.
        rustdrill_engine::supervisor::end_running();
        next_id = ended.next_id;
        session = loaded;
        reloaded = true;
    };
    drop(raw);
    let mut out = std::io::stdout();
    let _ = writeln!(out, "\r");
    let _ = writeln!(
        out,
        "{}",
        ui::dim(&t!("watch-progress-saved", done = done, total = total))
    );
    Ok(Outcome::Done)
}
