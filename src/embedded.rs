//! The repository's course, embedded in the binary at build time (see
//! build.rs): `reset` restores originals without git, `init` writes a fresh
//! course offline.

use std::path::Path;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_course.rs"));
}

/// Every embedded file: (path relative to the course root, contents).
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    files::FILES
}

/// One embedded file by its course-relative path.
pub fn file(path: &Path) -> Option<&'static [u8]> {
    let wanted = path.to_str()?.replace('\\', "/");
    files::FILES
        .iter()
        .find(|(p, _)| *p == wanted)
        .map(|(_, bytes)| *bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_the_course() {
        assert!(file(Path::new("info.toml")).is_some());
        assert!(file(Path::new("exercises/00_intro/intro1.rs")).is_some());
        assert!(file(Path::new("exercises/Cargo.lock")).is_some());
        assert!(files().iter().all(|(p, _)| !p.contains("/target/")));
        // Recorded wrong answers are for the course's authors (`dev check`
        // reads them from the folder), never a learner's.
        assert!(
            files()
                .iter()
                .all(|(p, _)| !p.starts_with("wrong_answers/"))
        );
    }
}
