// dbapi1 — the chapter's finish: an Axum API that stores its data.
//
// The Axum chapter kept its data in a `Mutex` in the state. Now the state
// holds a database pool: `with_state(pool)` hands every handler a clone
// (a `SqlitePool` is a cheap handle to the shared pool) through
// `State(pool): State<SqlitePool>`, and the notes live in SQLite, with the
// schema from sqlx4's migrations. Errors need sorting: a note that is not
// there is the client's mistake (404 Not Found), a database that fails is
// the server's (500). sqlx's `fetch_*` methods differ in what they make of
// "no row" (see sqlx2).
// (The `send_*` test helpers are in support.rs.)
//
// roadmap.md §9, §4

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
};
use databases_chapter::{memory_pool, send_get, send_post};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqlitePool};

#[derive(Serialize, FromRow)]
struct Note {
    id: i64,
    title: String,
    body: String,
}

#[derive(Deserialize)]
struct NewNote {
    title: String,
    #[serde(default)]
    body: String,
}

async fn create_note(
    State(pool): State<SqlitePool>,
    Json(new): Json<NewNote>,
) -> Result<(StatusCode, Json<Note>), StatusCode> {
    let note = sqlx::query_as("INSERT INTO notes (title, body) VALUES (?, ?) RETURNING *")
        .bind(new.title)
        .bind(new.body)
        .fetch_one(&pool)
        .await
        .map_err(server_error)?;
    Ok((StatusCode::CREATED, Json(note)))
}

async fn get_note(
    State(pool): State<SqlitePool>,
    Path(id): Path<i64>,
) -> Result<Json<Note>, StatusCode> {
    // TODO: a note that does not exist is answered 500, as if the database had failed.
    let note = sqlx::query_as("SELECT id, title, body FROM notes WHERE id = ?")
        .bind(id)
        .fetch_one(&pool)
        .await
        .map_err(server_error)?;
    Ok(Json(note))
}

/// A new database with the chapter's migrations applied (see sqlx4).
async fn notes_pool() -> SqlitePool {
    let pool = memory_pool().await;
    sqlx::migrate!()
        .run(&pool)
        .await
        .expect("the chapter's migrations apply");
    pool
}

fn server_error(error: sqlx::Error) -> StatusCode {
    eprintln!("database error: {error}");
    StatusCode::INTERNAL_SERVER_ERROR
}

fn app(pool: SqlitePool) -> Router {
    Router::new()
        .route("/notes", post(create_note))
        .route("/notes/{id}", get(get_note))
        .with_state(pool)
}

#[tokio::main]
async fn main() {
    let app = app(notes_pool().await);
    let created = send_post(&app, "/notes", r#"{"title": "groceries", "body": "milk"}"#).await;
    println!("POST /notes -> {created:?}");
    for uri in ["/notes/1", "/notes/7"] {
        println!("GET {uri} -> {:?}", send_get(&app, uri).await);
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    const MILK: &str = r#"{"id":1,"title":"milk","body":""}"#;

    #[tokio::test]
    async fn a_created_note_can_be_read_back() {
        let app = app(notes_pool().await);
        let created = send_post(&app, "/notes", r#"{"title": "milk"}"#).await;
        assert_eq!(created, (StatusCode::CREATED, MILK.into()));
        assert_eq!(
            send_get(&app, "/notes/1").await,
            (StatusCode::OK, MILK.into())
        );
    }

    #[tokio::test]
    async fn a_missing_note_is_404() {
        let (status, _) = send_get(&app(notes_pool().await), "/notes/7").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "no note 7: the client's mistake"
        );
    }

    #[tokio::test]
    async fn a_failing_database_is_still_500() {
        let pool = notes_pool().await;
        sqlx::raw_sql("DROP TABLE notes")
            .execute(&pool)
            .await
            .unwrap();
        let (status, _) = send_get(&app(pool), "/notes/1").await;
        let message = "the table is gone: not the client's fault";
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{message}");
    }
}
