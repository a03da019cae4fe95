// wrong: makes every call's future first, then awaits them in turn: futures are lazy, so the waits still add up
// aclosure4 — map a list through an async closure and join the futures.
//
// Calling an async closure only creates a future; nothing runs until it is
// awaited. Awaiting each call before making the next one (a `for` loop with
// `.await` inside) runs them one after another, so their waits add up.
// Making all the futures first and awaiting them together with
// `futures::future::join_all` runs them concurrently on the current task:
// the total wait is the longest one, and the results keep the input order.
//
// The bound is `AsyncFn` (not `AsyncFnMut`): every pending call holds a
// shared borrow of `f` at the same time, which a closure that mutates its
// state could not allow. (roadmap.md §2.2)

use std::collections::HashMap;
use std::time::Duration;

// (join_all no longer used)

/// Calls `f` on every item concurrently; the results are in the order of `items`.
async fn map_concurrently<T, U>(items: &[T], f: impl AsyncFn(&T) -> U) -> Vec<U> {
    let pending: Vec<_> = items.iter().map(|item| f(item)).collect();
    let mut results = Vec::with_capacity(items.len());
    for call in pending {
        results.push(call.await);
    }
    results

}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let stock = HashMap::from([("apples", 12), ("pears", 0), ("plums", 7)]);
    let started = tokio::time::Instant::now();
    let report = map_concurrently(&["apples", "pears", "plums"], async |fruit| {
        // Pretend each warehouse takes a while to answer.
        tokio::time::sleep(Duration::from_millis(50)).await;
        format!("{fruit}: {}", stock[fruit])
    })
    .await;
    println!("{report:?} in {:?}", started.elapsed());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn runs_the_calls_concurrently() {
        let start = Instant::now();
        let doubled = map_concurrently(&[300_u64, 200, 100], async |&ms| {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            ms * 2
        })
        .await;
        assert_eq!(doubled, [600, 400, 200], "results keep the input order");
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(300),
            "the calls ran one after another (300 + 200 + 100 ms); \
             they should all wait at the same time (300 ms)"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_closure_can_borrow_its_environment() {
        let names = HashMap::from([(1, "Ada"), (2, "Grace")]);
        let greetings = map_concurrently(&[2, 1, 2], async |id| {
            tokio::task::yield_now().await;
            format!("hi {}", names[id])
        })
        .await;
        assert_eq!(greetings, ["hi Grace", "hi Ada", "hi Grace"]);
    }

    #[tokio::test(start_paused = true)]
    async fn empty_input_gives_empty_output() {
        let none: Vec<u8> = map_concurrently(&[], async |&n: &u8| n).await;
        assert!(none.is_empty());
    }
}
