//! The one-shot commands (`run`, `hint`, `list`, `reset`, `solution`) and
//! every bad-input case, driven through the real binary on fixture courses.

mod common;

use std::fs;
use std::path::Path;

use common::{Course, rustdrill};
use serde::Deserialize;

/// What each exercise of `tests/fixtures/basic` does as shipped.
const EXPECTED: &[(&str, i32, &str)] = &[
    ("passes", 0, "✓ passes — done"),
    (
        "compile_error",
        1,
        "compile error: [E0308] mismatched types",
    ),
    (
        "test_fails",
        1,
        "test failed: tests::empty_has_no_mean: assertion `left == right` failed: an empty slice has no mean",
    ),
    (
        "clippy_strict",
        1,
        "clippy: [clippy::needless_return] unneeded `return` statement",
    ),
    ("run_fails", 1, "running main failed: exit status 3"),
    ("hangs", 1, "timed out: main ran longer than 2 s"),
    ("loud", 1, "running main failed: exit status 1"),
    ("binary_out", 1, "running main failed: exit status 1"),
];

fn expected(name: &str) -> (i32, &'static str) {
    let (_, code, text) = EXPECTED
        .iter()
        .find(|(n, ..)| *n == name)
        .expect("known fixture");
    (*code, text)
}

#[test]
fn each_verdict_kind_is_reported() {
    let course = Course::fixture("basic");
    for name in [
        "passes",
        "compile_error",
        "test_fails",
        "clippy_strict",
        "run_fails",
    ] {
        let (code, text) = expected(name);
        course
            .run(&["run", name])
            .expect_code(code)
            .expect_contains(text);
    }
}

#[test]
fn compile_error_shows_the_rendered_error() {
    let course = Course::fixture("basic");
    course
        .run(&["run", "compile_error"])
        .expect_contains("expected `&str`, found integer")
        // Paths are relative to the course root, where the learner's shell is.
        .expect_contains("--> exercises/01_basics/compile_error.rs:7:")
        .expect_contains("rustdrill hint compile_error");
}

#[test]
fn a_failing_test_shows_its_message_and_the_passing_ones_do_not_matter() {
    let course = Course::fixture("basic");
    let run = course.run(&["run", "test_fails"]);
    run.expect_contains("left: Some(NaN)");
    run.expect_contains("panicked at exercises/01_basics/test_fails.rs:");
    assert!(
        !run.all().contains("failed: tests::averages"),
        "{}",
        run.stdout
    );
}

#[test]
fn timeout_kills_the_loop_and_its_grandchild() {
    let course = Course::fixture("basic");
    let pidfile = course.path("grandchild.pid");
    let run = course
        .rustdrill(&["run", "hangs"])
        .env("RUSTDRILL_FIXTURE_PIDFILE", &pidfile)
        .run();
    let (code, text) = expected("hangs");
    run.expect_code(code)
        .expect_contains(text)
        .expect_contains("looping forever");
    let pid = fs::read_to_string(&pidfile).expect("the exercise wrote its grandchild's pid");
    assert!(!alive(pid.trim()), "grandchild {pid} survived the timeout");
}

/// Is the process alive (and not a zombie waiting to be reaped)?
fn alive(pid: &str) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

#[test]
fn huge_output_is_capped() {
    let course = Course::fixture("basic");
    let run = course.run(&["run", "loud"]);
    let (code, text) = expected("loud");
    run.expect_code(code)
        .expect_contains(text)
        .expect_contains("bytes cut]");
    run.expect_contains("THE END");
    assert!(
        run.stdout.len() < 3 * 1024 * 1024,
        "{} bytes printed",
        run.stdout.len()
    );
}

#[test]
fn non_utf8_output_is_shown_lossily() {
    let course = Course::fixture("basic");
    course
        .run(&["run", "binary_out"])
        .expect_contains("bytes: \u{fffd}\u{fffd} end");
}

#[test]
fn passing_makes_the_exercise_done_and_moves_current_on() {
    let course = Course::fixture("basic");
    let first = course.run(&["run"]);
    first
        .expect_code(0)
        .expect_contains("Welcome to the fixture course.");
    first.expect_contains("Next exercise: compile_error");
    let list = list_json(&course);
    assert_eq!((list.done, list.current.as_str()), (1, "compile_error"));
    // Fix the exercise the way a learner would, then run the current one.
    let fixed = course.read("solutions/01_basics/compile_error.rs");
    course.write("exercises/01_basics/compile_error.rs", &fixed);
    course
        .run(&["run"])
        .expect_code(0)
        .expect_contains("✓ compile_error — done");
    let list = list_json(&course);
    assert_eq!((list.done, list.current.as_str()), (2, "test_fails"));
    let state = course.read(".rustdrill/state.toml");
    assert!(state.contains("solved_at"), "{state}");
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListJson {
    course: String,
    done: usize,
    total: usize,
    current: String,
    exercises: Vec<ListEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Deserialising proves the shape.
struct ListEntry {
    index: usize,
    name: String,
    chapter: Option<String>,
    path: String,
    done: bool,
    current: bool,
}

fn list_json(course: &Course) -> ListJson {
    let run = course.run(&["list", "--json"]);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn list_json_parses_and_list_shows_a_table() {
    let course = Course::fixture("basic");
    let list = list_json(&course);
    assert_eq!(list.total, 8);
    assert!(Path::new(&list.course).is_absolute());
    assert_eq!(list.exercises[1].name, "compile_error");
    assert_eq!(
        list.exercises[1].path,
        "exercises/01_basics/compile_error.rs"
    );
    assert!(list.exercises[0].current);
    course
        .run(&["list"])
        .expect_code(0)
        .expect_contains("0/8 done");
}

#[test]
fn hints_are_revealed_one_at_a_time_and_remembered() {
    let course = Course::fixture("basic");
    let one = course.run(&["hint", "compile_error"]);
    one.expect_code(0)
        .expect_contains("hint 1/3")
        .expect_contains("First hint");
    assert!(!one.stdout.contains("Second hint"));
    let two = course.run(&["hint", "compile_error"]);
    two.expect_contains("hint 2/3")
        .expect_contains("Second hint");
    assert!(!two.stdout.contains("First hint"));
    course
        .run(&["hint", "compile_error"])
        .expect_contains("Third hint");
    course
        .run(&["hint", "compile_error"])
        .expect_contains("no more hints");
    let all = course.run(&["hint", "compile_error", "--all"]);
    all.expect_contains("First hint")
        .expect_contains("Third hint");
}

#[test]
fn reset_keeps_a_backup_and_restores_the_original() {
    let course = Course::fixture("basic");
    let original = course.read("exercises/01_basics/test_fails.rs");
    course.run(&["run", "passes"]).expect_code(0); // the first run keeps the originals
    course.write(
        "exercises/01_basics/test_fails.rs",
        "// my work in progress\n",
    );
    let run = course.run(&["reset", "test_fails", "--yes"]);
    run.expect_code(0).expect_contains("kept in");
    assert_eq!(course.read("exercises/01_basics/test_fails.rs"), original);
    let backups: Vec<_> = fs::read_dir(course.path(".rustdrill/backup"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 1);
    let backup = fs::read_to_string(backups[0].as_ref().unwrap().path()).unwrap();
    assert_eq!(backup, "// my work in progress\n");
}

#[test]
fn reset_without_a_terminal_needs_yes() {
    let course = Course::fixture("basic");
    course.run(&["run", "passes"]);
    course.write("exercises/01_basics/test_fails.rs", "// mine\n");
    course
        .run(&["reset", "test_fails"])
        .expect_code(2)
        .expect_contains("--yes");
    assert_eq!(
        course.read("exercises/01_basics/test_fails.rs"),
        "// mine\n"
    );
}

#[test]
fn solution_only_once_done() {
    let course = Course::fixture("basic");
    course
        .run(&["solution", "passes"])
        .expect_code(1)
        .expect_contains("Solve passes first");
    course.run(&["run", "passes"]).expect_code(0);
    course
        .run(&["solution", "passes", "--show"])
        .expect_code(0)
        .expect_contains("solutions/01_basics/passes.rs")
        .expect_contains("fn double");
    // Solving moved the course on to compile_error: with no name, the
    // solution shown is the one just earned.
    course
        .run(&["solution", "--show"])
        .expect_code(0)
        .expect_contains("solved last: passes")
        .expect_contains("fn double");
}

#[test]
fn rustlings_layout_runs_unchanged() {
    let course = Course::fixture("rustlings");
    course
        .run(&["run"])
        .expect_code(1)
        .expect_contains("compile error: [E0308]");
    let fixed = course.read("solutions/intro/intro1.rs");
    course.write("exercises/intro/intro1.rs", &fixed);
    course
        .run(&["run"])
        .expect_code(0)
        .expect_contains("✓ intro1 — done");
}

#[test]
fn corrupt_state_is_kept_aside_and_work_continues() {
    let course = Course::fixture("basic");
    fs::create_dir_all(course.path(".rustdrill")).unwrap();
    course.write(".rustdrill/state.toml", "current = [broken\n");
    let run = course.run(&["list"]);
    run.expect_code(0)
        .expect_contains("could not be used")
        .expect_contains("state.toml.corrupt-");
    let kept = fs::read_dir(course.path(".rustdrill"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.toml.corrupt-")
        })
        .expect("the damaged file is kept");
    assert_eq!(
        fs::read_to_string(kept.path()).unwrap(),
        "current = [broken\n"
    );
}

#[test]
fn goto_makes_an_exercise_current() {
    let course = Course::fixture("basic");
    course
        .run(&["goto", "clippy_strict"])
        .expect_code(0)
        .expect_contains("Current exercise: clippy_strict");
    assert_eq!(list_json(&course).current, "clippy_strict");
    course
        .run(&["run"])
        .expect_code(1)
        .expect_contains("clippy_strict — clippy");
    course
        .run(&["goto", "clipy_strict"])
        .expect_code(2)
        .expect_contains("Did you mean clippy_strict");
}

#[test]
fn bare_rustdrill_without_a_terminal_points_to_run() {
    let course = Course::fixture("basic");
    course
        .run(&[])
        .expect_code(2)
        .expect_contains("rustdrill run");
}

#[test]
fn completions_are_printed() {
    let course = Course::fixture("basic");
    course
        .run(&["completions", "bash"])
        .expect_code(0)
        .expect_contains("rustdrill");
}

// ---- bad input: a clear message, exit 2, nothing written ----

/// Runs `args` in a copy of `basic` whose info.toml is `info`, expects
/// exit 2 with every `needles`, and checks nothing was written.
fn bad_info(info: &str, args: &[&str], needles: &[&str]) {
    let course = Course::fixture("basic");
    course.write("info.toml", info);
    let run = course.run(args);
    run.expect_code(2);
    for needle in needles {
        run.expect_contains(needle);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !course.path(".rustdrill").exists(),
        "nothing may be written on bad input"
    );
}

const OK_ENTRY: &str = "[[exercises]]\nname = \"passes\"\ndir = \"01_basics\"\nhint = \"h\"\n";

#[test]
fn missing_info_toml_suggests_course_and_init() {
    let dir = tempfile::tempdir().unwrap();
    let run = rustdrill(dir.path(), &["list"]);
    run.expect_code(2)
        .expect_contains("--course")
        .expect_contains("rustdrill init");
}

#[test]
fn invalid_toml_names_line_and_column() {
    bad_info(
        "format_version = 1\n\n[[exercises]\nname = \"a\"\n",
        &["list"],
        &["info.toml:3:"],
    );
}

#[test]
fn wrong_format_version() {
    bad_info(
        &format!("format_version = 7\n{OK_ENTRY}"),
        &["list"],
        &["info.toml:1:", "format_version"],
    );
}

#[test]
fn missing_name_or_hint() {
    bad_info(
        "format_version = 1\n[[exercises]]\nhint = \"h\"\n",
        &["list"],
        &["info.toml:2:", "no `name`"],
    );
    bad_info(
        "format_version = 1\n[[exercises]]\nname = \"passes\"\ndir = \"01_basics\"\n",
        &["list"],
        &["info.toml:2:", "exercise `passes`, field `hint`"],
    );
}

#[test]
fn duplicate_name() {
    bad_info(
        &format!("format_version = 1\n{OK_ENTRY}\n{OK_ENTRY}"),
        &["list"],
        &["info.toml:8:", "duplicate name", "line 2"],
    );
}

#[test]
fn bad_names() {
    for name in ["a/b", "..", "Passes", &"a".repeat(49)] {
        bad_info(
            &format!("format_version = 1\n[[exercises]]\nname = {name:?}\nhint = \"h\"\n"),
            &["list"],
            &["info.toml:3:", "field `name`", "invalid name"],
        );
    }
}

#[test]
fn bad_dirs() {
    for dir in ["..", "/etc", "a/../b"] {
        bad_info(
            &format!(
                "format_version = 1\n[[exercises]]\nname = \"passes\"\ndir = {dir:?}\nhint = \"h\"\n"
            ),
            &["list"],
            &["info.toml:4:", "field `dir`"],
        );
    }
}

#[test]
fn exercise_file_missing() {
    bad_info(
        "format_version = 1\n[[exercises]]\nname = \"ghost\"\ndir = \"01_basics\"\nhint = \"h\"\n",
        &["list"],
        &[
            "info.toml:2:",
            "exercise `ghost`",
            "exercises/01_basics/ghost.rs does not exist",
        ],
    );
}

#[test]
fn no_bin_target_for_an_exercise() {
    let course = Course::fixture("basic");
    course.write("exercises/01_basics/orphan.rs", "fn main() {}\n");
    let mut info = course.read("info.toml");
    info.push_str("\n[[exercises]]\nname = \"orphan\"\ndir = \"01_basics\"\nhint = \"h\"\n");
    course.write("info.toml", &info);
    course
        .run(&["list"])
        .expect_code(2)
        .expect_contains("exercise `orphan`: no cargo bin target builds")
        .expect_contains("name = \"orphan\"");
    assert!(!course.path(".rustdrill").exists());
}

#[test]
fn unknown_exercise_suggests_close_names() {
    let course = Course::fixture("basic");
    for cmd in ["run", "hint", "reset"] {
        course
            .run(&[cmd, "compile_eror"])
            .expect_code(2)
            .expect_contains("no exercise named `compile_eror`")
            .expect_contains("Did you mean compile_error");
    }
    assert!(!course.path(".rustdrill").exists());
}

#[test]
fn unknown_keys_warn_but_run() {
    let course = Course::fixture("basic");
    let info = course
        .read("info.toml")
        .replace("name = \"passes\"", "name = \"passes\"\ntimeout = 3");
    course.write("info.toml", &info);
    let line = info.lines().position(|l| l == "timeout = 3").unwrap() + 1;
    course
        .run(&["list"])
        .expect_code(0)
        .expect_contains("warning:")
        .expect_contains(&format!(
            "info.toml:{line}:1: exercise `passes`, field `timeout`: unknown key (did you mean `timeout_secs`?)"
        ));
}

#[test]
fn cargo_not_installed() {
    let course = Course::fixture("basic");
    let empty = tempfile::tempdir().unwrap();
    let run = course
        .rustdrill(&["list"])
        .env("PATH", empty.path())
        .env_remove("CARGO")
        .run();
    run.expect_code(2)
        .expect_contains("cargo was not found")
        .expect_contains("rustup");
}

#[test]
fn clippy_not_installed() {
    let course = Course::fixture("basic");
    let bin = tempfile::tempdir().unwrap();
    // A toolchain installed without the clippy component: no driver in its
    // sysroot, and rustup's proxy on PATH fails when run.
    let sysroot = tempfile::tempdir().unwrap();
    let real_rustc = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v rustc"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let scripts = [
        (
            "clippy-driver",
            "#!/bin/sh\necho \"error: 'clippy-driver' is not installed for the toolchain 'stable'\" >&2\nexit 1\n".to_owned(),
        ),
        (
            "rustc",
            format!(
                "#!/bin/sh\nif [ \"$1 $2\" = \"--print sysroot\" ]; then echo {}; exit 0; fi\nexec {} \"$@\"\n",
                sysroot.path().display(),
                real_rustc.trim()
            ),
        ),
    ];
    for (name, script) in scripts {
        let fake = bin.path().join(name);
        fs::write(&fake, script).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let run = course.rustdrill(&["run", "passes"]).env("PATH", path).run();
    run.expect_code(2)
        .expect_contains("rustup component add clippy");
}

#[test]
fn unwritable_progress_is_reported_without_partial_state() {
    let course = Course::fixture("basic");
    // A file where the state folder should be: writing fails as on a
    // read-only course (chmod cannot simulate that when tests run as root).
    course.write(".rustdrill", "not a folder");
    let run = course.run(&["run", "passes"]);
    run.expect_code(2)
        .expect_contains("cannot read progress")
        .expect_contains("folder you can read and write");
    assert_eq!(course.read(".rustdrill"), "not a folder");
}

/// `clippy::eq_op` is denied by default: under the clippy driver it stops
/// compilation, yet the tests must still be judged before the lint.
const DENIED_LINT: &str = r#"// TODO: nothing
fn double(x: u32) -> u32 {
    let same = x == x;
    if same { x * 2 } else { 0 }
}

fn main() {
    println!("{}", double(21));
}

#[cfg(test)]
mod tests {
    #[test]
    fn doubles() {
        assert_eq!(super::double(21), EXPECTED);
    }
}
"#;

#[test]
fn a_denied_lint_comes_after_failing_tests() {
    let course = Course::fixture("basic");
    let path = "exercises/01_basics/passes.rs";
    course.write(path, &DENIED_LINT.replace("EXPECTED", "43"));
    course
        .run(&["run", "passes"])
        .expect_code(1)
        .expect_contains("test failed: tests::doubles");
    course.write(path, &DENIED_LINT.replace("EXPECTED", "42"));
    let run = course.run(&["run", "passes"]);
    run.expect_code(1)
        .expect_contains("clippy: [clippy::eq_op]");
    assert!(!run.all().contains("compile error"), "{}", run.all());
    // Fixed: the lint is gone and the exercise passes.
    course.write(
        path,
        &DENIED_LINT
            .replace("let same = x == x;", "let same = x > 0;")
            .replace("EXPECTED", "42"),
    );
    course.run(&["run", "passes"]).expect_code(0);
}

#[test]
fn one_target_dir_and_no_clippy_pass_of_its_own() {
    let course = Course::fixture("basic");
    course.run(&["run", "clippy_strict"]).expect_code(1);
    assert!(course.path("exercises/target/debug").is_dir());
    assert!(
        !course.path("exercises/target/rustdrill-clippy").exists(),
        "clippy runs inside the build, with no target dir of its own"
    );
}

/// `list` and `hint` in Japanese and Korean (`RUSTDRILL_LANG`): the
/// headings are translated and the columns line up in terminal columns
/// (each heading is two columns a character, so padding by characters
/// would shift every row against its heading).
#[test]
fn list_and_hint_speak_the_learners_language_with_columns_aligned() {
    let course = Course::fixture("basic");
    let run = |lang: &str, args: &[&str]| course.rustdrill(args).env("RUSTDRILL_LANG", lang).run();
    let list = run("ja", &["list"]);
    list.expect_code(0).expect_contains("0/8 完了 (0%)");
    let lines: Vec<&str> = list.stdout.lines().collect();
    let header = lines[0];
    assert!(
        header.contains("名前") && header.contains("状態"),
        "{header}"
    );
    let column =
        |line: &str, text: &str| console::measure_text_width(&line[..line.find(text).expect(text)]);
    let row = lines
        .iter()
        .find(|l| l.contains("compile_error"))
        .expect("a row");
    assert_eq!(
        column(header, "名前"),
        column(row, "compile_error"),
        "{}",
        list.stdout
    );
    assert_eq!(
        column(header, "状態"),
        column(row, "未完了"),
        "{}",
        list.stdout
    );

    run("ko", &["hint", "compile_error"])
        .expect_code(0)
        .expect_contains("힌트 1/3")
        .expect_contains("First hint")
        .expect_contains("다음 힌트는 `rustdrill hint`를 다시 실행하세요");
}
