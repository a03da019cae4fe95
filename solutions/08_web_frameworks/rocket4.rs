// rocket4 — an error type that is a `Responder`.
//
// Rocket's `Responder` trait is its `IntoResponse` (axum) and
// `ResponseError` (actix): anything a handler returns implements it, and
// `Result<T, E>` responds with `T` or `E`. Returning `Err(status)` *from*
// `respond_to` is different: it hands the request to a catcher, which
// answers with Rocket's own HTML or JSON page. To control the body, build
// the response yourself — a `(Status, R)` tuple is a responder that sets
// the status and lets `R` (here `Json`) write the body.
//
// roadmap.md §5

use std::fmt;

use rocket::{
    Request, get,
    http::Status,
    local::blocking::Client,
    response::{self, Responder},
    routes,
    serde::json::Json,
};
use serde_json::{Value, json};
use web_frameworks_chapter::{Store, User, quiet, rocket_json};

#[derive(Debug)]
enum ApiError {
    NotFound(u32),
    Forbidden(u32),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound(id) => write!(f, "user {id} not found"),
            ApiError::Forbidden(id) => write!(f, "user {id} is private"),
        }
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let status = match self {
            ApiError::NotFound(_) => Status::NotFound,
            ApiError::Forbidden(_) => Status::Forbidden,
        };
        (status, Json(json!({ "error": self.to_string() }))).respond_to(request)
    }
}

#[get("/users/<id>")]
fn get_user(id: u32) -> Result<Json<User>, ApiError> {
    if id == 0 {
        return Err(ApiError::Forbidden(id));
    }
    Store::seeded()
        .get(id)
        .map(Json)
        .ok_or(ApiError::NotFound(id))
}

/// Sends `GET uri`; returns the status and the JSON reply (`Null` if the body
/// is not JSON; a JSON reply must say so in its `Content-Type`).
fn get(uri: &str) -> (Status, Value) {
    let client = Client::tracked(
        rocket::build()
            .configure(quiet())
            .mount("/", routes![get_user]),
    )
    .unwrap();
    rocket_json(client.get(uri).dispatch())
}

fn main() {
    for uri in ["/users/1", "/users/42", "/users/0"] {
        println!("GET {uri:<9} -> {:?}", get(uri));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_user_is_404_with_a_json_message() {
        let (status, body) = get("/users/42");
        assert_eq!(status, Status::NotFound);
        assert_eq!(
            body,
            json!({ "error": "user 42 not found" }),
            "not the catcher's page"
        );
    }

    #[test]
    fn a_private_user_is_403_with_a_json_message() {
        assert_eq!(
            get("/users/0"),
            (Status::Forbidden, json!({ "error": "user 0 is private" }))
        );
    }

    #[test]
    fn success_is_unchanged() {
        assert_eq!(
            get("/users/1"),
            (Status::Ok, json!({ "id": 1, "name": "Ferris" }))
        );
    }
}
