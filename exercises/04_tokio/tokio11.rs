// tokio11 — `spawn_blocking`: keep CPU-heavy work off the async threads.
//
// Tokio's worker threads switch between tasks only at `.await` points. Code
// that computes for a long time without awaiting (hashing, compressing,
// parsing a huge file) or calls a blocking API holds its worker hostage: on
// a current-thread runtime every other task stops until it is done, on a
// multi-thread one a core is gone. `tokio::task::spawn_blocking(closure)`
// runs the closure on a separate pool of threads meant for blocking, and
// returns a `JoinHandle` to await. It cannot be aborted once started, so use
// it for work that finishes; for big data-parallel jobs, a dedicated pool
// such as rayon fits better. (roadmap.md §3)

use std::thread::{self, ThreadId};

/// The answer, and which thread computed it (so we can see where it ran).
#[derive(Debug)]
struct Count {
    primes: usize,
    thread: ThreadId,
}

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// CPU-bound and synchronous: counts the primes below `limit`.
fn count_primes(limit: u64) -> Count {
    let primes = (2..limit).filter(|&n| is_prime(n)).count();
    Count {
        primes,
        thread: thread::current().id(),
    }
}

/// Counts primes without holding up the async runtime.
async fn count_primes_in_background(limit: u64) -> Count {
    // TODO: this computes on the thread that runs async tasks, and nothing
    // else can run there until it is done. Move the call into
    // `tokio::task::spawn_blocking` and await its JoinHandle.
    count_primes(limit)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let heartbeat = tokio::spawn(async {
        for beat in 1..=3 {
            println!("heartbeat {beat}");
            tokio::task::yield_now().await;
        }
    });
    let count = count_primes_in_background(200_000).await;
    heartbeat.await.expect("heartbeat panicked");
    let on_runtime_thread = count.thread == thread::current().id();
    println!("{} primes below 200000", count.primes);
    println!("computed on the runtime's thread: {on_runtime_thread}");
}

// Tests are part of the exercise: do not edit them.
#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counts_the_primes() {
        assert_eq!(count_primes_in_background(10).await.primes, 4);
        assert_eq!(count_primes_in_background(10_000).await.primes, 1229);
    }

    // #[tokio::test] builds a current-thread runtime: this very thread runs
    // every async task, so work done here stops all of them.
    #[tokio::test]
    async fn the_counting_runs_off_the_runtime_thread() {
        let count = count_primes_in_background(1_000).await;
        assert_ne!(
            count.thread,
            thread::current().id(),
            "the count ran on the runtime's own thread; while it ran, no other task could"
        );
    }
}
