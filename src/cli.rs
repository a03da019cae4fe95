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
    /// Make an exercise the current one (jump ahead, or go back)
    #[command(
        after_help = "Instructors: have the room start a chapter together.\n\nExample:\n  rustdrill goto tokio1"
    )]
    Goto {
        /// Exercise name
        name: String,
    },
    /// Show where the solution is, once you have solved the exercise
    #[command(after_help = "Example:\n  rustdrill solution intro1 --show")]
    Solution {
        name: Option<String>,
        /// Print the solution's text too
        #[arg(long)]
        show: bool,
    },
    /// Check every exercise (or one chapter) and report which are done
    #[command(
        after_help = "Exit status 1 if any exercise is not done.\n\nExamples:\n  rustdrill verify\n  \
        rustdrill verify --chapter 00_intro\n  rustdrill verify --json | jq '.exercises[] | select(.status != \"done\")'"
    )]
    Verify {
        /// Print one JSON object (schema in docs/json.md) instead of text
        #[arg(long)]
        json: bool,
        /// Only the exercises of this chapter (its `dir` in info.toml)
        #[arg(long, value_name = "DIR")]
        chapter: Option<String>,
        /// Rebuild every exercise, even those unchanged since their last verdict
        #[arg(long)]
        no_cache: bool,
    },
    /// Write the course (the tracks you choose) into a new folder, ready to work offline
    #[command(
        after_help = "The first track (core) is always included. With no --track, rustdrill asks \
        on a terminal and takes core only otherwise; add more later with `rustdrill tracks add`.\n\n\
        Examples:\n  rustdrill init rust-course && cd rust-course && rustdrill\n  \
        rustdrill init rust-course --track web --track games\n  \
        rustdrill init rust-course --all-tracks"
    )]
    Init {
        /// The folder to create (it must not exist or be empty)
        #[arg(default_value = "rustdrill-course")]
        dir: PathBuf,
        /// Do not download the course's dependencies (`cargo fetch`) now
        #[arg(long)]
        no_fetch: bool,
        /// Include this track's chapters (repeatable; `rustdrill tracks` lists them)
        #[arg(long = "track", value_name = "NAME")]
        tracks: Vec<String>,
        /// Include every track
        #[arg(long, conflicts_with = "tracks")]
        all_tracks: bool,
        /// Take the course from this folder instead of the one inside rustdrill
        /// (its solutions are copied as they are)
        #[arg(long, value_name = "COURSE_DIR")]
        from: Option<PathBuf>,
        /// Copy the chosen tracks' dependencies into DIR/vendor (`cargo vendor`),
        /// so the folder builds on a machine with no network and no cargo cache
        #[arg(long, conflicts_with = "no_fetch")]
        vendor: bool,
        /// The language of the exercises' comments, the READMEs and the hints
        /// (`en`, or one the course is translated into; on a terminal rustdrill
        /// asks, offering your locale's)
        #[arg(long, value_name = "LANG")]
        lang: Option<rustdrill_i18n::Lang>,
    },
    /// Switch the course to another language (files you changed are left alone)
    #[command(
        after_help = "Rewrites the comments of the exercises and solutions and the chapter READMEs \
        you have not changed; hints and messages follow at once. Untranslated text stays English.\n\n\
        Examples:\n  rustdrill lang ko\n  rustdrill lang en"
    )]
    Lang {
        /// `en`, `ko`, `ja`, … (`rustdrill init` lists the course's)
        lang: rustdrill_i18n::Lang,
    },
    /// List the course's tracks (included or not, done), or add one
    #[command(
        after_help = "Examples:\n  rustdrill tracks\n  rustdrill tracks add web   \
        its chapters join the course; your progress is kept"
    )]
    Tracks {
        #[command(subcommand)]
        command: Option<TracksCommand>,
    },
    /// Tools for course authors
    #[command(subcommand)]
    Dev(DevCommand),
    /// Check the current exercise on every save (the default command)
    #[command(
        after_help = "Keys: h hint · n next · l list · r re-check · c verify all · x reset · \
        s solution · q quit; in a classroom also ? raise a hand · g go where the room goes\n\nExamples:\n  rustdrill watch\n  rustdrill watch --poll   \
        when saves go unnoticed (network or container filesystems)"
    )]
    Watch {
        /// Look for saves by scanning the files (for filesystems that send
        /// no change events: network shares, some containers and VMs)
        #[arg(long)]
        poll: bool,
    },
    /// Run a workshop: the instructor's server and the export of its records
    #[command(subcommand)]
    Classroom(ClassroomCommand),
    /// Join an instructor's classroom: your checks show on their dashboard
    #[command(
        after_help = "Your code is never sent, except when you raise a hand (`rustdrill help-me`, \
        or `?` in watch mode).\n\nExample:\n  rustdrill join http://192.168.1.20:7878 K7M2QX --name \"Ada L.\""
    )]
    Join {
        /// The classroom's address, as the instructor's screen shows it
        url: String,
        /// The join code on the instructor's screen
        code: String,
        /// The name the instructor sees (default: your user name)
        #[arg(long)]
        name: Option<String>,
    },
    /// Leave the classroom (what waits to be sent is sent first)
    Leave,
    /// Raise a hand: send the current exercise and its verdict to the instructor
    #[command(
        name = "help-me",
        after_help = "Solving the exercise lowers the hand.\n\nExamples:\n  rustdrill help-me\n  rustdrill help-me --message \"why does the borrow end here?\"\n  rustdrill help-me move_semantics2"
    )]
    HelpMe {
        /// Exercise name (default: the current exercise)
        name: Option<String>,
        /// What you are stuck on, shown with your hand
        #[arg(long, short, value_name = "TEXT")]
        message: Option<String>,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  rustdrill completions bash > ~/.local/share/bash-completion/completions/rustdrill"
    )]
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum TracksCommand {
    /// Add tracks to a course made by `rustdrill init`, keeping your progress
    #[command(after_help = "Example:\n  rustdrill tracks add web games")]
    Add {
        /// Track names (`rustdrill tracks` lists them)
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
        /// Do not download the added chapters' dependencies (`cargo fetch`) now
        #[arg(long)]
        no_fetch: bool,
        /// Take the tracks from this course folder (for a course `init --from` wrote)
        #[arg(long, value_name = "COURSE_DIR")]
        from: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClassroomCommand {
    /// Serve the classroom: the dashboard, and learners' events
    #[command(
        after_help = "Prints the dashboard's link (with the instructor key) and the line learners type.\n\n\
        Example:\n  rustdrill classroom serve --listen 0.0.0.0:7878 --db workshop.sqlite3"
    )]
    Serve {
        /// Where to listen (0.0.0.0 for every interface of this machine)
        #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:7878")]
        listen: String,
        /// The database (created if missing; a restart shows the same room)
        #[arg(long, value_name = "FILE", default_value = "classroom.sqlite3")]
        db: PathBuf,
        /// The room's course: its exercises are the dashboard's columns
        /// (default: the course rustdrill ships)
        #[arg(long, value_name = "DIR")]
        course: Option<PathBuf>,
        /// Make new instructor and helper keys (the earlier links stop working)
        #[arg(long)]
        new_key: bool,
    },
    /// Export per learner and exercise: solved, time to solve, checks, hints
    #[command(
        after_help = "Example:\n  rustdrill classroom export --db workshop.sqlite3 --format csv > workshop.csv"
    )]
    Export {
        #[arg(long, value_name = "FILE", default_value = "classroom.sqlite3")]
        db: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Prove the course: every exercise fails as shipped and passes solved, and
    /// no recorded wrong answer (wrong_answers/) is judged done
    #[command(after_help = "Examples:\n  rustdrill dev check --course my-course\n  \
        rustdrill dev check --chapter 05_tokio   build and prove one chapter only")]
    Check {
        /// Prove only these chapters (repeatable; `05_tokio` or
        /// `exercises/05_tokio`): their exercises and wrong answers are built
        /// and run, no other chapter's dependencies are. The checks that
        /// need no build still cover the whole course.
        #[arg(long = "chapter", value_name = "DIR")]
        chapters: Vec<String>,
    },
    /// Measure each track's cold cost (seconds, target size) into track-costs.toml
    #[command(
        after_help = "Each measurement is what a learner runs: `rustdrill init --track core \
        [--track NAME]` into a fresh folder, every solution in place, a cold `rustdrill verify`; \
        repeated --runs times (median and min–max recorded), with the machine's cores, rustc and \
        a calibration build to scale by. Needs an idle machine: other builds make every figure \
        wrong. The file ships with the course; `init` and `rustdrill tracks` show it, and a \
        README.md table between track-costs markers is rewritten to match.\n\n\
        Examples:\n  rustdrill dev measure\n  \
        rustdrill dev measure --runs 3 --machine \"2-core laptop\"\n  \
        rustdrill dev measure --track web     measure core and core + web again, keep the rest\n  \
        rustdrill dev measure --calibrate-only   scale the shipped figures to this machine"
    )]
    Measure {
        /// Cold builds of each track (at least 2: the file records their spread)
        #[arg(long, default_value_t = 2, value_name = "N")]
        runs: u32,
        /// Measure only this track (repeatable; the first track is always
        /// measured, the others keep their figures)
        #[arg(long = "track", value_name = "NAME")]
        tracks: Vec<String>,
        /// What learners are told the figures were measured on (default: "N cores")
        #[arg(long, value_name = "TEXT")]
        machine: Option<String>,
        /// Only time the calibration build, and scale track-costs.toml's figures to this machine
        #[arg(long)]
        calibrate_only: bool,
        /// Items per crate of the calibration build (default: the
        /// calibration's own; tests use a small one, and figures of another
        /// size do not compare)
        #[arg(long, hide = true)]
        calibration_size: Option<u32>,
    },
    /// The course's translations: extract the English, update the catalogues, show coverage
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Scaffold a new course that passes `rustdrill dev check`
    #[command(after_help = "Example:\n  rustdrill dev new my-course")]
    New {
        /// The folder to create (it must not exist or be empty)
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Write the templates (i18n/templates/*.pot) from the English course
    #[command(after_help = "Example:\n  rustdrill dev i18n extract && rustdrill dev i18n update")]
    Extract,
    /// Merge the templates into each language's catalogues (i18n/LANG/*.po);
    /// changed English becomes fuzzy, a missing catalogue is created
    #[command(after_help = "Examples:\n  rustdrill dev i18n update\n  \
        rustdrill dev i18n update --lang ko   start or update Korean only")]
    Update {
        /// Only this language (created if the course has none yet)
        #[arg(long, value_name = "LANG")]
        lang: Option<rustdrill_i18n::Lang>,
    },
    /// Per language and track: translated, fuzzy, missing
    Status,
}
