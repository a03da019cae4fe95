// wrong: computes every line in one async block, then streams them: the first quote waits for all the others
// tokio16 — streams: the async iterator, and the `StreamExt` combinators.
//
// A `Stream` is to `Iterator` what an `async fn` is to a `fn`: it yields
// items one by one, and may have to wait before each. Like an iterator it is
// lazy and does nothing until polled; `stream.next().await` takes one item.
// `futures::StreamExt` has the adapters: `map` (a plain function per item),
// `then` (an async function per item, awaited before the next item),
// `chain` (this stream, then another), `filter`, `take`, `collect`… and
// `futures::stream` makes streams: `iter(..)` from an iterator, `once(fut)`
// of a single item. Axum's server-sent events (axum14) are such a stream.
// (roadmap.md §3; the standard library has no `Stream` yet: `futures` has it)

use std::time::Duration;

use futures::{Stream, StreamExt, stream};
use tokio::time::{Instant, sleep};

/// Asks a slow exchange for the price of one stock.
async fn fetch_price(symbol: &str) -> u32 {
    sleep(Duration::from_millis(100)).await;
    symbol.bytes().map(u32::from).sum()
}

/// One line per symbol, each as soon as its price is known, then "end".
fn quotes(symbols: Vec<&'static str>) -> impl Stream<Item = String> {
    let lines = stream::once(async move {
        let mut lines = Vec::new();
        for symbol in symbols {
            lines.push(format!("{symbol}: {}", fetch_price(symbol).await));
        }
        lines
    })
    .flat_map(stream::iter);

    with_end(lines)
}

/// The stream `lines`, then one more line: "end".
fn with_end(lines: impl Stream<Item = String>) -> impl Stream<Item = String> {
    lines.chain(stream::once(async { "end".to_string() }))
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let started = Instant::now();
    let mut feed = std::pin::pin!(quotes(vec!["RUST", "TOKIO", "AXUM"]));
    while let Some(line) = feed.next().await {
        println!("after {:>3} ms: {line}", started.elapsed().as_millis());
    }
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // Paused time: sleeps complete instantly, but the clock still adds them up.
    #[tokio::test(start_paused = true)]
    async fn every_quote_then_end() {
        let lines: Vec<String> = quotes(vec!["AB", "C"]).collect().await;
        assert_eq!(lines, ["AB: 131", "C: 67", "end"]);
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_quote_does_not_wait_for_the_others() {
        let started = Instant::now();
        let mut feed = std::pin::pin!(quotes(vec!["A", "B", "C"]));
        assert_eq!(feed.next().await.as_deref(), Some("A: 65"));
        assert_eq!(started.elapsed(), Duration::from_millis(100));
    }
}
