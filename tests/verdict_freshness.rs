//! A verdict describes the files as they are on disk now: no false pass
//! from file times (cargo judges freshness by mtime), none from the verdict
//! cache (its key covers every file the build read, from cargo's
//! dep-info), and no failure that may be by chance kept as cached. Each
//! test is named after the defect it pins down; the last one drives random
//! (seeded) sequences of edits and checks every command against what the
//! files really are.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{Course, Run};

/// The exercise `ex` of the fixture below passes exactly when its own file,
/// the chapter's support library, the migration the library reads with
/// `include_str!` and the data file the exercise reads with `include_str!`
/// are all the good versions.
const EX_GOOD: &str = r#"// TODO: nothing, it passes.
const DATA: &str = include_str!("data.txt");

fn main() {
    println!("{} {}", ch::answer(), DATA.trim());
}

#[cfg(test)]
mod tests {
    #[test]
    fn answer_is_42() {
        assert_eq!(ch::answer(), 42, "the support library's answer");
    }

    #[test]
    fn data_is_good() {
        assert_eq!(super::DATA.trim(), "good", "data.txt");
    }

    #[test]
    fn the_migration_creates_a_table() {
        assert!(ch::MIGRATION.contains("create table"), "migrations/001.sql");
    }
}
"#;

/// Does not compile (and is not the same length as the good file).
const EX_BROKEN: &str = r#"// TODO: fix the type.
fn main() {
    let n: i32 = "forty-two";
    println!("{n}");
}
"#;

/// Compiles, but its test fails.
const EX_WRONG: &str = r#"// TODO: nothing, it passes.
const DATA: &str = include_str!("data.txt");

fn main() {
    println!("{} {}", ch::answer(), DATA.trim());
}

#[cfg(test)]
mod tests {
    #[test]
    fn answer_is_43() {
        assert_eq!(ch::answer(), 43, "a wrong expectation");
    }
}
"#;

const SUPPORT_GOOD: &str = "//! Shared by the chapter.\npub fn answer() -> i32 {\n    42\n}\n\npub const MIGRATION: &str = include_str!(\"migrations/001.sql\");\n";
const SUPPORT_BAD: &str = "//! Shared by the chapter.\npub fn answer() -> i32 {\n    41\n}\n\npub const MIGRATION: &str = include_str!(\"migrations/001.sql\");\n";
const MIGRATION_GOOD: &str = "create table todo (id integer primary key);\n";
const MIGRATION_BAD: &str = "drop table todo;\n";
const DATA_GOOD: &str = "good\n";
const DATA_BAD: &str = "bad!\n";

/// Fails its test while a file named `unlucky` is in the chapter's folder:
/// a stand-in for a test that fails by chance (timing, randomness, the
/// machine).
const FLAKY: &str = r#"// TODO: nothing, it passes.
fn main() {}

#[cfg(test)]
mod tests {
    #[test]
    fn passes_unless_unlucky() {
        assert!(!std::path::Path::new("unlucky").exists(), "unlucky this time");
    }
}
"#;

const EX: &str = "exercises/01_ch/ex.rs";
const SUPPORT: &str = "exercises/01_ch/support.rs";
const MIGRATION: &str = "exercises/01_ch/migrations/001.sql";
const DATA: &str = "exercises/01_ch/data.txt";
const MANIFEST: &str = "exercises/01_ch/Cargo.toml";

const CHAPTER_MANIFEST: &str = r#"[package]
name = "ch"
version = "0.0.0"
edition = "2024"
publish = false
autobins = false

[lib]
path = "support.rs"

[[bin]]
name = "ex"
path = "ex.rs"

[[bin]]
name = "flaky"
path = "flaky.rs"
"#;

/// A one-chapter course: `ex` (reads the support library, a migration
/// through it, and a data file) and `flaky`, every file in its good version.
fn course() -> Course {
    let course = Course {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    for dir in ["exercises/01_ch/migrations", "solutions/01_ch"] {
        fs::create_dir_all(course.path(dir)).expect("create dir");
    }
    let files = [
        (
            "info.toml",
            "format_version = 1\n\n[[exercises]]\nname = \"ex\"\ndir = \"01_ch\"\nhint = \"Look at the support file.\"\n\n[[exercises]]\nname = \"flaky\"\ndir = \"01_ch\"\nhint = \"Try again.\"\n",
        ),
        (
            "exercises/Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"01_ch\"]\n",
        ),
        (MANIFEST, CHAPTER_MANIFEST),
        (EX, EX_GOOD),
        ("exercises/01_ch/flaky.rs", FLAKY),
        (SUPPORT, SUPPORT_GOOD),
        (MIGRATION, MIGRATION_GOOD),
        (DATA, DATA_GOOD),
        ("solutions/01_ch/ex.rs", EX_GOOD),
        ("solutions/01_ch/flaky.rs", FLAKY),
    ];
    for (path, text) in files {
        course.write(path, text);
    }
    course
}

/// Writes `text` to `rel` and gives it the modification time `mtime`, as
/// `cp -p`, `rsync -t` or an archive restore do.
fn write_with_mtime(course: &Course, rel: &str, text: &str, mtime: SystemTime) {
    course.write(rel, text);
    set_mtime(&course.path(rel), mtime);
}

fn set_mtime(path: &Path, mtime: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(mtime))
        .unwrap_or_else(|e| panic!("set mtime of {}: {e}", path.display()));
}

/// 2020-01-01 plus `secs`: older than any build of the test.
fn long_ago(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800 + secs)
}

/// Runs `verify --json` and asserts `name`'s (passed, cached).
fn verify_says(course: &Course, name: &str, expected: (bool, bool)) {
    let verify = course.run(&["verify", "--json"]);
    assert_eq!(verify_entry(&verify, name), expected, "{}", verify.all());
}

/// `verify --json`'s entry for `name`: (passed, cached).
fn verify_entry(run: &Run, name: &str) -> (bool, bool) {
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("verify --json printed no JSON ({e}):\n{}", run.all()));
    let entry = json["exercises"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["name"] == name))
        .unwrap_or_else(|| panic!("no entry for {name}: {json}"));
    (entry["status"] == "done", entry["cached"] == true)
}

#[test]
fn a_broken_file_with_an_older_mtime_passed() {
    let course = course();
    course.run(&["run", "ex"]).expect_code(0);
    // The broken file is copied in with the time it had elsewhere.
    write_with_mtime(&course, EX, EX_BROKEN, long_ago(0));
    course
        .run(&["run", "ex"])
        .expect_code(1)
        .expect_contains("mismatched types");
    course
        .run(&["verify", "--no-cache"])
        .expect_code(1)
        .expect_contains("mismatched types");
    // The learner's file is untouched but for its time.
    assert_eq!(course.read(EX), EX_BROKEN);
    // And the good file restored the same way passes again.
    write_with_mtime(&course, EX, EX_GOOD, long_ago(1));
    course.run(&["run", "ex"]).expect_code(0);
}

#[test]
fn a_target_dir_without_a_record_was_trusted() {
    // Outputs rustdrill has no record of (built by an older rustdrill, or
    // by another tool) are not trusted: a file older than them that is not
    // what they were built from is compiled again.
    let course = course();
    course.run(&["run", "ex"]).expect_code(0);
    // What a target dir built before the record existed looks like.
    let _ = fs::remove_dir_all(course.path("exercises/target/rustdrill"));
    write_with_mtime(&course, EX, EX_BROKEN, long_ago(0));
    course
        .run(&["run", "ex"])
        .expect_code(1)
        .expect_contains("mismatched types");
}

#[test]
fn an_older_support_file_kept_the_old_library() {
    // The same through the chapter's library: a support file restored with
    // an old time must be compiled again, and so must what links it.
    let course = course();
    course.run(&["run", "ex"]).expect_code(0);
    write_with_mtime(&course, SUPPORT, SUPPORT_BAD, long_ago(0));
    course
        .run(&["run", "ex"])
        .expect_code(1)
        .expect_contains("the support library's answer");
}

#[test]
fn a_changed_support_file_kept_a_cached_pass() {
    let course = course();
    course.run(&["verify"]).expect_code(0);
    course.write(SUPPORT, SUPPORT_BAD);
    verify_says(&course, "ex", (false, false));
    course
        .run(&["run", "ex"])
        .expect_code(1)
        .expect_contains("the support library's answer");
}

#[test]
fn a_changed_migration_kept_a_cached_pass() {
    let course = course();
    course.run(&["verify"]).expect_code(0);
    course.write(MIGRATION, MIGRATION_BAD);
    verify_says(&course, "ex", (false, false));
    // And back: the pass is computed again, not a stale failure.
    course.write(MIGRATION, MIGRATION_GOOD);
    let verify = course.run(&["verify", "--json"]);
    assert!(verify_entry(&verify, "ex").0, "{}", verify.all());
}

#[test]
fn an_include_str_file_change_kept_a_cached_pass() {
    let course = course();
    course.run(&["run", "ex"]).expect_code(0);
    course.write(DATA, DATA_BAD);
    verify_says(&course, "ex", (false, false));
}

#[test]
fn a_flaky_test_failure_was_cached() {
    let course = course();
    course.write("exercises/01_ch/unlucky", "");
    let verify = course.run(&["verify", "--json"]);
    verify.expect_code(1);
    assert_eq!(verify_entry(&verify, "flaky"), (false, false));
    // The same files, luckier this time: the failure is not reused.
    fs::remove_file(course.path("exercises/01_ch/unlucky")).unwrap();
    verify_says(&course, "flaky", (true, false));
}

#[test]
fn an_unchanged_course_still_reuses_its_verdicts() {
    // What stays cacheable stays cached: a pass and a compile error.
    let course = course();
    course.write("solutions/01_ch/flaky.rs", FLAKY);
    course.write(
        "exercises/01_ch/flaky.rs",
        "fn main() { let x: i32 = \"\"; }\n",
    );
    course.run(&["verify"]).expect_code(1);
    let verify = course.run(&["verify", "--json"]);
    assert_eq!(
        verify_entry(&verify, "ex"),
        (true, true),
        "{}",
        verify.all()
    );
    assert_eq!(
        verify_entry(&verify, "flaky"),
        (false, true),
        "{}",
        verify.all()
    );
}

#[test]
fn a_file_added_to_a_build_scripts_folder_kept_a_cached_pass() {
    // A build script that reads a folder (`rerun-if-changed=migrations`):
    // what the exercise sees depends on every file in it.
    let course = course();
    let manifest = CHAPTER_MANIFEST.replace(
        "publish = false\n",
        "publish = false\nbuild = \"build.rs\"\n",
    );
    course.write(MANIFEST, &manifest);
    course.write(
        "exercises/01_ch/build.rs",
        r#"fn main() {
    println!("cargo::rerun-if-changed=migrations");
    let n = std::fs::read_dir("migrations").map(|d| d.count()).unwrap_or(0);
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("count.rs");
    std::fs::write(out, format!("pub const MIGRATIONS: usize = {n};")).unwrap();
}
"#,
    );
    course.write(
        "exercises/01_ch/flaky.rs",
        r#"// TODO: nothing, it passes.
include!(concat!(env!("OUT_DIR"), "/count.rs"));

fn main() {
    println!("{MIGRATIONS}");
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_migration() {
        assert_eq!(super::MIGRATIONS, 1, "one migration");
    }
}
"#,
    );
    course.run(&["verify"]).expect_code(0);
    // A second migration, restored from an archive with an old time.
    write_with_mtime(
        &course,
        "exercises/01_ch/migrations/002.sql",
        "create table more (id integer);\n",
        long_ago(0),
    );
    verify_says(&course, "flaky", (false, false));
    course
        .run(&["run", "flaky"])
        .expect_code(1)
        .expect_contains("one migration");
}

/// A small seeded PRNG (xorshift64*): the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

#[test]
fn random_edits_and_file_times_never_fool_run_or_verify() {
    // Random sequences of edits — content good or bad, written with a new
    // or an old time, to the exercise, its support file, a migration, a
    // data file, the manifest — each followed by `run`, `verify` or
    // `verify --no-cache`, which must say what the files really are.
    let seed = std::env::var("RUSTDRILL_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026_u64);
    let steps: usize = std::env::var("RUSTDRILL_PROPTEST_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24);
    let mut rng = Rng(seed | 1);
    let course = course();
    // What each file holds now: (path, good version, bad versions, is good).
    let mut ex_good = true;
    let mut support_good = true;
    let mut migration_good = true;
    let mut data_good = true;
    let mut manifest_edits = 0;
    let mut log = Vec::new();
    for step in 0..steps {
        let old = rng.below(2) == 0;
        let mtime = if old {
            long_ago(step as u64)
        } else {
            SystemTime::now()
        };
        let edit = match rng.below(5) {
            0 => {
                let (text, good, what) = match rng.below(3) {
                    0 => (EX_GOOD, true, "good"),
                    1 => (EX_BROKEN, false, "broken"),
                    _ => (EX_WRONG, false, "wrong test"),
                };
                write_with_mtime(&course, EX, text, mtime);
                ex_good = good;
                format!("exercise {what}")
            }
            1 => {
                support_good = rng.below(2) == 0;
                let text = if support_good {
                    SUPPORT_GOOD
                } else {
                    SUPPORT_BAD
                };
                write_with_mtime(&course, SUPPORT, text, mtime);
                format!("support good={support_good}")
            }
            2 => {
                migration_good = rng.below(2) == 0;
                let text = if migration_good {
                    MIGRATION_GOOD
                } else {
                    MIGRATION_BAD
                };
                write_with_mtime(&course, MIGRATION, text, mtime);
                format!("migration good={migration_good}")
            }
            3 => {
                data_good = rng.below(2) == 0;
                let text = if data_good { DATA_GOOD } else { DATA_BAD };
                write_with_mtime(&course, DATA, text, mtime);
                format!("data good={data_good}")
            }
            _ => {
                manifest_edits += 1;
                let text = format!("{CHAPTER_MANIFEST}\n# edit {manifest_edits}\n");
                write_with_mtime(&course, MANIFEST, &text, mtime);
                "manifest comment".to_owned()
            }
        };
        // The data file is read by the exercise's good version only.
        let expected = support_good && migration_good && ex_good && data_good;
        let command: &[&str] = match rng.below(3) {
            0 => &["run", "ex"],
            1 => &["verify", "--json"],
            _ => &["verify", "--json", "--no-cache"],
        };
        log.push(format!(
            "step {step}: {edit} ({}) then {command:?}, expecting {}",
            if old { "old time" } else { "new time" },
            if expected { "pass" } else { "fail" }
        ));
        let run = course.run(command);
        let passed = if command[0] == "run" {
            assert!(
                matches!(run.code, 0 | 1),
                "{}\n{}",
                log.join("\n"),
                run.all()
            );
            run.code == 0
        } else {
            verify_entry(&run, "ex").0
        };
        assert_eq!(
            passed,
            expected,
            "seed {seed}:\n{}\n--- output\n{}",
            log.join("\n"),
            run.all()
        );
    }
}
