//! The shell's side of the classroom: raising a hand, following the room
//! to the exercise the instructor chose, taking in the server's news.

use super::App;
use rustdrill_classroom::{Status, client};
use rustdrill_engine::diagnostic::Severity;
use rustdrill_engine::verdict::Verdict;

impl App {
    pub(super) fn raise_hand(&mut self) {
        if client::membership(&self.course.state_dir()).is_none() {
            self.message = Some(NOT_IN_CLASSROOM.to_owned());
            return;
        }
        let ex = self.ex().clone();
        // The line of the first error, when the last verdict is this
        // file's compile error: the instructor's card marks it.
        let error_line = match &self.verdict {
            Some(Verdict::CompileError { diagnostics, .. }) => diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .filter_map(|d| d.location.as_ref())
                .find(|l| l.file.file_name() == ex.path.file_name())
                .map(|l| l.line),
            _ => None,
        };
        match crate::cmd::classroom::help_event(&self.progress, &ex, None, error_line) {
            Ok(event) => {
                client::report(&self.course.state_dir(), vec![event]);
                self.message = Some(format!(
                    "✋ hand raised for {}: the instructor sees your code and verdict",
                    ex.name
                ));
            }
            Err(e) => self.message = Some(format!("cannot raise a hand: {e:#}")),
        }
    }

    pub(super) fn follow_room(&mut self) {
        let target = self.room.as_ref().and_then(|r| r.goto.clone());
        let Some(name) = target else {
            self.message = Some("the instructor has not moved the room anywhere".to_owned());
            return;
        };
        match self.names.iter().position(|n| *n == name) {
            Some(i) if i == self.viewing => {
                self.message = Some(format!("you are on {name} already"));
            }
            Some(i) => self.go_to(i),
            None => self.message = Some(format!("this course has no exercise {name}")),
        }
    }

    pub(super) fn room_news(&mut self, status: Status) {
        let was_answered = self
            .room
            .as_ref()
            .and_then(|b| b.hand.as_ref())
            .is_some_and(|h| h.answered);
        if status.hand.as_ref().is_some_and(|h| h.answered) && !was_answered {
            self.message = Some("✋ the instructor answered your hand".to_owned());
        }
        self.room = Some(status);
    }
}

const NOT_IN_CLASSROOM: &str =
    "this course is in no classroom: `rustdrill join URL CODE` to join the instructor's";
