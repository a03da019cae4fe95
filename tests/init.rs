//! `rustdrill init`: the embedded course written to a new folder works with
//! `verify` and `run`, reveals solutions once solved, refuses a non-empty
//! folder, and nests inside a git repository and a cargo workspace.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::rustdrill;

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn init_writes_a_course_that_verify_and_run_accept() {
    let parent = tempfile::tempdir().unwrap();
    rustdrill(
        parent.path(),
        &["init", "course", "--all-tracks", "--no-fetch"],
    )
    .expect_code(0)
    .expect_contains("cd course")
    .expect_contains("rustdrill");
    let root = parent.path().join("course");
    for rel in [
        "info.toml",
        "exercises/Cargo.toml",
        "exercises/Cargo.lock",
        "exercises/00_intro/Cargo.toml",
        "exercises/00_intro/intro1.rs",
        "solutions/README.md",
    ] {
        assert!(root.join(rel).is_file(), "{rel} is written");
    }
    assert_eq!(
        fs::read_to_string(root.join("info.toml")).unwrap(),
        repo_file("info.toml")
    );
    let ignore = fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignore.contains("target/") && ignore.contains(".rustdrill/"));
    let settings = fs::read_to_string(root.join(".vscode/settings.json")).unwrap();
    assert!(settings.contains("\"rust-analyzer.cargo.targetDir\": true"));
    assert!(settings.contains("exercises/Cargo.toml"));
    assert!(
        !root.join("solutions/00_intro/intro1.rs").exists(),
        "no solution before the exercise is solved"
    );

    // verify accepts it: intro1 as shipped does not compile.
    let run = rustdrill(&root, &["verify", "--chapter", "00_intro"]);
    run.expect_code(1)
        .expect_contains("00_intro")
        .expect_contains("intro1 — compile error");

    // run accepts it; solving intro1 reveals its solution.
    rustdrill(&root, &["run", "intro1"]).expect_code(1);
    let solution = repo_file("solutions/00_intro/intro1.rs");
    fs::write(root.join("exercises/00_intro/intro1.rs"), &solution).unwrap();
    rustdrill(&root, &["run", "intro1"]).expect_code(0);
    assert_eq!(
        fs::read_to_string(root.join("solutions/00_intro/intro1.rs")).unwrap(),
        solution,
        "the solution appears once solved"
    );
    rustdrill(&root, &["solution", "intro1"])
        .expect_code(0)
        .expect_contains("solutions/00_intro/intro1.rs");
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("mine");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("notes.txt"), "keep me").unwrap();
    rustdrill(parent.path(), &["init", "mine", "--no-fetch"])
        .expect_code(2)
        .expect_contains("not empty");
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["notes.txt"], "nothing was written");
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn init_inside_a_git_repo_and_a_cargo_workspace_breaks_neither() {
    let outer = tempfile::tempdir().unwrap();
    let outer = outer.path();
    fs::write(
        outer.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = []\n",
    )
    .unwrap();
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(outer)
        .status();
    let has_git = git.is_ok_and(|s| s.success());

    rustdrill(outer, &["init", "learn", "--no-fetch"]).expect_code(0);
    let root = outer.join("learn");
    // exercises/Cargo.toml has its own [workspace]: cargo's upward search
    // stops there, so the outer workspace does not claim the chapters.
    rustdrill(&root, &["verify", "--chapter", "00_intro"])
        .expect_code(1)
        .expect_contains("intro1 — compile error");
    let outer_metadata = Command::new("cargo")
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(outer)
        .output()
        .unwrap();
    assert!(
        outer_metadata.status.success(),
        "the outer workspace still loads: {}",
        String::from_utf8_lossy(&outer_metadata.stderr)
    );
    if has_git {
        let status = Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=all"])
            .current_dir(outer)
            .output()
            .unwrap();
        let status = String::from_utf8_lossy(&status.stdout);
        assert!(
            !status.contains("target/"),
            "build output is ignored:\n{status}"
        );
        assert!(
            !status.contains(".rustdrill/"),
            "progress is ignored:\n{status}"
        );
        assert!(status.contains("learn/info.toml"), "{status}");
    }
}
