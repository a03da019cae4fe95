//! `rustdrill hint [NAME] [--all]`: reveal hints one at a time.

use anyhow::Result;

use super::{Ctx, Outcome};
use crate::cli::Global;
use crate::ui::{self, out, outln};

pub fn run(global: &Global, name: Option<&str>, all: bool) -> Result<Outcome> {
    let mut ctx = Ctx::load_to_write(global)?;
    let ex = ctx.pick(name)?.clone();
    let total = ex.hints.len();
    let entry = ctx.state.exercise(&ex.name);
    let before = entry.hints_shown.min(total);
    let shown = if all { total } else { (before + 1).min(total) };
    entry.hints_shown = shown;
    if all || before == total {
        out!("{}", ui::render_hint(&ex, shown))?;
        if !all && before == total {
            outln!("{}", ui::dim("(no more hints: these are all of them)"))?;
        }
    } else {
        // Only the newly revealed hint; earlier ones are one `--all` away.
        let text = ui::render_hint(&ex, shown);
        let newest = text
            .split_inclusive('\n')
            .skip_while(|l| !l.contains(&format!("hint {shown}/")));
        out!("{}", newest.collect::<String>())?;
        if shown < total {
            outln!(
                "{}",
                ui::dim("(run `rustdrill hint` again for the next one)")
            )?;
        }
    }
    ctx.save()?;
    Ok(Outcome::Done)
}
