// axum9 — extractor rejections, and making them speak your error format.
//
// When an extractor fails, axum answers before the handler runs. `Json` says
// 415 Unsupported Media Type without `Content-Type: application/json`, 400 Bad
// Request for a body that is not JSON, 422 Unprocessable Entity for JSON of
// the wrong shape, in text/plain: wrong for an API whose errors are all JSON.
//
// To take over, ask for the `Result` instead: `Result<Json<T>, JsonRejection>`
// never rejects, so the handler gets the rejection as a value and can `?` it
// into `AppError`, keeping its status and message (`status()`, `body_text()`).
//
// roadmap.md §4

use axum::{
    Json, Router,
    extract::{State, rejection::JsonRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
};
use axum_chapter::{AppState, NewTodo, Todo, post_raw};
use serde_json::json;

#[derive(Debug)]
enum AppError {
    EmptyTitle,
    BadJson(JsonRejection),
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        AppError::BadJson(rejection)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::EmptyTitle => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "the title must not be empty".to_string(),
            ),
            AppError::BadJson(rejection) => (rejection.status(), rejection.body_text()),
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

async fn create_todo(
    State(store): State<AppState>,
    // TODO: a bad body is rejected here, before the handler runs, with axum's
    // plain-text answer instead of this API's JSON error.
    Json(new): Json<NewTodo>,
) -> Result<(StatusCode, Json<Todo>), AppError> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(AppError::EmptyTitle);
    }
    let todo = store.lock().unwrap().add(title.to_string());
    Ok((StatusCode::CREATED, Json(todo)))
}

fn app() -> Router {
    Router::new()
        .route("/todos", post(create_todo))
        .with_state(AppState::default())
}

const JSON: &str = "application/json";

#[tokio::main]
async fn main() {
    let app = app();
    let bodies = [
        (JSON, r#"{"title": "learn axum"}"#),
        ("text/plain", r#"{"title": "learn axum"}"#),
        (JSON, r#"{"title": "learn"#),
        (JSON, r#"{"name": "learn axum"}"#),
    ];
    for (content_type, body) in bodies {
        let (status, _, reply) = post_raw(&app, "/todos", Some(content_type), body).await;
        println!("POST /todos ({content_type}) {body}\n  -> {status} {reply}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Posts a body and checks that the error comes back as `{"error": "..."}`.
    async fn rejected_with(content_type: &str, body: &str) -> StatusCode {
        let (status, reply_type, reply) =
            post_raw(&app(), "/todos", Some(content_type), body).await;
        assert!(
            reply_type.starts_with("application/json"),
            "a bad body got a {reply_type:?} reply {reply:?}: every error of this \
             API must be JSON, so let the handler see the `JsonRejection`"
        );
        let reply: Value = serde_json::from_str(&reply).unwrap();
        assert!(
            reply["error"]
                .as_str()
                .is_some_and(|message| !message.is_empty()),
            "expected {{\"error\": \"<message>\"}}, got {reply}"
        );
        status
    }

    #[tokio::test]
    async fn a_good_body_still_creates_a_todo() {
        let body = r#"{"title": "tidy up"}"#;
        let (status, _, reply) = post_raw(&app(), "/todos", Some(JSON), body).await;
        assert_eq!(status, StatusCode::CREATED);
        let todo: Value = serde_json::from_str(&reply).unwrap();
        assert_eq!(todo, json!({ "id": 1, "title": "tidy up", "done": false }));
    }

    #[tokio::test]
    async fn each_rejection_keeps_its_status() {
        let cases = [
            (
                "text/plain",
                r#"{"title": "tidy up"}"#,
                415,
                "no JSON content type",
            ),
            (JSON, r#"{"title": "tidy"#, 400, "broken JSON"),
            (
                JSON,
                r#"{"name": "tidy up"}"#,
                422,
                "JSON of the wrong shape",
            ),
            (JSON, r#"{"title": " "}"#, 422, "an empty title"),
        ];
        for (content_type, body, expected, what) in cases {
            let status = rejected_with(content_type, body).await;
            assert_eq!(status.as_u16(), expected, "{what}: {body}");
        }
    }
}
