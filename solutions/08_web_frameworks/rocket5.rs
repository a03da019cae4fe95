// rocket5 — fairings: code that runs around every request.
//
// A fairing is Rocket's middleware: a type implementing `Fairing`, attached
// with `Rocket::attach`. Unlike a tower layer it cannot short-circuit a
// request; it observes and adjusts (`on_request`, `on_response`, plus
// `on_ignite`, `on_liftoff`, `on_shutdown` for the app's life). Rocket calls
// only the callbacks named in the `Kind` that `info()` returns — an
// implemented callback left out of `kind` is silently never run.
// (`AdHoc::on_response(..)` builds a one-off fairing from a closure.)
//
// roadmap.md §5

use std::sync::atomic::{AtomicUsize, Ordering};

use rocket::{
    Data, Request, Response,
    fairing::{Fairing, Info, Kind},
    get,
    local::blocking::Client,
    routes,
};
use web_frameworks_chapter::quiet;

/// Numbers the requests and tells each client its number.
#[derive(Default)]
struct RequestCounter {
    seen: AtomicUsize,
}

#[rocket::async_trait]
impl Fairing for RequestCounter {
    fn info(&self) -> Info {
        Info {
            name: "request counter",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, _request: &mut Request<'_>, _data: &mut Data<'_>) {
        self.seen.fetch_add(1, Ordering::SeqCst);
    }

    async fn on_response<'r>(&self, _request: &'r Request<'_>, response: &mut Response<'r>) {
        let number = self.seen.load(Ordering::SeqCst);
        response.set_raw_header("X-Request-Number", number.to_string());
    }
}

#[get("/")]
fn index() -> &'static str {
    "hello"
}

fn client() -> Client {
    let rocket = rocket::build()
        .configure(quiet())
        .attach(RequestCounter::default())
        .mount("/", routes![index]);
    Client::tracked(rocket).unwrap()
}

fn main() {
    let client = client();
    for uri in ["/", "/", "/missing"] {
        let response = client.get(uri).dispatch();
        let number = response
            .headers()
            .get_one("X-Request-Number")
            .map(str::to_owned);
        println!(
            "GET {uri:<8} -> {} request number {number:?}",
            response.status()
        );
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    fn number(client: &Client, uri: &str) -> Option<String> {
        let response = client.get(uri).dispatch();
        response
            .headers()
            .get_one("X-Request-Number")
            .map(str::to_owned)
    }

    #[test]
    fn every_response_carries_its_number() {
        let client = client();
        assert_eq!(number(&client, "/").as_deref(), Some("1"));
        assert_eq!(number(&client, "/").as_deref(), Some("2"));
    }

    #[test]
    fn errors_are_numbered_too() {
        let client = client();
        assert_eq!(
            number(&client, "/missing").as_deref(),
            Some("1"),
            "a 404 is a response too"
        );
    }
}
