// wrong: only `status_code` is overridden: the default `error_response` sends the message as plain text, not JSON
// actix3 — one error type for the API: `ResponseError`.
//
// Actix's version of axum's `IntoResponse` for errors is the `ResponseError`
// trait: a handler returns `Result<T, ApiError>`, uses `?`, and actix asks
// the error for its `status_code()` and its `error_response()`. Both have
// defaults: 500, and the `Display` text as a plain-text body. An API
// overrides them so each failure has its own status and a JSON body.
//
// roadmap.md §5

use std::fmt;

use actix_web::{HttpResponse, ResponseError, get, http::StatusCode, post, test::TestRequest, web};
use serde_json::{Value, json};
use web_frameworks_chapter::{NewUser, Store, User, actix_json};

#[derive(Debug)]
enum ApiError {
    NotFound(u32),
    EmptyName,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound(id) => write!(f, "user {id} not found"),
            ApiError::EmptyName => write!(f, "the name must not be empty"),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::EmptyName => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

#[get("/users/{id}")]
async fn get_user(
    store: web::Data<Store>,
    id: web::Path<u32>,
) -> Result<web::Json<User>, ApiError> {
    let id = id.into_inner();
    let user = store.get(id).ok_or(ApiError::NotFound(id))?;
    Ok(web::Json(user))
}

#[post("/users")]
async fn create_user(
    store: web::Data<Store>,
    new: web::Json<NewUser>,
) -> Result<HttpResponse, ApiError> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(ApiError::EmptyName);
    }
    Ok(HttpResponse::Created().json(store.insert(name)))
}

fn routes(cfg: &mut web::ServiceConfig) {
    let store = web::Data::new(Store::seeded());
    cfg.app_data(store).service(get_user).service(create_user);
}

/// Sends one request to a fresh app; returns the status and the JSON reply
/// (`Null` if the body is not JSON; a JSON reply must say so in its
/// `Content-Type`, which `actix_json` checks).
async fn send(request: TestRequest) -> (StatusCode, Value) {
    actix_json(routes, request).await
}

#[actix_web::main]
async fn main() {
    let empty_name = TestRequest::post()
        .uri("/users")
        .set_json(json!({ "name": " " }));
    for request in [TestRequest::get().uri("/users/42"), empty_name] {
        println!("{:?}", send(request).await);
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_missing_user_is_404_with_a_json_message() {
        let (status, body) = send(TestRequest::get().uri("/users/42")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            body,
            json!({ "error": "user 42 not found" }),
            "a JSON body, not text"
        );
    }

    #[actix_web::test]
    async fn an_empty_name_is_422_with_a_json_message() {
        let request = TestRequest::post()
            .uri("/users")
            .set_json(json!({ "name": "" }));
        let (status, body) = send(request).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body, json!({ "error": "the name must not be empty" }));
    }

    #[actix_web::test]
    async fn success_is_unchanged() {
        let (status, body) = send(TestRequest::get().uri("/users/1")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, json!({ "id": 1, "name": "Ferris" }));
    }
}
