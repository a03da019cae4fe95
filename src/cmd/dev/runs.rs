//! The runs that prove a course, through the pipeline `verify` uses, in a
//! [`Sandbox`]: as shipped, every exercise must fail (fast: a hang teaches
//! nothing); with its solution in place, every one must pass with strict
//! clippy; and every recorded wrong answer, all built in one more pass as
//! bins of their own, must be judged not done.

use std::time::{Duration, Instant};

use anyhow::Result;

use super::problem::Problem;
use super::sandbox::Sandbox;
use super::wrong_answers::{self, WrongAnswer};
use crate::ui::{Mode, Reporter};
use rustdrill_engine::check::{self, Checked};
use rustdrill_engine::course::{Course, Exercise};
use rustdrill_engine::verdict::Verdict;

/// What the runs found.
pub struct Proof {
    pub problems: Vec<Problem>,
    /// How many wrong answers were judged, and the wall time of their pass.
    pub wrong_answers: (usize, Duration),
}

/// The runs over the exercises of `course` whose chapter is `in_scope`,
/// and over the `wrong` answers (already limited to those chapters).
pub fn prove(
    course: &Course,
    in_scope: &dyn Fn(Option<&str>) -> bool,
    wrong: &[WrongAnswer],
) -> Result<Proof> {
    let mut sandbox = Sandbox::new(course, wrong)?;
    let mut problems = Vec::new();

    let copy = sandbox.course();
    let unsolved: Vec<&Exercise> = copy
        .exercises
        .iter()
        .filter(|e| !e.skip_check_unsolved && in_scope(e.chapter.as_deref()))
        .collect();
    for (ex, checked) in unsolved.iter().zip(run(copy, &unsolved, "unsolved")?) {
        problems.extend(as_shipped(ex, &checked.verdict));
    }

    let solved = sandbox.solve(|e| in_scope(e.chapter.as_deref()))?;
    let copy = sandbox.course();
    let selection: Vec<&Exercise> = copy
        .exercises
        .iter()
        .filter(|e| solved.contains(&e.name))
        .collect();
    for (ex, checked) in selection.iter().zip(run(copy, &selection, "solved")?) {
        problems.extend(with_solution(ex, &checked.verdict));
    }

    // One cargo pass for every wrong answer, after the solved one: the
    // chapters' dependencies and support libraries are built by then.
    let started = Instant::now();
    let placed = sandbox.wrong_answers();
    let built_as: Vec<&Exercise> = placed.iter().map(|(_, ex)| ex).collect();
    let verdicts = run(sandbox.course(), &built_as, "wrong answers")?;
    for ((answer, _), checked) in placed.iter().zip(verdicts) {
        problems.extend(wrong_answers::judge(answer, &checked.verdict));
    }
    Ok(Proof {
        problems,
        wrong_answers: (placed.len(), started.elapsed()),
    })
}

/// One run of `selection`, its progress shown under the name of the pass.
fn run(course: &Course, selection: &[&Exercise], pass: &'static str) -> Result<Vec<Checked>> {
    if selection.is_empty() {
        return Ok(Vec::new());
    }
    let reporter = Reporter::new(Mode::Pass { pass });
    check::check(course, selection, &|event| reporter.report(event))
}

/// What is wrong with `verdict` for an exercise as shipped.
fn as_shipped(ex: &Exercise, verdict: &Verdict) -> Option<Problem> {
    if verdict.passed() {
        return Some(Problem::new(
            &ex.relative_path,
            Some(&ex.name),
            "passes as shipped: leave something for the learner to fix \
             (or set `skip_check_unsolved = true`)",
        ));
    }
    // A learner would wait the whole limit for a message that teaches
    // nothing; a hang is rarely the lesson.
    let Verdict::TimedOut { limit, .. } = verdict else {
        return None;
    };
    Some(Problem::new(
        &ex.relative_path,
        Some(&ex.name),
        format!(
            "times out as shipped (after {} s): make it fail fast with a message \
             that teaches, e.g. wrap a wait in `tokio::time::timeout` (paused \
             time makes that instant)",
            limit.as_secs()
        ),
    ))
}

/// What is wrong with `verdict` for an exercise with its solution in place.
fn with_solution(ex: &Exercise, verdict: &Verdict) -> Option<Problem> {
    (!verdict.passed()).then(|| {
        Problem::new(
            &ex.solution_path,
            Some(&ex.name),
            format!(
                "the solution does not pass (clippy strict): {}",
                verdict.headline()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustdrill_engine::testing::{exercise, verdict};

    #[test]
    fn as_shipped_an_exercise_must_fail_fast() {
        let ex = exercise();
        assert_eq!(as_shipped(&ex, &verdict("test_failed")), None);
        let passes = as_shipped(&ex, &verdict("pass")).map(|p| p.to_string());
        assert!(passes.is_some_and(|p| {
            p.starts_with("exercises/00_intro/intro2.rs: exercise `intro2`: passes as shipped")
        }),);
        let hangs = as_shipped(&ex, &verdict("timed_out")).map(|p| p.to_string());
        assert!(hangs.is_some_and(|p| p.contains("times out as shipped (after 10 s)")));
    }

    #[test]
    fn solved_an_exercise_must_pass() {
        let ex = exercise();
        assert_eq!(with_solution(&ex, &verdict("pass")), None);
        let fails = with_solution(&ex, &verdict("clippy")).map(|p| p.to_string());
        assert!(fails.is_some_and(|p| p.starts_with(
            "solutions/00_intro/intro2.rs: exercise `intro2`: the solution does not pass \
                 (clippy strict): clippy"
        )),);
    }
}
