// wrong: a new `Store` for each request, not the shared state: every todo gets id 1 and `GET /todos` never lists it
// axum5 — shared state: `State<T>` and an in-memory store behind `Arc`.
//
// Each request runs its handler on its own, possibly on another thread, so
// data that outlives one request lives in the application state: give it to
// the router once with `.with_state(...)`, and a handler asks for it with the
// `State<T>` extractor. Axum clones the state for each request, so make it
// cheap to clone: an `Arc` around the data, plus a `Mutex` where handlers
// change it (a std `Mutex` is fine if the guard is never held across an
// `.await`). Extractors run in argument order and only the last may read the
// body: `State` goes before `Json`. The todo API's types (`Todo`, `Store`…) and
// the test helper `send` are in this chapter's `support.rs`. (roadmap.md §4)

use axum::{Json, Router, http::Method, http::StatusCode, routing::get};
use axum_chapter::{AppState, NewTodo, Store, Todo, list_todos, send};
use serde_json::json;

async fn create_todo(Json(new): Json<NewTodo>) -> (StatusCode, Json<Todo>) {
    let todo = Store::default().add(new.title);
    (StatusCode::CREATED, Json(todo))
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() {
    let app = app();
    for title in ["write the tests", "make them pass"] {
        let body = Some(json!({ "title": title }));
        let (status, todo) = send(&app, Method::POST, "/todos", body).await;
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
        let body = Some(json!({ "title": "buy milk" }));
        let (status, todo) = send(&app(), Method::POST, "/todos", body).await;
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
        let body = Some(json!({ "title": "second" }));
        let (_, second) = send(&app, Method::POST, "/todos", body).await;
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
        assert_eq!((status, todos), (StatusCode::OK, json!([])));
    }
}
