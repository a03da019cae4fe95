//! `rustdrill dev measure` on the tiny `tracks` fixture (three tracks of
//! dependency-free chapters), and what `init` and `rustdrill tracks` then
//! show: each measurement repeated, the median and spread written, the
//! machine named, the README's table kept equal to the file (issue 26).

mod common;

use std::collections::BTreeMap;

use common::{Course, Rustdrill, Tmux, rustdrill};
use serde::Deserialize;

/// The calibration build, as small as it gets: the tests check that it is
/// timed and recorded, not how long it takes.
const CALIBRATION_SIZE: &str = "1";

/// track-costs.toml as `dev measure` writes it now: every field there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CostsFile {
    machine: Machine,
    tracks: BTreeMap<String, Track>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Machine {
    kind: String,
    cores: u32,
    rustc: String,
    calibration: String,
    calibration_secs: f64,
    calibration_secs_min: f64,
    calibration_secs_max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Track {
    build_secs: f64,
    build_secs_min: f64,
    build_secs_max: f64,
    target_bytes: u64,
    vendor_bytes: u64,
    runs: u32,
}

const README_START: &str = "<!-- track-costs: written by `rustdrill dev measure` from track-costs.toml; `rustdrill dev check` fails when they differ -->";

/// A file as `dev measure` writes it, with figures chosen to show: core
/// 14–16 s, web 225–247 s on top of it, games with no spread (one run).
const MEASURED: &str = r#"
[machine]
kind = "2 cores"
cores = 2
rustc = "rustc 1.95.0 (59807616e 2026-04-14)"
calibration = "rustdrill-calibration v1, 4 crates of 40 items, debug"
calibration_secs = 10.0
calibration_secs_min = 9.5
calibration_secs_max = 10.5

[tracks.core]
build_secs = 15.1
build_secs_min = 14.2
build_secs_max = 16.0
target_bytes = 310365569
vendor_bytes = 35979791
runs = 2

[tracks.web]
build_secs = 235.0
build_secs_min = 225.0
build_secs_max = 247.0
target_bytes = 2392332844
vendor_bytes = 581709526
runs = 2
"#;

#[test]
fn dev_measure_repeats_every_run_and_writes_median_spread_and_machine() {
    let course = Course::fixture("tracks");
    course.write(
        "README.md",
        &format!("# Tracks\n\n{README_START}\na stale table\n<!-- /track-costs -->\n"),
    );
    let run = course.run(&[
        "dev",
        "measure",
        "--runs",
        "2",
        "--machine",
        "test box",
        "--calibration-size",
        CALIBRATION_SIZE,
    ]);
    run.expect_code(0).expect_contains("Wrote");
    // Every selection measured twice, the runs interleaved: what a learner
    // pays for core, and for core with each other track.
    let started: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("Run "))
        .collect();
    assert_eq!(
        started,
        [
            "Run 1/2: core (init, solutions in, cold verify)…",
            "Run 1/2: core + web (init, solutions in, cold verify)…",
            "Run 1/2: core + games (init, solutions in, cold verify)…",
            "Run 2/2: core (init, solutions in, cold verify)…",
            "Run 2/2: core + web (init, solutions in, cold verify)…",
            "Run 2/2: core + games (init, solutions in, cold verify)…",
        ],
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("core + web: "),
        "the totals are said: {}",
        run.all()
    );

    let text = course.read("track-costs.toml");
    let file: CostsFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(file.machine.kind, "test box");
    assert!(file.machine.cores >= 1);
    assert!(file.machine.rustc.starts_with("rustc "), "{text}");
    assert!(file.machine.calibration.contains("of 1 items"), "{text}");
    let c = &file.machine;
    assert!(
        c.calibration_secs_min <= c.calibration_secs
            && c.calibration_secs <= c.calibration_secs_max
            && c.calibration_secs_min > 0.0,
        "{text}"
    );
    assert_eq!(
        file.tracks.keys().collect::<Vec<_>>(),
        ["core", "games", "web"]
    );
    for (name, t) in &file.tracks {
        assert_eq!(t.runs, 2, "{name}: {text}");
        assert!(
            t.build_secs_min <= t.build_secs && t.build_secs <= t.build_secs_max,
            "{name}: the median lies within the spread: {text}"
        );
        assert_eq!(t.vendor_bytes, 0, "no registry crate: {text}");
    }
    assert!(file.tracks["core"].build_secs_min > 0.0, "{text}");
    assert!(file.tracks["core"].target_bytes > 0, "{text}");
    // Written in the course's track order.
    assert!(
        text.find("[tracks.web]") < text.find("[tracks.games]"),
        "{text}"
    );

    // The README's table rewritten to match, so `dev check` agrees.
    let readme = course.read("README.md");
    assert!(!readme.contains("a stale table"), "{readme}");
    assert!(
        readme.contains("min–max of 2 cold builds on test box (rustc "),
        "{readme}"
    );
    assert!(readme.contains("| + web | +"), "{readme}");
}

#[test]
fn tracks_and_init_show_the_spread_measured_on_a_named_machine() {
    let course = Course::fixture("tracks");
    course.write("track-costs.toml", MEASURED);
    let from = course.root().to_str().unwrap().to_owned();
    let parent = tempfile::tempdir().unwrap();
    rustdrill(
        parent.path(),
        &["init", "c", "--no-fetch", "--track", "web", "--from", &from],
    )
    .expect_code(0);
    let tracks = rustdrill(&parent.path().join("c"), &["tracks"]);
    tracks
        .expect_code(0)
        .expect_contains("min–max of 2 cold builds on 2 cores (rustc 1.95.0)");
    let line = |name: &str| {
        tracks
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line: {}", tracks.all()))
            .to_owned()
    };
    assert!(
        line("core").contains("14–16 s, 310.4 MB, vendored 36.0 MB"),
        "{}",
        tracks.stdout
    );
    assert!(
        line("web").contains("+3.5–4.5 min, +2.4 GB, vendored +581.7 MB"),
        "{}",
        tracks.stdout
    );
    // Not measured: no figure made up.
    assert!(line("games").contains(" - "), "{}", tracks.stdout);

    // init's question, on a terminal: each figure with its machine.
    let script = format!(
        "{}; sleep 600",
        Rustdrill::new(
            parent.path(),
            &["init", "asked", "--no-fetch", "--from", &from]
        )
        .shell()
    );
    let tmux = Tmux::session(Course::fixture("tracks"), 160, &script);
    let screen = tmux.wait_for("Tracks to add");
    assert!(
        screen.contains("14–16 s on 2 cores, 310.4 MB"),
        "core: {screen}"
    );
    assert!(
        screen.contains("+3.5–4.5 min on 2 cores, +2.4 GB, vendored +581.7 MB"),
        "web: {screen}"
    );
    assert!(
        screen.contains("Build times: min–max of 2 cold builds on 2 cores (rustc 1.95.0)"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your course is ready");
}

#[test]
fn an_old_track_costs_file_shows_without_a_spread_and_a_broken_one_is_named() {
    let course = Course::fixture("tracks");
    // Written before the spread and the machine were recorded.
    course.write(
        "track-costs.toml",
        "# Written by `rustdrill dev measure` (2 cores, rustc 1.95.0)\n\n\
         [tracks.core]\nbuild_secs = 15.1\ntarget_bytes = 310365569\nvendor_bytes = 35979791\n",
    );
    let tracks = course.run(&["tracks"]);
    tracks
        .expect_code(0)
        .expect_contains("~15 s, 310.4 MB")
        .expect_contains("one cold build on a machine not recorded, spread not measured");

    course.write(
        "track-costs.toml",
        "[tracks.core]\nbuild_secs = 15.1\nbuild_sec_max = 16.0\ntarget_bytes = 1\n",
    );
    // Costs are a courtesy to a learner: said, not fatal…
    course
        .run(&["tracks"])
        .expect_code(0)
        .expect_contains("track-costs.toml does not read (costs not shown)")
        .expect_contains("line 3")
        .expect_contains("build_sec_max");
    // …but the author's measure will not build on it.
    course
        .run(&["dev", "measure", "--track", "web"])
        .expect_code(2)
        .expect_contains("track-costs.toml does not read")
        .expect_contains("build_sec_max");
}

#[test]
fn dev_measure_refuses_one_run_and_a_partial_measure_on_another_machine() {
    let course = Course::fixture("tracks");
    course
        .run(&["dev", "measure", "--runs", "1"])
        .expect_code(2)
        .expect_contains("measure at least twice");
    let elsewhere = MEASURED.replace("cores = 2", "cores = 999");
    course.write("track-costs.toml", &elsewhere);
    course
        .run(&[
            "dev",
            "measure",
            "--track",
            "web",
            "--calibration-size",
            CALIBRATION_SIZE,
        ])
        .expect_code(2)
        .expect_contains("measure every track here (leave out --track)");
    assert_eq!(course.read("track-costs.toml"), elsewhere);
}

#[test]
fn dev_check_fails_when_the_readme_table_and_track_costs_disagree() {
    let course = Course::fixture("tracks");
    course.write(
        "track-costs.toml",
        &format!("{MEASURED}\n[tracks.nope]\nbuild_secs = 1.0\ntarget_bytes = 1\n"),
    );
    course.write(
        "README.md",
        &format!(
            "# Tracks\n\n{README_START}\n| core (always) | 15 s | 310 MB | 36 MB |\n\
             <!-- /track-costs -->\n"
        ),
    );
    course
        .run(&["dev", "check", "--chapter", "01_start"])
        .expect_code(1)
        .expect_contains("the README's track-cost table is not track-costs.toml's")
        .expect_contains("Run `rustdrill dev measure`")
        .expect_contains("[tracks.nope]: info.toml declares no track `nope`");
}

#[test]
fn calibrate_only_scales_the_shipped_figures_to_this_machine() {
    let course = Course::fixture("tracks");
    // Measured where the (size 1) calibration build took a million seconds:
    // this machine is far faster, and says by how much.
    course.write(
        "track-costs.toml",
        &MEASURED
            .replace("of 40 items", &format!("of {CALIBRATION_SIZE} items"))
            .replace("calibration_secs = 10.0", "calibration_secs = 1000000.0")
            .replace(
                "calibration_secs_min = 9.5",
                "calibration_secs_min = 999999.0",
            )
            .replace(
                "calibration_secs_max = 10.5",
                "calibration_secs_max = 1000001.0",
            ),
    );
    let run = course.run(&[
        "dev",
        "measure",
        "--calibrate-only",
        "--calibration-size",
        CALIBRATION_SIZE,
    ]);
    run.expect_code(0)
        .expect_contains("where the calibration build took 1000000.0 s: this machine builds 0.00×")
        .expect_contains("Scaled to here:")
        .expect_contains("  core: 0 s")
        .expect_contains("  web: +0 s");
    // Another calibration build: nothing to scale by, and it says so.
    course.write("track-costs.toml", MEASURED);
    course
        .run(&[
            "dev",
            "measure",
            "--calibrate-only",
            "--calibration-size",
            CALIBRATION_SIZE,
        ])
        .expect_code(0)
        .expect_contains("the figures cannot be scaled");
}
