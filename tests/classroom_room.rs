//! The classroom in a real room (issue 23): who is in it (re-join, leave,
//! remove, rename), the instructor's course as the only layout, a room
//! that cannot be flooded or guessed into, resync after an outage, keys
//! and the helpers' role, hands with a message and a claim, the export.
//! Real processes: a server on 127.0.0.1, learners in fixture courses.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::classroom::{Server, agent, fixture, learner};
use common::{BIN, Course};
use serde_json::{Value, json};

fn learners(room: &Value) -> &Vec<Value> {
    room["learners"].as_array().unwrap()
}

fn status_of(room: &Value, name: &str, exercise: &str) -> Option<String> {
    learner(room, name)["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["exercise"] == exercise)
        .map(|p| p["status"].as_str().unwrap().to_owned())
}

fn join(course: &Course, server: &Server, name: &str) -> String {
    course
        .run(&["join", &server.url, &server.code, "--name", name])
        .expect_code(0)
        .expect_contains("Joined the classroom")
        .all()
}

fn token(course: &Course) -> String {
    let m: Value = serde_json::from_str(&course.read(".rustdrill/classroom.json")).unwrap();
    m["token"].as_str().unwrap().to_owned()
}

fn learner_status(server: &Server, token: &str) -> (u16, Value) {
    let mut r = agent()
        .get(format!("{}/api/status", server.url))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn outbox_len(course: &Course) -> usize {
    std::fs::read_dir(course.path(".rustdrill/outbox"))
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count()
        })
        .unwrap_or(0)
}

fn wait_for_empty_outbox(course: &Course) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox_len(course) > 0 {
        assert!(Instant::now() < deadline, "the outbox was never sent");
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn joining_again_from_the_same_folder_keeps_one_row_and_leave_marks_it_left() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada Lovelace");
    let first = server.wait_for("the join", |room| learners(room).len() == 1);
    let id = learner(&first, "Ada Lovelace")["id"].clone();
    assert_eq!(learner(&first, "Ada Lovelace")["presence"], "active");
    assert!(learner(&first, "Ada Lovelace")["last_seen"].is_i64());
    assert_eq!(first["idle_minutes"], 5);
    let again = join(&ada, &server, "Ada L.");
    assert!(again.contains("the same row"), "{again}");
    let room = server.room();
    assert_eq!(learners(&room).len(), 1, "no ghost row: {room:#}");
    assert_eq!(learner(&room, "Ada L.")["id"], id);
    // Leaving tells the server: the row stays, marked left.
    ada.run(&["leave"])
        .expect_code(0)
        .expect_contains("Left the classroom.");
    let room = server.room();
    assert_eq!(learner(&room, "Ada L.")["presence"], "left");
    // And coming back is the same row again, at work.
    join(&ada, &server, "Ada L.");
    let room = server.room();
    assert_eq!(learners(&room).len(), 1);
    assert_eq!(learner(&room, "Ada L.")["presence"], "active");
    assert_eq!(learner(&room, "Ada L.")["id"], id);
}

#[test]
fn the_instructor_renames_and_removes_rows_and_a_helper_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "ada");
    let id = learner(&server.room(), "ada")["id"].as_i64().unwrap();
    let helper = |path: &str, body: Value| {
        server
            .request("POST", path, &server.helper_key, Some(body))
            .0
    };
    assert_eq!(
        helper(&format!("/api/learners/{id}/rename"), json!({"name": "x"})),
        403
    );
    assert_eq!(
        helper(&format!("/api/learners/{id}/remove"), json!({})),
        403
    );
    assert_eq!(
        server.post(
            &format!("/api/learners/{id}/rename"),
            json!({"name": "Ada\u{202E} L."})
        ),
        204
    );
    learner(&server.room(), "Ada L.");
    assert_eq!(
        server.post(&format!("/api/learners/{id}/remove"), json!({})),
        204
    );
    assert!(learners(&server.room()).is_empty());
    assert_eq!(server.post("/api/learners/999/remove", json!({})), 404);
    // The removed learner's token stops working; they are told to join again.
    let (status, why) = learner_status(&server, &token(&ada));
    assert_eq!(status, 403);
    assert!(why.as_str().unwrap().contains("removed"), "{why}");
    ada.run(&["help-me"])
        .expect_code(0)
        .expect_contains("run `rustdrill join URL CODE` again");
}

#[test]
fn events_outside_the_rooms_course_are_refused_and_never_become_columns() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let layout = server.room()["course"].clone();
    assert_eq!(
        layout[0],
        json!({"name": "passes", "chapter": "01_basics"}),
        "the room's course is the one given to serve"
    );
    // A learner on another course joins: marked, nobody's columns change.
    let other = Course::fixture("watch_course");
    join(&other, &server, "Otto");
    let room = server.room();
    assert_eq!(room["course"], layout);
    let note = learner(&room, "Otto")["course_note"].as_str().unwrap();
    assert!(note.contains("other course"), "{note}");
    // Its checks are refused (422), dropped from its outbox with a copy
    // kept, and said once by the next command; nothing is retried.
    other.run(&["run", "fix_me"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox_len(&other) > 0 {
        assert!(
            Instant::now() < deadline,
            "refused events were never dropped"
        );
        thread::sleep(Duration::from_millis(50));
    }
    assert!(
        other
            .read(".rustdrill/outbox/refused.jsonl")
            .contains("fix_me")
    );
    other
        .run(&["list"])
        .expect_contains("the classroom's course has no exercise \"fix_me\"");
    let room = server.room();
    assert_eq!(room["course"], layout);
    let cells = learner(&room, "Otto")["exercises"].as_array().unwrap();
    assert!(cells.is_empty(), "{cells:?}");
    // The raw API says which seqs it refused.
    let mut r = agent()
        .post(format!("{}/api/events", server.url))
        .header("Authorization", &format!("Bearer {}", token(&other)))
        .send_json(json!({"events": [
            {"seq": 100, "kind": "check", "exercise": "passes", "verdict": "pass", "at": 1},
            {"seq": 101, "kind": "check", "exercise": "x".repeat(5000), "at": 1}
        ]}))
        .unwrap();
    assert_eq!(r.status(), 422);
    let refused: Value = r.body_mut().read_json().unwrap();
    assert_eq!(refused["unknown"], json!([101]));
    // The room cannot be moved to an exercise it does not have.
    assert_eq!(server.post("/api/goto", json!({"exercise": "nope"})), 422);
    assert_eq!(server.post("/api/goto", json!({"exercise": "passes"})), 204);
}

#[test]
fn a_join_flood_is_cut_and_wrong_codes_back_off_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    // Codes are read off a projector: any case works.
    let lower = server.join_api(&server.code.to_lowercase(), "\u{202E}evE\u{1b}[2J");
    assert_eq!(lower.status(), 200);
    assert_eq!(learners(&server.room())[0]["name"], "evE[2J");
    let codes: Vec<u16> = (0..80)
        .map(|i| {
            server
                .join_api(&server.code, &format!("bot{i}"))
                .status()
                .as_u16()
        })
        .collect();
    let accepted = codes.iter().filter(|c| **c == 200).count();
    assert!(
        (38..=41).contains(&accepted),
        "{accepted} joins of 80: {codes:?}"
    );
    assert_eq!(codes.last(), Some(&429));
    let flooded = server.join_api(&server.code, "more");
    assert!(flooded.headers().contains_key("retry-after"));
    assert!(learners(&server.room()).len() <= 41);
    // Wrong codes: a few typos are free, then the address waits, and
    // meanwhile even the right code is not looked at.
    let fresh = Server::basic(&dir.path().join("other.sqlite3"), "127.0.0.1:0", &[]);
    let wrong: Vec<u16> = (0..12)
        .map(|_| fresh.join_api("AAAAAA", "Mallory").status().as_u16())
        .collect();
    assert_eq!(&wrong[..8], [403; 8], "{wrong:?}");
    assert_eq!(wrong[11], 429, "{wrong:?}");
    let blocked = fresh.join_api(&fresh.code, "Mallory");
    assert_eq!(blocked.status(), 429);
    let wait: u64 = blocked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Unknown learner tokens (a learner whose token went stale) back off
    // too, but never lock the instructor out of the dashboard.
    let stale: Vec<u16> = (0..12)
        .map(|_| learner_status(&fresh, &"ab".repeat(32)).0)
        .collect();
    assert_eq!(&stale[..8], [403; 8], "{stale:?}");
    assert_eq!(stale[11], 429, "{stale:?}");
    assert_eq!(fresh.request("GET", "/api/room", &fresh.key, None).0, 200);
    // Wrong keys too.
    let keys: Vec<u16> = (0..12)
        .map(|_| fresh.request("GET", "/api/room", "0123", None).0)
        .collect();
    assert_eq!(&keys[..8], [403; 8], "{keys:?}");
    assert_eq!(keys[11], 429, "{keys:?}");
}

#[test]
fn a_solve_while_the_server_is_down_shows_after_one_list() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    server.wait_for("the join", |room| {
        learner(room, "Ada")["current"] == "passes"
    });
    let (db, port) = server.kill();
    ada.run(&["run", "passes"]).expect_code(0);
    assert!(outbox_len(&ada) >= 1, "the solve waits in the outbox");
    let server = Server::basic(&db, &format!("127.0.0.1:{port}"), &[]);
    let room = server.room();
    assert_ne!(
        status_of(&room, "Ada", "passes").as_deref(),
        Some("done"),
        "not sent yet"
    );
    // One command that checks nothing, and the room catches up.
    let started = Instant::now();
    ada.run(&["list"]).expect_code(0);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "list is not slowed"
    );
    server.wait_for("the solve after the outage", |room| {
        status_of(room, "Ada", "passes").as_deref() == Some("done")
    });
    wait_for_empty_outbox(&ada);
}

#[test]
fn the_key_moves_to_a_cookie_helpers_take_hands_and_new_key_rotates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("room.sqlite3");
    let server = Server::basic(&db, "127.0.0.1:0", &[]);
    // The first visit: a cookie scripts cannot read, and a clean address.
    let first = agent()
        .get(format!("{}/?key={}", server.url, server.helper_key))
        .call()
        .unwrap();
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], "/");
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    let pair = cookie.split(';').next().unwrap().to_owned();
    let mut room = agent()
        .get(format!("{}/api/room", server.url))
        .header("Cookie", &pair)
        .call()
        .unwrap();
    assert_eq!(room.status(), 200);
    let room: Value = room.body_mut().read_json().unwrap();
    assert_eq!(room["role"], "helper");
    let line = room["join_line"].as_str().unwrap();
    assert!(
        line.starts_with(&format!("rustdrill join {} {}", server.url, server.code)),
        "{line}"
    );
    assert_eq!(server.room()["role"], "instructor");
    // A helper sees and takes hands, but does not steer or export.
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    ada.run(&["help-me"]).expect_code(0);
    let room = server.wait_for("the hand", |room| {
        !room["help"].as_array().unwrap().is_empty()
    });
    let hand = room["help"][0]["id"].as_i64().unwrap();
    let as_helper = |method: &str, path: &str, body: Option<Value>| {
        server.request(method, path, &server.helper_key, body).0
    };
    assert_eq!(
        as_helper(
            "POST",
            &format!("/api/help/{hand}/claim"),
            Some(json!({"by": "Grace"}))
        ),
        204
    );
    assert_eq!(
        as_helper("POST", &format!("/api/help/{hand}/answer"), None),
        204
    );
    assert_eq!(
        as_helper("POST", "/api/announce", Some(json!({"text": "x"}))),
        403
    );
    assert_eq!(
        as_helper("POST", "/api/goto", Some(json!({"exercise": "passes"}))),
        403
    );
    assert_eq!(
        as_helper("POST", "/api/settings", Some(json!({"idle_minutes": 2}))),
        403
    );
    assert_eq!(as_helper("GET", "/api/export", None), 403);
    assert_eq!(as_helper("GET", "/api/log", None), 403);
    assert_eq!(
        server.request("GET", "/api/export", &server.key, None).0,
        200
    );
    // The database, its WAL and index: the owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let p = dir.path().join(format!("room.sqlite3{suffix}"));
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", p.display());
        }
    }
    // --new-key: the old links stop working, the room stays.
    let (old_key, old_helper, code) = (
        server.key.clone(),
        server.helper_key.clone(),
        server.code.clone(),
    );
    let server = server.restart(&["--new-key"]);
    assert_eq!(server.code, code, "learners keep their join code");
    assert_ne!(server.key, old_key);
    assert_eq!(server.request("GET", "/api/room", &old_key, None).0, 403);
    assert_eq!(server.request("GET", "/api/room", &old_helper, None).0, 403);
    assert_eq!(learners(&server.room()).len(), 1);
    assert_eq!(learner_status(&server, &token(&ada)).0, 200);
}

#[test]
fn help_me_takes_a_message_and_the_learner_sees_who_is_coming() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    // Not an exercise: said clearly, with the way to send a message.
    ada.run(&["help-me", "why does this not compile?"])
        .expect_code(2)
        .expect_contains("there is no exercise named `why does this not compile?`")
        .expect_contains("--message");
    // The last check's first error is the line the instructor's card marks,
    // also for a hand raised from the command line.
    ada.run(&["run", "compile_error"]).expect_code(1);
    ada.run(&["help-me", "compile_error", "--message", "why\u{202E} 42?"])
        .expect_code(0)
        .expect_contains("Hand raised for compile_error")
        .expect_contains("verdict and message");
    let room = server.wait_for("the hand", |room| {
        !room["help"].as_array().unwrap().is_empty()
    });
    let hand = &room["help"][0];
    assert_eq!(hand["note"], "why 42?");
    assert_eq!(hand["error_line"], 7, "greeting(42) on line 7: {hand:#}");
    assert_eq!(hand["claimed_by"], Value::Null);
    let id = hand["id"].as_i64().unwrap();
    assert_eq!(
        server.post(&format!("/api/help/{id}/claim"), json!({"by": "Grace"})),
        204
    );
    let (_, status) = learner_status(&server, &token(&ada));
    assert_eq!(status["hand"]["claimed_by"], "Grace");
    assert_eq!(server.post("/api/help/999/claim", json!({"by": "x"})), 404);
    // Raised again on the same exercise: whoever is on the way still is,
    // and the learner is told who.
    ada.run(&["help-me", "compile_error"])
        .expect_code(0)
        .expect_contains("Hand raised for compile_error")
        .expect_contains("Grace is on the way");
    let room = server.wait_for("the new hand", |room| {
        room["help"][0]["id"].as_i64() != Some(id)
    });
    assert_eq!(
        room["help"].as_array().unwrap().len(),
        1,
        "one hand per learner"
    );
    assert_eq!(room["help"][0]["claimed_by"], "Grace");
    // Answered: the hand stays listed a while, marked answered.
    let id = room["help"][0]["id"].as_i64().unwrap();
    assert_eq!(
        server.post(&format!("/api/help/{id}/answer"), json!({})),
        204
    );
    let room = server.room();
    assert!(room["help"][0]["answered_at"].is_i64(), "{room:#}");
    let (_, status) = learner_status(&server, &token(&ada));
    assert_eq!(status["hand"]["answered"], true);
}

#[test]
fn export_has_every_learner_an_id_and_no_escape_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("room.sqlite3");
    let server = Server::basic(&db, "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "\tAda\u{1b}]52;c;aGk=\u{7}");
    ada.run(&["run", "passes"]).expect_code(0);
    assert_eq!(
        server.join_api(&server.code, "=HYPERLINK(\"x\")").status(),
        200
    );
    assert_eq!(server.join_api(&server.code, "Ada").status(), 200);
    server.wait_for("the solve", |room| {
        learners(room).iter().any(|l| {
            l["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["status"] == "done")
        })
    });
    let out = Command::new(BIN)
        .args(["classroom", "export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        !out.stdout.iter().any(|b| *b < 0x20 && *b != b'\n'),
        "control bytes in {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(
        rows.iter()
            .any(|r| r.starts_with("1,Ada]52;c;aGk=,passes,true,")),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("2,\"'=HYPERLINK(\"\"x\"\")\",,false,")),
        "a learner without events, defused: {csv}"
    );
    assert!(rows.iter().any(|r| r.starts_with("3,Ada,,false,")), "{csv}");
    // The same over HTTP for the instructor.
    let (status, body) = server.request("GET", "/api/export?format=csv", &server.key, None);
    assert_eq!(status, 200);
    assert_eq!(body.as_str().unwrap(), csv);
    // The client has no TLS: https is refused at join, clearly.
    Course::fixture("basic")
        .run(&["join", "https://example.invalid:7878", &server.code])
        .expect_code(2)
        .expect_contains("plain http:// only");
}

#[test]
fn a_server_restored_from_an_older_copy_gets_the_learners_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("room.sqlite3");
    let backup = dir.path().join("backup");
    std::fs::create_dir(&backup).unwrap();
    let server = Server::basic(&db, "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    wait_for_empty_outbox(&ada);
    let (_, port) = server.kill();
    let files = ["room.sqlite3", "room.sqlite3-wal", "room.sqlite3-shm"];
    let copy = |from: &Path, to: &Path| {
        for f in files {
            let _ = std::fs::remove_file(to.join(f));
            if from.join(f).exists() {
                std::fs::copy(from.join(f), to.join(f)).unwrap();
            }
        }
    };
    copy(dir.path(), &backup);
    let server = Server::basic(&db, &format!("127.0.0.1:{port}"), &[]);
    ada.run(&["run", "passes"]).expect_code(0);
    server.wait_for("the solve", |room| {
        status_of(room, "Ada", "passes").as_deref() == Some("done")
    });
    wait_for_empty_outbox(&ada);
    // The instructor goes back to the copy made before the solve.
    server.kill();
    copy(&backup, dir.path());
    let server = Server::basic(&db, &format!("127.0.0.1:{port}"), &[]);
    assert_ne!(
        status_of(&server.room(), "Ada", "passes").as_deref(),
        Some("done")
    );
    // The learner's next check shows the server a gap: it asks for the
    // learner's summary, and the room has the solve again.
    ada.run(&["run", "compile_error"]).expect_code(1);
    let deadline = Instant::now() + Duration::from_secs(20);
    while status_of(&server.room(), "Ada", "passes").as_deref() != Some("done") {
        if Instant::now() > deadline {
            let files: Vec<_> = std::fs::read_dir(ada.path(".rustdrill/outbox"))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            let log = server.request("GET", "/api/log", &server.key, None).1;
            panic!("no summary: outbox {files:?}, log {log}");
        }
        thread::sleep(Duration::from_millis(100));
    }
    server.wait_for("the summary", |room| {
        status_of(room, "Ada", "passes").as_deref() == Some("done")
            && status_of(room, "Ada", "compile_error").as_deref() == Some("failing")
    });
}

#[test]
fn a_learner_joins_with_the_courses_language_and_the_room_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    // Ada's course was written in Korean; Ben's is the English fixture.
    let from = fixture("i18n");
    common::rustdrill(
        dir.path(),
        &[
            "init",
            "ada",
            "--no-fetch",
            "--lang",
            "ko",
            "--from",
            from.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    common::rustdrill(
        &dir.path().join("ada"),
        &["join", &server.url, &server.code, "--name", "Ada"],
    )
    .expect_code(0)
    // The classroom commands speak the course's language too.
    .expect_contains("강의실에 \"Ada\"(으)로 들어왔습니다");
    let ben = Course::fixture("basic");
    join(&ben, &server, "Ben");
    let room = server.wait_for("both joins", |room| learners(room).len() == 2);
    assert_eq!(learner(&room, "Ada")["language"], "ko", "{room:#}");
    assert_eq!(learner(&room, "Ben")["language"], "en", "{room:#}");
    common::rustdrill(&dir.path().join("ada"), &["help-me"])
        .expect_code(0)
        .expect_contains("에서 손을 들었습니다: 강사가 코드와 판정을 봅니다");
    common::rustdrill(&dir.path().join("ada"), &["leave"])
        .expect_code(0)
        .expect_contains("강의실에서 나왔습니다");
}
