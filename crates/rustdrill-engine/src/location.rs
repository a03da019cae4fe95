//! A place in a source file, as the compiler points at one: kept typed from
//! cargo's JSON to the screen, and written `file:line:column` (the form
//! editors and terminals open) only when shown.

use std::fmt;
use std::path::{Path, PathBuf};

/// The primary span of a diagnostic: 1-based line and column, as rustc
/// counts them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: PathBuf,
    pub line: u32,
    pub column: u32,
}

impl Location {
    /// Re-roots the file from `from` to `to` when it names `from` exactly
    /// (rustc names files relative to the cargo workspace; the learner's
    /// terminal is in the course root).
    pub fn relocate(&mut self, from: &Path, to: &Path) {
        if self.file == from {
            self.file = to.to_path_buf();
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_as_file_line_column() {
        let at = Location {
            file: PathBuf::from("exercises/00_intro/intro2.rs"),
            line: 3,
            column: 18,
        };
        assert_eq!(at.to_string(), "exercises/00_intro/intro2.rs:3:18");
    }

    #[test]
    fn relocates_only_its_own_file() {
        let mut at = Location {
            file: PathBuf::from("00_intro/intro1.rs"),
            line: 1,
            column: 1,
        };
        at.relocate(Path::new("00_intro/other.rs"), Path::new("x.rs"));
        assert_eq!(at.file, Path::new("00_intro/intro1.rs"));
        at.relocate(
            Path::new("00_intro/intro1.rs"),
            Path::new("exercises/00_intro/intro1.rs"),
        );
        assert_eq!(at.file, Path::new("exercises/00_intro/intro1.rs"));
    }
}
