//! The repository's own course passes its authoring check: every shipped
//! exercise fails as it is and passes with its solution in place (strict
//! clippy, rustfmt), every recorded wrong answer (`wrong_answers/`) is
//! judged not done, with no stray files or missing targets. This builds
//! every chapter's dependencies (tokio, axum, embassy): minutes when cold.

mod common;

use std::path::Path;

use common::rustdrill;

#[test]
fn the_shipped_course_passes_dev_check() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = rustdrill(Path::new(root), &["dev", "check", "--course", root]);
    assert!(
        out.code == 0,
        "rustdrill dev check found problems in the course:\n{}\n{}",
        out.stdout,
        out.stderr
    );
}
