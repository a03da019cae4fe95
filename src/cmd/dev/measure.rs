//! `rustdrill dev measure`: each track's cold cost, measured the way a
//! learner pays it, written to `track-costs.toml` at the course root, which
//! the course ships (it is embedded with it) and `init` and `rustdrill
//! tracks` show.
//!
//! One measurement is exactly what a learner runs: this very binary's
//! `rustdrill init DIR --track core [--track NAME]` into a fresh folder (the
//! course embedded in it when the course measured is that one, else `--from`
//! the course folder), dependencies fetched by init (not timed: the cargo
//! cache is shared and the network is not the machine), every solution put
//! in place, then `rustdrill verify` timed. The folder is fresh, so that
//! verify is cold with or without `--no-cache` (there is no `target/` and no
//! `.rustdrill/` holding cached verdicts: checked before timing), and it is
//! run as a learner runs it, without. Then the size of `target/`, and of the
//! dependencies' sources as `init --vendor` copies them.
//!
//! Every selection is measured `--runs` times (at least 2), the runs of all
//! selections interleaved so a machine that slows down part-way spreads the
//! slowdown over every track rather than landing on one; the file records
//! the median and the fastest and slowest run. The machine is recorded too:
//! cores, rustc, and a calibration build (see `calibration.rs`) to scale by.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use super::calibration;
use crate::cli::Global;
use crate::cmd::Outcome;
use crate::ui::outln;
use rustdrill_engine::course::{self, Course};
use rustdrill_engine::files;
use rustdrill_engine::supervisor;
use rustdrill_engine::tracks::{
    self, COSTS_FILE, Calibration, Cost, Costs, Figure, Machine, Source,
};

/// `rustdrill dev measure`'s options (defaults in cli.rs).
pub struct Options {
    /// Cold builds of each selection (at least 2).
    pub runs: u32,
    /// Only these tracks (and the first, which they add to); the others
    /// keep their figures in the file.
    pub tracks: Vec<String>,
    /// What learners are told the figures were measured on (default:
    /// "N cores").
    pub machine: Option<String>,
    /// Only time the calibration build and compare with the file.
    pub calibrate_only: bool,
    /// Items per crate of the calibration build (smaller in the tests).
    pub calibration_size: u32,
}

pub fn measure(global: &Global, options: &Options) -> Result<Outcome> {
    if options.runs < 2 {
        bail!(
            "--runs {}: measure at least twice, so the file can say how much the figures vary",
            options.runs
        );
    }
    let root = course::find_root(global.course.as_deref())?;
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot open the course folder {}", root.display()))?;
    let path = root.join(COSTS_FILE);
    let existing = match fs::read_to_string(&path) {
        Ok(text) => Some(Costs::parse(&text).with_context(|| {
            format!(
                "{} does not read; fix it or remove it, then measure again",
                path.display()
            )
        })?),
        Err(_) => None,
    };

    if cfg!(debug_assertions) {
        // rustdrill runs inside every compile (cargo's workspace wrapper):
        // a debug build of it adds time a learner's release build does not.
        eprintln!(
            "{}",
            crate::ui::warn(
                "this rustdrill is a debug build; learners run a release one. Measure with \
                 `cargo build --release` and target/release/rustdrill for figures to ship."
            )
        );
    }
    let id = calibration::id(options.calibration_size);
    let mut machine = this_machine(options.machine.as_deref());
    let kind = machine.kind.clone();
    let time_calibration = || -> Result<Calibration> {
        eprintln!(
            "Timing the calibration build ({id}), {} times…",
            options.runs
        );
        let secs = Figure::of(&repeat(options.runs, || {
            calibration::build_once(options.calibration_size)
        })?);
        outln!(
            "calibration on this machine ({kind}): {} (median {:.1} s)",
            secs.time(),
            secs.median
        )?;
        Ok(Calibration {
            id: id.clone(),
            secs,
        })
    };
    if options.calibrate_only {
        return compare(existing.as_ref(), &time_calibration()?);
    }

    let source = Source::from_dir(&root)?;
    // The course inside this binary is measured as `rustdrill init` writes
    // it (no --from): what a learner gets. Only if it is the folder's
    // course, file for file: a binary built before an edit (or from another
    // checkout) would time a course that is not the one the file ships with.
    let info_path = root.join(course::INFO_FILE);
    let info = course::info::parse(&info_path, &source.info_text, false)?;
    let embedded = course::is_embedded_info(&source.info_text, &info);
    if embedded {
        let differ = differing(&Source::embedded()?.files, &source.files);
        if let Some(first) = differ.first() {
            bail!(
                "this rustdrill holds another version of the course than {}: {} file{} \
                 differ{}, e.g. {first}. Build it from this folder (`cargo build --release`) \
                 and measure with that binary.",
                root.display(),
                differ.len(),
                if differ.len() == 1 { "" } else { "s" },
                if differ.len() == 1 { "s" } else { "" },
            );
        }
    }
    eprintln!(
        "Measuring {}",
        if embedded {
            "the course inside this rustdrill, as `rustdrill init` writes it".to_owned()
        } else {
            format!(
                "the course in {}, as `rustdrill init --from` it writes it",
                root.display()
            )
        }
    );
    let all: Vec<String> = source.info.tracks.iter().map(|t| t.name.clone()).collect();
    let base = all[0].clone();
    let others: Vec<String> = if options.tracks.is_empty() {
        all[1..].to_vec()
    } else {
        source.selection(&options.tracks)?[1..].to_vec()
    };
    // One file describes one machine: measuring some tracks again keeps the
    // others' figures only when they were measured on the same kind (asked
    // before anything is timed).
    let kept: Vec<(String, Cost)> = match &existing {
        Some(old) if !options.tracks.is_empty() => {
            if !same_machine(old.machine.as_ref(), &machine, &id) {
                bail!(
                    "{} was measured {}, not here ({}, {}): measure every track here \
                     (leave out --track) so the file describes one machine",
                    path.display(),
                    old.on(),
                    machine.kind,
                    machine.rustc.as_deref().unwrap_or("rustc unknown")
                );
            }
            old.tracks
                .iter()
                .filter(|(n, _)| n != &base && !others.contains(n))
                .cloned()
                .collect()
        }
        _ => Vec::new(),
    };
    machine.calibration = Some(time_calibration()?);

    let mut selections = vec![vec![base.clone()]];
    selections.extend(others.iter().map(|t| vec![base.clone(), t.clone()]));
    let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); selections.len()];
    for run in 1..=options.runs {
        for (selection, samples) in selections.iter().zip(&mut samples) {
            eprintln!(
                "Run {run}/{}: {} (init, solutions in, cold verify)…",
                options.runs,
                selection.join(" + ")
            );
            let sample = measure_once(&root, &source, embedded, selection)?;
            eprintln!(
                "  {:.1} s, target {}",
                sample.build_secs,
                tracks::human_size(sample.target_bytes)
            );
            samples.push(sample);
        }
    }

    let totals: Vec<Total> = samples.iter().map(|s| Total::of(s)).collect();
    let base_total = &totals[0];
    outln!(
        "{base}: {} (median {:.1} s), target {}, vendored {}",
        base_total.secs.time(),
        base_total.secs.median,
        tracks::human_size(base_total.target_bytes),
        tracks::human_size(base_total.vendor_bytes)
    )?;
    let mut measured = vec![(base.clone(), base_total.cost(None, options.runs))];
    for (name, total) in others.iter().zip(&totals[1..]) {
        let cost = total.cost(Some(base_total), options.runs);
        outln!(
            "{base} + {name}: {} (median {:.1} s), target {}; so {name} adds {}",
            total.secs.time(),
            total.secs.median,
            tracks::human_size(total.target_bytes),
            cost.short(true, None)
        )?;
        measured.push((name.clone(), cost));
    }

    // In the course's track order, measured and kept alike.
    let tracks: Vec<(String, Cost)> = all
        .iter()
        .filter_map(|name| {
            measured
                .iter()
                .chain(&kept)
                .find(|(n, _)| n == name)
                .cloned()
        })
        .collect();
    let costs = Costs {
        machine: Some(machine),
        tracks,
    };
    files::write_atomic(&path, costs.to_toml().as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    outln!("Wrote {}: ship it with the course.", path.display())?;
    let readme = root.join("README.md");
    if let Some(new) = fs::read_to_string(&readme)
        .ok()
        .and_then(|text| tracks::rewrite_readme(&text, &costs))
    {
        files::write_atomic(&readme, new.as_bytes())
            .with_context(|| format!("cannot write {}", readme.display()))?;
        outln!("Rewrote the track-cost table in {}.", readme.display())?;
    }
    Ok(Outcome::Done)
}

/// The course files (relative paths) that are not the same in `a` and
/// `b`: changed, or in one only. The costs file is left out: measuring
/// rewrites it.
fn differing(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Vec<String> {
    let a: std::collections::BTreeMap<_, _> = a.iter().map(|(p, f)| (p, f)).collect();
    let b: std::collections::BTreeMap<_, _> = b.iter().map(|(p, f)| (p, f)).collect();
    let mut differ: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| p.as_str() != COSTS_FILE && a.get(*p) != b.get(*p))
        .map(|p| (*p).clone())
        .collect();
    differ.sort();
    differ.dedup();
    differ
}

/// One cold build of a course with some tracks.
#[derive(Debug, Clone)]
struct Sample {
    build_secs: f64,
    target_bytes: u64,
    vendor_bytes: u64,
}

/// The runs of one selection summed up.
struct Total {
    secs: Figure,
    target_bytes: u64,
    vendor_bytes: u64,
}

impl Total {
    fn of(samples: &[Sample]) -> Total {
        let median = |f: fn(&Sample) -> u64| {
            Figure::of(&samples.iter().map(|s| f(s) as f64).collect::<Vec<_>>()).median as u64
        };
        Total {
            secs: Figure::of(&samples.iter().map(|s| s.build_secs).collect::<Vec<_>>()),
            target_bytes: median(|s| s.target_bytes),
            vendor_bytes: median(|s| s.vendor_bytes),
        }
    }

    /// The cost to write: this total, or what it adds to `base`.
    fn cost(&self, base: Option<&Total>, runs: u32) -> Cost {
        match base {
            None => Cost {
                build_secs: self.secs,
                target_bytes: self.target_bytes,
                vendor_bytes: self.vendor_bytes,
                runs,
            },
            Some(base) => Cost {
                build_secs: self.secs.less(base.secs.median),
                target_bytes: self.target_bytes.saturating_sub(base.target_bytes),
                vendor_bytes: self.vendor_bytes.saturating_sub(base.vendor_bytes),
                runs,
            },
        }
    }
}

fn repeat(runs: u32, mut once: impl FnMut() -> Result<f64>) -> Result<Vec<f64>> {
    (0..runs).map(|_| once()).collect()
}

/// What a learner does, timed: `init` with the `selected` tracks into a
/// fresh folder, every solution in place, a cold `rustdrill verify`.
fn measure_once(
    course_root: &Path,
    source: &Source,
    embedded: bool,
    selected: &[String],
) -> Result<Sample> {
    let what = selected.join(" + ");
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let folder = dir.path().join("course");
    let exe = std::env::current_exe().context("cannot find rustdrill itself")?;
    let mut init = supervisor::command(&exe);
    init.arg("init").arg(&folder);
    for track in selected {
        init.args(["--track", track]);
    }
    if !embedded {
        init.arg("--from").arg(course_root);
    }
    let status = supervisor::status(
        calibration::cold(&mut init)
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )
    .context("cannot start rustdrill init")?;
    if !status.success() {
        bail!(
            "`rustdrill init --track {}` failed (see above)",
            selected.join(" --track ")
        );
    }

    // Solved, as a learner's course is by the end: every exercise builds,
    // runs and is linted.
    let course = Course::load(&folder, false)?;
    for ex in &course.exercises {
        let rel = ex.solution_path.to_string_lossy().replace('\\', "/");
        let solution = source
            .file(&rel)
            .with_context(|| format!("the course has no solution {rel} for {}", ex.name))?;
        fs::write(&ex.path, solution)
            .with_context(|| format!("cannot put the solution of {} in place", ex.name))?;
    }
    // Cold: no build output and no progress (cached verdicts live there).
    // `init` writes `.rustdrill/` itself (the course's language), so the
    // progress file is what must be absent, not the folder.
    let state = course.state_dir().join(rustdrill_engine::state::STATE_FILE);
    if course.target_dir.exists() || state.exists() {
        bail!(
            "the fresh course of {what} is not cold: {} exists before its first verify \
             (a bug of rustdrill's, please report it)",
            if state.exists() {
                &state
            } else {
                &course.target_dir
            }
            .display()
        );
    }

    let start = Instant::now();
    let verify = supervisor::output(
        calibration::cold(&mut supervisor::command(&exe))
            .args(["verify", "--course"])
            .arg(&folder)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null()),
    )
    .context("cannot start rustdrill verify")?;
    let build_secs = start.elapsed().as_secs_f64();
    if !verify.status.success() {
        bail!(
            "`rustdrill verify` with every solution in place failed for {what}:\n{}\n\
             Run `rustdrill dev check` on the course, and `rustdrill tracks` for missing \
             system libraries, then measure again.",
            String::from_utf8_lossy(&verify.stdout).trim_end()
        );
    }
    let target_bytes = tracks::dir_size(&course.target_dir);
    let vendor_bytes = vendored_size(&folder, &what)?;
    Ok(Sample {
        build_secs,
        target_bytes,
        vendor_bytes,
    })
}

/// What `init --vendor` would copy: the crates init fetched, offline, into
/// a folder measured and removed.
fn vendored_size(folder: &Path, what: &str) -> Result<u64> {
    let cargo_dir: PathBuf =
        course::cargo_workspace(folder).map_or_else(|| folder.to_path_buf(), |(_, d)| d);
    let vendor = folder.join("vendor-measure");
    let status = supervisor::status(
        supervisor::command("cargo")
            .args(["vendor", "--quiet", "--offline"])
            .arg(&vendor)
            .current_dir(&cargo_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )
    .map_err(|e| rustdrill_engine::toolchain::cannot_start(e, "cargo vendor"))?;
    if !status.success() {
        bail!("`cargo vendor` failed for {what} (see above)");
    }
    let size = tracks::dir_size(&vendor);
    let _ = fs::remove_dir_all(&vendor);
    Ok(size)
}

/// This machine: cores, rustc, and what learners are told (`kind`).
fn this_machine(kind: Option<&str>) -> Machine {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = supervisor::output(supervisor::command("rustc").arg("--version"))
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty());
    Machine {
        kind: kind.map_or_else(|| format!("{cores} cores"), str::to_owned),
        cores: u32::try_from(cores).ok(),
        rustc,
        calibration: None,
    }
}

/// The same kind of machine: cores, rustc and calibration build alike.
fn same_machine(old: Option<&Machine>, new: &Machine, calibration_id: &str) -> bool {
    old.is_some_and(|old| {
        old.cores == new.cores
            && old.rustc == new.rustc
            && old.calibration.as_ref().map(|c| c.id.as_str()) == Some(calibration_id)
    })
}

/// `--calibrate-only`: this machine against the file's, and the file's
/// figures scaled to here.
fn compare(costs: Option<&Costs>, here: &Calibration) -> Result<Outcome> {
    let Some(costs) = costs.filter(|c| !c.is_empty()) else {
        outln!("No {COSTS_FILE} to compare with.")?;
        return Ok(Outcome::Done);
    };
    let theirs = costs.machine.as_ref().and_then(|m| m.calibration.as_ref());
    let Some(theirs) = theirs.filter(|c| c.id == here.id) else {
        outln!(
            "{COSTS_FILE} was measured {} without this calibration build ({}): the \
             figures cannot be scaled; measure them here with `rustdrill dev measure`.",
            costs.on(),
            here.id
        )?;
        return Ok(Outcome::Done);
    };
    let factor = here.secs.median / theirs.secs.median;
    outln!(
        "{COSTS_FILE} was measured {}, where the calibration build took {:.1} s: this \
         machine builds {factor:.2}× as long. Scaled to here:",
        costs.on(),
        theirs.secs.median
    )?;
    for (i, (name, cost)) in costs.tracks.iter().enumerate() {
        let scaled = Figure {
            median: cost.build_secs.median * factor,
            spread: cost
                .build_secs
                .spread
                .map(|(lo, hi)| (lo * factor, hi * factor)),
        };
        let plus = if i == 0 { "" } else { "+" };
        outln!("  {name}: {plus}{}", scaled.time())?;
    }
    Ok(Outcome::Done)
}

/// `dev check`'s part: the course's `track-costs.toml` reads (strictly),
/// names only tracks the course declares, and a README.md table between
/// the track-costs markers shows exactly its figures — so neither goes
/// stale silently.
pub fn check_costs(root: &Path, info: &rustdrill_engine::course::Info) -> Vec<super::Problem> {
    use super::Problem;
    let Ok(text) = fs::read_to_string(root.join(COSTS_FILE)) else {
        return Vec::new();
    };
    let costs = match Costs::parse(&text) {
        Ok(costs) => costs,
        Err(e) => {
            return vec![Problem::new(
                COSTS_FILE,
                None,
                format!("{e:#}\nRun `rustdrill dev measure` to write it again."),
            )];
        }
    };
    let mut problems: Vec<Problem> = costs
        .tracks
        .iter()
        .filter(|(name, _)| info.track(name).is_err())
        .map(|(name, _)| {
            Problem::new(
                COSTS_FILE,
                None,
                format!(
                    "[tracks.{name}]: info.toml declares no track `{name}`; run \
                     `rustdrill dev measure` to write the file again"
                ),
            )
        })
        .collect();
    if let Ok(readme) = fs::read_to_string(root.join("README.md"))
        && let Some(why) = tracks::readme_disagrees(&readme, &costs)
    {
        problems.push(Problem::new("README.md", None, why));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_course_that_is_not_the_binarys_is_told_file_by_file() {
        let inside = files(&[
            ("info.toml", "i"),
            ("exercises/a.rs", "old"),
            ("solutions/a.rs", "s"),
            (COSTS_FILE, "x"),
        ]);
        let folder = files(&[
            ("info.toml", "i"),
            ("exercises/a.rs", "new"),
            ("exercises/b.rs", "b"),
            ("solutions/a.rs", "s"),
            (COSTS_FILE, "y"),
        ]);
        assert_eq!(
            differing(&inside, &folder),
            ["exercises/a.rs", "exercises/b.rs"]
        );
        assert!(differing(&inside, &inside).is_empty());
    }
}
