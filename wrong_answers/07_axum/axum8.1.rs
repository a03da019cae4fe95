// wrong: the JSON error body is written by hand as a `String`, which axum sends as text/plain, not application/json
// axum8 — one error type for the whole API, turned into responses once.
//
// Returning a bare `StatusCode` as the error gets tedious and says nothing
// to the client. The usual axum design is an application error enum that
// implements `IntoResponse`: every handler returns `Result<_, AppError>`,
// uses `?` freely, and one `into_response` decides the status code and the
// body (here a JSON object `{"error": "..."}`) for each kind of failure.
// Errors from libraries join in through `From` impls, so `?` converts them.
//
// roadmap.md §4

use std::fmt;

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{Method, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use axum_chapter::{AppState, NewTodo, Todo, send};
use serde_json::json;

#[derive(Debug)]
enum AppError {
    NotFound(u64),
    EmptyTitle,
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::NotFound(id) => write!(f, "todo {id} not found"),
            AppError::EmptyTitle => write!(f, "the title must not be empty"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::EmptyTitle => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let body = format!(r#"{{"error": "{self}"}}"#);
        (status, body).into_response()
    }
}

async fn create_todo(
    State(store): State<AppState>,
    Json(new): Json<NewTodo>,
) -> Result<(StatusCode, Json<Todo>), AppError> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(AppError::EmptyTitle);
    }
    let todo = store.lock().unwrap().add(title.to_string());
    Ok((StatusCode::CREATED, Json(todo)))
}

async fn get_todo(
    State(store): State<AppState>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, AppError> {
    let store = store.lock().unwrap();
    let todo = store.todos.get(&id).ok_or(AppError::NotFound(id))?;
    Ok(Json(todo.clone()))
}

fn app() -> Router {
    Router::new()
        .route("/todos", post(create_todo))
        .route("/todos/{id}", get(get_todo))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() {
    let app = app();
    for title in ["learn axum", "   "] {
        let body = Some(json!({ "title": title }));
        let (status, reply) = send(&app, Method::POST, "/todos", body).await;
        println!("POST /todos {title:?} -> {status} {reply}");
    }
    let (status, reply) = send(&app, Method::GET, "/todos/42", None).await;
    println!("GET  /todos/42 -> {status} {reply}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn success_is_unchanged() {
        let app = app();
        let body = Some(json!({ "title": "  tidy up  " }));
        let (status, todo) = send(&app, Method::POST, "/todos", body).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(todo, json!({ "id": 1, "title": "tidy up", "done": false }));
        let (status, _) = send(&app, Method::GET, "/todos/1", None).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn not_found_is_404_with_a_json_message() {
        let (status, body) = send(&app(), Method::GET, "/todos/42", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "AppError::NotFound is a 404");
        assert_eq!(body, json!({ "error": "todo 42 not found" }));
    }

    #[tokio::test]
    async fn an_empty_title_is_422_with_a_json_message() {
        let body = Some(json!({ "title": "" }));
        let (status, body) = send(&app(), Method::POST, "/todos", body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "AppError::EmptyTitle is a 422: the JSON was fine, its content was not"
        );
        assert_eq!(body, json!({ "error": "the title must not be empty" }));
    }
}
