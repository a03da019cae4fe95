// frameworks1 — one API contract, three frameworks: a bad path parameter.
//
// `GET /users/abc` where the id must be a number. Left alone, each framework
// answers differently: axum's `Path<u32>` says 400 Bad Request, actix's
// `web::Path<u32>` says 404 Not Found (both with a plain-text message), and
// Rocket forwards the request and ends at 422 Unprocessable Entity. The
// contract here is 400 with a JSON body. axum and Rocket decide it in the
// handler (take the extractor's `Result`; a `Result<u32, &str>` parameter
// never fails). Actix could too (`Result<web::Path<u32>, actix_web::Error>`),
// but it also lets the *app* decide once for every handler:
// `web::PathConfig`'s error handler, registered as app data.
//
// roadmap.md §4, §5

use actix_web::web;
use axum::{Json, extract::Path, extract::rejection::PathRejection, http::StatusCode};
use rocket::serde::json::Json as RocketJson;
use serde_json::{Value, json};
use web_frameworks_chapter::{actix_get, axum_get, rocket_get};

fn bad_id() -> Value {
    json!({ "error": "the user id must be a number" })
}

async fn axum_user(
    id: Result<Path<u32>, PathRejection>,
) -> Result<String, (StatusCode, Json<Value>)> {
    let Path(id) = id.map_err(|_| (StatusCode::BAD_REQUEST, Json(bad_id())))?;
    Ok(format!("user #{id}"))
}

#[rocket::get("/users/<id>")]
fn rocket_user(id: Result<u32, &str>) -> Result<String, (rocket::http::Status, RocketJson<Value>)> {
    let id = id.map_err(|_| (rocket::http::Status::BadRequest, RocketJson(bad_id())))?;
    Ok(format!("user #{id}"))
}

#[actix_web::get("/users/{id}")]
async fn actix_user(id: web::Path<u32>) -> String {
    format!("user #{id}")
}

fn actix_routes(cfg: &mut web::ServiceConfig) {
    let path_config = web::PathConfig::default().error_handler(|err, _request| {
        let response = actix_web::HttpResponse::BadRequest().json(bad_id());
        actix_web::error::InternalError::from_response(err, response).into()
    });
    cfg.app_data(path_config).service(actix_user);
}

fn axum_app() -> axum::Router {
    axum::Router::new().route("/users/{id}", axum::routing::get(axum_user))
}

fn rocket_app() -> rocket::Rocket<rocket::Build> {
    rocket::build().mount("/", rocket::routes![rocket_user])
}

fn main() {
    for uri in ["/users/42", "/users/abc"] {
        println!("GET {uri}");
        println!("  axum   {:?}", axum_get(axum_app(), uri));
        println!("  actix  {:?}", actix_get(actix_routes, uri));
        println!("  rocket {:?}", rocket_get(rocket_app(), uri));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn parse((status, body): (u16, String)) -> (u16, Value) {
        (
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    #[test]
    fn a_good_id_is_the_same_everywhere() {
        let ok = (200, "user #42".to_string());
        assert_eq!(axum_get(axum_app(), "/users/42"), ok);
        assert_eq!(rocket_get(rocket_app(), "/users/42"), ok);
        assert_eq!(actix_get(actix_routes, "/users/42"), ok);
    }

    #[test]
    fn a_bad_id_is_400_json_everywhere() {
        let contract = (400, bad_id());
        assert_eq!(parse(axum_get(axum_app(), "/users/abc")), contract, "axum");
        assert_eq!(
            parse(rocket_get(rocket_app(), "/users/abc")),
            contract,
            "rocket"
        );
        assert_eq!(
            parse(actix_get(actix_routes, "/users/abc")),
            contract,
            "actix"
        );
    }
}
