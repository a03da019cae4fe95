//! The shell's side of the classroom: raising a hand, following the room
//! to the exercise the instructor chose, taking in the server's news.

use super::App;
use crate::ui::text::t;
use rustdrill_classroom::{Status, client};

impl App {
    pub(super) fn raise_hand(&mut self, note: Option<&str>) {
        if client::membership(&self.course.state_dir()).is_none() {
            self.message = Some(t!("room-not-joined"));
            return;
        }
        let ex = self.ex().clone();
        // The line of the first error, when the last verdict is this
        // file's compile error: the instructor's card marks it.
        let error_line = self
            .verdict
            .as_ref()
            .and_then(|v| v.error_line_in(&ex.path));
        match rustdrill_classroom::report::help(&self.course, &self.progress, &ex, note, error_line)
        {
            Ok(event) => {
                client::report(&self.course.state_dir(), vec![event]);
                self.message = Some(t!("room-hand-raised", name = &ex.name));
            }
            Err(e) => self.message = Some(t!("room-cannot-raise", error = format!("{e:#}"))),
        }
    }

    pub(super) fn follow_room(&mut self) {
        let target = self.room.as_ref().and_then(|r| r.goto.clone());
        let Some(name) = target else {
            self.message = Some(t!("room-not-moved"));
            return;
        };
        match self.names.iter().position(|n| *n == name) {
            Some(i) if i == self.viewing => {
                self.message = Some(t!("room-already-there", name = name));
            }
            Some(i) => self.go_to(i),
            None => self.message = Some(t!("room-no-such-exercise", name = name)),
        }
    }

    pub(super) fn room_news(&mut self, status: Status) {
        let was_answered = self
            .room
            .as_ref()
            .and_then(|b| b.hand.as_ref())
            .is_some_and(|h| h.answered);
        if status.hand.as_ref().is_some_and(|h| h.answered) && !was_answered {
            self.message = Some(t!("room-hand-answered"));
        }
        self.room = Some(status);
    }
}
