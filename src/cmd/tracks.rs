//! `rustdrill tracks` lists the course's tracks (included or not, chapters,
//! exercises done); `rustdrill tracks add NAME…` adds tracks to a course
//! `init` wrote: their chapters, info.toml entries, workspace members and
//! lock, then `cargo fetch`. Progress is keyed by exercise name, so adding
//! exercises leaves every bit of it as it was — provided none is dropped:
//! tracks are taken only from the same course (see [`same_course`]), and
//! the files an add rewrites are kept in `.rustdrill/backup/` first.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::Outcome;
use super::dev::i18n::Part;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::text::{self, t};
use crate::ui::{self, outln};
use rustdrill_engine::course::{self, Course, INFO_FILE};
use rustdrill_engine::files;
use rustdrill_engine::progress;
use rustdrill_engine::tracks::{self, Source};

/// One track's line of `rustdrill tracks`, and the same for a narrow
/// terminal.
struct TrackRow {
    /// The table row.
    line: String,
    /// Name, included, done and cost.
    first: String,
    /// Chapters, translations and description, each on its own lines.
    more: Vec<String>,
}

pub fn list(global: &Global) -> Result<Outcome> {
    let session = Session::load(global)?;
    // The room catches up with what waits in the outbox (after the output).
    session.resync_classroom();
    let course = &session.course;
    if !course.declared_tracks {
        outln!(
            "{}",
            t!("tracks-none-declared", name = &course.tracks[0].name)
        )?;
    }
    // Exercises of the tracks left out are counted in the course `init`
    // took them from, when that is the one inside rustdrill.
    let source = course.embedded.then(Source::embedded).and_then(Result::ok);
    // Costs are a courtesy: a file that does not read is said, not fatal.
    let costs = match fs::read_to_string(course.root.join(tracks::COSTS_FILE)) {
        Ok(text) => tracks::Costs::parse(&text).unwrap_or_else(|e| {
            eprintln!(
                "{}",
                ui::warn(&format!(
                    "{} does not read (costs not shown): {e:#}",
                    tracks::COSTS_FILE
                ))
            );
            tracks::Costs::default()
        }),
        Err(_) => tracks::Costs::default(),
    };
    let base = course.tracks.first().map(|t| t.name.as_str());
    let cost_of = |name: &str| {
        costs
            .get(name)
            .map_or_else(|| "-".to_owned(), |c| c.short(Some(name) != base, None))
    };
    let cost_width = course
        .tracks
        .iter()
        .map(|t| text::width(&cost_of(&t.name)))
        .max()
        .unwrap_or(0)
        .max(text::width(&t!("tracks-column-cost")));
    // A column only when the course ships measured costs.
    let cost_column = |text: &str| {
        if costs.is_empty() {
            String::new()
        } else {
            format!("{}  ", text::pad(text, cost_width))
        }
    };
    // Each language's coverage per track, from the course's catalogues (as
    // `dev i18n status` counts it); a courtesy like the costs.
    let coverage = match super::dev::i18n::coverage_at(&course.root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "{}",
                ui::warn(&format!(
                    "translations do not read (coverage not shown): {e:#}"
                ))
            );
            Vec::new()
        }
    };
    let languages_of = |name: &str| {
        coverage
            .iter()
            .filter_map(|(lang, rows)| {
                rows.iter()
                    .find(|(part, _)| *part == Part::Track(name.to_owned()))
                    .map(|(_, c)| format!("{lang} {}%", c.percent()))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let h_languages = t!("tracks-column-languages");
    let languages_width = course
        .tracks
        .iter()
        .map(|t| text::width(&languages_of(&t.name)))
        .max()
        .unwrap_or(0)
        .max(text::width(&h_languages));
    // A column only when the course has translations.
    let languages_column = |text: &str| {
        if coverage.is_empty() {
            String::new()
        } else {
            format!("{}  ", text::pad(text, languages_width))
        }
    };
    // Widths in terminal columns: the headings may be Korean or Japanese.
    let (h_track, h_included, h_done, h_cost, h_chapters, h_description) = (
        t!("tracks-column-track"),
        t!("tracks-column-included"),
        t!("tracks-column-done"),
        t!("tracks-column-cost"),
        t!("tracks-column-chapters"),
        t!("tracks-column-description"),
    );
    let (yes, no) = (t!("tracks-yes"), t!("tracks-no"));
    let included_width = text::width(&h_included)
        .max(text::width(&yes))
        .max(text::width(&no));
    let name_width = course
        .tracks
        .iter()
        .map(|t| text::width(&t.name))
        .max()
        .unwrap_or(0)
        .max(text::width(&h_track));
    let chapters: Vec<String> = course
        .tracks
        .iter()
        .map(|t| t.chapters.join(", "))
        .collect();
    let chapter_width = chapters
        .iter()
        .map(|c| text::width(c))
        .max()
        .unwrap_or(0)
        .max(text::width(&h_chapters));
    let right = |s: &str| format!("{}{s}", " ".repeat(9usize.saturating_sub(text::width(s))));
    let header = format!(
        "  {}  {}  {}  {}{}{}  {h_description}",
        text::pad(&h_track, name_width),
        text::pad(&h_included, included_width),
        right(&h_done),
        cost_column(&h_cost),
        languages_column(&h_languages),
        text::pad(&h_chapters, chapter_width)
    );
    let mut left_out = Vec::new();
    let mut rows = Vec::new();
    for (track, chapters) in course.tracks.iter().zip(&chapters) {
        let included = course.included_tracks.contains(&track.name);
        let done = if included {
            let mine: Vec<_> = course
                .exercises
                .iter()
                .filter(|e| e.track == track.name)
                .collect();
            let done = mine
                .iter()
                .filter(|e| session.progress.is_done(&e.name))
                .count();
            format!("{done}/{}", mine.len())
        } else {
            left_out.push(track.name.as_str());
            let total = source.as_ref().map(|s| {
                s.info
                    .exercises
                    .iter()
                    .filter(|e| e.dir.as_ref().is_some_and(|d| track.chapters.contains(d)))
                    .count()
            });
            total.map_or_else(|| "-".to_owned(), |t| format!("-/{t}"))
        };
        let mark = if included {
            ui::ok(&text::pad(&yes, included_width))
        } else {
            ui::dim(&text::pad(&no, included_width))
        };
        rows.push(TrackRow {
            line: format!(
                "  {}  {mark}  {}  {}{}{}  {}",
                text::pad(&track.name, name_width),
                right(&done),
                cost_column(&cost_of(&track.name)),
                languages_column(&languages_of(&track.name)),
                text::pad(chapters, chapter_width),
                track.description
            ),
            // The same facts for a narrow terminal: what fits first, the
            // rest on indented lines of their own.
            first: format!(
                "  {}  {mark}  {}  {}",
                text::pad(&track.name, name_width),
                right(&done),
                if costs.is_empty() {
                    String::new()
                } else {
                    cost_of(&track.name)
                }
            ),
            more: [
                chapters.clone(),
                languages_of(&track.name),
                track.description.clone(),
            ]
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect(),
        });
    }
    // A table wider than the terminal would wrap mid-word into a jumble
    // (the chapters alone take 90 columns): one block per track instead.
    let term = console::Term::stdout();
    let cols = term.is_term().then(|| usize::from(term.size().1));
    let widest = rows
        .iter()
        .map(|r| text::width(&r.line))
        .chain([text::width(&header)])
        .max()
        .unwrap_or(0);
    // Text on lines no wider than the terminal (as it is when piped).
    let fit = |line: &str| cols.map_or_else(|| vec![line.to_owned()], |c| text::wrap(line, c));
    match cols.filter(|c| widest > *c) {
        None => {
            outln!("{header}")?;
            for row in &rows {
                outln!("{}", row.line)?;
            }
        }
        Some(_) => {
            let indent = " ".repeat(4 + name_width);
            for row in &rows {
                outln!("{}", row.first.trim_end())?;
                for line in &row.more {
                    for part in fit(&format!("{indent}{line}")) {
                        outln!("{part}")?;
                    }
                }
            }
        }
    }
    for track in &course.tracks {
        if let Some(warning) = tracks::missing_libraries(track) {
            outln!("{}", ui::warn(&warning))?;
        }
    }
    if !costs.is_empty() {
        let machine = costs
            .machine
            .as_ref()
            .map_or_else(|| t!("tracks-machine-unknown"), tracks::Machine::name);
        let note = match costs.runs() {
            1 => t!("tracks-cost-note-one", machine = machine),
            runs => t!("tracks-cost-note", runs = runs, machine = machine),
        };
        outln!()?;
        for line in fit(&note) {
            outln!("{}", ui::dim(&line))?;
        }
    }
    if let Some(first) = left_out.first() {
        let hint = t!("tracks-add-hint", first = *first);
        outln!()?;
        for line in fit(&hint) {
            outln!("{line}")?;
        }
    }
    Ok(Outcome::Done)
}

pub fn add(
    global: &Global,
    names: &[String],
    no_fetch: bool,
    from: Option<&Path>,
) -> Result<Outcome> {
    let root = course::find_root(global.course.as_deref())?;
    let course = Course::load(&root, false)?;
    course.remove_leftovers();
    let source = match from {
        Some(dir) => Source::from_dir(dir)?,
        None if course.embedded => Source::embedded()?,
        None => bail!(
            "this course was not written by this rustdrill's `init` (or the course inside \
             rustdrill has changed since): add tracks from the full course folder with \
             `rustdrill tracks add NAME --from COURSE_DIR`"
        ),
    };
    let mut wanted = Vec::new();
    for name in names {
        source.info.track(name).map_err(anyhow::Error::msg)?;
        if course.included_tracks.contains(name) {
            outln!("{}", t!("tracks-already-in", name = name))?;
        } else if !wanted.contains(name) {
            wanted.push(name.clone());
        }
    }
    if wanted.is_empty() {
        return Ok(Outcome::Done);
    }
    for name in &wanted {
        if let Ok(track) = source.info.track(name)
            && let Some(warning) = tracks::missing_libraries(track)
        {
            eprintln!("{}", ui::warn(&warning));
        }
    }
    let mut selected = course.included_tracks.clone();
    selected.extend(wanted.iter().cloned());
    let selected = source.selection(&selected)?;
    let files = source.course_files(&selected, !source.embedded)?;
    same_course(&course, &files, from)?;

    // New chapters first, the learner's files untouched; then the files
    // that make the course see them, info.toml last.
    let rewritten: HashSet<&str> = [INFO_FILE, "exercises/Cargo.toml", "exercises/Cargo.lock"]
        .into_iter()
        .collect();
    let (whole, new): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| rewritten.contains(rel.as_str()));
    let added: Vec<PathBuf> = new
        .iter()
        .map(|(rel, _)| PathBuf::from(rel))
        .filter(|rel| !course.root.join(rel).exists())
        .collect();
    let rewritten = ["exercises/Cargo.toml", "exercises/Cargo.lock", INFO_FILE];
    let before: Vec<(PathBuf, Option<Vec<u8>>)> = rewritten
        .iter()
        .map(|rel| (course.root.join(rel), fs::read(course.root.join(rel)).ok()))
        .collect();
    // The course's language, read before anything changes.
    let translations = super::lang::course_translations(&course.root, course.embedded)?;
    let backup = back_up(&course, &before)?;
    // Each new file whole or not at all: a file already there is kept (the
    // learner's), so a half-written one would stay.
    for (rel, bytes) in new
        .iter()
        .filter(|(rel, _)| added.iter().any(|a| a == Path::new(rel)))
    {
        let path = course.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        // In the course's language, as `init` would have written it.
        let bytes = super::lang::localise_new_file(
            &course.root,
            course.embedded,
            &translations,
            rel,
            bytes,
        )?;
        files::write_atomic(&path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    progress::keep_originals_of_added(&course, &added)?;
    for name in rewritten {
        if let Some((rel, bytes)) = whole.iter().find(|(rel, _)| rel == name) {
            let path = course.root.join(rel);
            files::write_atomic(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    let trimmed = tracks::trim_lock(&course.root)?;
    if tracks::is_vendored(&course.root) {
        eprintln!(
            "This course is vendored: copying the added chapters' dependencies into vendor/ (cargo vendor)…"
        );
        match tracks::vendor(&course.root) {
            Ok(size) => eprintln!("Vendored: {} in vendor/.", tracks::human_size(size)),
            Err(e) => {
                undo(&course.root, &before, &added);
                return Err(e.context(format!(
                    "track {} not added: this course builds from vendor/, and the added \
                     chapters' dependencies could not be vendored",
                    wanted.join(", ")
                )));
            }
        }
    } else if no_fetch {
        eprintln!(
            "Skipped downloading dependencies (--no-fetch): run `cargo fetch` in {} while online.",
            course.cargo_dir.display()
        );
        if !trimmed {
            eprintln!(
                "Its Cargo.lock lists packages of tracks left out until `cargo fetch` trims it."
            );
        }
    } else {
        super::init::fetch(&course.root)?;
    }

    // Load it again: what every command will now see. A course that does
    // not load, or lost an exercise, is put back as it was.
    let kept = |new: &Course| {
        course
            .exercises
            .iter()
            .all(|e| new.exercises.iter().any(|n| n.name == e.name))
    };
    let course = match Course::load(&course.root, false) {
        Ok(new) if kept(&new) => new,
        Ok(_) => {
            undo(&course.root, &before, &added);
            bail!(
                "track {} not added: the course it made lost exercises of yours; \
                 nothing was changed",
                wanted.join(", ")
            );
        }
        Err(e) => {
            undo(&course.root, &before, &added);
            return Err(e.context(format!(
                "track {} not added: the course does not load with it (nothing was changed)",
                wanted.join(", ")
            )));
        }
    };
    for name in &wanted {
        let exercises = course.exercises.iter().filter(|e| &e.track == name).count();
        let chapters = &source
            .info
            .track(name)
            .map_err(anyhow::Error::msg)?
            .chapters;
        outln!(
            "{} {}",
            ui::ok("✓"),
            t!(
                "tracks-added",
                name = name,
                chapters = chapters.join(", "),
                exercises = exercises
            )
        )?;
    }
    outln!("{}", t!("tracks-progress-kept"))?;
    outln!(
        "{}",
        ui::dim(&t!("tracks-backup", backup = backup.display().to_string()))
    )?;
    Ok(Outcome::Done)
}

/// Tracks come only from the same course: the one whose exercises this
/// folder holds. The rule is what the add must never do — drop one of the
/// learner's exercises (its progress would vanish with it): every exercise
/// of this folder must be in the info.toml the add writes, in the same
/// chapter. A course of another author (or another edition that renamed or
/// removed exercises) fails it, naming what it lacks.
fn same_course(course: &Course, files: &[(String, Vec<u8>)], from: Option<&Path>) -> Result<()> {
    let Some((_, bytes)) = files.iter().find(|(rel, _)| rel == INFO_FILE) else {
        bail!("the course to add tracks from has no {INFO_FILE}");
    };
    let text = String::from_utf8_lossy(bytes);
    let info = course::info::parse(Path::new(INFO_FILE), &text, false)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the course to add tracks from does not load")?;
    let lost: Vec<String> = course
        .exercises
        .iter()
        .filter(|e| {
            !info
                .exercises
                .iter()
                .any(|i| i.name == e.name && i.dir == e.chapter)
        })
        .map(|e| match &e.chapter {
            Some(dir) => format!("{} ({dir})", e.name),
            None => e.name.clone(),
        })
        .collect();
    if lost.is_empty() {
        return Ok(());
    }
    let source = from.map_or_else(
        || "the course inside rustdrill".to_owned(),
        |d| d.display().to_string(),
    );
    let shown = lost.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    let more = if lost.len() > 5 {
        format!(" and {} more", lost.len() - 5)
    } else {
        String::new()
    };
    bail!(
        "{source} is not the same course as this one: it has no {shown}{more}, which this \
         course holds. Adding its tracks would drop those exercises and your progress on \
         them, so nothing was changed. Add tracks from the course folder this one was made \
         from (`rustdrill init --from` took it), or start that course in a new folder with \
         `rustdrill init`."
    )
}

/// Keeps what an add is about to rewrite (info.toml, the workspace's
/// manifest and lock) in `.rustdrill/backup/tracks-add-TIME/`, each file
/// whole or not at all. Returns that folder.
fn back_up(course: &Course, before: &[(PathBuf, Option<Vec<u8>>)]) -> Result<PathBuf> {
    let backups = course.state_dir().join("backup");
    fs::create_dir_all(&backups).with_context(|| format!("cannot create {}", backups.display()))?;
    let dir = files::stamped_path(&backups, "tracks-add-", "");
    for (path, bytes) in before {
        let (Some(bytes), Ok(rel)) = (bytes, path.strip_prefix(&course.root)) else {
            continue;
        };
        let dest = dir.join(rel);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        files::write_new(&dest, bytes).with_context(|| {
            format!(
                "cannot keep a copy of {} in {}, so nothing was changed",
                rel.display(),
                dir.display()
            )
        })?;
    }
    Ok(dir)
}

/// Puts the course back as it was before an add that could not finish.
fn undo(root: &Path, before: &[(PathBuf, Option<Vec<u8>>)], added: &[PathBuf]) {
    for (path, bytes) in before {
        let _ = match bytes {
            Some(bytes) => files::write_atomic(path, bytes),
            None => fs::remove_file(path),
        };
    }
    for rel in added {
        let _ = fs::remove_file(root.join(rel));
        // Folders the add created, now empty (remove_dir fails otherwise).
        for dir in rel
            .ancestors()
            .skip(1)
            .filter(|d| !d.as_os_str().is_empty())
        {
            if fs::remove_dir(root.join(dir)).is_err() {
                break;
            }
        }
    }
}
