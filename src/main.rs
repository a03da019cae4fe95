//! rustdrill: an interactive runner for a course of Rust exercises.
//!
//! A save of one exercise file flows: `course` (which exercise, which cargo
//! target) → `check` (one cargo run per phase via `cargo`, processes via
//! `exec`) → `verdict` → `state` (progress) and `ui` (the screen).

mod cargo;
mod check;
mod cli;
mod cmd;
mod course;
mod embedded;
mod exec;
mod state;
mod ui;
mod verdict;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use cmd::Outcome;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    ui::set_color(cli.global.color);
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NotDone) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = io::stdout().flush();
            eprintln!("{} {e:#}", console::style("error:").red().bold());
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let global = &cli.global;
    match cli.command {
        None => {
            eprintln!(
                "{}",
                ui::dim(
                    "(the interactive watch mode is not built yet: checking once, as `rustdrill run`)"
                )
            );
            cmd::run::run(global, None)
        }
        Some(Command::Run { name }) => cmd::run::run(global, name.as_deref()),
        Some(Command::Hint { name, all }) => cmd::hint::run(global, name.as_deref(), all),
        Some(Command::List { json }) => cmd::list::run(global, json),
        Some(Command::Reset { name, yes }) => cmd::reset::run(global, &name, yes),
        Some(Command::Solution { name, show }) => cmd::solution::run(global, name.as_deref(), show),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "rustdrill", &mut io::stdout());
            Ok(Outcome::Done)
        }
    }
}

/// A closed pipe (`rustdrill list | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
