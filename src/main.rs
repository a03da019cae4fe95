//! rustdrill: an interactive runner for a course of Rust exercises.
//!
//! A save of one exercise file flows: `course` (which exercise, which cargo
//! target) → `check` (one cargo run per phase via `cargo`, processes via
//! `exec`) → `verdict` → `state` (progress) and `ui` (the screen).

mod cli;
mod cmd;
mod session;
mod ui;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use cmd::Outcome;
use rustdrill_classroom as classroom;
use rustdrill_engine::{embedded, supervisor, wrapper};

/// Exit codes, as README and docs/json.md document them: 0 done, 1 not done
/// yet, 2 a usage or course error (or progress not saved). A bug in
/// rustdrill is a panic, which exits with Rust's own 101 (the release
/// profile keeps `panic = "unwind"`), apart from all of these.
const EXIT_NOT_DONE: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // Before anything else: as the supervisor of a process rustdrill
    // starts, or as cargo's rustc wrapper, this process only does that (no
    // signal handlers, no clap). The supervisor first: cargo's supervisor
    // has the wrapper's variable in its environment, for cargo.
    #[cfg(unix)]
    if let Some(code) = supervisor::reaper::run_if_supervising() {
        return code;
    }
    if let Some(code) = wrapper::run_if_wrapping() {
        return code;
    }
    embedded::install(rustdrill_course::files());
    // A classroom send a command handed on when it exited.
    if let Some(code) = classroom::client::run_if_handed_off() {
        return code;
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_ERROR)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    ui::set_color(cli.global.color);
    // The runner's language: RUSTDRILL_LANG, else English. A course that
    // stores its language sets it again once loaded (Session::load).
    if let Err(e) = ui::text::set_course_language(None) {
        eprintln!(
            "{}",
            ui::warn(&format!("{e} ({}); speaking English", ui::text::LANG_VAR))
        );
    }
    install_bug_report_hook();
    let watching = matches!(cli.command, None | Some(Command::Watch { .. }));
    if !watching {
        // A one-shot command's classroom events leave after its output.
        classroom::client::queue_sends();
    }
    if !watching && let Err(e) = supervisor::end_children_on_signal() {
        // Not fatal: without it, Ctrl-C may leave an exercise running.
        eprintln!("{}", ui::warn(&format!("cannot listen for signals: {e}")));
    }
    let result = run(cli);
    if supervisor::stopping() {
        // A signal arrived: its thread ends the processes and exits with
        // 128 + the signal. What the command did meanwhile is no outcome.
        std::thread::sleep(supervisor::SHUTDOWN_WAIT * 5);
        return ExitCode::from(EXIT_ERROR);
    }
    // The output is shown: now the classroom hears of this command. A few
    // milliseconds at most; a send still in flight then goes on detached,
    // and what fails waits in the outbox for the next check.
    classroom::client::send_queued(std::time::Duration::from_millis(15));
    // Watch mode may quit while a check still runs an exercise: end it
    // (and everything it started) before rustdrill's exit is seen.
    supervisor::shutdown(supervisor::SHUTDOWN_WAIT);
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NotDone) => ExitCode::from(EXIT_NOT_DONE),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = io::stdout().flush();
            // Nothing left to tell anyone if stderr is gone too.
            let _ = writeln!(
                io::stderr(),
                "{} {e:#}",
                console::style("error:").red().bold()
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let global = &cli.global;
    match cli.command {
        None => cmd::watch::run(global, false),
        Some(Command::Watch { poll }) => cmd::watch::run(global, poll),
        Some(Command::Run { name }) => cmd::run::run(global, name.as_deref()),
        Some(Command::Hint { name, all }) => cmd::hint::run(global, name.as_deref(), all),
        Some(Command::List { json }) => cmd::list::run(global, json),
        Some(Command::Reset { name, yes }) => cmd::reset::run(global, &name, yes),
        Some(Command::Goto { name }) => cmd::goto::run(global, &name),
        Some(Command::Solution { name, show }) => cmd::solution::run(global, name.as_deref(), show),
        Some(Command::Verify {
            json,
            chapter,
            no_cache,
        }) => cmd::verify::run(global, json, chapter.as_deref(), no_cache),
        Some(Command::Init {
            dir,
            no_fetch,
            tracks,
            all_tracks,
            from,
            vendor,
            lang,
        }) => cmd::init::run(
            &dir,
            &cmd::init::Options {
                no_fetch,
                tracks,
                all_tracks,
                from,
                vendor,
                lang,
            },
        ),
        Some(Command::Lang { lang }) => cmd::lang::run(global, &lang),
        Some(Command::Tracks { command: None }) => cmd::tracks::list(global),
        Some(Command::Tracks {
            command:
                Some(cli::TracksCommand::Add {
                    names,
                    no_fetch,
                    from,
                }),
        }) => cmd::tracks::add(global, &names, no_fetch, from.as_deref()),
        Some(Command::Dev(cli::DevCommand::Check { chapters })) => {
            cmd::dev::check(global, &chapters)
        }
        Some(Command::Dev(cli::DevCommand::New { dir })) => cmd::dev::new(&dir),
        Some(Command::Dev(cli::DevCommand::Measure {
            runs,
            tracks,
            machine,
            calibrate_only,
            calibration_size,
        })) => cmd::dev::measure(
            global,
            &cmd::dev::MeasureOptions {
                runs,
                tracks,
                machine,
                calibrate_only,
                calibration_size: calibration_size.unwrap_or(cmd::dev::CALIBRATION_SIZE),
            },
        ),
        Some(Command::Dev(cli::DevCommand::I18n(command))) => match command {
            cli::I18nCommand::Extract => cmd::dev::i18n::extract(global),
            cli::I18nCommand::Update { lang } => cmd::dev::i18n::update(global, lang.as_ref()),
            cli::I18nCommand::Status => cmd::dev::i18n::status(global),
        },
        Some(Command::Classroom(cli::ClassroomCommand::Serve {
            listen,
            db,
            course,
            new_key,
        })) => cmd::classroom::serve(&listen, &db, course.as_deref(), new_key),
        Some(Command::Classroom(cli::ClassroomCommand::Export { db, format })) => {
            cmd::classroom::export(&db, format)
        }
        Some(Command::Join { url, code, name }) => {
            cmd::classroom::join(global, &url, &code, name.as_deref())
        }
        Some(Command::Leave) => cmd::classroom::leave(global),
        Some(Command::HelpMe { name, message }) => {
            cmd::classroom::help_me(global, name.as_deref(), message.as_deref())
        }
        Some(Command::Completions { shell }) => {
            // Into a buffer first: `generate` panics on a write error, and a
            // closed pipe must end quietly like every other command.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "rustdrill", &mut script);
            let mut stdout = io::stdout().lock();
            stdout.write_all(&script)?;
            stdout.flush()?;
            Ok(Outcome::Done)
        }
    }
}

/// A panic is a bug in rustdrill, not the learner's fault: say so, and that
/// their work is safe, instead of leaving only a bare panic message.
fn install_bug_report_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        // The exercises and cargo runs this process started end with it.
        supervisor::end_running_after_panic();
        if std::thread::current().name() == Some("main") {
            eprintln!(
                "\nrustdrill hit an internal error: this is a bug in rustdrill, not in your code.\n\
                 Your exercise files and progress are safe (every write is atomic).\n\
                 Please report it with the command you ran and the message above."
            );
        }
    }));
}

/// A closed pipe (`rustdrill list | head`) is not an error. A command
/// whose exit code says something about the course (`run`, `verify`) keeps
/// it: see `Outcome::despite_closed_pipe`.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
