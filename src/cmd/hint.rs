//! `rustdrill hint [NAME] [--all]`: reveal hints one at a time.

use anyhow::Result;

use super::Outcome;
use crate::cli::Global;
use crate::session::Session;
use crate::ui::text::t;
use crate::ui::{self, out, outln};

pub fn run(global: &Global, name: Option<&str>, all: bool) -> Result<Outcome> {
    let mut session = Session::load(global)?;
    let ex = session.pick(name)?.clone();
    let saved = session.progress.reveal_hint(&session.course, &ex, all);
    let step = saved.value;
    if all || step.exhausted() {
        out!("{}", ui::render_hints(&ex, 1..=step.shown))?;
        if !all && step.exhausted() {
            outln!("{}", ui::dim(&t!("hint-no-more")))?;
        }
    } else {
        // Only the newly revealed hint; earlier ones are one `--all` away.
        out!("{}", ui::render_hints(&ex, step.shown..=step.shown))?;
        if step.shown < step.total {
            outln!("{}", ui::dim(&t!("hint-run-again")))?;
        }
    }
    if let Some(e) = saved.unsaved {
        return Err(e.context("the hint above was shown but not remembered"));
    }
    Ok(Outcome::Done)
}
