// axum5 — shared state: `State<T>` and an in-memory store behind `Arc`.
//
// Each request runs its handler on its own, possibly on another thread, so
// data that outlives one request lives in the application state: give it to
// the router once with `.with_state(...)`, and a handler asks for it with the
// `State<T>` extractor. Axum clones the state for each request, so make it
// cheap to clone: an `Arc` around the data, plus a `Mutex` where handlers
// change it (a std `Mutex` is fine if the guard is never held across an
// `.await`). A real service keeps its database pool here; this exercise starts
// a small todo API that the next ones extend.
//
// roadmap.md §4

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    body::Body,
    extract::State,
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

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
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
    for title in ["write the tests", "make them pass"] {
        let (status, todo) = send(
            &app,
            Method::POST,
            "/todos",
            Some(json!({ "title": title })),
        )
        .await;
        println!("POST /todos -> {status} {todo}");
    }
    let (status, todos) = send(&app, Method::GET, "/todos", None).await;
    println!("GET  /todos -> {status} {todos}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn create_answers_201_with_the_new_todo() {
        let app = app();
        let (status, todo) = send(
            &app,
            Method::POST,
            "/todos",
            Some(json!({ "title": "buy milk" })),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!(todo, json!({ "id": 1, "title": "buy milk", "done": false }));
    }

    #[tokio::test]
    async fn created_todos_are_listed_in_order() {
        let app = app();
        send(
            &app,
            Method::POST,
            "/todos",
            Some(json!({ "title": "first" })),
        )
        .await;
        let (_, second) = send(
            &app,
            Method::POST,
            "/todos",
            Some(json!({ "title": "second" })),
        )
        .await;
        assert_eq!(second["id"], 2, "each new todo gets the next id");
        let (status, todos) = send(&app, Method::GET, "/todos", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            todos,
            json!([
                { "id": 1, "title": "first", "done": false },
                { "id": 2, "title": "second", "done": false },
            ]),
            "GET /todos lists what earlier requests created: they must share one store"
        );
    }

    #[tokio::test]
    async fn each_app_starts_empty() {
        let (status, todos) = send(&app(), Method::GET, "/todos", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(todos, json!([]));
    }
}
