// wrong: `is_lowercase` and `is_numeric` accept non-ASCII characters such as `é`: /profiles/fée reaches the handler
// rocket2 — your own path parameter type with `FromParam`.
//
// Any type implementing `FromParam` can be a route capture. Parsing and
// validating there means the handler only ever sees a valid value, and a
// bad one is forwarded like a failed `u32` (here no route is left, so
// Rocket answers 422 Unprocessable Entity). axum does the same job with
// `Deserialize` on a `Path<T>`, actix with a `web::Path<T>` deserializer;
// Rocket's trait gets the (percent-decoded) segment and may borrow it.
//
// roadmap.md §5

use rocket::{Build, Rocket, get, local::blocking::Client, request::FromParam, routes};
use web_frameworks_chapter::quiet;

/// A login name: 3 to 16 characters, each a lowercase ASCII letter or digit.
struct Login<'r>(&'r str);

impl<'r> FromParam<'r> for Login<'r> {
    type Error = &'r str;

    fn from_param(param: &'r str) -> Result<Self, Self::Error> {
        let allowed = |c: char| c.is_lowercase() || c.is_numeric();
        if (3..=16).contains(&param.len()) && param.chars().all(allowed) {
            Ok(Login(param))
        } else {
            Err(param)
        }
    }
}

#[get("/profiles/<login>")]
fn profile(login: Login<'_>) -> String {
    format!("profile of {}", login.0)
}

fn rocket() -> Rocket<Build> {
    rocket::build()
        .configure(quiet())
        .mount("/", routes![profile])
}

fn main() {
    let client = Client::tracked(rocket()).expect("a valid Rocket");
    for uri in ["/profiles/ferris", "/profiles/Ferris!", "/profiles/ab"] {
        let status = client.get(uri).dispatch().status();
        println!("GET {uri:<18} -> {status}");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn status(uri: &str) -> u16 {
        Client::tracked(rocket())
            .unwrap()
            .get(uri)
            .dispatch()
            .status()
            .code
    }

    #[test]
    fn valid_logins_reach_the_handler() {
        let client = Client::tracked(rocket()).unwrap();
        let body = client.get("/profiles/ferris42").dispatch().into_string();
        assert_eq!(body.as_deref(), Some("profile of ferris42"));
        assert_eq!(status("/profiles/abc"), 200, "3 characters is enough");
        assert_eq!(status("/profiles/abcdefghijklmnop"), 200, "16 is allowed");
    }

    #[test]
    fn bad_logins_are_422() {
        for uri in [
            "/profiles/Ferris",
            "/profiles/ferris!",
            "/profiles/f%C3%A9e",
        ] {
            assert_eq!(status(uri), 422, "{uri} is not a login name");
        }
    }

    #[test]
    fn the_length_is_checked_too() {
        assert_eq!(status("/profiles/ab"), 422, "too short");
        assert_eq!(status("/profiles/abcdefghijklmnopq"), 422, "17 is too long");
    }
}
