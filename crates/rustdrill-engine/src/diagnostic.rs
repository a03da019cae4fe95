//! A compiler or clippy message about one exercise, as rustdrill keeps it:
//! how serious, which lint or error code, where, and rustc's own rendering.
//! Made from cargo's JSON messages (`cargo`), judged by `check`, shown by
//! `verdict` and `ui`.

use std::path::PathBuf;

use cargo_metadata::diagnostic::DiagnosticLevel;

use crate::location::Location;

/// How serious a diagnostic is, as far as a learner is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A compiler or clippy message about one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// `E0308`, `unused_variables`, `clippy::needless_return`...
    pub code: Option<String>,
    /// The full message as rustc renders it, with ANSI colours.
    pub rendered: String,
    /// Where the primary span points, if anywhere.
    pub location: Option<Location>,
}

impl Diagnostic {
    /// A lint of clippy's (its code is `clippy::…`), not the compiler's.
    pub fn is_clippy(&self) -> bool {
        self.code
            .as_deref()
            .is_some_and(|c| c.starts_with("clippy::"))
    }

    /// Turns rustc's JSON diagnostic into ours; `None` for summaries such as
    /// "aborting due to 2 previous errors" that say nothing about the code.
    pub fn from_rustc(d: &cargo_metadata::diagnostic::Diagnostic) -> Option<Diagnostic> {
        let severity = match d.level {
            DiagnosticLevel::Error | DiagnosticLevel::Ice => Severity::Error,
            DiagnosticLevel::Warning => Severity::Warning,
            _ => return None,
        };
        let m = d.message.as_str();
        let summary = m.starts_with("aborting due to")
            || m.ends_with("warning emitted")
            || m.ends_with("warnings emitted");
        if summary {
            return None;
        }
        let location = d.spans.iter().find(|s| s.is_primary).map(|s| Location {
            file: PathBuf::from(&s.file_name),
            line: u32::try_from(s.line_start).unwrap_or(u32::MAX),
            column: u32::try_from(s.column_start).unwrap_or(u32::MAX),
        });
        Some(Diagnostic {
            severity,
            message: d.message.clone(),
            code: d.code.as_ref().map(|c| c.code.clone()),
            rendered: d.rendered.clone().unwrap_or_else(|| d.message.clone()),
            location,
        })
    }
}
