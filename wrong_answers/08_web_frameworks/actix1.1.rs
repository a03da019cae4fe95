// wrong: `get_user` replaces `health` instead of joining it: GET /health is now a 404
// actix1 — Actix-Web routes: `#[get("/users/{id}")]`, `web::Path`, `.service()`.
//
// Actix-Web 4 is the other big async web framework (roadmap.md §5). A route
// attribute turns a handler into a *service* value; the `App` serves only
// the services you hand it with `.service(..)` (or, in a reusable piece of
// an app, `ServiceConfig::service`). Captures are written `{id}`, as in
// axum 0.8, and `web::Path<u32>` parses them. A value that does not parse
// is answered 404 Not Found by default, with a plain-text body (axum: 400).
//
// `actix_web::test` runs an `App` without a socket: `init_service` builds
// it, `call_service` sends one request, `read_body` collects the answer
// (`actix_call`, in the chapter's support file, does those three steps).

use actix_web::{get, test::TestRequest, web};
use web_frameworks_chapter::actix_call;

#[get("/health")]
async fn health() -> &'static str {
    "ok"
}

#[get("/users/{id}")]
async fn get_user(id: web::Path<u32>) -> String {
    format!("user #{}", id.into_inner())
}

/// Everything the app serves. `main` and the tests both build from it.
fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(get_user);
}

/// Sends one GET to an app built from `routes`; returns status and body.
async fn get_text(uri: &str) -> (u16, String) {
    actix_call(routes, TestRequest::get().uri(uri)).await
}

#[actix_web::main]
async fn main() {
    for uri in ["/health", "/users/42", "/users/abc"] {
        let (status, body) = get_text(uri).await;
        println!("GET {uri:<11} -> {status} {body:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn health_still_answers() {
        assert_eq!(get_text("/health").await, (200, "ok".to_string()));
    }

    #[actix_web::test]
    async fn the_user_route_is_served() {
        assert_eq!(
            get_text("/users/42").await,
            (200, "user #42".to_string()),
            "is `get_user` registered as a service?"
        );
    }

    #[actix_web::test]
    async fn a_non_number_id_is_not_found_in_actix() {
        let (status, _) = get_text("/users/abc").await;
        assert_eq!(
            status, 404,
            "web::Path<u32> answers 404 when it cannot parse"
        );
    }
}
