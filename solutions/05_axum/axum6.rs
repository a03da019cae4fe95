// axum6 — a missing resource is 404: handlers can return `Result`.
//
// GET /todos/{id} looks one todo up; for an unknown id the honest answer is
// 404 Not Found. A handler's return type only has to implement `IntoResponse`,
// and `Result<T, E>` does whenever both `T` and `E` do: `Ok` sends the value,
// `Err` the error. `StatusCode` is itself a response, so
// `Result<Json<Todo>, StatusCode>` is a complete answer.
//
// Indexing a map with an unknown key panics instead. Under `axum::serve` that
// drops only this one connection, and the client gets no answer at all.
//
// roadmap.md §4

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    body::Body,
    extract::{Path, State},
    http::{Method, Request, StatusCode, header},
    routing::get,
};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower::ServiceExt;

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

async fn list_todos(State(store): State<AppState>) -> Json<Vec<Todo>> {
    let store = store.lock().unwrap();
    Json(store.todos.values().cloned().collect())
}

async fn create_todo(
    State(store): State<AppState>,
    Json(new): Json<NewTodo>,
) -> (StatusCode, Json<Todo>) {
    let mut store = store.lock().unwrap();
    store.last_id += 1;
    let todo = Todo {
        id: store.last_id,
        title: new.title,
        done: false,
    };
    store.todos.insert(todo.id, todo.clone());
    (StatusCode::CREATED, Json(todo))
}

async fn get_todo(
    State(store): State<AppState>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, StatusCode> {
    let store = store.lock().unwrap();
    let todo = store.todos.get(&id).ok_or(StatusCode::NOT_FOUND)?;
    Ok(Json(todo.clone()))
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
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
    // A Router is cheap to clone: the clones share the same state.
    let response = app.clone().oneshot(request.unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

#[tokio::main]
async fn main() {
    let app = app();
    let (status, todo) = send(
        &app,
        Method::POST,
        "/todos",
        Some(json!({ "title": "learn axum" })),
    )
    .await;
    println!("POST /todos   -> {status} {todo}");
    for uri in ["/todos/1", "/todos/7"] {
        let (status, todo) = send(&app, Method::GET, uri, None).await;
        println!("GET  {uri} -> {status} {todo}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    async fn app_with_two_todos() -> Router {
        let app = app();
        for title in ["first", "second"] {
            let (status, _) = send(
                &app,
                Method::POST,
                "/todos",
                Some(json!({ "title": title })),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        app
    }

    #[tokio::test]
    async fn get_finds_a_todo_by_id() {
        let app = app_with_two_todos().await;
        let (status, todo) = send(&app, Method::GET, "/todos/2", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(todo, json!({ "id": 2, "title": "second", "done": false }));
    }

    #[tokio::test]
    async fn an_unknown_id_is_404() {
        let app = app_with_two_todos().await;
        let (status, _) = send(&app, Method::GET, "/todos/3", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn a_non_number_id_is_400() {
        let app = app_with_two_todos().await;
        let (status, _) = send(&app, Method::GET, "/todos/first", None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
}
