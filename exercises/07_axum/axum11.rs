// axum11 — a time limit for every request: tower-http's `TimeoutLayer`.
//
// A handler stuck on a slow database or upstream holds its client, memory and
// connection for as long as it takes. `tower_http::timeout::TimeoutLayer`
// drops its future after a deadline and answers with a status code you choose.
//
// Two traps: `TimeoutLayer::new(duration)`, deprecated since tower-http 0.6.7,
// hides its 408; use `TimeoutLayer::with_status_code(status, duration)`. And
// tower's own `tower::timeout::TimeoutLayer` fails with an error instead of
// answering, which an axum Router refuses without a `HandleErrorLayer`.
//
// roadmap.md §4

use std::time::Duration;

use axum::{Router, http::StatusCode, routing::get};
use axum_chapter::get_text;

/// No request may take longer than this.
const LIMIT: Duration = Duration::from_secs(1);

async fn fast() -> &'static str {
    "done at once"
}

/// Stands in for a call to a service that has stopped answering.
async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(60)).await;
    "done after a minute"
}

fn app() -> Router {
    // TODO: a request may take as long as its handler likes: nothing answers
    // 408 Request Timeout once LIMIT is over.
    Router::new()
        .route("/fast", get(fast))
        .route("/slow", get(slow))
}

#[tokio::main]
async fn main() {
    for uri in ["/fast", "/slow"] {
        let started = tokio::time::Instant::now();
        let (status, body) = get_text(app(), uri).await;
        let secs = started.elapsed().as_secs_f32();
        println!("GET {uri} -> {status} {body:?} after {secs:.1} s");
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use tokio::time::Instant;

    // Paused time: sleeps complete instantly, in order, so this test takes
    // no real time at all and measures the virtual time that passed.
    #[tokio::test(start_paused = true)]
    async fn slow_requests_are_cut_off() {
        let started = Instant::now();
        let (status, _) = get_text(app(), "/slow").await;
        let waited = started.elapsed();
        assert!(
            waited <= LIMIT,
            "the client waited {waited:?} for /slow: give up after {LIMIT:?}"
        );
        assert!(
            [
                StatusCode::REQUEST_TIMEOUT,
                StatusCode::SERVICE_UNAVAILABLE,
                StatusCode::GATEWAY_TIMEOUT
            ]
            .contains(&status),
            "a timed-out request should answer 408 (or 503/504), got {status}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn fast_requests_are_untouched() {
        assert_eq!(
            get_text(app(), "/fast").await,
            (StatusCode::OK, "done at once".to_string())
        );
    }
}
