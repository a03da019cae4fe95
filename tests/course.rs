//! The repository's own course passes its authoring check: every shipped
//! exercise fails as it is and passes with its solution in place (strict
//! clippy, rustfmt), every recorded wrong answer (`wrong_answers/`) is
//! judged not done, with no stray files or missing targets. This builds
//! every chapter's dependencies (tokio, axum, embassy): minutes when cold.

use std::process::Command;

#[test]
fn the_shipped_course_passes_dev_check() {
    let out = Command::new(env!("CARGO_BIN_EXE_rustdrill"))
        .args(["dev", "check", "--course", env!("CARGO_MANIFEST_DIR")])
        .env("NO_COLOR", "1")
        .env_remove("RUSTDRILL_COURSE")
        .output()
        .expect("rustdrill starts");
    assert!(
        out.status.success(),
        "rustdrill dev check found problems in the course:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
