//! Regression tests for bugs found by driving the runner adversarially:
//! closed pipes, signals, damaged state, hostile exercise processes. Each
//! test is named after the bug it pins down.

mod common;

use std::fs;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{Course, alive, survived};

#[test]
fn broken_pipe_panicked_in_list_hint_solution_run_and_completions() {
    let course = Course::fixture("basic");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["hint", "compile_error"],
        &["run", "passes"],
        &["solution", "passes", "--show"],
        &["completions", "bash"],
    ] {
        let run = course.rustdrill(args).stdout_closed().run();
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
            "{args:?} panicked on a closed pipe:\n{}",
            run.stderr
        );
        run.expect_code(0);
    }
}

#[test]
fn broken_pipe_panicked_in_dev_init_goto_reset_and_verify() {
    // Every command writes through the same broken-pipe-safe path: a closed
    // pipe ends it quietly, whatever its exit code says about the course.
    let course = Course::fixture("basic");
    let target = tempfile::tempdir().unwrap();
    let fresh = target.path().join("fresh");
    let fresh = fresh.to_str().unwrap();
    let scaffold = target.path().join("scaffold");
    let scaffold = scaffold.to_str().unwrap();
    for args in [
        &["goto", "passes"][..],
        &["reset", "passes", "--yes"],
        &["verify"],
        &["verify", "--json"],
        &["dev", "check"],
        &["dev", "new", scaffold],
        &["init", fresh, "--no-fetch"],
    ] {
        let run = course.rustdrill(args).stdout_closed().run();
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("internal error"),
            "{args:?} panicked on a closed pipe:\n{}",
            run.stderr
        );
        assert!(
            matches!(run.code, 0 | 1),
            "{args:?} exited {}: {}",
            run.code,
            run.stderr
        );
    }
}

#[test]
fn run_into_a_closed_pipe_lost_the_solved_exercise() {
    let course = Course::fixture("basic");
    course
        .rustdrill(&["run", "passes"])
        .stdout_closed()
        .run()
        .expect_code(0);
    // The verdict could not be printed, but the progress is saved.
    course
        .run(&["solution", "passes"])
        .expect_code(0)
        .expect_contains("solutions/01_basics/passes.rs");
}

#[test]
fn check_count_at_its_maximum_panicked() {
    let course = Course::fixture("basic");
    fs::create_dir_all(course.path(".rustdrill")).unwrap();
    course.write(
        ".rustdrill/state.toml",
        "version = 1\n[exercises.passes]\nchecks = 4294967295\n",
    );
    let run = course.run(&["run", "passes"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect_code(0);
    assert!(course.read(".rustdrill/state.toml").contains("4294967295"));
}

#[test]
fn a_second_damaged_state_overwrote_the_first_kept_copy() {
    let course = Course::fixture("basic");
    fs::create_dir_all(course.path(".rustdrill")).unwrap();
    // Two damaged files met within the same second.
    course.write(".rustdrill/state.toml", "first damaged\n");
    course.run(&["list"]).expect_code(0);
    course.write(".rustdrill/state.toml", "second damaged\n");
    course.run(&["list"]).expect_code(0);
    let mut kept: Vec<String> = fs::read_dir(course.path(".rustdrill"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.toml.corrupt-")
        })
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    kept.sort();
    assert_eq!(kept, ["first damaged\n", "second damaged\n"]);
}

fn kill(signal: &str, pid: &str) {
    let status = Command::new("kill")
        .args([signal, pid])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill {signal} {pid}");
}

/// Waits for `path` to hold a pid, written by the exercise once running.
fn wait_for_pid(path: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(pid) = fs::read_to_string(path)
            && !pid.trim().is_empty()
        {
            return pid.trim().to_owned();
        }
        assert!(Instant::now() < deadline, "the exercise never started");
        thread::sleep(Duration::from_millis(20));
    }
}

/// `rustdrill run hangs` on a copy of `basic`, once the looping exercise
/// runs: the course, rustdrill, and the pid of its `sleep 300` grandchild.
fn run_hangs() -> (Course, std::process::Child, String) {
    let course = Course::fixture("basic");
    // Long enough that rustdrill's own timeout cannot be what ends it.
    let info = course
        .read("info.toml")
        .replace("timeout_secs = 2", "timeout_secs = 120");
    course.write("info.toml", &info);
    let pidfile = course.path("grandchild.pid");
    let child = course
        .cmd(&["run", "hangs"])
        .env("RUSTDRILL_FIXTURE_PIDFILE", &pidfile)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rustdrill starts");
    let grandchild = wait_for_pid(&pidfile);
    (course, child, grandchild)
}

/// `hangs` loops forever and starts a `sleep 300` grandchild. Ending
/// rustdrill by `signal` while it runs must end both: they are in their own
/// process group, so the terminal's Ctrl-C does not reach them.
fn signal_ends_the_exercise(signal: &str) {
    let (course, mut child, grandchild) = run_hangs();
    kill(signal, &child.id().to_string());
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(
        !survived(&grandchild),
        "{signal}: the exercise's grandchild {grandchild} survived rustdrill"
    );
    // Nothing half-written in the state folder.
    for entry in fs::read_dir(course.path(".rustdrill"))
        .into_iter()
        .flatten()
    {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with(".tmp"), "temp file {name} left behind");
    }
}

#[test]
fn sigterm_during_run_left_the_exercise_running() {
    signal_ends_the_exercise("-TERM");
}

#[test]
fn ctrl_c_during_run_left_the_exercise_running() {
    signal_ends_the_exercise("-INT");
}

/// Replaces the `passes` exercise of the basic fixture with `source`.
fn with_passes_source(source: &str) -> Course {
    let course = Course::fixture("basic");
    course.write("exercises/01_basics/passes.rs", source);
    course
}

#[test]
fn output_printed_before_a_daemon_kept_the_pipe_was_lost() {
    let course = with_passes_source(
        r#"// TODO: nothing
use std::os::unix::process::CommandExt;
use std::process::Command;

unsafe extern "C" {
    fn setsid() -> i32;
}

fn main() {
    println!("before the daemon");
    let mut cmd = Command::new("sleep");
    cmd.arg("20");
    // SAFETY: setsid is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            setsid();
            Ok(())
        });
    }
    let daemon = cmd.spawn().unwrap();
    std::fs::write("daemon.pid", daemon.id().to_string()).unwrap();
}

#[cfg(test)]
mod tests {
    #[test]
    fn nothing() {}
}
"#,
    );
    let run = course.run(&["run", "passes"]);
    let pid = fs::read_to_string(course.path("exercises/01_basics/daemon.pid")).unwrap();
    run.expect_code(0).expect_contains("before the daemon");
    if cfg!(target_os = "linux") {
        // The daemon came back to rustdrill (a subreaper) and was ended, so
        // the pipe closed and the output is whole.
        assert!(!survived(pid.trim()), "the daemon outlived the check");
        assert!(!run.all().contains("kept it open"), "{}", run.all());
    } else {
        if alive(pid.trim()) {
            kill("-KILL", pid.trim());
        }
        run.expect_contains("kept it open");
    }
}

#[test]
fn utf8_split_at_the_output_cap_showed_replacement_characters() {
    // 'a' * (512 KiB - 1) then 'é': the head's last char straddles the cap;
    // then enough '€' (3 bytes) that the tail starts mid-character too.
    let course = with_passes_source(
        r#"// TODO: nothing
use std::io::Write;

fn main() {
    let mut bytes = vec![b'a'; 512 * 1024 - 1];
    bytes.extend_from_slice("é".as_bytes());
    for _ in 0..400_001 {
        bytes.extend_from_slice("€".as_bytes());
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes).unwrap();
    out.flush().unwrap();
    std::process::exit(1);
}

#[cfg(test)]
mod tests {
    #[test]
    fn nothing() {}
}
"#,
    );
    let run = course.run(&["run", "passes"]);
    run.expect_code(1).expect_contains("bytes cut]");
    assert!(
        !run.stdout.contains('\u{fffd}'),
        "valid UTF-8 was shown with replacement characters"
    );
}

#[cfg(unix)]
#[test]
fn reset_changed_the_exercise_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let course = Course::fixture("basic");
    // The first run keeps the originals `reset` restores from.
    course.run(&["list"]).expect_code(0);
    course.run(&["run", "passes"]).expect_code(0);
    let file = course.path("exercises/01_basics/passes.rs");
    for mode in [0o644, 0o444] {
        fs::set_permissions(&file, fs::Permissions::from_mode(mode)).unwrap();
        course.run(&["reset", "passes", "--yes"]).expect_code(0);
        let after = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(after, mode, "reset changed {mode:o} to {after:o}");
    }
}

#[test]
fn type_error_in_info_toml_did_not_name_the_exercise_or_field() {
    let course = Course::fixture("basic");
    let info = course.read("info.toml").replacen(
        "name = \"compile_error\"\n",
        "name = \"compile_error\"\ntest = \"yes\"\n",
        1,
    );
    course.write("info.toml", &info);
    let line = info
        .lines()
        .position(|l| l == "test = \"yes\"")
        .expect("inserted")
        + 1;
    course
        .run(&["list"])
        .expect_code(2)
        .expect_contains(&format!(
            "info.toml:{line}:8: exercise `compile_error`, field `test`: invalid type"
        ));
}

#[test]
fn missing_format_version_was_blamed_on_the_first_exercise() {
    // serde's "missing field" error is at offset 0: the exercise whose
    // entry started there, first in the file, was named as its owner.
    let course = Course::fixture("basic");
    let info = course.read("info.toml");
    let entries = info.find("[[exercises]]").expect("an exercise");
    course.write("info.toml", &info[entries..]);
    let run = course.run(&["list"]);
    run.expect_code(2).expect_contains(
        "info.toml:1:1: field `format_version`: missing: add `format_version = 1` at the top",
    );
    assert!(!run.stderr.contains("exercise `"), "{}", run.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn read_only_course_swallowed_the_verdict() {
    let course = Course::fixture("basic");
    // A state folder no one can create files in, root included (tests
    // often run as root, for whom chmod changes nothing): procfs.
    std::os::unix::fs::symlink("/proc/self/fdinfo", course.path(".rustdrill")).unwrap();
    // What the learner asked for comes first, then why it was not kept.
    let expected: [(&[&str], &str, &str); 3] = [
        (
            &["run", "passes"],
            "double of 21 is 42",
            "the verdict above was not saved",
        ),
        (
            &["hint", "passes"],
            "It already passes.",
            "the hint above was shown but not remembered",
        ),
        (
            &["verify"],
            "compile_error",
            "the verdicts above were not saved",
        ),
    ];
    for (args, shown, warning) in expected {
        let run = course.run(args);
        run.expect_code(2)
            .expect_contains("cannot save progress")
            .expect_contains(warning);
        assert!(
            run.stdout.contains(shown),
            "{args:?} showed nothing:\n{}",
            run.stdout
        );
        assert!(!run.stderr.contains(".:"), "a stray '.:' in {}", run.stderr);
    }
    // Reading progress still works.
    course.run(&["list"]).expect_code(0);
}

#[test]
fn a_shared_cargo_target_dir_ran_another_copys_solved_binary() {
    // Two copies of one course, and a global CARGO_TARGET_DIR: cargo judges
    // freshness by file times and workspace-relative paths, so without a
    // target dir of its own the unsolved copy would run the solved one's
    // binary and pass.
    let shared = tempfile::tempdir().unwrap();
    let unsolved = Course::fixture("basic");
    let solved = Course::fixture("basic");
    let fixed = solved.read("solutions/01_basics/compile_error.rs");
    solved.write("exercises/01_basics/compile_error.rs", &fixed);
    let run = |course: &Course| {
        course
            .rustdrill(&["run", "compile_error"])
            .env("CARGO_TARGET_DIR", shared.path())
            .run()
    };
    run(&solved).expect_code(0);
    run(&unsolved)
        .expect_code(1)
        .expect_contains("compile error: [E0308]");
    assert!(unsolved.path("exercises/target").is_dir());
}

/// `list --json`'s done flags by exercise name.
fn done_names(course: &Course) -> Vec<String> {
    let run = course.run(&["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).expect("list --json");
    list["exercises"]
        .as_array()
        .expect("exercises")
        .iter()
        .filter(|e| e["done"] == true)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn concurrent_runs_lost_each_others_progress() {
    let course = Course::fixture("basic");
    for name in ["compile_error", "test_fails"] {
        let fixed = course.read(&format!("solutions/01_basics/{name}.rs"));
        course.write(&format!("exercises/01_basics/{name}.rs"), &fixed);
    }
    // Built once first, so the three checks below end (and save) together.
    course.run(&["verify"]);
    fs::remove_dir_all(course.path(".rustdrill")).unwrap();
    for _ in 0..3 {
        let children: Vec<_> = ["passes", "compile_error", "test_fails", "passes"]
            .iter()
            .map(|name| {
                course
                    .cmd(&["run", name])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
    }
    assert_eq!(
        done_names(&course),
        ["passes", "compile_error", "test_fails"],
        "every done flag survives"
    );
    let state: toml::Table = toml::from_str(&course.read(".rustdrill/state.toml")).unwrap();
    assert_eq!(
        state["exercises"]["passes"]["checks"].as_integer(),
        Some(6),
        "no check count lost"
    );
}

#[test]
fn verify_cached_a_failure_that_run_had_fixed_since() {
    // A test that depends on a file outside the exercise: what `run`
    // concludes must be what `verify` reuses, not an older verdict.
    let course = with_passes_source(
        r#"fn main() {}

#[cfg(test)]
mod tests {
    #[test]
    fn flag_file_exists() {
        assert!(std::path::Path::new("flag").exists(), "no flag file");
    }
}
"#,
    );
    course
        .run(&["verify"])
        .expect_code(1)
        .expect_contains("no flag file");
    course.write("exercises/01_basics/flag", "");
    course.run(&["run", "passes"]).expect_code(0);
    let verify = course.run(&["verify", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&verify.stdout).unwrap();
    let passes = &json["exercises"][0];
    assert_eq!(passes["name"], "passes");
    assert_eq!(passes["status"], "done", "{passes}");
    assert_eq!(passes["cached"], true, "run's verdict was reused: {passes}");
    assert!(done_names(&course).contains(&"passes".to_owned()));
}

#[test]
fn done_stayed_after_a_later_failing_check() {
    let course = Course::fixture("basic");
    course.run(&["run", "passes"]).expect_code(0);
    assert!(done_names(&course).contains(&"passes".to_owned()));
    course.write(
        "exercises/01_basics/passes.rs",
        "fn main() { let broken: i32 = \"no\"; }\n",
    );
    course.run(&["run", "passes"]).expect_code(1);
    // `done` means "passed at its last check" (docs/json.md).
    assert!(!done_names(&course).contains(&"passes".to_owned()));
}

#[test]
fn stray_temp_files_stayed_after_a_kill_during_a_state_write() {
    let course = Course::fixture("basic");
    course.run(&["hint", "passes"]).expect_code(0);
    // What `kill -9` in the middle of an atomic write leaves: a temp copy.
    let leftover = course.path(".rustdrill/.rustdrill-tmp-AbC123");
    fs::write(&leftover, "version = 1\n").unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(old)
        .unwrap();
    course.run(&["hint", "passes"]).expect_code(0);
    assert!(!leftover.exists(), "the stale temp file is cleaned up");
}

#[test]
fn a_deleted_exercise_file_bricked_the_course() {
    let course = Course::fixture("basic");
    // The first run keeps an original of every exercise for `reset`.
    course.run(&["run", "passes"]).expect_code(0);
    fs::remove_file(course.path("exercises/01_basics/compile_error.rs")).unwrap();
    course.run(&["list"]).expect_code(0);
    course.run(&["hint", "compile_error"]).expect_code(0);
    course.run(&["run", "passes"]).expect_code(0);
    course
        .run(&["run", "compile_error"])
        .expect_code(1)
        .expect_contains("the exercise file is missing")
        .expect_contains("rustdrill reset compile_error");
    course
        .run(&["reset", "compile_error", "--yes"])
        .expect_code(0);
    course
        .run(&["run", "compile_error"])
        .expect_code(1)
        .expect_contains("compile error: [E0308]");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_an_exercise_was_reported_as_missing() {
    let course = Course::fixture("basic");
    let path = course.path("exercises/01_basics/test_fails.rs");
    fs::remove_file(&path).unwrap();
    let status = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(status.success());
    // Reading a FIFO blocks: the run must not, so it is bounded here.
    course
        .rustdrill(&["run", "test_fails"])
        .timeout(Duration::from_secs(120))
        .run()
        .expect_code(1)
        .expect_contains("not a regular file");
}

#[cfg(target_os = "linux")]
#[test]
fn a_setsid_child_escaped_the_check() {
    let course = with_passes_source(
        r#"use std::process::Command;

fn main() {
    // A daemon in a session of its own: outside the exercise's group.
    let pidfile = std::env::var("RUSTDRILL_FIXTURE_PIDFILE").unwrap();
    Command::new("setsid")
        .args(["sh", "-c", &format!("echo $$ > {pidfile}; exec sleep 1000")])
        .spawn()
        .unwrap();
    while std::fs::read_to_string(&pidfile).map_or(true, |p| p.trim().is_empty()) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    println!("started a daemon");
}
"#,
    );
    let pidfile = course.path("daemon.pid");
    let run = course
        .rustdrill(&["run", "passes"])
        .env("RUSTDRILL_FIXTURE_PIDFILE", &pidfile)
        .run();
    run.expect_code(0).expect_contains("started a daemon");
    let daemon = wait_for_pid(&pidfile);
    assert!(
        !survived(&daemon),
        "the setsid daemon {daemon} outlived the check"
    );
    assert_eq!(
        run.stdout
            .matches("output after this not collected")
            .count(),
        run.stdout.matches("not collected").count(),
        "the marker at most once per stream"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn kill_9_of_rustdrill_orphaned_a_looping_exercise() {
    let (_course, mut child, _) = run_hangs();
    // The looping main itself: the only `hangs` process whose parent is
    // rustdrill or rustdrill's process supervisor.
    let rustdrill = child.id().to_string();
    let parent = |pid: &str| {
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let ppid = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .nth(1);
        (stat.contains("(hangs)"), ppid.unwrap_or("").to_owned())
    };
    let main_pid = fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|pid| {
            let (hangs, ppid) = parent(pid);
            hangs && (ppid == rustdrill || parent(&ppid).1 == rustdrill)
        })
        .expect("the exercise's main runs");
    kill("-KILL", &rustdrill);
    let _ = child.wait();
    assert!(
        !survived(&main_pid),
        "the looping main {main_pid} outlived rustdrill"
    );
}

#[test]
fn escape_sequences_printed_by_an_exercise_reached_the_terminal() {
    let course = with_passes_source(
        r#"fn main() {
    // Retitle the terminal, clear the screen, colour a word, ring the bell.
    println!("\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m done\x07");
}
"#,
    );
    for (color, red) in [("never", "red"), ("always", "\x1b[31mred\x1b[0m")] {
        let run = course.run(&["--color", color, "run", "passes"]);
        run.expect_code(0);
        assert!(!run.stdout.contains("pwned"), "{color}: {:?}", run.stdout);
        assert!(!run.stdout.contains("\x1b[2J"), "{color}: {:?}", run.stdout);
        assert!(!run.stdout.contains('\x07'), "{color}: {:?}", run.stdout);
        assert!(
            run.stdout.contains(&format!("{red} done^G")),
            "{color}: {:?}",
            run.stdout
        );
    }
}

#[test]
fn a_failing_main_hid_a_lint_and_main_ran_after_clippy_failed() {
    // compiles → tests → clippy → main (docs/course-format.md): the lint is
    // the verdict, and `main` (which would fail, or hang) is not even run.
    let course = Course::fixture("basic");
    let path = "exercises/01_basics/clippy_strict.rs";
    let looping = course.read(path).replace(
        "    println!(\"{}\", square(3));",
        "    println!(\"{}\", square(3));\n    std::fs::write(\"main-ran\", \"\").unwrap();\n    \
         std::process::exit(4);",
    );
    course.write(path, &looping);
    course
        .run(&["run", "clippy_strict"])
        .expect_code(1)
        .expect_contains("clippy: [clippy::needless_return]");
    assert!(
        !course.path("exercises/01_basics/main-ran").exists(),
        "main ran although clippy had already failed the exercise"
    );
    // And failing tests still come before the lint.
    let failing_test = course.read(path).replace(
        "assert_eq!(super::square(3), 9)",
        "assert_eq!(super::square(3), 10)",
    );
    course.write(path, &failing_test);
    course
        .run(&["run", "clippy_strict"])
        .expect_code(1)
        .expect_contains("test failed: tests::squares");
}

#[test]
fn a_check_with_nothing_changed_rebuilt_the_exercise() {
    // The build (through clippy's driver) and the test build must not
    // invalidate each other's units: a second check of an unchanged
    // exercise compiles nothing, not even the chapter's support library
    // that both builds share.
    let course = Course::fixture("basic");
    let manifest = course.read("exercises/01_basics/Cargo.toml");
    course.write(
        "exercises/01_basics/Cargo.toml",
        &manifest.replace(
            "autobins = false\n",
            "autobins = false\n\n[lib]\npath = \"support.rs\"\n",
        ),
    );
    course.write(
        "exercises/01_basics/support.rs",
        "//! Shared by the chapter.\npub fn answer() -> i32 {\n    42\n}\n",
    );
    course.run(&["run", "passes"]).expect_code(0);
    let built = || {
        let dir = course.path("exercises/target/debug/deps");
        let mut times: Vec<_> = fs::read_dir(&dir)
            .expect("deps folder")
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("passes-") || name.starts_with("libbasics-")
            })
            .map(|e| (e.file_name(), e.metadata().and_then(|m| m.modified()).ok()))
            .collect();
        times.sort();
        times
    };
    let before = built();
    assert!(
        before.len() >= 3,
        "library, binary, test harness: {before:?}"
    );
    course.run(&["run", "passes"]).expect_code(0);
    assert_eq!(built(), before, "the second check recompiled");
}

#[test]
fn an_exercise_binary_did_not_run_outside_rustdrill() {
    // rustdrill links the course's executables to the toolchain's shared
    // std on Linux; a learner running one by hand must not need anything.
    let course = Course::fixture("basic");
    course.run(&["run", "passes"]).expect_code(0);
    let out = Command::new(course.path("exercises/target/debug/passes"))
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .expect("the built binary starts");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "double of 21 is 42\n");
}

#[test]
fn a_profile_with_panic_abort_broke_every_build() {
    // The shared std unwinds: such a course keeps the static one.
    let course = Course::fixture("basic");
    let manifest = course.read("exercises/Cargo.toml");
    course.write(
        "exercises/Cargo.toml",
        &format!("{manifest}\n[profile.dev]\npanic = \"abort\"\n"),
    );
    course
        .run(&["run", "passes"])
        .expect_code(0)
        .expect_contains("passes");
    course
        .run(&["run", "test_fails"])
        .expect_code(1)
        .expect_contains("test failed: tests::empty_has_no_mean");
}
