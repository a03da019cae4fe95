//! `rustdrill dev measure`: each track's cold cost, measured, written to
//! `track-costs.toml` at the course root, which the course ships (it is
//! embedded with it) and `init` and `rustdrill tracks` show.
//!
//! One measurement is what a learner pays: a course with the track (and the
//! base track, always there) written to a temporary folder, solutions in
//! place, dependencies fetched (not timed: the cargo cache is shared), then
//! `rustdrill verify` timed from an empty target directory, and the size of
//! that target directory, and the size of its dependencies' sources as
//! `init --vendor` copies them. The base track is measured alone; another track's
//! cost is what it adds to the base.

use std::fs;
use std::process::Stdio;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::cli::Global;
use crate::cmd::Outcome;
use crate::ui::outln;
use rustdrill_engine::course::{self, Course};
use rustdrill_engine::supervisor;
use rustdrill_engine::tracks::{self, COSTS_FILE, Cost, Source};

pub fn measure(global: &Global) -> Result<Outcome> {
    let root = course::find_root(global.course.as_deref())?;
    let source = Source::from_dir(&root)?;
    let names: Vec<String> = source.info.tracks.iter().map(|t| t.name.clone()).collect();
    let base = measure_one(&source, &names[..1])?;
    outln!(
        "{}: {:.0} s, {} (cold verify, target/), vendored {}",
        names[0],
        base.build_secs,
        tracks::human_size(base.target_bytes),
        tracks::human_size(base.vendor_bytes)
    )?;
    let mut costs = vec![(names[0].clone(), base.clone())];
    for name in &names[1..] {
        let with = measure_one(&source, &[names[0].clone(), name.clone()])?;
        let cost = Cost {
            build_secs: (with.build_secs - base.build_secs).max(0.0),
            target_bytes: with.target_bytes.saturating_sub(base.target_bytes),
            vendor_bytes: with.vendor_bytes.saturating_sub(base.vendor_bytes),
        };
        outln!(
            "{name}: +{:.0} s, +{}, vendored +{}",
            cost.build_secs,
            tracks::human_size(cost.target_bytes),
            tracks::human_size(cost.vendor_bytes)
        )?;
        costs.push((name.clone(), cost));
    }
    let path = root.join(COSTS_FILE);
    fs::write(&path, tracks::costs_toml(&costs, &machine()))
        .with_context(|| format!("cannot write {}", path.display()))?;
    outln!("Wrote {}: ship it with the course.", path.display())?;
    Ok(Outcome::Done)
}

/// A cold `rustdrill verify` of the course with the `selected` tracks.
fn measure_one(source: &Source, selected: &[String]) -> Result<Cost> {
    eprintln!("Measuring {}…", selected.join(" + "));
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let root = dir.path();
    tracks::write_files(root, &source.course_files(selected, true)?, false)?;
    tracks::trim_lock(root)?;
    let exercises = root.join("exercises");
    let fetch = supervisor::status(
        supervisor::command("cargo")
            .args(["fetch", "--quiet"])
            .current_dir(&exercises)
            .stdin(Stdio::null()),
    )
    .context("cannot start cargo fetch")?;
    if !fetch.success() {
        bail!(
            "`cargo fetch` failed for {} (see above)",
            selected.join(" + ")
        );
    }
    // What `init --vendor` would copy: the crates just fetched, offline.
    let vendor = root.join("vendor-measure");
    let vendored = supervisor::status(
        supervisor::command("cargo")
            .args(["vendor", "--quiet", "--offline"])
            .arg(&vendor)
            .current_dir(&exercises)
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )
    .context("cannot start cargo vendor")?;
    if !vendored.success() {
        bail!(
            "`cargo vendor` failed for {} (see above)",
            selected.join(" + ")
        );
    }
    let vendor_bytes = tracks::dir_size(&vendor);
    let _ = fs::remove_dir_all(&vendor);
    // Solved: every exercise builds, runs and is linted, as a learner's
    // course is by the end.
    let course = Course::load(root, false)?;
    for ex in &course.exercises {
        fs::copy(root.join(&ex.solution_path), &ex.path)
            .with_context(|| format!("cannot put the solution of {} in place", ex.name))?;
    }
    let _ = fs::remove_dir_all(&course.target_dir);
    let exe = std::env::current_exe().context("cannot find rustdrill itself")?;
    let start = Instant::now();
    let verify = supervisor::status(
        supervisor::command(exe)
            .args(["verify", "--no-cache", "--course"])
            .arg(root)
            .env_remove("CARGO_TARGET_DIR")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )
    .context("cannot start rustdrill verify")?;
    let build_secs = start.elapsed().as_secs_f64();
    if !verify.success() {
        bail!(
            "`rustdrill verify` with every solution in place failed for {}: \
             run `rustdrill dev check` first",
            selected.join(" + ")
        );
    }
    Ok(Cost {
        build_secs,
        target_bytes: tracks::dir_size(&course.target_dir),
        vendor_bytes,
    })
}

/// Where the numbers come from: cores and rustc.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = supervisor::output(supervisor::command("rustc").arg("--version"))
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cores} cores, {rustc}")
}
