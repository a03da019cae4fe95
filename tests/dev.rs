//! `rustdrill dev check` and `dev new`: each authoring mistake is caught and
//! named (one broken copy of a clean fixture per mistake), every problem is
//! reported rather than the first, and a clean or scaffolded course passes.

mod common;

use std::fs;

use common::{Course, Run};

const CHAPTER: &str = "exercises/01_first";

fn dev_check(course: &Course) -> Run {
    course.run(&["dev", "check"])
}

/// The clean fixture with one mistake made by `mistake`; `dev check` must
/// fail and say every one of `needles`.
#[track_caller]
fn caught(mistake: impl FnOnce(&Course), needles: &[&str]) {
    let course = Course::fixture("authoring");
    mistake(&course);
    let run = dev_check(&course);
    run.expect_code(1);
    for needle in needles {
        run.expect_contains(needle);
    }
}

fn edit(course: &Course, rel: &str, from: &str, to: &str) {
    let text = course.read(rel);
    assert!(text.contains(from), "{rel} contains {from:?}");
    course.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn clean_course_passes() {
    let course = Course::fixture("authoring");
    dev_check(&course)
        .expect_code(0)
        .expect_contains("2 exercise(s) fail as shipped and pass solved");
}

#[test]
fn unknown_key_in_info_toml() {
    caught(
        |c| {
            edit(
                c,
                "info.toml",
                "test = false\n",
                "test = false\nhint2 = \"x\"\n",
            )
        },
        &["info.toml", "first2", "hint2", "unknown key"],
    );
}

#[test]
fn invalid_exercise_name() {
    caught(
        |c| edit(c, "info.toml", "name = \"first2\"", "name = \"First-2\""),
        &["info.toml", "First-2"],
    );
}

#[test]
fn duplicate_exercise_name() {
    caught(
        |c| edit(c, "info.toml", "name = \"first2\"", "name = \"first1\""),
        &["info.toml", "first1"],
    );
}

#[test]
fn bin_target_without_exercise() {
    caught(
        |c| {
            c.write(&format!("{CHAPTER}/extra.rs"), "fn main() {}\n");
            let manifest = format!("{CHAPTER}/Cargo.toml");
            let text = c.read(&manifest);
            c.write(
                &manifest,
                &format!("{text}\n[[bin]]\nname = \"extra\"\npath = \"extra.rs\"\n"),
            );
        },
        &[
            "exercises/01_first/Cargo.toml",
            "bin target `extra`",
            "no exercise",
        ],
    );
}

#[test]
fn exercise_without_bin_target() {
    caught(
        |c| {
            edit(
                c,
                &format!("{CHAPTER}/Cargo.toml"),
                "[[bin]]\nname = \"first2\"\npath = \"first2.rs\"\n",
                "",
            )
        },
        &[
            "exercises/01_first/first2.rs",
            "first2",
            "no cargo bin target",
        ],
    );
}

#[test]
fn missing_todo() {
    caught(
        |c| {
            edit(
                c,
                &format!("{CHAPTER}/first1.rs"),
                "// TODO: return twice `n`",
                "// twice",
            )
        },
        &["exercises/01_first/first1.rs", "`first1`", "// TODO"],
    );
}

#[test]
fn test_attribute_but_test_false() {
    caught(
        |c| {
            edit(
                c,
                "info.toml",
                "name = \"first1\"\n",
                "name = \"first1\"\ntest = false\n",
            )
        },
        &["exercises/01_first/first1.rs", "`first1`", "test = false"],
    );
}

#[test]
fn test_true_but_no_tests() {
    caught(
        |c| edit(c, "info.toml", "test = false\n", ""),
        &["exercises/01_first/first2.rs", "`first2`", "no `#[test]`"],
    );
}

#[test]
fn stray_files() {
    caught(
        |c| {
            c.write(&format!("{CHAPTER}/draft.rs"), "fn main() {}\n");
            c.write("solutions/01_first/old.rs", "fn main() {}\n");
        },
        &[
            "exercises/01_first/draft.rs: stray file",
            "solutions/01_first/old.rs: stray file",
        ],
    );
}

#[test]
fn missing_solution() {
    caught(
        |c| fs::remove_file(c.path("solutions/01_first/first2.rs")).unwrap(),
        &["solutions/01_first/first2.rs", "`first2`", "no solution"],
    );
}

#[test]
fn missing_lock_file() {
    caught(
        |c| fs::remove_file(c.path("exercises/Cargo.lock")).unwrap(),
        &["exercises/Cargo.lock: missing", "cargo generate-lockfile"],
    );
}

#[test]
fn lock_file_out_of_date() {
    // A new workspace member that the lock file does not know yet.
    caught(
        |c| {
            edit(
                c,
                "exercises/Cargo.lock",
                "name = \"first\"",
                "name = \"renamed\"",
            );
        },
        &[
            "exercises/Cargo.lock: out of date",
            "cargo update --workspace",
        ],
    );
}

#[test]
fn empty_hint() {
    caught(
        |c| {
            edit(
                c,
                "info.toml",
                "hints = [\"Return Ok(()).\"]",
                "hints = [\"  \"]",
            )
        },
        &["info.toml", "`first2`", "empty hint"],
    );
}

#[test]
fn exercise_passes_unsolved() {
    caught(
        |c| {
            let solved = c.read("solutions/01_first/first1.rs");
            c.write(&format!("{CHAPTER}/first1.rs"), &solved);
        },
        &[
            "exercises/01_first/first1.rs",
            "`first1`",
            "passes as shipped",
        ],
    );
}

#[test]
fn exercise_that_hangs_unsolved() {
    caught(
        |c| {
            edit(
                c,
                "info.toml",
                "dir = \"01_first\"\nhint = \"Multiply",
                "dir = \"01_first\"\ntimeout_secs = 1\nhint = \"Multiply",
            );
            edit(
                c,
                &format!("{CHAPTER}/first1.rs"),
                "    // TODO: return twice `n`\n    n\n",
                "    // TODO: return twice `n`\n    #[allow(clippy::empty_loop)]\n    loop {}\n",
            );
        },
        &[
            "exercises/01_first/first1.rs",
            "`first1`",
            "times out as shipped (after 1 s)",
        ],
    );
}

#[test]
fn skip_check_unsolved_allows_it() {
    let course = Course::fixture("authoring");
    let solved = course.read("solutions/01_first/first1.rs");
    course.write(&format!("{CHAPTER}/first1.rs"), &solved);
    edit(
        &course,
        "info.toml",
        "name = \"first1\"\n",
        "name = \"first1\"\nskip_check_unsolved = true\n",
    );
    dev_check(&course).expect_code(0);
}

#[test]
fn solution_that_fails() {
    caught(
        |c| edit(c, "solutions/01_first/first1.rs", "n * 2", "n * 3"),
        &[
            "solutions/01_first/first1.rs",
            "`first1`",
            "does not pass",
            "test failed",
        ],
    );
}

#[test]
fn solution_with_a_clippy_warning_fails_strictly() {
    caught(
        |c| {
            edit(
                c,
                "solutions/01_first/first2.rs",
                "    Ok(())\n",
                "    return Ok(());\n",
            )
        },
        &["solutions/01_first/first2.rs", "`first2`", "clippy"],
    );
}

#[test]
fn solution_not_rustfmt_formatted() {
    caught(
        |c| {
            edit(
                c,
                "solutions/01_first/first2.rs",
                "    Ok(())",
                "    Ok(  ()  )",
            )
        },
        &["solutions/01_first/first2.rs", "`first2`", "rustfmt"],
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    caught(
        |c| {
            edit(
                c,
                &format!("{CHAPTER}/first1.rs"),
                "// TODO: return twice `n`",
                "// twice",
            );
            fs::remove_file(c.path("solutions/01_first/first2.rs")).unwrap();
            c.write(&format!("{CHAPTER}/draft.rs"), "fn main() {}\n");
        },
        &["// TODO", "no solution", "stray file", "3 problem(s) found"],
    );
}

#[test]
fn dev_new_scaffolds_a_course_that_passes_dev_check() {
    let parent = tempfile::tempdir().unwrap();
    let course = Course {
        dir: tempfile::TempDir::new_in(parent.path()).unwrap(),
    };
    fs::remove_dir(course.root()).unwrap();
    let dir = course.root().to_str().unwrap().to_owned();
    Run::from(
        std::process::Command::new(common::BIN)
            .args(["dev", "new", &dir])
            .env("NO_COLOR", "1")
            .output()
            .unwrap(),
    )
    .expect_code(0)
    .expect_contains("dev check");
    for rel in [
        "info.toml",
        "README.md",
        "exercises/Cargo.toml",
        "exercises/Cargo.lock",
        "exercises/00_start/Cargo.toml",
        "exercises/00_start/start1.rs",
        "solutions/00_start/start1.rs",
    ] {
        assert!(course.path(rel).is_file(), "{rel}");
    }
    assert!(
        course.read("info.toml").contains("# "),
        "info.toml is commented"
    );
    dev_check(&course)
        .expect_code(0)
        .expect_contains("1 exercise(s) fail as shipped and pass solved");
    // And a learner can start on it.
    course
        .run(&["run"])
        .expect_code(1)
        .expect_contains("start1");
}

#[test]
fn dev_new_refuses_a_non_empty_folder() {
    let course = Course::fixture("authoring");
    course
        .run(&["dev", "new", "."])
        .expect_code(2)
        .expect_contains("not empty");
}
