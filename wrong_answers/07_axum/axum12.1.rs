// wrong: only checks that the header is there: any key, right or wrong, gets through
// axum12 — your own middleware with `middleware::from_fn`: an API key check.
//
// Writing a tower `Layer` by hand means a Service, a future type and a lot
// of generics. `axum::middleware::from_fn` turns a plain async function
// into middleware instead: it receives the request and a `Next`, and either
// answers by itself (here: 401 Unauthorized) or calls `next.run(request)`
// to pass the request on to the route and returns what comes back.
//
// `route_layer` puts it only on the routes of the `admin` router: the
// public route stays open, and an unknown path is still a 404, not a 401.
//
// roadmap.md §4

use axum::{
    Router,
    body::Body,
    extract::Request,
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
};
use http_body_util::BodyExt;
use tower::ServiceExt;

const API_KEY_HEADER: &str = "x-api-key";
/// In a real service this comes from configuration, never from the source.
const API_KEY: &str = "open-sesame";

async fn require_api_key(request: Request, next: Next) -> Response {
    let key = request.headers().get(API_KEY_HEADER);
    if key.is_none() {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    next.run(request).await
}

async fn public() -> &'static str {
    "anyone may read this"
}

async fn stats() -> &'static str {
    "42 users, 7 admins"
}

fn app() -> Router {
    let admin = Router::new()
        .route("/admin/stats", get(stats))
        .route_layer(middleware::from_fn(require_api_key));
    Router::new().route("/public", get(public)).merge(admin)
}

/// Sends a GET request, with an API key if given; returns status and body.
async fn get_text(uri: &str, api_key: Option<&str>) -> (StatusCode, String) {
    let mut request = Request::get(uri);
    if let Some(key) = api_key {
        request = request.header(API_KEY_HEADER, key);
    }
    let response = app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::main]
async fn main() {
    let attempts = [
        ("/public", None),
        ("/admin/stats", None),
        ("/admin/stats", Some(API_KEY)),
    ];
    for (uri, key) in attempts {
        let (status, body) = get_text(uri, key).await;
        let key = key.unwrap_or("(none)");
        println!("GET {uri:<13} key {key:<12} -> {status} {body:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn admin_without_a_key_is_401() {
        let (status, body) = get_text("/admin/stats", None).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "a request without {API_KEY_HEADER} reached the handler: {body:?}"
        );
    }

    #[tokio::test]
    async fn admin_with_a_wrong_key_is_401() {
        let (status, body) = get_text("/admin/stats", Some("guess")).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "a request with a wrong key reached the handler: {body:?}"
        );
    }

    #[tokio::test]
    async fn admin_with_the_key_gets_through() {
        assert_eq!(
            get_text("/admin/stats", Some(API_KEY)).await,
            (StatusCode::OK, "42 users, 7 admins".to_string())
        );
    }

    #[tokio::test]
    async fn public_needs_no_key() {
        let (status, _) = get_text("/public", None).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn unknown_paths_are_still_404() {
        let (status, _) = get_text("/admin/nothing", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}
