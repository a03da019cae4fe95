//! Shared set-up for the databases chapter (`09_databases`): opening a fresh
//! in-memory SQLite database for sqlx, Diesel and SeaORM, and sending one
//! request to an Axum router. Not an exercise: nothing to change here.
//!
//! Every database here is SQLite in memory, compiled into the program
//! (`libsqlite3-sys` with its `bundled` feature): no server, no file, no
//! system library, and a new empty database for every call.

use std::time::Duration;

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use diesel::{Connection, SqliteConnection, connection::SimpleConnection};
use http_body_util::BodyExt;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use sqlx::sqlite::{SqlitePool, SqlitePoolOptions};
use tower::ServiceExt;

/// Opens an sqlx pool on a new, empty in-memory database.
///
/// sqlx opens `sqlite::memory:` as one named in-memory database shared by
/// the pool's connections; it disappears when its last connection closes.
/// So the pool keeps its one connection open for good (no idle timeout, no
/// maximum lifetime). With a single connection, code that asks the pool for
/// a second one while the first is busy (say, inside a transaction) gets a
/// "pool timed out" error after 2 seconds instead of waiting forever.
pub async fn memory_pool() -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(2))
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory SQLite database always opens")
}

/// [`memory_pool`], then runs `schema` on it (any number of `;`-separated
/// statements).
pub async fn memory_pool_with(schema: &'static str) -> SqlitePool {
    let pool = memory_pool().await;
    sqlx::raw_sql(schema)
        .execute(&pool)
        .await
        .expect("the schema given to memory_pool_with is valid SQL");
    pool
}

/// Opens a Diesel connection to a new in-memory database and runs `schema`
/// (any number of `;`-separated statements) on it. Diesel is synchronous: no runtime, no `.await`.
pub fn diesel_memory_with(schema: &str) -> SqliteConnection {
    let mut conn =
        SqliteConnection::establish(":memory:").expect("an in-memory database always opens");
    conn.batch_execute(schema)
        .expect("the schema given to diesel_memory_with is valid SQL");
    conn
}

/// Opens a SeaORM connection to a new in-memory database (one pooled
/// connection kept open, as for sqlx above; SeaORM runs on sqlx).
pub async fn seaorm_memory() -> DatabaseConnection {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(2))
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .expect("an in-memory SQLite database always opens")
}

/// Sends `GET uri` to `app` (no socket: `tower::ServiceExt::oneshot`) and
/// returns the status and the body as text.
pub async fn send_get(app: &Router, uri: &str) -> (StatusCode, String) {
    send(app, Method::GET, uri, Body::empty()).await
}

/// Sends `POST uri` with a JSON body to `app` and returns the status and
/// the body as text.
pub async fn send_post(app: &Router, uri: &str, json: &str) -> (StatusCode, String) {
    send(app, Method::POST, uri, Body::from(json.to_owned())).await
}

async fn send(app: &Router, method: Method, uri: &str, body: Body) -> (StatusCode, String) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .expect("a valid request");
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("a Router never fails");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body can be read")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
