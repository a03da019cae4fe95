// wrong: the fallback is set on the nested API router only: /nothing still gets the default, empty 404
// axum13 — nested routers and a fallback for everything else.
//
// A larger app is built from smaller routers. `Router::nest("/api", api)`
// mounts a whole router under a prefix: its "/todos" answers at "/api/todos",
// and its "/" at "/api" exactly (not "/api/"). `merge` instead adds the other
// router's routes as they are, unprefixed.
//
// A request matching no route goes to the fallback, by default an empty 404.
// `Router::fallback(handler)` replaces it, say with a JSON error like the rest
// of the API; nested routers without their own fallback use the outer one.
//
// roadmap.md §4

use axum::{
    Json, Router,
    body::Body,
    http::{Request, StatusCode, Uri},
    routing::get,
};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

async fn home() -> &'static str {
    "the home page"
}

async fn api_index() -> Json<Value> {
    Json(json!({ "version": 1 }))
}

async fn list_todos() -> Json<Value> {
    Json(json!(["write the tests", "make them pass"]))
}

async fn not_found(uri: Uri) -> (StatusCode, Json<Value>) {
    let error = format!("no route for {uri}");
    (StatusCode::NOT_FOUND, Json(json!({ "error": error })))
}

fn api() -> Router {
    Router::new()
        .route("/", get(api_index))
        .route("/todos", get(list_todos))
}

fn app() -> Router {
    Router::new()
        .route("/", get(home))
        .nest("/api", api().fallback(not_found))
}

/// Sends one GET request to the router and returns the status and body text.
async fn get_text(uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::main]
async fn main() {
    for uri in ["/", "/api", "/api/", "/api/todos", "/todos", "/api/nothing"] {
        let (status, body) = get_text(uri).await;
        println!("GET {uri:<12} -> {status} {body}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn api_routes_live_under_the_prefix() {
        let (status, body) = get_text("/api/todos").await;
        assert_eq!(status, StatusCode::OK, "GET /api/todos got {status}");
        assert_eq!(body, r#"["write the tests","make them pass"]"#);
        let (status, body) = get_text("/api").await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::OK, r#"{"version":1}"#)
        );
    }

    #[tokio::test]
    async fn api_routes_are_not_at_the_root() {
        let (status, _) = get_text("/todos").await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "/todos answered: the API router's routes must only exist under /api"
        );
    }

    #[tokio::test]
    async fn the_home_page_is_unchanged() {
        assert_eq!(
            get_text("/").await,
            (StatusCode::OK, "the home page".to_string())
        );
    }

    #[tokio::test]
    async fn unknown_paths_get_a_json_404() {
        for uri in ["/nothing", "/api/nothing"] {
            let (status, body) = get_text(uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(
                body,
                format!(r#"{{"error":"no route for {uri}"}}"#),
                "the default fallback's 404 is empty: set `not_found` as the fallback"
            );
        }
    }
}
