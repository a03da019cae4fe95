// wrong: counts in `on_response`, so it numbers the responses, not the requests: a request answered after a later one gets the later number
// rocket5 — fairings: code that runs around every request.
//
// A fairing is Rocket's middleware: a type implementing `Fairing`, attached
// with `Rocket::attach`. Unlike a tower layer it cannot short-circuit a
// request; it observes and adjusts (`on_request`, `on_response`, plus
// `on_ignite`, `on_liftoff`, `on_shutdown` for the app's life). Rocket calls
// only the callbacks named in the `Kind` that `info()` returns — an
// implemented callback left out of `kind` is silently never run.
// Requests are served concurrently, so what `on_request` learns about one
// request is kept *with that request* (`Request::local_cache`), not in the
// fairing, where the next request would overwrite it.
// (`AdHoc::on_response(..)` builds a one-off fairing from a closure.)
//
// roadmap.md §5

use std::sync::atomic::{AtomicUsize, Ordering};

use rocket::{
    Build, Data, Request, Response, Rocket,
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

/// The number a request was given, kept in the request's own cache.
struct RequestNumber(usize);

#[rocket::async_trait]
impl Fairing for RequestCounter {
    fn info(&self) -> Info {
        Info {
            name: "request counter",
            kind: Kind::Response,
        }
    }

    async fn on_request(&self, request: &mut Request<'_>, _data: &mut Data<'_>) {
        let number = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        request.local_cache(|| RequestNumber(number));
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let number = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        response.set_raw_header("X-Request-Number", number.to_string());
    }
}

#[get("/")]
fn index() -> &'static str {
    "hello"
}

fn rocket() -> Rocket<Build> {
    rocket::build()
        .configure(quiet())
        .attach(RequestCounter::default())
        .mount("/", routes![index])
}

fn client() -> Client {
    Client::tracked(rocket()).unwrap()
}

/// Sends `GET uri`; returns the response's `X-Request-Number` header.
fn number(client: &Client, uri: &str) -> Option<String> {
    let response = client.get(uri).dispatch();
    let number = response.headers().get_one("X-Request-Number");
    number.map(str::to_owned)
}

fn main() {
    let client = client();
    for uri in ["/", "/", "/missing"] {
        println!("GET {uri:<8} -> request number {:?}", number(&client, uri));
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use web_frameworks_chapter::overlapping_requests;

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

    #[test]
    fn concurrent_requests_keep_their_own_numbers() {
        // GET /first waits in its handler until GET /second is answered.
        let numbers = overlapping_requests(rocket(), "X-Request-Number");
        assert_eq!(
            numbers.each_ref().map(Option::as_deref),
            [Some("1"), Some("2")],
            "the first request, answered last, must still say 1"
        );
    }
}
