//! A real `rustdrill classroom serve` for the classroom tests: started on
//! a database and address of the test's choosing, its links read from what
//! it prints (as an instructor reads them), spoken to over HTTP.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::BIN;

/// `tests/fixtures/<name>`, in place (for `--course`, which only reads it).
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// An HTTP client that shows redirects instead of following them (the
/// dashboard link answers with one) and never turns a status into an error.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// A running `rustdrill classroom serve`, killed (-9) when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub code: String,
    /// The instructor's key (the first dashboard link).
    pub key: String,
    /// The helpers' key (the second link).
    pub helper_key: String,
    pub db: PathBuf,
    /// The room's course (`--course`); `None` is the course rustdrill ships.
    course: Option<PathBuf>,
    /// Holds the database when the server made its own folder.
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    /// A server on `db` at `listen` (`127.0.0.1:0`: a port the OS picks)
    /// whose room's course is `course`, with `extra` arguments.
    pub fn start(db: &Path, listen: &str, course: Option<&Path>, extra: &[&str]) -> Server {
        Server::spawn(db, listen, course, extra, None)
    }

    /// A server whose room's course is the `basic` fixture.
    pub fn basic(db: &Path, listen: &str, extra: &[&str]) -> Server {
        Server::start(db, listen, Some(&fixture("basic")), extra)
    }

    /// A server on a fresh database of its own, on a port the OS picks.
    pub fn fresh(course: Option<&Path>) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("room.sqlite3");
        Server::spawn(&db, "127.0.0.1:0", course, &[], Some(dir))
    }

    fn spawn(
        db: &Path,
        listen: &str,
        course: Option<&Path>,
        extra: &[&str],
        dir: Option<tempfile::TempDir>,
    ) -> Server {
        let mut serve = Command::new(BIN);
        serve
            .args(["classroom", "serve", "--listen", listen, "--db"])
            .arg(db);
        if let Some(course) = course {
            serve.arg("--course").arg(course);
        }
        let mut child = serve
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut url, mut code, mut keys) = (None, None, Vec::new());
        // The instructor's link, the learners' join line, the helpers' link.
        for line in lines.by_ref() {
            let line = line.expect("the server's output");
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.first() == Some(&"rustdrill")
                && let Some(at) = words.iter().position(|w| *w == "join")
                && let [u, c, ..] = &words[at + 1..]
            {
                url = Some((*u).to_owned());
                code = Some((*c).to_owned());
            }
            if let Some((_, k)) = line.split_once("/?key=") {
                keys.extend(k.split_whitespace().next().map(str::to_owned));
                if keys.len() == 2 {
                    break;
                }
            }
        }
        // Keep draining, so the server never blocks on a full pipe.
        thread::spawn(move || for _ in lines {});
        assert_eq!(keys.len(), 2, "two dashboard links (instructor, helpers)");
        Server {
            child,
            url: url.expect("a join line"),
            code: code.expect("a join code"),
            helper_key: keys.pop().unwrap(),
            key: keys.pop().unwrap(),
            db: db.to_path_buf(),
            course: course.map(Path::to_path_buf),
            _dir: dir,
        }
    }

    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// kill -9; the database and port it leaves, for a server after it.
    pub fn kill(mut self) -> (PathBuf, u16) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        (self.db.clone(), self.port())
    }

    /// kill -9, then a new server on the same database, port and course.
    pub fn restart(mut self, extra: &[&str]) -> Server {
        let course = self.course.clone();
        // The folder holding the database outlives this server.
        let dir = self._dir.take();
        let (db, port) = self.kill();
        Server::spawn(
            &db,
            &format!("127.0.0.1:{port}"),
            course.as_deref(),
            extra,
            dir,
        )
    }

    /// The instructor's dashboard link.
    pub fn dashboard(&self) -> String {
        format!("{}/?key={}", self.url, self.key)
    }

    /// A request with `key` as the instructor's header: its status, and
    /// its body as JSON (or as a JSON string when it is not JSON).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        key: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = format!("{}{path}", self.url);
        let mut r = match (method, body) {
            ("GET", _) => agent().get(&url).header("X-Instructor-Key", key).call(),
            (_, body) => agent()
                .post(&url)
                .header("X-Instructor-Key", key)
                .send_json(body.unwrap_or_else(|| json!({}))),
        }
        .unwrap();
        let status = r.status().as_u16();
        let text = r.body_mut().read_to_string().unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// GET as the instructor; the status must be 200.
    pub fn get(&self, path: &str) -> Value {
        let (status, body) = self.request("GET", path, &self.key, None);
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    /// POST as the instructor; its status.
    pub fn post(&self, path: &str, body: Value) -> u16 {
        self.request("POST", path, &self.key, Some(body)).0
    }

    pub fn room(&self) -> Value {
        self.get("/api/room")
    }

    /// `POST /api/join` as a raw client would.
    pub fn join_api(&self, code: &str, name: &str) -> ureq::http::Response<ureq::Body> {
        agent()
            .post(format!("{}/api/join", self.url))
            .send_json(json!({"code": code, "name": name}))
            .unwrap()
    }

    /// Polls the room until `ok` holds (events arrive in the background).
    pub fn wait_for(&self, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let room = self.room();
            if ok(&room) {
                return room;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}: {room:#}"
            );
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The learner called `name` in a room's JSON.
pub fn learner<'a>(room: &'a Value, name: &str) -> &'a Value {
    room["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("no learner {name} in {room:#}"))
}
