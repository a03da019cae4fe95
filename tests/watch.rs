//! `rustdrill watch` in a real pseudo-terminal: tmux runs it, `send-keys`
//! types, `capture-pane` reads the screen. Each test has its own course copy
//! (so its own `target/`) and its own tmux server (its own socket), so tests
//! never share a terminal, a build lock or a binary. Waits poll the screen
//! with a generous deadline; nothing asserts on time.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::{Course, Tmux, alive};

/// Long enough for a cold build on a busy 2-core machine.
const DEADLINE: Duration = Tmux::DEADLINE;

/// What these tests add to the shared `Tmux`: starting on a fixture with
/// the terminal settings printed after rustdrill, and the watch fixture's
/// files and progress.
trait WatchTest {
    fn start(fixture: &str, args: &[&str]) -> Tmux;
    fn start_with(fixture: &str, args: &[&str], prepare: impl FnOnce(&Course)) -> Tmux;
    fn file(&self, name: &str) -> PathBuf;
    fn solution(&self, name: &str) -> String;
    fn checks(&self, name: &str) -> i64;
    fn quit_and_stty(&self, key: &str) -> String;
}

impl WatchTest for Tmux {
    /// Starts `rustdrill watch ARGS` on a copy of `tests/fixtures/<fixture>`.
    /// After rustdrill exits the pane prints `stty -a` between markers, so
    /// a test can see the settings rustdrill left behind.
    fn start(fixture: &str, args: &[&str]) -> Tmux {
        Tmux::start_with(fixture, args, |_| {})
    }

    /// `start`, with the course copy changed by `prepare` first.
    fn start_with(fixture: &str, args: &[&str], prepare: impl FnOnce(&Course)) -> Tmux {
        let course = Course::fixture(fixture);
        prepare(&course);
        Tmux::watch_then(course, args, "echo STTY-BEGIN; stty -a; echo STTY-END; ")
            .with_scrollback()
    }

    fn file(&self, name: &str) -> PathBuf {
        let dir = match name {
            "fix_me" => "01_start",
            _ => "02_more",
        };
        self.course.path(&format!("exercises/{dir}/{name}.rs"))
    }

    fn solution(&self, name: &str) -> String {
        let dir = match name {
            "fix_me" => "01_start",
            _ => "02_more",
        };
        self.course.read(&format!("solutions/{dir}/{name}.rs"))
    }

    /// How many checks the progress file records for `name`.
    fn checks(&self, name: &str) -> i64 {
        let text = self.course.read(".rustdrill/state.toml");
        let state: toml::Table = toml::from_str(&text).expect("state parses");
        state["exercises"][name]
            .get("checks")
            .and_then(toml::Value::as_integer)
            .unwrap_or(0)
    }

    /// Quits with `q` and returns what the pane printed after rustdrill.
    fn quit_and_stty(&self, key: &str) -> String {
        self.keys(&[key]);
        let screen = self.wait_for("STTY-END");
        let start = screen.find("STTY-BEGIN").expect("marker");
        screen[start..].to_owned()
    }
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// `stty -a` lists each flag as `flag` or `-flag`.
fn has_flag(stty: &str, flag: &str) -> bool {
    stty.split_whitespace()
        .any(|w| w.trim_end_matches(';') == flag)
}

#[test]
fn welcome_then_verdict_then_fix_shows_done() {
    let t = Tmux::start("watch_course", &[]);
    let screen = t.wait_for("fix_me — compile error");
    assert!(screen.contains("Welcome to the watch fixture."), "{screen}");
    assert!(screen.contains("exercises/01_start/fix_me.rs"), "{screen}");
    assert!(screen.contains("0/3 done · 01_start"), "{screen}");
    assert!(screen.contains("h hint · n next"), "{screen}");

    write(&t.file("fix_me"), &t.solution("fix_me"));
    let screen = t.wait_for("fix_me is done!");
    assert!(screen.contains("solutions/01_start/fix_me.rs"), "{screen}");
    assert!(
        screen.contains("Press n for the next exercise: slow"),
        "{screen}"
    );
    assert!(screen.contains("1/3 done"), "{screen}");
}

#[test]
fn hints_come_one_at_a_time() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    t.keys(&["h"]);
    let screen = t.wait_for("hint 1/3");
    assert!(screen.contains("First hint: look at the types."));
    assert!(!screen.contains("hint 2/3"), "{screen}");
    t.keys(&["h"]);
    let screen = t.wait_for("hint 2/3");
    assert!(screen.contains("Second hint: pass a &str."), "{screen}");
    assert!(!screen.contains("hint 3/3"), "{screen}");
}

#[test]
fn n_waits_for_done_then_moves_on_and_introduces_the_chapter() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    t.keys(&["n"]);
    t.wait_for("moves on once fix_me is done");

    write(&t.file("fix_me"), &t.solution("fix_me"));
    t.wait_for("fix_me is done!");
    t.keys(&["n"]);
    let screen = t.wait_for("slow — running main failed");
    assert!(screen.contains("New chapter: 02_more"), "{screen}");
    assert!(
        screen.contains("The second chapter of the watch fixture"),
        "{screen}"
    );
    assert!(!screen.contains("Further paragraphs"), "{screen}");
    assert!(screen.contains("exercises/02_more/slow.rs"), "{screen}");
    // Remembered, so a later session does not introduce it again.
    let state = t.course.read(".rustdrill/state.toml");
    assert!(
        state.contains("chapters_introduced = [\n    \"01_start\",\n    \"02_more\",\n]")
            || state.contains("chapters_introduced = [\"01_start\", \"02_more\"]"),
        "{state}"
    );
}

#[test]
fn a_save_by_rename_over_is_seen() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    // vim, JetBrains' safe write, VS Code: a temp file renamed over.
    let tmp = t.file("fix_me").with_extension("rs.tmp~");
    write(&tmp, &t.solution("fix_me"));
    fs::rename(&tmp, t.file("fix_me")).expect("rename");
    t.wait_for("fix_me is done!");
}

#[test]
fn delete_then_create_and_truncate_then_write_are_seen() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    fs::remove_file(t.file("fix_me")).expect("delete");
    write(&t.file("fix_me"), &t.solution("fix_me"));
    t.wait_for("fix_me is done!");

    // Truncate, then write in place (same inode).
    let broken = "fn main() {\n    let x: i32 = \"no\";\n}\n";
    let file = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(t.file("fix_me"))
        .expect("open");
    std::io::Write::write_all(&mut &file, broken.as_bytes()).expect("write");
    drop(file);
    t.wait_for("fix_me — compile error: [E0308]");
}

#[test]
fn saves_during_a_check_cancel_it_and_check_the_last_content() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    // Jump to `slow` through the list and its search.
    t.keys(&["l"]);
    t.wait_for("Exercises (3 of 3");
    t.keys(&["/", "s", "l", "o", "w", "Enter"]);
    t.wait_for("slow — running main failed");
    assert_eq!(t.checks("slow"), 1);

    // A save whose check takes a while (main sleeps)...
    write(
        &t.file("slow"),
        "fn main() {\n    std::thread::sleep(std::time::Duration::from_secs(3));\n    std::process::exit(5);\n}\n",
    );
    t.wait_for("⟳ checking");
    // ...and two more saves while it runs: a broken one, then the fix.
    write(&t.file("slow"), "fn main() { let x: u8 = \"no\"; }\n");
    write(&t.file("slow"), &t.solution("slow"));
    // Each save cancels the running check (the slow one is not waited
    // for) and checks the new content: "done" with nothing running means
    // every check is over.
    t.wait_until("done, nothing running", |s| {
        s.contains("slow is done!") && !s.contains("⟳")
    });
    // The first check, perhaps the broken content's (if it ended before
    // the fix was seen), then the final content's; cancelled checks are
    // not recorded.
    let checks = t.checks("slow");
    assert!((2..=3).contains(&checks), "{checks} checks recorded");
}

#[test]
fn reset_with_y_restores_the_original_and_keeps_a_backup() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    let original = fs::read_to_string(t.file("fix_me")).expect("read");
    let mine = "fn main() {\n    let mine: i32 = \"learner's attempt\";\n}\n";
    write(&t.file("fix_me"), mine);
    t.wait_until("the check of the learner's version", |s| {
        s.contains("fix_me — compile error") && !s.contains("⟳")
    });

    t.keys(&["x"]);
    t.wait_for("Reset exercises/01_start/fix_me.rs to its original? ");
    t.keys(&["y"]);
    t.wait_for("Restored exercises/01_start/fix_me.rs to its original.");
    t.wait_for("Your version is kept in .rustdrill/backup/fix_me-");
    assert_eq!(
        fs::read_to_string(t.file("fix_me")).expect("read"),
        original
    );
    let backups: Vec<_> = fs::read_dir(t.course.path(".rustdrill/backup"))
        .expect("backup dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read_to_string(&backups[0]).expect("read"), mine);
}

#[test]
fn reset_with_another_key_changes_nothing() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    let before = fs::read_to_string(t.file("fix_me")).expect("read");
    t.keys(&["x"]);
    t.wait_for("[y/N]");
    t.keys(&["n"]);
    t.wait_for("Nothing changed");
    assert_eq!(fs::read_to_string(t.file("fix_me")).expect("read"), before);
    assert!(!t.course.path(".rustdrill/backup").exists());
}

#[test]
fn q_restores_the_terminal() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    let stty = t.quit_and_stty("q");
    assert!(has_flag(&stty, "echo"), "{stty}");
    assert!(has_flag(&stty, "icanon"), "{stty}");
    assert!(has_flag(&stty, "isig"), "{stty}");
    let screen = t.screen();
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(screen.contains("Progress saved: 0/3 done"), "{screen}");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    let stty = t.quit_and_stty("C-c");
    assert!(
        has_flag(&stty, "echo") && has_flag(&stty, "icanon"),
        "{stty}"
    );
}

#[test]
fn poll_mode_sees_saves() {
    let t = Tmux::start("watch_course", &["--poll"]);
    t.wait_for("fix_me — compile error");
    write(&t.file("fix_me"), &t.solution("fix_me"));
    t.wait_for("fix_me is done!");
}

#[test]
fn without_a_terminal_it_points_to_run() {
    let course = Course::fixture("watch_course");
    let run = course
        .rustdrill(&["watch"])
        .stdin(std::process::Stdio::null())
        .run();
    run.expect_code(2).expect_contains("rustdrill run");
}

#[test]
fn goto_from_another_terminal_was_undone_by_the_next_key_in_watch() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    // An instructor steers the room while watch is open.
    t.course.run(&["goto", "second"]).expect_code(0);
    t.wait_for("moved to second");
    t.wait_for("exercises/02_more/second.rs");
    t.keys(&["h"]);
    t.wait_for("hint 1/");
    let state: toml::Table = toml::from_str(&t.course.read(".rustdrill/state.toml")).unwrap();
    assert_eq!(state["current"].as_str(), Some("second"), "{state}");
}

#[test]
fn verify_in_another_terminal_was_overwritten_by_watch() {
    let t = Tmux::start("watch_course", &[]);
    t.wait_for("fix_me — compile error");
    write(&t.file("second"), &t.solution("second"));
    // `verify` elsewhere marks `second` done; watch is still on fix_me.
    t.course.run(&["verify"]);
    t.keys(&["h"]);
    t.wait_for("hint 1/");
    write(&t.file("fix_me"), &t.solution("fix_me"));
    t.wait_for("fix_me is done!");
    let run = t.course.run(&["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let done: Vec<&str> = list["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["done"] == true)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(done, ["fix_me", "second"], "{run:?}", run = run.stdout);
}

#[test]
fn closing_the_terminal_left_the_exercise_running() {
    let t = Tmux::start_with("watch_course", &[], |course| {
        // Long enough that watch's own time limit cannot be what ends it.
        let info = course.read("info.toml").replacen(
            "name = \"fix_me\"\n",
            "name = \"fix_me\"\ntimeout_secs = 300\n",
            1,
        );
        course.write("info.toml", &info);
    });
    t.wait_for("fix_me — compile error");
    let pidfile = t.course.path("loop.pid");
    write(
        &t.file("fix_me"),
        &format!(
            "fn main() {{\n    std::fs::write({pidfile:?}, std::process::id().to_string()).unwrap();\n    \
             #[allow(clippy::empty_loop)]\n    loop {{}}\n}}\n"
        ),
    );
    let deadline = Instant::now() + DEADLINE;
    let pid = loop {
        if let Ok(pid) = fs::read_to_string(&pidfile)
            && !pid.is_empty()
        {
            break pid;
        }
        assert!(Instant::now() < deadline, "the looping main never started");
        thread::sleep(Duration::from_millis(50));
    };
    // The window closes: SIGHUP, and every write to the terminal fails.
    t.tmux(&["kill-server"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let running = || alive(&pid);
    while running() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    let survived = running();
    if survived {
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
    }
    assert!(
        !survived,
        "the exercise {pid} kept running after the terminal closed"
    );
}

#[test]
fn a_track_added_while_watching_shows_at_once() {
    let t = Tmux::start_with("tracks", &[], |course| {
        // The course as `init` writes it without the `games` track.
        let info = course.read("info.toml");
        let cut = info.find("[[exercises]]\nname = \"games1\"").unwrap();
        course.write("info.toml", &info[..cut]);
        let manifest = course.read("exercises/Cargo.toml");
        course.write(
            "exercises/Cargo.toml",
            &manifest.replace("    \"03_games\",\n", ""),
        );
        fs::remove_dir_all(course.path("exercises/03_games")).unwrap();
        fs::remove_dir_all(course.path("solutions/03_games")).unwrap();
    });
    t.wait_for("start1");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tracks");
    t.course
        .rustdrill(&["tracks", "add", "games", "--no-fetch", "--from"])
        .arg(&fixture)
        .run()
        .expect_code(0);
    t.wait_for("info.toml changed");
    t.keys(&["l"]);
    t.wait_for("games2");
}

#[test]
fn a_terminal_that_hangs_up_without_sighup_ends_watch() {
    // Started in a session of its own (`setsid`), watch's terminal is not
    // its controlling terminal: when the window closes no SIGHUP comes,
    // only a terminal that reads nothing any more. Watch must notice and
    // leave, not wait (or spin) forever.
    if Command::new("setsid").arg("--version").output().is_err() {
        panic!("this test needs setsid (util-linux)");
    }
    let course = Course::fixture("watch_course");
    let pidfile = course.path("watch.pid");
    let setsid = format!("echo $$ > '{}'; exec \"$0\" \"$@\"", pidfile.display());
    let script = format!(
        "{}; sleep 600",
        course
            .rustdrill(&["watch"])
            .env("RUSTDRILL_NO_PREBUILD", "1")
            .via(&["setsid", "-w", "sh", "-c", &setsid])
            .shell()
    );
    let t = Tmux::session(course, 100, &script).with_scrollback();
    t.wait_for("fix_me — compile error");
    let pid = fs::read_to_string(&pidfile).expect("the pid of watch");
    let pid = pid.trim();
    t.tmux(&["kill-server"]);
    let running = || alive(pid);
    let deadline = Instant::now() + Duration::from_secs(20);
    while running() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    let survived = running();
    if survived {
        let _ = Command::new("kill").args(["-KILL", pid]).status();
    }
    assert!(
        !survived,
        "watch {pid} kept running after its terminal hung up"
    );
}

/// The watch screen in Korean and Japanese (`RUSTDRILL_LANG`) on an
/// 80-column terminal: the runner's words are translated, the compiler's
/// stay as rustc wrote them, and no line runs past the edge (a Korean or
/// Japanese character takes two columns; tmux's `-J` joins a line that
/// wrapped, so one too wide shows here as wider than 80).
#[test]
fn watch_speaks_korean_and_japanese_within_80_columns() {
    let cases = [
        (
            "ko",
            "컴파일 에러",
            "힌트 1/3",
            "0/3 완료 · 01_start",
            "h 힌트 · n 다음",
        ),
        (
            "ja",
            "コンパイルエラー",
            "ヒント 1/3",
            "0/3 完了 · 01_start",
            "h ヒント · n 次へ",
        ),
    ];
    for (lang, headline, hint, progress, legend) in cases {
        let course = Course::fixture("watch_course");
        let script = format!(
            "{}; sleep 600",
            course
                .rustdrill(&["watch"])
                .env("RUSTDRILL_NO_PREBUILD", "1")
                .env("RUSTDRILL_LANG", lang)
                .shell()
        );
        let t = Tmux::session(course, 80, &script);
        let screen = t.wait_for(headline);
        assert!(screen.contains("mismatched types"), "{screen}");
        assert!(screen.contains(progress), "{screen}");
        assert!(screen.contains(legend), "{screen}");
        t.keys(&["h"]);
        let screen = t.wait_for(hint);
        assert!(
            screen.contains("First hint: look at the types."),
            "{screen}"
        );
        t.keys(&["n"]);
        let screen = t.wait_until("the answer to n", |s| s.contains("`n`"));
        for line in screen.lines() {
            assert!(
                console::measure_text_width(line) <= 80,
                "{lang}: {} columns: {line}\n{screen}",
                console::measure_text_width(line)
            );
        }
        println!("--- RUSTDRILL_LANG={lang}, 80 columns ---\n{screen}");
        // The exercise list pads its columns by width, not by characters.
        t.keys(&["l"]);
        let screen = t.wait_until("the list", |s| s.contains("Esc/q"));
        assert!(
            screen.contains("fix_me") && screen.contains("second"),
            "{screen}"
        );
        for line in screen.lines() {
            assert!(
                console::measure_text_width(line) <= 80,
                "{lang}: {line}\n{screen}"
            );
        }
        println!("--- RUSTDRILL_LANG={lang}, the list ---\n{screen}");
    }
}
