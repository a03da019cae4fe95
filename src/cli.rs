//! Command-line interface: clap definitions only. Each command lives in
//! `cmd/` and is thin: load the course, pick a selection, call the pipeline.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::ui::ColorChoice;

#[derive(Debug, Parser)]
#[command(
    name = "rustdrill",
    version,
    about = "Learn modern Rust by fixing small exercises, one save at a time.",
    long_about = "Learn modern Rust by fixing small exercises, one save at a time.\n\n\
        Run `rustdrill` inside a course: it checks the current exercise and shows \
        the first thing to fix. Exit codes: 0 done, 1 not done yet, 2 usage or course error.",
    after_help = "Examples:\n  rustdrill            check the current exercise\n  \
        rustdrill hint       show the next hint\n  rustdrill list       where you stand"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Global {
    /// The course folder (default: the first folder holding an info.toml,
    /// from the current directory upwards)
    #[arg(long, global = true, value_name = "DIR", env = "RUSTDRILL_COURSE")]
    pub course: Option<PathBuf>,
    /// When to use colours (NO_COLOR is honoured with `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the current (or named) exercise once and show its verdict
    #[command(after_help = "Example:\n  rustdrill run intro2")]
    Run {
        /// Exercise name (default: the current exercise)
        name: Option<String>,
    },
    /// Show the next hint for the current (or named) exercise
    #[command(
        after_help = "Example:\n  rustdrill hint          next hint\n  rustdrill hint --all    every hint"
    )]
    Hint {
        name: Option<String>,
        /// Show every hint at once
        #[arg(long)]
        all: bool,
    },
    /// List the exercises and where you stand
    #[command(after_help = "Example:\n  rustdrill list --json | jq .done")]
    List {
        /// Print JSON (one object) instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Restore an exercise's original file (a backup of yours is kept)
    #[command(after_help = "Example:\n  rustdrill reset intro2 --yes")]
    Reset {
        name: String,
        /// Do not ask for confirmation
        #[arg(long, short)]
        yes: bool,
    },
    /// Show where the solution is, once you have solved the exercise
    #[command(after_help = "Example:\n  rustdrill solution intro1 --show")]
    Solution {
        name: Option<String>,
        /// Print the solution's text too
        #[arg(long)]
        show: bool,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  rustdrill completions bash > ~/.local/share/bash-completion/completions/rustdrill"
    )]
    Completions { shell: clap_complete::Shell },
}
