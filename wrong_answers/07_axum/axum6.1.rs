// wrong: `Json<Option<Todo>>` answers an unknown id with 200 and `null` instead of 404 Not Found
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
// roadmap.md §4

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{Method, StatusCode},
    routing::get,
};
use axum_chapter::{AppState, Todo, create_todo, list_todos, post_todos, send};

async fn get_todo(State(store): State<AppState>, Path(id): Path<u64>) -> Json<Option<Todo>> {
    let store = store.lock().unwrap();
    Json(store.todos.get(&id).cloned())
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(get_todo))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() {
    let app = app();
    post_todos(&app, &["learn axum"]).await;
    for uri in ["/todos/1", "/todos/7"] {
        let (status, todo) = send(&app, Method::GET, uri, None).await;
        println!("GET {uri} -> {status} {todo}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    async fn app_with_two_todos() -> Router {
        let app = app();
        post_todos(&app, &["first", "second"]).await;
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
