//! The repository's course, embedded at build time (see build.rs): `reset`
//! restores originals without git, `init` writes a fresh course offline.
//! Only data: the engine reads it through `rustdrill_engine::embedded`,
//! which the binary hands these files to at start.

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_course.rs"));
}

/// Every embedded file: (path relative to the course root, contents).
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    files::FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Option<&'static [u8]> {
        files().iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
    }

    #[test]
    fn embeds_the_course() {
        assert!(file("info.toml").is_some());
        assert!(file("exercises/00_intro/intro1.rs").is_some());
        assert!(file("exercises/Cargo.lock").is_some());
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
