//! `rustdrill verify`: verdicts of a whole course in one go, grouped by
//! chapter, cached across runs, and a JSON shape that matches docs/json.md.

mod common;

use std::collections::BTreeMap;

use common::Course;
use serde::Deserialize;

/// Each exercise of tests/fixtures/verify_mixed as shipped: verdict kind and
/// a piece of its first message.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("ok_tested", "pass", ""),
    ("ok_untested", "pass", ""),
    ("broken_build", "compile_error", "mismatched types"),
    // Only their test code is broken: `cargo test --no-run` stops at the
    // first such failure, and neither may hide the other or `ok_after`.
    ("broken_tests_a", "compile_error", "takes 0 arguments"),
    ("broken_tests_b", "compile_error", "takes 0 arguments"),
    ("fails_test", "test_failed", "four is 4"),
    ("hangs", "timed_out", "timed out"),
    ("ok_after", "pass", ""),
];

/// The documented `verify --json` shape (docs/json.md), strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyJson {
    course: String,
    toolchain: String,
    done: usize,
    total: usize,
    exercises: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    chapter: Option<String>,
    status: Status,
    verdict: Kind,
    first_message: Option<String>,
    #[allow(dead_code)] // Present and a number is all the schema promises.
    duration_ms: u64,
    cached: bool,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Status {
    Done,
    NotDone,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Pass,
    CompileError,
    TestFailed,
    Clippy,
    RunFailed,
    TimedOut,
}

fn verify_json(course: &Course, args: &[&str]) -> (i32, VerifyJson) {
    let mut all = vec!["verify", "--json"];
    all.extend_from_slice(args);
    // One job: cargo then surely reaches a broken test build before the
    // others, which is when a missing keep-going would hide them.
    let run = course.rustdrill(&all).env("CARGO_BUILD_JOBS", "1").run();
    let parsed = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "verify --json does not match the documented shape: {e}\n{}\n{}",
            run.stdout, run.stderr
        )
    });
    (run.code, parsed)
}

fn by_name(json: &VerifyJson) -> BTreeMap<&str, &Entry> {
    json.exercises
        .iter()
        .map(|e| (e.name.as_str(), e))
        .collect()
}

#[test]
fn mixed_course_gets_each_verdict_and_exit_1() {
    let course = Course::fixture("verify_mixed");
    let (code, json) = verify_json(&course, &[]);
    assert_eq!(code, 1, "some exercises are not done");
    assert!(json.toolchain.starts_with("rustc "), "{}", json.toolchain);
    assert!(!json.course.is_empty());
    assert_eq!(json.total, EXPECTED.len());
    assert_eq!(json.done, 3);
    let names: Vec<&str> = json.exercises.iter().map(|e| e.name.as_str()).collect();
    let expected_names: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(names, expected_names, "course order");
    for (entry, (name, kind, message)) in json.exercises.iter().zip(EXPECTED) {
        let kind: Kind = serde_json::from_value(serde_json::json!(kind)).unwrap();
        assert_eq!(entry.verdict, kind, "{name}");
        assert!(!entry.cached, "{name}: first verify computes everything");
        if kind == Kind::Pass {
            assert_eq!(entry.status, Status::Done, "{name}");
            assert_eq!(entry.first_message, None, "{name}");
        } else {
            assert_eq!(entry.status, Status::NotDone, "{name}");
            let first = entry.first_message.as_deref().unwrap_or("");
            assert!(
                first.contains(message),
                "{name}: {first:?} lacks {message:?}"
            );
        }
    }
    let chapters = by_name(&json);
    assert_eq!(chapters["ok_tested"].chapter.as_deref(), Some("01_ok"));
    assert_eq!(chapters["hangs"].chapter.as_deref(), Some("02_mixed"));
}

#[test]
fn text_report_is_grouped_by_chapter_and_records_done() {
    let course = Course::fixture("verify_mixed");
    let run = course.run(&["verify"]);
    run.expect_code(1);
    let out = &run.stdout;
    let ok = out.find("01_ok").expect("chapter 01_ok");
    let mixed = out.find("02_mixed").expect("chapter 02_mixed");
    let ok_tested = out.find("ok_tested").unwrap();
    let ok_after = out.find("ok_after").unwrap();
    assert!(
        ok < ok_tested && ok_tested < mixed && mixed < ok_after,
        "{out}"
    );
    run.expect_contains("broken_build — compile error: [E0308] mismatched types")
        .expect_contains("fails_test — test failed")
        .expect_contains("3/8 done");

    // Passing exercises are now done for every other command.
    let list: serde_json::Value =
        serde_json::from_str(&course.run(&["list", "--json"]).stdout).unwrap();
    let done: Vec<&str> = list["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["done"] == true)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(done, ["ok_tested", "ok_untested", "ok_after"]);
}

#[test]
fn unchanged_exercises_come_from_the_cache_and_a_change_is_noticed() {
    let course = Course::fixture("verify_mixed");
    verify_json(&course, &[]);

    let (code, json) = verify_json(&course, &[]);
    assert_eq!(code, 1);
    for e in &json.exercises {
        // A timeout may come from a busy machine, a failing test may fail
        // by chance: both are always re-checked (docs/course-format.md,
        // "What is cached").
        let should_cache = !matches!(e.name.as_str(), "hangs" | "fails_test");
        assert_eq!(e.cached, should_cache, "{}", e.name);
    }
    assert_eq!(json.done, 3, "cached verdicts keep their status");

    // Fix one exercise: only it is checked again, and it is now done.
    let fixed = course
        .read("exercises/02_mixed/fails_test.rs")
        .replace("    3\n", "    4\n");
    course.write("exercises/02_mixed/fails_test.rs", &fixed);
    let (_, json) = verify_json(&course, &[]);
    let e = by_name(&json);
    assert!(!e["fails_test"].cached);
    assert_eq!(e["fails_test"].status, Status::Done);
    assert!(e["broken_build"].cached && e["ok_after"].cached);

    // A manifest change invalidates the exercises it builds.
    let manifest = course.read("exercises/01_ok/Cargo.toml");
    course.write(
        "exercises/01_ok/Cargo.toml",
        &format!("{manifest}\n# touched\n"),
    );
    let (_, json) = verify_json(&course, &[]);
    let e = by_name(&json);
    assert!(!e["ok_tested"].cached && !e["ok_untested"].cached);
    assert!(e["broken_build"].cached);

    // --no-cache checks everything.
    let (_, json) = verify_json(&course, &["--no-cache"]);
    assert!(json.exercises.iter().all(|e| !e.cached));
}

#[test]
fn one_chapter_can_be_verified_alone() {
    let course = Course::fixture("verify_mixed");
    let (code, json) = verify_json(&course, &["--chapter", "01_ok"]);
    assert_eq!(code, 0, "every exercise of 01_ok is done");
    let names: Vec<&str> = json.exercises.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["ok_tested", "ok_untested"]);

    course
        .run(&["verify", "--chapter", "03_nope"])
        .expect_code(2)
        .expect_contains("03_nope")
        .expect_contains("01_ok, 02_mixed");
}
