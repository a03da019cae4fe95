// wrong: the JSON body is written by hand with `.body(format!(..))`, so it is not labelled `Content-Type: application/json`
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

use actix_web::{
    App, HttpResponse, ResponseError, get,
    http::{StatusCode, header},
    post,
    test::{self, TestRequest},
    web,
};
use serde_json::{Value, json};
use web_frameworks_chapter::{NewUser, Store, User};

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

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).body(format!(r#"{{"error": "{self}"}}"#))
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

/// Sends one request to a fresh app; returns the status and the JSON reply
/// (`Null` if the body is not JSON). A JSON reply must say so in its
/// `Content-Type`: a client reads the header, not the bytes.
async fn send(request: TestRequest) -> (StatusCode, Value) {
    let store = web::Data::new(Store::seeded());
    let app = App::new()
        .app_data(store)
        .service(get_user)
        .service(create_user);
    let app = test::init_service(app).await;
    let response = test::call_service(&app, request.to_request()).await;
    let status = response.status();
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
    let body = test::read_body(response).await;
    let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if !value.is_null() {
        assert_eq!(
            content_type.as_ref().map(|value| value.to_str().unwrap()),
            Some("application/json"),
            "a JSON reply ({value}) labelled as something else: let \
             `HttpResponse::json` write the body and its Content-Type"
        );
    }
    (status, value)
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
