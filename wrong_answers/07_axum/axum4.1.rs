// wrong: the body is still parsed by hand from a `String`: a text/plain body is accepted (200, not 415) and broken JSON is an empty sum
// axum4 — JSON in and out with `Json<T>` and serde.
//
// `Json<T>` works in both directions. As an argument it is an extractor:
// it checks `Content-Type: application/json`, reads the body and
// deserializes it into `T: Deserialize`, or rejects the request before the
// handler runs. As a return value it serializes `T: Serialize` and sets the
// `Content-Type: application/json` header for you.
//
// Parsing a `String` body by hand works, but loses all of that: no content
// type check, no error status, and a reply labelled text/plain.
//
// roadmap.md §4

use axum::{Json, Router, http::StatusCode, routing::post};
use axum_chapter::post_raw;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
struct SumRequest {
    numbers: Vec<i64>,
}

#[derive(Debug, Serialize)]
struct SumResponse {
    count: usize,
    total: i64,
}

async fn sum(body: String) -> Json<SumResponse> {
    let request: SumRequest = serde_json::from_str(&body).unwrap_or(SumRequest {
        numbers: Vec::new(),
    });
    Json(SumResponse {
        count: request.numbers.len(),
        total: request.numbers.iter().sum(),
    })
}

fn app() -> Router {
    Router::new().route("/sum", post(sum))
}

/// Posts `body` to /sum, with a `Content-Type` header if given.
async fn post_sum(content_type: Option<&str>, body: &str) -> (StatusCode, String, String) {
    post_raw(&app(), "/sum", content_type, body).await
}

#[tokio::main]
async fn main() {
    let body = r#"{"numbers": [4, 8, 15, 16, 23, 42]}"#;
    let (status, content_type, reply) = post_sum(Some("application/json"), body).await;
    println!("POST /sum {body}\n  -> {status} ({content_type}) {reply}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const JSON: Option<&str> = Some("application/json");

    #[tokio::test]
    async fn answers_with_json() {
        let (status, content_type, body) = post_sum(JSON, r#"{"numbers": [1, 2, 3]}"#).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            content_type, "application/json",
            "the reply must be labelled as JSON: return a `Json<SumResponse>`"
        );
        let value: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(value, json!({ "count": 3, "total": 6 }));
    }

    #[tokio::test]
    async fn a_body_without_json_content_type_is_415() {
        let (status, _, _) = post_sum(Some("text/plain"), r#"{"numbers": [1]}"#).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the `Json` extractor refuses bodies that are not labelled application/json"
        );
    }

    #[tokio::test]
    async fn broken_json_is_400() {
        let (status, _, _) = post_sum(JSON, r#"{"numbers": [1, 2"#).await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "the `Json` extractor answers 400 for a body that is not valid JSON"
        );
    }

    #[tokio::test]
    async fn json_of_the_wrong_shape_is_422() {
        let (status, _, _) = post_sum(JSON, r#"{"numbers": "one, two"}"#).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "the `Json` extractor answers 422 for valid JSON that does not fit `SumRequest`"
        );
    }
}
