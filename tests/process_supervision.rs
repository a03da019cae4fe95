//! The processes an exercise starts end with its check, however the check
//! or rustdrill ends (issue 21, items 4–6): a stopped runner (signals, `q`,
//! a closed terminal, `kill -9`) leaves nothing behind, rustdrill signals
//! only what it started, and watch ends a running check when the file is
//! saved again. Each test is named after the defect it pins down.
//!
//! Every process a test starts is ended by the test, by pid or by a group
//! the test created; every wait has a deadline.

#![cfg(target_os = "linux")]

mod common;

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{Course, Tmux, kill, survived};

/// Long enough for a cold build of a fixture on a busy 2-core machine.
const DEADLINE: Duration = Duration::from_secs(180);

/// An exercise that starts two daemons rustdrill's process groups cannot
/// reach, then loops: one started by `setsid` while main runs (an orphan
/// only once main dies), one by a double fork (an orphan at once). Each
/// writes its pid into `dir`, and main its own.
fn escaping_exercise(dir: &Path) -> String {
    format!(
        r#"use std::process::Command;

fn main() {{
    let dir = {dir:?};
    // A child in a session of its own: it leaves main's process group.
    Command::new("setsid")
        .args(["sh", "-c", &format!("echo $$ > {{dir}}/setsid.pid; exec sleep 1000")])
        .spawn()
        .unwrap();
    // A double fork: the middle shell exits at once.
    Command::new("sh")
        .args(["-c", &format!("setsid sh -c 'echo $$ > {{dir}}/double.pid; exec sleep 1000' &")])
        .status()
        .unwrap();
    std::fs::write(format!("{{dir}}/main.pid"), std::process::id().to_string()).unwrap();
    println!("looping");
    // TODO: stop looping
    loop {{
        std::thread::sleep(std::time::Duration::from_millis(50));
    }}
}}
"#
    )
}

/// The pids of the escaping exercise's processes, once all three run.
struct Escapees {
    main: String,
    setsid: String,
    double: String,
}

impl Escapees {
    fn wait(dir: &Path) -> Escapees {
        Escapees {
            main: wait_for_pid(&dir.join("main.pid")),
            setsid: wait_for_pid(&dir.join("setsid.pid")),
            double: wait_for_pid(&dir.join("double.pid")),
        }
    }

    /// Those that did not die within `DIE_WITHIN` (and were then killed).
    fn survivors(&self) -> Vec<String> {
        [
            ("main", &self.main),
            ("setsid daemon", &self.setsid),
            ("double-forked daemon", &self.double),
        ]
        .into_iter()
        .filter(|(_, pid)| survived(pid))
        .map(|(what, pid)| format!("{what} {pid}"))
        .collect()
    }
}

/// The basic fixture with `hangs` replaced by the escaping exercise (and a
/// time limit rustdrill's own timeout cannot reach).
fn escaping_course() -> Course {
    let course = Course::fixture("basic");
    let info = course
        .read("info.toml")
        .replace("timeout_secs = 2", "timeout_secs = 600");
    course.write("info.toml", &info);
    let source = escaping_exercise(course.root());
    course.write("exercises/01_basics/hangs.rs", &source);
    course
}

/// `rustdrill run hangs` on the escaping course, as the leader of a
/// process group of its own (so no bug can reach the test's group), once
/// every escaping process runs.
fn run_escaping() -> (Course, Child, Escapees) {
    let course = escaping_course();
    let child = course
        .cmd(&["run", "hangs"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("rustdrill starts");
    let pids = Escapees::wait(course.root());
    (course, child, pids)
}

/// `rustdrill watch` with `fix_me` replaced by the escaping exercise (and
/// a time limit rustdrill's own timeout cannot reach), once every escaping
/// process runs.
fn watch_escaping() -> (Tmux, Escapees) {
    let t = watch(|course| {
        set_timeout(course, "fix_me", 600);
        course.write(
            "exercises/01_start/fix_me.rs",
            &escaping_exercise(course.root()),
        );
    });
    let pids = Escapees::wait(t.course.root());
    (t, pids)
}

fn stopped_by_signal_leaves_nothing(signal: &str) {
    let (_course, mut rustdrill, pids) = run_escaping();
    kill(signal, &rustdrill.id().to_string());
    wait_child(&mut rustdrill);
    let survivors = pids.survivors();
    assert!(
        survivors.is_empty(),
        "{signal}: outlived rustdrill: {survivors:?}"
    );
}

#[test]
fn a_setsid_grandchild_outlived_sigterm() {
    stopped_by_signal_leaves_nothing("-TERM");
}

#[test]
fn a_setsid_grandchild_outlived_sigint() {
    stopped_by_signal_leaves_nothing("-INT");
}

#[test]
fn a_setsid_grandchild_outlived_sighup() {
    stopped_by_signal_leaves_nothing("-HUP");
}

#[test]
fn a_double_fork_outlived_kill_9() {
    stopped_by_signal_leaves_nothing("-KILL");
}

#[test]
fn a_setsid_grandchild_outlived_quit() {
    let (t, pids) = watch_escaping();
    t.keys(&["q"]);
    t.wait_for("EXIT=0");
    let survivors = pids.survivors();
    assert!(survivors.is_empty(), "outlived `q`: {survivors:?}");
}

#[test]
fn a_setsid_grandchild_outlived_a_closed_terminal() {
    let (t, pids) = watch_escaping();
    // The window closes: SIGHUP, and the terminal is gone.
    t.tmux(&["kill-server"]);
    let survivors = pids.survivors();
    assert!(
        survivors.is_empty(),
        "outlived the closed terminal: {survivors:?}"
    );
}

/// A `rustc` first on PATH that, asked `--version` (as rustdrill asks it
/// beside a check, for the verdict cache), answers only after the exercise
/// ran (it writes `main-ran`) and a second more, then notes that it
/// finished. Everything else goes to the real rustc.
fn slow_rustc(course: &Course) -> String {
    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .expect("rustc runs");
    let real = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim()).join("bin/rustc");
    assert!(real.is_file(), "{} is the real rustc", real.display());
    let bin = course.path("fake-bin");
    fs::create_dir_all(&bin).unwrap();
    let root = course.root().display();
    let script = format!(
        "#!/bin/sh\n\
         if [ \"$1\" = --version ] && [ $# -eq 1 ]; then\n\
         \x20 i=0\n\
         \x20 while [ ! -e '{root}/main-ran' ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done\n\
         \x20 sleep 1\n\
         \x20 echo finished > '{root}/rustc-finished'\n\
         fi\n\
         exec '{}' \"$@\"\n",
        real.display()
    );
    let fake = bin.join("rustc");
    fs::write(&fake, script).unwrap();
    Command::new("chmod").arg("+x").arg(&fake).status().unwrap();
    let path = std::env::var("PATH").unwrap_or_default();
    format!("{}:{path}", bin.display())
}

/// The basic fixture whose `passes` main notes that it ran.
fn course_with_slow_rustc() -> (Course, String) {
    let course = Course::fixture("basic");
    let marker = course.path("main-ran");
    course.write(
        "exercises/01_basics/passes.rs",
        &format!(
            "// TODO: nothing\nfn main() {{\n    std::fs::write({marker:?}, \"\").unwrap();\n}}\n\n\
             #[cfg(test)]\nmod tests {{\n    #[test]\n    fn nothing() {{}}\n}}\n"
        ),
    );
    let path = slow_rustc(&course);
    (course, path)
}

#[test]
fn a_tool_child_was_killed_by_a_concurrent_check() {
    // `run` asks `rustc --version` beside its check; the check ended
    // while it was still running. rustdrill leads its own group here, so
    // only the child itself is at stake.
    let (course, path) = course_with_slow_rustc();
    let mut rustdrill = course
        .cmd(&["run", "passes"])
        .env("PATH", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("rustdrill starts");
    let out = wait_output(&mut rustdrill);
    assert!(
        course.path("main-ran").exists(),
        "the exercise ran: {out:?}"
    );
    assert!(
        course.path("rustc-finished").exists(),
        "`rustc --version` was killed before it finished: {out:?}"
    );
    assert_eq!(out.0, Some(0), "{out:?}");
}

#[test]
fn rustdrill_not_a_group_leader_signalled_its_own_group() {
    // Started from a script (an editor task, CI): the script leads the
    // group, rustdrill is a member. Ending its own check must not end it,
    // nor the script.
    let (course, path) = course_with_slow_rustc();
    let result = course.path("script-result");
    let script = format!(
        "{} >/dev/null 2>&1; echo \"EXIT=$?\" > '{}'",
        course
            .rustdrill(&["run", "passes"])
            .env("PATH", &path)
            .shell(),
        result.display()
    );
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(script).process_group(0);
    let mut sh = sh.spawn().expect("sh starts");
    // (Past the deadline, `wait_child` kills the script's group while the
    // script is not yet reaped, so the group id is still the test's.)
    let (code, _, _) = wait_output(&mut sh);
    assert_eq!(
        code,
        Some(0),
        "the script was killed (by a signal to its own group)"
    );
    assert_eq!(
        fs::read_to_string(&result).unwrap_or_default().trim(),
        "EXIT=0"
    );
}

#[test]
fn a_save_during_a_looping_check_waited_for_the_timeout() {
    // A minute: far longer than any build, so a verdict that waited for
    // the time limit cannot pass for one that did not.
    let t = watch(|course| {
        set_timeout(course, "fix_me", 60);
        let pidfile = course.path("loop.pid");
        course.write(
            "exercises/01_start/fix_me.rs",
            &format!(
                "fn main() {{\n    std::fs::write({pidfile:?}, std::process::id().to_string()).unwrap();\n    \
                 // TODO: stop looping\n    #[allow(clippy::empty_loop)]\n    loop {{}}\n}}\n"
            ),
        );
    });
    let looping = wait_for_pid(&t.course.path("loop.pid"));
    let solution = t.course.read("solutions/01_start/fix_me.rs");
    let saved = Instant::now();
    t.course.write("exercises/01_start/fix_me.rs", &solution);
    t.wait_for("fix_me is done!");
    let took = saved.elapsed();
    let still_looping = survived(&looping);
    assert!(
        took < Duration::from_secs(30),
        "the fix's verdict came {took:?} after the save (the loop's time limit is 60 s)"
    );
    assert!(!still_looping, "the looping check {looping} was not ended");
}

// --- helpers ---------------------------------------------------------------

fn set_timeout(course: &Course, name: &str, secs: u32) {
    let info = course.read("info.toml").replacen(
        &format!("name = \"{name}\"\n"),
        &format!("name = \"{name}\"\ntimeout_secs = {secs}\n"),
        1,
    );
    course.write("info.toml", &info);
}

/// `rustdrill watch` on a copy of the watch fixture changed by `prepare`,
/// in a tmux server of its own.
fn watch(prepare: impl FnOnce(&Course)) -> Tmux {
    let course = Course::fixture("watch_course");
    prepare(&course);
    Tmux::watch(course, &[])
        .with_scrollback()
        .with_deadline(DEADLINE)
}

/// Waits for `path` to hold a pid.
fn wait_for_pid(path: &Path) -> String {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Ok(pid) = fs::read_to_string(path)
            && !pid.trim().is_empty()
        {
            return pid.trim().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "{} was never written",
            path.display()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for `child` (a group leader the test started) at most
/// `DEADLINE`; past it, kills its group.
fn wait_child(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        if Instant::now() > deadline {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!("{} did not end within {DEADLINE:?}", child.id());
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// `wait_child`, with what the child printed (if piped).
fn wait_output(child: &mut Child) -> (Option<i32>, String, String) {
    use std::io::Read;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = stdout.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let err = thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = stderr.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let code = wait_child(child);
    (
        code,
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}
