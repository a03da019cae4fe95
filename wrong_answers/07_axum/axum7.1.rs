// wrong: half-fixed: the title is kept when not sent, but a PATCH without `done` still resets it to false
// axum7 — PATCH: change only the fields the client sent.
//
// One path can answer several methods: chain them on its method router,
// `get(a).patch(b).delete(c)`. PUT replaces a whole resource; PATCH changes
// part of it. The body of a PATCH is the set of changes: model it with an
// `Option` per field (serde turns a missing field into `None`), and apply
// only the fields that are `Some`. The answer is the updated todo (200 OK),
// or 404 for an unknown id. (`TodoChanges` is in this chapter's `support.rs`.)
// roadmap.md §4

use axum::{
    Json, Router,
    extract::{Path, State},
    http::{Method, StatusCode},
    routing::get,
};
use axum_chapter::{
    AppState, Todo, TodoChanges, create_todo, get_todo, list_todos, post_todos, send,
};
use serde_json::json;

async fn update_todo(
    State(store): State<AppState>,
    Path(id): Path<u64>,
    Json(changes): Json<TodoChanges>,
) -> Result<Json<Todo>, StatusCode> {
    let mut store = store.lock().unwrap();
    let todo = store.todos.get_mut(&id).ok_or(StatusCode::NOT_FOUND)?;
    todo.title = changes.title.unwrap_or(todo.title.clone());
    todo.done = changes.done.unwrap_or_default();
    Ok(Json(todo.clone()))
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(get_todo).patch(update_todo))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() {
    let app = app();
    post_todos(&app, &["learn axum"]).await;
    for changes in [json!({ "done": true }), json!({ "title": "master axum" })] {
        let (status, todo) = send(&app, Method::PATCH, "/todos/1", Some(changes.clone())).await;
        println!("PATCH /todos/1 {changes} -> {status} {todo}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    async fn patch(app: &Router, uri: &str, changes: serde_json::Value) -> serde_json::Value {
        let (status, todo) = send(app, Method::PATCH, uri, Some(changes)).await;
        assert_eq!(status, StatusCode::OK, "PATCH {uri}");
        todo
    }

    #[tokio::test]
    async fn patch_changes_only_the_fields_sent() {
        let app = app();
        post_todos(&app, &["first", "second"]).await;
        let todo = patch(&app, "/todos/1", json!({ "done": true })).await;
        assert_eq!(todo, json!({ "id": 1, "title": "first", "done": true }));
        let todo = patch(&app, "/todos/1", json!({ "title": "renamed" })).await;
        assert_eq!(
            todo,
            json!({ "id": 1, "title": "renamed", "done": true }),
            "a PATCH without `done` must leave `done` as it was"
        );
        let (_, todo) = send(&app, Method::GET, "/todos/1", None).await;
        assert_eq!(todo, json!({ "id": 1, "title": "renamed", "done": true }));
    }

    #[tokio::test]
    async fn patch_of_an_unknown_id_is_404() {
        let app = app();
        let (status, _) = send(
            &app,
            Method::PATCH,
            "/todos/9",
            Some(json!({ "done": true })),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
