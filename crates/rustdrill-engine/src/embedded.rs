//! The course embedded in the binary (crate `rustdrill-course`), handed to
//! the engine once at start by `main`, so that the engine does not link
//! the data and an exercise edit does not rebuild it.

use std::path::Path;
use std::sync::OnceLock;

type Files = &'static [(&'static str, &'static [u8])];

static FILES: OnceLock<Files> = OnceLock::new();

/// Called once by the binary with the course it embeds.
pub fn install(files: Files) {
    let _ = FILES.set(files);
}

/// Every embedded file: (path relative to the course root, contents); none
/// when no course was installed (a library user, a unit test).
pub fn files() -> Files {
    FILES.get().copied().unwrap_or(&[])
}

/// One embedded file by its course-relative path.
pub fn file(path: &Path) -> Option<&'static [u8]> {
    let wanted = path.to_str()?.replace('\\', "/");
    files()
        .iter()
        .find(|(p, _)| *p == wanted)
        .map(|(_, bytes)| *bytes)
}
