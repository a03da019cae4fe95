//! What the watch screen says below the verdict — the panel (hints, a
//! chapter's introduction, a verify-all's summary…), the status lines (the
//! check, the background build, the watcher, the classroom) and the key
//! legend — as meaning, not styled text. The shell (`app`) keeps these
//! values; `screen` styles them only as it draws.

use std::path::Path;

use console::style;

use super::check_worker::CheckFailed;
use super::keys::Mode;
use crate::ui;
use crate::ui::text::t;
use rustdrill_classroom::Status;
use rustdrill_engine::check::CheckEvent;
use rustdrill_engine::course::Course;

/// One line of the panel (a few, for hints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelLine {
    /// Text as it is (the welcome, the note after a pass, a solution).
    Text(String),
    Good(String),
    Bad(String),
    Aside(String),
    /// A problem with the course (`course.warnings`).
    Warning(String),
    /// Hints 1 to `shown` of exercise `exercise`, each under its title.
    Hints {
        exercise: usize,
        shown: usize,
    },
    /// The title of a chapter's introduction.
    NewChapter(String),
    /// The first line of a verify-all's summary.
    VerifyScore {
        done: usize,
        total: usize,
    },
    /// An exercise a verify-all found failing, with its verdict's headline.
    Failing {
        name: String,
        headline: String,
    },
}

impl PanelLine {
    /// The styled lines to draw.
    pub fn render(&self, course: &Course) -> Vec<String> {
        let line = match self {
            PanelLine::Text(text) => text.clone(),
            PanelLine::Good(text) => ui::ok(text),
            PanelLine::Bad(text) => ui::bad(text),
            PanelLine::Aside(text) => ui::dim(text),
            PanelLine::Warning(text) => ui::warn(text),
            PanelLine::Hints { exercise, shown } => {
                return course.exercises.get(*exercise).map_or_else(Vec::new, |ex| {
                    ui::render_hints(ex, 1..=*shown)
                        .lines()
                        .map(str::to_owned)
                        .collect()
                });
            }
            PanelLine::NewChapter(chapter) => {
                format!("{} {chapter}", style(t!("panel-new-chapter")).cyan().bold())
            }
            PanelLine::VerifyScore { done, total } => {
                format!(
                    "{} {}",
                    style(t!("verify-title")).bold(),
                    t!("verify-score", done = *done, total = *total)
                )
            }
            PanelLine::Failing { name, headline } => {
                format!("  {} {name} — {headline}", ui::bad("✗"))
            }
        };
        vec![line]
    }
}

/// A chapter's introduction: its README's first paragraph.
pub fn chapter_intro(chapter: &str, paragraph: &str) -> Vec<PanelLine> {
    vec![
        PanelLine::NewChapter(chapter.to_owned()),
        PanelLine::Text(paragraph.to_owned()),
        PanelLine::Aside(t!("panel-chapter-more", chapter = chapter)),
    ]
}

pub fn check_failed(error: &CheckFailed) -> Vec<PanelLine> {
    vec![
        PanelLine::Bad(t!("panel-check-failed")),
        PanelLine::Text(error.to_string()),
        PanelLine::Aside(t!("panel-check-failed-after")),
    ]
}

/// The course on disk does not load (`problem`, each place it names as
/// `file:line`): watch goes on with the course it loaded last.
pub fn course_problem(problem: &str) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::Warning(t!("panel-course-problem"))];
    let problem = rustdrill_engine::sanitize::course_text(problem);
    panel.extend(problem.lines().map(|l| PanelLine::Text(format!("  {l}"))));
    panel.push(PanelLine::Aside(t!("panel-course-problem-after")));
    panel
}

/// Hints 1 to `shown`, and whether more wait.
pub fn hints(exercise: usize, shown: usize, more: bool) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::Hints { exercise, shown }];
    if more {
        panel.push(PanelLine::Aside(t!("panel-more-hints")));
    }
    panel
}

/// `name` has just passed: what next, and a track finished.
pub fn solved(name: &str, after: Vec<String>, track_done: Option<String>) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::Good(t!("panel-solved", name = name))];
    panel.extend(after.into_iter().map(PanelLine::Text));
    panel.extend(track_done.map(PanelLine::Good));
    panel
}

/// The last exercise passed: watch verifies them all before it says so.
pub fn last_one() -> String {
    t!("panel-last-one")
}

/// Everything passes at the end of the course.
pub fn finished_course(total: usize, final_message: Option<&str>) -> Vec<PanelLine> {
    let fallback = t!("panel-final-message");
    let message = final_message.unwrap_or(&fallback);
    let mut panel = vec![PanelLine::Good(t!("panel-finished", total = total))];
    panel.extend(
        message
            .trim()
            .lines()
            .map(|l| PanelLine::Text(l.to_owned())),
    );
    panel
}

/// A verify-all's summary: the count and the first few failing.
pub fn verify_summary(total: usize, failing: &[(&str, &str)]) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::VerifyScore {
        done: total - failing.len(),
        total,
    }];
    panel.extend(
        failing
            .iter()
            .take(5)
            .map(|(name, headline)| PanelLine::Failing {
                name: (*name).to_owned(),
                headline: (*headline).to_owned(),
            }),
    );
    if failing.len() > 5 {
        panel.push(PanelLine::Aside(format!(
            "  {}",
            t!("panel-verify-more", count = failing.len() - 5)
        )));
    }
    if !failing.is_empty() {
        panel.push(PanelLine::Aside(t!("panel-verify-jump")));
    }
    panel
}

/// `x` then `y`: the file is back to its original.
pub fn restored(file: &Path, backup: Option<&Path>) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::Text(t!(
        "panel-restored",
        file = file.display().to_string()
    ))];
    panel.extend(
        backup.map(|b| PanelLine::Text(t!("panel-backup-kept", backup = b.display().to_string()))),
    );
    panel
}

/// `s`: the reference solution, indented under its path (a course's file,
/// shown as course text is).
pub fn solution(path: &Path, text: &str) -> Vec<PanelLine> {
    let mut panel = vec![PanelLine::Aside(format!("{}:", path.display()))];
    let text = rustdrill_engine::sanitize::course_text(text);
    panel.extend(text.lines().map(|l| PanelLine::Text(format!("  {l}"))));
    panel
}

/// What the running check is doing.
#[derive(Debug, Clone)]
pub enum CheckStatus {
    /// A check of one exercise started.
    Checking(String),
    /// A verify-all started, `unchanged` of `total` taken from the cache.
    Verifying {
        total: usize,
        unchanged: usize,
    },
    Progress(CheckEvent),
}

/// What the background build is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrebuildStatus {
    Preparing(String),
    Built { chapter: String, crates: usize },
    Ready(String),
}

/// About the file watcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchNote {
    /// info.toml changed and the course was loaded again.
    Reloaded,
    /// The watcher failed: saves may go unnoticed.
    Failed(String),
}

/// One line between the panel and the progress bar.
#[derive(Debug, Clone)]
pub enum StatusLine {
    Check(CheckStatus),
    Prebuild(PrebuildStatus),
    Watch(WatchNote),
    /// The classroom's server refused this learner.
    RoomRefused(String),
    Announcement(String),
    /// The instructor moved the room to this exercise.
    RoomMoves(String),
    HandAnswered(String),
    HandUp(String),
    /// A raised hand someone claimed: who is on the way.
    HandClaimed {
        exercise: String,
        by: String,
    },
}

impl StatusLine {
    pub fn render(&self) -> String {
        match self {
            StatusLine::Check(status) => {
                let text = match status {
                    CheckStatus::Checking(name) => t!("status-checking", name = name),
                    CheckStatus::Verifying { total, unchanged } => {
                        t!("status-verifying", total = *total, unchanged = *unchanged)
                    }
                    CheckStatus::Progress(CheckEvent::PhaseStarted(phase)) => {
                        t!("status-phase", phase = ui::phase(*phase))
                    }
                    CheckStatus::Progress(CheckEvent::Compiled { phase, crate_name }) => t!(
                        "status-phase-crate",
                        phase = ui::phase(*phase),
                        crate = crate_name
                    ),
                    CheckStatus::Progress(CheckEvent::Checked { name, .. }) => {
                        t!("status-checked", name = name)
                    }
                };
                format!("{} {text}", style("⟳").cyan())
            }
            StatusLine::Prebuild(status) => ui::dim(&match status {
                PrebuildStatus::Preparing(chapter) => t!("status-preparing", chapter = chapter),
                PrebuildStatus::Built { chapter, crates } => {
                    t!("status-prepared", chapter = chapter, crates = *crates)
                }
                PrebuildStatus::Ready(chapter) => t!("status-ready", chapter = chapter),
            }),
            StatusLine::Watch(WatchNote::Reloaded) => ui::dim(&t!("status-reloaded")),
            StatusLine::Watch(WatchNote::Failed(why)) => ui::warn(why),
            StatusLine::RoomRefused(why) => ui::warn(why),
            StatusLine::Announcement(text) => format!(
                "{} {}",
                style(t!("status-instructor")).magenta().bold(),
                one_line(text)
            ),
            StatusLine::RoomMoves(exercise) => format!(
                "{} {}",
                style("→").magenta().bold(),
                t!("status-room-moves", exercise = one_line(exercise))
            ),
            StatusLine::HandAnswered(exercise) => {
                t!("status-hand-answered", exercise = one_line(exercise))
            }
            StatusLine::HandClaimed { exercise, by } => t!(
                "status-hand-claimed",
                by = one_line(by),
                exercise = one_line(exercise)
            ),
            StatusLine::HandUp(exercise) => t!("status-hand-up", exercise = one_line(exercise)),
        }
    }
}

/// The classroom's lines: a refusal, the announcement, where the room
/// goes (unless the learner is there), the raised hand.
pub fn room_lines(refused: Option<&str>, room: Option<&Status>, viewing: &str) -> Vec<StatusLine> {
    let mut lines: Vec<StatusLine> = refused
        .map(|why| StatusLine::RoomRefused(why.to_owned()))
        .into_iter()
        .collect();
    let Some(room) = room else {
        return lines;
    };
    lines.extend(room.announcement.clone().map(StatusLine::Announcement));
    if let Some(goto) = &room.goto
        && goto != viewing
    {
        lines.push(StatusLine::RoomMoves(goto.clone()));
    }
    match &room.hand {
        Some(h) if h.answered => lines.push(StatusLine::HandAnswered(h.exercise.clone())),
        Some(h) => lines.push(match &h.claimed_by {
            Some(by) => StatusLine::HandClaimed {
                exercise: h.exercise.clone(),
                by: by.clone(),
            },
            None => StatusLine::HandUp(h.exercise.clone()),
        }),
        None => {}
    }
    lines
}

/// Text from the classroom's server on one line, with no escape sequences.
fn one_line(text: &str) -> String {
    rustdrill_engine::sanitize::for_terminal(text, false).replace(['\n', '\t'], " ")
}

/// The keys this mode takes.
pub fn legend(mode: &Mode, in_room: bool) -> String {
    match mode {
        Mode::Main if in_room => t!("legend-classroom"),
        Mode::Main => t!("legend-main"),
        Mode::List(_) => t!("legend-list"),
        Mode::ConfirmReset => t!("legend-confirm"),
        Mode::HandNote(_) => t!("legend-hand-note"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustdrill_classroom::Hand;

    fn room(goto: Option<&str>, hand: Option<(&str, bool)>) -> Status {
        Status {
            acked: 0,
            announcement: Some("pause\tat 3".to_owned()),
            goto: goto.map(str::to_owned),
            hand: hand.map(|(exercise, answered)| Hand {
                exercise: exercise.to_owned(),
                answered,
                claimed_by: None,
            }),
            resync: false,
        }
    }

    fn rendered(lines: &[StatusLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| console::strip_ansi_codes(&l.render()).into_owned())
            .collect()
    }

    #[test]
    fn the_room_line_is_hidden_where_the_room_already_is() {
        let here = room(Some("vars1"), None);
        assert_eq!(
            rendered(&room_lines(None, Some(&here), "vars1")),
            ["📣 instructor: pause at 3"]
        );
        let there = rendered(&room_lines(None, Some(&here), "intro1"));
        assert!(there[1].contains("the room moves to vars1"), "{there:?}");
    }

    #[test]
    fn a_claimed_hand_says_who_is_coming() {
        let mut status = room(None, Some(("vars1", false)));
        assert!(rendered(&room_lines(None, Some(&status), "vars1"))[1].contains("will come"));
        if let Some(hand) = status.hand.as_mut() {
            hand.claimed_by = Some("Grace\u{1b}]0;x\u{7}".to_owned());
        }
        let lines = rendered(&room_lines(None, Some(&status), "vars1"));
        assert_eq!(lines[1], "✋ Grace is on the way to your hand on vars1");
    }

    #[test]
    fn a_refusal_shows_even_without_news() {
        assert_eq!(
            rendered(&room_lines(Some("join again"), None, "intro1")),
            ["warning: join again"]
        );
    }

    #[test]
    fn a_course_problem_shows_each_line_of_it_indented_and_safe() {
        let panel = course_problem("info.toml:7:1: bad\x1b]0;title\x07\n  more");
        assert_eq!(
            panel[1..3],
            [
                PanelLine::Text("  info.toml:7:1: bad".to_owned()),
                PanelLine::Text("    more".to_owned())
            ]
        );
        assert!(matches!(panel[0], PanelLine::Warning(_)));
        assert!(matches!(panel[3], PanelLine::Aside(_)));
    }

    #[test]
    fn a_summary_lists_five_failing_and_counts_the_rest() {
        let failing: Vec<(&str, &str)> = (0..7).map(|_| ("ex", "does not compile")).collect();
        let panel = verify_summary(10, &failing);
        assert_eq!(panel[0], PanelLine::VerifyScore { done: 3, total: 10 });
        assert_eq!(panel.len(), 1 + 5 + 2);
    }
}
