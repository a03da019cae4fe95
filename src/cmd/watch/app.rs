//! The shell of the watch screen: one thread holds the course, the
//! progress and what is on screen, reads the one channel of events, and
//! carries out what the pure parts decide — `keys` turns a key into
//! actions, `scheduler` decides when to check and when to build in the
//! background, `screen` draws. What only the shell does (this file, and
//! its parts for checks, `checking`, and for the classroom, `classroom`):
//! read files, save progress (through `rustdrill_engine::progress`), start the worker
//! threads (`check_worker`, `prebuild`) and write the frame to the terminal.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use super::keys::Key;

use super::check_worker::SharedKeys;
use super::events::{Event, PathMap};
use super::keys::{self, Action, Facts, Mode};
use super::panel::{self, CheckStatus, PanelLine, PrebuildStatus, StatusLine, WatchNote};
use super::prebuild::Prebuild;
use super::scheduler::{Content, Job, Scheduler};
use super::screen::{self, Frame, Top};
use crate::session::Session;
use crate::ui::text::t;
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::progress::{Progress, Saved};
use rustdrill_engine::verdict::{FileProblem, Verdict, VerdictKind};

mod checking;
mod classroom;

pub struct App {
    progress: Progress,
    /// The course, shared with the check threads.
    course: Arc<Course>,
    tx: Sender<Event>,
    paths: PathMap,
    names: Vec<String>,
    chapters: Vec<String>,
    /// ` · 한국어` after the chapter when the course is not in English.
    lang_tag: String,
    /// Each chapter's introduction (its README's first paragraph), read
    /// once at start rather than when the learner reaches the chapter.
    intros: HashMap<String, String>,
    viewing: usize,
    mode: Mode,
    verdict: Option<Verdict>,
    panel: Vec<PanelLine>,
    /// The course's welcome, above the panel until the first key press.
    welcome: Vec<PanelLine>,
    message: Option<String>,
    check_status: Option<CheckStatus>,
    prebuild_status: Option<PrebuildStatus>,
    watch_note: Option<WatchNote>,
    scheduler: Scheduler,
    /// The running check and how to end it, should the scheduler say so.
    check_cancel: Option<(u64, Arc<rustdrill_engine::supervisor::Cancel>)>,
    /// For the verify-all that runs: verdicts reused from the cache
    /// (index, kind, headline).
    cached: Vec<(usize, VerdictKind, String)>,
    prebuild: Prebuild,
    /// Computes verdict cache keys; made by the first check's worker.
    keys: SharedKeys,
    size: (usize, usize),
    quit: bool,
    /// info.toml as loaded; a change of it (`tracks add`) reloads the course.
    info_hash: Option<u64>,
    /// The course loaded again after it changed: the screen starts over on it.
    reload: Option<Session>,
    /// Why the course as it is on disk does not load (a save caught
    /// half-way): watch goes on with the one it has until a save fixes it.
    course_problem: Option<String>,
    /// The classroom's latest news, when the course joined one.
    room: Option<rustdrill_classroom::Status>,
    /// Why the classroom's server refused this learner, until it accepts.
    room_refused: Option<String>,
}

/// How `App::run` ended.
pub struct Ended {
    pub done: usize,
    pub total: usize,
    /// info.toml changed: the course loaded again, to go on with.
    pub reload: Option<Session>,
    /// The next check id, so a new App ignores the old one's late reports.
    pub next_id: u64,
}

impl App {
    /// The screen on `session`, checking the current exercise at once.
    /// `reloaded`: the course was loaded again after info.toml changed.
    /// Check ids start after `next_id`.
    pub fn new(session: Session, tx: Sender<Event>, reloaded: bool, next_id: u64) -> App {
        let Session {
            course,
            mut progress,
        } = session;
        let course = Arc::new(course);
        let viewing = progress.current(&course).index;
        let mut welcome = Vec::new();
        let mut message = None;
        let shown = progress.welcome(&course);
        if let Some(text) = shown.value {
            welcome.extend(text.lines().map(|l| PanelLine::Text(l.to_owned())));
            welcome.push(PanelLine::Text(String::new()));
        }
        message = message.or(shown.unsaved.map(|e| format!("{e:#}")));
        // Session::load printed these, but the screen covers them.
        for w in &course.warnings {
            welcome.push(PanelLine::Warning(w.to_string()));
        }
        // Left in the progress by `Session::reload` only.
        welcome.extend(progress.take_warnings().into_iter().map(PanelLine::Warning));
        let opened = progress.go_to(&course, &course.exercises[viewing]);
        message = message.or(opened.unsaved.map(|e| format!("{e:#}")));
        let mut app = App {
            paths: PathMap::new(course.exercises.iter().map(|e| (e.index, e.path.as_path()))),
            names: course.exercises.iter().map(|e| e.name.clone()).collect(),
            // Shown beside the name and in the progress bar: with its
            // track when the course has tracks.
            chapters: course
                .exercises
                .iter()
                .map(|e| {
                    let chapter = e.chapter.clone().unwrap_or_default();
                    if course.declared_tracks {
                        format!("{} · {chapter}", e.track)
                    } else {
                        chapter
                    }
                })
                .collect(),
            lang_tag: {
                let lang = rustdrill_engine::i18n::current(&course.root);
                if lang.is_english() {
                    String::new()
                } else {
                    format!(" · {}", lang.native_name())
                }
            },
            intros: chapter_intros(&course),
            progress,
            course,
            tx,
            viewing,
            mode: Mode::Main,
            verdict: None,
            panel: Vec::new(),
            welcome,
            message,
            check_status: None,
            prebuild_status: None,
            watch_note: reloaded.then_some(WatchNote::Reloaded),
            scheduler: Scheduler::new(std::env::var_os("RUSTDRILL_NO_PREBUILD").is_none(), next_id),
            check_cancel: None,
            cached: Vec::new(),
            prebuild: Prebuild::default(),
            keys: SharedKeys::default(),
            size: terminal_size(),
            quit: false,
            info_hash: None,
            reload: None,
            course_problem: None,
            room: None,
            room_refused: None,
        };
        app.info_hash = app.info_content_hash();
        if let Some(chapter) = app.course.exercises[viewing].chapter.clone() {
            // The learner starts inside this chapter: no introduction.
            let course = Arc::clone(&app.course);
            let saved = app.progress.introduce_chapter(&course, &chapter);
            app.saved(saved);
        }
        let commands = app.scheduler.want(Job::One(viewing));
        app.carry_out(commands);
        app
    }

    fn info_content_hash(&self) -> Option<u64> {
        fs::read(self.course.root.join(rustdrill_engine::course::INFO_FILE))
            .ok()
            .map(|b| hash(&b))
    }

    /// The folders to watch: the exercises' for saves, `.rustdrill/` for
    /// progress written by other rustdrill processes, the course root for
    /// info.toml (a track added) and cargo's folder for its manifest.
    pub fn watch_folders(&self) -> std::collections::BTreeSet<std::path::PathBuf> {
        let mut folders = self.paths.folders();
        folders.insert(self.course.root.clone());
        folders.insert(self.course.cargo_dir.clone());
        if self.course.state_dir().is_dir() {
            folders.insert(self.course.state_dir());
        }
        folders
    }

    /// The progress file, whose changes `state_changed` follows.
    pub fn state_file(&self) -> std::path::PathBuf {
        self.course
            .state_dir()
            .join(rustdrill_engine::state::STATE_FILE)
    }

    /// Reacts to events until the learner quits; draws after each burst.
    pub fn run(mut self, rx: &Receiver<Event>) -> Ended {
        let mut alive = self.draw();
        while alive && let Ok(event) = rx.recv() {
            self.handle(event);
            // Fold what else is already waiting into one redraw.
            while !self.quit
                && let Ok(event) = rx.try_recv()
            {
                self.handle(event);
            }
            if self.quit {
                break;
            }
            // The terminal is gone (closed window: EIO): leave as on SIGHUP.
            alive = self.draw();
        }
        self.prebuild.stop();
        Ended {
            done: self.progress.done_count(&self.course),
            total: self.course.exercises.len(),
            reload: self.reload,
            next_id: self.scheduler.next_id(),
        }
    }

    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Key(key) => self.key(&key),
            Event::KeysGone | Event::Terminate => self.quit = true,
            Event::Files(paths) => self.files_changed(&paths),
            Event::StateChanged => self.state_changed(),
            Event::WatchError(e) => self.watch_note = Some(WatchNote::Failed(e)),
            Event::CheckProgress { id, progress } => {
                if self.scheduler.is_current(id) {
                    self.check_status = Some(CheckStatus::Progress(progress));
                }
            }
            Event::CheckFinished { id, result } => self.check_finished(id, result),
            Event::Prebuild(report) => self.prebuild_report(report),
            Event::Resized => self.size = terminal_size(),
            Event::Classroom(status) => {
                self.room_refused = None;
                self.room_news(status);
            }
            Event::ClassroomRefused(why) => self.room_refused = Some(why),
        }
    }

    fn key(&mut self, key: &Key) {
        self.message = None;
        self.welcome.clear();
        let (mode, actions) = self.with_facts(|facts| keys::handle_key(&self.mode, key, facts));
        self.mode = mode;
        if self.mode == Mode::ConfirmReset {
            self.message = Some(t!(
                "key-confirm-reset",
                path = self.ex().relative_path.display().to_string()
            ));
        }
        if let Mode::HandNote(note) = &self.mode {
            // Not in a room: say so now, not after the message is typed.
            if rustdrill_classroom::client::membership(&self.course.state_dir()).is_none() {
                self.mode = Mode::Main;
                self.message = Some(t!("room-not-joined"));
            } else {
                self.message = Some(format!(
                    "{} {note}▏",
                    t!("key-hand-note", name = self.ex().name.clone())
                ));
            }
        }
        for action in actions {
            self.act(action);
        }
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Say(text) => self.message = Some(text),
            Action::RevealHint => self.reveal_hint(),
            Action::Next => {
                let name = self.ex().name.clone();
                match self.progress.next_pending(&self.course, &name) {
                    Some(next) => self.go_to(next.index),
                    None => self.start_final_verify(),
                }
            }
            Action::Jump(i) => self.go_to(i),
            Action::Recheck => {
                let commands = self.scheduler.recheck(self.viewing);
                self.carry_out(commands);
            }
            Action::VerifyAll => {
                let commands = self.scheduler.want(Job::All);
                self.carry_out(commands);
            }
            Action::Reset => self.reset(),
            Action::ShowSolution => self.show_solution(),
            Action::RaiseHand(note) => self.raise_hand(note.as_deref()),
            Action::FollowRoom => self.follow_room(),
        }
    }

    fn ex(&self) -> &Exercise {
        &self.course.exercises[self.viewing]
    }

    fn done_flags(&self) -> Vec<bool> {
        self.names
            .iter()
            .map(|n| self.progress.is_done(n))
            .collect()
    }

    /// The value of a change of progress; a failure to save it is shown.
    fn saved<T>(&mut self, saved: Saved<T>) -> T {
        if let Some(e) = saved.unsaved {
            self.message = Some(format!("{e:#}"));
        }
        saved.value
    }

    /// Another rustdrill process changed the progress (`goto` from an
    /// instructor, `verify` in another terminal): follow it.
    fn state_changed(&mut self) {
        match self.progress.reload() {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                self.message = Some(format!("{e:#}"));
                return;
            }
        }
        let current = self.progress.current(&self.course).index;
        if current != self.viewing && self.progress.current_is_chosen() {
            let name = self.course.exercises[current].name.clone();
            self.go_to(current);
            self.message = Some(t!("watch-moved-to", name = name));
        }
    }

    fn reveal_hint(&mut self) {
        let ex = self.ex().clone();
        if ex.hints.is_empty() {
            self.message = Some(t!("watch-no-hints", name = &ex.name));
            return;
        }
        let course = Arc::clone(&self.course);
        let saved = self.progress.reveal_hint(&course, &ex, false);
        let step = self.saved(saved);
        let more = !step.exhausted() && step.shown < step.total;
        self.panel = panel::hints(ex.index, step.shown, more);
        if step.exhausted() {
            self.message = Some(t!("watch-no-more-hints"));
        }
    }

    fn go_to(&mut self, index: usize) {
        let before = self.ex().chapter.clone();
        self.viewing = index;
        self.verdict = None;
        self.panel.clear();
        let ex = self.ex().clone();
        let course = Arc::clone(&self.course);
        let saved = self.progress.go_to(&course, &ex);
        self.saved(saved);
        if let Some(chapter) = &ex.chapter
            && before.as_ref() != Some(chapter)
        {
            let saved = self.progress.introduce_chapter(&course, chapter);
            if self.saved(saved) {
                self.panel = self
                    .intros
                    .get(chapter)
                    .map_or_else(Vec::new, |p| panel::chapter_intro(chapter, p));
            }
        }
        let commands = self.scheduler.want(Job::One(index));
        self.carry_out(commands);
    }

    fn reset(&mut self) {
        let ex = self.ex().clone();
        let course = Arc::clone(&self.course);
        match self.progress.reset(&course, &ex) {
            Ok(saved) => {
                let backup = self.saved(saved);
                let shown = backup
                    .as_deref()
                    .map(|b| b.strip_prefix(&self.course.root).unwrap_or(b));
                self.panel = panel::restored(&ex.relative_path, shown);
                let commands = self.scheduler.want(Job::One(self.viewing));
                self.carry_out(commands);
            }
            Err(e) => self.message = Some(t!("watch-reset-failed", error = format!("{e:#}"))),
        }
    }

    fn show_solution(&mut self) {
        let ex = self.ex();
        let path = self.course.root.join(&ex.solution_path);
        match fs::read_to_string(&path) {
            Ok(text) => self.panel = panel::solution(&ex.solution_path, &text),
            Err(_) => {
                self.message = Some(t!(
                    "watch-no-solution",
                    name = &ex.name,
                    path = ex.solution_path.display().to_string()
                ));
            }
        }
    }

    fn files_changed(&mut self, paths: &[std::path::PathBuf]) {
        let info = self.course.root.join(rustdrill_engine::course::INFO_FILE);
        // While the course does not load, a manifest may be what fixes it,
        // or info.toml back as it was loaded.
        let retry =
            self.course_problem.is_some() && paths.iter().any(|p| *p == info || is_manifest(p));
        if (paths.contains(&info) && self.info_content_hash() != self.info_hash) || retry {
            self.load_course_again();
            if self.quit {
                return;
            }
        }
        for i in self.paths.exercises(paths) {
            if i == self.viewing {
                // A delete before a create, or a rename away (vim's backup):
                // the new content's event follows. Never read what is not a
                // file (a FIFO would block the screen).
                let path = &self.course.exercises[i].path;
                let content = if FileProblem::of(path) == Some(FileProblem::NotAFile) {
                    Content::NotAFile
                } else {
                    fs::read(path).map_or(Content::Unreadable, |b| Content::Hash(hash(&b)))
                };
                let commands = self.scheduler.saved(i, content);
                self.carry_out(commands);
            } else {
                let name = &self.names[i];
                self.message = Some(t!("watch-saved-other", name = name));
            }
        }
    }

    /// info.toml changed (or a manifest, after a failed load): the screen
    /// starts over on the course as it is now. One that does not load (an
    /// editor's save caught half-way, `tracks add` on its way) is no reason
    /// to leave: watch goes on with the course it has and says why, until
    /// a later save makes it load.
    fn load_course_again(&mut self) {
        match Session::reload(&self.course.root) {
            Ok(session) => {
                self.reload = Some(session);
                self.quit = true;
            }
            Err(e) => self.course_problem = Some(format!("{e:#}")),
        }
    }

    /// Calls `f` with what the key handler and the screen know of the
    /// course: names, chapters, which are done, which is on screen.
    fn with_facts<R>(&self, f: impl FnOnce(&Facts) -> R) -> R {
        let done = self.done_flags();
        let names: Vec<&str> = self.names.iter().map(String::as_str).collect();
        let chapters: Vec<&str> = self.chapters.iter().map(String::as_str).collect();
        f(&Facts {
            names: &names,
            chapters: &chapters,
            done: &done,
            viewing: self.viewing,
        })
    }

    /// Draws the screen; false when the terminal cannot be written to.
    fn draw(&self) -> bool {
        self.with_facts(|facts| self.draw_with(facts))
    }

    fn draw_with(&self, facts: &Facts) -> bool {
        let top = match &self.mode {
            Mode::List(view) => Top::List { view, facts },
            _ => Top::Verdict {
                ex: self.ex(),
                verdict: self.verdict.as_ref(),
            },
        };
        let mut status = Vec::new();
        status.extend(self.check_status.clone().map(StatusLine::Check));
        status.extend(self.prebuild_status.clone().map(StatusLine::Prebuild));
        status.extend(self.watch_note.clone().map(StatusLine::Watch));
        status.extend(panel::room_lines(
            self.room_refused.as_deref(),
            self.room.as_ref(),
            &self.names[self.viewing],
        ));
        // The course's problem first: the panel is cut to fit the window.
        let problem = self.course_problem.as_deref().map(panel::course_problem);
        let panel: Vec<PanelLine> = problem
            .iter()
            .flatten()
            .chain(&self.welcome)
            .chain(&self.panel)
            .cloned()
            .collect();
        let frame = Frame {
            rows: self.size.0,
            cols: self.size.1,
            course: &self.course,
            top,
            panel: &panel,
            message: self.message.as_deref(),
            status: &status,
            done: facts.done.iter().filter(|d| **d).count(),
            total: facts.done.len(),
            chapter: &format!("{}{}", self.chapters[self.viewing], self.lang_tag),
            legend: &panel::legend(&self.mode, self.room.is_some()),
        };
        let mut out = io::stdout().lock();
        out.write_all(screen::render(&frame).as_bytes())
            .and_then(|()| out.flush())
            .is_ok()
    }
}

/// The first paragraph of each chapter's README, by chapter.
fn chapter_intros(course: &Course) -> HashMap<String, String> {
    let chapters: std::collections::BTreeSet<&String> = course
        .exercises
        .iter()
        .filter_map(|e| e.chapter.as_ref())
        .collect();
    chapters
        .into_iter()
        .filter_map(|chapter| {
            let readme = course
                .root
                .join("exercises")
                .join(chapter)
                .join("README.md");
            let paragraph = fs::read_to_string(readme)
                .ok()
                .and_then(|t| screen::first_paragraph(&t))?;
            Some((chapter.clone(), paragraph))
        })
        .collect()
}

/// A cargo manifest (a change of it can make a course load, or not).
fn is_manifest(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| n == "Cargo.toml")
        && !path.components().any(|c| c.as_os_str() == "target")
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn terminal_size() -> (usize, usize) {
    let (rows, cols) = console::Term::stdout().size();
    (usize::from(rows), usize::from(cols))
}
