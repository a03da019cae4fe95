// wrong: the `CompressionLayer` is added before the route, and `.layer` only wraps routes added before it: nothing is gzipped
// axum10 — middleware from tower-http: CORS, compression, tracing.
//
// Axum has no middleware system of its own: a Router is a tower `Service`, so
// any `Layer` wraps it; each `.layer(...)` covers the routes added before it.
// - `CorsLayer` answers browsers' CORS preflights and adds the
//   `Access-Control-Allow-*` headers that let another origin call the API;
// - `CompressionLayer` gzips a response when the request's `Accept-Encoding`
//   allows it (by default only bodies of 32 bytes or more, or of unknown
//   size: a smaller body is sent as it is);
// - `TraceLayer` opens a `tracing` span per request, but prints nothing until
//   a subscriber is installed (the `tracing-subscriber` crate, not used here).
//
// roadmap.md §4

use axum::{
    Router,
    body::Body,
    http::{HeaderValue, Method, Request, Response, header},
    routing::get,
};
use tower::ServiceExt;
use tower_http::{compression::CompressionLayer, cors::CorsLayer, trace::TraceLayer};

/// The only web page allowed to call this API from a browser.
const FRONT_END: &str = "https://app.example.com";

async fn report() -> String {
    (1..=20)
        .map(|day| format!("day {day:2}: all systems nominal\n"))
        .collect()
}

fn app() -> Router {
    let cors = CorsLayer::new()
        .allow_origin(HeaderValue::from_static(FRONT_END))
        .allow_methods([Method::GET]);
    Router::new()
        .layer(CompressionLayer::new())
        .route("/report", get(report))
        .layer(cors)
        .layer(TraceLayer::new_for_http())
}

/// Sends a request with the given headers and returns the response.
async fn send(method: Method, headers: &[(&str, &str)]) -> Response<Body> {
    let mut request = Request::builder().method(method).uri("/report");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

#[tokio::main]
async fn main() {
    let response = send(
        Method::GET,
        &[("origin", FRONT_END), ("accept-encoding", "gzip")],
    )
    .await;
    println!("GET /report from {FRONT_END} -> {}", response.status());
    for name in [
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::CONTENT_ENCODING,
    ] {
        println!("  {name}: {:?}", response.headers().get(&name));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use http_body_util::BodyExt;

    fn header_of(response: &Response<Body>, name: header::HeaderName) -> Option<&str> {
        response.headers().get(name).map(|v| v.to_str().unwrap())
    }

    #[tokio::test]
    async fn preflight_from_the_front_end_is_allowed() {
        let response = send(
            Method::OPTIONS,
            &[
                ("origin", FRONT_END),
                ("access-control-request-method", "GET"),
            ],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "nothing answers the browser's CORS preflight (OPTIONS) request yet"
        );
        assert_eq!(
            header_of(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            Some(FRONT_END),
            "the preflight answer must allow the front end's origin: add a CorsLayer"
        );
        let methods = header_of(&response, header::ACCESS_CONTROL_ALLOW_METHODS);
        assert!(
            methods.is_some_and(|m| m.contains("GET") || m == "*"),
            "the preflight answer must allow GET, got {methods:?}"
        );
    }

    #[tokio::test]
    async fn other_origins_are_not_allowed() {
        let response = send(Method::GET, &[("origin", "https://evil.example")]).await;
        let allowed = header_of(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN);
        // The browser compares this header with the page's origin.
        assert!(
            allowed != Some("*") && allowed != Some("https://evil.example"),
            "only {FRONT_END} may call this API from a browser, but the answer allows {allowed:?}"
        );
    }

    #[tokio::test]
    async fn responses_are_gzipped_when_the_client_accepts_it() {
        let response = send(Method::GET, &[("accept-encoding", "gzip")]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header_of(&response, header::CONTENT_ENCODING),
            Some("gzip"),
            "the client accepts gzip: add a CompressionLayer"
        );
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(bytes[..2], [0x1f, 0x8b], "a gzip stream starts with 1f 8b");
        assert!(
            bytes.len() < report().await.len(),
            "the report compresses well"
        );
    }

    #[tokio::test]
    async fn plain_text_for_clients_without_gzip() {
        let response = send(Method::GET, &[]).await;
        assert_eq!(header_of(&response, header::CONTENT_ENCODING), None);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(bytes, report().await);
    }
}
