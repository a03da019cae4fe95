// wrong: the last event carries "go" but no `event: liftoff` name, so a browser dispatches it as one more plain message
// axum14 — server-sent events: a response that keeps sending.
//
// Server-sent events (SSE) are a one-way stream, server to browser, over a
// plain `text/event-stream` response: each event is a few `field: value` lines
// and a blank line, and the browser's `EventSource` reconnects by itself. For
// a server-to-client feed that is simpler than a WebSocket.
//
// The handler returns `Sse::new(stream)` of `Result<Event, E>`: an `Event` has
// `.data(...)`, and optionally `.event(name)` (the browser dispatches on it)
// and `.id(...)`. Each is sent as it comes; the response ends with the stream.
// The stream is built with `futures::stream` and `StreamExt` (`iter`, `then`,
// `map`, `chain`, `once`), as in tokio16.
//
// roadmap.md §4

use std::{convert::Infallible, time::Duration};

use axum::{
    Router,
    body::Body,
    extract::Query,
    http::Request,
    response::sse::{Event, Sse},
    routing::get,
};
use futures::{Stream, StreamExt, stream};
use http_body_util::BodyExt;
use serde::Deserialize;
use tower::ServiceExt;

/// Time between two events of the countdown.
const TICK: Duration = Duration::from_millis(200);

#[derive(Debug, Deserialize)]
struct Countdown {
    from: u32,
}

async fn countdown(
    Query(countdown): Query<Countdown>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let numbers = stream::iter((1..=countdown.from).rev()).then(|n| async move {
        tokio::time::sleep(TICK).await;
        Event::default().data(n.to_string())
    });
    let liftoff = stream::once(async { Event::default().data("go") });
    Sse::new(numbers.chain(liftoff).map(Ok))
}

fn app() -> Router {
    Router::new().route("/countdown", get(countdown))
}

/// Requests /countdown?from=N and calls `on_chunk` with each piece of the
/// body as it arrives.
async fn watch_countdown(from: u32, mut on_chunk: impl FnMut(&str)) -> String {
    let request = Request::get(format!("/countdown?from={from}"))
        .body(Body::empty())
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let mut body = response.into_body();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            on_chunk(std::str::from_utf8(&data).unwrap());
        }
    }
    content_type
}

#[tokio::main]
async fn main() {
    let started = tokio::time::Instant::now();
    let content_type = watch_countdown(3, |chunk| {
        let ms = started.elapsed().as_millis();
        println!("after {ms:>4} ms: {chunk:?}");
    })
    .await;
    println!("content type: {content_type}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    /// Splits an event stream into (event name, data) pairs; an event without
    /// an `event:` field has the name "message", as in the browser.
    fn parse(text: &str) -> Vec<(String, String)> {
        text.split("\n\n")
            .filter(|block| !block.trim().is_empty())
            .map(|block| {
                let mut name = "message".to_string();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = value.trim().to_string();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data = value.trim().to_string();
                    }
                }
                (name, data)
            })
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn counts_down_then_lifts_off() {
        let mut text = String::new();
        let content_type = watch_countdown(3, |chunk| text.push_str(chunk)).await;
        assert_eq!(content_type, "text/event-stream");
        let expected: Vec<(String, String)> = [
            ("message", "3"),
            ("message", "2"),
            ("message", "1"),
            ("liftoff", "go"),
        ]
        .iter()
        .map(|(name, data)| (name.to_string(), data.to_string()))
        .collect();
        assert_eq!(
            parse(&text),
            expected,
            "after the numbers, one event named \"liftoff\" with data \"go\""
        );
    }

    #[tokio::test(start_paused = true)]
    async fn events_arrive_one_tick_apart() {
        let started = tokio::time::Instant::now();
        let mut arrivals = Vec::new();
        watch_countdown(2, |_| arrivals.push(started.elapsed())).await;
        assert!(arrivals.len() >= 2, "events: {arrivals:?}");
        assert_eq!(arrivals[0], TICK, "the first event is sent after one tick");
        assert_eq!(arrivals[1], TICK * 2, "the next one a tick later");
    }
}
