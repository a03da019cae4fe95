//! Tracks: `[[tracks]]` in info.toml, `init --track`, `rustdrill tracks`
//! and `tracks add`, on the `tracks` fixture course (three tracks of tiny
//! dependency-free chapters: core 01_start, web 02_web, games 03_games).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Course, Run, Rustdrill, rustdrill};

#[test]
fn dev_check_rejects_a_chapter_in_no_track() {
    let course = Course::fixture("tracks");
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace("chapters = [\"03_games\"]", "chapters = [\"04_ml\"]"),
    );
    course
        .run(&["dev", "check"])
        .expect_code(1)
        .expect_contains(
            "info.toml:39:7: exercise `games1`, field `dir`: chapter `03_games` is in no track",
        );
    // Running the course (not authoring it) stops on it too.
    course
        .run(&["list"])
        .expect_code(2)
        .expect_contains("info.toml:39:7: exercise `games1`, field `dir`");
}

#[test]
fn dev_check_rejects_a_track_naming_an_unknown_chapter() {
    let course = Course::fixture("tracks");
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace(
            "chapters = [\"03_games\"]",
            "chapters = [\"03_games\", \"04_ml\"]",
        ),
    );
    course
        .run(&["dev", "check"])
        .expect_code(1)
        .expect_contains(
            "info.toml:20:25: field `chapters`: track `games`: no exercise has `dir = \"04_ml\"`",
        );
}

#[test]
fn dev_check_rejects_a_chapter_in_two_tracks() {
    let course = Course::fixture("tracks");
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace(
            "chapters = [\"03_games\"]",
            "chapters = [\"03_games\", \"01_start\"]",
        ),
    );
    course
        .run(&["dev", "check"])
        .expect_code(1)
        .expect_contains("chapter `01_start` is already in track `core` (line 10)");
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tracks")
}

/// `rustdrill init course --from <tracks fixture> --no-fetch ARGS` in a
/// fresh temp dir; returns the temp dir (the course is `course/` in it).
fn init(args: &[&str]) -> (tempfile::TempDir, Run) {
    let parent = tempfile::tempdir().unwrap();
    let fixture = fixture_dir();
    let mut all = vec![
        "init",
        "course",
        "--no-fetch",
        "--from",
        fixture.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let run = rustdrill(parent.path(), &all);
    (parent, run)
}

fn cargo_locked_build(exercises: &Path) -> std::process::Output {
    Command::new("cargo")
        .args(["build", "--locked", "--offline", "--quiet"])
        .current_dir(exercises)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap()
}

#[test]
fn init_with_one_track_writes_only_its_chapters_and_a_lock_cargo_accepts() {
    let (parent, run) = init(&["--track", "web"]);
    run.expect_code(0).expect_contains("cd course");
    let root = parent.path().join("course");
    assert!(
        root.join("exercises/01_start/start1.rs").is_file(),
        "core is always included"
    );
    assert!(root.join("exercises/02_web/web1.rs").is_file());
    assert!(
        !root.join("exercises/03_games").exists(),
        "games is left out"
    );
    assert!(!root.join("solutions/03_games").exists());
    let info = fs::read_to_string(root.join("info.toml")).unwrap();
    assert!(!info.contains("games1"), "{info}");
    assert!(
        info.contains("name = \"games\""),
        "the tracks table is kept whole"
    );
    let manifest = fs::read_to_string(root.join("exercises/Cargo.toml")).unwrap();
    assert!(!manifest.contains("03_games"), "{manifest}");
    let lock = fs::read_to_string(root.join("exercises/Cargo.lock")).unwrap();
    assert!(!lock.contains("name = \"games\""), "{lock}");

    let build = cargo_locked_build(&root.join("exercises"));
    assert!(
        build.status.success(),
        "cargo build --locked: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    let list = rustdrill(&root, &["list"]);
    list.expect_code(0).expect_contains("0/3 done");
    assert!(!list.stdout.contains("games"), "{}", list.stdout);
    rustdrill(&root, &["verify"])
        .expect_code(1)
        .expect_contains("web1");
}

#[test]
fn init_without_a_terminal_takes_the_base_track_and_says_how_to_add_more() {
    let (parent, run) = init(&[]);
    run.expect_code(0)
        .expect_contains("`core` track only")
        .expect_contains("rustdrill tracks add NAME")
        .expect_contains("web, games");
    let root = parent.path().join("course");
    assert!(root.join("exercises/01_start").is_dir());
    assert!(!root.join("exercises/02_web").exists());
    rustdrill(&root, &["list"])
        .expect_code(0)
        .expect_contains("0/2 done");
}

#[test]
fn init_with_all_tracks_writes_the_whole_course() {
    let (parent, run) = init(&["--all-tracks"]);
    run.expect_code(0);
    let root = parent.path().join("course");
    assert_eq!(
        fs::read_to_string(root.join("info.toml")).unwrap(),
        fs::read_to_string(fixture_dir().join("info.toml")).unwrap()
    );
    rustdrill(&root, &["list"])
        .expect_code(0)
        .expect_contains("0/5 done");
}

#[test]
fn init_with_an_unknown_track_lists_the_valid_ones_and_writes_nothing() {
    let (parent, run) = init(&["--track", "wbe"]);
    run.expect_code(2)
        .expect_contains("no track named `wbe`")
        .expect_contains("core, web, games");
    assert!(!parent.path().join("course").exists());
}

#[test]
fn tracks_add_keeps_progress_and_the_new_exercises_check() {
    let (parent, run) = init(&[]);
    run.expect_code(0);
    let root = parent.path().join("course");
    let fixture = fixture_dir();
    let from = fixture.to_str().unwrap();
    fs::copy(
        fixture.join("solutions/01_start/start1.rs"),
        root.join("exercises/01_start/start1.rs"),
    )
    .unwrap();
    rustdrill(&root, &["run", "start1"]).expect_code(0);
    rustdrill(&root, &["hint", "start2"]).expect_code(0);
    let state_before = fs::read_to_string(root.join(".rustdrill/state.toml")).unwrap();

    let tracks = rustdrill(&root, &["tracks"]);
    tracks
        .expect_code(0)
        .expect_contains("rustdrill tracks add");
    let line = |run: &Run, track: &str| {
        run.stdout
            .lines()
            .find(|l| l.trim_start().starts_with(track))
            .unwrap_or_else(|| panic!("no {track} line:\n{}", run.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line(&tracks, "core"),
        "core yes 1/2 01_start The basics everyone needs"
    );
    assert_eq!(line(&tracks, "web"), "web no - 02_web Serving things");

    rustdrill(
        &root,
        &["tracks", "add", "web", "--from", from, "--no-fetch"],
    )
    .expect_code(0)
    .expect_contains("Added track `web`: 02_web (1 exercise)")
    .expect_contains("progress is kept");
    assert_eq!(
        fs::read_to_string(root.join(".rustdrill/state.toml")).unwrap(),
        state_before,
        "progress untouched"
    );
    let tracks = rustdrill(&root, &["tracks"]);
    assert_eq!(line(&tracks, "web"), "web yes 0/1 02_web Serving things");
    assert_eq!(
        line(&tracks, "core"),
        "core yes 1/2 01_start The basics everyone needs"
    );
    let list = rustdrill(&root, &["list"]);
    list.expect_code(0).expect_contains("1/3 done");
    let rows: Vec<String> = list
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        rows.contains(&"3 web 02_web web1 pending".to_owned()),
        "the track beside the chapter:\n{}",
        list.stdout
    );
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with('▶') && l.contains("start2")),
        "the current exercise stays:\n{}",
        list.stdout
    );
    let build = cargo_locked_build(&root.join("exercises"));
    assert!(
        build.status.success(),
        "cargo build --locked after add: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    rustdrill(&root, &["run", "web1"])
        .expect_code(1)
        .expect_contains("web1");
    fs::copy(
        fixture.join("solutions/02_web/web1.rs"),
        root.join("exercises/02_web/web1.rs"),
    )
    .unwrap();
    rustdrill(&root, &["verify"])
        .expect_code(1)
        .expect_contains("2/3");

    rustdrill(
        &root,
        &["tracks", "add", "web", "--from", from, "--no-fetch"],
    )
    .expect_code(0)
    .expect_contains("Track `web` is already in this course.");
    rustdrill(
        &root,
        &["tracks", "add", "wbe", "--from", from, "--no-fetch"],
    )
    .expect_code(2)
    .expect_contains("core, web, games");
}

#[test]
fn a_course_without_tracks_is_one_track() {
    let course = Course::fixture("basic");
    course
        .run(&["tracks"])
        .expect_code(0)
        .expect_contains("no [[tracks]]")
        .expect_contains("core   yes");
}

fn vendored_fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vendored")
        .to_str()
        .unwrap()
        .to_owned()
}

// The `vendored` fixture's one registry crate, itoa 1.0.19, is one of
// rustdrill's own dependencies: cargo's cache has it wherever rustdrill was
// built, so vendoring works offline here.
#[test]
fn a_vendored_course_builds_with_an_empty_cargo_home_and_no_network() {
    let parent = tempfile::tempdir().unwrap();
    let from = vendored_fixture();
    Rustdrill::new(
        parent.path(),
        &["init", "room", "--from", &from, "--all-tracks", "--vendor"],
    )
    .offline()
    .run()
    .expect_code(0)
    .expect_contains("Vendored: ");
    let root = parent.path().join("room");
    assert!(root.join("vendor/itoa/Cargo.toml").is_file());

    let empty_home = tempfile::tempdir().unwrap();
    let build = Command::new("cargo")
        .args(["build", "--locked", "--quiet"])
        .current_dir(root.join("exercises"))
        .env("CARGO_HOME", empty_home.path())
        .env("CARGO_NET_OFFLINE", "true")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "cargo build --locked with an empty cargo home: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    fs::copy(
        Path::new(&from).join("solutions/02_itoa/itoa1.rs"),
        root.join("exercises/02_itoa/itoa1.rs"),
    )
    .unwrap();
    Rustdrill::new(&root, &["run", "itoa1"])
        .offline()
        .cargo_home(empty_home.path())
        .run()
        .expect_code(0)
        .expect_contains("Solved");
}

#[test]
fn vendoring_with_no_network_and_an_empty_cache_fails_clearly_and_writes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let empty_home = tempfile::tempdir().unwrap();
    Rustdrill::new(
        parent.path(),
        &[
            "init",
            "room",
            "--from",
            &vendored_fixture(),
            "--all-tracks",
            "--vendor",
        ],
    )
    .offline()
    .cargo_home(empty_home.path())
    .run()
    .expect_code(2)
    .expect_contains("nothing was written")
    .expect_contains("needs the network");
    assert!(!parent.path().join("room").exists());
}

#[test]
fn tracks_add_on_a_vendored_course_vendors_the_track_or_changes_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let from = vendored_fixture();
    Rustdrill::new(
        parent.path(),
        &["init", "room", "--from", &from, "--vendor"],
    )
    .offline()
    .run()
    .expect_code(0);
    let root = parent.path().join("room");
    let info = fs::read_to_string(root.join("info.toml")).unwrap();
    let empty_home = tempfile::tempdir().unwrap();
    Rustdrill::new(&root, &["tracks", "add", "numbers", "--from", &from])
        .offline()
        .cargo_home(empty_home.path())
        .run()
        .expect_code(2)
        .expect_contains("track numbers not added")
        .expect_contains("needs the network");
    assert_eq!(fs::read_to_string(root.join("info.toml")).unwrap(), info);
    assert!(!root.join("exercises/02_itoa").exists());
    Rustdrill::new(&root, &["list"])
        .offline()
        .run()
        .expect_code(0)
        .expect_contains("0/1 done");

    Rustdrill::new(&root, &["tracks", "add", "numbers", "--from", &from])
        .offline()
        .run()
        .expect_code(0)
        .expect_contains("Added track `numbers`");
    assert!(root.join("vendor/itoa/Cargo.toml").is_file());
    Rustdrill::new(&root, &["run", "itoa1"])
        .offline()
        .cargo_home(empty_home.path())
        .run()
        .expect_code(1)
        .expect_contains("formats");
}

#[test]
fn dev_measure_writes_track_costs_that_init_ships_and_tracks_shows() {
    let course = Course::fixture("tracks");
    course
        .run(&["dev", "measure", "--calibration-size", "1"])
        .expect_code(0)
        .expect_contains("Wrote");
    let costs = course.read("track-costs.toml");
    for track in ["core", "web", "games"] {
        assert!(costs.contains(&format!("[tracks.{track}]")), "{costs}");
    }
    assert!(costs.contains("target_bytes = "), "{costs}");
    assert!(
        costs.contains("vendor_bytes = 0"),
        "no registry crate: {costs}"
    );

    let parent = tempfile::tempdir().unwrap();
    rustdrill(
        parent.path(),
        &[
            "init",
            "c",
            "--no-fetch",
            "--from",
            course.root().to_str().unwrap(),
        ],
    )
    .expect_code(0);
    let root = parent.path().join("c");
    assert_eq!(
        fs::read_to_string(root.join("track-costs.toml")).unwrap(),
        costs
    );
    let tracks = rustdrill(&root, &["tracks"]);
    tracks.expect_code(0).expect_contains("cost");
    let core = tracks
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("core"))
        .unwrap();
    assert!(core.contains(" s, ") && core.contains("MB"), "{core}");
}

#[test]
fn finishing_a_track_says_which_tracks_remain() {
    let (parent, run) = init(&["--track", "web"]);
    run.expect_code(0);
    let root = parent.path().join("course");
    let fixture = fixture_dir();
    for name in ["start1", "start2"] {
        fs::copy(
            fixture.join(format!("solutions/01_start/{name}.rs")),
            root.join(format!("exercises/01_start/{name}.rs")),
        )
        .unwrap();
    }
    let first = rustdrill(&root, &["run", "start1"]);
    first.expect_code(0);
    assert!(!first.stdout.contains("is done!"), "{}", first.stdout);
    rustdrill(&root, &["run", "start2"])
        .expect_code(0)
        .expect_contains(
            "Track `core` is done! Still to go here: web. Tracks not added yet: games \
             (`rustdrill tracks add games`).",
        );
}

#[test]
fn a_track_left_out_leaves_its_registry_crates_out_of_the_lock() {
    let parent = tempfile::tempdir().unwrap();
    Rustdrill::new(
        parent.path(),
        &["init", "c", "--from", &vendored_fixture(), "--no-fetch"],
    )
    .offline()
    .run()
    .expect_code(0);
    let root = parent.path().join("c");
    let lock = fs::read_to_string(root.join("exercises/Cargo.lock")).unwrap();
    assert!(!lock.contains("itoa"), "{lock}");
    assert!(lock.contains("name = \"plain\""), "{lock}");
    let build = cargo_locked_build(&root.join("exercises"));
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    // Added back, the crate is locked at the version the course pins.
    Rustdrill::new(
        &root,
        &[
            "tracks",
            "add",
            "numbers",
            "--from",
            &vendored_fixture(),
            "--no-fetch",
        ],
    )
    .offline()
    .run()
    .expect_code(0);
    let lock = fs::read_to_string(root.join("exercises/Cargo.lock")).unwrap();
    assert!(
        lock.contains("name = \"itoa\"\nversion = \"1.0.19\""),
        "{lock}"
    );
}

#[test]
fn a_track_whose_system_libraries_are_missing_is_flagged_with_its_install_command() {
    let course = Course::fixture("tracks");
    let info = course.read("info.toml");
    course.write(
        "info.toml",
        &info.replace(
            "chapters = [\"03_games\"]",
            "chapters = [\"03_games\"]\nsystem_libraries = [\"rustdrill-no-such-lib\"]\n\
             install = \"sudo apt-get install librustdrill-test-dev\"",
        ),
    );
    let flag = "track `games` needs system libraries missing here: rustdrill-no-such-lib";
    let install = "sudo apt-get install librustdrill-test-dev";
    let parent = tempfile::tempdir().unwrap();
    let from = course.root().to_str().unwrap();
    let run = rustdrill(
        parent.path(),
        &[
            "init",
            "c",
            "--no-fetch",
            "--from",
            from,
            "--track",
            "games",
        ],
    );
    run.expect_code(0)
        .expect_contains(flag)
        .expect_contains(install);
    let root = parent.path().join("c");
    rustdrill(&root, &["tracks"])
        .expect_code(0)
        .expect_contains(flag);
    // A track that needs nothing is not flagged.
    let run = rustdrill(
        &root,
        &["tracks", "add", "web", "--no-fetch", "--from", from],
    );
    run.expect_code(0);
    assert!(!run.all().contains("track `web` needs"), "{}", run.all());
}

#[test]
fn tracks_shows_each_languages_coverage_per_track_from_the_catalogues() {
    // The i18n fixture: Korean complete, Japanese partly translated.
    let parent = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n");
    rustdrill(
        parent.path(),
        &[
            "init",
            "course",
            "--no-fetch",
            "--from",
            fixture.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    let course = parent.path().join("course");
    rustdrill(&course, &["tracks"])
        .expect_code(0)
        .expect_contains("translated")
        .expect_contains("ja 26% · ko 100%");
    // One Korean entry made fuzzy: the track is no longer complete.
    let po = course.join("i18n/ko/01_start.po");
    let text = fs::read_to_string(&po).unwrap();
    let at = text.find("\nmsgctxt").expect("an entry in the catalogue");
    fs::write(&po, format!("{}\n#, fuzzy{}", &text[..at], &text[at..])).unwrap();
    rustdrill(&course, &["tracks"])
        .expect_code(0)
        .expect_contains("ja 26% · ko 9");
}

#[test]
fn tracks_on_a_narrow_terminal_is_one_block_per_track_not_a_wrapped_table() {
    let course = Course::fixture("tracks");
    let script = format!(
        "{}; echo END-OF-TRACKS; sleep 600",
        course.rustdrill(&["tracks"]).shell()
    );
    // 40 columns: narrower than the table (a laptop's 80 columns is
    // narrower than the shipped course's).
    let tmux = common::Tmux::session(course, 40, &script);
    let screen = tmux.wait_for("END-OF-TRACKS");
    // The screen is read with wrapped lines joined: a line wider than the
    // terminal is one the terminal had to break.
    for line in screen.lines() {
        assert!(
            console::measure_text_width(line) <= 40,
            "a line the terminal wrapped: {line:?}\n{screen}"
        );
    }
    let lines: Vec<&str> = screen.lines().collect();
    let web = lines
        .iter()
        .position(|l| l.starts_with("  web "))
        .unwrap_or_else(|| panic!("web's line: {screen}"));
    // Its chapter and description on lines of their own, under its name.
    assert_eq!(lines[web + 1].trim(), "02_web", "{screen}");
    assert!(
        lines[web + 1..web + 4]
            .iter()
            .any(|l| l.trim() == "Serving things"),
        "{screen}"
    );
}
