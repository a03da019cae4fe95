// wrong (compile): `impl AsyncFn` instead of `AsyncFnMut`: an operation that counts its own calls changes its state
// aclosure3 — `AsyncFnMut` bounds: higher-order async functions.
//
// A helper that takes "some async operation" used to need two type
// parameters: `F: FnMut() -> Fut, Fut: Future<Output = T>`. That bound cannot
// accept an async closure whose future borrows the closure's state (a counter,
// a connection): the future type `Fut` would have to be one type, chosen
// outside, with no way to borrow from `F`.
//
// Rust 1.85 added `AsyncFn`, `AsyncFnMut` and `AsyncFnOnce` (in the prelude):
// `op: impl AsyncFnMut() -> T` is "something I can call repeatedly and await,
// which may change its own state". Plain `async fn` items and old-style
// closures returning futures satisfy these bounds too. (roadmap.md §2.2)

use std::fmt::Display;
use std::time::Duration;

/// Calls `op` until it succeeds, at most `max_attempts` times (at least 1).
/// After a failed attempt it waits before trying again: `first_delay` after
/// the first failure, then twice as long after each further failure. It does
/// not wait after the last attempt; it returns that attempt's error.
async fn retry<T, E>(
    max_attempts: u32,
    first_delay: Duration,
    op: impl AsyncFn() -> Result<T, E>,

) -> Result<T, E>
where
    E: Display,
{
    let mut delay = first_delay;
    let mut attempt = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(err) if attempt < max_attempts => {
                println!("attempt {attempt} failed ({err}), retrying in {delay:?}");
                tokio::time::sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut calls = 0;
    let flaky = async || {
        calls += 1;
        // Stands in for a network call: `yield_now` returns `Pending` once
        // (letting other tasks run) and is ready when polled again.
        tokio::task::yield_now().await;
        if calls < 3 {
            Err(format!("connection refused (call {calls})"))
        } else {
            Ok("connected")
        }
    };
    let outcome = retry(4, Duration::from_millis(20), flaky).await;
    println!("outcome: {outcome:?} after {calls} calls");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn retries_until_it_succeeds() {
        let start = Instant::now();
        let mut calls = 0;
        let result = retry(5, Duration::from_millis(100), async || {
            calls += 1;
            tokio::task::yield_now().await;
            if calls < 3 {
                Err("not yet")
            } else {
                Ok(calls * 10)
            }
        })
        .await;
        assert_eq!(result, Ok(30));
        assert_eq!(calls, 3);
        assert_eq!(start.elapsed(), Duration::from_millis(100 + 200));
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_with_the_last_error() {
        let start = Instant::now();
        let mut calls = 0;
        let result: Result<(), String> = retry(4, Duration::from_millis(100), async || {
            calls += 1;
            Err(format!("failure {calls}"))
        })
        .await;
        assert_eq!(result, Err("failure 4".to_string()));
        assert_eq!(calls, 4);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(100 + 200 + 400),
            "waits double each time, and there is no wait after the last attempt"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn accepts_a_plain_async_fn() {
        async fn always_fine() -> Result<&'static str, String> {
            Ok("fine")
        }
        let start = Instant::now();
        assert_eq!(
            retry(3, Duration::from_secs(1), always_fine).await,
            Ok("fine")
        );
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
