// wrong: a missing or wrong key is 401 Unauthorized (who are you?), not 403 Forbidden (known, but not allowed)
// rocket3_guard — request guards: `FromRequest` runs before the handler.
//
// A handler argument that is neither a capture nor the body is a *request
// guard*: a type implementing `FromRequest`, which Rocket asks first
// (`&State<T>` from rocket3 is one). `from_request` may read the whole
// request — headers, cookies, managed state — and returns an `Outcome`:
// `Success(value)` hands the value to the handler; `Error((status, reason))`
// ends the request with that status and the handler never runs;
// `Forward(status)` tries the next matching route. A handler that takes the
// guard cannot run without it, so the check cannot be forgotten on one
// route: Rocket's answer to axum's `from_fn` middleware (axum12). The trait
// method is `async`, hence `#[rocket::async_trait]` on the impl.
//
// roadmap.md §5

use rocket::{
    Build, Request, Rocket, get,
    http::{Header, Status},
    local::blocking::Client,
    request::{FromRequest, Outcome},
    routes,
};
use web_frameworks_chapter::quiet;

const API_KEY_HEADER: &str = "X-Api-Key";
/// In a real service this comes from configuration, never from the source.
const API_KEY: &str = "open-sesame";

/// Proof that the request carried the right API key.
struct ApiKey;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ApiKey {
    type Error = &'static str;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match request.headers().get_one(API_KEY_HEADER) {
            Some(key) if key == API_KEY => Outcome::Success(ApiKey),
            _ => Outcome::Error((Status::Forbidden, "missing or wrong API key")),
        }
    }
}

#[get("/admin/stats")]
fn stats(_key: ApiKey) -> &'static str {
    "42 users, 7 admins"
}

#[get("/public")]
fn public() -> &'static str {
    "anyone may read this"
}

fn rocket() -> Rocket<Build> {
    rocket::build()
        .configure(quiet())
        .mount("/", routes![stats, public])
}

/// Sends `GET uri`, with an API key if given; returns the status and body.
fn get(uri: &str, api_key: Option<&str>) -> (Status, String) {
    let client = Client::tracked(rocket()).unwrap();
    let mut request = client.get(uri);
    if let Some(key) = api_key {
        request = request.header(Header::new(API_KEY_HEADER, key.to_string()));
    }
    let response = request.dispatch();
    let status = response.status();
    (status, response.into_string().unwrap_or_default())
}

fn main() {
    for key in [None, Some("guess"), Some(API_KEY)] {
        let (status, body) = get("/admin/stats", key);
        println!("GET /admin/stats key {key:?} -> {status} {body:?}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_or_a_wrong_key_is_401() {
        for key in [None, Some("guess"), Some("")] {
            let (status, body) = get("/admin/stats", key);
            assert_ne!(
                body, "42 users, 7 admins",
                "key {key:?}, yet the handler ran"
            );
            assert_eq!(
                status,
                Status::Unauthorized,
                "key {key:?}: 401, who are you?"
            );
        }
    }

    #[test]
    fn admin_with_the_key_gets_through() {
        assert_eq!(
            get("/admin/stats", Some(API_KEY)),
            (Status::Ok, "42 users, 7 admins".to_string())
        );
    }

    #[test]
    fn public_needs_no_key() {
        assert_eq!(
            get("/public", None),
            (Status::Ok, "anyone may read this".to_string())
        );
    }
}
