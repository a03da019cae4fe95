//! rustdrill as cargo's `RUSTC_WORKSPACE_WRAPPER`: every build rustdrill
//! starts runs the course's own crates through this executable, which hands
//! each compile to clippy's driver or to rustc. Dependencies never come
//! here (cargo wraps workspace members only): they are built once, by plain
//! rustc, and shared by every build.
//!
//! Why one wrapper for the build and the test build: cargo keys its cache of
//! rustc's facts (`target/.rustc_info.json`) and each unit's fingerprint on
//! the wrapper. With clippy's driver as the build's wrapper and none for the
//! test build, every check threw that cache away twice (two `-vV` runs and a
//! target probe per cargo run: 56 of a 90 ms no-op check, measured) and
//! rebuilt a chapter's support library in each phase. Through one wrapper
//! both phases share all of it, and the choice is made per compile.
//!
//! Where the toolchain ships a shared standard library (Linux), the course's
//! executables link it (`-C prefer-dynamic`, found again through an rpath,
//! so they also run by hand): linking std statically was most of a one-file
//! exercise's compile (CPU 65 → 45 ms for the binary, 86 → 67 ms for its
//! test harness, measured) and of its size on disk (4.3 MB → 20 kB; test
//! harness 6.9 → 2.5 MB).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::Result;

/// Set on every cargo rustdrill starts for a check, with the wrapper: the
/// mark that this process runs as the wrapper and not as the command line.
pub const ENV: &str = "RUSTDRILL_RUSTC_WRAPPER";

/// Printed when no clippy driver is found; `cargo` turns a failed build
/// that mentions `clippy-driver` into the "install clippy" advice.
const NO_DRIVER: &str = "rustdrill: clippy-driver was not found next to rustc nor on PATH";

/// The wrapper every build of the course goes through: this executable.
pub fn path() -> Result<PathBuf> {
    std::env::current_exe()
        .map_err(|e| anyhow::Error::new(e).context("cannot find rustdrill's own executable"))
}

/// How one compile runs.
#[derive(Debug, PartialEq, Eq)]
struct Plan {
    /// Through clippy's driver (lints), or plain rustc.
    lint: bool,
    /// Link the shared standard library.
    dynamic_std: bool,
}

/// Decides from rustc's arguments: cargo's probes (`-vV`, `--print`) and
/// test harnesses (`--test`, whose lints the course format does not judge)
/// get plain rustc; a profile with `panic = "abort"` keeps the static std,
/// which rustc refuses to mix with the unwinding shared one.
fn plan(args: &[OsString]) -> Plan {
    let has = |pred: &dyn Fn(&str) -> bool| args.iter().any(|a| pred(&a.to_string_lossy()));
    let probe = has(&|a| a == "-vV" || a == "-V" || a == "--version" || a.starts_with("--print"));
    let test = has(&|a| a == "--test");
    let aborts = has(&|a| a.ends_with("panic=abort"));
    Plan {
        lint: !probe && !test,
        dynamic_std: !probe && !aborts,
    }
}

/// Clippy's driver beside the rustc cargo runs (the toolchain's own, not
/// rustup's proxy: that would cost about 8 ms a compile), else on PATH.
fn clippy_driver(rustc: &Path) -> Option<PathBuf> {
    let name = format!("clippy-driver{}", std::env::consts::EXE_SUFFIX);
    rustc
        .parent()
        .map(|bin| bin.join(&name))
        .filter(|p| p.is_file())
        .or_else(|| {
            let paths = std::env::var_os("PATH")?;
            std::env::split_paths(&paths)
                .map(|dir| dir.join(&name))
                .find(|p| p.is_file())
        })
}

/// The folder of the toolchain's shared std (`libstd-*.so`) for the host,
/// found from rustc's path: `<sysroot>/bin/rustc` →
/// `<sysroot>/lib/rustlib/<host>/lib`. `None` off Linux, or where the
/// toolchain ships none (then the static std is linked, as cargo would).
fn std_dylib_dir(rustc: &Path) -> Option<PathBuf> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let sysroot = rustc.parent()?.parent()?;
    let lib = sysroot
        .join("lib")
        .join("rustlib")
        .join(env!("RUSTDRILL_HOST"))
        .join("lib");
    let has_std = std::fs::read_dir(&lib).ok()?.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with("libstd-") && name.ends_with(".so")
    });
    has_std.then_some(lib)
}

/// A recorded wrong answer is built by `dev check` as a bin of its own,
/// `<exercise>__wrong_<n>` (see `cmd::dev::wrong_answers`), so its crate
/// has another name than the exercise's. Where the course's cargo config
/// lets the exercise's crate use unstable features (`RUSTC_BOOTSTRAP =
/// "gen1,gen2"`), its wrong answers get the same right, for their compile
/// only: the course's value is left as it is (changing it would rebuild
/// every dependency). `None`: nothing to change.
fn bootstrap_for_wrong_answer(args: &[OsString], bootstrap: Option<String>) -> Option<String> {
    let bootstrap = bootstrap?;
    let crate_name = args
        .iter()
        .position(|a| a == "--crate-name")
        .and_then(|i| args.get(i + 1))?
        .to_str()?;
    let (exercise, n) = crate_name.rsplit_once("__wrong_")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    bootstrap
        .split(',')
        .any(|c| c.trim() == exercise)
        .then(|| format!("{bootstrap},{crate_name}"))
}

/// When cargo started this process as the course's rustc wrapper, runs the
/// compile and returns its exit code; `None` for a normal rustdrill run.
pub fn run_if_wrapping() -> Option<ExitCode> {
    std::env::var_os(ENV)?;
    let mut args = std::env::args_os().skip(1);
    let rustc = PathBuf::from(args.next()?);
    let args: Vec<OsString> = args.collect();
    let plan = plan(&args);
    let mut cmd = if plan.lint {
        let Some(driver) = clippy_driver(&rustc) else {
            eprintln!("{NO_DRIVER}");
            return Some(ExitCode::from(1));
        };
        // Clippy's driver takes rustc's path first, as a wrapper does.
        let mut cmd = Command::new(driver);
        cmd.arg(&rustc);
        cmd
    } else {
        Command::new(&rustc)
    };
    cmd.args(&args).env_remove(ENV);
    if let Some(allowed) = bootstrap_for_wrong_answer(&args, std::env::var("RUSTC_BOOTSTRAP").ok())
    {
        cmd.env("RUSTC_BOOTSTRAP", allowed);
    }
    if plan.dynamic_std
        && let Some(lib) = std_dylib_dir(&rustc)
    {
        let mut rpath = OsString::from("link-arg=-Wl,-rpath,");
        rpath.push(&lib);
        cmd.args(["-C", "prefer-dynamic", "-C"]).arg(rpath);
    }
    Some(exec(cmd))
}

#[cfg(unix)]
fn exec(mut cmd: Command) -> ExitCode {
    use std::os::unix::process::CommandExt;
    // Replaces this process: cargo's signals and pipes reach the compiler.
    let e = cmd.exec();
    eprintln!("rustdrill: cannot start {}: {e}", name(&cmd));
    ExitCode::from(1)
}

#[cfg(not(unix))]
fn exec(mut cmd: Command) -> ExitCode {
    match cmd.status() {
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("rustdrill: cannot start {}: {e}", name(&cmd));
            ExitCode::from(1)
        }
    }
}

fn name(cmd: &Command) -> std::borrow::Cow<'_, str> {
    OsStr::to_string_lossy(cmd.get_program())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn a_bin_is_linted_and_links_the_shared_std() {
        let p = plan(&args(
            "--crate-name ex1 --edition=2024 ch/ex1.rs --crate-type bin",
        ));
        assert_eq!(
            p,
            Plan {
                lint: true,
                dynamic_std: true
            }
        );
    }

    #[test]
    fn a_wrong_answer_may_use_what_its_exercise_may() {
        let compile = |name: &str| args(&format!("--crate-name {name} ch/x.rs --crate-type bin"));
        let course = || Some("gen1,gen2".to_owned());
        assert_eq!(
            bootstrap_for_wrong_answer(&compile("gen2__wrong_3"), course()).as_deref(),
            Some("gen1,gen2,gen2__wrong_3")
        );
        assert_eq!(bootstrap_for_wrong_answer(&compile("gen2"), course()), None);
        assert_eq!(
            bootstrap_for_wrong_answer(&compile("gen3__wrong_1"), course()),
            None
        );
        assert_eq!(
            bootstrap_for_wrong_answer(&compile("gen2__wrong_x"), course()),
            None
        );
        assert_eq!(
            bootstrap_for_wrong_answer(&compile("gen2__wrong_1"), None),
            None
        );
    }

    #[test]
    fn a_test_harness_gets_plain_rustc() {
        let p = plan(&args("--crate-name ex1 ch/ex1.rs --test -C debuginfo=1"));
        assert_eq!(
            p,
            Plan {
                lint: false,
                dynamic_std: true
            }
        );
    }

    #[test]
    fn cargos_probes_get_plain_rustc_and_no_extra_flags() {
        for line in [
            "-vV",
            "- --crate-name ___ --print=file-names --crate-type bin",
        ] {
            assert_eq!(
                plan(&args(line)),
                Plan {
                    lint: false,
                    dynamic_std: false
                },
                "{line}"
            );
        }
    }

    #[test]
    fn panic_abort_keeps_the_static_std() {
        let p = plan(&args("--crate-name ex1 ch/ex1.rs -C panic=abort"));
        assert_eq!(
            p,
            Plan {
                lint: true,
                dynamic_std: false
            }
        );
    }

    #[test]
    fn the_driver_and_shared_std_are_found_from_rustcs_path() {
        let root = tempfile::tempdir().unwrap();
        let bin = root.path().join("bin");
        let lib = root
            .path()
            .join("lib/rustlib")
            .join(env!("RUSTDRILL_HOST"))
            .join("lib");
        std::fs::create_dir_all(&bin).unwrap();
        std::fs::create_dir_all(&lib).unwrap();
        let rustc = bin.join("rustc");
        std::fs::write(&rustc, "").unwrap();
        assert_eq!(std_dylib_dir(&rustc), None, "no libstd-*.so yet");
        std::fs::write(lib.join("libstd-0123abcd.so"), "").unwrap();
        let expected = cfg!(target_os = "linux").then(|| lib.clone());
        assert_eq!(std_dylib_dir(&rustc), expected);
        let driver = bin.join(format!("clippy-driver{}", std::env::consts::EXE_SUFFIX));
        std::fs::write(&driver, "").unwrap();
        assert_eq!(clippy_driver(&rustc), Some(driver));
    }
}
