//! rustdrill's engine: everything between a course folder and a verdict,
//! with no terminal and no network. The `rustdrill` binary (CLI, commands,
//! watch) renders what it returns; the classroom crates report it.
//!
//! - `course` (+ `course::info`, `filter`, `targets`): the course model
//!   loaded from info.toml and the exercises' cargo workspace.
//! - `tracks`: choosing and adding tracks, the course source they come from.
//! - `embedded`: the course the binary ships, handed over at start.
//! - `cargo`, `wrapper`, `toolchain`: how cargo and rustc are run (rustdrill
//!   is its own rustc wrapper).
//! - `exec`, `supervisor`: every child process, supervised so none outlives us.
//! - `check`, `verdict`, `diagnostic`, `location`: one exercise checked
//!   into a verdict.
//! - `cache`, `freshness`: verdicts reused only when every input is unchanged.
//! - `state`, `progress`: the learner's progress, saved atomically.
//! - `files`, `sanitize`: atomic writes and text made safe for a terminal.

pub mod cache;
pub mod cargo;
pub mod check;
pub mod course;
pub mod diagnostic;
pub mod embedded;
pub mod exec;
pub mod files;
pub mod freshness;
pub mod i18n;
pub mod location;
pub mod progress;
pub mod sanitize;
pub mod state;
pub mod supervisor;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod toolchain;
pub mod tracks;
pub mod verdict;
pub mod wrapper;
