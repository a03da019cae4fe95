//! The toolchain rustdrill drives, and what to say when part of it is
//! missing: where clippy's driver is, which rustc the course uses. Both
//! `cargo` (the invocations) and `course` (cargo metadata) depend on this,
//! and it on neither.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use anyhow::Result;

pub const CARGO_MISSING: &str = "cargo was not found on PATH.\n\
     Install Rust with rustup (https://rustup.rs): \
     `curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh`, then open a new terminal.";
pub const CLIPPY_MISSING: &str = "clippy is not installed for this toolchain.\n\
     Install it with `rustup component add clippy`.";

/// Clippy's driver, found once: in the sysroot of the toolchain the course
/// uses (`rustc --print sysroot` run in the course, so its `rust-toolchain`
/// file counts), else on PATH (a system package's binary). Not rustup's
/// proxy on PATH first: it would stand between cargo and the driver on every
/// exercise compiled (about 8 ms each, measured), where the sysroot lookup
/// costs one `rustc` run per rustdrill process.
pub fn clippy_driver(dir: &Path) -> Result<&'static Path> {
    static DRIVER: OnceLock<Option<PathBuf>> = OnceLock::new();
    DRIVER
        .get_or_init(|| {
            let name = format!("clippy-driver{}", std::env::consts::EXE_SUFFIX);
            let in_sysroot = Command::new("rustc")
                .args(["--print", "sysroot"])
                .current_dir(dir)
                .stdin(Stdio::null())
                .output()
                .ok()
                .filter(|out| out.status.success())
                .map(|out| {
                    let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_owned();
                    Path::new(&sysroot).join("bin").join(&name)
                })
                .filter(|driver| driver.is_file());
            in_sysroot.or_else(|| {
                let paths = std::env::var_os("PATH")?;
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(&name))
                    .find(|p| p.is_file())
            })
        })
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!(CLIPPY_MISSING))
}

/// The toolchain's version line, part of every cache key.
pub fn rustc_version(dir: &Path) -> Result<String> {
    let out = Command::new("rustc")
        .arg("--version")
        .current_dir(dir)
        .output()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => anyhow::anyhow!(CARGO_MISSING),
            _ => anyhow::Error::new(e).context("cannot run rustc"),
        })?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
