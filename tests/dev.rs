//! `rustdrill dev check` and `dev new`: each authoring mistake is caught and
//! named (one broken copy of a clean fixture per mistake), every problem is
//! reported rather than the first, and a clean or scaffolded course passes.
//! Recorded wrong answers (`wrong_answers/`) are built and judged: one
//! judged done, or failing to compile unannounced, fails the check.

mod common;

use std::fs;

use common::{Course, Run, rustdrill};

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

/// The fixture's `first1` tests, which every wrong answer to it keeps.
const FIRST1_TESTS: &str = "#[cfg(test)]\nmod tests {\n    #[test]\n    fn doubles() {\n        \
    assert_eq!(super::double(21), 42);\n    }\n}\n";

/// `first1` solved for the fixture's one example (21) and nothing else.
const HARD_CODED: &str = "// wrong: hard-codes the answer to the test's example\n\
    fn double(n: i32) -> i32 {\n    if n == 21 { 42 } else { n }\n}\n\n\
    fn main() {\n    println!(\"{}\", double(21));\n}\n\n";

/// `first1` with a type error in place of the fix.
fn not_compiling(first_line: &str) -> String {
    format!(
        "{first_line}\nfn double(n: i32) -> i32 {{\n    n * 2.0\n}}\n\n\
         fn main() {{\n    println!(\"{{}}\", double(21));\n}}\n\n{FIRST1_TESTS}"
    )
}

const FIRST1_WRONG: &str = "wrong_answers/01_first/first1.1.rs";

fn with_wrong_answer(text: &str) -> Course {
    let course = Course::fixture("authoring");
    fs::create_dir_all(course.path("wrong_answers/01_first")).unwrap();
    course.write(FIRST1_WRONG, text);
    course
}

fn hard_coded() -> String {
    format!("{HARD_CODED}{FIRST1_TESTS}")
}

#[test]
fn a_wrong_answer_judged_done_fails_naming_its_file_and_mistake() {
    let run = dev_check(&with_wrong_answer(&hard_coded()));
    run.expect_code(1)
        .expect_contains(&format!("{FIRST1_WRONG}:1: exercise `first1`: judged done"))
        .expect_contains("hard-codes the answer to the test's example")
        .expect_contains("1 recorded wrong answer(s) built and judged in one pass");
}

#[test]
fn a_wrong_answer_could_not_read_a_file_beside_its_exercise() {
    // What an exercise reads relative to its own file (`include_str!`, a
    // migrations folder) is beside its wrong answers too: this one compiles,
    // so its hard-coded answer is what dev check reports.
    let text = HARD_CODED.replacen(
        "fn main() {\n",
        "fn main() {\n    println!(\"{}\", include_str!(\"README.md\").len());\n",
        1,
    );
    dev_check(&with_wrong_answer(&format!("{text}{FIRST1_TESTS}")))
        .expect_code(1)
        .expect_contains(&format!("{FIRST1_WRONG}:1: exercise `first1`: judged done"));
}

#[test]
fn a_wrong_answer_that_does_not_compile_unannounced_fails() {
    let course = with_wrong_answer(&not_compiling("// wrong: multiplies by a float"));
    dev_check(&course)
        .expect_code(1)
        .expect_contains(&format!(
            "{FIRST1_WRONG}:1: exercise `first1`: does not compile"
        ))
        .expect_contains("// wrong (compile):");
}

#[test]
fn a_wrong_answer_marked_compile_passes_when_it_does_not_compile() {
    let course = with_wrong_answer(&not_compiling(
        "// wrong (compile): multiplies an integer by a float",
    ));
    dev_check(&course).expect_code(0).expect_contains(
        "2 exercise(s) fail as shipped and pass solved, 1 wrong answer(s) judged not done",
    );
}

#[test]
fn a_wrong_answer_without_its_wrong_line_fails_statically() {
    // The hard-coded answer would also be judged done: the static problem
    // is reported with it, at the file's first line.
    let text = HARD_CODED.replacen(
        "// wrong: hard-codes the answer to the test's example\n",
        "",
        1,
    );
    caught(
        |c| {
            fs::create_dir_all(c.path("wrong_answers/01_first")).unwrap();
            c.write(FIRST1_WRONG, &text);
            c.write("wrong_answers/01_first/nobody.1.rs", "// wrong: x\n");
        },
        &[
            &format!("{FIRST1_WRONG}:1: the first line must say what is wrong: `// wrong: <what>`"),
            "wrong_answers/01_first/nobody.1.rs:1: no exercise `nobody`",
        ],
    );
}

#[test]
fn a_wrong_answer_with_weaker_tests_than_the_exercise_fails_statically() {
    // An old copy of the tests, from before they were strengthened.
    let weaker = hard_coded().replace("assert_eq!(super::double(21), 42);", "");
    caught(
        |c| {
            fs::create_dir_all(c.path("wrong_answers/01_first")).unwrap();
            c.write(FIRST1_WRONG, &weaker);
        },
        &[
            &format!("{FIRST1_WRONG}:14: exercise `first1`: its tests differ"),
            "exercises/01_first/first1.rs",
        ],
    );
}

#[test]
fn init_does_not_copy_wrong_answers_to_learners() {
    let course = with_wrong_answer(&hard_coded());
    let parent = tempfile::tempdir().unwrap();
    let from = course.root().to_str().unwrap().to_owned();
    rustdrill(
        parent.path(),
        &["init", "learner", "--no-fetch", "--from", &from],
    )
    .expect_code(0);
    let learner = parent.path().join("learner");
    assert!(learner.join("exercises/01_first/first1.rs").is_file());
    assert!(
        !learner.join("wrong_answers").exists(),
        "wrong answers are for authors"
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
    rustdrill(parent.path(), &["dev", "new", &dir])
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
