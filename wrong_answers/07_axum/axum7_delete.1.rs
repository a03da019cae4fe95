// wrong: always 204 No Content, even when there was nothing to delete (a second DELETE must be 404)
// axum7_delete — DELETE, and the status codes that say what happened.
//
// Clients (and the tests of every client) branch on the status code, so it is
// part of the API. A DELETE that removed something answers 204 No Content:
// success, and deliberately no body (axum 0.8 also has
// `axum::response::NoContent` for exactly this). Deleting what is not there
// is 404 Not Found, so a client can tell "done" from "there was nothing to
// do". A second identical DELETE is therefore a 404. roadmap.md §4

use axum::{
    Router,
    extract::{Path, State},
    http::{Method, StatusCode},
    routing::get,
};
use axum_chapter::{AppState, create_todo, get_todo, list_todos, post_todos, send};

async fn delete_todo(State(store): State<AppState>, Path(id): Path<u64>) -> StatusCode {
    store.lock().unwrap().todos.remove(&id);
    StatusCode::NO_CONTENT
}

fn app() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(get_todo).delete(delete_todo))
        .with_state(AppState::default())
}

#[tokio::main]
async fn main() {
    let app = app();
    post_todos(&app, &["learn axum"]).await;
    for _ in 0..2 {
        let (status, _) = send(&app, Method::DELETE, "/todos/1", None).await;
        println!("DELETE /todos/1 -> {status}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[tokio::test]
    async fn delete_answers_204_then_the_todo_is_gone() {
        let app = app();
        post_todos(&app, &["first", "second"]).await;
        let (status, body) = send(&app, Method::DELETE, "/todos/1", None).await;
        assert_eq!(
            status,
            StatusCode::NO_CONTENT,
            "a successful DELETE answers 204"
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
        let app = app();
        post_todos(&app, &["only"]).await;
        send(&app, Method::DELETE, "/todos/1", None).await;
        let (status, _) = send(&app, Method::DELETE, "/todos/1", None).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "there was nothing left to delete"
        );
    }
}
