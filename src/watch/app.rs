//! The owner of the watch screen: one thread holds the course, the
//! progress and what is on screen, and reacts to one event at a time
//! (`handle`). Checks and the background build run on worker threads that
//! report back through the same channel, so every transition is in this
//! file's `match`es.
//!
//! Saves during a check: the running check is left to finish and exactly
//! one more check of the latest content follows (`pending`), rather than
//! cancelling it. `check::check` cannot be stopped half way without leaving
//! cargo's output (and the exercise's own processes) behind, its build of
//! one exercise takes a second or two, and its incremental work is what the
//! next check starts from — so finishing it costs little and a second check
//! of whatever the file holds by then always shows the latest verdict.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::thread;

use super::keys::Key;

use super::events::{Event, PathMap};
use super::keys::{self, Action, Facts, Mode};
use super::prebuild::{self, Prebuild, PrebuildReport};
use super::screen::{self, Frame, Top};
use crate::cache::Keys;
use crate::cargo::Cargo;
use crate::check::{self, Checked, Progress as CheckProgress};
use crate::cmd::run::cache_key;
use crate::cmd::verify;
use crate::course::{Course, Exercise, Layout};
use crate::progress::{Advance, CheckRecord, Medium, Progress, Saved};
use crate::session::Session;
use crate::ui;
use crate::verdict::{FileProblem, Verdict, VerdictKind};

/// What a check covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    One(usize),
    All,
}

struct Running {
    id: u64,
    job: Job,
    /// For `All`: verdicts reused from the cache (index, kind, headline).
    cached: Vec<(usize, VerdictKind, String)>,
    /// The cache keys as the check started, per exercise.
    keys: Option<Keys>,
}

pub struct App {
    progress: Progress,
    /// The course, shared with the check threads.
    course: Arc<Course>,
    tx: Sender<Event>,
    paths: PathMap,
    names: Vec<String>,
    chapters: Vec<String>,
    viewing: usize,
    mode: Mode,
    verdict: Option<Verdict>,
    panel: Vec<String>,
    /// The course's welcome, above the panel until the first key press.
    welcome: Vec<String>,
    message: Option<String>,
    check_status: Option<String>,
    prebuild_status: Option<String>,
    watch_note: Option<String>,
    running: Option<Running>,
    pending: Option<Job>,
    next_id: u64,
    /// Hash of each exercise's content as last sent to a check, so a save
    /// that changes nothing (or our own reset) does not check twice.
    checked_content: HashMap<usize, u64>,
    prebuild: Prebuild,
    prebuild_enabled: bool,
    prebuilt: HashSet<String>,
    /// The last exercise was solved: the next verify-all is the final one.
    final_verify: bool,
    /// Computes verdict cache keys; asks rustc its version once, here, not
    /// on every check. `None` without a toolchain (the check says why).
    keys: Option<Keys>,
    size: (usize, usize),
    quit: bool,
    /// info.toml as loaded; a change of it (`tracks add`) reloads the course.
    info_hash: Option<u64>,
    reload: bool,
    /// The classroom's latest news, when the course joined one.
    room: Option<crate::classroom::Status>,
    /// Why the classroom's server refused this learner, until it accepts.
    room_refused: Option<String>,
}

/// How `App::run` ended.
pub struct Ended {
    pub done: usize,
    pub total: usize,
    /// info.toml changed: load the course again and go on.
    pub reload: bool,
    /// The next check id, so a new App ignores the old one's late reports.
    pub next_id: u64,
}

impl App {
    pub fn new(session: Session, tx: Sender<Event>, watch_note: Option<String>) -> App {
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
            welcome.extend(text.lines().map(str::to_owned));
            welcome.push(String::new());
        }
        message = message.or(shown.unsaved.map(|e| format!("{e:#}")));
        // Session::load printed these, but the screen covers them.
        for w in &course.warnings {
            welcome.push(ui::warn(&w.to_string()));
        }
        let opened = progress.go_to(&course, &course.exercises[viewing]);
        message = message.or(opened.unsaved.map(|e| format!("{e:#}")));
        let keys = Keys::new(&course).ok();
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
            watch_note,
            running: None,
            pending: None,
            next_id: 0,
            checked_content: HashMap::new(),
            prebuild: Prebuild::default(),
            prebuild_enabled: std::env::var_os("RUSTDRILL_NO_PREBUILD").is_none(),
            prebuilt: HashSet::new(),
            final_verify: false,
            keys,
            size: terminal_size(),
            quit: false,
            info_hash: None,
            reload: false,
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
        app.request(Job::One(viewing));
        app
    }

    /// Goes on numbering checks after an earlier App's.
    pub fn continue_ids(&mut self, next_id: u64) {
        self.next_id = self.next_id.max(next_id);
    }

    fn info_content_hash(&self) -> Option<u64> {
        fs::read(self.course.root.join(crate::course::INFO_FILE))
            .ok()
            .map(|b| hash(&b))
    }

    /// The folders to watch: the exercises' for saves, `.rustdrill/` for
    /// progress written by other rustdrill processes, the course root for
    /// info.toml (a track added).
    pub fn watch_folders(&self) -> std::collections::BTreeSet<std::path::PathBuf> {
        let mut folders = self.paths.folders();
        folders.insert(self.course.root.clone());
        if self.course.state_dir().is_dir() {
            folders.insert(self.course.state_dir());
        }
        folders
    }

    /// The progress file, whose changes `state_changed` follows.
    pub fn state_file(&self) -> std::path::PathBuf {
        self.course.state_dir().join(crate::state::STATE_FILE)
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
            next_id: self.next_id + 1,
        }
    }

    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Key(key) => self.key(&key),
            Event::KeysGone | Event::Terminate => self.quit = true,
            Event::Files(paths) => self.files_changed(&paths),
            Event::StateChanged => self.state_changed(),
            Event::WatchError(e) => {
                self.watch_note = Some(ui::warn(&e));
            }
            Event::CheckProgress { id, text } => {
                if self.running.as_ref().is_some_and(|r| r.id == id) {
                    self.check_status = Some(text);
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
            self.message = Some(format!(
                "Reset {} to its original? Your version is kept as a backup. [y/N]",
                self.ex().relative_path.display()
            ));
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
                self.checked_content.remove(&self.viewing);
                self.request(Job::One(self.viewing));
            }
            Action::VerifyAll => self.request(Job::All),
            Action::Reset => self.reset(),
            Action::ShowSolution => self.show_solution(),
            Action::RaiseHand => self.raise_hand(),
            Action::FollowRoom => self.follow_room(),
        }
    }

    fn raise_hand(&mut self) {
        if crate::classroom::client::membership(&self.course.state_dir()).is_none() {
            self.message = Some(NOT_IN_CLASSROOM.to_owned());
            return;
        }
        let ex = self.ex().clone();
        match crate::cmd::classroom::help_event(&self.progress, &ex) {
            Ok(event) => {
                crate::classroom::client::report(&self.course.state_dir(), vec![event]);
                self.message = Some(format!(
                    "✋ hand raised for {}: the instructor sees your code and verdict",
                    ex.name
                ));
            }
            Err(e) => self.message = Some(format!("cannot raise a hand: {e:#}")),
        }
    }

    fn follow_room(&mut self) {
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

    fn room_news(&mut self, status: crate::classroom::Status) {
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

    /// The classroom's lines above the progress bar.
    fn room_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(why) = &self.room_refused {
            lines.push(ui::warn(why));
        }
        let Some(room) = &self.room else {
            return lines;
        };
        if let Some(text) = &room.announcement {
            lines.push(format!(
                "{} {}",
                console::style("📣 instructor:").magenta().bold(),
                one_line(text)
            ));
        }
        if let Some(goto) = &room.goto
            && self.names.get(self.viewing) != Some(goto)
        {
            lines.push(format!(
                "{} the room moves to {}: press g to go there (your work stays as it is)",
                console::style("→").magenta().bold(),
                one_line(goto)
            ));
        }
        match &room.hand {
            Some(h) if h.answered => lines.push(format!(
                "✋ your hand on {} was answered",
                one_line(&h.exercise)
            )),
            Some(h) => lines.push(format!(
                "✋ your hand is up on {}: the instructor will come",
                one_line(&h.exercise)
            )),
            None => {}
        }
        lines
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
        if current != self.viewing && self.progress.state().current.is_some() {
            let name = self.course.exercises[current].name.clone();
            self.go_to(current);
            self.message = Some(format!("moved to {name} (changed outside this window)"));
        }
    }

    fn reveal_hint(&mut self) {
        let ex = self.ex().clone();
        if ex.hints.is_empty() {
            self.message = Some(format!("{} has no hints", ex.name));
            return;
        }
        let course = Arc::clone(&self.course);
        let saved = self.progress.reveal_hint(&course, &ex, false);
        let step = self.saved(saved);
        self.panel = ui::render_hints(&ex, 1..=step.shown)
            .lines()
            .map(str::to_owned)
            .collect();
        if step.exhausted() {
            self.message = Some("no more hints: these are all of them".to_owned());
        } else if step.shown < step.total {
            self.panel
                .push(ui::dim("(press h again for the next hint)"));
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
                self.panel = self.chapter_intro(chapter);
            }
        }
        self.request(Job::One(index));
    }

    fn chapter_intro(&self, chapter: &str) -> Vec<String> {
        let readme = self
            .course
            .root
            .join("exercises")
            .join(chapter)
            .join("README.md");
        let Some(paragraph) = fs::read_to_string(&readme)
            .ok()
            .and_then(|t| screen::first_paragraph(&t))
        else {
            return Vec::new();
        };
        vec![
            format!("{} {chapter}", console::style("New chapter:").cyan().bold()),
            paragraph,
            ui::dim(&format!("(more in exercises/{chapter}/README.md)")),
        ]
    }

    fn reset(&mut self) {
        let ex = self.ex().clone();
        let course = Arc::clone(&self.course);
        match self.progress.reset(&course, &ex) {
            Ok(saved) => {
                let backup = self.saved(saved);
                self.panel = vec![format!(
                    "Restored {} to its original.",
                    ex.relative_path.display()
                )];
                if let Some(backup) = backup {
                    let shown = backup.strip_prefix(&self.course.root).unwrap_or(&backup);
                    self.panel
                        .push(format!("Your version is kept in {}", shown.display()));
                }
                self.request(Job::One(self.viewing));
            }
            Err(e) => self.message = Some(format!("reset failed: {e:#}")),
        }
    }

    fn show_solution(&mut self) {
        let ex = self.ex();
        let path = self.course.root.join(&ex.solution_path);
        match fs::read_to_string(&path) {
            Ok(text) => {
                self.panel = vec![ui::dim(&format!("{}:", ex.solution_path.display()))];
                self.panel.extend(text.lines().map(|l| format!("  {l}")));
            }
            Err(_) => {
                self.message = Some(format!(
                    "this course has no solution file for {} ({})",
                    ex.name,
                    ex.solution_path.display()
                ));
            }
        }
    }

    fn files_changed(&mut self, paths: &[std::path::PathBuf]) {
        let info = self.course.root.join(crate::course::INFO_FILE);
        if paths.contains(&info) && self.info_content_hash() != self.info_hash {
            self.reload = true;
            self.quit = true;
            return;
        }
        for i in self.paths.exercises(paths) {
            if i == self.viewing {
                // A delete before a create, or a rename away (vim's backup):
                // the new content's event follows. Never read what is not a
                // file (a FIFO would block the screen).
                let path = &self.course.exercises[i].path;
                if FileProblem::of(path) == Some(FileProblem::NotAFile) {
                    self.request(Job::One(i));
                    continue;
                }
                let Ok(bytes) = fs::read(path) else {
                    continue;
                };
                if self.checked_content.get(&i) != Some(&hash(&bytes)) {
                    self.request(Job::One(i));
                }
            } else {
                let name = &self.names[i];
                self.message = Some(format!(
                    "saw a save of {name}, which is not the current exercise: \
                     `l` to switch to it"
                ));
            }
        }
    }

    /// Starts `job`, or queues it behind the running check (one queued job
    /// at most: a verify-all covers a single check, the latest single check
    /// replaces an older one).
    fn request(&mut self, job: Job) {
        if self.running.is_some() {
            self.pending = Some(match (self.pending, job) {
                (Some(Job::All), _) | (_, Job::All) => Job::All,
                (_, one) => one,
            });
            return;
        }
        self.start(job);
    }

    fn start(&mut self, job: Job) {
        // The learner's check wins cargo's lock and the CPU.
        self.prebuild.stop();
        self.prebuild_status = None;
        self.next_id += 1;
        let id = self.next_id;
        let mut running = Running {
            id,
            job,
            cached: Vec::new(),
            keys: None,
        };
        let course = Arc::clone(&self.course);
        let selection: Vec<Exercise> = match job {
            Job::One(i) => {
                let ex = &self.course.exercises[i];
                if FileProblem::of(&ex.path).is_none()
                    && let Ok(bytes) = fs::read(&ex.path)
                {
                    self.checked_content.insert(i, hash(&bytes));
                }
                self.check_status = Some(format!("checking {}…", ex.name));
                running.keys = self.keys.clone().map(|mut keys| {
                    keys.key(ex);
                    keys
                });
                vec![ex.clone()]
            }
            Job::All => {
                // Without cache keys (no rustc?), everything is checked and
                // the check itself says what is wrong.
                let mut keys = self.keys.clone();
                let to_check = match keys.as_mut() {
                    Some(keys) => {
                        let saved =
                            self.progress
                                .reuse_cached(&course, keys, &course.exercises, true);
                        let reuse = self.saved(saved);
                        running.cached = reuse
                            .cached
                            .iter()
                            .map(|(ex, hit)| (ex.index, hit.kind, hit.first_message.clone()))
                            .collect();
                        reuse.to_check
                    }
                    None => self.course.exercises.clone(),
                };
                running.keys = keys;
                self.check_status = Some(format!(
                    "verifying {} exercises ({} unchanged since their last check)…",
                    self.course.exercises.len(),
                    running.cached.len()
                ));
                to_check
            }
        };
        self.running = Some(running);
        if selection.is_empty() {
            self.check_finished(id, Ok(Vec::new()));
            return;
        }
        let course = Arc::clone(&self.course);
        let tx = self.tx.clone();
        thread::spawn(move || {
            let refs: Vec<&Exercise> = selection.iter().collect();
            let progress = |p: CheckProgress| {
                let text = match p {
                    CheckProgress::PhaseStarted(phase) => format!("checking: {phase}…"),
                    CheckProgress::Compiled { phase, crate_name } => {
                        format!("checking: {phase} ({crate_name})…")
                    }
                    CheckProgress::Checked { name, .. } => format!("checked {name}"),
                };
                let _ = tx.send(Event::CheckProgress { id, text });
            };
            // A bug in the pipeline must not leave the screen waiting for a
            // verdict forever: it becomes a message like any failed check.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check::check(&course, &refs, &progress)
            }));
            let result = match result {
                Ok(result) => result.map_err(|e| format!("{e:#}")),
                Err(_) => Err(CHECK_PANICKED.to_owned()),
            };
            let _ = tx.send(Event::CheckFinished { id, result });
        });
    }

    fn check_finished(&mut self, id: u64, result: Result<Vec<Checked>, String>) {
        let Some(running) = self.running.take_if(|r| r.id == id) else {
            return;
        };
        self.check_status = None;
        match result {
            Err(e) => {
                self.panel = vec![
                    ui::bad("The check could not run:"),
                    e,
                    ui::dim("Fix the problem above, then press r to check again."),
                ];
            }
            Ok(checked) => match running.job {
                Job::One(i) => {
                    if let Some(c) = checked.into_iter().next() {
                        let key = cache_key(running.keys.as_ref(), &self.course.exercises[i]);
                        self.judged(i, c.verdict, key);
                    }
                }
                Job::All => self.verified(running, checked),
            },
        }
        match self.pending.take() {
            Some(job) => self.start(job),
            None => self.maybe_prebuild(),
        }
    }

    /// One exercise's verdict is in.
    fn judged(&mut self, i: usize, verdict: Verdict, key: Option<String>) {
        let ex = self.course.exercises[i].clone();
        let course = Arc::clone(&self.course);
        // The screen stays on a solved exercise until the learner presses `n`.
        let saved = self.progress.record(
            &course,
            &[CheckRecord {
                exercise: &ex,
                verdict: &verdict,
                key,
            }],
            Advance::Never,
        );
        let after = self.saved(saved).into_iter().next().flatten();
        if i != self.viewing {
            return;
        }
        self.verdict = Some(verdict);
        if let Some(after) = after {
            self.panel = vec![ui::ok(&format!("✓ {} is done!", ex.name))];
            self.panel.extend(after.lines(Medium::Watch));
            let progress = &self.progress;
            if let Some(msg) = self.course.track_done_message(&ex, |n| progress.is_done(n)) {
                self.panel.push(ui::ok(&msg));
            }
            if after.next.is_none() {
                self.start_final_verify();
            }
        }
    }

    fn start_final_verify(&mut self) {
        self.final_verify = true;
        self.panel
            .push("That was the last one: checking every exercise once more…".to_owned());
        self.request(Job::All);
    }

    /// A verify-all is in: record, cache, summarise.
    fn verified(&mut self, running: Running, checked: Vec<Checked>) {
        let mut results: Vec<(usize, VerdictKind, String)> = running.cached;
        let course = Arc::clone(&self.course);
        // Every check is of an exercise of this course (it came from it).
        let exercises: Vec<&Exercise> = checked
            .iter()
            .filter_map(|c| course.exercise(&c.name).ok())
            .collect();
        for (ex, c) in exercises.iter().zip(&checked) {
            let headline = crate::sanitize::for_terminal(&c.verdict.headline(), false);
            results.push((ex.index, c.verdict.kind(), headline));
            if ex.index == self.viewing {
                self.verdict = Some(c.verdict.clone());
            }
        }
        let records = verify::records(running.keys.as_ref(), &exercises, &checked);
        let saved = self.progress.record(&course, &records, Advance::Never);
        self.saved(saved);
        results.sort_by_key(|r| r.0);
        let failing: Vec<&(usize, VerdictKind, String)> = results
            .iter()
            .filter(|r| r.1 != VerdictKind::Pass)
            .collect();
        let total = results.len();
        if failing.is_empty() && self.final_verify {
            let message = self
                .course
                .final_message
                .clone()
                .unwrap_or_else(|| FINAL_MESSAGE.to_owned());
            self.panel = vec![ui::ok(&format!("✓ all {total} exercises are done!"))];
            self.panel.extend(message.trim().lines().map(str::to_owned));
            return;
        }
        self.final_verify = false;
        self.panel = vec![format!(
            "{} {}/{total} exercises done",
            console::style("Verify:").bold(),
            total - failing.len()
        )];
        for (i, _, headline) in failing.iter().take(5) {
            self.panel.push(format!(
                "  {} {} — {headline}",
                ui::bad("✗"),
                self.names[*i]
            ));
        }
        if failing.len() > 5 {
            self.panel.push(ui::dim(&format!(
                "  … and {} more (`rustdrill verify` lists them all)",
                failing.len() - 5
            )));
        }
        if !failing.is_empty() {
            self.panel.push(ui::dim("`l` to jump to one"));
        }
    }

    /// Builds the next chapter's dependencies while the learner is busy
    /// reading and typing (never while a check runs).
    fn maybe_prebuild(&mut self) {
        if !self.prebuild_enabled
            || self.running.is_some()
            || self.prebuild.is_running()
            || self.course.layout == Layout::Rustlings
        {
            return;
        }
        let ex = self.ex();
        let Some(chapter) = &ex.chapter else { return };
        let Some(next) = self.course.exercises[ex.index..]
            .iter()
            .find(|e| e.chapter.as_ref().is_some_and(|c| c != chapter))
        else {
            return;
        };
        let next_chapter = next.chapter.clone().unwrap_or_default();
        if next.package == ex.package || self.prebuilt.contains(&next_chapter) {
            return;
        }
        let job = prebuild::Job {
            chapter: next_chapter.clone(),
            bin: next.name.clone(),
            cargo: Cargo::for_course(&self.course),
        };
        self.prebuild_status = Some(ui::dim(&format!(
            "preparing {next_chapter} in the background…"
        )));
        self.prebuild.start(job, self.tx.clone());
    }

    fn prebuild_report(&mut self, report: PrebuildReport) {
        match report {
            PrebuildReport::Progress {
                generation,
                chapter,
                crates,
            } => {
                if self.prebuild.is_current(generation) {
                    self.prebuild_status = Some(ui::dim(&format!(
                        "preparing {chapter} in the background: {crates} crates built"
                    )));
                }
            }
            PrebuildReport::Finished {
                generation,
                chapter,
            } => {
                if self.prebuild.is_current(generation) {
                    self.prebuild.finished(generation);
                    self.prebuild_status = Some(ui::dim(&format!(
                        "{chapter} is ready: its dependencies are built"
                    )));
                    self.prebuilt.insert(chapter);
                }
            }
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
        if let Some(s) = &self.check_status {
            status.push(format!("{} {s}", console::style("⟳").cyan()));
        }
        status.extend(self.prebuild_status.iter().cloned());
        status.extend(self.watch_note.iter().cloned());
        status.extend(self.room_lines());
        let legend = match self.mode {
            Mode::Main if self.room.is_some() => LEGEND_CLASSROOM,
            Mode::Main => LEGEND_MAIN,
            Mode::List(_) => LEGEND_LIST,
            Mode::ConfirmReset => LEGEND_CONFIRM,
        };
        let panel: Vec<String> = self.welcome.iter().chain(&self.panel).cloned().collect();
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
            chapter: &self.chapters[self.viewing],
            legend,
        };
        let mut out = io::stdout().lock();
        out.write_all(screen::render(&frame).as_bytes())
            .and_then(|()| out.flush())
            .is_ok()
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Text from the classroom's server on one line, with no escape sequences.
fn one_line(text: &str) -> String {
    crate::sanitize::for_terminal(text, false).replace(['\n', '\t'], " ")
}

fn terminal_size() -> (usize, usize) {
    let (rows, cols) = console::Term::stdout().size();
    (usize::from(rows), usize::from(cols))
}

const LEGEND_MAIN: &str =
    "h hint · n next · l list · r re-check · c verify all · x reset · s solution · q quit";
const LEGEND_CLASSROOM: &str = "h hint · n next · l list · r re-check · c verify all · x reset · \
     s solution · ? raise hand · g go with the room · q quit";
const NOT_IN_CLASSROOM: &str =
    "this course is in no classroom: `rustdrill join URL CODE` to join the instructor's";
const LEGEND_LIST: &str =
    "↑↓ j/k move · Enter jump · / search · f filter (all/pending/done) · Esc/q back";
const LEGEND_CONFIRM: &str = "y reset the file · any other key keeps it";
const CHECK_PANICKED: &str = "rustdrill itself failed while checking (a bug: please report it \
     with the message printed above). Press r to try again.";
const FINAL_MESSAGE: &str = "You finished the course. Well done!";
