//! `track-costs.toml`: what each track costs a learner from cold, as
//! `rustdrill dev measure` measured it, with how much it varied and on
//! which machine, so `init` and `rustdrill tracks` can say "web: +4–4.5 min
//! on 2 cores" instead of a bare number, and another machine can scale it
//! (see docs/course-format.md).
//!
//! Also the README's table of the same figures, written from the file, and
//! the check that the two still agree.

use std::fmt::Write as _;

use anyhow::{Result, bail};

use super::human_size;

/// Each track's measured cold cost, written by `rustdrill dev measure` at
/// the course root and shipped with the course.
pub const COSTS_FILE: &str = "track-costs.toml";

/// One measured quantity: the median of the runs and, when there were at
/// least two, the lowest and highest (a file written before the spread was
/// recorded has a median only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub median: f64,
    pub spread: Option<(f64, f64)>,
}

impl Figure {
    /// The median and min–max of `samples`; one sample says nothing about
    /// the spread, so it has none.
    pub fn of(samples: &[f64]) -> Figure {
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = match n {
            0 => 0.0,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        let spread = (n >= 2).then(|| (sorted[0], sorted[n - 1]));
        Figure { median, spread }
    }

    /// This figure less `base` (a track's cost on top of the first track):
    /// the median and the spread shift by the base's median, never below 0.
    pub fn less(&self, base: f64) -> Figure {
        Figure {
            median: (self.median - base).max(0.0),
            spread: self
                .spread
                .map(|(lo, hi)| ((lo - base).max(0.0), (hi - base).max(0.0))),
        }
    }

    /// Seconds for people: the range `14–16 s` or `4–4.5 min` (bounds
    /// rounded outwards, to the second or the half minute, so the true runs
    /// lie inside), or `~15 s` when the spread is unknown. Minutes from 3
    /// minutes on.
    pub fn time(&self) -> String {
        const MINUTES_FROM: f64 = 180.0;
        // To the tenth the file keeps: the figures `dev measure` has in
        // hand and the ones read back from the file it wrote show alike.
        let tenth = |v: f64| (v * 10.0).round() / 10.0;
        let figure = Figure {
            median: tenth(self.median),
            spread: self.spread.map(|(lo, hi)| (tenth(lo), tenth(hi))),
        };
        match figure.spread {
            None if figure.median >= MINUTES_FROM => format!("~{:.1} min", figure.median / 60.0),
            None => format!("~{:.0} s", figure.median),
            Some((lo, hi)) => {
                // Half minutes: whole ones would show two runs 2 s apart
                // as "4–5 min".
                let (lo, hi, unit) = if hi >= MINUTES_FROM {
                    let half = |m: f64| m * 2.0;
                    (
                        half(lo / 60.0).floor() / 2.0,
                        half(hi / 60.0).ceil() / 2.0,
                        "min",
                    )
                } else {
                    (lo.floor(), hi.ceil(), "s")
                };
                // `4`, `4.5`: no `.0` on a whole number.
                let show = |v: f64| format!("{v}");
                if lo == hi {
                    format!("{} {unit}", show(lo))
                } else {
                    format!("{}–{} {unit}", show(lo), show(hi))
                }
            }
        }
    }
}

/// What a track costs a learner from cold: seconds of `rustdrill verify`
/// and bytes of `target/` and of `vendor/` (for a track other than the
/// first: what it adds to the first).
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    pub build_secs: Figure,
    pub target_bytes: u64,
    /// Size of its dependencies' sources in `vendor/` (`init --vendor`).
    pub vendor_bytes: u64,
    /// How many cold builds the figures come from (1 in a file written
    /// before runs were repeated).
    pub runs: u32,
}

impl Cost {
    /// `14–16 s, 310.4 MB, vendored 36.0 MB`; `added` puts a `+` before
    /// each figure (a track on top of the first), `on` follows the time
    /// (`+4–4.5 min on 2 cores, …`).
    pub fn short(&self, added: bool, on: Option<&str>) -> String {
        let plus = if added { "+" } else { "" };
        let on = on.map_or_else(String::new, |on| format!(" {on}"));
        format!(
            "{plus}{}{on}, {plus}{}, vendored {plus}{}",
            self.build_secs.time(),
            human_size(self.target_bytes),
            human_size(self.vendor_bytes)
        )
    }
}

/// The machine the figures were measured on.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    /// What learners are told: "2 cores", or the measurer's `--machine`.
    pub kind: String,
    pub cores: Option<u32>,
    /// `rustc --version`.
    pub rustc: Option<String>,
    /// Which fixed build the calibration timed (its figures compare only
    /// with the same one), and how long it took.
    pub calibration: Option<Calibration>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub id: String,
    pub secs: Figure,
}

impl Machine {
    /// `on 2 cores (rustc 1.95.0)`.
    pub fn on(&self) -> String {
        format!("on {}", self.name())
    }

    /// `2 cores (rustc 1.95.0)`.
    pub fn name(&self) -> String {
        let rustc = self
            .rustc
            .as_deref()
            .and_then(|r| r.split_whitespace().nth(1))
            .map_or_else(String::new, |v| format!(" (rustc {v})"));
        format!("{}{rustc}", self.kind)
    }
}

/// A whole `track-costs.toml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Costs {
    /// None in a file written before the machine was recorded.
    pub machine: Option<Machine>,
    /// In the course's track order when written; looked up by name.
    pub tracks: Vec<(String, Cost)>,
}

impl Costs {
    pub fn get(&self, track: &str) -> Option<&Cost> {
        self.tracks.iter().find(|(n, _)| n == track).map(|(_, c)| c)
    }

    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
    }

    /// `on 2 cores`: the kind of machine only, for a figure's line.
    pub fn on_kind(&self) -> String {
        self.machine.as_ref().map_or_else(
            || "on a machine not recorded".to_owned(),
            |m| format!("on {}", m.kind),
        )
    }

    /// `on 2 cores (rustc 1.95.0)`, or where that is not recorded, says so.
    pub fn on(&self) -> String {
        self.machine
            .as_ref()
            .map_or_else(|| "on a machine not recorded".to_owned(), Machine::on)
    }

    /// The fewest runs any track's figures come from (1: no spread).
    pub fn runs(&self) -> u32 {
        self.tracks.iter().map(|(_, c)| c.runs).min().unwrap_or(1)
    }

    /// How the build times were taken, for a note under the figures:
    /// `min–max of 2 cold builds on 2 cores (rustc 1.95.0)`.
    pub fn method(&self) -> String {
        let runs = self.runs();
        if runs >= 2 {
            format!("min–max of {runs} cold builds {}", self.on())
        } else {
            format!("one cold build {}, spread not measured", self.on())
        }
    }

    /// Parses a `track-costs.toml`. Unknown fields, a spread missing one
    /// bound or not around its median are errors naming the line and the
    /// field; a file from before the spread and machine were recorded (a
    /// single `build_secs` per track) reads as medians of one run.
    pub fn parse(text: &str) -> Result<Costs> {
        let file: repr::File = toml::from_str(text)?;
        let mut tracks = Vec::new();
        // The file's own order (a BTreeMap would sort it): the course's.
        let mut spans: Vec<_> = file.tracks.into_iter().collect();
        spans.sort_by_key(|(_, c)| c.span().start);
        for (name, spanned) in spans {
            let line = text[..spanned.span().start].matches('\n').count() + 1;
            let c = spanned.into_inner();
            let build_secs =
                figure(c.build_secs, c.build_secs_min, c.build_secs_max).map_err(|e| {
                    anyhow::anyhow!("line {line}, [tracks.{name}]: build_secs_min/max {e}")
                })?;
            let runs = c.runs.unwrap_or(1);
            if runs >= 2 && build_secs.spread.is_none() {
                bail!(
                    "line {line}, [tracks.{name}]: runs = {runs} but no build_secs_min/max: \
                     measure again with `rustdrill dev measure`"
                );
            }
            tracks.push((
                name,
                Cost {
                    build_secs,
                    target_bytes: c.target_bytes,
                    vendor_bytes: c.vendor_bytes,
                    runs,
                },
            ));
        }
        let machine = match file.machine {
            None => None,
            Some(m) => {
                let calibration = match (m.calibration, m.calibration_secs) {
                    (Some(id), Some(secs)) => Some(Calibration {
                        id,
                        secs: figure(secs, m.calibration_secs_min, m.calibration_secs_max)
                            .map_err(|e| {
                                anyhow::anyhow!("[machine]: calibration_secs_min/max {e}")
                            })?,
                    }),
                    (None, None) => None,
                    _ => bail!("[machine]: calibration and calibration_secs go together"),
                };
                Some(Machine {
                    kind: m.kind,
                    cores: m.cores,
                    rustc: m.rustc,
                    calibration,
                })
            }
        };
        Ok(Costs { machine, tracks })
    }

    /// The text of a `track-costs.toml`.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(HEADER);
        if let Some(m) = &self.machine {
            let _ = write!(out, "\n[machine]\nkind = {}\n", quoted(&m.kind));
            if let Some(cores) = m.cores {
                let _ = writeln!(out, "cores = {cores}");
            }
            if let Some(rustc) = &m.rustc {
                let _ = writeln!(out, "rustc = {}", quoted(rustc));
            }
            if let Some(c) = &m.calibration {
                let _ = writeln!(out, "calibration = {}", quoted(&c.id));
                write_figure(&mut out, "calibration_secs", &c.secs);
            }
        }
        for (name, cost) in &self.tracks {
            let _ = write!(out, "\n[tracks.{name}]\n");
            write_figure(&mut out, "build_secs", &cost.build_secs);
            let _ = write!(
                out,
                "target_bytes = {}\nvendor_bytes = {}\nruns = {}\n",
                cost.target_bytes, cost.vendor_bytes, cost.runs
            );
        }
        out
    }

    /// The README's table of these figures (see [`README_START`]).
    pub fn readme_table(&self) -> String {
        let mut out = format!(
            "Cold `rustdrill verify` of a fresh `rustdrill init`, solutions in place: {}.\n\n\
             | track | cold verify | `exercises/target/` | vendored (`--vendor`) |\n\
             |---|---|---|---|\n",
            self.method()
        );
        for (i, (name, cost)) in self.tracks.iter().enumerate() {
            let (label, plus) = if i == 0 {
                (format!("{name} (always)"), "")
            } else {
                (format!("+ {name}"), "+")
            };
            let _ = writeln!(
                out,
                "| {label} | {plus}{} | {plus}{} | {plus}{} |",
                cost.build_secs.time(),
                human_size(cost.target_bytes),
                human_size(cost.vendor_bytes)
            );
        }
        out
    }
}

/// A median with an optional spread, checked: both bounds or none, and
/// min ≤ median ≤ max.
fn figure(median: f64, min: Option<f64>, max: Option<f64>) -> Result<Figure, String> {
    match (min, max) {
        (None, None) => Ok(Figure {
            median,
            spread: None,
        }),
        (Some(lo), Some(hi)) if lo <= median && median <= hi => Ok(Figure {
            median,
            spread: Some((lo, hi)),
        }),
        (Some(lo), Some(hi)) => Err(format!(
            "({lo}–{hi}) do not hold the median ({median}): measure again"
        )),
        _ => Err("must both be there or both be absent".to_owned()),
    }
}

fn write_figure(out: &mut String, key: &str, figure: &Figure) {
    let _ = writeln!(out, "{key} = {:.1}", figure.median);
    if let Some((lo, hi)) = figure.spread {
        let _ = write!(out, "{key}_min = {lo:.1}\n{key}_max = {hi:.1}\n");
    }
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

const HEADER: &str = "\
# Written by `rustdrill dev measure`; measure again rather than edit.
# Each track: a fresh `rustdrill init --track core [--track NAME]`, every
# solution in place, one cold `rustdrill verify`, `runs` times. build_secs is
# the median, build_secs_min/max the fastest and slowest run; target_bytes
# and vendor_bytes are medians. A track other than the first is what it adds
# to the first (the folder with both, less the first's median).
# [machine]: where it was measured. calibration_secs is how long a fixed
# build took there: scale a figure to another machine by that machine's
# calibration_secs over this one (`rustdrill dev measure --calibrate-only`).
";

/// The README's table sits between these lines; `dev measure` rewrites it
/// and `dev check` fails when it differs from track-costs.toml.
pub const README_START: &str = "<!-- track-costs: written by `rustdrill dev measure` from track-costs.toml; `rustdrill dev check` fails when they differ -->";
pub const README_END: &str = "<!-- /track-costs -->";

/// The table between the README's markers (None when it has none): its
/// byte range, and the indentation of the start marker's line, which every
/// line of the table has (a table inside a list item is indented).
fn readme_section(readme: &str) -> Option<(usize, usize, &str)> {
    let marker = readme.find(README_START)?;
    let line_start = readme[..marker].rfind('\n').map_or(0, |i| i + 1);
    let indent = &readme[line_start..marker];
    let start = marker + README_START.len();
    let end = start + readme[start..].find(README_END)?;
    Some((start, end - indent.len(), indent))
}

fn indented(table: &str, indent: &str) -> String {
    table
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_owned()
            } else {
                format!("{indent}{l}\n")
            }
        })
        .collect()
}

/// `readme` with its table replaced by `costs`' (None without markers).
pub fn rewrite_readme(readme: &str, costs: &Costs) -> Option<String> {
    let (start, end, indent) = readme_section(readme)?;
    Some(format!(
        "{}\n{}{}",
        &readme[..start],
        indented(&costs.readme_table(), indent),
        &readme[end..]
    ))
}

/// Why the README's table is not the one `costs` make, if it is not (a
/// README without the markers has nothing to disagree with).
pub fn readme_disagrees(readme: &str, costs: &Costs) -> Option<String> {
    let (start, end, indent) = readme_section(readme)?;
    let table = readme[start..end]
        .strip_prefix('\n')
        .unwrap_or(&readme[start..end]);
    let want = indented(&costs.readme_table(), indent);
    if table == want {
        return None;
    }
    let line = |s: &str, i: usize| s.lines().nth(i).unwrap_or("(nothing)").trim().to_owned();
    let first = (0..)
        .find(|&i| table.lines().nth(i) != want.lines().nth(i))
        .unwrap_or(0);
    Some(format!(
        "the README's track-cost table is not {COSTS_FILE}'s: it has\n  {}\nwhere the file \
         makes\n  {}\nRun `rustdrill dev measure` (it rewrites both), never edit either by hand.",
        line(table, first),
        line(&want, first)
    ))
}

/// The file as serde reads it.
mod repr {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use toml::Spanned;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct File {
        pub machine: Option<Machine>,
        #[serde(default)]
        pub tracks: BTreeMap<String, Spanned<Track>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Machine {
        pub kind: String,
        pub cores: Option<u32>,
        pub rustc: Option<String>,
        pub calibration: Option<String>,
        pub calibration_secs: Option<f64>,
        pub calibration_secs_min: Option<f64>,
        pub calibration_secs_max: Option<f64>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Track {
        pub build_secs: f64,
        pub build_secs_min: Option<f64>,
        pub build_secs_max: Option<f64>,
        pub target_bytes: u64,
        #[serde(default)]
        pub vendor_bytes: u64,
        pub runs: Option<u32>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(median: f64, spread: Option<(f64, f64)>) -> Figure {
        Figure { median, spread }
    }

    #[test]
    fn median_and_spread_of_runs() {
        assert_eq!(Figure::of(&[3.0, 1.0, 2.0]), secs(2.0, Some((1.0, 3.0))));
        assert_eq!(Figure::of(&[4.0, 1.0]), secs(2.5, Some((1.0, 4.0))));
        assert_eq!(
            Figure::of(&[10.0, 40.0, 20.0, 30.0]),
            secs(25.0, Some((10.0, 40.0)))
        );
        // One run: a median, no spread.
        assert_eq!(Figure::of(&[7.0]), secs(7.0, None));
        // On top of the first track: shifted by its median, never below 0.
        assert_eq!(
            secs(250.0, Some((240.0, 262.0))).less(15.0),
            secs(235.0, Some((225.0, 247.0)))
        );
        assert_eq!(
            secs(1.0, Some((0.5, 2.0))).less(1.5),
            secs(0.0, Some((0.0, 0.5)))
        );
    }

    #[test]
    fn times_are_ranges_rounded_outwards() {
        assert_eq!(secs(15.1, Some((14.2, 16.0))).time(), "14–16 s");
        assert_eq!(secs(15.0, Some((15.0, 15.0))).time(), "15 s");
        // Minutes from 3 minutes on, bounds outwards.
        assert_eq!(secs(250.0, Some((235.0, 262.0))).time(), "3.5–4.5 min");
        // Two runs 2 s apart are not "4–5 min".
        assert_eq!(secs(256.8, Some((255.9, 257.7))).time(), "4–4.5 min");
        assert_eq!(secs(240.0, Some((240.0, 240.0))).time(), "4 min");
        assert_eq!(secs(175.0, Some((170.0, 179.0))).time(), "170–179 s");
        // Unknown spread: about the median.
        assert_eq!(secs(135.2, None).time(), "~135 s");
        assert_eq!(secs(270.0, None).time(), "~4.5 min");
    }

    #[test]
    fn the_readme_table_of_a_measure_is_the_one_its_file_makes() {
        // What `dev measure` has in hand: a track's addition is the total
        // less the first track's median, with more decimals than the file
        // keeps (11.04 is written as 11.0).
        let measured = Costs {
            machine: Some(two_cores()),
            tracks: vec![
                ("core".to_owned(), cost(25.3, Some((25.1, 25.5)), 2)),
                ("web".to_owned(), cost(10.63, Some((10.27, 11.04)), 2)),
            ],
        };
        let read_back = Costs::parse(&measured.to_toml()).unwrap();
        assert_eq!(measured.readme_table(), read_back.readme_table());
        assert!(read_back.readme_table().contains("| + web | +10–11 s |"));
    }

    fn cost(median: f64, spread: Option<(f64, f64)>, runs: u32) -> Cost {
        Cost {
            build_secs: secs(median, spread),
            target_bytes: 2_392_332_844,
            vendor_bytes: 581_709_526,
            runs,
        }
    }

    fn two_cores() -> Machine {
        Machine {
            kind: "2 cores".to_owned(),
            cores: Some(2),
            rustc: Some("rustc 1.95.0 (59807616e 2026-04-14)".to_owned()),
            calibration: Some(Calibration {
                id: "rustdrill-calibration v1".to_owned(),
                secs: secs(11.5, Some((11.0, 12.0))),
            }),
        }
    }

    #[test]
    fn costs_round_trip_and_show_their_spread_and_machine() {
        let costs = Costs {
            machine: Some(two_cores()),
            tracks: vec![
                ("core".to_owned(), cost(15.1, Some((14.2, 16.0)), 2)),
                ("web".to_owned(), cost(235.0, Some((225.0, 247.0)), 2)),
            ],
        };
        let text = costs.to_toml();
        assert_eq!(Costs::parse(&text).unwrap(), costs);
        assert_eq!(
            costs
                .get("web")
                .unwrap()
                .short(true, Some(&costs.on_kind())),
            "+3.5–4.5 min on 2 cores, +2.4 GB, vendored +581.7 MB"
        );
        assert_eq!(costs.on(), "on 2 cores (rustc 1.95.0)");
        assert_eq!(
            costs.method(),
            "min–max of 2 cold builds on 2 cores (rustc 1.95.0)"
        );
        let table = costs.readme_table();
        assert!(
            table.contains("| core (always) | 14–16 s | 2.4 GB |"),
            "{table}"
        );
        assert!(
            table.contains("| + web | +3.5–4.5 min | +2.4 GB | +581.7 MB |"),
            "{table}"
        );
    }

    #[test]
    fn a_file_from_before_the_spread_reads_as_one_run() {
        let old = "# Written by `rustdrill dev measure` (2 cores, rustc 1.95.0)\n\n\
                   [tracks.core]\nbuild_secs = 15.1\ntarget_bytes = 310365569\nvendor_bytes = 35979791\n\n\
                   [tracks.web]\nbuild_secs = 135.2\ntarget_bytes = 2392332844\n";
        let costs = Costs::parse(old).unwrap();
        assert_eq!(costs.machine, None);
        let names: Vec<_> = costs.tracks.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["core", "web"]);
        let web = costs.get("web").unwrap();
        assert_eq!((web.build_secs, web.runs), (secs(135.2, None), 1));
        assert_eq!(web.short(true, None), "+~135 s, +2.4 GB, vendored +0 kB");
        assert_eq!(
            costs.method(),
            "one cold build on a machine not recorded, spread not measured"
        );
    }

    #[test]
    fn a_wrong_file_names_its_line_and_field() {
        let typo = "[tracks.core]\nbuild_secs = 15.1\ntarget_bytes = 1\nbuild_sec_max = 16.0\n";
        let e = format!("{:#}", Costs::parse(typo).unwrap_err());
        assert!(e.contains("line 4") && e.contains("build_sec_max"), "{e}");
        let half = "\n[tracks.core]\nbuild_secs = 15.1\nbuild_secs_min = 14.0\ntarget_bytes = 1\n";
        let e = format!("{:#}", Costs::parse(half).unwrap_err());
        assert!(
            e.contains("line 2, [tracks.core]: build_secs_min/max"),
            "{e}"
        );
        let outside = "[tracks.core]\nbuild_secs = 15.1\nbuild_secs_min = 16.0\n\
                       build_secs_max = 17.0\ntarget_bytes = 1\nruns = 2\n";
        let e = format!("{:#}", Costs::parse(outside).unwrap_err());
        assert!(e.contains("do not hold the median"), "{e}");
    }

    #[test]
    fn the_readme_table_is_rewritten_and_a_stale_one_is_caught() {
        let costs = Costs {
            machine: Some(two_cores()),
            tracks: vec![("core".to_owned(), cost(15.1, Some((14.2, 16.0)), 2))],
        };
        let readme = format!("intro\n\n{README_START}\nold table\n{README_END}\n\nmore\n");
        assert!(readme_disagrees(&readme, &costs).is_some());
        let new = rewrite_readme(&readme, &costs).unwrap();
        assert!(new.starts_with("intro\n\n") && new.ends_with(&format!("{README_END}\n\nmore\n")));
        assert_eq!(readme_disagrees(&new, &costs), None);
        let stale = new.replace("14–16 s", "15 s");
        let why = readme_disagrees(&stale, &costs).unwrap();
        assert!(
            why.contains("| 15 s |") && why.contains("| 14–16 s |"),
            "{why}"
        );
        assert_eq!(readme_disagrees("no markers", &costs), None);
        // Inside a list item: every line indented like the start marker.
        let item = format!("- item\n\n  {README_START}\n  old\n  {README_END}\n");
        let new = rewrite_readme(&item, &costs).unwrap();
        assert!(new.contains("\n  | core (always) | 14–16 s |"), "{new}");
        assert!(new.ends_with(&format!("|\n  {README_END}\n")), "{new}");
        assert_eq!(readme_disagrees(&new, &costs), None);
    }

    /// The repository's README shows exactly the track-costs.toml it ships.
    #[test]
    fn the_repository_readme_table_equals_track_costs_toml() {
        // The repository root: this crate sits in crates/NAME/.
        let root = &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let text = std::fs::read_to_string(root.join(COSTS_FILE)).unwrap();
        let costs = Costs::parse(&text).unwrap();
        // As `dev measure` writes it: nothing edited in by hand.
        assert_eq!(costs.to_toml(), text);
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        assert!(
            readme.contains(README_START),
            "the README lost its table's markers"
        );
        if let Some(why) = readme_disagrees(&readme, &costs) {
            panic!("{why}\nThe table the file makes:\n{}", costs.readme_table());
        }
    }
}
