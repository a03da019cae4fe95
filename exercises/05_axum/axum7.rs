// axum7 — finishing the CRUD: PATCH and DELETE, and their status codes.
//
// One path can answer several methods: chain them on the method router,
// `get(a).patch(b).delete(c)`. Each verb has its usual answer:
// - PATCH changes only the fields sent, and returns the updated todo
//   (200 OK), or 404 for an unknown id;
// - DELETE returns 204 No Content: success, and deliberately no body (axum
//   0.8 also has `axum::response::NoContent` for exactly this), or 404.
// Clients and tests rely on these codes, so they are part of the API.
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

/// The fields a PATCH may change; absent fields stay as they are.
#[derive(Debug, Deserialize)]
struct TodoChanges {
    title: Option<String>,
    done: Option<bool>,
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

async fn update_todo(
    State(store): State<AppState>,
    Path(id): Path<u64>,
    Json(changes): Json<TodoChanges>,
) -> Result<Json<Todo>, StatusCode> {
    let mut store = store.lock().unwrap();
    let todo = store.todos.get_mut(&id).ok_or(StatusCode::NOT_FOUND)?;
    if let Some(title) = changes.title {
        todo.title = title;
    }
    if let Some(done) = changes.done {
        todo.done = done;
    }
    Ok(Json(todo.clone()))
}

// TODO: answer 204 No Content when a todo was removed, and 404 Not Found
// when there was nothing to remove (`remove` tells you which).
async fn delete_todo(State(store): State<AppState>, Path(id): Path<u64>) -> StatusCode {
    store.lock().unwrap().todos.remove(&id);
    StatusCode::OK
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        // TODO: route PATCH and DELETE on this path to their handlers too.
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
    println!("POST   /todos   -> {status} {todo}");
    let (status, todo) = send(
        &app,
        Method::PATCH,
        "/todos/1",
        Some(json!({ "done": true })),
    )
    .await;
    println!("PATCH  /todos/1 -> {status} {todo}");
    for _ in 0..2 {
        let (status, _) = send(&app, Method::DELETE, "/todos/1", None).await;
        println!("DELETE /todos/1 -> {status}");
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
    async fn patch_changes_only_the_fields_sent() {
        let app = app_with_two_todos().await;
        let (status, todo) = send(
            &app,
            Method::PATCH,
            "/todos/1",
            Some(json!({ "done": true })),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::OK,
            "PATCH /todos/1 should answer 200 (405 means PATCH is not routed on this path)"
        );
        assert_eq!(todo, json!({ "id": 1, "title": "first", "done": true }));
        let (_, todo) = send(&app, Method::GET, "/todos/1", None).await;
        assert_eq!(todo, json!({ "id": 1, "title": "first", "done": true }));
    }

    #[tokio::test]
    async fn patch_of_an_unknown_id_is_404() {
        let app = app_with_two_todos().await;
        let (status, _) = send(
            &app,
            Method::PATCH,
            "/todos/9",
            Some(json!({ "done": true })),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "PATCH of an unknown id is 404"
        );
    }

    #[tokio::test]
    async fn delete_answers_204_then_the_todo_is_gone() {
        let app = app_with_two_todos().await;
        let (status, body) = send(&app, Method::DELETE, "/todos/1", None).await;
        assert_eq!(
            status,
            StatusCode::NO_CONTENT,
            "a successful DELETE answers 204 No Content (405 means DELETE is not routed)"
        );
        assert_eq!(body, Value::Null, "204 means no body");
        let (status, _) = send(&app, Method::GET, "/todos/1", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, todos) = send(&app, Method::GET, "/todos", None).await;
        assert_eq!(
            todos,
            json!([{ "id": 2, "title": "second", "done": false }])
        );
    }

    #[tokio::test]
    async fn deleting_twice_is_404_the_second_time() {
        let app = app_with_two_todos().await;
        send(&app, Method::DELETE, "/todos/2", None).await;
        let (status, _) = send(&app, Method::DELETE, "/todos/2", None).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "there was nothing left to delete, so 404"
        );
    }
}
