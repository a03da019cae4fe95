//! A course that is wrong for a moment, or hostile: watch keeps going on
//! the last course that loaded while info.toml (or a manifest) is caught
//! half-written, a stale cache of cargo's targets heals itself, and course
//! text (hints, welcome and final messages) reaches the terminal only
//! through the sanitiser that exercise output goes through. Each test is
//! named after the defect it pins down; watch runs in a real terminal
//! (tmux, see `common::Tmux`).

mod common;

use std::fs;

use common::{Course, Tmux};

/// What the pane shows once watch is gone.
const EXITED: &str = "EXIT=";

/// `text` with its first `from` replaced, failing when it is not there
/// (a fixture that changed must not make a test pass vacuously).
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in:\n{text}");
    text.replacen(from, to, 1)
}

/// Waits until the screen shows `text` or watch has ended, and fails in
/// the second case at once (rather than after the deadline).
#[track_caller]
fn wait_while_running(t: &Tmux, text: &str) -> String {
    let screen = t.wait_until(text, |s| s.contains(text) || s.contains(EXITED));
    assert!(
        !screen.contains(EXITED),
        "watch exited instead of showing {text:?}:\n{screen}"
    );
    screen
}

#[test]
fn watch_exited_when_info_toml_was_briefly_invalid() {
    let t = Tmux::watch(Course::fixture("watch_course"), &[]);
    t.wait_for("fix_me — compile error");
    let good = t.course.read("info.toml");

    // An editor's save caught half-way: the first entry lost its hint.
    let hint = "hint = \"First hint: look at the types.\"\n";
    t.course.write("info.toml", &edit(&good, hint, ""));
    let screen = wait_while_running(&t, "info.toml:7:1: exercise `fix_me`, field `hint`");
    assert!(screen.contains("missing `hint`"), "{screen}");
    // The screen goes on with the course as it was: a hint, a check.
    assert!(screen.contains("fix_me — compile error"), "{screen}");
    t.keys(&["h"]);
    let screen = wait_while_running(&t, "First hint: look at the types.");
    assert!(
        screen.contains("info.toml:7:1"),
        "the problem stays shown:\n{screen}"
    );

    // Still invalid, differently (a syntax error): the new problem shows.
    t.course.write(
        "info.toml",
        &edit(
            &good,
            "[[exercises]]\nname = \"slow\"",
            "[[exercises]\nname = \"slow\"",
        ),
    );
    wait_while_running(&t, "info.toml:14:");

    // Valid again, with a new hint: the course is loaded again.
    let reloaded = edit(&good, "First hint: look", "First hint, reloaded: look");
    t.course.write("info.toml", &reloaded);
    let screen = wait_while_running(&t, "the course was loaded again");
    assert!(
        !screen.contains("info.toml:"),
        "the problem is gone:\n{screen}"
    );
    t.keys(&["h"]);
    wait_while_running(&t, "First hint, reloaded: look at the types.");
}

#[test]
fn watch_exited_when_a_manifest_was_briefly_invalid_as_info_toml_changed() {
    let t = Tmux::watch(Course::fixture("watch_course"), &[]);
    t.wait_for("fix_me — compile error");
    // `tracks add` (or an author) rewrites the workspace's manifest and
    // info.toml; the manifest is caught half-written.
    let manifest = t.course.read("exercises/Cargo.toml");
    t.course.write(
        "exercises/Cargo.toml",
        &edit(&manifest, "[workspace]", "[workspace"),
    );
    let info = t.course.read("info.toml");
    t.course.write(
        "info.toml",
        &edit(&info, "First hint: look", "First hint, reloaded: look"),
    );
    // Cargo's own message, with the place: the manifest, line 1.
    let screen = wait_while_running(&t, "--> Cargo.toml:1:");
    assert!(
        screen.contains("cargo cannot read the course's manifests"),
        "{screen}"
    );
    assert!(screen.contains("fix_me — compile error"), "{screen}");

    // The manifest is whole again: the course is loaded again.
    t.course.write("exercises/Cargo.toml", &manifest);
    let screen = wait_while_running(&t, "the course was loaded again");
    assert!(
        !screen.contains("Cargo.toml:1:"),
        "the problem is gone:\n{screen}"
    );
    t.keys(&["h"]);
    wait_while_running(&t, "First hint, reloaded: look at the types.");
}

#[test]
fn a_symlink_cached_in_targets_json_broke_every_command() {
    let course = Course::fixture("watch_course");
    course.run(&["goto", "fix_me"]).expect_code(0);
    let file = course.path("exercises/01_start/fix_me.rs");
    let original = course.read("exercises/01_start/fix_me.rs");
    // The learner keeps the file elsewhere and links it in...
    let elsewhere = course.path("elsewhere.rs");
    fs::write(&elsewhere, &original).unwrap();
    fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    course.run(&["list"]).expect_code(0);
    assert!(course.path(".rustdrill/targets.json").is_file());
    // ...then makes it a regular file again; no manifest changed.
    fs::remove_file(&file).unwrap();
    fs::write(&file, &original).unwrap();
    for args in [
        &["list"][..],
        &["hint", "fix_me"],
        &["goto", "fix_me"],
        &["reset", "fix_me", "--yes"],
    ] {
        let run = course.run(args);
        assert!(
            !run.all().contains("[[bin]]"),
            "{args:?} told to add a bin target:\n{}",
            run.all()
        );
        run.expect_code(0);
    }
}

/// The course with `fix_me`'s first hint replaced by `hint` (TOML source).
fn with_hint(course: &Course, hint: &str) {
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &edit(
            &info,
            "hint = \"First hint: look at the types.\"",
            &format!("hint = \"{hint}\""),
        ),
    );
}

/// A hint that retitles the terminal (OSC 0 and 2) and sets the
/// clipboard (OSC 52, "pwned" in base64) around visible words.
const HOSTILE_HINT: &str = "Look \\u001b]0;pwned\\u0007at \\u001b]2;pwned\\u001b\\\\the \
     \\u001b]52;c;cHduZWQ=\\u0007types.";

#[test]
fn a_hint_with_an_osc_escape_retitled_the_terminal() {
    let course = Course::fixture("watch_course");
    with_hint(&course, HOSTILE_HINT);
    let t = Tmux::watch(course, &[]);
    t.wait_for("fix_me — compile error");
    // tmux takes OSC 52 from a program only when told to.
    t.tmux(&["set-option", "-s", "set-clipboard", "on"]);
    let title = t.tmux(&["display-message", "-p", "#{pane_title}"]);
    t.keys(&["h"]);
    wait_while_running(&t, "Look at the types.");
    assert_eq!(
        t.tmux(&["display-message", "-p", "#{pane_title}"]),
        title,
        "the hint retitled the pane"
    );
    assert_eq!(
        t.tmux(&["list-buffers"]),
        "",
        "the hint set tmux's clipboard"
    );
}

#[test]
fn rustdrill_hint_printed_an_osc_escape_raw() {
    let course = Course::fixture("watch_course");
    with_hint(&course, HOSTILE_HINT);
    let run = course.run(&["hint", "fix_me"]);
    run.expect_code(0).expect_contains("Look at the types.");
    assert!(!run.all().contains('\x1b'), "{:?}", run.all());
}

#[test]
fn the_welcome_message_reached_the_terminal_raw() {
    let course = Course::fixture("watch_course");
    // A one-exercise course, solved: `run` shows the welcome (first start)
    // and the final message (all done).
    let info = course.read("info.toml");
    let cut = info.find("[[exercises]]\nname = \"slow\"").unwrap();
    let info = edit(
        &info[..cut],
        "\"Welcome to the watch fixture.\"",
        "\"Welcome\\u001b]0;pwned\\u0007 to the \\u001b[2Jwatch fixture.\"",
    );
    let info = edit(
        &info,
        "\"Watch fixture finished.\"",
        "\"Watch fixture\\u001b]52;c;cHduZWQ=\\u0007 finished.\\u001bc\"",
    );
    course.write("info.toml", &info);
    course.write(
        "exercises/01_start/fix_me.rs",
        &course.read("solutions/01_start/fix_me.rs"),
    );
    let run = course.run(&["run"]);
    run.expect_code(0)
        .expect_contains("Welcome to the watch fixture.")
        .expect_contains("Watch fixture finished.");
    assert!(!run.all().contains('\x1b'), "{:?}", run.all());
}
