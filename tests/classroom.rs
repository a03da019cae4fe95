//! `classroom serve`, `join`, `leave`, `help-me` and `classroom export`,
//! driven as real processes: a server on 127.0.0.1 (a port the OS picks),
//! learners in copies of the `basic` fixture course.

mod common;

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::classroom::{Server, agent, fixture, learner};
use common::{BIN, Course, Tmux};
use serde_json::{Value, json};

fn progress<'a>(room: &'a Value, name: &str, exercise: &str) -> Option<&'a Value> {
    learner(room, name)["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["exercise"] == exercise)
}

fn status_of(room: &Value, name: &str, exercise: &str) -> Option<String> {
    progress(room, name, exercise).map(|p| p["status"].as_str().unwrap().to_owned())
}

fn join(course: &Course, server: &Server, name: &str) {
    course
        .run(&["join", &server.url, &server.code, "--name", name])
        .expect_code(0)
        .expect_contains("Joined the classroom");
}

fn token(course: &Course) -> String {
    let m: Value = serde_json::from_str(&course.read(".rustdrill/classroom.json")).unwrap();
    m["token"].as_str().unwrap().to_owned()
}

fn solve(course: &Course, exercise: &str) {
    let solution = course.read(&format!("solutions/01_basics/{exercise}.rs"));
    course.write(&format!("exercises/01_basics/{exercise}.rs"), &solution);
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

/// The stored events of one learner: seqs 1..=n, each once, received in
/// seq order.
fn assert_log_in_order(server: &Server, learner: i64, expected: usize) {
    let log = server.get("/api/log");
    let mine: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["learner"] == learner)
        .collect();
    let seqs: Vec<i64> = mine.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(
        seqs,
        (1..=i64::try_from(expected).unwrap()).collect::<Vec<_>>(),
        "{log:#}"
    );
    let received: Vec<i64> = mine
        .iter()
        .map(|e| e["received_at"].as_i64().unwrap())
        .collect();
    assert!(received.is_sorted(), "received out of order: {log:#}");
}

#[test]
fn three_learners_join_check_and_the_room_matches() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let (ada, bob, cy) = (
        Course::fixture("basic"),
        Course::fixture("basic"),
        Course::fixture("basic"),
    );
    join(&ada, &server, "Ada");
    join(&bob, &server, "Bob");
    join(&cy, &server, "Cy");
    ada.run(&["run", "passes"]).expect_code(0);
    bob.run(&["run", "compile_error"]).expect_code(1);
    cy.run(&["hint", "compile_error"]).expect_code(0);
    let room = server.wait_for("three learners' events", |room| {
        room["learners"].as_array().unwrap().len() == 3
            && status_of(room, "Ada", "passes").as_deref() == Some("done")
            && status_of(room, "Bob", "compile_error").as_deref() == Some("failing")
            && progress(room, "Cy", "compile_error").is_some_and(|p| p["hints"] == 1)
    });
    // The course's layout: one column per exercise, grouped by chapter.
    let course = room["course"].as_array().unwrap();
    assert_eq!(course[0], json!({"name": "passes", "chapter": "01_basics"}));
    // `run` of a passing current exercise moves the learner on.
    assert_eq!(learner(&room, "Ada")["current"], "compile_error");
    let bob_ce = progress(&room, "Bob", "compile_error").unwrap();
    assert_eq!(bob_ce["checks"], 1);
    assert!(
        bob_ce["message"].as_str().unwrap().contains("E0308"),
        "{bob_ce}"
    );
    for c in [&ada, &bob, &cy] {
        // A send still in flight when a command exits finishes in a
        // detached process: the outbox empties once the server's answer
        // arrives, a moment after the room shows the event.
        wait_for_empty_outbox(c);
        assert!(!c.read(".rustdrill/classroom.json").contains("fn main"));
    }
    // The dashboard's page itself: the key in the link moves to a cookie,
    // and the browser goes to the clean address.
    let first = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent()
        .get(format!("{}/?key={}", server.url, server.key))
        .call()
        .unwrap();
    assert_eq!(first.status(), 303);
    assert_eq!(first.headers()["location"], "/");
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let mut page = agent()
        .get(format!("{}/", server.url))
        .header("Cookie", cookie.split(';').next().unwrap())
        .call()
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.body_mut().read_to_string().unwrap();
    assert!(html.contains("EventSource"), "live updates over SSE");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    // Leaving keeps the learner on the dashboard, and stops reporting.
    cy.run(&["leave"]).expect_code(0).expect_contains("Left");
    assert!(!cy.path(".rustdrill/classroom.json").exists());
    cy.run(&["run", "passes"]).expect_code(0);
    assert_eq!(outbox_len(&cy), 0);
}

#[test]
fn kill_9_of_the_server_and_a_restart_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    ada.run(&["run", "passes"]).expect_code(0);
    ada.run(&["run", "compile_error"]).expect_code(1);
    server.wait_for("two checks", |room| {
        status_of(room, "Ada", "compile_error").as_deref() == Some("failing")
    });
    let (code, key) = (server.code.clone(), server.key.clone());
    let server = server.restart(&[]);
    assert_eq!((&server.code, &server.key), (&code, &key), "same secrets");
    let room = server.room();
    assert_eq!(status_of(&room, "Ada", "passes").as_deref(), Some("done"));
    assert_eq!(
        status_of(&room, "Ada", "compile_error").as_deref(),
        Some("failing")
    );
    // The learner's token still works.
    solve(&ada, "compile_error");
    ada.run(&["run", "compile_error"]).expect_code(0);
    server.wait_for("the solve after the restart", |room| {
        status_of(room, "Ada", "compile_error").as_deref() == Some("done")
    });
    let id = learner(&server.room(), "Ada")["id"].as_i64().unwrap();
    // join: current; run passes: check + current; run compile_error: check; run: check + current.
    let log = server.get("/api/log");
    let n = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["learner"] == id)
        .count();
    assert_log_in_order(&server, id, n);
    assert!(n >= 4, "{log:#}");
}

#[test]
fn an_offline_learners_outbox_arrives_in_order_once() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    server.wait_for("the join", |room| {
        learner(room, "Ada")["current"] == "passes"
    });
    let port = server.port();
    let db = server.db.clone();
    server.kill();
    // Offline: every check still answers at once, and waits in the outbox.
    let started = Instant::now();
    ada.run(&["run", "compile_error"]).expect_code(1);
    ada.run(&["hint", "compile_error"]).expect_code(0);
    ada.run(&["hint", "compile_error"]).expect_code(0);
    ada.run(&["run", "compile_error"]).expect_code(1);
    ada.run(&["run", "passes"]).expect_code(0);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "an absent server must not slow the learner"
    );
    let waiting = outbox_len(&ada);
    assert!(waiting >= 5, "{waiting} events wait");
    let server = Server::basic(&db, &format!("127.0.0.1:{port}"), &[]);
    // The next check sends everything, in order; two processes at once
    // send nothing twice.
    let a = ada.cmd(&["hint", "test_fails"]).spawn().unwrap();
    let b = ada.cmd(&["run", "compile_error"]).spawn().unwrap();
    assert!(a.wait_with_output().unwrap().status.success());
    b.wait_with_output().unwrap();
    let room = server.wait_for("the offline events", |room| {
        status_of(room, "Ada", "passes").as_deref() == Some("done")
            && progress(room, "Ada", "test_fails").is_some_and(|p| p["hints"] == 1)
    });
    let ce = progress(&room, "Ada", "compile_error").unwrap();
    assert_eq!(ce["hints"].as_i64(), Some(2));
    assert!(ce["checks"].as_i64() >= Some(2), "{ce}");
    wait_for_empty_outbox(&ada);
    let id = learner(&room, "Ada")["id"].as_i64().unwrap();
    // join (1) + 5 offline + a hint and a check = 8 events, seqs 1..=n.
    let n = server
        .get("/api/log")
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["learner"] == id)
        .count();
    assert!(n >= 8, "{n}");
    assert_log_in_order(&server, id, n);
}

#[test]
fn a_raised_hand_shows_the_code_and_solving_lowers_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    ada.run(&["help-me"])
        .expect_code(2)
        .expect_contains("this course has not joined");
    join(&ada, &server, "Ada");
    ada.run(&["run", "passes"]).expect_code(0);
    ada.run(&["run", "compile_error"]).expect_code(1);
    ada.run(&["help-me"])
        .expect_code(0)
        .expect_contains("Hand raised for compile_error");
    let room = server.wait_for("the hand", |room| {
        room["help"].as_array().unwrap().len() == 1
    });
    let hand = &room["help"][0];
    assert_eq!(hand["exercise"], "compile_error");
    assert_eq!(hand["verdict"], "compile_error");
    assert!(hand["code"].as_str().unwrap().contains("greeting(42)"));
    let status = learner_status(&server, &ada);
    assert_eq!(
        status["hand"],
        json!({"exercise": "compile_error", "answered": false})
    );
    let id = hand["id"].as_i64().unwrap();
    assert_eq!(
        server.post(&format!("/api/help/{id}/answer"), json!({})),
        204
    );
    let status = learner_status(&server, &ada);
    assert_eq!(status["hand"]["answered"], true);
    solve(&ada, "compile_error");
    ada.run(&["run", "compile_error"]).expect_code(0);
    server.wait_for("the hand lowered", |room| {
        room["help"].as_array().unwrap().is_empty()
    });
    assert_eq!(learner_status(&server, &ada)["hand"], Value::Null);
}

fn learner_status(server: &Server, course: &Course) -> Value {
    let mut r = agent()
        .get(format!("{}/api/status", server.url))
        .header("Authorization", &format!("Bearer {}", token(course)))
        .call()
        .unwrap();
    assert_eq!(r.status(), 200);
    r.body_mut().read_json().unwrap()
}

#[test]
fn the_instructor_steers_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "Ada");
    assert_eq!(
        server.post("/api/announce", json!({"text": "Break until 10:30"})),
        204
    );
    assert_eq!(
        server.post("/api/goto", json!({"exercise": "test_fails"})),
        204
    );
    assert_eq!(
        server.post(
            "/api/settings",
            json!({"stuck_minutes": 3, "stuck_checks": 4})
        ),
        204
    );
    let status = learner_status(&server, &ada);
    assert_eq!(status["announcement"], "Break until 10:30");
    assert_eq!(status["goto"], "test_fails");
    let room = server.room();
    assert_eq!(
        (
            room["stuck_minutes"].as_i64(),
            room["stuck_checks"].as_i64()
        ),
        (Some(3), Some(4))
    );
    assert_eq!(server.post("/api/announce", json!({"text": null})), 204);
    assert_eq!(learner_status(&server, &ada)["announcement"], Value::Null);
}

#[test]
fn export_writes_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("room.sqlite3");
    let server = Server::basic(&db, "127.0.0.1:0", &[]);
    let ada = Course::fixture("basic");
    join(&ada, &server, "=Ada, \"the first\"");
    ada.run(&["run", "passes"]).expect_code(0);
    ada.run(&["run", "compile_error"]).expect_code(1);
    server.wait_for("two checks", |room| {
        status_of(room, "=Ada, \"the first\"", "compile_error").is_some_and(|s| s == "failing")
    });
    let export = |format: &str| {
        let out = Command::new(BIN)
            .args(["classroom", "export", "--format", format, "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = export("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("learner_id,learner,exercise,solved,time_to_solve_secs,checks,hints")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter().any(
            |r| r.starts_with("1,\"'=Ada, \"\"the first\"\"\",passes,true,") && r.ends_with(",1,0")
        ),
        "{csv}"
    );
    assert!(
        rows.iter().any(|r| r.contains(",compile_error,false,,1,0")),
        "{csv}"
    );
    let json: Value = serde_json::from_str(&export("json")).unwrap();
    let passes = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["exercise"] == "passes")
        .unwrap();
    assert_eq!(passes["solved"], true);
    assert_eq!(passes["learner"], "=Ada, \"the first\"");
}

#[test]
fn security_keys_tokens_body_cap_rate_limit_and_escaping() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::basic(&dir.path().join("room.sqlite3"), "127.0.0.1:0", &[]);
    let url = &server.url;
    let status =
        |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| r.unwrap().status().as_u16();
    // The dashboard and every instructor action need the key.
    for path in ["/", "/api/room", "/api/log", "/api/stream"] {
        assert_eq!(
            status(agent().get(format!("{url}{path}")).call()),
            401,
            "{path}"
        );
        assert_eq!(
            status(agent().get(format!("{url}{path}?key=nope")).call()),
            403,
            "{path}"
        );
    }
    for path in ["/api/announce", "/api/goto", "/api/help/1/answer"] {
        let body = json!({"text": "x", "exercise": "x"});
        assert_eq!(
            status(agent().post(format!("{url}{path}")).send_json(&body)),
            401,
            "{path}"
        );
        assert_eq!(
            status(
                agent()
                    .post(format!("{url}{path}"))
                    .header("X-Instructor-Key", "0123")
                    .send_json(&body)
            ),
            403,
            "{path}"
        );
    }
    // Joining needs the code.
    let join_api = |code: &str, name: &str| {
        agent()
            .post(format!("{url}/api/join"))
            .send_json(json!({"code": code, "name": name}))
            .unwrap()
    };
    assert_eq!(join_api("WRONG1", "Eve").status(), 403);
    let ada = Course::fixture("basic");
    ada.run(&["join", url, "WRONG1"])
        .expect_code(2)
        .expect_contains("refused the join code");
    // A learner's token: missing is 401, forged is 403.
    let event = json!({"events": [{"seq": 1, "kind": "check", "exercise": "passes", "verdict": "pass", "at": 1}]});
    let post_events = |token: Option<&str>, body: &Value| {
        let mut req = agent().post(format!("{url}/api/events"));
        if let Some(t) = token {
            req = req.header("Authorization", &format!("Bearer {t}"));
        }
        status(req.send_json(body))
    };
    assert_eq!(post_events(None, &event), 401);
    assert_eq!(post_events(Some(&"ab".repeat(32)), &event), 403);
    let xss = "<script>alert(1)</script>";
    let mut joined = join_api(&server.code, xss);
    assert_eq!(joined.status(), 200);
    let joined: Value = joined.body_mut().read_json().unwrap();
    let token = joined["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 64, "a 256-bit random token");
    assert_eq!(post_events(Some(&token), &event), 200);
    // A huge body is refused before it is read whole.
    assert_eq!(huge_post(url, &token), 413);
    // The name is stored as given and shown as text: the page puts
    // learner data in the DOM with textContent only.
    assert_eq!(server.room()["learners"][0]["name"], xss);
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("crates/rustdrill-classroom-server/src/dashboard.html"),
    )
    .unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
    ] {
        assert!(!page.contains(sink), "the dashboard uses {sink}");
    }
    let mut r = agent()
        .get(format!("{url}/"))
        .header("X-Instructor-Key", &server.key)
        .call()
        .unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!r.body_mut().read_to_string().unwrap().contains(xss));
    // Per-learner rate limit: past it, 429; others are not affected.
    let codes: Vec<u16> = (0..130)
        .map(|_| {
            status(
                agent()
                    .get(format!("{url}/api/status"))
                    .header("Authorization", &format!("Bearer {token}"))
                    .call(),
            )
        })
        .collect();
    assert!(codes.contains(&429), "{codes:?}");
    join(&ada, &server, "Ada");
    assert_eq!(learner_status(&server, &ada)["acked"], 1);
    // A server on a new database does not know the token: the learner is
    // told to join again, and nothing is lost meanwhile.
    let fresh = Server::basic(&dir.path().join("other.sqlite3"), "127.0.0.1:0", &[]);
    let mut m: Value = serde_json::from_str(&ada.read(".rustdrill/classroom.json")).unwrap();
    m["url"] = json!(fresh.url);
    ada.write(".rustdrill/classroom.json", &m.to_string());
    ada.run(&["help-me"])
        .expect_code(0)
        .expect_contains("run `rustdrill join URL CODE` again");
    assert!(outbox_len(&ada) >= 1);
}

/// Announces a 2 MB body, sends 300 KB of it (past the cap), and reads
/// the status line: the server answers without waiting for the rest.
fn huge_post(url: &str, token: &str) -> u16 {
    use std::io::{Read, Write};
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /api/events HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"events\":[",
        2 * 1024 * 1024
    )
    .unwrap();
    let mut writer = stream.try_clone().unwrap();
    // A server that stopped reading may leave this write blocked or broken.
    thread::spawn(move || writer.write_all(&vec![b' '; 300 * 1024]));
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    let line = String::from_utf8_lossy(&head).into_owned();
    line[9..12].parse().unwrap_or_else(|_| panic!("{line}"))
}

/// `rustdrill watch` on `course` in a detached 120-column tmux session,
/// for the watch screen's classroom lines and keys.
fn start_watch(course: Course) -> Tmux {
    let script = format!("{}; sleep 600", Tmux::watch_command(&course, &[]));
    Tmux::session(course, 120, &script).with_deadline(Duration::from_secs(60))
}

#[test]
fn the_watch_screen_shows_the_room_and_raises_a_hand() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &dir.path().join("room.sqlite3"),
        "127.0.0.1:0",
        Some(&fixture("watch_course")),
        &[],
    );
    let ada = Course::fixture("watch_course");
    join(&ada, &server, "Ada");
    let watch = start_watch(ada);
    let ada = &watch.course;
    watch.wait_for("fix_me");
    assert_eq!(
        server.post("/api/announce", json!({"text": "Break until 10:30"})),
        204
    );
    assert_eq!(server.post("/api/goto", json!({"exercise": "second"})), 204);
    watch.wait_for("instructor: Break until 10:30");
    watch.wait_for("the room moves to second: press g");
    // Never forced: the learner is still on fix_me until g.
    let room = server.room();
    assert_eq!(learner(&room, "Ada")["current"], "fix_me");
    watch.tmux(&["send-keys", "g"]);
    server.wait_for("the learner following the room", |room| {
        learner(room, "Ada")["current"] == "second"
    });
    // `?` asks for a message first; Esc raises no hand.
    watch.tmux(&["send-keys", "?"]);
    watch.wait_for("Message (optional, Enter sends, Esc cancels)");
    watch.tmux(&["send-keys", "-l", "q"]);
    watch.tmux(&["send-keys", "Escape"]);
    watch.wait_for("No hand raised.");
    // Typed letters are the message, not commands (q does not quit).
    watch.tmux(&["send-keys", "?"]);
    watch.wait_for("Message (optional");
    watch.tmux(&["send-keys", "-l", "quick question: why u8?"]);
    watch.wait_for("quick question: why u8?");
    watch.tmux(&["send-keys", "Enter"]);
    watch.wait_for("hand raised for second");
    let room = server.wait_for("the hand", |room| {
        room["help"].as_array().unwrap().len() == 1
    });
    assert_eq!(room["help"][0]["exercise"], "second");
    assert_eq!(room["help"][0]["note"], "quick question: why u8?");
    watch.wait_for("your hand is up on second");
    let id = room["help"][0]["id"].as_i64().unwrap();
    assert_eq!(
        server.post(&format!("/api/help/{id}/answer"), json!({})),
        204
    );
    watch.wait_for("the instructor answered your hand");
    // A server that does not know this learner (a new database): the
    // screen says to join again.
    let fresh = Server::basic(&dir.path().join("other.sqlite3"), "127.0.0.1:0", &[]);
    let mut m: Value = serde_json::from_str(&ada.read(".rustdrill/classroom.json")).unwrap();
    m["url"] = json!(fresh.url);
    ada.write(".rustdrill/classroom.json", &m.to_string());
    watch.wait_for("does not know this learner");
}
