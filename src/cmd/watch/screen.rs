//! Drawing the watch screen: a pure function from a `Frame` (what to show)
//! to the bytes that paint it. Top to bottom: the verdict with the first
//! thing to fix (or the exercise list), the exercise's path, a panel for
//! hints and notes, a status line, the progress bar and the key legend.
//! Everything is cut to the terminal's size, so nothing scrolls away.

use std::path::Path;

use console::{measure_text_width, style, truncate_str};
use crossterm::Command;
use crossterm::cursor;
use crossterm::terminal::{Clear, ClearType};

use super::keys::{Facts, ListView, visible};
use super::panel::{PanelLine, StatusLine};
use crate::ui::text::{self, t};
use crate::ui::{self, Detail};
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::verdict::Verdict;

/// What the upper part of the screen shows.
pub enum Top<'a> {
    Verdict {
        ex: &'a Exercise,
        /// `None` until the first check of this exercise is done.
        verdict: Option<&'a Verdict>,
    },
    List {
        view: &'a ListView,
        facts: &'a Facts<'a>,
    },
}

/// One screenful.
pub struct Frame<'a> {
    pub rows: usize,
    pub cols: usize,
    pub course: &'a Course,
    pub top: Top<'a>,
    /// Hints, notes, the chapter introduction: wrapped to the width.
    pub panel: &'a [PanelLine],
    /// The answer to the last key, if any.
    pub message: Option<&'a str>,
    /// What runs in the background (check, prebuild), the watcher's and
    /// the classroom's news, one line each.
    pub status: &'a [StatusLine],
    pub done: usize,
    pub total: usize,
    pub chapter: &'a str,
    pub legend: &'a str,
}

/// The bytes that draw `frame` over the whole terminal. Lines are
/// overwritten in place and the rest cleared, which does not flicker the
/// way clearing the screen first does.
pub fn render(frame: &Frame) -> String {
    let cols = frame.cols.max(20);
    let rows = frame.rows.max(8);

    let mut bottom: Vec<String> = Vec::new();
    let panel_max = rows / 2;
    let mut panel: Vec<String> = frame
        .panel
        .iter()
        .flat_map(|l| l.render(frame.course))
        .flat_map(|l| text::wrap(&l, cols))
        .collect();
    if panel.len() > panel_max {
        panel.truncate(panel_max.saturating_sub(1));
        panel.push(ui::dim(&t!("watch-panel-cut")));
    }
    if !panel.is_empty() {
        bottom.push(ui::dim(&"─".repeat(cols.min(60))));
        bottom.extend(panel);
    }
    // The answer to a key and the legend wrap rather than lose their end
    // (a translation is often wider than the English).
    if let Some(message) = frame.message {
        bottom.extend(
            text::wrap(message, cols)
                .into_iter()
                .map(|l| style(l).yellow().to_string()),
        );
    }
    bottom.extend(frame.status.iter().map(StatusLine::render));
    bottom.push(progress_bar(frame.done, frame.total, frame.chapter, cols));
    bottom.extend(wrap_legend(frame.legend, cols).iter().map(|l| ui::dim(l)));

    let top_rows = rows.saturating_sub(bottom.len() + 1).max(3);
    let top = match &frame.top {
        Top::Verdict { ex, verdict } => verdict_lines(frame.course, ex, *verdict, top_rows),
        Top::List { view, facts } => list_lines(view, facts, top_rows),
    };

    let mut lines: Vec<String> = top.into_iter().take(top_rows).collect();
    lines.push(String::new());
    lines.extend(bottom);
    lines.truncate(rows);

    let mut out = String::new();
    command(&mut out, cursor::MoveTo(0, 0));
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            // Raw mode: a line feed alone does not return the cursor.
            out.push_str("\r\n");
        }
        // The path line carries an OSC 8 link, which console cannot measure.
        if line.contains("\x1b]8;") {
            out.push_str(line);
        } else {
            out.push_str(&truncate_str(line, cols, "…"));
        }
        command(&mut out, Clear(ClearType::UntilNewLine));
    }
    command(&mut out, Clear(ClearType::FromCursorDown));
    out
}

/// Appends a terminal command's escape sequence.
fn command(out: &mut String, command: impl Command) {
    // Writing to a String cannot fail.
    let _ = command.write_ansi(out);
}

fn verdict_lines(
    course: &Course,
    ex: &Exercise,
    verdict: Option<&Verdict>,
    rows: usize,
) -> Vec<String> {
    let path = path_line(course, ex);
    let Some(verdict) = verdict else {
        return vec![
            format!(
                "{} {} — {}",
                ui::dim("…"),
                style(&ex.name).bold(),
                ui::dim(&t!("watch-checking"))
            ),
            path,
        ];
    };
    let full = ui::render_verdict(course, ex, verdict, Detail::Full);
    let text = if full.lines().count() <= rows {
        full
    } else {
        // Headline, path, blank line and the "… more lines" note stay.
        let body = rows.saturating_sub(4);
        ui::render_verdict(course, ex, verdict, Detail::Lines(body))
    };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.len() > 1 {
        lines[1] = path;
    }
    lines
}

/// The exercise's path, as a link the terminal can open where it can.
fn path_line(course: &Course, ex: &Exercise) -> String {
    let shown = ex.relative_path.display().to_string();
    if hyperlinks() {
        format!("  {}", osc8(&course.root.join(&ex.relative_path), &shown))
    } else {
        format!("  {}", style(shown).underlined())
    }
}

fn osc8(target: &Path, text: &str) -> String {
    format!(
        "\x1b]8;;file://{}\x1b\\{text}\x1b]8;;\x1b\\",
        target.display()
    )
}

/// Whether the terminal shows OSC 8 links (an unknown terminal may print
/// them as garbage, so only those known to support them get them).
/// `FORCE_HYPERLINK` decides alone; otherwise no links without colours
/// (the learner asked for plain output) or inside tmux (which passes them
/// on only when configured to).
fn hyperlinks() -> bool {
    let forced = std::env::var_os("FORCE_HYPERLINK").is_some();
    let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    (forced || (console::colors_enabled() && !in_tmux))
        && supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout)
}

fn list_lines(view: &ListView, facts: &Facts, rows: usize) -> Vec<String> {
    let shown = visible(view, facts);
    let search = if view.typing || !view.search.is_empty() {
        format!(
            " · {}{}",
            t!("watch-list-search", text = view.search.as_str()),
            if view.typing { "▏" } else { "" }
        )
    } else {
        String::new()
    };
    let mut lines = vec![format!(
        "{} {}",
        style(t!("watch-list-title")).bold(),
        ui::dim(&t!(
            "watch-list-counts",
            shown = shown.len(),
            total = facts.names.len(),
            filter = view.filter.label(),
            search = search
        ))
    )];
    if shown.is_empty() {
        lines.push(ui::dim(&format!("  {}", t!("watch-list-none"))));
        return lines;
    }
    let height = rows.saturating_sub(1).max(1);
    // Keep the cursor in view, a little below the top when scrolling.
    let first = view
        .cursor
        .saturating_sub(height / 3)
        .min(shown.len().saturating_sub(height));
    // Columns, not bytes or chars: a translated status takes two columns
    // per Korean or Japanese character.
    let chapter_width = facts
        .chapters
        .iter()
        .map(|c| text::width(c))
        .max()
        .unwrap_or(0);
    let (done_text, pending_text) = (t!("watch-list-done"), t!("watch-list-pending"));
    let status_width = text::width(&done_text).max(text::width(&pending_text));
    for (row, &i) in shown.iter().enumerate().skip(first).take(height) {
        let cursor = if row == view.cursor { "›" } else { " " };
        let current = if i == facts.viewing { "▶" } else { " " };
        let status = if facts.done[i] {
            ui::ok(&text::pad(&done_text, status_width))
        } else {
            ui::dim(&text::pad(&pending_text, status_width))
        };
        let text = format!(
            "{cursor} {current} {status}  {}  {}",
            text::pad(facts.chapters[i], chapter_width),
            facts.names[i]
        );
        lines.push(if row == view.cursor {
            style(text).reverse().to_string()
        } else {
            text
        });
    }
    lines
}

/// The key legend on as many lines as it needs, broken between keys
/// (`h hint · n next`), never inside one.
fn wrap_legend(legend: &str, cols: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in legend.split(" · ") {
        match out.last_mut() {
            Some(line) if measure_text_width(line) + 3 + measure_text_width(key) <= cols => {
                line.push_str(" · ");
                line.push_str(key);
            }
            _ => out.push(key.to_owned()),
        }
    }
    out
}

/// `█████▉░░░░ 3/8 done · 01_basics`: the look of an indicatif bar
/// (`{bar:W.green/dim}`, progress characters `█▉░`), written here because
/// the screen is redrawn whole and a bar must not draw itself.
fn progress_bar(done: usize, total: usize, chapter: &str, cols: usize) -> String {
    let width = (cols / 3).clamp(10, 40);
    // As indicatif counts: an empty course is complete, and the cell being
    // filled shows as `▉`.
    let fraction = if total == 0 {
        1.0
    } else {
        (done as f32 / total as f32).min(1.0)
    };
    let fill = fraction * width as f32;
    let full = fill as usize;
    let head = usize::from(fill > 0.0 && full < width);
    let bar = format!(
        "{}{}{}",
        "█".repeat(full),
        "▉".repeat(head),
        style("░".repeat(width - full - head)).dim()
    );
    format!(
        "{} {}",
        style(bar).green(),
        t!(
            "watch-progress",
            done = done,
            total = total,
            chapter = chapter
        )
    )
}

/// The first paragraph of a chapter's README (its introduction), without
/// the title, as course text is shown (no escape sequences); `None` when
/// there is no README.
pub fn first_paragraph(readme: &str) -> Option<String> {
    let paragraph: Vec<&str> = readme
        .lines()
        .map(str::trim_end)
        .skip_while(|l| l.trim().is_empty() || l.starts_with('#'))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    (!paragraph.is_empty()).then(|| rustdrill_engine::sanitize::course_text(&paragraph.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::watch::panel::CheckStatus;

    /// The whole watch screen for each verdict kind, as a reviewed
    /// snapshot: escape sequences dropped, trailing blanks trimmed.
    #[test]
    fn the_watch_screen_for_every_verdict() {
        use rustdrill_engine::testing::{course, every_verdict, exercise};
        console::set_colors_enabled(false);
        let course = course();
        let ex = exercise();
        for (name, verdict) in every_verdict() {
            let panel = vec![
                PanelLine::Text("hint 1/1".to_owned()),
                PanelLine::Text("  Look at the empty slice.".to_owned()),
            ];
            let status = vec![StatusLine::Check(CheckStatus::Progress(
                rustdrill_engine::check::CheckEvent::PhaseStarted(
                    rustdrill_engine::cargo::Phase::TestBuild,
                ),
            ))];
            let frame = Frame {
                rows: 24,
                cols: 80,
                course: &course,
                top: Top::Verdict {
                    ex: &ex,
                    verdict: Some(&verdict),
                },
                panel: &panel,
                message: None,
                status: &status,
                done: 1,
                total: 8,
                chapter: "00_intro",
                legend: "h hint · n next · q quit",
            };
            let screen =
                rustdrill_engine::sanitize::for_terminal(&render(&frame).replace('\r', ""), false);
            let screen: Vec<&str> = screen.lines().map(str::trim_end).collect();
            insta::assert_snapshot!(format!("screen_{name}"), screen.join("\n").trim_end());
        }
    }

    /// The watch screen in Korean and Japanese at 80 columns: every line
    /// fits (a Korean or Japanese character takes two columns, so counting
    /// chars would let lines run past the edge and wrap), and the
    /// snapshot shows the words.
    #[test]
    fn the_watch_screen_in_korean_and_japanese_fits_80_columns() {
        use crate::ui::text::{self, Lang};
        use rustdrill_engine::testing::{course, every_verdict, exercise};
        console::set_colors_enabled(false);
        let course = course();
        let ex = exercise();
        for lang in [Lang::Ko, Lang::Ja] {
            text::set(lang);
            for (name, verdict) in every_verdict() {
                let panel = crate::cmd::watch::panel::hints(0, 1, true);
                let status = vec![
                    StatusLine::Check(CheckStatus::Verifying {
                        total: 8,
                        unchanged: 3,
                    }),
                    StatusLine::Prebuild(crate::cmd::watch::panel::PrebuildStatus::Built {
                        chapter: "01_vars".to_owned(),
                        crates: 12,
                    }),
                ];
                let legend =
                    crate::cmd::watch::panel::legend(&crate::cmd::watch::keys::Mode::Main, true);
                let message = t!("key-next-not-done", name = "intro2");
                let frame = Frame {
                    rows: 24,
                    cols: 80,
                    course: &course,
                    top: Top::Verdict {
                        ex: &ex,
                        verdict: Some(&verdict),
                    },
                    panel: &panel,
                    message: Some(&message),
                    status: &status,
                    done: 1,
                    total: 8,
                    chapter: "00_intro",
                    legend: &legend,
                };
                let screen = rustdrill_engine::sanitize::for_terminal(
                    &render(&frame).replace('\r', ""),
                    false,
                );
                let screen: Vec<&str> = screen.lines().map(str::trim_end).collect();
                for line in &screen {
                    assert!(
                        text::width(line) <= 80,
                        "{} {name}: {} columns: {line}",
                        lang.code(),
                        text::width(line)
                    );
                }
                insta::assert_snapshot!(
                    format!("screen_{}_{name}", lang.code()),
                    screen.join("\n").trim_end()
                );
            }
        }
        text::set(Lang::En);
    }

    #[test]
    fn progress_bar_shows_counts_and_chapter() {
        let bar = |done, total, cols| {
            console::strip_ansi_codes(&progress_bar(done, total, "01_basics", cols)).into_owned()
        };
        // A third of the width, 10 to 40 cells; the cell being filled is ▉.
        assert_eq!(
            bar(3, 8, 80),
            format!("{}▉{} 3/8 done · 01_basics", "█".repeat(9), "░".repeat(16))
        );
        assert_eq!(
            bar(0, 8, 20),
            format!("{} 0/8 done · 01_basics", "░".repeat(10))
        );
        assert_eq!(
            bar(8, 8, 200),
            format!("{} 8/8 done · 01_basics", "█".repeat(40))
        );
    }

    #[test]
    fn wraps_plain_text_keeping_indentation() {
        let lines = text::wrap("  one two three four five six", 14);
        assert_eq!(lines, ["  one two", "  three four", "  five six"]);
    }

    #[test]
    fn wraps_wide_characters_by_columns() {
        // Japanese has no spaces: the words are cut by columns, two per
        // character.
        let lines = text::wrap("  これは長い日本語の文です", 12);
        assert_eq!(lines, ["  これは長い", "  日本語の文", "  です"]);
        assert!(lines.iter().all(|l| measure_text_width(l) <= 12));
        let lines = text::wrap("한국어 문장은 띄어 씁니다", 13);
        assert_eq!(lines, ["한국어 문장은", "띄어 씁니다"]);
    }

    #[test]
    fn the_legend_breaks_between_keys() {
        assert_eq!(
            wrap_legend("h 힌트 · n 다음 · q 종료", 16),
            ["h 힌트 · n 다음", "q 종료"]
        );
        assert_eq!(wrap_legend("h hint · q quit", 80), ["h hint · q quit"]);
    }

    #[test]
    fn first_paragraph_skips_the_title() {
        let text = "# Vectors\n\nA `Vec` grows.\nIt owns its items.\n\nMore later.\n";
        assert_eq!(
            first_paragraph(text).as_deref(),
            Some("A `Vec` grows. It owns its items.")
        );
        assert_eq!(first_paragraph("# Only a title\n"), None);
        assert_eq!(
            first_paragraph("# T\n\nA \u{1b}]0;title\u{7}`Vec`\u{1b}[2J grows.\n").as_deref(),
            Some("A `Vec` grows.")
        );
    }
}
