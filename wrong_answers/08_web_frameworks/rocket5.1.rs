// wrong: `Kind::Response` replaces `Kind::Request` instead of joining it: `on_request` never runs and every response says 0
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
        // Not `self.seen`: other requests may have been counted since this one.
        let RequestNumber(number) = request.local_cache(|| RequestNumber(0));
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
    use rocket::tokio::sync::Notify;

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

    // Two requests at once: the first one is answered after the second.
    static FIRST_STARTED: Notify = Notify::const_new();
    static SECOND_DONE: Notify = Notify::const_new();

    #[get("/first")]
    async fn first() -> &'static str {
        FIRST_STARTED.notify_one();
        SECOND_DONE.notified().await;
        "first"
    }

    #[get("/second")]
    fn second() -> &'static str {
        SECOND_DONE.notify_one();
        "second"
    }

    #[rocket::async_test]
    async fn concurrent_requests_keep_their_own_numbers() {
        let rocket = rocket().mount("/", routes![first, second]);
        let client = rocket::local::asynchronous::Client::tracked(rocket)
            .await
            .unwrap();
        let first = client.get("/first").dispatch();
        let second = async {
            FIRST_STARTED.notified().await;
            client.get("/second").dispatch().await
        };
        let (first, second) = rocket::tokio::join!(first, second);
        let numbers = [first, second].map(|response| {
            let number = response.headers().get_one("X-Request-Number");
            number.map(str::to_owned)
        });
        assert_eq!(
            numbers.each_ref().map(Option::as_deref),
            [Some("1"), Some("2")],
            "the first request, answered last, must still say 1"
        );
    }
}
