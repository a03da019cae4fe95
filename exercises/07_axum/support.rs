//! Shared set-up for the chapter's exercises: the todo API's types, its
//! in-memory store, ready-made handlers, and the helpers tests use to call a
//! router without a socket.
//!
//! This is not an exercise: you never need to change it. Exercises use it as
//! `use axum_chapter::{...};`. Read it once: axum5–axum9 build on it.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
};

use axum::{
    Json, Router,
    body::Body,
    extract::{Path, State},
    http::{Method, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower::ServiceExt;

/// One todo, as the API sends it.
#[derive(Clone, Debug, Serialize)]
pub struct Todo {
    pub id: u64,
    pub title: String,
    pub done: bool,
}

/// The body of `POST /todos`.
#[derive(Debug, Deserialize)]
pub struct NewTodo {
    pub title: String,
}

/// The body of `PATCH /todos/{id}`: the fields to change; absent fields are `None`.
#[derive(Debug, Deserialize)]
pub struct TodoChanges {
    pub title: Option<String>,
    pub done: Option<bool>,
}

/// The todos, by id, and the last id handed out.
#[derive(Debug, Default)]
pub struct Store {
    pub last_id: u64,
    pub todos: BTreeMap<u64, Todo>,
}

impl Store {
    /// Stores a new, not yet done todo under the next id and returns it.
    pub fn add(&mut self, title: String) -> Todo {
        self.last_id += 1;
        let todo = Todo {
            id: self.last_id,
            title,
            done: false,
        };
        self.todos.insert(todo.id, todo.clone());
        todo
    }
}

/// The application state: one store shared by every request (axum5).
pub type AppState = Arc<Mutex<Store>>;

/// `GET /todos`: every todo, in id order.
pub async fn list_todos(State(store): State<AppState>) -> Json<Vec<Todo>> {
    let store = store.lock().unwrap();
    Json(store.todos.values().cloned().collect())
}

/// `POST /todos`: stores the todo and answers 201 Created with it.
pub async fn create_todo(
    State(store): State<AppState>,
    Json(new): Json<NewTodo>,
) -> (StatusCode, Json<Todo>) {
    let todo = store.lock().unwrap().add(new.title);
    (StatusCode::CREATED, Json(todo))
}

/// `GET /todos/{id}`: the todo, or 404 Not Found (axum6).
pub async fn get_todo(
    State(store): State<AppState>,
    Path(id): Path<u64>,
) -> Result<Json<Todo>, StatusCode> {
    let store = store.lock().unwrap();
    let todo = store.todos.get(&id).ok_or(StatusCode::NOT_FOUND)?;
    Ok(Json(todo.clone()))
}

/// Sends a GET request to the router; returns the status and the body as text.
pub async fn get_text(app: Router, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Sends one request, with an optional JSON body, to the router. Returns the
/// status and the JSON reply (`Value::Null` for an empty or non-JSON body).
/// Panics if a JSON reply is not labelled `Content-Type: application/json`
/// (a client reads the header, not the bytes, to know what it got), and if a
/// 204 No Content reply has a body (HTTP forbids it).
pub async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
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
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if status == StatusCode::NO_CONTENT {
        assert!(
            bytes.is_empty(),
            "{uri} answered 204 No Content with a body: {bytes:?}"
        );
    }
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !value.is_null() {
        assert_eq!(
            content_type.as_ref().map(|value| value.to_str().unwrap()),
            Some("application/json"),
            "{uri} answered JSON ({value}) labelled as something else: \
             let `axum::Json` write the body and its Content-Type"
        );
    }
    (status, value)
}

/// Sends a POST to the router with `body` as it is, and a `Content-Type`
/// header if one is given. Returns the status, the response's content type
/// (empty if none) and its body as text (axum4, axum9).
pub async fn post_raw(
    app: &Router,
    uri: &str,
    content_type: Option<&str>,
    body: &str,
) -> (StatusCode, String, String) {
    let mut request = Request::post(uri);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let request = request.body(Body::from(body.to_string())).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    (status, content_type, text)
}

/// For tests: `POST /todos` once per title, asserting each answers 201.
pub async fn post_todos(app: &Router, titles: &[&str]) {
    for title in titles {
        let body = serde_json::json!({ "title": title });
        let (status, _) = send(app, Method::POST, "/todos", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "POST /todos {title:?}");
    }
}
