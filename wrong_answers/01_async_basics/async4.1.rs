// wrong: makes both futures first, then awaits them one after the other: futures are lazy, so the waits still add up
// async4 — `join`: wait for two futures at the same time.
//
// `a.await; b.await;` runs `b` only after `a` has finished, so two waits add
// up. To run them concurrently, poll both: `futures::future::join(a, b)` (or
// the macro `tokio::join!(a, b)`) is a future that polls each of its futures
// in turn until both are done, and outputs both results as a tuple. While one
// waits for its timer, the other makes progress, so the total is the longer
// wait, not the sum. This is concurrency on one task and one thread, not
// parallelism: nothing runs at the same instant, the waiting overlaps. For a
// list of futures, `futures::future::join_all(iter)` does the same and keeps
// the order. roadmap.md §3

use std::time::Duration;


use tokio::time::{Instant, sleep};

/// Stands in for a call to the accounts service.
async fn fetch_name(user: u32) -> String {
    sleep(Duration::from_millis(300)).await;
    format!("user{user}")
}

/// Stands in for a call to the (slower) orders service.
async fn fetch_order_count(user: u32) -> usize {
    sleep(Duration::from_millis(500)).await;
    (user as usize) % 7
}

/// One line about a user, built from both services' answers.
async fn profile(user: u32) -> String {
    let name = fetch_name(user);
    let orders = fetch_order_count(user);
    let (name, orders) = (name.await, orders.await);

    format!("{name} has {orders} orders")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    println!("{}", profile(10).await);
    println!("took {:?}", start.elapsed());
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn builds_the_profile() {
        assert_eq!(profile(10).await, "user10 has 3 orders");
    }

    #[tokio::test(start_paused = true)]
    async fn the_two_calls_overlap() {
        let start = Instant::now();
        profile(1).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(500),
            "the profile should take as long as the slower call, not both added up"
        );
    }
}
