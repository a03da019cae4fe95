//! The toolchain rustdrill drives, and what to say when part of it is
//! missing: which rustc the course uses, the "install cargo / clippy"
//! advice. Both `cargo` (the invocations) and `course` (cargo metadata)
//! depend on this, and it on neither. Finding clippy's driver is the job of
//! `wrapper`, which runs beside the rustc cargo picked.

use std::io;
use std::path::Path;

use anyhow::Result;

use crate::supervisor;

pub const CARGO_MISSING: &str = "cargo was not found on PATH.\n\
     Install Rust with rustup (https://rustup.rs): \
     `curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh`, then open a new terminal.";
pub const CLIPPY_MISSING: &str = "clippy is not installed for this toolchain.\n\
     Install it with `rustup component add clippy`.";

/// Why `what` (a cargo or rustc command) did not start: the "install Rust"
/// advice when the program is not there, else the error itself.
pub fn cannot_start(e: io::Error, what: &str) -> anyhow::Error {
    match e.kind() {
        io::ErrorKind::NotFound => anyhow::anyhow!(CARGO_MISSING),
        _ => anyhow::Error::new(e).context(format!("cannot start {what}")),
    }
}

/// The toolchain's version line, part of every cache key.
pub fn rustc_version(dir: &Path) -> Result<String> {
    let out = supervisor::output(
        supervisor::command("rustc")
            .arg("--version")
            .current_dir(dir),
    )
    .map_err(|e| cannot_start(e, "rustc"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
