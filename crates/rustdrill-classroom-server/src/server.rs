//! `rustdrill classroom serve`: the instructor's server. Axum 0.8 on a
//! Tokio runtime built here and nowhere else in rustdrill.
//!
//! Learners post events with their own token (`Authorization: Bearer`);
//! the dashboard and every instructor action need the instructor key
//! (`?key=` or `X-Instructor-Key`). A missing credential is 401, a wrong one
//! 403; a body over [`MAX_BODY`] is 413; a learner over its rate is 429.
//! Each stored change is announced to the dashboards over server-sent
//! events, and they fetch the room again.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::db::{self, Db};
use super::{EventsRequest, JoinRequest, JoinResponse, Status, dashboard, now_ms};

/// The largest request body accepted (a raised hand's code is the largest).
pub const MAX_BODY: usize = 256 * 1024;
/// Requests one learner may make per [`RATE_WINDOW`].
pub const RATE_LIMIT: u32 = 120;
pub const RATE_WINDOW: Duration = Duration::from_secs(60);

struct App {
    db: Mutex<Db>,
    join_code: String,
    key: String,
    changes: broadcast::Sender<()>,
    rates: Mutex<HashMap<i64, (Instant, u32)>>,
}

impl App {
    fn db(&self) -> MutexGuard<'_, Db> {
        // A panic in one handler must not take the room down.
        self.db.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn changed(&self) {
        let _ = self.changes.send(());
    }
}

/// Serves until the process is stopped. Prints where, the dashboard's
/// link and the line learners type.
pub fn serve(listen: &str, db_path: &Path) -> Result<()> {
    let db = Db::open(db_path)?;
    let (join_code, key) = db.secrets()?;
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
            "THIS-MACHINE'S-ADDRESS".to_owned()
        } else {
            addr.ip().to_string()
        };
        let url = format!("http://{host}:{}", addr.port());
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "rustdrill classroom: listening on {addr} (database {})\n\n\
             Dashboard (instructor only, keep this link to yourself):\n  {url}/?key={key}\n\n\
             Learners join with (in their course folder):\n  rustdrill join {url} {join_code} --name \"Their Name\"",
            db_path.display()
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
            db: Mutex::new(db),
            join_code,
            key,
            changes,
            rates: Mutex::new(HashMap::new()),
        });
        axum::serve(listener, router(app))
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
        .route("/api/room", get(room))
        .route("/api/stream", get(stream))
        .route("/api/log", get(log))
        .route("/api/announce", post(announce))
        .route("/api/goto", post(goto))
        .route("/api/settings", post(settings))
        .route("/api/help/{id}/answer", post(answer))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

/// An error reply: a status and a short plain-text reason.
struct Reply(StatusCode, String);

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        (self.0, self.1).into_response()
    }
}

impl From<anyhow::Error> for Reply {
    fn from(e: anyhow::Error) -> Reply {
        Reply(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

type Key = Query<HashMap<String, String>>;

fn instructor(app: &App, headers: &HeaderMap, query: &Key) -> Result<(), Reply> {
    let given = headers
        .get("x-instructor-key")
        .and_then(|v| v.to_str().ok())
        .or(query.get("key").map(String::as_str));
    match given {
        None | Some("") => Err(Reply(
            StatusCode::UNAUTHORIZED,
            "the instructor key is needed".into(),
        )),
        Some(k) if same(k, &app.key) => Ok(()),
        Some(_) => Err(Reply(StatusCode::FORBIDDEN, "wrong instructor key".into())),
    }
}

/// The learner a request comes from, counted against its rate.
fn learner(app: &App, headers: &HeaderMap) -> Result<i64, Reply> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Reply(StatusCode::UNAUTHORIZED, "a learner token is needed".into()))?;
    let id = app
        .db()
        .learner_by_token(token)?
        .ok_or_else(|| Reply(StatusCode::FORBIDDEN, "unknown learner token".into()))?;
    let mut rates = app.rates.lock().unwrap_or_else(PoisonError::into_inner);
    let now = Instant::now();
    let (start, count) = rates.entry(id).or_insert((now, 0));
    if now.duration_since(*start) > RATE_WINDOW {
        *start = now;
        *count = 0;
    }
    *count += 1;
    if *count > RATE_LIMIT {
        return Err(Reply(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests: slow down".into(),
        ));
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

/// Compares in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

async fn page(State(app): State<Arc<App>>, headers: HeaderMap, query: Key) -> Response {
    if let Err(e) = instructor(&app, &headers, &query) {
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
    Json(req): Json<JoinRequest>,
) -> Result<Json<JoinResponse>, Reply> {
    if !same(req.code.trim(), &app.join_code) {
        return Err(Reply(StatusCode::FORBIDDEN, "wrong join code".into()));
    }
    let (learner, token) = app.db().join(&req.name, &req.course, now_ms())?;
    app.changed();
    Ok(Json(JoinResponse { learner, token }))
}

async fn events(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Json(mut req): Json<EventsRequest>,
) -> Result<Json<Status>, Reply> {
    let id = learner(&app, &headers)?;
    let now = now_ms();
    if let Some(sent_at) = req.sent_at {
        for e in &mut req.events {
            e.at = on_server_clock(e.at, sent_at, now);
        }
    }
    let status = {
        let mut db = app.db();
        let added = db.add_events(id, &req.events, now)?;
        if added > 0 {
            app.changed();
        }
        db.status(id)?
    };
    Ok(Json(status))
}

async fn status(State(app): State<Arc<App>>, headers: HeaderMap) -> Result<Json<Status>, Reply> {
    let id = learner(&app, &headers)?;
    Ok(Json(app.db().status(id)?))
}

async fn room(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    instructor(&app, &headers, &query)?;
    let room = app.db().room(now_ms())?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(room)).into_response())
}

async fn log(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    instructor(&app, &headers, &query)?;
    let log = app.db().log()?;
    Ok(Json(log).into_response())
}

async fn stream(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
) -> Result<Response, Reply> {
    instructor(&app, &headers, &query)?;
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
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Announce>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query)?;
    let text = req.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    app.db()
        .set_meta("announcement", text.map(|t| db::clip(t, db::MAX_TEXT)))?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Goto {
    exercise: Option<String>,
}

async fn goto(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Goto>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query)?;
    let exercise = req
        .exercise
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    app.db()
        .set_meta("goto", exercise.map(|t| db::clip(t, 60)))?;
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct Settings {
    stuck_minutes: u32,
    stuck_checks: u32,
}

async fn settings(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
    Json(req): Json<Settings>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query)?;
    {
        let db = app.db();
        db.set_meta("stuck_minutes", Some(&req.stuck_minutes.to_string()))?;
        db.set_meta("stuck_checks", Some(&req.stuck_checks.to_string()))?;
    }
    app.changed();
    Ok(StatusCode::NO_CONTENT)
}

async fn answer(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Key,
    UrlPath(id): UrlPath<i64>,
) -> Result<StatusCode, Reply> {
    instructor(&app, &headers, &query)?;
    app.db().answer(id, now_ms())?;
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
}
