// wrong: `any(health)` answers every method on /health, so POST /health is 200 instead of 405
// axum1 — a Router sends each (method, path) pair to an async handler.
//
// Axum is the web framework from the Tokio team. A handler is an ordinary
// `async fn` whose return type implements `IntoResponse`: a `&'static str`
// becomes a 200 text/plain response. A `Router` says which handler answers
// which method on which path; a path it does not know gets 404 Not Found,
// a known path with the wrong method gets 405 Method Not Allowed.
//
// A Router is also a tower `Service`, so a test (or `main` here) can call it
// directly with `tower::ServiceExt::oneshot`: no socket, no port.
//
// roadmap.md §4

use axum::{
    Router,
    routing::{any, get},
};
use axum_chapter::get_text;

async fn hello() -> &'static str {
    "Hello from axum!"
}

async fn health() -> &'static str {
    "ok"
}

fn app() -> Router {
    Router::new()
        .route("/", get(hello))
        .route("/health", any(health))
}

#[tokio::main]
async fn main() {
    for uri in ["/", "/health", "/nowhere"] {
        let (status, body) = get_text(app(), uri).await;
        println!("GET {uri:<9} -> {status} {body:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::{
        body::Body,
        http::{Request, StatusCode},
    };
    use tower::ServiceExt;

    #[tokio::test]
    async fn root_says_hello() {
        assert_eq!(
            get_text(app(), "/").await,
            (StatusCode::OK, "Hello from axum!".to_string())
        );
    }

    #[tokio::test]
    async fn health_check_answers_ok() {
        let (status, body) = get_text(app(), "/health").await;
        assert_eq!(
            status,
            StatusCode::OK,
            "GET /health got {status}: does the Router have a route for \"/health\"?"
        );
        assert_eq!(body, "ok");
    }

    #[tokio::test]
    async fn unknown_paths_are_404() {
        let (status, _) = get_text(app(), "/nowhere").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn wrong_method_is_405() {
        let request = Request::post("/health").body(Body::empty()).unwrap();
        let response = app().oneshot(request).await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "a path the router knows, with a method it does not, is 405"
        );
    }
}
