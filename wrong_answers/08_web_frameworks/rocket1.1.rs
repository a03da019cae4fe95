// wrong: `rank = 1` on `user_by_id` makes it the last candidate (default ranks are negative, lower goes first): /users/42 reaches `user_by_name`
// rocket1 — Rocket routes, `mount`, and forwarding between routes.
//
// In Rocket 0.5 a route attribute writes captures as `<id>` (not `{id}`),
// and the handler's argument of the same name is parsed with `FromParam`.
// When a capture does not parse, Rocket does not reject the request: it
// *forwards* it to the next route that matches the same path, in order
// of `rank` (lower first). If no route is left, the answer is a 422.
// Two routes that can match the same request with the same rank are a
// *collision*, and Rocket refuses to launch.
//
// `rocket::local::blocking::Client` launches a Rocket without a socket
// (`configure(quiet())`, from the chapter's support code, only turns
// Rocket's launch log down to critical messages).
//
// roadmap.md §5

use rocket::{Build, Rocket, get, local::blocking::Client, routes};
use web_frameworks_chapter::quiet;

#[get("/users/<id>", rank = 1)]
fn user_by_id(id: u32) -> String {
    format!("user #{id}")
}

#[get("/users/<name>")]
fn user_by_name(name: &str) -> String {
    format!("user named {name}")
}

fn rocket() -> Rocket<Build> {
    rocket::build()
        .configure(quiet())
        .mount("/", routes![user_by_id, user_by_name])
}

fn main() {
    let client = Client::tracked(rocket())
        .unwrap_or_else(|error| panic!("Rocket refused to launch: {}", error.kind()));
    for uri in ["/users/42", "/users/ferris"] {
        let response = client.get(uri).dispatch();
        let status = response.status();
        println!("GET {uri:<13} -> {status} {:?}", response.into_string());
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str) -> (u16, String) {
        let client = Client::tracked(rocket())
            .unwrap_or_else(|error| panic!("Rocket refused to launch: {}", error.kind()));
        let response = client.get(uri).dispatch();
        (response.status().code, response.into_string().unwrap())
    }

    #[test]
    fn a_number_reaches_user_by_id() {
        assert_eq!(get("/users/42"), (200, "user #42".to_string()));
    }

    #[test]
    fn anything_else_is_forwarded_to_user_by_name() {
        assert_eq!(get("/users/ferris"), (200, "user named ferris".to_string()));
        assert_eq!(get("/users/-1"), (200, "user named -1".to_string()));
    }
}
