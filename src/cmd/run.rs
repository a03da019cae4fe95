//! `rustdrill run [NAME]`: check one exercise once and print its verdict.

use anyhow::Result;

use super::{Ctx, Outcome};
use crate::check::{self, Progress};
use crate::cli::Global;
use crate::course::Exercise;
use crate::state;
use crate::ui::{self, Detail, out, outln};
use crate::verdict::Verdict;

pub fn run(global: &Global, name: Option<&str>) -> Result<Outcome> {
    let mut ctx = Ctx::load_to_write(global)?;
    if ctx.state.fresh
        && let Some(welcome) = &ctx.course.welcome_message
    {
        // A welcome that cannot be shown (a closed pipe) is no reason to
        // skip the check: its error is left to the verdict's output.
        let _ = outln!("{}\n", welcome.trim());
        ctx.state.state.welcomed = true;
    }
    let ex = ctx.pick(name)?.clone();
    if name.is_none() {
        ctx.state.set_current(&ex.name);
    }
    let verdict = check_one(&ctx, &ex)?;
    let passed = verdict.passed();
    record(&mut ctx, &ex, &verdict);
    // Saved before anything is printed: output that cannot be written (a
    // closed pipe) must not lose the exercise the learner just solved.
    ctx.save()?;
    out!(
        "{}",
        ui::render_verdict(&ctx.course, &ex, &verdict, Detail::Full)
    )?;
    if passed {
        outln!()?;
        if ctx.course.root.join(&ex.solution_path).is_file() {
            outln!(
                "Solved! Compare with the reference solution: {}",
                ex.solution_path.display()
            )?;
        }
        match ctx.state.next_pending(&ctx.course, &ex.name) {
            Some(next) => outln!(
                "Next exercise: {} ({})",
                next.name,
                next.relative_path.display()
            )?,
            None => {
                if let Some(msg) = &ctx.course.final_message {
                    outln!("{}", msg.trim())?;
                }
            }
        }
    } else if !ex.hints.is_empty() {
        outln!(
            "\n{}",
            ui::dim(&format!("Stuck? `rustdrill hint {}`", ex.name))
        )?;
    }
    Ok(if passed {
        Outcome::Done
    } else {
        Outcome::NotDone
    })
}

/// Checks one exercise with a spinner on stderr (hidden when not a terminal).
pub fn check_one(ctx: &Ctx, ex: &Exercise) -> Result<Verdict> {
    let spinner = ui::spinner();
    spinner.set_message(format!("checking {}", ex.name));
    let progress = |event: Progress| match event {
        Progress::PhaseStarted(phase) => {
            spinner.set_message(format!("checking {}: {phase}", ex.name))
        }
        Progress::Compiled { phase, crate_name } => {
            spinner.set_message(format!("checking {}: {phase} ({crate_name})", ex.name));
        }
        Progress::Checked { .. } => {}
    };
    let result = check::check(&ctx.course, &[ex], &progress);
    spinner.finish_and_clear();
    let mut checked = result?;
    Ok(checked.remove(0).verdict)
}

/// Records a check in the state; on a pass the exercise is done and, if it
/// was current, the next pending one becomes current.
pub fn record(ctx: &mut Ctx, ex: &Exercise, verdict: &Verdict) {
    let entry = ctx.state.exercise(&ex.name);
    // Saturating: the count comes from a file a learner can edit.
    entry.checks = entry.checks.saturating_add(1);
    if entry.first_opened.is_none() {
        entry.first_opened = Some(state::now());
    }
    if verdict.passed() {
        if !entry.done {
            entry.solved_at = Some(state::now());
        }
        entry.done = true;
        // A course from `rustdrill init` gets the solution once solved.
        if let Err(e) = super::init::reveal_solution(&ctx.course, ex) {
            eprintln!("{}", ui::warn(&format!("{e:#}")));
        }
        let was_current = ctx.state.current(&ctx.course).name == ex.name;
        if was_current && let Some(next) = ctx.state.next_pending(&ctx.course, &ex.name) {
            let next = next.name.clone();
            ctx.state.set_current(&next);
        }
    }
}
