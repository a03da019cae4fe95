//! Tracks: `[[tracks]]` in info.toml, `init --track`, `rustdrill tracks`
//! and `tracks add`, on the `tracks` fixture course (three tracks of tiny
//! dependency-free chapters: core 01_start, web 02_web, games 03_games).

mod common;

use common::Course;

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
