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

use std::{
    collections::BTreeMap,
    fmt,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    body::Body,
    extract::{Path, State},
    http::{Method, Request, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower::ServiceExt;

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
        let body = Json(json!({ "error": self.to_string() }));
        (status, body).into_response()
    }
}

#[derive(Clone, Debug, Serialize)]
struct Todo {
    id: u64,
    title: String,
    done: bool,
}

#[derive(Debug, Deserialize)]
struct NewTodo {
    title: String,
}

#[derive(Debug, Default)]
struct Store {
    last_id: u64,
    todos: BTreeMap<u64, Todo>,
}

type AppState = Arc<Mutex<Store>>;

async fn create_todo(
    State(store): State<AppState>,
    Json(new): Json<NewTodo>,
) -> Result<(StatusCode, Json<Todo>), AppError> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(AppError::EmptyTitle);
    }
    let mut store = store.lock().unwrap();
    store.last_id += 1;
    let todo = Todo {
        id: store.last_id,
        title: title.to_string(),
        done: false,
    };
    store.todos.insert(todo.id, todo.clone());
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

/// Sends one request, with an optional JSON body, to the router. Returns
/// the status and the JSON reply (`Value::Null` for an empty body).
async fn send(app: &Router, method: Method, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
    let request = Request::builder().method(method).uri(uri);
    let request = match body {
        Some(json) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_string())),
        None => request.body(Body::empty()),
    };
    let response = app.clone().oneshot(request.unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
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
