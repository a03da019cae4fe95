// wrong: drives the future with `futures::executor::block_on` instead of a Tokio runtime: `tokio::spawn` has no runtime to spawn on
// tokio1 — what `#[tokio::main]` really is.
//
// An `async fn` only describes work; something has to poll it to completion.
// Rust ships no such executor: a runtime such as Tokio does that, and it also
// owns the "drivers" that wake tasks when a timer fires or a socket is ready.
// `#[tokio::main]` is a macro that turns `async fn main` back into a plain
// `fn main` which builds a multi-thread runtime with
// `tokio::runtime::Builder::new_multi_thread().enable_all().build()` and calls
// `block_on` on the body. Here you write that code yourself. (roadmap.md §3)
//
// Without `enable_all()` (or at least `enable_time()`) the runtime has no
// timer driver, and `tokio::time::timeout` panics with a message saying so.

use std::time::Duration;

/// Adds up `1² + 2² + … + n²`, one spawned task per term, under a deadline.
async fn sum_of_squares(n: u64) -> u64 {
    let work = async move {
        let handles: Vec<_> = (1..=n)
            .map(|i| tokio::spawn(async move { i * i }))
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.await.expect("a square task panicked");
        }
        total
    };
    tokio::time::timeout(Duration::from_secs(5), work)
        .await
        .expect("the sum took longer than its deadline")
}

/// A plain, synchronous function that needs the result of async code.
fn run(n: u64) -> u64 {
    futures::executor::block_on(sum_of_squares(n))

}

fn main() {
    let n = 10;
    println!("1² + 2² + … + {n}² = {}", run(n));
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    // A plain #[test]: there is no runtime here until `run` builds one.
    #[test]
    fn sums_the_squares() {
        assert_eq!(run(10), 385);
        assert_eq!(run(1), 1);
    }

    #[test]
    fn each_call_gets_its_own_runtime() {
        let results: Vec<u64> = (0..4).map(run).collect();
        assert_eq!(results, vec![0, 1, 5, 14]);
    }
}
