//! `rustdrill classroom serve`: the instructor's server. Axum 0.8 on a
//! Tokio runtime built here and nowhere else in rustdrill; the database on
//! a thread of its own (`worker`), so no handler waits on fsync.
//!
//! Learners post events with their own token (`Authorization: Bearer`).
//! The dashboard needs a key: the instructor's (everything) or the
//! helpers' (see the room, claim and answer hands). A key arrives once in
//! the link (`/?key=`), is moved to an HttpOnly, SameSite=Strict cookie
//! and the browser is sent to the clean address; scripts send
//! `X-Instructor-Key`. A missing credential is 401, a wrong one 403, and
//! past a few wrong ones the address waits (429 with `Retry-After`, see
//! `guard`); a body over [`MAX_BODY`] is 413; a learner over its rate is
//! 429. Each stored change is announced to the dashboards over server-sent
//! events, and they fetch the room again.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::db::{self, Db, JoinInput, Joined, Secrets, StaffAction};
use super::guard::{Backoff, JoinRate, retry_after_secs};
use super::layout::RoomCourse;
use super::worker::DbWorker;
use super::{EventsRequest, JoinRequest, JoinResponse, Refused, Status, dashboard, now_ms};

/// The largest request body accepted (a raised hand's code is the largest).
pub const MAX_BODY: usize = 256 * 1024;
/// Requests one learner may make per [`RATE_WINDOW`].
pub const RATE_LIMIT: u32 = 120;
pub const RATE_WINDOW: Duration = Duration::from_secs(60);
/// The cookie the dashboard's key lives in after the first visit.
const KEY_COOKIE: &str = "rustdrill_key";
/// Stands for the server's address when it listens on every interface.
const SOME_ADDRESS: &str = "THIS-MACHINE'S-ADDRESS";

/// How `classroom serve` was asked to run.
pub struct Options<'a> {
    pub listen: &'a str,
    pub db: &'a Path,
    /// The room's course folder; `None`: the course rustdrill ships.
    pub course: Option<&'a Path>,
    /// Replace both keys (the old links stop working).
    pub new_key: bool,
}

/// Who holds the dashboard: the instructor, or a helper (a second key)
/// who sees the room and takes hands but cannot steer, export or remove.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Instructor,
    Helper,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Instructor => "instructor",
            Role::Helper => "helper",
        }
    }
}

/// A learner token the server knows: `None` once the instructor removed
/// the learner (refused, but not counted as a guess).
type Tokens = HashMap<String, Option<i64>>;

struct App {
    db: DbWorker,
    secrets: Secrets,
    course: RoomCourse,
    /// `http://HOST:PORT` as printed (HOST may be [`SOME_ADDRESS`]).
    url: String,
    changes: broadcast::Sender<()>,
    rates: Mutex<HashMap<i64, (Instant, u32)>>,
    tokens: Mutex<Tokens>,
    joins: Mutex<JoinRate>,
    /// Wrong join codes per address.
    codes: Mutex<Backoff>,
    /// Wrong keys per address.
    keys: Mutex<Backoff>,
    /// Unknown learner tokens per address, apart from keys: a learner
    /// whose token went stale (a new database) must not lock the
    /// instructor's dashboard out of a server on the same machine.
    tokens_tried: Mutex<Backoff>,
    /// Learners whose summary the server asked for (it saw a gap in their
    /// seqs), with the highest seq it held then: asked on every reply
    /// until an event after that arrives (the summary is pushed at once).
    resync: Mutex<HashMap<i64, u64>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in one handler must not take the room down.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl App {
    fn changed(&self) {
        let _ = self.changes.send(());
    }

    /// The line a learner types, with this server's address as the
    /// dashboard's browser reached it when the printed one is a stand-in.
    fn join_line(&self, headers: &HeaderMap) -> String {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.starts_with("localhost") && !h.starts_with("127."));
        let url = match host {
            Some(host) if self.url.contains(SOME_ADDRESS) => format!("http://{host}"),
            _ => self.url.clone(),
        };
        join_line(&url, &self.secrets.join_code)
    }
}

fn join_line(url: &str, code: &str) -> String {
    format!("rustdrill join {url} {code} --name \"Your Name\"")
}

/// Serves until the process is stopped. Prints where, the dashboard's
/// link, the line learners type and the helpers' link.
pub fn serve(options: &Options<'_>) -> Result<()> {
    let course = RoomCourse::load(options.course)?;
    let db = Db::open(options.db)?;
    let secrets = db.secrets(options.new_key)?;
    let tokens: Tokens = db
        .tokens()?
        .into_iter()
        .map(|(t, id)| (t, Some(id)))
        .collect();
    let db_path = options.db;
    let listen = options.listen;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        let addr = listener.local_addr()?;
        let host = if addr.ip().is_unspecified() {
            SOME_ADDRESS.to_owned()
        } else {
            addr.ip().to_string()
        };
        let url = format!("http://{host}:{}", addr.port());
        let mut out = std::io::stdout().lock();
        let from = match options.course {
            Some(dir) => dir.display().to_string(),
            None => "the course rustdrill ships".to_owned(),
        };
        writeln!(
            out,
            "rustdrill classroom: listening on {addr} (database {}; course: {} exercises of {from})",
            db_path.display(),
            course.exercises.len()
        )?;
        if options.new_key {
            writeln!(out, "\nNew keys: the earlier dashboard and helper links no longer work.")?;
        }
        writeln!(
            out,
            "\nDashboard (instructor only, keep this link to yourself):\n  {url}/?key={}\n\n\
             Learners join with (in their course folder):\n  {}\n\n\
             Helpers (see the room and take hands; cannot steer, export or remove):\n  {url}/?key={}",
            secrets.instructor_key,
            join_line(&url, &secrets.join_code),
            secrets.helper_key,
        )?;
        if addr.ip().is_unspecified() {
            writeln!(
                out,
                "\n(listening on every interface: use this machine's address on the room's network)"
            )?;
        }
        out.flush()?;
        drop(out);
        let (changes, _) = broadcast::channel(64);
        let app = Arc::new(App {
            db: DbWorker::start(db)?,
            secrets,
            course,
            url,
            changes,
            rates: Mutex::new(HashMap::new()),
            tokens: Mutex::new(tokens),
            joins: Mutex::new(JoinRate::default()),
            codes: Mutex::new(Backoff::default()),
            keys: Mutex::new(Backoff::default()),
            tokens_tried: Mutex::new(Backoff::default()),
            resync: Mutex::new(HashMap::new()),
        });
        axum::serve(
            listener,
            router(app).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .context("the server stopped")
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/health", get(|| async { "ok" }))
        .route("/api/join", post(join))
        .route("/api/events", post(events))
        .route("/api/status", get(status))
        .route("/api/leave", post(leave))
        .route("/api/room", get(room))
        .route("/api/stream", get(stream))
        .route("/api/log", get(log))
        .route("/api/export", get(export))
        .route("/api/announce", post(announce))
        .route("/api/goto", post(goto))
        .route("/api/settings", post(settings))
        .route("/api/help/{id}/answer", post(answer))
        .route("/api/help/{id}/claim", post(claim))
        .route("/api/learners/{id}/remove", post(remove))
        .route("/api/learners/{id}/rename", post(rename))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

/// An error reply: a status and a short plain-text reason (and, for 429,
/// how long to wait).
struct Reply(StatusCode, String, Option<Duration>);

impl Reply {
    fn new(status: StatusCode, text: impl Into<String>) -> Reply {
        Reply(status, text.into(), None)
    }

    fn wait(wait: Duration, what: &str) -> Reply {
        let secs = retry_after_secs(wait);
        Reply(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many {what}: try again in {secs} s"),
            Some(wait),
        )
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = (self.0, self.1).into_response();
        if let Some(wait) = self.2 {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs(wait)),
            );
        }
        response
    }
}

impl From<anyhow::Error> for Reply {
    fn from(e: anyhow::Error) -> Reply {
        Reply::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

type Key = Query<HashMap<String, String>>;
type Peer = ConnectInfo<SocketAddr>;

/// The key a request carries: the header (scripts), the cookie (the
/// dashboard after its first visit), or `?key=` (the first visit). The
/// cookie only for a request from the dashboard's own origin: SameSite
/// keeps other sites out, but not a page on another port of this host.
fn given_key<'a>(headers: &'a HeaderMap, query: &'a Key) -> Option<&'a str> {
    headers
        .get("x-instructor-key")
        .and_then(|v| v.to_str().ok())
        .or_else(|| {
            same_origin(headers)
                .then(|| cookie(headers, KEY_COOKIE))
                .flatten()
        })
        .or(query.get("key").map(String::as_str))
        .filter(|k| !k.is_empty())
}

/// True unless the request names an `Origin` other than this server (a
/// browser sends none for the page's own GETs and its `EventSource`).
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some(origin), Some(host)) => origin.strip_prefix("http://") == Some(host),
        _ => false,
    }
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v)
        })
}

/// Constant-time: how much of a key matched must not show in the time.
fn same(a: &str, b: &str) -> bool {
    constant_time_eq::constant_time_eq(a.as_bytes(), b.as_bytes())
}

/// The role of `key`, with wrong keys counted against the address.
fn role_of(app: &App, key: Option<&str>, ip: IpAddr) -> Result<Role, Reply> {
    let Some(key) = key else {
        return Err(Reply::new(
            StatusCode::UNAUTHORIZED,
            "the instructor key is needed",
        ));
    };
    if let Err(wait) = lock(&app.keys).check(ip, Instant::now()) {
        return Err(Reply::wait(wait, "wrong keys"));
    }
    if same(key, &app.secrets.instructor_key) {
        Ok(Role::Instructor)
    } else if same(key, &app.secrets.helper_key) {
        Ok(Role::Helper)
    } else {
        lock(&app.keys).failed(ip, Instant::now());
        Err(Reply::new(StatusCode::FORBIDDEN, "wrong instructor key"))
    }
}

fn staff(app: &App, headers: &HeaderMap, query: &Key, ip: IpAddr) -> Result<Role, Reply> {
    role_of(app, given_key(headers, query), ip)
}

fn instructor(app: &App, headers: &HeaderMap, query: &Key, ip: IpAddr) -> Result<(), Reply> {
    match staff(app, headers, query, ip)? {
        Role::Instructor => Ok(()),
        Role::Helper => Err(Reply::new(
            StatusCode::FORBIDDEN,
            "helpers see the room and take hands; this is the instructor's",
        )),
    }
}

/// The learner a request comes from, counted against its rate.
fn learner(app: &App, headers: &HeaderMap, ip: IpAddr) -> Result<i64, Reply> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Reply::new(StatusCode::UNAUTHORIZED, "a learner token is needed"))?;
    if let Err(wait) = lock(&app.tokens_tried).check(ip, Instant::now()) {
        return Err(Reply::wait(wait, "unknown tokens"));
    }
    let known = lock(&app.tokens).get(token).copied();
    let id = match known {
        Some(Some(id)) => id,
        Some(None) => {
            return Err(Reply::new(
                StatusCode::FORBIDDEN,
                "the instructor removed this learner from the room",
            ));
        }
        None => {
            lock(&app.tokens_tried).failed(ip, Instant::now());
            return Err(Reply::new(StatusCode::FORBIDDEN, "unknown learner token"));
        }
    };
    let mut rates = lock(&app.rates);
    let now = Instant::now();
    let (start, count) = rates.entry(id).or_insert((now, 0));
    if now.duration_since(*start) > RATE_WINDOW {
        *start = now;
        *count = 0;
    }
    *count += 1;
    if *count > RATE_LIMIT {
        let wait = RATE_WINDOW.saturating_sub(now.duration_since(*start));
        return Err(Reply::wait(wait, "requests: slow down"));
    }
    Ok(id)
}

/// `at` on the learner's clock, moved by how far that clock was off when
/// it sent (`sent_at` against the server's `now`), and never later than now.
fn on_server_clock(at: u64, sent_at: u64, now: u64) -> u64 {
    let skew = i128::from(now) - i128::from(sent_at);
    let at = (i128::from(at) + skew).clamp(0, i128::from(now));
    u64::try_from(at).unwrap_or(now)
}

async fn page(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
) -> Response {
    // The first visit: the key moves from the address (the projector, the
    // history) to a cookie scripts cannot read, and the browser goes to
    // the clean address.
    if let Some(key) = query.get("key") {
        return match role_of(&app, Some(key), peer.ip()) {
            Ok(_) => {
                let cookie = format!(
                    "{KEY_COOKIE}={key}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000"
                );
                let mut response =
                    (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(header::SET_COOKIE, value);
                }
                response.headers_mut().insert(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                );
                response
            }
            Err(e) => e.into_response(),
        };
    }
    if let Err(e) = staff(&app, &headers, &query, peer.ip()) {
        return e.into_response();
    }
    let mut response = Html(dashboard::PAGE).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' data:",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn join(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    Json(req): Json<JoinRequest>,
) -> Result<Json<JoinResponse>, Reply> {
    let ip = peer.ip();
    let now = Instant::now();
    if let Err(wait) = lock(&app.codes).check(ip, now) {
        return Err(Reply::wait(wait, "wrong join codes"));
    }
    if let Err(wait) = lock(&app.joins).take(ip, now) {
        return Err(Reply::wait(wait, "joins from this address"));
    }
    // Codes are read off a projector: any case, spaces around.
    let code = req.code.trim().to_ascii_uppercase();
    if !same(&code, &app.secrets.join_code) {
        lock(&app.codes).failed(ip, now);
        return Err(Reply::new(StatusCode::FORBIDDEN, "wrong join code"));
    }
    let course_note = app.course.note_for(&req.course, &req.tracks);
    let name = req.name;
    let token = req.token;
    let language = req.language;
    let note = course_note.clone();
    let joined = app
        .db
        .run(move |db| {
            db.join(
                &JoinInput {
                    name: &name,
                    token: token.as_deref(),
                    course_note: note.as_deref(),
                    language: language.as_deref(),
                },
                now_ms(),
            )
        })
        .await?;
    match joined {
        Joined::Full => Err(Reply::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the room is full ({} learners): the instructor can remove rows",
                db::MAX_LEARNERS
            ),
        )),
        Joined::Member {
            learner,
            token,
            again,
        } => {
            lock(&app.tokens).insert(token.clone(), Some(learner));
            app.changed();
            Ok(Json(JoinResponse {
                learner,
                token,
                again,
                course_note,
            }))
        }
    }
}

async fn events(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    Json(mut req): Json<EventsRequest>,
) -> Result<Response, Reply> {
    let id = learner(&app, &headers, peer.ip())?;
    // Only the room's exercises become cells: anything else is refused,
    // by seq, so the learner's rustdrill drops exactly those.
    let unknown: Vec<u64> = req
        .events
        .iter()
        .filter(|e| !app.course.has(&e.exercise))
        .map(|e| e.seq)
        .collect();
    if !unknown.is_empty() {
        let first = req
            .events
            .iter()
            .find(|e| !app.course.has(&e.exercise))
            .map(|e| db::clip(&e.exercise, db::MAX_NAME).to_owned())
            .unwrap_or_default();
        let refused = Refused {
            error: format!(
                "the classroom's course has no exercise {:?}",
                super::text::one_line(&first)
            ),
            unknown,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(refused)).into_response());
    }
    let now = now_ms();
    for e in &mut req.events {
        if let Some(sent_at) = req.sent_at {
            e.at = on_server_clock(e.at, sent_at, now);
        }
        // Where the learner is, when it is in the room's course (another
        // course's exercise is nothing the page can show).
        if e.current.as_deref().is_some_and(|c| !app.course.has(c)) {
            e.current = None;
        }
    }
    let asked = lock(&app.resync).get(&id).copied();
    let (added, mut status, gap) = app
        .db
        .run(move |db| {
            let before = db.status(id)?.acked;
            let added = db.add_events(id, &req.events, now)?;
            let status = db.status(id)?;
            // Events the server never got, before these: a gap in the
            // seqs after some were stored (a database restored from a
            // copy). The learner's summary fills it.
            let first_new = req
                .events
                .iter()
                .map(|e| e.seq)
                .filter(|s| *s > before)
                .min();
            let gap = before > 0 && first_new.is_some_and(|s| s > before + 1);
            Ok((added, status, gap))
        })
        .await?;
    {
        let mut resync = lock(&app.resync);
        match asked {
            _ if gap => {
                resync.insert(id, status.acked);
            }
            // Events pushed after the request: the summary is among them.
            Some(held) if status.acked > held => {
                resync.remove(&id);
            }
            _ => {}
        }
        status.resync = resync.contains_key(&id);
    }
    if added > 0 {
        app.changed();
    }
    Ok(Json(status).into_response())
}

async fn status(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
) -> Result<Json<Status>, Reply> {
    let id = learner(&app, &headers, peer.ip())?;
    let mut status = app
        .db
        .run(move |db| {
            db.seen(id, now_ms())?;
            db.status(id)
        })
        .await?;
    status.resync = lock(&app.resync).contains_key(&id);
    Ok(Json(status))
}

async fn leave(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
) -> Result<StatusCode, Reply> {
    let id = learner(&app, &headers, peer.ip())?;
    app.db.run(move |db| db.leave(id, now_ms())).await?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

async fn room(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    let role = staff(&app, &headers, &query, peer.ip())?;
    let mut room = app.db.run(|db| db.room(now_ms())).await?;
    room.course = app.course.exercises.clone();
    room.role = role.as_str();
    room.join_line = app.join_line(&headers);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(room)).into_response())
}

async fn log(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    let log = app.db.run(|db| db.log()).await?;
    Ok(Json(log).into_response())
}

async fn export(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    let rows = app.db.run(|db| db.export()).await?;
    let disposition =
        |name: &'static str| (header::CONTENT_DISPOSITION, HeaderValue::from_static(name));
    Ok(match query.get("format").map(String::as_str) {
        Some("csv") => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                disposition("attachment; filename=\"classroom.csv\""),
            ],
            db::to_csv(&rows),
        )
            .into_response(),
        _ => (
            [disposition("attachment; filename=\"classroom.json\"")],
            Json(rows),
        )
            .into_response(),
    })
}

async fn stream(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    staff(&app, &headers, &query, peer.ip())?;
    // A dashboard that lags behind only needs to know something changed.
    let changes = BroadcastStream::new(app.changes.subscribe())
        .map(|_| Ok::<_, Infallible>(SseEvent::default().event("changed").data("1")));
    Ok(Sse::new(changes)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response())
}

#[derive(Deserialize)]
struct Announce {
    text: Option<String>,
}

async fn announce(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Announce>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    let text = req
        .text
        .as_deref()
        .map(super::text::plain)
        .map(|t| db::clip(t.trim(), db::MAX_TEXT).to_owned())
        .filter(|t| !t.is_empty());
    app.db
        .run(move |db| db.set_meta("announcement", text.as_deref()))
        .await?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Goto {
    exercise: Option<String>,
}

async fn goto(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Goto>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    let exercise = req
        .exercise
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if let Some(e) = &exercise
        && !app.course.has(e)
    {
        return Err(Reply::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "the room's course has no exercise {:?}",
                db::clip(e, db::MAX_NAME)
            ),
        ));
    }
    app.db
        .run(move |db| db.set_meta("goto", exercise.as_deref()))
        .await?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Settings {
    stuck_minutes: Option<u32>,
    stuck_checks: Option<u32>,
    idle_minutes: Option<u32>,
}

async fn settings(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Settings>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    let values = [
        ("stuck_minutes", req.stuck_minutes),
        ("stuck_checks", req.stuck_checks),
        ("idle_minutes", req.idle_minutes),
    ];
    if values
        .iter()
        .any(|(_, v)| v.is_some_and(|v| v == 0 || v > 1000))
    {
        return Err(Reply::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "settings are whole numbers from 1 to 1000",
        ));
    }
    app.db
        .run(move |db| {
            for (key, value) in values {
                if let Some(v) = value {
                    db.set_meta(key, Some(&v.to_string()))?;
                }
            }
            Ok(())
        })
        .await?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

async fn answer(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    UrlPath(id): UrlPath<i64>,
) -> Result<StatusCode, Reply> {
    staff(&app, &headers, &query, peer.ip())?;
    app.db
        .run(move |db| db.staff(id, StaffAction::Answer, "", now_ms()))
        .await?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Claim {
    #[serde(default)]
    by: Option<String>,
}

async fn claim(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    UrlPath(id): UrlPath<i64>,
    Json(req): Json<Claim>,
) -> Result<StatusCode, Reply> {
    let role = staff(&app, &headers, &query, peer.ip())?;
    let by = req
        .by
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| format!("the {}", role.as_str()));
    let claimed = app
        .db
        .run(move |db| db.staff(id, StaffAction::Claim, &by, now_ms()))
        .await?;
    if !claimed {
        return Err(Reply::new(StatusCode::NOT_FOUND, "no such raised hand"));
    }
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

async fn remove(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    UrlPath(id): UrlPath<i64>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    if !app.db.run(move |db| db.remove(id, now_ms())).await? {
        return Err(Reply::new(StatusCode::NOT_FOUND, "no such learner"));
    }
    for learner in lock(&app.tokens).values_mut() {
        if *learner == Some(id) {
            *learner = None;
        }
    }
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Rename {
    name: String,
}

async fn rename(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    query: Key,
    UrlPath(id): UrlPath<i64>,
    Json(req): Json<Rename>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query, peer.ip())?;
    if !app.db.run(move |db| db.rename(id, &req.name)).await? {
        return Err(Reply::new(StatusCode::NOT_FOUND, "no such learner"));
    }
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_learners_clock_is_corrected() {
        // A clock five minutes fast: an event a minute before sending.
        let now = 1_000_000_000;
        let fast = now + 300_000;
        assert_eq!(on_server_clock(fast - 60_000, fast, now), now - 60_000);
        // Slow clock, and an offline event from an hour ago.
        let slow = now - 120_000;
        assert_eq!(
            on_server_clock(slow - 3_600_000, slow, now),
            now - 3_600_000
        );
        // Never in the future, never before 1970.
        assert_eq!(on_server_clock(fast + 10, fast, now), now);
        assert_eq!(on_server_clock(0, now, now), 0);
        assert_eq!(on_server_clock(5, u64::MAX, now), 0);
    }

    #[test]
    fn keys_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert!(!same("", "a"));
    }

    #[test]
    fn the_key_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; rustdrill_key=k3y; b=2"),
        );
        assert_eq!(cookie(&headers, KEY_COOKIE), Some("k3y"));
        assert_eq!(cookie(&headers, "c"), None);
        let query = Query(HashMap::new());
        assert_eq!(given_key(&headers, &query), Some("k3y"));
        headers.insert(header::HOST, HeaderValue::from_static("10.0.0.1:7878"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://10.0.0.1:7878"),
        );
        assert_eq!(given_key(&headers, &query), Some("k3y"), "the page itself");
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://10.0.0.1:8080"),
        );
        assert_eq!(given_key(&headers, &query), None, "another port's page");
    }
}
