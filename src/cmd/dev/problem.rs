//! One authoring problem `dev check` reports: which file, which exercise,
//! what is wrong. Problems sort by file, so the report reads file by file.

use std::fmt;
use std::path::Path;

/// One authoring problem: which exercise, which file, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Course-relative file the problem is in (or about); empty for the
    /// course as a whole.
    file: String,
    exercise: Option<String>,
    message: String,
}

impl Problem {
    pub fn new(file: impl AsRef<Path>, exercise: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            file: file.as_ref().display().to_string(),
            exercise: exercise.map(str::to_owned),
            message: message.into(),
        }
    }

    /// A problem of the course as a whole (its message names the file).
    pub fn of_course(message: impl Into<String>) -> Self {
        Problem::new("", None, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            write!(f, "{}: ", self.file)?;
        }
        if let Some(ex) = &self.exercise {
            write!(f, "exercise `{ex}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// `text` indented under a problem's first line.
pub fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_then_the_exercise() {
        let p = Problem::new("exercises/a.rs", Some("a"), "no `// TODO`");
        assert_eq!(p.to_string(), "exercises/a.rs: exercise `a`: no `// TODO`");
        assert_eq!(Problem::of_course("broken").to_string(), "broken");
        assert_eq!(indent("a\nb"), "    a\n    b");
    }
}
